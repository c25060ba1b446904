"""Details: what one outlet adds to a sentence it shares with others, split off as facts of their own.

Two kinds, both reported as `unique` facts of one claim with a span and the fact they extend:
- `details`        a run of words an outlet adds to a sentence that repeats most of a partner's
                   words (agency copy, a rewrite): "as retaliation for hacking …" before a shared
                   "the US expelled ten diplomats"
- `named_details`  a phrase of an aligned claim that names an entity or a number no other outlet of
                   the story mentions, with words of its own: "… am Rande eines Treffens des
                   Arktischen Rates …" in a sentence aligned with another outlet's "in Reykjavik"
Words are compared as `wording` compares them (case-folded, lightly stemmed), so only within one
language; names and numbers by their keys and values, across languages too. "Anywhere in the
story" means in the outlet's claims: its articles' sentences less headings and stray labels.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache

from .claims import Claim, entity_key, segments
from .facts import Fact, unit_stem
from .wording import _stop, matched_words, tokens

DETAIL_COVER = 0.6  # share of a partner's content words a claim repeats: the claim is the partner plus more
DETAIL_WORDS = 6  # a run of at least this many words no partner has is a detail of its own (3+ content words)
NAMED_WORDS = 2  # content words besides a new name or number that a phrase needs to be a detail (`named_details`)
NAMED_MATCHED = 0.5  # at most this share of the phrase's content words may be in the other outlets' variants
# auxiliaries and modals say nothing of their own: they neither make nor start a detail
_AUX = frozenset("""ist sind war waren sei seien wäre wären hat haben hatte hatten habe hätte hätten wird werden
wurde wurden würde würden worden werde gewesen kann können könnte könnten soll sollen sollte solle muss müssen
is are was were be been being has have had will would shall should can could may might must""".split())
_NAME_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")  # as `claims.words`: "Boulogne-sur-Mer" is one word


@lru_cache(maxsize=8192)
def _content_forms(text: str, language: str | None) -> tuple[str, ...]:
    """The compared forms of a text's content words (stopwords left out); cached, a claim has many partners."""
    stop = _stop(language)
    spans, forms = tokens(text, language)
    return tuple(t for (x, y), t in zip(spans, forms) if text[x:y].casefold() not in stop)


def details(facts: list[Fact], claims: list[Claim]) -> list[Fact]:
    """Details: what one outlet's sentence adds to a sentence it shares with others, as facts of their own.

    When a claim repeats most of a partner's words (agency copy, a rewrite) and adds a run of
    words no partner in its fact has, that run is reported by this outlet only — "as retaliation
    for hacking …" before a shared "the US expelled ten diplomats". Same-language partners only.
    """
    out: list[Fact] = []
    for k, f in enumerate(facts):
        ids = f.claims + sorted(f.secondary)
        for c in f.claims:
            cl = claims[c]
            partners = [claims[o] for o in ids if claims[o].outlet != cl.outlet and claims[o].language == cl.language]
            if not partners:
                continue
            stop = _stop(cl.language)
            spans, mine = tokens(cl.text, cl.language)
            mine_set = set(mine)
            # a set overlap bounds the aligned one: partners that cannot be "contained" skip difflib
            close = {id(p) for p in partners if (cf := _content_forms(p.text, p.language))
                     and sum(t in mine_set for t in cf) >= DETAIL_COVER * len(cf)}
            if not close:
                continue
            extra = [True] * len(spans)
            contained = False
            for p in partners:
                if id(p) in close:
                    _, hit, cover = matched_words(cl.text, p.text, cl.language)
                    contained = contained or cover >= DETAIL_COVER
                else:
                    theirs = set(tokens(p.text, p.language)[1])
                    hit = [t in theirs for t in mine]
                extra = [e and not h for e, h in zip(extra, hit)]
            if not contained:
                continue
            for a, b in _runs(extra):
                if b - a < DETAIL_WORDS:
                    continue
                content = [w for w in spans[a:b] if cl.text[w[0]:w[1]].casefold() not in stop]
                if len(content) >= 3:
                    out.append(Fact(claims=[c], span=(cl.start + spans[a][0], cl.start + spans[b - 1][1]), detail_of=k))
    return out


def _outlet_vocabulary(claims: list[Claim]) -> tuple[dict, dict, dict, dict]:
    """Per outlet: entity keys, number values and unit stems, its folded words sorted (for prefix look-ups);
    per (outlet, language): the compared word forms."""
    keys: dict[str, set[str]] = defaultdict(set)
    nums: dict[str, set] = defaultdict(set)
    raw: dict[str, set[str]] = defaultdict(set)
    forms: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for c in claims:
        keys[c.outlet].update(c.entity_keys)
        for n in c.numbers:
            nums[c.outlet].update((n.value, unit_stem(n.unit)))
        spans, fs = tokens(c.text, c.language)
        raw[c.outlet].update(c.text[a:b].casefold() for a, b in spans)
        forms[(c.outlet, c.language)].update(fs)
    return keys, nums, {o: sorted(ws) for o, ws in raw.items()}, forms


def _has_prefix(sorted_words: list[str], prefix: str) -> bool:
    """Whether a word of the sorted list starts with `prefix`."""
    i = bisect_left(sorted_words, prefix)
    return i < len(sorted_words) and sorted_words[i].startswith(prefix)


