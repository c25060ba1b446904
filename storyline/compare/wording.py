"""Wording differences between two variants of one fact: the words each outlet chose that the other did not.

Same language: the two variants' words are aligned (difflib over stemmed, case-folded tokens, so
"Gespräch" and "Gespräche" count as the same word) and every content word outside the matched
runs is marked — „Repression“ against „Unterdrückung“, „berechenbare und stabile“ against
„stabilere und vorhersehbare“. Different languages: words cannot be compared, so only the
entities and numbers one side has and the other lacks are marked. Offsets are into each
variant's text.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from .claims import Claim, entity_key, words

# negations are function words but change what a claim says: never drop them as noise
_NEGATIONS = frozenset("nicht kein keine keinen keinem keiner keines nie niemals niemand not no never nobody none "
                       "ne pas jamais aucun aucune no nunca ningún ninguna non mai nessun nessuna".split())
_QUOTES = re.compile(r"[„“”\"'«»‚‘’‹›]")


@lru_cache(maxsize=64)
def _stop(language: str | None) -> frozenset[str]:
    try:
        from ..represent.stopwords import STOPWORDS
    except ImportError:
        return frozenset()
    return STOPWORDS.get(language or "", frozenset())


@lru_cache(maxsize=200_000)
def _norm(word: str, language: str | None) -> str:
    """A word as compared: case-folded, quote marks dropped, lightly stemmed."""
    w = _QUOTES.sub("", word).casefold()
    try:
        from ..represent.sparse import stem
    except ImportError:
        return w
    return "-".join(stem(p, language) for p in w.split("-"))


@lru_cache(maxsize=8192)
def tokens(text: str, language: str | None) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
    """A text's word spans and their compared forms (cached: a claim is compared with many partners)."""
    spans = tuple(words(text))
    return spans, tuple(_norm(text[s:e], language) for s, e in spans)


def _span(text: str, a: int, b: int) -> dict:
    return {"text": text[a:b], "start": a, "end": b}


def word_differences(a_text: str, b_text: str, language: str | None) -> tuple[list[dict], list[dict], list[dict]]:
    """(words only in a, words only in b, replaced runs [{a, b}]) for two texts in one language."""
    aw, an = tokens(a_text, language)
    bw, bn = tokens(b_text, language)
    stop = _stop(language)

    def content(text: str, span: tuple[int, int]) -> bool:
        w = text[span[0] : span[1]].casefold()
        return w in _NEGATIONS or w not in stop

    a_out: list[dict] = []
    b_out: list[dict] = []
    changes: list[dict] = []
    sm = difflib.SequenceMatcher(None, an, bn, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        ai = [aw[i] for i in range(i1, i2) if content(a_text, aw[i])]
        bj = [bw[j] for j in range(j1, j2) if content(b_text, bw[j])]
        a_out += [_span(a_text, s, e) for s, e in ai]
        b_out += [_span(b_text, s, e) for s, e in bj]
        if ai and bj:
            changes.append({"a": a_text[ai[0][0] : ai[-1][1]], "b": b_text[bj[0][0] : bj[-1][1]]})
    return a_out, b_out, changes


def matched_words(a_text: str, b_text: str, language: str | None
                  ) -> tuple[tuple[tuple[int, int], ...], list[bool], float]:
    """a's word spans, which of them b matches (aligned runs), and the share of b's content words a matches."""
    aw, an = tokens(a_text, language)
    bw, bn = tokens(b_text, language)
    stop = _stop(language)
    hit_a = [False] * len(aw)
    hit_b = [False] * len(bw)
    for blk in difflib.SequenceMatcher(None, an, bn, autojunk=False).get_matching_blocks():
        for k in range(blk.size):
            hit_a[blk.a + k] = True
            hit_b[blk.b + k] = True
    content_b = [j for j, (s, e) in enumerate(bw) if b_text[s:e].casefold() not in stop]
    cover = sum(hit_b[j] for j in content_b) / len(content_b) if content_b else 0.0
    return aw, hit_a, cover


def _mismatches(x: Claim, y: Claim) -> list[dict]:
    """Entities and numbers of claim x that claim y lacks, as spans of x's text."""
    keys = {entity_key(e) for e in y.entities}
    values = {n.value for n in y.numbers}
    out = [_span(x.text, e.start - x.start, e.end - x.start) for e in x.entities if entity_key(e) not in keys]
    out += [_span(x.text, n.start - x.start, n.end - x.start) for n in x.numbers if n.value not in values]
    return sorted(out, key=lambda d: d["start"])


def differences(a: Claim, b: Claim) -> dict:
    """The wording difference of two variants: {a, b, a_words, b_words, changes, compared}."""
    if a.language and b.language and a.language != b.language:
        a_words, b_words, changes, how = _mismatches(a, b), _mismatches(b, a), [], "entities and numbers"
    else:
        a_words, b_words, changes = word_differences(a.text, b.text, a.language or b.language)
        how = "words"
    return {"a": {"outlet": a.outlet, "article": a.article}, "b": {"outlet": b.outlet, "article": b.article},
            "a_words": a_words, "b_words": b_words, "changes": changes, "compared": how}
