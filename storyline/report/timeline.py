"""The publication timeline of a story as inline SVG: one lane per outlet, a dot per article.

Times are drawn in UTC on one axis. A minute-precision time is a filled dot; a day or month
precision time is a bar over the day or month it covers with a hollow dot at its middle (the
exact moment is not known); an article without a time is a grey dot in an "undated" column at the
lane's end. The first report is ringed and labelled; updates are drawn as hollow dots.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from storyline.report.html import article_href, esc, fmt_time, parse_time, precision

WIDTH = 760
LABEL_W = 180  # lane labels on the left
UNDATED_W = 90  # the undated column on the right, when any article lacks a time
LANE_H = 40
TOP = 34  # room for the axis labels
BOTTOM = 12
# Okabe-Ito: distinguishable with the common colour-vision deficiencies
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#000000")

_STEPS = [
    timedelta(minutes=m) for m in (1, 5, 10, 15, 30)
] + [timedelta(hours=h) for h in (1, 2, 3, 6, 12)] + [timedelta(days=d) for d in (1, 2, 7, 14)]


def colour(index: int) -> str:
    """The colour of the outlet at `index` in the story's outlet order."""
    return PALETTE[index % len(PALETTE)]


def _ticks(lo: datetime, hi: datetime) -> list[tuple[datetime, str]]:
    """Round tick positions in [lo, hi] with labels, at most about eight."""
    span = hi - lo
    step = next((s for s in _STEPS if span / s <= 8), None)
    if step is None:  # months
        months = max(1, int(span.days / 30 / 8) + 1)
        t = datetime(lo.year, lo.month, 1, tzinfo=timezone.utc)
        out = []
        while t <= hi:
            if t >= lo:
                out.append((t, t.strftime("%b %Y")))
            m = t.month - 1 + months
            t = t.replace(year=t.year + m // 12, month=m % 12 + 1)
        return out
    epoch = datetime(2000, 1, 1, tzinfo=timezone.utc)
    t = epoch + ((lo - epoch) // step + 1) * step
    out = []
    while t <= hi:
        if step >= timedelta(days=1):
            label = t.strftime("%d %b")
        elif t.hour == 0 and t.minute == 0:
            label = t.strftime("%d %b")
        else:
            label = t.strftime("%H:%M")
        out.append((t, label))
        t += step
    return out


def render_timeline(timeline: list[dict], outlets: list[str], names: dict[str, str],
                    titles: dict[Any, str], linkable: set) -> str:
    """The SVG figure and a table with the same data (the table is what a screen reader reads).

    `outlets` fixes the lane order; `names` maps outlet ids to display names, `titles` article ids
    to titles, and `linkable` holds the article ids that have a page.
    """
    lanes = list(outlets) + [o for o in dict.fromkeys(e.get("outlet") for e in timeline)
                             if o not in outlets]
    lane_of = {o: i for i, o in enumerate(lanes)}
    spans = [parse_time(e.get("published")) for e in timeline]
    dated = [s for s in spans if s]
    undated = any(s is None for s in spans)
    x0, x1 = LABEL_W + 14, WIDTH - 16 - (UNDATED_W if undated else 0)
    height = TOP + LANE_H * max(1, len(lanes)) + BOTTOM
    if dated:
        lo, hi = min(s[0] for s in dated), max(s[1] for s in dated)
        if hi - lo < timedelta(hours=1):  # one moment: give it room on both sides
            lo, hi = lo - timedelta(minutes=30), hi + timedelta(minutes=30)
        pad = (hi - lo) * 0.04
        lo, hi = lo - pad, hi + pad
    scale = (lambda t: x0 + (x1 - x0) * ((t - lo) / (hi - lo))) if dated else None

    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
             f'role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">',
             '<title id="timeline-title">Publication timeline: one lane per outlet, one dot per '
             'article</title>']
    for i, o in enumerate(lanes):  # lanes with their labels
        y = TOP + LANE_H * i
        parts.append(f'<rect class="lane" x="0" y="{y}" width="{WIDTH}" height="{LANE_H}"/>')
        parts.append(f'<text class="lane-label" x="8" y="{y + LANE_H / 2 + 4:.0f}">'
                     f'{esc(_clip(names.get(o) or o, 22))}</text>')
    if scale:
        for t, label in _ticks(lo, hi):
            x = scale(t)
            parts.append(f'<line class="tick" x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{height - BOTTOM}"/>')
            parts.append(f'<text class="tick-label" x="{x:.1f}" y="{TOP - 10}" text-anchor="middle">'
                         f'{esc(label)}</text>')
        parts.append(f'<text class="axis-note" x="8" y="{TOP - 10}">times in UTC</text>')
    else:
        parts.append(f'<text class="axis-note" x="{x0}" y="16">no publication times known</text>')
    if undated:
        ux = WIDTH - 16 - UNDATED_W / 2 + 10
        sep = WIDTH - 16 - UNDATED_W + 20  # a rule between the time axis and the undated column
        parts.append(f'<line class="undated-rule" x1="{sep}" y1="{TOP - 4}" x2="{sep}" y2="{height - BOTTOM}"/>')
        parts.append(f'<text class="tick-label" x="{ux:.0f}" y="{TOP - 10}" text-anchor="middle">undated</text>')
    seen_undated: dict[str, int] = {}
    for entry, span in zip(timeline, spans):
        o = entry.get("outlet")
        cy = TOP + LANE_H * lane_of[o] + LANE_H / 2
        fill = colour(lane_of[o])
        prec = precision(entry.get("published"))
        if span is None:
            k = seen_undated[o] = seen_undated.get(o, -1) + 1
            cx, fill, cls = WIDTH - 16 - UNDATED_W / 2 + 10 + (0, -16, 16)[k % 3], "#8a8a8a", "dot undated"
        else:
            a, b = scale(span[0]), scale(span[1])
            cx = (a + b) / 2
            cls = "dot" if prec == "minute" else f"dot {prec}"
            if prec != "minute":
                parts.append(f'<rect class="span" x="{a:.1f}" y="{cy - 5:.1f}" width="{max(b - a, 2):.1f}" '
                             f'height="10" rx="3" fill="{fill}"/>')
        if entry.get("update"):
            cls += " update"
        if entry.get("first"):
            cls += " first"
            parts.append(f'<circle class="first-ring" cx="{cx:.1f}" cy="{cy:.1f}" r="11" stroke="{fill}"/>')
            parts.append(f'<text class="first-label" x="{cx:.1f}" y="{cy - 14:.1f}" text-anchor="middle">'
                         'first</text>')
        hollow = prec in ("day", "month") or entry.get("update")
        art = entry.get("article")
        tip = f"{names.get(o) or o} — {fmt_time(entry.get('published'))}"
        if titles.get(art):
            tip += f" — {titles[art]}"
        if entry.get("update"):
            tip += " (update)"
        dot = (f'<circle class="{cls}" cx="{cx:.1f}" cy="{cy:.1f}" r="6" '
               f'fill="{"#ffffff" if hollow else fill}" stroke="{fill}" '
               f'data-outlet="{esc(o)}" data-article="{esc(art)}"><title>{esc(tip)}</title></circle>')
        if art in linkable:
            dot = f'<a href="{esc(article_href(art))}">{dot}</a>'
        parts.append(dot)
    parts.append("</svg>")
    return ('<figure class="timeline-figure"><div class="scroll">' + "".join(parts) + "</div>"
            '<figcaption>Filled dot: published at a known minute. Hollow dot on a bar: only the '
            'day or month is known. Ring: first to report. Hollow dot without a bar: an update.'
            "</figcaption></figure>" + _table(timeline, names, titles, linkable))


def _table(timeline: list[dict], names: dict[str, str], titles: dict[Any, str], linkable: set) -> str:
    """The timeline as a table, in publication order (unknown times last)."""
    def key(e: dict):
        span = parse_time(e.get("published"))
        return (span is None, span[0] if span else None)

    rows = []
    for e in sorted(timeline, key=key):
        art = e.get("article")
        title = esc(titles.get(art) or f"article {art}")
        link = f'<a href="{esc(article_href(art))}">{title}</a>' if art in linkable else title
        notes = ", ".join(n for n, on in (("first to report", e.get("first")), ("update", e.get("update"))) if on)
        rows.append(f'<tr><td data-label="Published">{esc(fmt_time(e.get("published")))}</td>'
                    f'<td data-label="Outlet">{esc(names.get(e.get("outlet")) or e.get("outlet"))}</td>'
                    f'<td data-label="Article">{link}</td><td data-label="Note">{esc(notes)}</td></tr>')
    return ('<details class="timeline-table"><summary>The timeline as a table</summary>'
            '<table class="cards"><thead><tr><th scope="col">Published</th><th scope="col">Outlet</th>'
            '<th scope="col">Article</th><th scope="col">Note</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></details>")


def _clip(text: str, n: int) -> str:
    """`text` cut to n characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"
