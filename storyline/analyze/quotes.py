"""Stage 3: quotations (direct, partial, reported) and who said them, by cue rules over stage 1's sentences.

A quotation's speaker comes, in this order, from a cue right next to it („…“, sagte X / X sagte: „…“),
from its sentence (a source such as "laut X" before a speech verb, then the speech verb nearest to it,
then a wish whose named subject holds the words: „Biden wolle „…“"), and otherwise from the reported
speech it continues: a German subjunctive sentence takes the speaker of the sentences before it, any
other sentence the speaker named in its paragraph. Speakers are PER entities (their canonical name and
key), pronouns resolved to the person named before, role and institution phrases as written ("ein
Sprecher des US-Außenministeriums"), entities of other classes, or — without entities — capitalized
names next to the cue. Cue lexicons live in data/quote_cues.json.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from operator import attrgetter, sub
from typing import Any

from ..model import Entity, Quote, Sentence
from .sentences import paragraph_quotes

LANGS = ("de", "en", "fr", "es", "it")
MASK = "¤"  # stands for a quotation's characters while cues and speakers are looked for outside quotations
_PIECE = re.compile(r"\s*(?:¤+|\w+(?:[-'’.]\w+)*|[^\w\s])")  # a token with the space before it
_TERMINAL = re.compile(r"[.!?…]['\"’”“»«)]*$")
_ADJ_DE = re.compile(r"^[a-zäöüß][a-zäöüß\-]*(?:e|en|er|es|em)$")
_SOURCE_PREPS = frozenset(("aus", "von", "seitens", "in", "bei"))  # "aus dem Rathaus hieß es"
_INDEFINITE = frozenset("ein eine einer eines einem einen".split())
_PRIORITY = {"src": 0, "post": 0, "imp": 0, "pin": 1, "verb": 1, "stance": 2}


@dataclass
class _Cues:
    """One language's compiled cue regex and word lists (or the union of all languages)."""

    regex: re.Pattern[str]  # every cue, lower case, matched on the lower-cased text
    first: re.Pattern[str]  # the first word of any cue (fullmatch), to find where cues can start
    pin: re.Pattern[str]
    subjunctive: frozenset[str]  # German subjunctive forms (empty for other languages)
    pronouns: frozenset[str]  # subject pronouns (the data keeps their gender; nothing here knows a person's)
    dets: frozenset[str]
    definite: frozenset[str]
    link: frozenset[str]
    clause_open: frozenset[str]
    skip: frozenset[str]
    stop: frozenset[str]
    first_person: frozenset[str]
    # a word as written → (the word lower-cased if a cue can start with it, the word if a subjunctive verb)
    seen: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class _Speaker:
    """A resolved speaker: name, key, mention span, how good the evidence is, and the cue."""

    name: str | None
    key: str | None
    start: int | None
    end: int | None
    tier: int  # 4 person, 3 role or institution, 2 capitalized words taken for a name
    cue: str | None
    kind: str  # the cue's kind: src, post, imp, pin, verb, stance; "" when inherited
    per: Entity | None = None
    at: int = -1  # the cue's span in the text
    at_end: int = -1


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """The packaged cue lexicons."""
    return json.loads(resources.files("storyline").joinpath("data/quote_cues.json").read_text("utf-8"))


def _words(key: str, langs: tuple[str, ...]) -> frozenset[str]:
    """A word list (space separated in the data) merged over `langs`."""
    return frozenset(w for lg in langs for w in _data()[lg][key].split())


def _first_word(alt: str) -> str:
    """The part of a cue pattern before its first space, without lookarounds: "nach\\s+angaben…" → "nach"."""
    out, depth, skip_depth, i = [], 0, -1, 0
    while i < len(alt):
        ch = alt[i]
        if ch == "\\":
            if depth == 0 and alt[i + 1] == "s":
                break
            if skip_depth < 0:
                out.append(alt[i:i + 2])
            i += 2
            continue
        if ch == "(":
            if skip_depth < 0 and alt.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
                skip_depth = depth
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == skip_depth:
                skip_depth = -1
                i += 1
                continue
        elif ch == " " and depth == 0:
            break
        if skip_depth < 0:
            out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=8)
