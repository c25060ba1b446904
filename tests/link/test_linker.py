"""The story linker: estimator contract, assignment, determinism, resumability, merges, time window."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storyline.errors import UsageError
from storyline.link import StoryLinker, bcubed
from storyline.represent import Representation

DAY = 86400.0


def _state_json(linker: StoryLinker) -> str:
    """A comparable dump of the whole state (bytes as hex)."""
    def enc(o):
        if isinstance(o, bytes):
            return o.hex()
        raise TypeError(type(o))
    return json.dumps(linker.get_state(), default=enc, sort_keys=True)


def _bytes_again(state: dict) -> dict:
    """A state dumped to JSON with bytes as hex, as a store hands it back: bytes again."""
    for rec in state["stories"]:
        rec["kept"], rec["sum"] = bytes.fromhex(rec["kept"]), bytes.fromhex(rec["sum"])
    for k in ("faiss", "slot_story"):
        state["globals"]["index"][k] = bytes.fromhex(state["globals"]["index"][k])
    return state


@pytest.mark.parametrize("params, words", [
    ({"threshold": 1.5}, ["StoryLinker", "threshold", "[0.0, 1.0]", "1.5"]),
    ({"n_candidates": 0}, ["StoryLinker", "n_candidates", "[1, 1000]", "0"]),
    ({"n_candidates": 2.5}, ["StoryLinker", "n_candidates", "an integer", "2.5"]),
    ({"merge_every": -1}, ["StoryLinker", "merge_every", ">= 0", "-1"]),
    ({"window_days": "week"}, ["StoryLinker", "window_days", "a number", "'week'"]),
    ({"keep_members": True}, ["StoryLinker", "keep_members", "True"]),
    ({"merge_threshold": float("nan")}, ["StoryLinker", "merge_threshold", "nan"]),
])
def test_parameter_errors_name_class_parameter_range_and_value(params, words):
    with pytest.raises(UsageError) as e:
        StoryLinker(**params)
    for w in words:
        assert w in str(e.value)


def test_init_only_stores_parameters_and_get_set_params(model):
    linker = StoryLinker(threshold=0.3, model=model)
    assert not [k for k in vars(linker) if k.endswith("_")]
    assert linker.get_params()["threshold"] == 0.3
    assert linker.set_params(window_days=2.0).window_days == 2.0
    with pytest.raises(UsageError, match="unknown parameter 'nope'"):
        linker.set_params(nope=1)
    with pytest.raises(AttributeError, match="not fitted"):
        linker.labels_


def test_two_interleaved_events_become_two_stories(model, make_events):
    reps, gold = make_events(2, 6)
    linker = StoryLinker(model=model).partial_fit(reps)
    assert bcubed(linker.labels_.tolist(), gold)["f1"] == 1.0
    assert linker.n_stories_ == 2 and len(linker.labels_) == 12
    assert np.isnan(linker.scores_[0]) and linker.scores_[2] > 0.5  # opened, then joined


def test_predict_answers_without_changing_state(model, make_events):
    reps, gold = make_events(3, 4, seed=1)
    linker = StoryLinker(model=model).partial_fit(reps[:9])
    before = _state_json(linker)
    pred = linker.predict(reps[9:])
    assert pred.tolist() == [linker.labels_[i] for i in (0, 1, 2)]  # same events as the first three
    far = np.ones(32, dtype=np.float32) / np.sqrt(32)
    assert linker.predict([Representation(dense=far)]).tolist() == [-1]
    assert _state_json(linker) == before


def test_same_order_same_stories(make_model, make_events):
    reps, _ = make_events(30, 6, seed=3, noise=0.6)
    a = StoryLinker(model=make_model(merge_threshold=0.7), merge_every=10).partial_fit(reps)
    b = StoryLinker(model=make_model(merge_threshold=0.7), merge_every=10).partial_fit(reps)
    assert a.labels_.tolist() == b.labels_.tolist() and a.merges_ == b.merges_ and a.merges_
    assert _state_json(a) == _state_json(b)


@pytest.mark.parametrize("packaged, cut", [(False, 97), (True, 158)], ids=["toy-model", "packaged-model"])
def test_two_halves_equal_one_call_and_saved_state_continues(packaged, cut, make_model, make_events):
    reps, _ = make_events(30, 6, seed=3, noise=0.6)
    params = {"merge_threshold": 0.7} if packaged else {"model": make_model(merge_threshold=0.7)}
    whole = StoryLinker(merge_every=10, **params).partial_fit(reps)
    # merges happen on both sides of the cut, and one after it pools stories that competed for an
    # article before it: the resumed run must carry every part of the state
    assert [m for m in whole.merges_ if m["at"] < cut] and [m for m in whole.merges_ if m["at"] > cut]
    halves = StoryLinker(merge_every=10, **params).partial_fit(reps[:cut]).partial_fit(reps[cut:])
    assert halves.labels_.tolist() == whole.labels_.tolist()
    first = StoryLinker(merge_every=10, **params).partial_fit(reps[:cut])
    state = json.loads(json.dumps(first.get_state(), default=lambda o: o.hex()))
    _bytes_again(state)
    resumed = StoryLinker().set_state(state).partial_fit(reps[cut:])
    assert resumed.labels_.tolist() == whole.labels_.tolist()
    assert resumed.merges_ == whole.merges_
    assert _state_json(resumed) == _state_json(whole)


def test_stories_that_grew_together_merge_lower_id_survives(make_model):
    rng = np.random.default_rng(4)
    a = rng.standard_normal(32)
    b = a + 0.9 * rng.standard_normal(32)
    a, b = a / np.linalg.norm(a), b / np.linalg.norm(b)

    def near(v):  # a second report, almost the same vector
        w = v + 0.05 * rng.standard_normal(32) / np.sqrt(32)
        return (w / np.linalg.norm(w)).astype(np.float32)

    vecs = [a.astype(np.float32), b.astype(np.float32), near(a), near(b)]
    reps = [Representation(dense=v, time=1.6e9 + i * 3600) for i, v in enumerate(vecs)]
    ca, cb = vecs[0] + vecs[2], vecs[1] + vecs[3]
    cos = float(ca @ cb / np.linalg.norm(ca) / np.linalg.norm(cb))
    assert 0.6 < cos < 0.9
    # joining needs a cosine of 0.95: two stories of two; the merge check at article 4 pools them
    merged = StoryLinker(model=make_model(cut=0.95), merge_threshold=cos - 0.01, merge_every=4).partial_fit(reps)
    assert merged.labels_.tolist() == [1, 1, 1, 1] and merged.n_stories_ == 1
    assert merged.merges_ == [{"kept": 1, "merged": 2, "at": 4, "cosine": pytest.approx(cos, abs=1e-5)}]
    apart = StoryLinker(model=make_model(cut=0.95), merge_threshold=cos + 0.01, merge_every=4).partial_fit(reps)
    assert apart.labels_.tolist() == [1, 2, 1, 2] and apart.merges_ == []
    for r in reps[1::2]:
        r.time += 30 * DAY  # close enough, but a month apart: the times do not overlap
    late = StoryLinker(model=make_model(cut=0.95), merge_threshold=cos - 0.01, merge_every=4).partial_fit(reps)
    assert late.labels_.tolist() == [1, 2, 1, 2]


def test_time_window_keeps_far_stories_out(model):
    v = np.zeros(32, dtype=np.float32)
    v[0] = 1.0
    t0 = 1.6e9
    reps = [Representation(dense=v, time=t0), Representation(dense=v, time=t0 + 2 * DAY),
            Representation(dense=v, time=t0 + 30 * DAY), Representation(dense=v, time=None)]
    linker = StoryLinker(model=model, window_days=7.0).partial_fit(reps)
    # 2 days later joins; 30 days later opens a new story; an undated article passes the window
    assert linker.labels_.tolist()[:3] == [1, 1, 2]
    assert linker.labels_[3] in (1, 2)


def test_rare_shared_entity_makes_a_candidate_the_ann_would_miss(make_model):
    rng = np.random.default_rng(5)
    vecs = rng.standard_normal((40, 32)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    reps = [Representation(dense=v, entities={f"per:x{i}": 1, "loc:US": 1}) for i, v in enumerate(vecs)]
    linker = StoryLinker(model=make_model(cut=2.0), n_candidates=1, entity_candidates=3).partial_fit(reps)
    probe = Representation(dense=-vecs[0], entities={"per:x0": 1, "loc:US": 1})
    cands, _, _ = linker._candidates_features(probe, probe.dense, {})
    assert 1 in cands  # story 1 is the one that mentions per:x0


def test_dimension_change_is_refused(model):
    linker = StoryLinker(model=model).partial_fit([Representation(dense=np.ones(8, np.float32) / np.sqrt(8))])
    with pytest.raises(UsageError, match="8 dimensions"):
        linker.partial_fit([Representation(dense=np.ones(4, np.float32) / 2)])


def test_a_story_of_one_keeps_one_copy_of_its_terms_and_a_loaded_state_shares_strings(model):
    """Memory, not arithmetic: a story's only member lends its compact weights as the story's term
    centroid; a second member makes the centroid a dict of its own and leaves the first member's
    weights as they were; a saved state writes them once, and a loaded one (also of the older format,
    which wrote them twice) shares them again, with interned strings."""
    from storyline.link.linker import Weights

    v = np.zeros(32, dtype=np.float32)
    v[0] = 1.0
    first = Representation(dense=v, terms={"treffen": 2, "reykjavik": 1}, time=1.6e9, language="de")
    second = Representation(dense=v, terms={"treffen": 1, "lawrow": 1}, time=1.6e9 + 3600, language="de")
    linker = StoryLinker(model=model).partial_fit([first])
    (st,) = linker.stories_.values()
    kept = st.kept_w[0][1]
    assert isinstance(kept, Weights) and st.terms["de"] is kept
    assert kept.to_dict() == pytest.approx(linker.df_.weights(first.terms, "de"))
    before = kept.to_dict()

    state = json.loads(json.dumps(linker.get_state(), default=lambda o: o.hex()))
    assert state["stories"][0]["terms"] == {"de": {"@kept": 0}}  # written once, with the kept member
    older = json.loads(json.dumps(state))  # what version 1 wrote: the same numbers twice
    older["globals"]["version"] = 1
    older["stories"][0]["terms"] = {"de": older["stories"][0]["kept_w"][0][1]}
    _bytes_again(older)
    _bytes_again(state)
    loaded = StoryLinker().set_state(state)
    (lst,) = loaded.stories_.values()
    assert lst.terms["de"] is lst.kept_w[0][1] and lst.kept_w[0][1].to_dict() == before
    (ost,) = StoryLinker().set_state(older).stories_.values()
    assert ost.terms["de"] is ost.kept_w[0][1] and ost.kept_w[0][1].to_dict() == before
    vocabulary = {t: t for t in loaded.df_.df_["de"]}
    assert all(t is vocabulary[t] for t in lst.kept_w[0][1].terms)  # one string per term, not one per story

    for lk in (linker, loaded):
        lk.partial_fit([second])
        (s,) = lk.stories_.values()
        assert s.size == 2 and type(s.terms["de"]) is dict
        assert s.kept_w[0][1].to_dict() == before  # the first member's weights did not take the second's
        w2 = s.kept_w[1][1].to_dict()
        assert s.terms["de"] == pytest.approx({t: before.get(t, 0.0) + w2.get(t, 0.0) for t in {*before, *w2}})
        assert s.tnorm2["de"] == pytest.approx(sum(x * x for x in s.terms["de"].values()))
    assert _state_json(linker) == _state_json(loaded)


def test_a_loaded_state_has_room_so_the_first_new_stories_do_not_copy_the_tables(model, make_events):
    """Every `storyline link` run loads the state; growing the story-sum and member-vector tables at
    the first new story copied them whole (about a second at 100,000 stories)."""
    # more stories and kept vectors than the tables' first 1,024 rows, then 300 more stories of two
    before, _ = make_events(1200, 2, seed=5, interleave=False)
    after, _ = make_events(300, 2, seed=6, interleave=False)
    linker = StoryLinker(model=model).partial_fit(before)
    state = _bytes_again(json.loads(json.dumps(linker.get_state(), default=lambda o: o.hex())))
    loaded = StoryLinker().set_state(state)
    assert loaded.next_id_ > 1024 and loaded._mrows > 1024
    sums, mvec = loaded.sums_.ctypes.data, loaded.mvec_.ctypes.data
    loaded.partial_fit(after)
    assert loaded.n_stories_ >= len(state["stories"]) + 250  # new stories were opened, with kept vectors
    assert (loaded.sums_.ctypes.data, loaded.mvec_.ctypes.data) == (sums, mvec)  # and nothing was copied
    linker.partial_fit(after)
    assert loaded.labels_.tolist() == linker.labels_.tolist()
