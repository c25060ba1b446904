"""Facts: claims of different articles aligned by meaning, grouped, classified and checked for disagreements.

1. features   for every pair of claims from different articles: dense cosine, its margin over each
              claim's nearest neighbours in other articles (a language or a house style that lifts
              all cosines does not lift the score), idf-weighted overlap of stemmed terms and of
              character 4-grams (compounds, spelling variants), for pairs in two languages the
              idf-weighted overlap of entity keys (names that words cannot match: Lawrow/Lavrov),
              shared numbers and resolved dates, and whether the two are each other's best match
2. score      a logistic function of a weighted sum (`WEIGHTS`): read it as P(same fact). The weights
              are set by hand on the scale of the features, checked on the project's labelled
              stories (tests/compare/cov_stories.py: pairwise F1 0.96 / 1.00 / 0.80) and on the two
              seed reports; a logistic regression fitted on the labelled stories alone trusted the
              mutual-best feature so much that it missed most real paraphrases of the seeds
3. grouping   the strongest pairs first; a claim joins a fact when it aligns with the fact's member
              and with the fact as a whole (mean probability over its members from other articles),
              and a fact holds one claim per article unless the article repeats itself — no chains
4. secondary  a claim that packs two facts of another article into one sentence joins the second
              fact too (it is listed in both)
5. details    what one outlet adds to a sentence it shares, as facts of their own (module `details`)
6. kinds      shared (every outlet), partial (two or more), unique (one); outlets, not articles
7. disagreements  numbers that count the same thing, resolved dates, quote speakers
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .claims import Claim

# 2. the logistic model: bias and weights of the features (see `pair_features`)
WEIGHTS = {"bias": -5.0, "cos": 10.0, "margin": 10.0, "terms": 5.0, "chars": 5.0, "entities": 1.5,
           "numbers": 2.0, "best": 2.0}
THRESHOLD = 0.5  # probability above which two claims align
CENTROID = 0.35  # mean probability a claim needs over a fact's members to join it
REPEAT = 0.8  # cosine above which two claims of one article say the same thing (a repeat)
SECONDARY = 0.8  # probability a claim needs with a fact's member to be listed in a second fact
KNN = 3  # neighbours averaged for the margin

_UNIT = re.compile(r"[^\W\d_]+")


@dataclass
class Fact:
    """A group of aligned claims: their indexes and the story-level facts about them."""

    claims: list[int]
    secondary: set[int] = field(default_factory=set)  # claims listed here that belong to another fact first
    outlets: list[str] = field(default_factory=list)
    kind: str = "unique"
    span: tuple[int, int] | None = None  # for a detail: the part of its one claim (offsets into the article)
    detail_of: int | None = None  # for a detail: the fact whose claim it extends


def _idf_matrix(bags: list):
    """Rows of idf-weighted binary term vectors, L2-normalized, as a sparse matrix (rarer terms weigh more)."""
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    index = vocab.setdefault
    cols = np.fromiter((index(t, len(vocab)) for bag in bags for t in bag), dtype=np.int64)
    lengths = np.fromiter((len(bag) for bag in bags), dtype=np.int64, count=len(bags))
    indptr = np.zeros(len(bags) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    n = len(bags)
    df = np.bincount(cols, minlength=max(len(vocab), 1))
    idf = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)
    data = idf[cols]
    rows = np.repeat(np.arange(n), lengths)
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n)).astype(np.float32)
    data /= np.where(norms > 0, norms, 1.0)[rows]
    return csr_matrix((data, cols, indptr), shape=(n, max(len(vocab), 1)))


def _cosines(x) -> np.ndarray:
    """Dense (n, n) cosines of the rows of a normalized sparse matrix."""
    return np.asarray((x @ x.T).todense(), dtype=np.float32)


@lru_cache(maxsize=100_000)
def _word_features(word: str, language: str | None, n: int = 4) -> tuple[str | None, frozenset[str]]:
    """One folded word's term (its stem; None for a stopword or a 1-letter word) and character n-grams.

    The term is what `represent.sparse.terms` counts; words repeat across a story's claims, so each
    is stemmed and cut into n-grams once.
    """
    from ..represent.sparse import stem

    stop = _folded_stopwords(language)
    term = None if len(word) < 2 or word in stop else stem(word, language)
    w = f" {word} "
    return term, frozenset(w[i : i + n] for i in range(max(len(w) - n + 1, 1)))


@lru_cache(maxsize=64)
def _folded_stopwords(language: str | None) -> frozenset[str]:
    from ..represent.sparse import _STOP

    return _STOP.get(language or "", frozenset())


def _char_grams(text: str, language: str | None, n: int = 4) -> set[str]:
    """Character n-grams inside the words of `text` (padded with spaces): compounds and spellings overlap."""
    from ..represent.sparse import tokens

    return set().union(*(_word_features(w, language, n)[1] for w in tokens(text, language)))


def _terms(claims: list[Claim]) -> tuple[list, list]:
    """Per claim: its stemmed content terms (as `represent.sparse.terms`) and its character 4-grams, one pass."""
    from ..represent.sparse import tokens

    term_bags, char_bags = [], []
    for c in claims:
        feats = [_word_features(w, c.language) for w in tokens(c.text, c.language)]
        term_bags.append(dict.fromkeys(t for t, _ in feats if t is not None))
        char_bags.append(set().union(*(g for _, g in feats)))
    return term_bags, char_bags


def unit_stem(unit: str | None) -> str:
    """What a number counts, reduced for comparison: the last word of the unit, its first 5 letters."""
    if not unit:
        return ""
    ws = _UNIT.findall(unit.casefold().split("-")[-1])
    return ws[-1][:5] if ws else ""


def _number_keys(c: Claim) -> set[tuple[float, str]]:
    return {(n.value, unit_stem(n.unit)) for n in c.numbers}


def _date_keys(c: Claim) -> set[str]:
    return {d.value for d in c.dates if d.value and (d.precision or "day") in ("day", "minute")}


def pair_features(claims: list[Claim], vectors: np.ndarray) -> dict[str, np.ndarray]:
    """1. The (n, n) feature matrices of every pair of claims from different articles (0 within an article)."""
    n = len(claims)
    member = np.array([c.member for c in claims])
    other = member[:, None] != member[None, :]
    cos = (vectors @ vectors.T).astype(np.float32) if n else np.zeros((0, 0), np.float32)
    # margin: how much a pair stands out from each claim's best matches in other articles
    masked = np.where(other, cos, -1.0)
    k = max(1, min(KNN, int(other.sum(axis=1).max(initial=1))))
    top = -np.sort(-masked, axis=1)[:, :k] if n else np.zeros((0, k))
    knn = np.where(top > -1.0, top, 0.0).mean(axis=1) if n else np.zeros(0)
    margin = cos - (knn[:, None] + knn[None, :]) / 2
    term_bags, char_bags = _terms(claims)
    tx, cx = _idf_matrix(term_bags), _idf_matrix(char_bags)
    terms_sim, chars_sim = _cosines(tx), _cosines(cx)
    # entities: idf-weighted overlap of keys, for pairs in two languages, where words cannot match
    # ("Lawrow" / "Lavrov"); within one language the names are already among the terms
    langs = np.array([c.language or "" for c in claims])
    ents = _cosines(_idf_matrix([{k: 1 for k in c.entity_keys} for c in claims]))
    ents *= langs[:, None] != langs[None, :]
    nums = np.zeros((n, n), dtype=np.float32)
    numk = [_number_keys(c) | {(d, "@") for d in _date_keys(c)} for c in claims]
    for i in range(n):
        if not numk[i]:
            continue
        for j in range(i + 1, n):
            if numk[j] and numk[i] & numk[j]:
                nums[i, j] = nums[j, i] = 1.0
    feats = {"cos": cos, "margin": margin, "terms": terms_sim, "chars": chars_sim, "entities": ents,
             "numbers": nums, "best": _best(cos + terms_sim + chars_sim, member)}
    out = {k: np.where(other, v, 0.0).astype(np.float32) for k, v in feats.items()}
    out["other"] = other  # pairs of claims from different articles
    out["cos_all"] = cos  # within articles too, for repeats
    return out


def _best(score: np.ndarray, member: np.ndarray) -> np.ndarray:
    """1 where two claims are each other's best match in the other's article, 0.5 where one way only."""
    n = len(member)
    best = np.zeros((n, n), dtype=np.float32)
    for m in np.unique(member):
        cols = np.flatnonzero(member == m)
        pick = cols[np.argmax(score[:, cols], axis=1)]  # each claim's best match in article m
        rows = np.flatnonzero(member != m)
        best[rows, pick[rows]] += 0.5
    return best + best.T


def pair_probability(feats: dict[str, np.ndarray], weights: dict[str, float] | None = None) -> np.ndarray:
    """2. P(same fact) for every pair of claims from different articles under the logistic model (0 otherwise)."""
    w = weights or WEIGHTS
    z = np.full_like(feats["cos"], w["bias"])
    for name, weight in w.items():
        if name != "bias":
            z += weight * feats[name]
    p = 1.0 / (1.0 + np.exp(-z))
    return np.where(feats["other"], p, 0.0)


def group(claims: list[Claim], prob: np.ndarray, cos: np.ndarray) -> list[Fact]:
    """3-4. Facts from pair probabilities: strongest pairs first, no chaining, secondary memberships."""
    n = len(claims)
    fact_of = [-1] * n
    members: list[list[int]] = []

    member = np.array([c.member for c in claims])

    def fits(c: int, f: int) -> bool:
        mc = member[c]
        others = [m for m in members[f] if member[m] != mc]
        if not others or float(prob[c, others].sum()) < CENTROID * len(others):
            return False
        return all(cos[c, m] >= REPEAT for m in members[f] if member[m] == mc)

    iu, ju = np.triu_indices(n, k=1)
    keep = prob[iu, ju] >= THRESHOLD  # only pairs that align are ever used: sort those, not all n² / 2
    iu, ju = iu[keep], ju[keep]
    order = np.argsort(-prob[iu, ju], kind="stable")
    for t in order:
        i, j = int(iu[t]), int(ju[t])
        fi, fj = fact_of[i], fact_of[j]
        if fi < 0 and fj < 0:
            fact_of[i] = fact_of[j] = len(members)
            members.append([i, j])
        elif fi >= 0 and fj < 0:
            if fits(j, fi):
                fact_of[j] = fi
                members[fi].append(j)
        elif fj >= 0 and fi < 0:
            if fits(i, fj):
                fact_of[i] = fj
                members[fj].append(i)
        elif fi != fj:
            # two facts grown apart: merge only when they share no article and match as wholes
            a, b = members[fi], members[fj]
            if {claims[x].member for x in a} & {claims[x].member for x in b}:
                continue
            if float(np.mean(prob[np.ix_(a, b)])) < CENTROID:
                continue
            for x in b:
                fact_of[x] = fi
            members[fi] = a + b
            members[fj] = []
    facts = [Fact(claims=sorted(m)) for m in members if m]
    for c in range(n):
        if fact_of[c] < 0:
            facts.append(Fact(claims=[c]))
    _secondary(claims, prob, facts)
    return facts


def _secondary(claims: list[Claim], prob: np.ndarray, facts: list[Fact]) -> None:
    """4. A claim that packs two facts of another article: listed in the second fact too.

    When a fact's member m has its best match c in another article, and c already belongs to a
    fact with a different claim of m's article (two claims of one article map to one sentence of
    another), c is listed in m's fact as well — if the pair passes `SECONDARY`.
    """
    home = {c: k for k, f in enumerate(facts) for c in f.claims}
    member = np.array([c.member for c in claims])
    arts_all = np.unique(member)
    # each claim's best match in every article, in one pass per article
    best = np.zeros((len(claims), len(arts_all)), dtype=np.int64)
    for x_i, x in enumerate(arts_all):
        cols = np.flatnonzero(member == x)
        best[:, x_i] = cols[np.argmax(prob[:, cols], axis=1)]
    for f in facts:
        arts = {claims[c].member for c in f.claims}
        outs = {claims[c].outlet for c in f.claims}
        for m in f.claims:
            for x_i, x in enumerate(arts_all):
                c = int(best[m, x_i])
                # another article of an outlet already in the fact adds nothing to its coverage
                if x in arts or claims[c].outlet in outs or prob[m, c] < SECONDARY or c in f.secondary:
                    continue
                if any(claims[o].member == claims[m].member for o in facts[home[c]].claims if o != m):
                    f.secondary.add(c)


def align_claims(claims: list[Claim], vectors: np.ndarray, weights: dict[str, float] | None = None
                 ) -> tuple[np.ndarray, list[Fact]]:
    """1-4: pair probabilities and the facts they group into (unclassified, in no particular order)."""
    if not claims:
        return np.zeros((0, 0), np.float32), []
    feats = pair_features(claims, vectors)
    prob = pair_probability(feats, weights)
    return prob, group(claims, prob, feats["cos_all"])


def classify(facts: list[Fact], claims: list[Claim], all_outlets: list[str]) -> None:
    """6. Outlets and kind of each fact (outlets are counted, not articles)."""
    for f in facts:
        seen: list[str] = []
        for c in sorted(f.claims + sorted(f.secondary), key=lambda c: all_outlets.index(claims[c].outlet)):
            if claims[c].outlet not in seen:
                seen.append(claims[c].outlet)
        f.outlets = seen
        if len(seen) == 1:
            f.kind = "unique"
        elif len(seen) == len(all_outlets):
            f.kind = "shared"
        else:
            f.kind = "partial"


def importance(f: Fact, claims: list[Claim]) -> tuple:
    """Sort key: shared first, then more outlets, then the earliest position in the articles."""
    rank = {"shared": 0, "partial": 1, "unique": 2}[f.kind]
    pos = min(claims[c].position for c in f.claims)
    return (rank, -len(f.outlets), pos, min(claims[c].index for c in f.claims))


def disagreements(members: list[int], claims: list[Claim]) -> list[dict]:
    """7. Numbers counting the same thing, resolved dates and quote speakers that differ between outlets."""
    out: list[dict] = []
    # numbers: per unit, the values each outlet gives
    by_unit: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    written: dict[str, str] = {}
    for c in members:
        for nm in claims[c].numbers:
            u = unit_stem(nm.unit)
            if u and nm.value not in by_unit[u][claims[c].outlet]:
                by_unit[u][claims[c].outlet].append(nm.value)
                written.setdefault(u, nm.unit or u)
    for u, per in by_unit.items():
        if len(per) >= 2 and len({tuple(sorted(v)) for v in per.values()}) > 1 and not _common(per):
            out.append({"field": "number", "unit": written[u],
                        "values": [{"outlet": o, "value": _num(v)} for o, vs in per.items() for v in vs]})
    # dates: outlets whose resolved day-precision dates share nothing
    dates: dict[str, set[str]] = defaultdict(set)
    for c in members:
        for d in _date_keys(claims[c]):
            dates[claims[c].outlet].add(d[:10])
    if len(dates) >= 2 and not set.intersection(*dates.values()):
        out.append({"field": "date", "values": [{"outlet": o, "value": v} for o, vs in dates.items()
                                                for v in sorted(vs)]})
    # speakers: who the quotes inside the claims are attributed to, per outlet
    speakers: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, str] = {}
    for c in members:
        for q in claims[c].quotes:
            key = q.speaker_key or (q.speaker.casefold() if q.speaker else None)
            if key:
                speakers[claims[c].outlet][key] += 1
                names.setdefault(key, q.speaker or key)
    if len(speakers) >= 2 and not set.intersection(*(set(s) for s in speakers.values())):
        out.append({"field": "speaker", "values": [{"outlet": o, "value": names[k]} for o, s in speakers.items()
                                                   for k in s]})
    return out


def _common(per: dict[str, list[float]]) -> bool:
    """True when every outlet gives at least one value all the others give too (no disagreement)."""
    return bool(set.intersection(*(set(v) for v in per.values())))


def _num(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


def pairwise_f1(facts: list[Fact], claims: list[Claim], gold: list[set[str]]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of cross-article claim pairs against gold fact tags (for tuning and tests)."""
    pred = set()
    for f in facts:
        ms = f.claims + sorted(f.secondary)
        for a in ms:
            for b in ms:
                if a < b and claims[a].member != claims[b].member:
                    pred.add((a, b))
    true = {(a, b) for a in range(len(claims)) for b in range(a + 1, len(claims))
            if claims[a].member != claims[b].member and gold[a] & gold[b]}
    tp = len(pred & true)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(true) if true else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "pairs": len(pred), "gold_pairs": len(true)}