def _cues(lang: str | None) -> _Cues:
    """Compiled cues for `lang`; unknown languages and None get every language's cues."""
    langs = (lang,) if lang in LANGS else LANGS
    data = _data()
    groups, firsts = [], set()
    for kind in ("src", "post", "imp", "pin", "stance", "verb"):
        alts = [a for lg in langs for a in data[lg][kind]]
        if alts:
            groups.append(f"(?P<{kind}>{'|'.join(alts)})")
            firsts.update(_first_word(a) for a in alts)
    regex = re.compile(r"(?<![\w\-])(?:" + "|".join(groups) + r")(?![\w\-])")
    subj = _words("subjunctive", langs) if "de" in langs and lang == "de" else frozenset()
    pronouns = {p for lg in langs for p in data[lg]["pronouns"]}
    return _Cues(regex=regex, first=re.compile("|".join(sorted(firsts))),
                 pin=re.compile(r"(?:^|-)(il|elle|ils|elles)(?:$|\s)", re.IGNORECASE), subjunctive=subj,
                 pronouns=frozenset(pronouns), dets=_words("dets", langs), definite=_words("definite", langs),
                 link=_words("link", langs), clause_open=_words("clause_open", langs), skip=_words("skip", langs),
                 stop=_words("stop", langs), first_person=_words("first_person", langs))


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Role and institution nouns, titles before names, capitalized words that are never names."""
    d = _data()
    return frozenset(d["roles"].split()), frozenset(d["titles"].split()), frozenset(d["not_names"].split())


@lru_cache(maxsize=1)
def _role_tail() -> re.Pattern[str]:
    """Role nouns as the head of a compound ("Regierungsmitarbeiter", "Kremlchef")."""
    return re.compile("(?:" + "|".join(sorted((r for r in _lexicon()[0] if len(r) >= 3), key=len, reverse=True)) + ")$")


@lru_cache(maxsize=65536)
def _is_role(word: str) -> bool:
    """Whether `word` (any case, inflected, compounded: "US-Außenministeriums") names a role or institution."""
    roles = _lexicon()[0]
    low = re.sub(r"^[ld]['’]", "", word.lower())
    if "-" in low and low not in roles:
        low = low.rsplit("-", 1)[-1]
    tail = _role_tail()
    for cut in (0, 1, 2):
        stem = low[:-cut] if cut else low
        if stem in roles or (len(stem) > 5 and tail.search(stem)):
            return True
    return False




_PUNCT = ".,;:!?()[]{}„“”\"'«»‚‘’‹›…–—¤"


def _occurrences(text: str, word: str) -> list[int]:
    """Where `word` stands in `text` as a whole word (str.find runs in C; the checks are per hit)."""
    out, i, n = [], text.find(word), len(word)
    while i >= 0:
        j = i + n
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not (text[j].isalnum() or text[j] == "-")):
            out.append(i)
        i = text.find(word, j)
    return out


def _scan(masked: str, low: str, c: _Cues) -> tuple[list[re.Match[str]], list[int]]:
    """Every cue outside quotations, and where German subjunctive verbs stand.

    Python's regex engine would try every cue at every position; a cue is tried only where a word
    stands that can start one. What a word can be is decided once per distinct word as written and
    remembered; its places are found with str.find.
    """
    seen = c.seen
    if len(seen) > 200_000:
        seen.clear()  # bounded: a huge text of odd words must not grow the cache without end
    cue_words, subj_words = set(), set()
    for raw in set(masked.split()):
        kind = seen.get(raw)
        if kind is None:
            w = raw.strip(_PUNCT)
            # as written: "Sorge", "Stimme", "Folge" are nouns, "sorge", "stimme" subjunctive verbs
            kind = seen[raw] = (w.lower() if c.first.fullmatch(w.lower()) else "", w if w in c.subjunctive else "")
        if kind[0]:
            cue_words.add(kind[0])
        if kind[1]:
            subj_words.add(kind[1])
    found = sorted(i for w in cue_words for i in _occurrences(low, w))
    matches, end = [], -1
    for pos in found:
        if pos >= end:  # "a dit" hides the "dit" inside it
            m = c.regex.match(low, pos)
            if m is not None:
                matches.append(m)
                end = m.end()
    return matches, sorted(i for w in subj_words for i in _occurrences(masked, w))


def _lower(text: str) -> str:
    """`text` in lower case with every offset kept (a few characters lengthen when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(lo := ch.lower()) != 1 else lo for ch in text)


