"""The head and the foot of a page: title, subtitle, section, date, author; metadata prefixes;
trailing credits such as `(BLZ, mit AFP)`.

Header, numbered:
1. a metadata prefix glued to the first line (` date 2021-05 Text…`) is cut off and parsed;
2. the header is the run of lines before the first body-like line (at most 10 lines);
3. catalogued chrome in it is left to the chrome classifier;
4. a line that is a date and little else is the publication (or update) time;
5. an author line (Von / By / Par / Por + names);
6. a short line next to the date line, or a known section word, is the section;
7. the first remaining line is the title, the next one (if headline-like) the subtitle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chrome import Line, body_line
from .dates import ParsedDate, parse_date_line

_PREFIX = re.compile(
    r"^\s*(?P<key>date|datum|published|pubdate|fecha|publi[ée]|ver[öo]ffentlicht)\s*[:=]?\s+"
    r"(?P<value>\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?)\s+",
    re.I,
)
_AUTHOR = re.compile(
    r"^(?i:von|by|par|por|di|from|text:?|autor(?:in)?:?|author:?)\s+(?P<name>[A-ZÄÖÜÉÈÁÍÓÚÑ][\w'’.-]+"
    r"(?:(?:\s+|\s*,\s*|\s+(?:und|and|et|y|e)\s+)[A-ZÄÖÜÉÈÁÍÓÚÑa-zäöü][\w'’.-]+){0,7})\s*(?:[,|–—-]\s*.{0,40})?$"
)
SECTIONS = {
    "world news", "uk news", "us news", "europe news", "weltgeschehen", "politique internationale",
    "ausland", "inland", "politik", "wirtschaft", "sport", "kultur", "welt", "panorama", "lokal", "regional", "chronik",
    "wissen", "gesellschaft", "meinung", "international", "österreich", "deutschland", "europa", "news", "nachrichten",
    "world", "uk news", "us news", "business", "politics", "science", "culture", "opinion", "environment", "technology",
    "europe", "americas", "monde", "france", "économie", "economie", "politique", "société", "societe", "culture",
    "international", "europe", "faits divers", "internacional", "españa", "espana", "economía", "economia", "sociedad",
    "política", "politica", "cultura", "deportes", "mundo", "esteri", "cronaca", "climate crisis", "klima",
}
_NAME = re.compile(r"[A-ZÄÖÜÉÈÁÍÓÚÑ][\w'’.-]+(?:\s+(?:(?:de|da|van|von|del|la|le)\s+)?[A-ZÄÖÜÉÈÁÍÓÚÑ][\w'’.-]+){1,3}")

_HEADLINE_END = re.compile(r"[.!?…:;,)\"“”»]$")


def _in_menu(ln: Line) -> bool:
    return ln.drop is not None and ln.drop[1].startswith("navigation menu")


def _headline(ln: Line) -> bool:
    """A first line that reads as a headline: no closing punctuation, not too long, a blank line below."""
    return ln.blank_after and ln.words <= 25 and not _HEADLINE_END.search(ln.text)


_SECTION_PATH = re.compile(r"^[\w&äöüéè' -]{2,30}(?:\s*[>/›»]\s*[\w&äöüéè' -]{2,30}){1,3}$")


@dataclass
class Header:
    """What the head of a page said; `consumed` holds the indexes of the lines it used."""

    title: str | None = None
    subtitle: str | None = None
    section: str | None = None
    author: str | None = None
    published: ParsedDate | None = None
    published_raw: str | None = None
    updated: ParsedDate | None = None
    consumed: dict[int, str] = field(default_factory=dict)  # line index -> field
    prefix: tuple[str, str] | None = None  # (the prefix text, its value)


def cut_prefix(first_line: str) -> tuple[str, tuple[str, str] | None]:
    """1. Cut a metadata prefix from the first line; returns (rest, (prefix, value)) or (line, None)."""
    m = _PREFIX.match(first_line)
    if not m:
        return first_line, None
    return first_line[m.end():], (m.group(0).strip(), m.group("value"))


def parse_header(lines: list[Line], *, lang: str | None, outlet_tz: str | None, known_title: str | None) -> Header:
    """Find title, subtitle, section, date and author among the first lines of a page."""
    head = Header()
    # 2. the header run: up to the first body-like line; a teaser sentence just above the
    #    date line (title, teaser, date, author) belongs to the header too
    limit = min(10, len(lines))
    date_of = {i: parse_date_line(lines[i].text, outlet_tz=outlet_tz, lang=lang) for i in range(limit)}
    dates = [i for i in range(limit) if date_of[i]]
    end = next((i for i in range(limit) if body_line(lines[i]) and i not in dates and not (
        i == 0 and len(lines) > 1 and _headline(lines[0]))), limit)
    if dates and end < dates[0] <= end + 2 and all(len(lines[i].text.split()) <= 60 for i in range(end, dates[0])):
        end = next((i for i in range(dates[0] + 1, limit) if body_line(lines[i])), limit)
    run = list(range(end))
    if not run:
        return head
    free: list[int] = []
    date_idx: int | None = None
    for i in run:
        t = lines[i].text
        # 3. chrome (marked by premark) stays for the classifier (but "Ausland" is a section, and a date
        #    line is the date)
        if lines[i].drop:
            if t.lower() in SECTIONS and not _in_menu(lines[i]) or i in dates:
                lines[i].drop = None
            else:
                continue
        # 4. date lines
        got = date_of[i]
        if got:
            date, is_update = got
            if is_update and head.published is None and head.updated is None:
                head.updated = date
                head.consumed[i] = "updated"
            elif not is_update and head.published is None:
                head.published, head.published_raw = date, t
                head.consumed[i] = "published"
            else:
                head.consumed[i] = "updated" if is_update else "date"
            date_idx = i if date_idx is None else date_idx
            continue
        # 5. author
        m = _AUTHOR.match(t)
        if m and len(t.split()) <= 10 and head.author is None:
            head.author = m.group("name").strip()
            head.consumed[i] = "author"
            continue
        if known_title and t.strip() == known_title.strip():
            head.consumed[i] = "title (repeat)"
            continue
        free.append(i)
    if head.published is None and head.updated is not None:
        head.published, head.updated = head.updated, None
        for i, f in head.consumed.items():
            if f == "updated":
                head.consumed[i] = "published (update time)"
                break
    # 5b. an author line without "By": a name (2-4 capitalised words) right next to the date line
    if head.author is None and date_idx is not None:
        for i in list(free):
            if abs(i - date_idx) == 1 and _NAME.fullmatch(lines[i].text) and lines[i].text.lower() not in SECTIONS:
                head.author = lines[i].text
                head.consumed[i] = "author"
                free.remove(i)
                break
    # 6. section: a known word anywhere in the header, else a short line right next to the date
    for i in list(free):
        t = lines[i].text.strip()
        near_date = date_idx is not None and abs(i - date_idx) == 1
        short = len(t.split()) <= 3 and not re.search(r"[.!?,;:]$", t)
        if _SECTION_PATH.match(t) and len(re.split(r"\s*[>/›»]\s*", t)) >= 2:
            # a breadcrumb is navigation; its last crumb names the section
            lines[i].drop = ("pattern", "breadcrumb navigation")
            free.remove(i)
            if head.section is None:
                head.section = re.split(r"\s*[>/›»]\s*", t)[-1].strip()
            continue
        if t.lower() in SECTIONS or (near_date and short and i != free[0]):
            if head.section is None:
                head.section = t
                head.consumed[i] = "section"
                free.remove(i)
    # 6b. a short first line above title and subtitle is the section ("World news", "Andalucía")
    if head.section is None and len(free) >= 3 and free[0] == min(free):
        t = lines[free[0]].text
        if len(t.split()) <= 3 and not re.search(r"[.!?,;:]$", t) and len(lines[free[1]].text.split()) > len(t.split()):
            head.section = t
            head.consumed[free.pop(0)] = "section"
    # 7. title and subtitle; a short kicker glued to the line below it (no blank line between)
    #    is the German "Dachzeile": the headline is the line below, the kicker serves as subtitle
    if known_title is None and len(free) >= 2 and free[1] == free[0] + 1:
        a, b = lines[free[0]], lines[free[1]]
        if (a.words <= 4 and not a.blank_after and b.words > a.words and b.words <= 20
                and not re.search(r"[.!?]$", b.text) and not re.search(r"[.!?:]$", a.text)):
            head.title, head.subtitle = b.text, a.text
            head.consumed[free[1]] = "title"
            head.consumed[free[0]] = "kicker"
            return head
    if known_title is None and free:
        i = free.pop(0)
        t = lines[i].text
        if not re.search(r"[.!?]$", t) or len(t.split()) <= 12:
            head.title = t
            head.consumed[i] = "title"
    if free and (head.title or known_title):
        i = free[0]
        if free[0] == min(free) and len(lines[i].text.split()) <= 40:
            head.subtitle = lines[i].text
            head.consumed[i] = "subtitle"
    return head


_CREDIT = re.compile(
    r"\s*\((?P<outlet>[A-ZÄÖÜ][\w.&/ -]{0,30}?)\s*(?:,|;)\s*(?:mit|with|avec|con|und|and|\+|nach|laut|sources?)\s+"
    r"(?P<agency>[\w./ -]{2,40}?)\)\s*$"
    r"|\s*\((?P<agencies>[A-Za-z][\w.-]{1,15}(?:\s*[/,]\s*[A-Za-z][\w.-]{1,15}){0,3})\)\s*$"
)
_WITH = re.compile(r"^(?:mit material (?:von|der)|with (?:additional )?reporting (?:by|from)|avec|con informaci[óo]n de|"
                   r"quelle|source|fuente)\s*:?\s+(?P<agency>[\w./, -]{2,60}?)\.?$", re.I)


def parse_credit(last: str, agency_of) -> tuple[str, str | None, str | None, str | None]:
    """Cut a trailing credit from the last paragraph.

    Returns (paragraph without the credit, credit text, outlet, agency); `agency_of` names an
    agency or returns None, so "(dpa)" is a credit and "(Nato)" is not.
    """
    m = _CREDIT.search(last)
    if m:
        if m.group("outlet"):
            return last[: m.start()].rstrip(), m.group(0).strip(), m.group("outlet").strip(), _agencies(m.group("agency"), agency_of, strict=False)
        names = _agencies(m.group("agencies"), agency_of, strict=True)
        if names:
            return last[: m.start()].rstrip(), m.group(0).strip(), None, names
    m = _WITH.match(last.strip())
    if m:
        names = _agencies(m.group("agency"), agency_of, strict=True)
        if names:
            return "", last.strip(), None, names
    return last, None, None, None


def _agencies(text: str, agency_of, *, strict: bool) -> str | None:
    parts = [p.strip() for p in re.split(r"\s*(?:/|,|\+|\bund\b|\band\b|\bet\b|\by\b)\s*", text) if p.strip()]
    known = [agency_of(p) for p in parts]
    if strict and not all(known):
        return None
    return ", ".join(k or p for k, p in zip(known, parts)) or None
