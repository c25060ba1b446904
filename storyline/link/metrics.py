"""Clustering quality against gold stories: B-cubed and pairwise precision, recall and F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _check(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> None:
    if len(pred) != len(gold):
        raise ValueError(f"clustering metrics: {len(pred)} predicted labels for {len(gold)} gold labels")


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed (Bagga & Baldwin): per item, the share of its predicted cluster that shares its gold
    cluster (precision) and of its gold cluster that shares its predicted cluster (recall), averaged."""
    _check(pred, gold)
    if not pred:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    joint = Counter(zip(pred, gold))
    psize, gsize = Counter(pred), Counter(gold)
    # every item of a (pred, gold) cell has the same per-item values: sum cell by cell
    p = sum(n * n / psize[c] for (c, g), n in joint.items()) / len(pred)
    r = sum(n * n / gsize[g] for (c, g), n in joint.items()) / len(pred)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Pairwise precision/recall/F1 over all pairs of items put together (predicted) or belonging together (gold)."""
    _check(pred, gold)

    def pairs(counts) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    tp = pairs(Counter(zip(pred, gold)))
    pp, gp = pairs(Counter(pred)), pairs(Counter(gold))
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r), "true_pairs": tp, "predicted_pairs": pp, "gold_pairs": gp}


def rounded(d: dict, places: int = 4) -> dict:
    """The same dict with floats rounded for printing and JSON."""
    return {k: round(v, places) if isinstance(v, float) else v for k, v in d.items()}
