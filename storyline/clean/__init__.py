"""Clean: a `Draft` to an `Article` — body paragraphs, chrome dropped (and recorded why), metadata.

The cascade, numbered as in the code:
1. split into lines (hard-wrapped plain text is unwrapped first); cut a metadata prefix;
2. guess the language from the longest lines, for the language-aware chrome catalogue;
3. parse the header of a page (title, subtitle, section, date, author) — `header.py`;
4. mark body headings and classify chrome — `chrome.py`;
5. cut a trailing credit (outlet and agency) from the last paragraph;
6. resolve the outlet: the source's hint, the credit, domains named in the dropped chrome;
   if the outlet's learned boilerplate was not applied yet, classify again with it;
7. parse the publication date in the outlet's time zone;
8. detect the language of the clean text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lang import detect_language
from ..model import Article, Draft, DroppedLine, HeaderLine, Paragraph
from ..outlets import Outlet, Registry, domains_in
from .chrome import Line, body_line, classify, key, mark_headings, premark
from .dates import ParsedDate, parse_date, parse_date_line
from .header import cut_prefix, parse_credit, parse_header

_SPACES = re.compile(r"[ \t\u00a0]+")
# outlet id -> (boilerplate line keys with their counts, number of the outlet's articles seen)
ProfileLookup = Callable[[str], tuple[dict[str, int], int]]
LEARN_MAX_WORDS = 15


def _lines(body: str, shape: str) -> list[Line]:
    raw = [(ln.strip(), i + 1) for i, ln in enumerate(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"))]
    if shape == "page":
        raw = _unwrap(raw)
    out: list[Line] = []
    for k, (t, lineno) in enumerate(raw):
        if t:
            if "  " in t or "\t" in t or "\u00a0" in t:
                t = _SPACES.sub(" ", t)
            out.append(Line(text=t, lineno=lineno,
                            blank_after=(k + 1 >= len(raw) or not raw[k + 1][0])))
    return out


def _unwrap(raw: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Join hard-wrapped lines (plain text wrapped at ~72-80 columns) back into paragraphs.

    A joined paragraph keeps the number of its first line, so dropped lines still point into the source.
    """
    lengths = [len(t) for t, _ in raw if t]
    if not lengths or max(lengths) > 100 or sum(1 for n in lengths if n >= 50) < 5:
        return raw
    width = max(lengths)
    out: list[tuple[str, int]] = []
    joining = False
    for t, lineno in raw:
        if joining and t:
            out[-1] = (out[-1][0] + " " + t, out[-1][1])
        else:
            out.append((t, lineno))
        # a line that reaches near the wrap width continues on the next one
        joining = bool(t) and (len(t) >= 0.85 * width or (len(t) >= 0.6 * width and not re.search(r"[.!?:]\"?$", t)))
    return out


def _learn(lines: list[Line], consumed: set[int | None], heads: set[str]) -> set[str]:
    """Keys of a page's short lines (not header, not headings), for learning its outlet's boilerplate."""
    return {key(ln.text) for ln in lines
            if ln.lineno not in consumed and ln.words <= LEARN_MAX_WORDS and ln.text not in heads
            and not body_line(ln)}


