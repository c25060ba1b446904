"""Claims: the units facts are made of — sentences of an article, split at clause boundaries.

A sentence that joins two statements ("… gewesen, und die Diplomaten würden …"; "… rose; … fell";
"…, während …"; "… sowie …"; "… and …"; "…, while …") becomes two claims when both sides carry a
verb (a cheap guess from word lists and endings, German and English), so that an outlet that
reports only one half is not credited with the other. A German left side that stops inside its
clause ("…, sollte sich Russland gegen die USA und …"; a modal still waiting for its infinitive)
does not split, nor does a join inside a quotation. Headings are not claims. Each claim carries
what the analysis found inside its span (entities, numbers, dates, quotes) for alignment
(`facts`), wording (`wording`) and disagreements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Analysis, Article, DateMention, Entity, NumberMention, Quote

MIN_CLAUSE_WORDS = 3  # a shorter side is an apposition or a fragment, not a claim of its own
MIN_CLAIM_CHARS = 12  # shorter sentences are datelines, credits and stray labels

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENT_END = re.compile(r"(?<=[.!?…])\s+|\n+")
# where a sentence may carry two claims: ";" always, conjunctions per language
_JOINS = {
    "de": re.compile(r"\s*;\s+|\s+(?:und|sowie)\s+|,\s+(?:und\s+|während\s+)"),
    "en": re.compile(r"\s*;\s+|\s+and\s+|,\s+(?:and\s+|while\s+|whereas\s+)"),
}
_JOIN_ANY = re.compile(r"\s*;\s+")

# German finite and non-finite verb forms that no suffix rule finds (auxiliaries, modals, strong verbs)
_VERBS_DE = frozenset("""
ist sind war waren sei seien wäre wären bin bist seid hat haben hatte hatten habe hätte hätten hast
wird werden wurde wurden würde würden worden werde kann können konnte konnten könne könnte könnten
muss müssen musste mussten müsse müsste soll sollen sollte sollten solle will wollen wollte wollten
wolle darf dürfen durfte dürfte mag gibt gab gebe gäbe geht ging gehe kommt kam komme kamen steht
stand stehe standen liegt lag liegen lagen bleibt blieb bleiben blieben nimmt nahm nahmen fand
findet finden fanden traf trifft trafen hieß heißt ließ lässt verwies verwiesen sprach spricht
sprachen rief ruft wies weist gilt galt schrieb schreibt zog zieht fiel fällt stieg steigt sank sinkt
begann beginnt half hilft sah sieht trat tritt tat tut erhielt erhält hielt hält bot bietet wuchs
wächst starb stirbt brachte bringt dachte denkt wusste weiß nannte nennt kannte kennt sandte
""".split())
_VERBS_EN = frozenset("""
is are was were be been am has have had do does did will would shall should can could may might must
said says say told tells met meets made makes took takes gave gives went goes came comes saw sees knew
knows thought thinks wants want got gets left leaves found finds held holds began begins fell falls rose
rises won wins lost loses paid pays sent sends spoke speaks wrote writes ran runs set sets put puts
""".split())
_NOT_VERB_DE = frozenset("""
nicht jetzt seit bereit meist fast zuerst selbst erst sonst längst zuletzt heute geht gut rot weit
mindestens höchstens wenigstens bislang gestern morgen zunächst damit zumindest bisher insgesamt
zweite zweiten dritte dritten vierte vierten fünfte fünften sechste sechsten siebte siebten achte
achten neunte neunten zehnte zehnten letzte letzten gegen genau gerade gestern gesamt gesamten
""".split())
# modals and "werden" need an infinitive: a side that has one of these but ends without a verb goes on after the join
_MODALS_DE = frozenset("""
kann können konnte konnten könne könnte könnten muss müssen musste mussten müsse müsste müssten soll sollen
sollte sollten solle will wollen wollte wollten wolle darf dürfen durfte dürfte dürften wird werden würde
würden werde
""".split())
# words that open a subordinate clause (after a comma): the clause ends with its verb
_SUBORD_DE = frozenset("""
dass weil wenn ob als obwohl nachdem bevor damit sodass solange sobald falls da wie wo womit wofür
der die das dem den deren dessen denen welche welcher welches
""".split())
_PARTICIPLE_DE = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|mit|nach|vor|zu|zurück|fest|frei|her|hin|los|weg|zusammen|dar|statt)?"
    r"ge[a-zäöüß]{3,}(?:t|en)$")
_FINITE_DE = re.compile(r"^[a-zäöüß]{3,}(?:iert|ierte|ierten|te|ten|tet)$")
_VERB_EN = re.compile(r"^[a-z]{3,}(?:ed)$")


@dataclass
class Claim:
    """One claim: a span [start, end) of its article's text and what the analysis found inside it."""

    index: int  # position in the story's list of claims
    member: int  # index of the article in the story's members
    order: int  # position of the claim in its article
    position: float  # order / number of claims of the article: 0 = lead, towards 1 = the end
    outlet: str
    article: int | str | None
    language: str | None
    start: int
    end: int
    text: str
    sentence: tuple[int, int] = (0, 0)  # the span of the whole sentence the claim is part of
    sentence_text: str = ""
    entities: list[Entity] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def entity_keys(self) -> frozenset[str]:
        return frozenset(entity_key(e) for e in self.entities)


