"""ner_eval: tag mapping, reading GermEval and CoNLL-like files, conlleval-style scoring."""

from __future__ import annotations

import pytest

from storyline.analyze.ner_eval import evaluate_ner, map_tag, read_conll, score, spans, to_bio


def test_map_tag_keeps_three_classes_and_folds_the_rest():
    assert map_tag("B-PER") == "B-PER"
    assert map_tag("I-LOC") == "I-LOC"
    assert map_tag("B-ORG") == "B-ORG"
    assert map_tag("B-OTH") == "B-MISC"
    assert map_tag("I-MISC") == "I-MISC"
    assert map_tag("B-LOCderiv") == "O"
    assert map_tag("I-ORGpart") == "O"
    assert map_tag("O") == "O"
    assert map_tag("") == "O"


def test_iob1_becomes_bio():
    assert to_bio(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == \
        ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-ORG"]


def test_read_germeval_uses_the_outer_column(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("# http://example.org/a\n1\tAnna\tB-PER\tO\n2\tSchulz\tI-PER\tO\n3\taus\tO\tO\n"
                    "4\tKölner\tB-LOCderiv\tO\n5\tAG\tB-ORG\tB-LOC\n\n1\tDas\tO\tO\n2\tRathausfest\tB-OTH\tO\n",
                    encoding="utf-8")
    data = read_conll(path)
    assert data == [(["Anna", "Schulz", "aus", "Kölner", "AG"], ["B-PER", "I-PER", "O", "O", "B-ORG"]),
                    (["Das", "Rathausfest"], ["O", "B-MISC"])]


def test_read_conll_like_takes_the_last_column(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("Frau\tFrau\tNN\tI-NC\tO\nMüller\t<unknown>\tNE\tI-PC\tI-PER\n"
                    "in\tin\tAPPR\tI-PC\tO\nLinz\tLinz\tNE\tI-PC\tI-LOC\nDonau\tDonau\tNE\tI-PC\tB-LOC\n\n"
                    "europäischen\teuropäisch\tADJA\tI-NC\tI-MISC\n", encoding="utf-8")
    data = read_conll(path)
    assert data[0] == (["Frau", "Müller", "in", "Linz", "Donau"], ["O", "B-PER", "O", "B-LOC", "B-LOC"])
    assert data[1] == (["europäischen"], ["B-MISC"])


def test_spans_follow_conlleval():
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "I-ORG", "B-ORG", "I-ORG"]) == \
        {(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")}
    assert spans([]) == set()


def test_score_known_counts():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O", "B-LOC", "B-MISC"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "O", "O", "O"]]
    res = score(gold, pred)
    # gold: PER, LOC, ORG, LOC (MISC not scored); predicted: PER, ORG, ORG; correct: PER, the 2nd ORG
    assert res["micro"]["precision"] == pytest.approx(2 / 3)
    assert res["micro"]["recall"] == pytest.approx(2 / 4)
    assert res["micro"]["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert res["per_class"]["PER"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert res["per_class"]["LOC"]["recall"] == 0.0 and res["per_class"]["LOC"]["support"] == 2
    assert res["per_class"]["ORG"]["precision"] == pytest.approx(0.5)
    assert score(gold, pred, labels=("MISC",))["micro"]["recall"] == 0.0


def test_score_partial_span_is_wrong():
    res = score([["B-PER", "I-PER"]], [["B-PER", "O"]])
    assert res["micro"]["f1"] == 0.0


def test_score_rejects_misaligned_input():
    with pytest.raises(ValueError):
        score([["O"]], [])


def test_evaluate_with_a_given_tagger(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("1\tAnna\tB-PER\tO\n2\tlacht\tO\tO\n\n1\tIn\tO\tO\n2\tUlm\tB-LOC\tO\n\n"
                    "1\tOtto\tB-PER\tO\n", encoding="utf-8")

    def everything_per(sents):
        return [["B-PER"] + ["O"] * (len(s) - 1) for s in sents]

    res = evaluate_ner(path, tagger=everything_per, last=2)
    assert res["sentences"] == 2 and res["tokens"] == 3
    assert res["micro"]["precision"] == pytest.approx(0.5) and res["micro"]["recall"] == pytest.approx(0.5)
    assert res["tokens_per_second"] > 0
    assert evaluate_ner(path, tagger=everything_per, first=1)["micro"]["f1"] == 1.0