class _Sent:
    """One sentence: its span, paragraph, cues, and (once `tokenize` ran) its tokens outside quotations."""

    __slots__ = ("start", "end", "para", "toks", "lows", "speakers", "best", "subjunctive", "after_gap")

    def __init__(self, start: int, end: int, para: int, after_gap: bool) -> None:
        self.start, self.end, self.para = start, end, para
        self.after_gap = after_gap  # sentences of the reporter's own (no cue, no quote, indicative) precede it
        self.toks: list[tuple[str, int, int]] = []  # (token, start, end); a quotation is one MASK token
        self.lows: list[str] = []
        self.speakers: list[_Speaker] = []  # one per resolved cue, in text order
        self.best: _Speaker | None = None
        self.subjunctive = False

    def tokenize(self, masked: str) -> None:
        """Fill `toks` and `lows` (only sentences with a cue need them: tokens cost the most here)."""
        if not self.toks:  # offsets by running sums over C-level maps: no Python call per token
            pieces = _PIECE.findall(masked, self.start, self.end)
            ends = list(accumulate(map(len, pieces), initial=self.start))[1:]
            words = list(map(str.lstrip, pieces))
            self.toks = list(zip(words, map(sub, ends, map(len, words)), ends))
            self.lows = list(map(str.lower, words))


