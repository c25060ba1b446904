"""The story page: outlets side by side, the fact matrix, quotes, entities, timeline and summary.

Input is the coverage dict of `storyline.compare.coverage` and the story's article dicts
(`Article.to_dict()`). Nothing here trusts the text: every value goes through `esc`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from storyline.report.html import (article_href, count, describe, esc, fmt_span, fmt_time,
                                   lang_attr, page)
from storyline.report.timeline import PALETTE, render_timeline

KINDS = ("shared", "partial", "unique")
MATCHES = ("exact", "partial", "paraphrase", "translation")
LABELS = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other"}


class _Story:
    """Lookups one story page needs in many places (outlet names, article titles, colours)."""

    def __init__(self, coverage: dict, articles: list[dict]) -> None:
        self.cov = coverage
        self.articles = {a.get("id"): a for a in articles if a.get("id") is not None}
        self.outlets = [o.get("outlet") for o in coverage.get("outlets") or []]
        for group in (coverage.get("facts") or []) + (coverage.get("quotes") or []):
            for v in group.get("variants") or []:  # an outlet met only here still gets a column
                if v.get("outlet") not in self.outlets:
                    self.outlets.append(v.get("outlet"))
        self.names = {o.get("outlet"): o.get("name") or o.get("outlet") for o in coverage.get("outlets") or []}
        self.index = {o: i for i, o in enumerate(self.outlets)}
        self.count = Counter(a.get("outlet") for a in articles)
        self.fact_ids = {f.get("id") for f in coverage.get("facts") or []}

    def name(self, outlet: Any) -> str:
        return str(self.names.get(outlet) or outlet or "unknown outlet")

    def swatch(self, outlet: Any) -> str:
        """The CSS class that colours an outlet like its timeline lane."""
        return f"oc{self.index.get(outlet, 0) % len(PALETTE)}"

    def lang(self, article: Any, fallback: Any = None) -> str:
        a = self.articles.get(article)
        return lang_attr(fallback or (a.get("language") if a else None))

    def title(self, article: Any) -> str:
        a = self.articles.get(article)
        return str((a or {}).get("title") or f"article {article}")

    def source(self, outlet: Any, article: Any) -> str:
        """A small link from a variant to its article (named by title when the outlet has several)."""
        label = "source" if self.count.get(outlet, 0) <= 1 else _clip(self.title(article), 48)
        if article in self.articles:
            return f'<a class="src" href="{esc(article_href(article))}">{esc(label)}</a>'
        return f'<span class="src">{esc(label)}</span>'


def render_story(coverage: dict, articles: list[dict]) -> str:
    """The whole HTML page of one story."""
    s = _Story(coverage, articles)
    story = coverage.get("story") or {}
    title = story.get("title") or f"Story {story.get('id')}"
    langs = ", ".join(str(x) for x in story.get("languages") or []) or "unknown"
    sections = [
        ("summary", "Summary", _summary(s)),
        ("outlets", "Outlets side by side", _outlets(s)),
        ("timeline", "Timeline", render_timeline(
            coverage.get("timeline") or [], s.outlets, {o: s.name(o) for o in s.outlets},
            {**{e.get("article"): e.get("title") for e in coverage.get("timeline") or [] if e.get("title")},
             **{k: s.title(k) for k in s.articles}}, set(s.articles))),
        ("facts", "Facts", _facts(s)),
        ("quotes", "Quotes", _quotes(s)),
        ("entities", "Entities per outlet", _entities(s)),
    ]
    toc = "".join(f'<a href="#{sid}">{esc(h)}</a>' for sid, h, _ in sections)
    body = (f'<h1>{esc(title)}</h1>\n<p class="meta">{count(story.get("articles"), len(articles))} articles · '
            f'{len(s.outlets)} outlets · languages: {esc(langs)} · '
            f'{esc(fmt_span(story.get("first"), story.get("last")))}</p>\n'
            f'<nav class="toc" aria-label="Sections">{toc}</nav>\n'
            + "\n".join(f'<section id="{sid}"><h2>{esc(h)}</h2>{html}</section>' for sid, h, html in sections))
    return page(f"{title} — storyline", body)


def _summary(s: _Story) -> str:
    items = []
    for item in s.cov.get("summary") or []:
        art = item.get("article")
        credits = []
        for o in item.get("outlets") or []:
            mine = (s.articles.get(art) or {}).get("outlet") == o and art in s.articles
            name = esc(s.name(o))
            credits.append(f'<a href="{esc(article_href(art))}">{name}</a>' if mine else name)
        fact = item.get("fact")
        to_fact = (f' <a class="src" href="#fact-{esc(fact)}">fact #{esc(fact)}</a>'
                   if fact is not None and fact in s.fact_ids else "")
        items.append(f'<li><span class="sent"{s.lang(art)}>{esc(item.get("text"))}</span> '
                     f'<span class="credit">— {", ".join(credits)}</span>{to_fact}</li>')
    return f'<ol class="summary">{"".join(items)}</ol>' if items else '<p class="none">No summary.</p>'


def _outlets(s: _Story) -> str:
    facts = s.cov.get("facts") or []
    total = len(facts)
    ents = s.cov.get("entities") or {}
    firsts = {e.get("outlet") for e in s.cov.get("timeline") or [] if e.get("first")}
    by_outlet = {o.get("outlet"): o for o in s.cov.get("outlets") or []}
    cards = []
    for o in s.outlets:
        info = by_outlet.get(o, {})
        mine = [f for f in facts if o in (f.get("outlets") or [])]
        kinds = Counter(f.get("kind") for f in mine)
        arts = [a for a in info.get("articles") or [] if a in s.articles] or \
               [k for k, a in s.articles.items() if a.get("outlet") == o]
        art_items = "".join(
            f'<li><a href="{esc(article_href(a))}"{s.lang(a)}>{esc(s.title(a))}</a> '
            f'<span class="when">{esc(fmt_time(s.articles[a].get("published")))}</span></li>' for a in arts)
        only = []
        for f in mine:
            if f.get("kind") == "unique":
                v = next((v for v in f.get("variants") or [] if v.get("outlet") == o), None)
                if v:
                    only.append(f'<li><a href="#fact-{esc(f.get("id"))}"{lang_attr(v.get("language"))}>'
                                f'{esc(_clip(v.get("text") or "", 160))}</a></li>')
        only_ents = [e.get("canonical") if isinstance(e, dict) else e for e in (ents.get("only") or {}).get(o) or []]
        first = '<span class="badge first">first to report</span>' if o in firsts else ""
        oid = f' <span class="oid">{esc(o)}</span>' if s.name(o) != str(o) else ""
        cards.append(
            f'<article class="outlet {s.swatch(o)}"><h3>{esc(s.name(o))}{oid}{first}</h3>'
            f'<p class="meta">languages: {esc(", ".join(map(str, info.get("languages") or [])) or "unknown")} · '
            f'first published {esc(fmt_time(info.get("first_published")))}</p>'
            f'<p>Reports {len(mine)} of {total} facts: '
            + " ".join(f'<span class="badge {k}">{kinds.get(k, 0)} {k}</span>' for k in KINDS) + "</p>"
            f'<h4>Articles</h4><ul class="articles">{art_items or "<li>none</li>"}</ul>'
            + (f'<h4>Only here</h4><ul class="only">{"".join(only)}</ul>' if only else "")
            + (f'<h4>Entities only here</h4><p class="chips">{"".join(f"<span>{esc(e)}</span>" for e in only_ents)}</p>'
               if only_ents else "")
            + "</article>")
    return f'<div class="outlets">{"".join(cards)}</div>'


def _marks(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` escaped, with <mark> on the [start, end) spans (clamped, overlaps merged)."""
    n = len(text)
    clean = sorted((max(0, a), min(n, b), o) for a, b, o in spans
                   if isinstance(a, int) and isinstance(b, int) and min(n, b) > max(0, a))
    merged: list[list] = []
    for a, b, o in clean:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2].add(o)
        else:
            merged.append([a, b, {o}])
    out, pos = [], 0
    for a, b, others in merged:
        out.append(esc(text[pos:a]))
        out.append(f'<mark title="wording differs from {esc(", ".join(sorted(map(str, others))))}">'
                   f"{esc(text[a:b])}</mark>")
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def _words(words: list[dict], text: str) -> str:
    """The differing words of one side of a difference, as text."""
    parts = [w.get("text") or text[w.get("start", 0):w.get("end", 0)] for w in words or [] if isinstance(w, dict)]
    return " … ".join(p for p in parts if p) or "(nothing)"


