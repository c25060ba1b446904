"""B-cubed and pairwise scores on hand-computed cases."""

from __future__ import annotations

import pytest

from storyline.link import bcubed, pairwise


def test_hand_case():
    pred, gold = [1, 1, 2, 2], ["a", "a", "a", "b"]
    # items 1,2: P 1, R 2/3; item 3: P 1/2, R 1/3; item 4: P 1/2, R 1
    b = bcubed(pred, gold)
    assert b["precision"] == pytest.approx(0.75)
    assert b["recall"] == pytest.approx(2 / 3)
    assert b["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    p = pairwise(pred, gold)  # predicted pairs {12, 34}, gold pairs {12, 13, 23}: one shared
    assert (p["true_pairs"], p["predicted_pairs"], p["gold_pairs"]) == (1, 2, 3)
    assert p["precision"] == pytest.approx(0.5) and p["recall"] == pytest.approx(1 / 3)
    assert p["f1"] == pytest.approx(0.4)


def test_extremes():
    gold = [1, 1, 1, 2, 2, 3]
    assert bcubed([7, 7, 7, 0, 0, 5], gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    singletons = bcubed(list(range(6)), gold)
    assert singletons["precision"] == 1.0 and singletons["recall"] == pytest.approx((3 * 1 / 3 + 2 * 1 / 2 + 1) / 6)
    one = bcubed([0] * 6, gold)
    assert one["recall"] == 1.0 and one["precision"] == pytest.approx((3 * 3 / 6 + 2 * 2 / 6 + 1 / 6) / 6)
    assert pairwise(list(range(6)), gold)["recall"] == 0.0
    assert pairwise([0] * 6, gold)["precision"] == pytest.approx(4 / 15)


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="2 predicted labels for 3 gold"):
        bcubed([1, 2], [1, 2, 3])