class _Resolver:
    """Finds cues in sentences and the speakers around them."""

    def __init__(self, text: str, masked: str, entities: list[Entity], lang: str | None) -> None:
        self.text, self.masked, self.lang = text, masked, lang
        self.low = _lower(masked)
        self.c = _cues(lang)
        self.cue_matches, self.subj_at = _scan(masked, self.low, self.c)
        self.ents = sorted(entities, key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.ents]
        self.pers = [e for e in self.ents if e.label == "PER"]
        self.per_starts = [e.start for e in self.pers]
        # a person's mention and surname → the person, for a name the recognizer missed once ("Lawrow meinte")
        self.per_names: dict[str, Entity] = {}
        for e in self.pers:
            for name in (e.text, (e.canonical or e.text).split()[-1] if (e.canonical or e.text).split() else ""):
                self.per_names.setdefault(name, e)
        self.no_ner = not entities
        self.subjects: list[Entity] = []  # persons that were subjects of speech cues, in text order
        self.subject_at: list[int] = []
        self.titles, self.not_names = _lexicon()[1], _lexicon()[2]

    def has_subjunctive(self, start: int, end: int) -> bool:
        """Whether a German subjunctive verb stands in [start, end) outside quotations."""
        k = bisect_left(self.subj_at, start)
        return k < len(self.subj_at) and self.subj_at[k] < end

    def entity_in(self, start: int, end: int) -> list[Entity]:
        """Entities overlapping [start, end), in text order."""
        k = bisect_left(self.ent_starts, start)
        while k > 0 and self.ents[k - 1].end > start:
            k -= 1
        out = []
        while k < len(self.ents) and self.ents[k].start < end:
            if self.ents[k].end > start:
                out.append(self.ents[k])
            k += 1
        return out

    def _content(self, s: _Sent, k: int) -> bool:
        """Whether token k can be a noun of a speaker phrase: a capital, a role word, a title's dot."""
        tok, low = s.toks[k][0], s.lows[k]
        if tok[0] == MASK or low in self.c.stop:
            return False
        return tok[0].isupper() or _is_role(tok)

    def _modifier(self, s: _Sent, k: int) -> bool:
        """Whether token k can stand before the noun inside a speaker phrase (an adjective, a compound part)."""
        tok, low = s.toks[k][0], s.lows[k]
        c = self.c
        if not tok[0].isalpha() or low in c.stop or low in c.skip or low in c.dets or low in c.link:
            return False
        if self.lang == "de":
            return bool(_ADJ_DE.match(tok))
        return tok[0].islower() and not low.endswith("ly")

    def _np_right(self, s: _Sent, i: int, complement: bool = False) -> tuple[int, int, int] | None:
        """A speaker phrase starting at token i: (first token, end of head, end with complement)."""
        n, j = len(s.toks), i
        if j < n and s.lows[j] in self.c.dets:
            j += 1
        k, last, last_mod = j, -1, -1
        while k < n and k - i < 8:
            tok = s.toks[k][0]
            if k == i and s.lows[k] in self.c.pronouns:
                return i, i + 1, i + 1  # "sagte er", "dit-il" comes as one cue
            if tok == "." and k > i and s.toks[k - 1][0] in self.titles:
                k += 1
                continue
            if self._content(s, k):
                last = k
            elif (last >= 0 and self.lang == "de") or not self._modifier(s, k):
                break  # a German adjective stands before its noun: "sagte Blinken vor laufenden Kameras"
            else:
                last_mod = k
            k += 1
        if last < 0 and complement and self.lang != "de" and 0 <= last_mod < j + 3:
            last = last_mod  # a common noun completes a role: "la directora del centro"
        if last < 0:
            return None
        if self.lang in ("fr", "es", "it"):  # adjectives follow the noun: "fuentes oficiales"
            while last + 1 < n and last + 1 - i < 8 and self._modifier(s, last + 1):
                last += 1
        head_end = last + 1
        full = head_end
        if head_end + 1 < n and s.lows[head_end] in self.c.link \
                and any(_is_role(s.toks[x][0]) for x in range(j, head_end)):
            sub = self._np_right(s, head_end + 1, True)  # "ein Sprecher des Ministeriums", "die Regierung in Wien"
            if sub is not None and not (s.lows[head_end] in ("in", "en") and s.lows[head_end + 1] in self.c.dets):
                full = sub[1]  # but not "sagte die Chefin in einer Videobotschaft"
        return i, head_end, full

    def _np_left(self, s: _Sent, k: int, preps: frozenset[str] = frozenset()) -> tuple[int, int, int] | None:
        """A speaker phrase ending right before token k (auxiliaries and adverbs skipped), if a subject."""
        j = k - 1
        if j >= 1 and s.toks[j][0] == ",":  # an apposition: "Der Chef der Firma, Jonas Pilz, sagte"
            inner = self._np_left(s, j)
            if inner is None:
                inner = self._bare_left(s, j)
            return inner
        for _ in range(3):
            if j >= 0 and s.lows[j] in self.c.skip and s.lows[j] not in self.c.pronouns:
                j -= 1
        if j < 0:
            return None
        if s.lows[j] in self.c.pronouns:
            before = s.lows[j - 1] if j > 0 else ""
            ok = j == 0 or not s.toks[j - 1][0][0].isalnum() or before in self.c.clause_open or before in self.c.skip
            return (j, j + 1, j + 1) if ok else None
        if not self._content(s, j):
            return None
        end, start, head_end = j + 1, j, j + 1
        adjectives = False
        while start - 1 >= 0:
            p = start - 1
            if self._content(s, p) and not (adjectives and self.lang == "de"):
                start = p
            elif self._modifier(s, p):
                start, adjectives = p, True
            elif s.toks[p][0] == "." and p > 0 and s.toks[p - 1][0] in self.titles:
                start = p - 1
            elif s.lows[p] in self.c.dets and p - 1 >= 0 and s.lows[p] in self.c.link and self._content(s, p - 1):
                start, head_end = p - 1, p  # "Ein Sprecher des Ministeriums": the genitive belongs to the noun
            elif s.lows[p] in self.c.dets:
                start = p
                break
            elif s.lows[p] in ("und", "oder") and p >= 2 and s.toks[p - 1][0] == "-" and self._content(s, p - 2):
                start = p - 2  # "Industrie- und Handelskammer"
            elif s.lows[p] in self.c.link and p - 1 >= 0 and self._content(s, p - 1) and _is_role(s.toks[p - 1][0]):
                start, head_end = p - 1, p
            else:
                break
        while start < end and not (self._content(s, start) or s.lows[start] in self.c.dets):
            start += 1  # a phrase starts with its article or its first noun, not with a stray adverb
        if start >= end:
            return None
        before = s.lows[start - 1] if start > 0 else ""
        if start > 0 and s.toks[start - 1][0][0].isalnum() and before not in self.c.clause_open \
                and before not in self.c.skip and before not in preps:
            return None  # "Zu Beginn des Gesprächs sagte": a prepositional phrase, not a subject
        if preps and before not in preps:
            return None
        return start, head_end, end

    def _bare_left(self, s: _Sent, k: int) -> tuple[int, int, int] | None:
        """Capitals right before token k that follow a comma (the name in an apposition)."""
        start = k
        while start - 1 >= 0 and self._content(s, start - 1):
            start -= 1
        if start < k and start >= 1 and s.toks[start - 1][0] == ",":
            return start, k, k
        return None

    def _speaker(self, s: _Sent, np: tuple[int, int, int] | None, cue: str, kind: str) -> _Speaker | None:
        """Turn a phrase's tokens into a speaker, or None when the phrase names nobody."""
        if np is None:
            return None
        a, head_end, full = np
        toks = s.toks
        h0, h1 = toks[a][1], toks[head_end - 1][2]
        f1 = toks[full - 1][2]
        if head_end - a == 1 and s.lows[a] in self.c.pronouns:
            ent = self.resolve_pronoun(toks[a][1], s.lows[a], cue)
            if ent is None:
                return None
            return _Speaker(ent.canonical or ent.text, ent.key or None, toks[a][1], toks[a][2], 4, cue, kind, ent)
        found = self.entity_in(h0, h1)
        pers = [e for e in found if e.label == "PER"]
        last_role = max((x for x in range(a, head_end) if _is_role(toks[x][0])), default=-1)
        if pers and (last_role < 0 or toks[last_role][1] < pers[-1].start):
            e = pers[-1]
            return _Speaker(e.canonical or e.text, e.key or None, e.start, e.end, 4, cue, kind, e)
        known = self.per_names.get(self.text[toks[head_end - 1][1]:h1]) if last_role < 0 else None
        if known is not None:  # a person's surname the recognizer did not mark here
            return _Speaker(known.canonical or known.text, known.key or None, toks[head_end - 1][1], h1, 4, cue, kind,
                            known)
        if last_role < 0 and found and found[-1].end >= h1 - 1:
            e = found[-1]
            return _Speaker(e.canonical or e.text, e.key or None, e.start, e.end, 3, cue, kind)
        start = a + 1 if s.lows[a] in self.c.definite and full - a > 1 else a
        p0 = toks[start][1] + (2 if s.lows[start][:2] in ("l'", "l’") and start == a else 0)  # "l'ambassade"
        phrase = self.text[p0:f1]
        named = [x for x in range(last_role + 1, head_end) if toks[x][0][0].isupper()]
        if last_role >= 0 and named and len(named) == head_end - last_role - 1 and len(named) <= 3 \
                and not any(toks[x][0] in self.not_names for x in named):
            # a title before a name no entity covers: "Feuerwehrsprecher Markus Reisinger" → the name
            n0, n1 = toks[named[0]][1], toks[named[-1]][2]
            return _Speaker(self.text[n0:n1], None, n0, n1, 4 if self.no_ner and self.lang not in ("de", None) else 2,
                            cue, kind)
        if last_role >= 0:
            return _Speaker(phrase, None, p0, f1, 3, cue, kind)
        names = [t[0] for t in toks[start:head_end] if t[0] != "."]  # "Mr. Hrytsenko", "M. Morel"
        if start == a and len(names) <= 4 and all(w[0].isupper() and w not in self.not_names for w in names):
            # German capitalizes every noun: capitals there are weak evidence of a name
            tier = 4 if self.no_ner and self.lang not in ("de", None) else 2
            return _Speaker(phrase, None, toks[start][1], f1, tier, cue, kind)
        if self.lang == "de" and s.lows[a] in _INDEFINITE and toks[head_end - 1][0][0].isupper():
            return _Speaker(phrase, None, toks[start][1], f1, 3, cue, kind)  # "ein Kapitän", "eine Anwohnerin"
        if kind in ("src", "post", "imp") and toks[head_end - 1][0][0].isupper():
            return _Speaker(phrase, None, toks[start][1], f1, 3, cue, kind)  # "laut Reuters", "aus dem Rathaus"
        return None

    def resolve_pronoun(self, pos: int, pron: str, cue: str) -> Entity | None:
        """The person a subject pronoun at `pos` refers to: the last person speaking, else the last named."""
        if pron == "sie" and self.lang in ("de", None) and re.search(r"(?:ten|en)$", cue.split()[0], re.I):
            return None  # "sie sagten": they, not she
        k = bisect_right(self.subject_at, pos) - 1
        last_named = bisect_left(self.per_starts, pos) - 1
        if k >= 0 and pos - self.subject_at[k] < 600:
            return self.subjects[k]
        return self.pers[last_named] if last_named >= 0 else None

    def cues(self, s: _Sent, matches: list[re.Match[str]]) -> None:
        """Resolve the cues found in sentence `s` (outside quotations)."""
        s.subjunctive = self.has_subjunctive(s.start, s.end)
        if not matches:
            return
        s.tokenize(self.masked)
        starts = [t[1] for t in s.toks]
        for m in matches:
            kind = m.lastgroup or "verb"
            cue = " ".join(self.text[m.start():m.end()].split())
            if kind == "src" and " " in cue and cue.rsplit(" ", 1)[1].lower() in self.c.dets:
                cue = cue.rsplit(" ", 1)[0]  # "nach Angaben des": the article belongs to the speaker
            i = bisect_left(starts, m.start())
            j = bisect_left(starts, m.end())
            sp = None
            if kind == "src":
                sp = self._speaker(s, self._np_right(s, j), cue, kind)
            elif kind == "post":
                sp = self._speaker(s, self._np_left(s, i), cue, kind)
            elif kind == "imp":
                if j < len(s.toks) and s.lows[j] in ("aus", "von", "seitens", "in", "bei", "from"):
                    sp = self._speaker(s, self._np_right(s, j + 1), cue, kind)
                if sp is None:
                    sp = self._speaker(s, self._np_left(s, i, _SOURCE_PREPS), cue, kind)
                if sp is None:  # "hieß es": attributed, to nobody named
                    sp = _Speaker(None, None, None, None, 1, cue, kind)
            elif kind == "pin":
                pm = self.c.pin.search(m.group())
                ent = self.resolve_pronoun(m.start(), pm.group(1).lower(), cue) if pm else None
                if ent is not None:
                    sp = _Speaker(ent.canonical, ent.key or None, m.start(), m.end(), 4, cue, kind, ent)
            else:
                sp = self._subject(s, i, j, cue, kind)
            if sp is not None and (kind != "stance" or sp.per is not None or sp.tier == 4):
                sp.at, sp.at_end = m.start(), m.end()
                if sp.per is None and sp.tier == 4 and sp.name and sp.start is not None:
                    # a name found without an entity list stands for a person: a later "he" can refer to it
                    sp.per = Entity(text=sp.name, label="PER", canonical=sp.name, start=sp.start, end=sp.end or 0)
                s.speakers.append(sp)
                if sp.per is not None:
                    self.subjects.append(sp.per)
                    self.subject_at.append(m.start())
        ranked = sorted(s.speakers, key=lambda x: (_PRIORITY[x.kind], -x.tier))
        s.best = next((x for x in ranked if x.kind != "stance"), None)

    def _subject(self, s: _Sent, i: int, j: int, cue: str, kind: str) -> _Speaker | None:
        """The subject of a speech verb spanning tokens [i, j): left of it, right of it, or by its auxiliary."""
        left = self._speaker(s, self._np_left(s, i), cue, kind)
        if left is not None and left.tier >= 3:
            return left
        right = self._speaker(s, self._np_right(s, j), cue, kind) if j < len(s.toks) else None
        # a subject before the verb wins unless it is a bare capital and a person follows ("Inzwischen sagte er")
        if left is not None and (right is None or left.tier >= 3 or left.tier >= right.tier):
            return left
        if right is not None:
            return right
        if self.lang == "de":  # "Blinken habe … betont": the subject stands by the auxiliary
            for a in range(i - 1, -1, -1):
                if s.toks[a][0] in ",;:" or s.toks[a][0][0] == MASK:
                    break
                if s.lows[a] in ("habe", "hat", "hatte", "hätte", "haben", "hatten", "hätten", "sei", "ist", "war"):
                    return self._speaker(s, self._np_left(s, a), cue, kind) or \
                        self._speaker(s, self._np_right(s, a + 1), cue, kind)
        if self.lang in ("es", "it") and kind == "verb":  # a dropped subject: "dijo", "ha detto"
            k = bisect_right(self.subject_at, s.toks[i][1]) - 1
            if k >= 0:
                e = self.subjects[k]
                return _Speaker(e.canonical, e.key or None, None, None, 4, cue, kind, e)
        return None


