"""Paths the tests share, `need`, which skips a test when data beside the project is absent, and a toy embedder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = ROOT / "corpus"


def need(path: Path) -> Path:
    """Skip the test with a clear reason when `path` is absent (../shared is not in every checkout)."""
    if not path.exists():
        pytest.skip(f"{path} is absent (tests that read ../shared skip without it)")
    return path


class LetterEmbedder:
    """A toy embedder: letter counts, normalized. Fast and deterministic, and enough to tell invented topics
    apart; `name` can be set per test (the linker and the similarity model look embedders up by name)."""

    dim = 26

    def __init__(self, name: str = "letters"):
        self.name = name
        self.calls = 0
        self.texts = 0

    def encode(self, texts):
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for ch in t.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        n = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, n, out=np.zeros_like(out), where=n > 0)
