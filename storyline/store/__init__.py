"""Store: where articles live. SQLite by default (one file); the path comes from `--db`, then the
`STORYLINE_DB` environment variable, then `./storyline.db`."""

from __future__ import annotations

import os

from .sqlite import SQLiteStore

DEFAULT_DB = "storyline.db"


def db_path(explicit: str | None = None) -> str:
    """The store path: the flag, else STORYLINE_DB, else ./storyline.db."""
    return explicit or os.environ.get("STORYLINE_DB") or DEFAULT_DB


def open_store(path: str | None = None) -> SQLiteStore:
    """Open (creating and migrating as needed) the store at `path`."""
    return SQLiteStore(db_path(path))


__all__ = ["SQLiteStore", "open_store", "db_path", "DEFAULT_DB"]
