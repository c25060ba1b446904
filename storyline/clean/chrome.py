"""Which lines of a page are chrome, and why.

Signals, applied in this order (the numbers recur in the code's comments):
1. pattern  — the line is catalogued chrome in the article's language (`patterns.py`), the
              outlet's own name (the masthead), or part of a run of 3+ one-to-three-word lines
              with no blank line between them (a navigation menu);
2. caption  — the line ends with a photo credit, or is a bare credit (then the line above it,
              glued to it, is the caption);
3. position — everything after a comments heading or a copyright line is the page's tail;
4. repeat   — the line repeats (or is the start of) a caption, or repeats body text as a
              pull quote (also with other quote marks or small edits), or is the attribution
              line under such a pull quote, or is a short non-sentence line that occurs more
              than once in the page;
5. outlet   — the line recurs in many articles of the same outlet (learned as the corpus grows);
6. shape    — no letters at all, or a menu of short items joined by separators;
7. block    — a short non-sentence line with chrome right above and right below it; headline
              lines under a bare teaser label ("Mehr zum Thema"); the author's biography line.
Steps 1–2 run before the header is parsed (`premark`), so menus and mastheads are never
taken for a title.
Body headings (a short line directly followed by its paragraph, or marked by the source) are
protected from signals 4–7: only the catalogue, captions and the tail can drop them.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass

from .patterns import BARE_CREDIT, CAPTION_CREDIT, COPYRIGHT_NOTICE, long_trigger, match_chrome

_SENTENCE_END = re.compile(r"[.!?…:;\"“”»«)]\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_MENU_SEP = re.compile(r"\s+[|·•»/›>]\s+")
_NOT_MENU = re.compile(r"\d{1,2}[./:]\d{1,2}|^(?:von|by|par|por|di|de)\s+\w", re.I)  # dates and bylines
_WORD = re.compile(r"\w+")
_OPEN_QUOTES = set("\"“”„«»‚‘’'›‹")  # a quote box's line starts with one; the fuzzy repeat test asks only those
_DIGITS = re.compile(r"\d+")
_QUOTE_CHARS = re.compile("[\"“”„«»‚‘’'›‹]")
_HEADING_END = re.compile(r"[.!?;,]\s*$")
_STOP_END = re.compile(r"[.!?]$")
_MENU_CHARS = "|·•»/›>"  # a line without any of these has no menu separator
_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than the plain space
MAX_CHROME_WORDS = 30  # the whole catalogue is asked about lines this short
MAX_LONG_CHROME_WORDS = 80  # cookie banners and comment notices run longer; only their kinds are asked


def word_count(text: str) -> int:
    """len(text.split()), without building the words for a line whose only whitespace is single spaces inside."""
    if not text or text[0] == " " or text[-1] == " " or "  " in text or _OTHER_SPACE.search(text):
        return len(text.split())
    return text.count(" ") + 1


@dataclass(slots=True)
class Line:
    """One non-empty line of a draft: its text, its 1-based line number, what it became."""

    text: str
    lineno: int
    blank_after: bool = True  # is the next line empty (or the end)?
    heading: bool = False
    drop: tuple[str, str] | None = None  # (signal, reason)
    words: int = -1  # word count, kept in step with `text` by `set_text`

    def __post_init__(self) -> None:
        self.words = word_count(self.text)

    def set_text(self, text: str) -> None:
        self.text = text
        self.words = word_count(text)


@lru_cache(maxsize=65536)
def key(line: str) -> str:
    """The form under which a line is counted across an outlet's articles (cached: chrome lines recur)."""
    return _DIGITS.sub("0", " ".join(line.lower().split()))


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) and len(text.split()) >= 4


def body_line(ln: Line) -> bool:
    """A line that reads like a body paragraph (long, or a full sentence of some length)."""
    return ln.words >= 15 or (ln.words >= 7 and bool(_SENTENCE_END.search(ln.text)))


def _norm(text: str) -> str:
    return " ".join(_QUOTE_CHARS.sub("", text).lower().split())


def mark_headings(lines: list[Line], known: set[str]) -> None:
    """A short non-sentence line directly followed by a paragraph, or marked by the source, is a heading."""
    for i, ln in enumerate(lines):
        if ln.text in known:
            ln.heading = True
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        ln.heading = (
            not ln.blank_after and nxt is not None and ln.words <= 10 and len(ln.text) <= 90 and body_line(nxt)
            and not _HEADING_END.search(ln.text) and bool(_LETTER.search(ln.text))
        )