def entity_key(e: Entity) -> str:
    """The language-independent key of an entity (its canonical name, folded, when it has none)."""
    return e.key or (e.canonical or e.text).casefold()


def words(text: str) -> list[tuple[int, int]]:
    """Word spans of `text` (hyphenated compounds and apostrophes stay one word)."""
    return [m.span() for m in _WORD.finditer(text)]


def is_verb(word: str, language: str | None) -> bool:
    """A cheap guess whether `word` is a verb form (German and English; other languages: never)."""
    w = word.casefold()
    if language == "de":
        if w in _VERBS_DE:
            return True
        if not word[:1].islower() or w in _NOT_VERB_DE or w.endswith(("st", "ste", "sten")):
            return False  # German nouns are capitalized; superlatives and ordinals end in -ste(n)
        return bool(_PARTICIPLE_DE.match(w) or _FINITE_DE.match(w))
    if language == "en":
        return w in _VERBS_EN or bool(_VERB_EN.match(w))
    return False


def _unfinished(left: str, language: str | None) -> bool:
    """True when a German left side stops inside its clause (a subordinate clause or a modal waits for its verb)."""
    if language != "de":
        return False
    ws = [m.group() for m in _WORD.finditer(left)]
    if not ws or is_verb(ws[-1], language):
        return False
    seg = [m.group() for m in _WORD.finditer(left[left.rfind(",") + 1 :])] if "," in left else []
    if seg and (seg[0].casefold() in _SUBORD_DE or (seg[0].casefold() in _VERBS_DE and len(seg) > 1)):
        return True  # ", dass … <no verb yet>" / ", sollte sich Russland … <no verb yet>"
    return any(w.casefold() in _MODALS_DE for w in ws)


def _has_verb(text: str, language: str | None) -> bool:
    return any(is_verb(m.group(), language) for m in _WORD.finditer(text))