def clean(draft: Draft, *, registry: Registry | None = None, profiles: ProfileLookup | None = None) -> Article:
    """Turn a draft into a clean Article (see the cascade in the module docstring)."""
    registry = registry or Registry.packaged()
    warnings = list(draft.warnings)
    header_lines: list[HeaderLine] = []
    # 1. lines and a metadata prefix
    lines = _lines(draft.body, draft.shape)
    prefix_value = None
    if lines:
        rest, prefix = cut_prefix(lines[0].text)
        if prefix:
            header_lines.append(HeaderLine(line=prefix[0], field="published (metadata prefix)", lineno=lines[0].lineno))
            prefix_value = prefix[1]
            lines[0].set_text(rest.strip())
            if not lines[0].text:
                lines.pop(0)
    # 2. a first guess of the language, from the longest lines
    longest = " ".join(sorted((ln.text for ln in lines), key=len, reverse=True)[:6])
    detected, score = detect_language(longest)
    lang = detected or (draft.language or None)
    outlet = registry.resolve(draft.outlet) if draft.outlet else None
    if outlet is None and draft.url:
        outlet = registry.resolve(draft.url)
    # 3. header (after marking the chrome that must never become a title: menus, mastheads, catalogue)
    names = _names(outlet)
    premark(lines, lang=lang, names=names)
    title, subtitle, section, author = draft.title, draft.subtitle, draft.section, draft.author
    published_raw = draft.published
    consumed: dict[int, str] = {}
    if draft.shape == "page":
        head = parse_header(lines, lang=lang, outlet_tz=None, known_title=draft.title)
        consumed = head.consumed
        title = title or head.title
        subtitle = subtitle or head.subtitle
        section = section or head.section
        author = author or head.author
        if head.published_raw:
            published_raw = head.published_raw
        elif head.published is not None:
            published_raw = next(lines[i].text for i, f in consumed.items() if f.startswith("published"))
    elif lines and draft.title and lines[0].text == draft.title.strip():
        consumed[0] = "title (repeat)"
    for i, f in sorted(consumed.items()):
        header_lines.append(HeaderLine(line=lines[i].text, field=f, lineno=lines[i].lineno))
    body = [ln for i, ln in enumerate(lines) if i not in consumed]
    if subtitle and body and body[0].text.strip() == subtitle.strip() and draft.shape == "body":
        subtitle = None  # the page's description is its first paragraph
    # 4. headings and chrome
    mark_headings(body, set(draft.headings))
    applied_profile = None
    if outlet and profiles:
        applied_profile = outlet.id
        bp, n = profiles(outlet.id)
        classify(body, lang=lang, boilerplate=bp, outlet=outlet.id, outlet_docs=n, names=names, author=author,
                 premarked=True)
    else:
        classify(body, lang=lang, names=names, author=author, premarked=True)
    # 5. trailing credit
    credit_outlet = agency = None
    kept = [ln for ln in body if not ln.drop]
    if kept:
        rest, credit, credit_outlet, agency = parse_credit(kept[-1].text, registry.agency)
        if credit:
            header_lines.append(HeaderLine(line=credit, field="credit", lineno=kept[-1].lineno))
            if rest.strip():
                kept[-1].set_text(rest)
            else:
                body.remove(kept[-1])
    # 6. outlet
    if outlet is None and credit_outlet:
        outlet = registry.resolve(credit_outlet)
    if outlet is None:
        for d in domains_in([ln.text for ln in body if ln.drop]):
            outlet = registry.lookup(d) or registry.resolve(d)
            if outlet:
                break
    if outlet and profiles and applied_profile != outlet.id:
        bp, n = profiles(outlet.id)
        if bp:
            for ln in body:
                ln.drop = None
            classify(body, lang=lang, boilerplate=bp, outlet=outlet.id, outlet_docs=n, names=_names(outlet),
                     author=author)
    tz = outlet.timezone if outlet else None
    # 7. publication date
    published = _published(published_raw, prefix_value, tz, lang, warnings, draft.origin)
    # assemble text and paragraphs
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for ln in body:
        if ln.drop:
            continue
        if parts:
            pos += 2
        paragraphs.append(Paragraph(start=pos, end=pos + len(ln.text), kind="heading" if ln.heading else "paragraph"))
        parts.append(ln.text)
        pos += len(ln.text)
    text = "\n\n".join(parts)
    dropped = [DroppedLine(line=ln.text, reason=ln.drop[1], signal=ln.drop[0], lineno=ln.lineno)
               for ln in body if ln.drop]
    # 8. language: the longest lines are body paragraphs, so step 2's guess is the article's language;
    #    only when chrome outweighed the body there is the clean text asked again
    language = detected
    if language is None or score < 0.5:
        language, score = detect_language(text)
    if language is None:
        language = (draft.language or "").lower()[:2] or None
    elif draft.language and draft.language.lower()[:2] != language and score >= 0.8:
        warnings.append(f"{draft.origin}: declared language {draft.language!r} but the text reads as {language!r}")
    if not text:
        warnings.append(f"{draft.origin}: no body text left after cleaning")
    learn = _learn(lines, {h.lineno for h in header_lines},
                   {ln.text for ln in body if ln.heading and not ln.drop})
    return Article(
        learn_keys=learn, text=text, paragraphs=paragraphs, origin=draft.origin, item=draft.item, title=title, subtitle=subtitle,
        section=section, author=author, outlet=outlet.id if outlet else None,
        outlet_name=outlet.name if outlet else None, agency=agency, language=language, language_score=score or None,
        published=published.iso() if published else None,
        published_precision=published.precision if published else None,
        timezone=published.zone if published else (tz if tz else None), url=draft.url,
        dropped=dropped, header=header_lines, warnings=warnings, source_text=draft.body,
    )


def _names(outlet: Outlet | None) -> set[str]:
    """The outlet's own names, as a masthead line would show them."""
    if outlet is None:
        return set()
    return {n for n in [outlet.id, outlet.name, *outlet.aliases] if n and len(n) > 3}


def _published(raw: str | None, prefix_value: str | None, tz: str | None, lang: str | None, warnings: list[str],
               origin: str) -> ParsedDate | None:
    for candidate in (raw, prefix_value):
        if not candidate:
            continue
        got = parse_date_line(candidate, outlet_tz=tz, lang=lang)
        date = got[0] if got else parse_date(candidate, outlet_tz=tz, lang=lang)
        if date:
            return date
        warnings.append(f"{origin}: could not read the date {candidate!r}")
    return None


__all__ = ["clean"]