def premark(lines: list[Line], *, lang: str | None, names: set[str] | None = None) -> None:
    """Steps 1-2: catalogue, masthead, menu runs, credits and captions (sets `drop`)."""
    names = {n.lower() for n in names or () if n}
    longest_name = max(map(len, names), default=-1)
    starts = [(n + " ", len(n.split()) + 2) for n in names]
    for i, ln in enumerate(lines):
        if ln.drop:
            continue
        t = ln.text
        # a line longer than every name can only be the masthead when it starts with one (4 words or fewer)
        low = t.lower() if ln.words <= 4 or len(t) <= longest_name else ""
        if low in names or (ln.words <= 4 and any(low.startswith(s) and ln.words <= most for s, most in starts)):
            ln.drop = ("pattern", "the outlet's own name (masthead or product label)")
            continue
        # 2. a bare credit first: "© dpa/Name" is a photo credit, not a footer
        if ln.words <= 12 and _bare_credit(t):
            ln.drop = ("caption", "photo credit")
            prev = lines[i - 1] if i > 0 else None
            if prev is not None and not prev.blank_after and not prev.drop and not prev.heading and prev.words <= 40:
                prev.drop = ("caption", "image caption (credit on the next line)")
            continue
        long = ln.words > MAX_CHROME_WORDS
        if ln.words <= MAX_LONG_CHROME_WORDS and (not long or long_trigger(t)):
            hit = match_chrome(t, lang, long=long)
            if hit:
                ln.drop = ("pattern", hit[1])
                continue
        if ln.words <= 60:
            m = _credit_at_end(t)
            if m and m.start() > 0:
                ln.drop = ("caption", f"image caption (credit '{m.group(0).strip(' ()|')}')")
    # 1b. menu runs: 3+ short lines with no blank line between them; the unmarked ones are menu items
    run: list[Line] = []
    for ln in lines + [Line(text="", lineno=-1)]:
        if ln.text and ln.words <= 3 and not _SENTENCE_END.search(ln.text) and not ln.heading and ln.lineno >= 0 \
                and not _NOT_MENU.search(ln.text):
            run.append(ln)
            if ln.blank_after:
                _close_run(run)
                run = []
        else:
            _close_run(run)
            run = []


@lru_cache(maxsize=16384)
def _bare_credit(text: str) -> bool:
    """A line that is only a photo credit ("(Bild: AFP)", "© dpa/Name"), not a copyright notice."""
    return bool(BARE_CREDIT.fullmatch(text)) and not COPYRIGHT_NOTICE.search(text)


def _credit_at_end(text: str):
    """A photo credit closing the line; only the last 140 characters can hold one."""
    tail = text[-140:]
    # every credit form ends the line with ")", or has ©, ":", "/" or "|" in its tail and no closing stop
    if not (text.endswith(")") or "©" in tail or (text[-1:] not in ".!?…\"“”»" and (
            ":" in tail or "/" in tail or "|" in tail))):
        return None
    return CAPTION_CREDIT.search(text, max(0, len(text) - 140))


def _close_run(run: list[Line]) -> None:
    if len(run) >= 3:
        for ln in run:
            if not ln.drop:
                ln.drop = ("pattern", f"navigation menu (a run of {len(run)} short lines)")


