"""Story title and extractive summary (storyline.compare.summary) on hand-made facts and vectors."""

from __future__ import annotations

import numpy as np

from storyline.compare.claims import Claim
from storyline.compare.facts import Fact
from storyline.compare.summary import article_centrality, article_vectors, story_title, summarize


def _claim(i: int, member: int, outlet: str, text: str, position: float) -> Claim:
    return Claim(index=i, member=member, order=i, position=position, outlet=outlet, article=member + 1,
                 language="en", start=100 * i, end=100 * i + len(text), text=text,
                 sentence=(100 * i, 100 * i + len(text)), sentence_text=text)


def _unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_title_is_the_shortest_of_the_most_central():
    cent = np.array([0.90, 0.89, 0.60])
    titles = ["A long and angled headline about the vote in Leeds", "Leeds votes to ban cars", "Cars"]
    assert story_title(titles, cent) == "Leeds votes to ban cars"  # "Cars" is short but not central
    assert story_title([None, "Only title"], np.array([1.0, 0.2])) == "Only title"
    assert story_title([None, None], np.array([1.0, 1.0])) is None


def test_article_centrality():
    vecs = np.stack([_unit([1, 0, 0]), _unit([1, 0.1, 0]), _unit([0, 0, 1])])
    cent = article_centrality(vecs)
    assert cent[0] > cent[2] and cent[1] > cent[2]
    assert article_centrality(vecs[:1]).tolist() == [1.0]


def _story():
    claims = [
        _claim(0, 0, "a", "The council voted to ban cars from the centre.", 0.0),
        _claim(1, 1, "b", "Councillors approved a ban on cars in the centre.", 0.0),
        _claim(2, 2, "c", "Cars will be barred from the centre after a vote.", 0.0),
        _claim(3, 0, "a", "The motion passed by 54 votes to 31.", 0.3),
        _claim(4, 1, "b", "The motion was approved by 54 votes to 31.", 0.3),
        _claim(5, 2, "c", "Buses and taxis will be exempt.", 0.5),
        _claim(6, 0, "a", "Opposition councillors called the plan rushed.", 0.6),
        _claim(7, 1, "b", "Shopkeepers fear a loss of customers.", 0.6),
    ]
    # one axis per fact plus a little of the story's common direction (axis 0)
    vecs = np.stack([_unit([1, 0.1, 0, 0, 0, 0]), _unit([1, 0.3, 0, 0, 0, 0]), _unit([1, 0.4, 0, 0, 0, 0]),
                     _unit([0.6, 0, 1, 0, 0, 0]), _unit([0.6, 0, 1, 0, 0, 0.05]), _unit([0.5, 0, 0, 1, 0, 0]),
                     _unit([0.4, 0, 0, 0, 1, 0]), _unit([0.3, 0, 0, 0, 0, 1])])
    facts = [Fact(claims=[0, 1, 2], outlets=["a", "b", "c"], kind="shared"),
             Fact(claims=[3, 4], outlets=["a", "b"], kind="partial"),
             Fact(claims=[5], outlets=["c"]), Fact(claims=[6], outlets=["a"]), Fact(claims=[7], outlets=["b"])]
    return facts, claims, vecs


def test_summary_prefers_shared_facts_and_credits_outlets():
    facts, claims, vecs = _story()
    out = summarize(facts, claims, vecs, 3, sentences=3, order="rank", fact_ids=["f1", "f2", "f3", "f4", "f5"])
    assert [s["fact"] for s in out[:2]] == ["f1", "f2"]
    assert out[0]["outlets"] == ["a", "b", "c"] and out[1]["outlets"] == ["a", "b"]
    assert len(out) == 3 and out[2]["fact"] in {"f3", "f4", "f5"}
    assert out[0]["text"] == claims[0].text  # of the shared fact's variants, the closest to the story's centroid
    assert {s["article"] for s in out} <= {1, 2, 3}


def test_summary_length_order_and_redundancy():
    facts, claims, vecs = _story()
    assert len(summarize(facts, claims, vecs, 3, sentences=5)) == 5
    assert len(summarize(facts[:2], claims, vecs, 3, sentences=5)) == 2  # no more facts than there are
    text_order = summarize(facts, claims, vecs, 3, sentences=3, order="text")
    positions = [next(c.position for c in claims if c.text == s["text"]) for s in text_order]
    assert positions == sorted(positions)
    # a fact whose best sentence repeats one already chosen is skipped
    dup = facts + [Fact(claims=[1], outlets=["b"])]
    out = summarize(dup, claims, vecs, 3, sentences=6, order="rank")
    assert len({s["text"] for s in out}) == len(out) == 5
    near = vecs.copy()
    near[7] = _unit(near[6] + 0.01)  # fact 5's sentence says what fact 4's says
    assert len(summarize(facts, claims, near, 3, sentences=5)) == 4


def test_summary_uses_the_whole_sentence_of_a_clause():
    c = _claim(0, 0, "a", "the ship continued to Hamburg", 0.0)
    c.sentence_text = "It was freed at dawn and the ship continued to Hamburg."
    out = summarize([Fact(claims=[0], outlets=["a"])], [c], np.stack([_unit([1, 0])]), 1, sentences=3)
    assert out == [{"text": c.sentence_text, "outlets": ["a"], "article": 1, "fact": 0}]


def test_article_vectors_average_claims():
    facts, claims, vecs = _story()
    docs = article_vectors(claims, vecs, 3)
    assert docs.shape == (3, 6) and np.allclose(np.linalg.norm(docs, axis=1), 1.0)
