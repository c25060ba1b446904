"""Paths the tests share, and `need`, which skips a test when data beside the project is absent."""

from __future__ import annotations

from pathlib import Path

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
