"""Shared fixtures: paths to ../shared and the bundled corpus, a fresh store, the CLI runner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner


@pytest.fixture
def store(tmp_path):
    from storyline.store import open_store

    s = open_store(str(tmp_path / "test.db"))
    yield s
    s.close()


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "cli.db")


@pytest.fixture
def cli():
    from storyline.cli import main

    runner = CliRunner()

    def run(*args: str, input: bytes | str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run
