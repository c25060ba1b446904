"""Coverage and the HTML report for stories held in a store (what `storyline coverage` and `report` call)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..store.sqlite import SQLiteStore
from .coverage import coverage, default_embedder


def _members(store: SQLiteStore, story_id: int) -> list:
    row = store.story_row(story_id)
    return [(store.get(m["id"]), store.analysis_of(m["id"])) for m in row["articles"]]


def story_coverage(store: SQLiteStore, story_id: int, *, embedder=None) -> dict:
    """The coverage of one stored story: facts, quotes, entities, timeline, summary."""
    return coverage(story_id, _members(store, story_id), embedder=embedder or default_embedder())


def _stories(store: SQLiteStore, story_ids: Iterable[int] | None, embedder) -> Iterator[tuple[dict, list[dict]]]:
    ids = list(story_ids) if story_ids is not None else [s["id"] for s in store.story_rows(limit=1_000_000)]
    for sid in ids:
        members = _members(store, sid)
        yield coverage(sid, members, embedder=embedder), [a.to_dict() for a, _ in members]


def write_store_report(store: SQLiteStore, out_dir: str | Path, *, story_ids: Iterable[int] | None = None,
                       embedder=None) -> Path:
    """Write the static HTML report of the store's stories (or of `story_ids`); returns index.html's path."""
    from ..report import write_report

    return write_report(out_dir, _stories(store, story_ids, embedder or default_embedder()))