def _accept_unclosed(text: str, o: int, p_start: int, p_end: int, next_start: int | None) -> bool:
    """Keep a quotation never closed only where it plainly runs to its paragraph's end."""
    if next_start is not None and text[next_start] in "„“«»‚\"'":
        return True  # the convention for a quotation over several paragraphs: each one reopens it
    before = text[p_start:o].rstrip()
    return before.endswith(":") and bool(_TERMINAL.search(text[o:p_end]))


def _kind(text: str, a: int, b: int, o: int, r_end: int, s: _Sent | None, c: _Cues) -> str:
    """Direct (a quoted sentence or clause) or partial (quoted words inside the reporter's sentence)."""
    inner = text[a:b]
    words = inner.split()
    if len(words) >= 2 and (_TERMINAL.search(inner) or text[b:r_end].lstrip().startswith(",")):
        return "direct"  # ends like a sentence, or with the English comma inside the marks
    before = text[s.start:o].rstrip() if s is not None else ""
    if before.endswith(":") or (len(words) >= 3 and not before and inner[:1].isupper()):
        return "direct"
    if len(words) >= 2 and any(w.strip(",.;:!?").lower() in c.first_person for w in words):
        return "direct"
    return "partial"


def _nearest(cands: list[_Speaker], a: int, b: int) -> _Speaker | None:
    """The candidate whose cue is closest to [a, b), best priority first."""
    if not cands:
        return None
    top = min(_PRIORITY[x.kind] for x in cands)
    return min((x for x in cands if _PRIORITY[x.kind] == top),
               key=lambda x: (x.tier < 3, a - x.at_end if x.at_end <= a else max(0, x.at - b)))


