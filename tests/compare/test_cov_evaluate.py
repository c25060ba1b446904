"""ROUGE written for storyline (hand-computed cases) and the AllSides summary evaluation."""

from __future__ import annotations

import pytest

from support import SHARED, need
from storyline.evaluate_summary import (evaluate_summary, lcs_length, lead_sentence, load_stories, mean_scores,
                                        rouge, rouge_l, rouge_n, rouge_tokens, tune)

ALLSIDES = SHARED / "eval" / "allsides"


def _approx(d: dict, p: float, r: float) -> None:
    assert d["p"] == pytest.approx(p) and d["r"] == pytest.approx(r)
    assert d["f"] == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def test_tokens():
    assert rouge_tokens("The U.S. Senate's vote — 54:31!") == ["the", "u", "s", "senate", "s", "vote", "54", "31"]
    assert rouge_tokens("Zürich") == ["z", "rich"]  # rouge-score's tokenizer keeps [a-z0-9] only


def test_rouge_1_and_2_by_hand():
    cand, ref = "the cat sat on the mat", "the cat is on the mat"
    # unigrams: the×2, cat, on, mat match (5 of 6 each side); bigrams: "the cat", "on the", "the mat" (3 of 5)
    _approx(rouge_n(cand, ref, 1), 5 / 6, 5 / 6)
    _approx(rouge_n(cand, ref, 2), 3 / 5, 3 / 5)
    # clipping: a candidate repeating a word gets credit once per reference occurrence
    _approx(rouge_n("the the the", "the cat", 1), 1 / 3, 1 / 2)


def test_rouge_l_by_hand():
    # LCS of "police killed the gunman" in "the gunman was shot down by police" is "the gunman" (2)
    _approx(rouge_l("police killed the gunman", "the gunman was shot down by police"), 2 / 4, 2 / 7)
    assert lcs_length("a b c d e".split(), "a c e b d".split()) == 3
    assert lcs_length([], ["a"]) == 0


def test_rouge_edge_cases():
    assert rouge("", "something")["rouge1"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    assert rouge("one", "one")["rouge2"] == {"p": 0.0, "r": 0.0, "f": 0.0}  # no bigrams at all
    full = rouge("Same words here.", "same words here")
    assert all(v == {"p": 1.0, "r": 1.0, "f": 1.0} for v in full.values())


def test_mean_scores():
    a = {"rouge1": {"p": 1.0, "r": 0.5, "f": 2 / 3}}
    b = {"rouge1": {"p": 0.0, "r": 0.5, "f": 0.0}}
    assert mean_scores([a, b]) == {"rouge1": {"p": 0.5, "r": 0.5, "f": 0.3333}}


def test_lead_sentence():
    assert lead_sentence("Senators voted on Friday. The bill now goes to the House.") == "Senators voted on Friday."


def test_allsides_stories_line_up_with_the_targets():
    root = need(ALLSIDES)
    stories = load_stories(root, "val")
    assert len(stories) == 307
    sid, records, target = stories[0]
    assert sid == "val-0" and [r["article_id"] for r in records] == ["val-0-0", "val-0-1", "val-0-2"]
    assert target and "TITLE=>" not in target and "ARTICLE=>" not in target


def test_evaluation_runs_ours_and_the_baseline_on_a_few_stories():
    root = need(ALLSIDES)
    from compare.cov_markup import embedder

    out = evaluate_summary(root, split="val", limit=12, embedder=embedder())
    assert out["stories"] == 12 and out["split"] == "val"
    for name in ("ours", "baseline_lead"):
        assert set(out[name]) == {"rouge1", "rouge2", "rougeL"}
        assert all(0.0 < v["f"] < 1.0 for v in out[name].values())
    assert out["ours"]["rouge1"]["r"] > out["baseline_lead"]["rouge1"]["r"]  # three sentences recall more than one


def test_tuning_refuses_the_test_split():
    with pytest.raises(ValueError, match="test split"):
        tune("/nonexistent", split="test")