def _named_by(name: str, words: list[str]) -> bool:
    """Whether an outlet whose sorted words are `words` writes every word of `name`, inflected or derived
    ("Österreich" in "österreichische", "Slowenien" in "slowenischer"): the start of each word is enough."""
    ws = [w.casefold() for w in _NAME_WORD.findall(name) if len(w) >= 3]
    return bool(ws) and all(_has_prefix(words, w[: max(4, len(w) - 4)]) for w in ws)


def _new_anchors(cl: Claim, others: list[str], keys: dict, nums: dict, raw: dict) -> list[tuple[int, int]]:
    """Spans (in the claim's text) of names and numbers no other outlet mentions anywhere in the story."""
    out = []
    for e in cl.entities:
        # a name another outlet writes, even as an adjective or where its analysis missed it, is not new
        if not any(entity_key(e) in keys[o] or _named_by(e.text, raw[o]) for o in others):
            out.append((e.start - cl.start, e.end - cl.start))
    for n in cl.numbers:
        first = (n.text.split() or [""])[0].casefold()
        unit = unit_stem(n.unit)
        # another outlet's number of the same thing is a disagreement, not a detail; and "zwei Stunden"
        # against "zweistündig": a number spelled inside another outlet's compound is not new either
        if any(n.value in nums[o] or (unit and unit in nums[o]) or _has_prefix(raw[o], first) for o in others):
            continue
        out.append((n.start - cl.start, n.end - cl.start))
    return out


def named_details(facts: list[Fact], claims: list[Claim], taken: list[Fact] | None = None) -> list[Fact]:
    """Details that an aligned claim carries in a phrase of its own: a new name or number and words around it.

    A part of an aligned claim (a comma-, colon- or dash-delimited segment, `claims.segments`) is a
    detail of its outlet when it names an entity or a number that no other outlet of the story
    mentions anywhere and adds at least `NAMED_WORDS` further content words that no other outlet in
    its language uses ("… am Rande eines Treffens des Arktischen Rates …" in a sentence aligned
    with "in Reykjavik"). The detail is the stretch from the first to the last new word of that
    segment, when at most `NAMED_MATCHED` of its content words are in the other outlets' variants.
    Only where another outlet writes in the claim's language (words cannot be compared across
    languages, and names alone gave a detail for most facts of the multilingual sample stories).
    Spans that overlap a detail in `taken` (from `details`) are left out.
    """
    keys, nums, raw, forms = _outlet_vocabulary(claims)
    outlets = list(dict.fromkeys(c.outlet for c in claims))
    users: Counter = Counter()  # (language, form): how many outlets use it
    for (_, lang), fs_ in forms.items():
        users.update((lang, t) for t in fs_)
    held = defaultdict(list)
    for d in taken or []:
        held[d.claims[0]].append(d.span)
    out: list[Fact] = []
    for k, f in enumerate(facts):
        if f.span is not None or len({claims[c].outlet for c in f.claims + sorted(f.secondary)}) < 2:
            continue
        ids = f.claims + sorted(f.secondary)
        for c in f.claims:
            cl = claims[c]
            others = [o for o in outlets if o != cl.outlet]
            if not any((o, cl.language) in forms for o in others):
                continue  # words cannot be compared across languages: names alone make too many details
            anchors = _new_anchors(cl, others, keys, nums, raw)
            if not anchors:
                continue
            stop = _stop(cl.language) | _AUX
            own = forms[(cl.outlet, cl.language)]

            def known(t: str) -> bool:  # another outlet in this language uses the form
                return users[(cl.language, t)] > (t in own)

            partner_forms = set().union(*(tokens(claims[p].text, claims[p].language)[1] for p in ids
                                          if claims[p].outlet != cl.outlet and claims[p].language == cl.language))
            spans, fs = tokens(cl.text, cl.language)
            for sa, sb in segments(cl.text):
                if not any(sa <= a < sb for a, _ in anchors):
                    continue
                idx = [i for i, (x, y) in enumerate(spans) if sa <= x and y <= sb
                       and cl.text[x:y].casefold() not in stop]
                in_anchor = [any(a <= spans[i][0] < b for a, b in anchors) for i in idx]
                new = [i for i, anc in zip(idx, in_anchor) if anc or not known(fs[i])]
                extra = sum(1 for i, anc in zip(idx, in_anchor) if not anc and not known(fs[i]))
                if extra < NAMED_WORDS:
                    continue
                lo, hi = spans[new[0]][0], spans[new[-1]][1]
                for a, b in anchors:  # a name or number the stretch cuts into is kept whole ("40.000")
                    if a < hi and lo < b:
                        lo, hi = min(lo, a), max(hi, b)
                inside = [i for i in idx if lo <= spans[i][0] < hi]
                if sum(fs[i] in partner_forms for i in inside) > NAMED_MATCHED * len(inside):
                    continue  # the stretch is mostly the fact's shared words: nothing of its own
                span = (cl.start + lo, cl.start + hi)
                if any(s < span[1] and span[0] < e for s, e in held[c]):
                    continue
                held[c].append(span)
                out.append(Fact(claims=[c], span=span, detail_of=k))
    return out


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """[start, end) index runs where `flags` is true."""
    runs, start = [], None
    for i, x in enumerate(flags + [False]):
        if x and start is None:
            start = i
        elif not x and start is not None:
            runs.append((start, i))
            start = None
    return runs
