"""Compare: how two articles, or the articles of one story, relate.

`pair.compare(a, analysis_a, b, analysis_b, embedder=…)` scores two articles on SemEval-2022
Task 8's scale (1 = same story … 4 = unrelated) with Geography, Entities, Time and Narrative and
the evidence behind each; the story-level modules beside it align facts, quotes and wording.
"""

from __future__ import annotations

from .pair import DIMENSIONS, FEATURES, SimilarityModel, compare, pair_features

__all__ = ["DIMENSIONS", "FEATURES", "SimilarityModel", "compare", "pair_features"]
