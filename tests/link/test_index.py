"""Candidate search: the centroid index (upsert, remove, persistence), the entity index, the window."""

from __future__ import annotations

import numpy as np

from storyline.link.index import DAY, CentroidIndex, EntityIndex, gap_days, in_window


def _unit(rng, n, d=16):
    x = rng.standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_search_upsert_and_remove():
    rng = np.random.default_rng(0)
    x = _unit(rng, 50)
    idx = CentroidIndex(16)
    for i, v in enumerate(x):
        idx.upsert(i + 1, v)
    ids, scores = idx.search(x[7], 3)
    assert ids[0] == 8 and scores[0] > 0.99
    assert not idx.upsert(8, x[7])  # unchanged centroid: not re-added
    assert idx.upsert(8, x[30])  # moved: re-added, the old slot switched off
    ids, _ = idx.search(x[30], 2)
    assert set(ids.tolist()) == {8, 31}
    idx.remove(8)
    assert 8 not in idx.search(x[30], 5)[0].tolist() and len(idx) == 49 and idx.slots == 51


def test_saved_index_grows_like_the_uninterrupted_one():
    rng = np.random.default_rng(1)
    x = _unit(rng, 300)
    a = CentroidIndex(16)
    for i, v in enumerate(x[:150]):
        a.upsert(i, v)
    b = CentroidIndex.from_state(a.to_state())
    for i, v in enumerate(x[150:], 150):
        a.upsert(i, v)
        b.upsert(i, v)
    assert a.to_state()["faiss"] == b.to_state()["faiss"]  # same graph, byte for byte
    q = _unit(rng, 20)
    for v in q:
        assert a.search(v, 5)[0].tolist() == b.search(v, 5)[0].tolist()


def test_entity_index_prefers_rare_keys_and_skips_ubiquitous_ones():
    idx = EntityIndex(max_share=0.5)
    for _ in range(10):
        idx.count(["loc:US"])
    idx.count(["per:rare", "loc:US"])
    idx.add(1, "loc:US")
    idx.add(2, "per:rare")
    idx.add(2, "loc:US")
    idx.add(3, "loc:US")
    assert idx.idf("per:rare") > idx.idf("loc:US")
    # loc:US is in 11 of 11 articles (over the 50% share): it finds nothing by itself
    assert idx.candidates(["loc:US"], 5, lambda s: True) == []
    assert idx.candidates(["per:rare", "loc:US"], 5, lambda s: True) == [2]
    assert idx.candidates(["per:rare"], 5, lambda s: s != 2) == []


def test_time_window_and_gap():
    t = 1.6e9
    assert in_window(t, t - 3 * DAY, t - 2 * DAY, 7) and not in_window(t, t - 20 * DAY, t - 8 * DAY, 7)
    assert not in_window(t, t + 8 * DAY, t + 9 * DAY, 7)  # an older article arriving late
    assert in_window(None, t, t, 7) and in_window(t, None, None, 7)
    assert gap_days(t, t - 3 * DAY, t - 2 * DAY) == 2.0 and gap_days(t, t - DAY, t + DAY) == 0.0
    assert gap_days(None, t, t) is None
