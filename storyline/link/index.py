"""Candidate search for the linker: an ANN index over story centroids, an entity index, a time window.

1. `CentroidIndex`  faiss HNSW (inner product on normalized centroids). faiss cannot delete from
   HNSW, so an updated centroid is added again under a new slot and the old slot is switched off
   in a bitmap the search skips. A story is re-added only when its centroid has drifted (cosine
   to the indexed copy below `reindex_cos`); candidates are rescored on exact centroids anyway.
   Graph levels come from a hash of the slot number, not from faiss's random generator, so the
   graph depends only on the order of additions: a saved and reloaded index grows exactly as an
   uninterrupted one (faiss does not save its generator's state).
2. `EntityIndex`    entity key → stories that mention it, with article document frequencies so
   that keys found everywhere ("loc:US") weigh little and do not flood the candidates.
3. `in_window`      stories whose time range lies within `window_days` of the article (unknown
   times pass).
"""

from __future__ import annotations

import math
import sys
from typing import Any

import faiss
import numpy as np

DAY = 86400.0
_MASK = (1 << 64) - 1


def _splitmix(x: int) -> int:
    """A 64-bit hash (splitmix64): deterministic, well mixed, no state."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


class CentroidIndex:
    """HNSW over story centroids with upsert, remove and top-k search (ids are story ids)."""

    def __init__(self, dim: int, *, m: int = 16, ef_construction: int = 32, ef_search: int = 48,
                 storage: str = "fp16", reindex_cos: float = 0.9, seed: int = 0):
        self.dim, self.m, self.seed, self.reindex_cos = dim, m, seed, reindex_cos
        self.storage, self.ef_construction, self.ef_search = storage, ef_construction, ef_search
        self.index = self._new_index()
        self.slot_story = np.zeros(0, dtype=np.int64)  # slot -> story id (-1: switched off)
        self.story_slot: dict[int, int] = {}
        self._bitmap = np.zeros(0, dtype=np.uint8)
        self._params: Any = None
        self._rec: np.ndarray | None = None
        self._ml = 1.0 / math.log(m)

    def _new_index(self) -> Any:
        if self.storage == "flat":
            index = faiss.IndexHNSWFlat(self.dim, self.m, faiss.METRIC_INNER_PRODUCT)
        elif self.storage == "fp16":
            index = faiss.IndexHNSWSQ(self.dim, faiss.ScalarQuantizer.QT_fp16, self.m, faiss.METRIC_INNER_PRODUCT)
        else:
            raise ValueError(f"CentroidIndex: storage must be 'flat' or 'fp16', got {self.storage!r}")
        index.hnsw.efConstruction = self.ef_construction
        return index

    def __len__(self) -> int:
        return len(self.story_slot)

    @property
    def slots(self) -> int:
        return int(self.index.ntotal)

    def nbytes(self) -> int:
        """Bytes held: the faiss index (vectors and graph), the slot tables and the drift copies."""
        h = self.index.hnsw
        links = h.neighbors.size() * 4 + h.offsets.size() * 8 + h.levels.size() * 4
        per_vec = self.dim * (4 if self.storage == "flat" else 2)
        return (int(self.index.ntotal) * per_vec + links + self.slot_story.nbytes + self._bitmap.nbytes
                + len(self.story_slot) * 100)  # dict entry, key and value objects

    def _level(self, slot: int) -> int:
        """The HNSW level of a slot, from a hash of (seed, slot): the usual -ln(U)·mL distribution."""
        u = (_splitmix((self.seed << 40) ^ slot) >> 11) / float(1 << 53)
        return int(-math.log(max(u, 1e-300)) * self._ml)

    def _grow(self, need: int) -> None:
        cap = len(self.slot_story)
        if need <= cap:
            return
        new = max(need, 1024, cap * 2)
        self.slot_story = np.concatenate([self.slot_story, np.full(new - cap, -1, dtype=np.int64)])
        bitmap = np.zeros((new + 7) // 8, dtype=np.uint8)
        bitmap[: len(self._bitmap)] = self._bitmap
        self._bitmap = bitmap
        self._params = None  # the selector points at the old bitmap

    def _set_bit(self, slot: int, on: bool) -> None:
        if on:
            self._bitmap[slot >> 3] |= np.uint8(1 << (slot & 7))
        else:
            self._bitmap[slot >> 3] &= np.uint8(~(1 << (slot & 7)) & 0xFF)

    def upsert(self, story: int, centroid: np.ndarray, *, force: bool = False) -> bool:
        """Index a story's normalized centroid; re-add only when it drifted (or `force`). True if added."""
        vec = np.ascontiguousarray(centroid, dtype=np.float32).reshape(1, -1)
        old = self.story_slot.get(story)
        if old is not None and not force:
            # the stored copy is what the graph was built with (fp16 in faiss: no second copy kept here)
            rec = self._rec
            if rec is None:
                rec = self._rec = np.empty(self.dim, dtype=np.float32)
            self.index.reconstruct_c(old, faiss.swig_ptr(rec))  # index.reconstruct into a reused buffer
            if float(rec @ vec[0]) >= self.reindex_cos:
                return False
        if old is not None:
            self._off(old)
        slot = int(self.index.ntotal)
        self._grow(slot + 1)
        self.index.hnsw.levels.push_back(self._level(slot) + 1)  # faiss stores levels + 1
        self.index.add(vec)
        self.slot_story[slot] = story
        self.story_slot[story] = slot
        self._set_bit(slot, True)
        return True

    def _off(self, slot: int) -> None:
        self.slot_story[slot] = -1
        self._set_bit(slot, False)

    def remove(self, story: int) -> None:
        """Take a story out of the search (its slot stays in the graph, switched off)."""
        slot = self.story_slot.pop(story, None)
        if slot is not None:
            self._off(slot)

    def search(self, vec: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k live stories by inner product with `vec`: (story ids, approximate scores)."""
        if not self.story_slot or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if self._params is None:
            self._selector = faiss.IDSelectorBitmap(len(self._bitmap) * 8, faiss.swig_ptr(self._bitmap))
            self._params = faiss.SearchParametersHNSW(sel=self._selector, efSearch=max(self.ef_search, k))
        q = np.ascontiguousarray(vec, dtype=np.float32).reshape(1, -1)
        # search_c into fresh buffers: what index.search does, without the wrapper's checks
        dist = np.empty(k, dtype=np.float32)
        slots = np.empty(k, dtype=np.int64)
        self.index.search_c(1, faiss.swig_ptr(q), k, faiss.swig_ptr(dist), faiss.swig_ptr(slots), self._params)
        keep = slots >= 0
        return self.slot_story[slots[keep]], dist[keep]

    # -- persistence: the faiss graph is serialized as is, so a reloaded index continues identically
    def to_state(self) -> dict[str, Any]:
        n = int(self.index.ntotal)
        return {"dim": self.dim, "m": self.m, "ef_construction": self.ef_construction, "ef_search": self.ef_search,
                "storage": self.storage, "reindex_cos": self.reindex_cos, "seed": self.seed,
                "faiss": faiss.serialize_index(self.index).tobytes(),
                "slot_story": self.slot_story[:n].tobytes()}

    @classmethod
    def from_state(cls, s: dict[str, Any]) -> "CentroidIndex":
        idx = cls(s["dim"], m=s["m"], ef_construction=s["ef_construction"], ef_search=s["ef_search"],
                  storage=s["storage"], reindex_cos=s["reindex_cos"], seed=s["seed"])
        idx.index = faiss.deserialize_index(np.frombuffer(s["faiss"], dtype=np.uint8))
        slot_story = np.frombuffer(s["slot_story"], dtype=np.int64)
        n = len(slot_story)
        idx._grow(n)
        idx.slot_story[:n] = slot_story
        for slot in np.flatnonzero(slot_story >= 0).tolist():
            idx.story_slot[int(slot_story[slot])] = slot
            idx._set_bit(slot, True)
        return idx


class EntityIndex:
    """Entity key → story ids (in the order they first got the key) and article document frequencies."""

    def __init__(self, *, max_postings: int = 64, max_share: float = 0.02, min_share: float = 0.3):
        self.postings: dict[str, list[int]] = {}
        self.df: dict[str, int] = {}
        self.n_docs = 0
        self.max_postings, self.max_share, self.min_share = max_postings, max_share, min_share

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency over the articles seen so far."""
        return math.log((1 + self.n_docs) / (1 + self.df.get(key, 0))) + 1.0

    def count(self, keys) -> None:
        """Count one article's keys in the document frequencies."""
        self.n_docs += 1
        df = self.df
        for k in keys:
            k = sys.intern(k)  # shared with the stories' entity counts (see StoryLinker._add)
            df[k] = df.get(k, 0) + 1

    def add(self, story: int, key: str) -> None:
        """Record that `story` mentions `key` (call once per story and key)."""
        self.postings.setdefault(key, []).append(story)

    def candidates(self, keys, k: int, alive, weights: dict[str, float] | None = None) -> list[int]:
        """Up to `k` stories sharing the most idf mass with `keys`, and at least `min_share` of it.

        Keys in more than `max_share` of the articles are skipped (they would list half the
        corpus), and long posting lists are read from their recent end only (new stories matter
        most; old ones are outside the time window anyway). `weights`: the keys' `idf` values when
        the caller has them already."""
        if k <= 0 or not keys:
            return []
        limit = max(self.max_share * self.n_docs, 5)
        mass: dict[int, float] = {}
        total = 0.0
        df, postings, idf, tail = self.df, self.postings, self.idf, -self.max_postings
        for key in keys:
            w = weights[key] if weights is not None else idf(key)
            total += w
            post = postings.get(key)
            if not post or df.get(key, 0) > limit:
                continue
            for s in post[tail:]:
                mass[s] = mass.get(s, 0.0) + w
        floor = self.min_share * total
        # sorted(...)[:k] is what heapq.nsmallest returns, and faster for the few stories found here
        ranked = sorted([(-m, s) for s, m in mass.items() if m >= floor and alive(s)])[:k]
        return [s for _, s in ranked]

    def to_state(self) -> dict[str, Any]:
        return {"postings": self.postings, "df": self.df, "n_docs": self.n_docs,
                "max_postings": self.max_postings, "max_share": self.max_share, "min_share": self.min_share}

    @classmethod
    def from_state(cls, s: dict[str, Any]) -> "EntityIndex":
        idx = cls(max_postings=s["max_postings"], max_share=s["max_share"], min_share=s["min_share"])
        intern = sys.intern  # shared with the loaded stories' entity counts (see `set_state`)
        idx.postings = {intern(k): list(v) for k, v in s["postings"].items()}
        idx.df, idx.n_docs = {intern(k): v for k, v in s["df"].items()}, int(s["n_docs"])
        return idx


def in_window(t: float | None, first: float | None, last: float | None, window_days: float) -> bool:
    """Whether an article at `t` falls within `window_days` of a story's [first, last] (unknown passes)."""
    if t is None or first is None or last is None:
        return True
    w = window_days * DAY
    return first - w <= t <= last + w


def gap_days(t: float | None, first: float | None, last: float | None) -> float | None:
    """Days between `t` and the story's time range (0 inside it); None when a time is unknown."""
    if t is None or first is None or last is None:
        return None
    if t < first:
        return (first - t) / DAY
    if t > last:
        return (t - last) / DAY
    return 0.0