def classify(lines: list[Line], *, lang: str | None, boilerplate: dict[str, int] | None = None,
             outlet: str | None = None, outlet_docs: int = 0, names: set[str] | None = None,
             author: str | None = None, premarked: bool = False) -> None:
    """Set `drop` on every chrome line of `lines` (in page order); `premarked`: steps 1-2 already ran."""
    # 1.-2. catalogue, masthead, menus, captions
    if not premarked:
        premark(lines, lang=lang, names=names)
    captions: list[str] = []
    for ln in lines:
        if ln.drop and ln.drop[0] == "caption" and ln.drop[1].startswith("image caption"):
            m = _credit_at_end(ln.text)
            captions.append(ln.text[: m.start()].strip() if m and m.start() > 0 else ln.text)
    # 3. the page's tail: after a comments heading or a copyright line, once the body has begun
    seen_body = 0
    for i, ln in enumerate(lines):
        if not ln.drop and body_line(ln):
            seen_body += 1
        if seen_body >= 2 and ln.drop and ln.drop[1] in ("comments section", "copyright or legal line"):
            what = "comments" if ln.drop[1] == "comments section" else "footer"
            for later in lines[i + 1:]:
                if not later.drop:
                    later.drop = ("position", f"in the page's {what} after '{ln.text[:40]}'")
            break
    # 4. repeats: of captions, of body text (pull quotes), of short lines
    # Lines over 40 words cannot be pull quotes or caption repeats; for them only an exact repeat
    # counts, and they are never normalized (the costly part on long pages).
    counts = Counter(ln.text for ln in lines)
    seen: set[str] = set()
    for ln in lines:
        if ln.words > 40:
            if ln.text in seen and not ln.drop and not ln.heading:
                ln.drop = ("repeat", "paragraph repeated in the page")
            seen.add(ln.text)
    # a line over 40 words is never compared by its norm (no shorter line's norm can equal it), so it is
    # lowered only if the page's trigrams are needed
    norms = [_norm(ln.text) if 4 <= ln.words <= 40 else ln.text.lower() if ln.words < 4 else None for ln in lines]
    page_text = _QUOTE_CHARS.sub("", " \n ".join(ln.text for ln in lines if not ln.drop)).lower()
    by_norm: dict[str, list[int]] = {}
    for j, n in enumerate(norms):
        if n is not None:
            by_norm.setdefault(n, []).append(j)
    page_tri: Counter | None = None  # built on first need: most pages never ask
    capnorm = [_norm(c) for c in captions if c]
    for i, ln in enumerate(lines):
        if ln.drop or ln.heading or ln.words > 40:
            continue
        n = norms[i]
        if capnorm and n and any(c == n or (c.startswith(n) and len(n) >= 0.5 * len(c)) for c in capnorm):
            ln.drop = ("repeat", "repeat of an image caption")
            continue
        after_icon = _after_icon(lines, i)
        elsewhere = page_text.count(n) - 1 if n else 0  # the line itself is in page_text once
        twins = [j for j in by_norm[n] if j != i] if elsewhere else []
        if twins:
            # the same sentence twice as whole lines: the copy in the quote box goes, the body keeps one
            quote_copy = after_icon or (not any(_after_icon(lines, j) for j in twins) and twins[0] < i)
        else:
            quote_copy = after_icon or elsewhere >= 1
            if not quote_copy and 5 <= ln.words <= 40 and ln.text[:1] in _OPEN_QUOTES:
                if page_tri is None:
                    page_tri = Counter(t for m, o in zip(norms, lines) if not o.drop
                                       for t in _trigrams_list(o.text.lower() if m is None else m))
                quote_copy = _mostly_elsewhere(n, page_tri)
        if ln.words >= 4 and quote_copy:
            ln.drop = ("repeat", "pull quote repeating body text")
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt and not nxt.drop and not nxt.heading and nxt.words <= 8 and not _SENTENCE_END.search(nxt.text):
                nxt.drop = ("repeat", "pull-quote attribution")
            continue
        if counts[ln.text] > 1 and ln.words <= 8 and not _SENTENCE_END.search(ln.text):
            ln.drop = ("repeat", "short line repeated in the page")
    # 5. outlet boilerplate learned from earlier articles
    if boilerplate:
        for ln in lines:
            if not ln.drop and not ln.heading and ln.words <= 15:
                seen = boilerplate.get(key(ln.text), 0)
                if seen:
                    ln.drop = ("outlet", f"recurs in {seen} of {outlet_docs} articles of {outlet}")
    # 6. shape
    for ln in lines:
        if ln.drop:
            continue
        if not _LETTER.search(ln.text):
            ln.drop = ("shape", "no words (symbols, numbers or time codes only)")
        elif any(c in ln.text for c in _MENU_CHARS) and len(_MENU_SEP.split(ln.text)) >= 3 \
                and all(len(p.split()) <= 3 for p in _MENU_SEP.split(ln.text)):
            ln.drop = ("shape", "menu of links")
    # 7. blocks: a short line between two chrome lines is chrome too (a longer one when the block is tight,
    #    with no blank line around it, like a list of teaser headlines under "Mehr zum Thema")
    for _ in range(2):
        for i, ln in enumerate(lines):
            if ln.drop or ln.heading or ln.words > 12 or _SENTENCE_END.search(ln.text):
                continue
            before = lines[i - 1] if i > 0 else None
            after = lines[i + 1] if i + 1 < len(lines) else None
            if before is None or after is None or not before.drop or not after.drop:
                continue
            tight = not before.blank_after and not ln.blank_after
            if ln.words <= 6 or tight:
                ln.drop = ("block", "inside a block of page chrome")


    # 7b. headlines listed under a bare teaser label ("Mehr zum Thema", "Related", "Lire aussi")
    for i, ln in enumerate(lines):
        if ln.drop and ln.drop[1] in ("link to another article", "advertisement label") and ln.words <= 5:
            for later in lines[i + 1:]:
                if later.drop:
                    continue
                if later.heading or body_line(later) or later.words > 16 or _STOP_END.search(later.text):
                    break
                later.drop = ("block", "headline of another article (under a teaser label)")
    # 7c. the author's biography line ("Owen Pryce is the Ledger's transport correspondent")
    if author:
        bio = re.compile(rf"{re.escape(author)}\s+(?:is|was|ist|war|est|es|è|writes|schreibt|covers)\b.{{0,160}}", re.I)
        for ln in lines:
            if not ln.drop and ln.words <= 40 and bio.fullmatch(ln.text):
                ln.drop = ("block", "the author's biography")


def _mostly_elsewhere(n: str, page_trigrams: Counter) -> bool:
    """Most of this line's word trigrams occur elsewhere in the page (a lightly edited repeat)."""
    own = Counter(_trigrams_list(n))
    if len(own) < 3:
        return False
    return sum(1 for t, c in own.items() if page_trigrams[t] > c) >= 0.8 * len(own)


def _trigrams_list(text: str) -> list[tuple[str, ...]]:
    w = _WORD.findall(text)
    return [tuple(w[k:k + 3]) for k in range(len(w) - 2)]


def _after_icon(lines: list[Line], i: int) -> bool:
    return i > 0 and lines[i - 1].drop is not None and lines[i - 1].drop[1] == "quote icon" and lines[i].words <= 40