def _n_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def _quoted(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of quotations inside text[a:b] (a join inside quoted words never splits a claim)."""
    try:
        from ..analyze.sentences import quote_pairs
    except ImportError:  # the analyzer is optional: then only straight pairs of „…“ / "…" count
        return [m.span() for m in re.finditer(r"[„“\"«][^„“”\"«»]*[“”\"»]", text[a:b])]
    return [(o - a, (c if c >= 0 else b) - a + 1) for o, c in quote_pairs(text, a, b)]


def split_clauses(text: str, language: str | None) -> list[tuple[int, int]]:
    """[start, end) spans of the claims in one sentence: all of it unless a join has a verb on both sides."""
    joins = _JOINS.get(language or "", _JOIN_ANY)
    quoted = None
    out: list[tuple[int, int]] = []
    cur = 0
    for m in joins.finditer(text):
        left, right = text[cur : m.start()], text[m.end() :]
        if _n_words(left) < MIN_CLAUSE_WORDS or _n_words(right) < MIN_CLAUSE_WORDS:
            continue
        if not (_has_verb(left, language) and _has_verb(right, language)) or _unfinished(left, language):
            continue
        if quoted is None:
            quoted = _quoted(text, 0, len(text))
        if any(a <= m.start() < b for a, b in quoted):
            continue
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, len(text)))
    return [(a, b) for a, b in out if b > a]


# a comma, colon or semicolon before a space ("7,000", "11:20" stay whole), a spaced dash, a bracket
_PARTS = re.compile(r"\s*[,;:](?=\s)\s*|\s+[-–—]\s+|\s*[()]\s*")


def segments(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the comma-, colon-, dash- and bracket-delimited parts of a claim (phrases, sub-clauses)."""
    out, cur = [], 0
    for m in _PARTS.finditer(text):
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, len(text)))
    return [(a, b) for a, b in out if b > a]


def _sentences(article: Article, analysis: Analysis | None) -> list[tuple[int, int]]:
    """Sentence spans from the analysis, else from the analyzer's splitter, else a punctuation rule."""
    if analysis is not None and analysis.sentences:
        return [(s.start, s.end) for s in analysis.sentences]
    text = article.text
    try:
        from ..analyze.sentences import split_sentences
    except ImportError:
        spans, pos = [], 0
        for m in _SENT_END.finditer(text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
        return [(a, b) for a, b in spans if text[a:b].strip()]
    return [(s.start, s.end) for s in split_sentences(text, article.language)]


def _inside(items, a: int, b: int) -> list:
    return [x for x in items if x.start >= a and x.end <= b]


@lru_cache(maxsize=4096)
def _clauses_cached(text: str, language: str | None) -> tuple[tuple[int, int], ...]:
    return tuple(split_clauses(text, language))


def article_claims(article: Article, analysis: Analysis | None, *, member: int, outlet: str,
                   start_index: int = 0) -> list[Claim]:
    """The claims of one article, in text order (headings and very short sentences left out)."""
    text = article.text
    language = (analysis.language if analysis is not None and analysis.language else None) or article.language
    headings = [(p.start, p.end) for p in article.paragraphs if p.kind == "heading"]
    ents = (analysis.entities or []) if analysis is not None else []
    nums = analysis.numbers if analysis is not None else []
    dates = analysis.dates if analysis is not None else []
    quotes = analysis.quotes if analysis is not None else []
    spans: list[tuple[int, int, int, int]] = []
    for a, b in _sentences(article, analysis):
        if any(ha <= a and b <= hb for ha, hb in headings):
            continue
        if len(text[a:b].strip()) < MIN_CLAIM_CHARS:
            continue
        for ca, cb in _clauses_cached(text[a:b], language):
            sa, sb = a + ca, a + cb
            while sa < sb and text[sa].isspace():
                sa += 1
            while sb > sa and text[sb - 1] in " \t\n,;":
                sb -= 1
            if sb > sa:
                spans.append((sa, sb, a, b))
    n = max(len(spans), 1)
    out = []
    for k, (a, b, sa, sb) in enumerate(spans):
        out.append(Claim(index=start_index + k, member=member, order=k, position=k / n, outlet=outlet,
                         article=article.id, language=language, start=a, end=b, text=text[a:b], sentence=(sa, sb),
                         sentence_text=text[sa:sb],
                         entities=_inside(ents, a, b), numbers=_inside(nums, a, b),
                         dates=_inside(dates, a, b), quotes=[q for q in quotes if a <= q.start < b]))
    return out
