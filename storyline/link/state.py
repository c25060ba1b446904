"""A linker's state as plain data: per-story records, global tables, and the assignments.

`get_state` / `set_state` round-trip everything a linker needs to continue exactly as if it had
never stopped (the faiss graph is serialized as is; see `index.py`). The store keeps the story
records as rows, the assignments as story_members rows, and the globals as named blobs
(`pack_globals` / `unpack_globals`), JSON for the tables and raw bytes for arrays.
"""

from __future__ import annotations

import json
import math
import sys
from array import array
from typing import Any

import numpy as np

from ..represent.sparse import DocumentFrequencies
from .index import CentroidIndex, EntityIndex
from .score import ScoreModel

STATE_VERSION = 2  # 2: a term centroid that is a kept member's weights is written as {KEPT: index}
READABLE_VERSIONS = (1, 2)
KEPT = "@kept"  # cannot be a term: terms are letters and digits, entity keys start with "ent:"
_BINARY = ("faiss", "slot_story")


def story_state(linker, sid: int) -> dict[str, Any]:
    """One story's record: counts, time range, centroids and its recent members' vectors."""
    st = linker.stories_[sid]
    return {"id": sid, "size": st.size, "first": st.first, "last": st.last,
            "terms": None if st.terms is None else {lang: _centroid_state(st, c) for lang, c in st.terms.items()},
            "tnorm2": st.tnorm2, "ents": st.ents, "kept_pos": list(st.kept_pos),
            "kept_w": [[lang, w.to_dict()] for lang, w in st.kept_w], "kept": linker.mvec_[st.kept].tobytes(),
            "sum": linker.sums_[sid].tobytes()}


def _centroid_state(st, c) -> dict:
    """A term centroid as data: its terms, or a reference to the kept member whose weights it is
    (a story's only member in that language: written once, not twice)."""
    if type(c) is dict:
        return c
    k = next((k for k, (_, w) in enumerate(st.kept_w) if w is c), None)
    return c.to_dict() if k is None else {KEPT: k}


def global_state(linker) -> dict[str, Any]:
    """What is not per story: parameters, model, frequencies, entity index, ANN index, counters."""
    return {"version": STATE_VERSION, "params": {k: v for k, v in linker.get_params().items() if k != "model"},
            "model": linker.model_.data, "threshold": linker.threshold_, "merge_threshold": linker.merge_threshold_,
            "dim": linker.dim_, "df": linker.df_.to_dict(), "entities": linker.entities_.to_state(),
            "index": linker.index_.to_state(), "merges": list(linker.merges_), "next_id": linker.next_id_,
            "n_seen": linker.n_seen_, "pairs": sorted(linker._pairs)}


def get_state(linker) -> dict[str, Any]:
    """The whole state: globals, every story, and per article its story, id and score."""
    linker._check_fitted()
    return {"globals": global_state(linker),
            "stories": [story_state(linker, sid) for sid in sorted(linker.stories_)],
            "labels": list(linker._labels), "article_ids": list(linker._article_ids),
            "scores": [None if math.isnan(s) else s for s in linker._scores]}