_BETWEEN_AFTER = re.compile(r"^[\s,–—\-]*(?:[^\s.!?;:¤]+\s+){0,2}$")
_BETWEEN_BEFORE = re.compile(r"^[^.!?;¤]*$")


def _own(text: str, masked: str, sents: list[_Sent], home: int, last: int, o: int, r_end: int,
         kind: str) -> tuple[_Speaker | None, bool]:
    """The speaker a quotation's own sentence gives: a cue right after or right before it, else the sentence's.

    The flag says the cue follows the quotation („…“, sagte X), which makes a quoted clause direct speech.
    """
    # „…“, sagte X / "…," X said / „Wer?“ fragte er: a comma after the marks or punctuation inside them
    closed = masked[r_end:r_end + 3].lstrip()[:1] in (",", "–", "—") or text[r_end - 2:r_end - 1] in ",!?…"
    after = [x for x in sents[last].speakers
             if closed and x.at >= r_end and _BETWEEN_AFTER.match(masked[r_end:x.at])]
    if after:
        return min(after, key=lambda x: x.at), True
    gap = lambda x: masked[x.at_end:o]  # noqa: E731
    before = [x for x in sents[home].speakers if x.at_end <= o and _BETWEEN_BEFORE.match(gap(x))
              and len(gap(x).split()) <= 8 and (kind == "direct" or gap(x).rstrip().endswith(":"))]
    if before:
        return max(before, key=lambda x: x.at), False
    cands = [x for k in range(home, last + 1) for x in sents[k].speakers]
    return _nearest(cands, o, r_end), False