def _facts(s: _Story) -> str:
    facts = s.cov.get("facts") or []
    if not facts:
        return '<p class="none">No facts.</p>'
    canon = {}
    for ents in ((s.cov.get("entities") or {}).get("by_outlet") or {}).values():
        for e in ents:
            canon.setdefault(e.get("key"), e.get("canonical"))
    kinds = Counter(f.get("kind") for f in facts)
    head = "".join(f'<th scope="col" class="{s.swatch(o)}">{esc(s.name(o))}</th>' for o in s.outlets)
    rows = []
    for f in facts:
        kind = f.get("kind") if f.get("kind") in KINDS else "other"
        text_of = {(v.get("outlet"), v.get("article")): v.get("text") or "" for v in f.get("variants") or []}
        spans: dict[tuple, list] = defaultdict(list)
        diffs = []
        for d in f.get("differences") or []:
            a, b = d.get("a") or {}, d.get("b") or {}
            ka, kb = (a.get("outlet"), a.get("article")), (b.get("outlet"), b.get("article"))
            for key, words, other in ((ka, d.get("a_words"), kb[0]), (kb, d.get("b_words"), ka[0])):
                for w in words or []:
                    if isinstance(w, dict):
                        spans[key].append((w.get("start"), w.get("end"), s.name(other)))
            diffs.append(f'<li><span class="w">{esc(_words(d.get("a_words"), text_of.get(ka, "")))}</span> '
                         f'({esc(s.name(ka[0]))}) ↔ <span class="w">{esc(_words(d.get("b_words"), text_of.get(kb, "")))}'
                         f'</span> ({esc(s.name(kb[0]))})</li>')
        says: dict[Any, list[str]] = defaultdict(list)
        flags = []
        for d in f.get("disagreements") or []:
            vals = d.get("values") or []
            for v in vals:
                says[v.get("outlet")].append(f'<span class="says">{esc(d.get("field"))}: {esc(v.get("value"))}</span>')
            what = f'{d.get("field")} ({d["unit"]})' if d.get("unit") else d.get("field")
            flags.append(f'<li><strong>{esc(what)} differs:</strong> '
                         + "; ".join(f"{esc(s.name(v.get('outlet')))}: {esc(v.get('value'))}" for v in vals) + "</li>")
        cells = []
        for o in s.outlets:
            vs = [v for v in f.get("variants") or [] if v.get("outlet") == o]
            if not vs:
                cells.append(f'<td data-label="{esc(s.name(o))}" class="absent"><span>not reported</span></td>')
                continue
            inner = "".join(
                f'<div class="variant"><span class="vt"{s.lang(v.get("article"), v.get("language"))}>'
                f'{_marks(v.get("text") or "", spans.get((o, v.get("article")), []))}</span> '
                f'{s.source(o, v.get("article"))}</div>' for v in vs)
            cells.append(f'<td data-label="{esc(s.name(o))}">{inner}{"".join(says.get(o, []))}</td>')
        ents = [canon.get(k) or k for k in f.get("entities") or []]
        fid = esc(f.get("id"))
        rows.append(
            f'<tr id="fact-{fid}" class="fact {kind}{" disagree" if flags else ""}">'
            f'<th scope="row" data-label="Fact"><span class="badge {kind}">{esc(f.get("kind"))}</span> '
            f'<span class="fid">#{fid}</span> <span class="n">{len(f.get("outlets") or [])}/{len(s.outlets)} outlets</span>'
            + (f'<ul class="flags" aria-label="Disagreements">{"".join(flags)}</ul>' if flags else "")
            + (f'<details class="diffs"><summary>{len(diffs)} wording difference{"s" * (len(diffs) != 1)}</summary>'
               f'<ul>{"".join(diffs)}</ul></details>' if diffs else "")
            + (f'<p class="ents">{esc(", ".join(map(str, ents)))}</p>' if ents else "")
            + "</th>" + "".join(cells) + "</tr>")
    caption = (f"{len(facts)} facts × {len(s.outlets)} outlets: "
               + ", ".join(f"{kinds.get(k, 0)} {k}" for k in KINDS)
               + ". Marked words differ between outlets; ⚠ flags numbers, dates or speakers that disagree.")
    return (f'<div class="scroll"><table class="matrix cards"><caption>{esc(caption)}</caption>'
            f'<thead><tr><th scope="col">Fact</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _quotes(s: _Story) -> str:
    quotes = s.cov.get("quotes") or []
    if not quotes:
        return '<p class="none">No quotes.</p>'
    head = "".join(f'<th scope="col" class="{s.swatch(o)}">{esc(s.name(o))}</th>' for o in s.outlets)
    rows = []
    for q in quotes:
        conflicts = q.get("conflicts") or []
        cells = []
        for o in s.outlets:
            vs = [v for v in q.get("variants") or [] if v.get("outlet") == o]
            if not vs:
                cells.append(f'<td data-label="{esc(s.name(o))}" class="absent"><span>not quoted</span></td>')
                continue
            inner = []
            for v in vs:
                match = v.get("match")
                badge = (f'<span class="badge m-{match if match in MATCHES else "other"}">{esc(match)}</span> '
                         if match else "")
                meta = " · ".join(x for x in (esc(v.get("kind")), f"cue: <em>{esc(v.get('cue'))}</em>" if v.get("cue") else "") if x)
                other = v.get("speaker") and (v.get("speaker_key") or v.get("speaker")) != \
                    (q.get("speaker_key") or q.get("speaker"))
                who = f'<span class="vspeaker">— {esc(v.get("speaker"))}</span> ' if other else ""
                inner.append(f'<div class="variant"><q{s.lang(v.get("article"), v.get("language"))}>'
                             f'{esc(v.get("text"))}</q> {who}{badge}<span class="qmeta">{meta}</span> '
                             f'{s.source(o, v.get("article"))}</div>')
            cells.append(f'<td data-label="{esc(s.name(o))}">{"".join(inner)}</td>')
        outlets = {v.get("outlet") for v in q.get("variants") or []}
        flag = ('<ul class="flags" aria-label="Conflicts"><li><strong>speakers differ:</strong><ul>'
                + "".join(f"<li>{_conflict(s, c)}</li>" for c in conflicts) + "</ul></li></ul>" if conflicts else "")
        rows.append(f'<tr class="quote{" disagree" if conflicts else ""}"><th scope="row" data-label="Speaker">'
                    f'<span class="speaker">{esc(q.get("speaker") or "unnamed speaker")}</span> '
                    f'<span class="n">{len(outlets)}/{len(s.outlets)} outlets</span>{flag}</th>{"".join(cells)}</tr>')
    return (f'<div class="scroll"><table class="quotes cards"><caption>{len(quotes)} quotes grouped by speaker; '
            f'each cell is one outlet&#39;s version with how it matches the group (exact, partial, paraphrase, '
            f'translation).</caption><thead><tr><th scope="col">Speaker</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _conflict(s: _Story, c: Any) -> str:
    """One speaker of a quote whose outlets disagree on who said it: the name, the outlets that give
    it, the words when the record has them (a record of another shape is shown as text)."""
    if not isinstance(c, dict) or not (c.get("speaker") or c.get("text")):
        return esc(describe(c))
    outlets = c.get("outlets") or ([c["outlet"]] if c.get("outlet") else [])
    where = f' <span class="n">({esc(", ".join(s.name(o) for o in outlets))})</span>' if outlets else ""
    if c.get("article") in s.articles:
        where += f' {s.source(c.get("outlet"), c["article"])}'
    words = f': <q{s.lang(c.get("article"))}>{esc(c["text"])}</q>' if c.get("text") else ""
    return f'{esc(c.get("speaker") or "an unnamed speaker")}{where}{words}'


def _entities(s: _Story) -> str:
    by_outlet = (s.cov.get("entities") or {}).get("by_outlet") or {}
    rows: dict[Any, dict] = {}
    for o, ents in by_outlet.items():
        for e in ents or []:
            r = rows.setdefault(e.get("key") or e.get("canonical"), {"name": e.get("canonical"),
                                                                    "label": e.get("label"), "by": {}})
            r["by"][o] = e
    if not rows:
        return '<p class="none">No entities.</p>'
    order = sorted(rows.values(), key=lambda r: (-len(r["by"]), -sum(int(e.get("mentions") or 0)
                                                                       for e in r["by"].values()), str(r["name"])))
    head = "".join(f'<th scope="col" class="{s.swatch(o)}">{esc(s.name(o))}</th>' for o in s.outlets)
    body = []
    for r in order:
        cells = []
        for o in s.outlets:
            e = r["by"].get(o)
            if e is None:
                cells.append(f'<td data-label="{esc(s.name(o))}" class="absent"><span>—</span></td>')
                continue
            other = f' <span class="alias">{esc(e.get("canonical"))}</span>' if e.get("canonical") != r["name"] else ""
            cells.append(f'<td data-label="{esc(s.name(o))}" class="num">{esc(e.get("mentions"))}{other}</td>')
        every = " all" if len(r["by"]) == len(s.outlets) and len(s.outlets) > 1 else ""
        body.append(f'<tr class="entity{every}"><th scope="row" data-label="Entity">{esc(r["name"])}</th>'
                    f'<td data-label="Type">{esc(LABELS.get(r["label"], r["label"]))}</td>{"".join(cells)}</tr>')
    return (f'<div class="scroll"><table class="entities cards"><caption>Mentions of each entity per outlet '
            f'(names differ across languages; the key that joins them is language-independent).</caption>'
            f'<thead><tr><th scope="col">Entity</th><th scope="col">Type</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def _clip(text: str, n: int) -> str:
    """`text` cut to n characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"
