"""The quote table: every quotation of a story, variants of the same words grouped, speakers compared.

Two quotations are variants of one quote when their words are the same (`exact`), when one holds
the other's words in a row (`partial`: a scare quote taken from a longer quotation), or when their
sentence vectors are close (`paraphrase` in one language, `translation` across two). Groups grow
from the longest quotation down, and a quotation joins the group whose first (longest) member it
matches best, so two different statements never merge through a short word both contain. When
outlets attribute the same words to different speakers, the group lists the conflict.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..model import Quote

PARAPHRASE = 0.80  # cosine above which two quotations in one language say the same
TRANSLATION = 0.70  # cosine above which two quotations in two languages say the same
MIN_DENSE_WORDS = 3  # shorter quotations (scare quotes) match by their words only
_RANK = {"exact": 3, "partial": 2, "translation": 1, "paraphrase": 1}
_WORD = re.compile(r"[^\W_]+")


@dataclass
class QuoteItem:
    """One quotation of one article, with what grouping needs."""

    member: int
    outlet: str
    article: int | str | None
    language: str | None
    quote: Quote
    tokens: tuple[str, ...]
    vector: np.ndarray | None = None
    joined: str = ""  # the words with a space on each side: containment of words is a substring test

    def __post_init__(self) -> None:
        self.joined = " " + " ".join(self.tokens) + " "


def quote_tokens(text: str) -> tuple[str, ...]:
    """The words of a quotation, case-folded (punctuation and quote marks do not count)."""
    return tuple(w.casefold() for w in _WORD.findall(text))


def match(a: QuoteItem, b: QuoteItem, cos: float | None = None) -> tuple[str, float] | None:
    """How quotation b is a variant of a: (kind, strength), or None (`cos`: their vectors' cosine, if known)."""
    if not a.tokens or not b.tokens:
        return None
    if a.tokens == b.tokens:
        return "exact", 1.0
    if b.joined in a.joined or a.joined in b.joined:
        return "partial", min(len(a.tokens), len(b.tokens)) / max(len(a.tokens), len(b.tokens))
    if a.vector is None or b.vector is None or min(len(a.tokens), len(b.tokens)) < MIN_DENSE_WORDS:
        return None
    if cos is None:
        cos = float(a.vector @ b.vector)
    if a.language and b.language and a.language != b.language:
        return ("translation", cos) if cos >= TRANSLATION else None
    return ("paraphrase", cos) if cos >= PARAPHRASE else None


def _speaker_key(q: Quote) -> str | None:
    return q.speaker_key or (q.speaker.casefold() if q.speaker else None)


def group_quotes(items: list[QuoteItem]) -> list[list[tuple[int, str]]]:
    """Groups of (item index, match kind against the group's first member), longest quotations first."""
    order = sorted(range(len(items)), key=lambda i: (-len(items[i].tokens), items[i].member, items[i].quote.start))
    # every cosine in one product instead of one dot per comparison
    dense = [i for i, it in enumerate(items) if it.vector is not None]
    cos = np.zeros((len(items), len(items)), np.float32)
    if dense:
        v = np.stack([items[i].vector for i in dense]).astype(np.float32)
        cos[np.ix_(dense, dense)] = v @ v.T
    groups: list[list[tuple[int, str]]] = []
    for i in order:
        best: tuple[int, float, int, str] | None = None
        for g, members in enumerate(groups):
            first = members[0][0]
            m = match(items[first], items[i], float(cos[first, i]))
            if m and (best is None or (_RANK[m[0]], m[1]) > (best[2], best[1])):
                best = (g, m[1], _RANK[m[0]], m[0])
        if best is None:
            groups.append([(i, "exact")])
        else:
            groups[best[0]].append((i, best[3]))
    return groups


def conflicts(items: list[QuoteItem], members: list[tuple[int, str]]) -> list[dict]:
    """Speakers of one quote, when two outlets name different ones (none otherwise)."""
    per_outlet: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    outlets_of: dict[str, list[str]] = {}
    for i, _ in members:
        it = items[i]
        key = _speaker_key(it.quote)
        if key is None:
            continue
        per_outlet.setdefault(it.outlet, set()).add(key)
        names.setdefault(key, it.quote.speaker or key)
        if it.outlet not in outlets_of.setdefault(key, []):
            outlets_of[key].append(it.outlet)
    outs = list(per_outlet)
    clash = any(not (per_outlet[x] & per_outlet[y]) for k, x in enumerate(outs) for y in outs[k + 1 :])
    if not clash:
        return []
    return [{"speaker": names[k], "speaker_key": k, "outlets": o} for k, o in outlets_of.items()]


def quote_table(items: list[QuoteItem]) -> list[dict]:
    """The quote table: [{speaker, speaker_key, outlets, variants, conflicts}], the most reported first."""
    rows = []
    for members in group_quotes(items):
        keys = Counter(k for i, _ in members if (k := _speaker_key(items[i].quote)))
        key = keys.most_common(1)[0][0] if keys else None
        speaker = next((items[i].quote.speaker for i, _ in members if _speaker_key(items[i].quote) == key), None)
        members = sorted(members, key=lambda m: (items[m[0]].member, items[m[0]].quote.start))
        variants = []
        for i, kind in members:
            it = items[i]
            variants.append({"outlet": it.outlet, "article": it.article, "text": it.quote.text,
                             "kind": it.quote.kind, "cue": it.quote.cue, "speaker": it.quote.speaker,
                             "speaker_key": _speaker_key(it.quote), "language": it.language,
                             "start": it.quote.start, "end": it.quote.end, "match": kind})
        outlets = list(dict.fromkeys(v["outlet"] for v in variants))
        first = (items[members[0][0]].member, items[members[0][0]].quote.start)
        rows.append(((-len(outlets), -len(variants), first),
                     {"speaker": speaker, "speaker_key": key, "outlets": outlets, "variants": variants,
                      "conflicts": conflicts(items, members)}))
    rows.sort(key=lambda r: r[0])
    return [r for _, r in rows]
