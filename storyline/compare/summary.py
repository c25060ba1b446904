"""A story's title and its extractive summary, each sentence credited to the outlets that report it.

Title: the title of the most central article (the one whose claims lie closest to the story's
centroid, every article weighing the same); among articles within `TITLE_TIE` of the best, the
shortest title, because a central article's long title is more often an angle than the event.

Summary: facts ranked by how widely they are reported (shared, then the most outlets) and then
by centrality (the cosine of their best variant to the story's centroid, less `POSITION` times
their earliest position in an article); each chosen fact gives the whole sentence of its most
central variant; a sentence too close to one already chosen is skipped. `SENTENCES`, `ORDER` and
`POSITION` were set on the AllSides val split (storyline.evaluate_summary.tune: 3 sentences in text
order score best within the 3..5 the summary allows; POSITION changes val ROUGE by < 0.001).
"""

from __future__ import annotations

import numpy as np

from .claims import Claim
from .facts import Fact

TITLE_TIE = 0.02  # centrality within this of the best counts as "most central" too
MIN_SENTENCES, MAX_SENTENCES = 3, 5
SENTENCES = 3  # sentences a summary aims for (within MIN..MAX when the story has enough facts)
ORDER = "text"  # "rank": the most reported fact first; "text": in the order the lead article tells them
REDUNDANT = 0.85  # cosine above which a candidate repeats a sentence already chosen
POSITION = 0.1  # weight of a fact's earliest position (0 lead … 1 end) against its centrality


def _unit(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=-1, keepdims=True)
    return np.divide(x, n, out=np.zeros_like(x), where=n > 0)


def article_vectors(claims: list[Claim], vectors: np.ndarray, n_members: int) -> np.ndarray:
    """One unit vector per article: the mean of its claims' vectors (zero for an article without claims)."""
    out = np.zeros((n_members, vectors.shape[1] if vectors.ndim == 2 and len(vectors) else 1), np.float32)
    for c in claims:
        out[c.member] += vectors[c.index]
    return _unit(out)


def centroid(doc_vectors: np.ndarray) -> np.ndarray:
    """The story's centroid: the mean of its articles' vectors, each article weighing the same."""
    return _unit(doc_vectors.mean(axis=0)) if len(doc_vectors) else doc_vectors


def article_centrality(doc_vectors: np.ndarray) -> np.ndarray:
    """Per article: the mean cosine to the other articles (1.0 for a story of one article)."""
    n = len(doc_vectors)
    if n < 2:
        return np.ones(n, np.float32)
    sims = doc_vectors @ doc_vectors.T
    return (sims.sum(axis=1) - np.diag(sims)) / (n - 1)


def story_title(titles: list[str | None], centrality: np.ndarray) -> str | None:
    """The shortest title among the most central articles that have one."""
    have = [i for i, t in enumerate(titles) if t and t.strip()]
    if not have:
        return None
    best = max(float(centrality[i]) for i in have)
    near = [i for i in have if float(centrality[i]) >= best - TITLE_TIE]
    return min((titles[i].strip() for i in near), key=lambda t: (len(t), t))  # type: ignore[union-attr]


def summarize(facts: list[Fact], claims: list[Claim], vectors: np.ndarray, n_members: int, *,
              sentences: int = SENTENCES, order: str = ORDER, position: float | None = None,
              fact_ids: list[str] | None = None) -> list[dict]:
    """Extractive summary: [{text, outlets, article, fact}], `sentences` long (fewer when the story has fewer facts)."""
    if not claims:
        return []
    center = centroid(article_vectors(claims, vectors, n_members))
    closeness = vectors @ center if len(center) else np.zeros(len(claims))

    def best_variant(f: Fact) -> int:
        return max(f.claims, key=lambda c: (float(closeness[c]), -claims[c].position))

    candidates = [k for k in range(len(facts)) if facts[k].span is None]  # details repeat their sentence
    w = POSITION if position is None else position

    def earliest(f: Fact) -> float:
        return min(claims[c].position for c in f.claims)

    ranked = sorted(candidates, key=lambda k: (-len(facts[k].outlets),
                                               -(float(closeness[best_variant(facts[k])]) - w * earliest(facts[k])),
                                               earliest(facts[k])))
    chosen: list[tuple[int, int]] = []  # (fact, claim)
    seen_sentences: set[tuple[int, tuple[int, int]]] = set()
    for k in ranked:
        if len(chosen) >= sentences:
            break
        c = best_variant(facts[k])
        where = (claims[c].member, claims[c].sentence)
        if where in seen_sentences:
            continue
        if any(float(vectors[c] @ vectors[o]) >= REDUNDANT for _, o in chosen):
            continue
        seen_sentences.add(where)
        chosen.append((k, c))
    if order == "text":
        chosen.sort(key=lambda kc: (claims[kc[1]].position, claims[kc[1]].member))
    out = []
    for k, c in chosen:
        cl = claims[c]
        out.append({"text": cl.sentence_text or cl.text, "outlets": list(facts[k].outlets), "article": cl.article,
                    "fact": fact_ids[k] if fact_ids else k})
    return out
