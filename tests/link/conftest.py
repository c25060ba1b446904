"""Helpers for the linker's tests: a transparent score model and synthetic representations."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.link.score import CROSS_FEATURES, FEATURES
from storyline.represent import Representation

DAY = 86400.0


def toy_model(threshold: float = 0.5, merge_threshold: float = 0.95, cut: float = 0.7) -> dict:
    """A model that joins when the nearest member's cosine exceeds `cut` (score 0.5 exactly there)."""
    def one(features):
        coef = [25.0 if f == "dense_nearest" else 0.0 for f in features]
        return {"features": list(features), "degree": 1, "coef": coef, "intercept": -25.0 * cut,
                "mean": [0.0] * len(features), "scale": [1.0] * len(features)}
    return {"models": {"mono": one(FEATURES), "cross": one(CROSS_FEATURES)}, "threshold": threshold,
            "merge_threshold": merge_threshold}


def events(n_events: int, per_event: int, *, dim: int = 32, noise: float = 0.15, seed: int = 0,
           spacing_days: float = 0.0, interleave: bool = True) -> tuple[list[Representation], list[int]]:
    """Articles around `n_events` random directions (gold = event index), interleaved in time."""
    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((n_events, dim))
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    order = [(e, k) for k in range(per_event) for e in range(n_events)] if interleave else \
        [(e, k) for e in range(n_events) for k in range(per_event)]
    reps, gold = [], []
    for i, (e, k) in enumerate(order):
        v = centers[e] + noise * rng.standard_normal(dim) / np.sqrt(dim)
        v = (v / np.linalg.norm(v)).astype(np.float32)
        reps.append(Representation(dense=v, terms={f"w{e}": 2, f"x{i}": 1}, entities={f"per:p{e}": 1},
                                   time=1.6e9 + e * spacing_days * DAY + k * 3600.0, language="en",
                                   article_id=i + 1))
        gold.append(e)
    return reps, gold


@pytest.fixture
def model():
    return toy_model()


@pytest.fixture
def make_model():
    return toy_model


@pytest.fixture
def make_events():
    return events