def set_state(linker, state: dict[str, Any]):
    """Restore `state` into `linker` (its parameters included) and return it."""
    from .linker import NO_TERMS, Weights, _Story

    g = state["globals"]
    if g.get("version") not in READABLE_VERSIONS:
        raise ValueError(f"linker state version {g.get('version')} is not one of {READABLE_VERSIONS}; relink the store")
    linker.set_params(**g["params"], model=g["model"])
    linker._init_state(int(g["dim"]))
    linker.model_ = ScoreModel(g["model"])
    linker.threshold_, linker.merge_threshold_ = float(g["threshold"]), float(g["merge_threshold"])
    linker.df_ = DocumentFrequencies.from_dict(g["df"])
    linker.entities_ = EntityIndex.from_state(g["entities"])
    linker.index_ = CentroidIndex.from_state(g["index"])
    linker.merges_ = list(g["merges"])
    linker.next_id_, linker.n_seen_ = int(g["next_id"]), int(g["n_seen"])
    linker._pairs = {(int(a), int(b)) for a, b in g["pairs"]}
    labels = [int(x) for x in state["labels"]]
    linker._labels = array("q", labels)
    linker._article_ids = array("q", [int(x) for x in state["article_ids"]])
    linker._scores = array("d", [math.nan if s is None else float(s) for s in state["scores"]])
    members: dict[int, list[int]] = {}
    for pos, sid in enumerate(labels):
        members.setdefault(sid, []).append(pos)
    dim = linker.dim_
    intern = sys.intern
    top = max([s["id"] for s in state["stories"]], default=0)
    # room for twice the stories and kept vectors loaded: np.zeros is lazy (rows never written take no
    # memory), and the first new stories after a load would otherwise copy the whole table to grow it
    linker.sums_ = np.zeros((max(1024, 2 * max(top + 1, linker.next_id_)), dim), dtype=np.float32)
    kept_rows = sum(len(rec["kept"]) for rec in state["stories"]) // (2 * dim)  # float16 rows
    linker.mvec_ = np.zeros((max(1024, 2 * kept_rows), dim), dtype=np.float16)
    for rec in state["stories"]:
        sid = int(rec["id"])
        st = _Story()
        st.size, st.first, st.last = int(rec["size"]), rec["first"], rec["last"]
        # strings interned as the running linker has them: one copy per term and key, not one per story
        st.terms = None if rec["terms"] is None else {lang: c if KEPT in c else {intern(t): v for t, v in c.items()}
                                                      for lang, c in rec["terms"].items()}
        st.tnorm2 = rec["tnorm2"]
        st.ents = None if rec["ents"] is None else {intern(k): n for k, n in rec["ents"].items()}
        st.members = array("q", members.get(sid, []))
        vecs = np.frombuffer(rec["kept"], dtype=np.float16).reshape(-1, dim)
        st.kept_pos = array("q", [int(p) for p in rec["kept_pos"]])
        st.kept_w = [(lang, Weights({intern(t): v for t, v in w.items()}) if w else NO_TERMS)
                     for lang, w in rec["kept_w"]]
        for lang, c in (st.terms or {}).items():  # a centroid that is its only member's weights shares them
            if KEPT in c:
                st.terms[lang] = st.kept_w[int(c[KEPT])][1]  # type: ignore[index]
                continue
            same = [w for kl, w in st.kept_w if kl == lang]  # a version-1 state wrote them out twice
            if len(same) == 1 and list(same[0].items()) == list(c.items()):
                st.terms[lang] = same[0]  # type: ignore[index]
        st.kept = array("q", [linker._row() for _ in range(len(vecs))])
        linker.mvec_[st.kept] = vecs
        linker.sums_[sid] = np.frombuffer(rec["sum"], dtype=np.float32)
        linker.stories_[sid] = st
    linker._touched, linker._removed = set(), set()
    linker._saved_upto, linker._saved_merges = len(labels), len(linker.merges_)
    return linker


def pack_globals(g: dict[str, Any]) -> dict[str, bytes]:
    """Globals as named blobs: the index's arrays raw, everything else one JSON document."""
    index = dict(g["index"])
    blobs = {f"index.{k}": index.pop(k) for k in _BINARY}
    rest = dict(g, index=index)
    blobs["globals.json"] = json.dumps(rest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return blobs


def unpack_globals(blobs: dict[str, bytes]) -> dict[str, Any]:
    """The inverse of `pack_globals`."""
    g = json.loads(blobs["globals.json"].decode("utf-8"))
    for k in _BINARY:
        g["index"][k] = bytes(blobs[f"index.{k}"])
    return g


SPARSE_FIELDS = ("terms", "tnorm2", "ents", "kept_pos", "kept_w")


def sparse_json(rec: dict[str, Any]) -> str:
    """A story record's sparse parts (term centroids, entity counts, recent members) as one JSON text."""
    return json.dumps({k: rec[k] for k in SPARSE_FIELDS}, ensure_ascii=False, separators=(",", ":"))