def _inherited(sents: list[_Sent], k: int, paragraph: bool = True) -> _Speaker | None:
    """The speaker a sentence without its own cue takes: reported speech continued, else its paragraph's."""
    s = sents[k]
    if s.subjunctive:
        j, cur = k - 1, s
        while j >= 0 and k - j <= 6 and not cur.after_gap:
            if sents[j].best is not None:
                return sents[j].best
            if not sents[j].subjunctive:
                break
            cur, j = sents[j], j - 1
    if not paragraph:
        return None
    j = k - 1  # only backwards: an attribution later in the paragraph usually introduces someone new
    while j >= 0 and sents[j].para == s.para:
        if sents[j].best is not None:
            return sents[j].best
        j -= 1
    return None


def _quote(text: str, a: int, b: int, kind: str, sp: _Speaker | None, own: bool) -> Quote:
    """A Quote from a span and a speaker (an inherited speaker keeps no cue: none stands in the sentence)."""
    if sp is None or sp.name is None:
        return Quote(speaker=None, text=text[a:b], cue=sp.cue if (sp and own) else None, start=a, end=b, kind=kind)
    return Quote(speaker=sp.name, text=text[a:b], cue=sp.cue if own else None, start=a, end=b, kind=kind,
                 speaker_key=sp.key, speaker_start=sp.start, speaker_end=sp.end)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim whitespace (and a comma the English style puts inside the marks) from [a, b)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _reported(text: str, res: _Resolver, s: _Sent, sp: _Speaker, own: bool) -> tuple[int, int] | None:
    """The span of a subjunctive clause reported without marks ("Lawrow sagte, es gebe Probleme")."""
    spans = [(s.start, s.end)]
    if own:
        commas = [t[1] for t in s.toks if t[0] == ","]  # an own cue: the sentence was tokenized
        after = [x for x in commas if x >= max(sp.at_end, sp.end or 0)]
        colon = next((t[1] for t in s.toks if t[0] == ":" and t[1] >= sp.at_end), None)
        if colon is not None and (not after or colon < after[0]):
            after = [colon] + after  # "wies X zurück: Dafür gebe es keine Hinweise"
        before = [x for x in commas if x < sp.at]
        rest = text[after[0] + 1:s.end] if after else ""
        verb_first = len(rest) - len(rest.lstrip()) + after[0] + 1 if after else 0
        aside = bool(before and after and res.has_subjunctive(verb_first, verb_first + 1))
        if not aside:  # "…, so Wendt, werde es …": the verb goes on with the start, the whole is reported
            spans = ([(after[0] + 1, s.end)] if after else []) + ([(s.start, before[-1])] if before else []) + spans
    for a, b in spans:
        a, b = _trim(text, a, b)
        while b > a and text[b - 1] in ".!?…":
            b -= 1
        if b - a >= 8 and res.has_subjunctive(a, b):
            return a, b
    return None


def find_quotes(text: str, sentences: list[Sentence], entities: list[Entity], lang: str | None) -> list[Quote]:
    """Quotations in `text` with their speakers and cues (direct, partial and — for German — reported)."""
    if not text or not sentences:
        return []
    lang = lang.split("-")[0].lower() if lang else None
    paras = paragraph_quotes(text)
    found: list[tuple[int, int, int, int]] = []  # (open, region end, inner start, inner end)
    for k, (ps, pe, pairs) in enumerate(paras):
        nxt = paras[k + 1][0] if k + 1 < len(paras) else None
        for o, cl in pairs:
            if cl < 0 and not _accept_unclosed(text, o, ps, pe, nxt):
                continue
            r_end = cl + 1 if cl >= 0 else pe
            a, b = _trim(text, o + 1, cl if cl >= 0 else pe)
            if a < b:
                found.append((o, r_end, a, b))
    parts, pos = [], 0
    for o, r_end, _, _ in found:
        parts += [text[pos:o], MASK * (r_end - o)]
        pos = r_end
    masked = "".join(parts) + text[pos:]
    res = _Resolver(text, masked, entities, lang)
    para_starts = [p[0] for p in paras]
    matches = res.cue_matches
    at = [m.start() for m in matches]
    sents: list[_Sent] = []
    gap = False
    for se in sorted(sentences, key=attrgetter("start")):
        a, b = se.start, se.end
        lo, hi = bisect_left(at, a), bisect_left(at, b)
        if lo == hi and masked.find(MASK, a, b) < 0 and not res.has_subjunctive(a, b):
            gap = True  # no cue, no quotation, indicative: the reporter's own, needed only as a break
            continue
        s = _Sent(a, b, bisect_right(para_starts, a) - 1, gap)
        gap = False
        res.cues(s, matches[lo:hi])
        sents.append(s)
    starts = [s.start for s in sents]
    out: list[Quote] = []
    has_direct: set[int] = set()
    for o, r_end, a, b in found:
        home = max(0, bisect_right(starts, o) - 1)
        last = max(home, bisect_right(starts, max(o, r_end - 1)) - 1)
        s = sents[home] if sents and sents[home].start <= o < sents[home].end else None
        kind = _kind(text, a, b, o, r_end, s, res.c)
        sp, cue_after = _own(text, masked, sents, home, last, o, r_end, kind) if s is not None else (None, False)
        if cue_after and len(text[a:b].split()) >= 2 and text[a].isupper():
            kind = "direct"  # „Wir kommen“, sagte sie
        if kind == "direct":
            has_direct.update(range(home, last + 1))
        own = sp is not None
        if sp is None and s is not None:
            sp = _inherited(sents, home)
        out.append(_quote(text, a, b, kind, sp, own))
    if lang == "de":
        for k, s in enumerate(sents):
            if not s.subjunctive or k in has_direct:
                continue
            sp, own = s.best, True
            if sp is None:
                sp, own = _inherited(sents, k, paragraph=False), False
            if sp is None or sp.name is None:
                continue
            span = _reported(text, res, s, sp, own)
            if span is not None:
                out.append(_quote(text, span[0], span[1], "reported", sp, own))
    out.sort(key=lambda q: (q.start, q.end))
    return out
