"""Wording differences between variants of one fact (storyline.compare.wording)."""

from __future__ import annotations

from compare.cov_markup import build
from storyline.compare.claims import article_claims
from storyline.compare.wording import differences, matched_words, word_differences


def _texts(words: list[dict]) -> list[str]:
    return [w["text"] for w in words]


def test_one_word_for_another():
    a = "Die Ministerin kritisierte die Repression gegen Journalisten im Land."
    b = "Die Ministerin kritisierte die Unterdrückung von Journalisten im Land."
    a_words, b_words, changes = word_differences(a, b, "de")
    assert _texts(a_words) == ["Repression"] and _texts(b_words) == ["Unterdrückung"]
    assert changes == [{"a": "Repression", "b": "Unterdrückung"}]  # the prepositions gegen/von are function words


def test_two_adjectives_swapped_for_two_others():
    a = "Man wünsche sich eine „berechenbare“ und „stabile“ Partnerschaft mit dem Nachbarland."
    b = "Man wünsche sich eine „stabilere und vorhersehbare“ Partnerschaft mit dem Nachbarland."
    a_words, b_words, _ = word_differences(a, b, "de")
    assert _texts(a_words) == ["berechenbare", "stabile"]
    assert _texts(b_words) == ["stabilere", "vorhersehbare"]


def test_spans_point_into_each_text():
    a = "Der Kapitän wurde von der Polizei befragt."
    b = "Der Kapitän wurde von der Wasserschutzpolizei vernommen."
    a_words, b_words, _ = word_differences(a, b, "de")
    for text, ws in ((a, a_words), (b, b_words)):
        assert all(text[w["start"] : w["end"]] == w["text"] for w in ws)
    assert _texts(a_words) == ["Polizei", "befragt"] and _texts(b_words) == ["Wasserschutzpolizei", "vernommen"]


def test_inflection_and_quote_marks_are_not_differences():
    a = "Das Gespräch sei „konstruktiv“ gewesen."
    b = "Das Gespräche sei konstruktiv gewesen."
    assert word_differences(a, b, "de")[:2] == ([], [])


def test_a_negation_is_a_difference():
    a_words, b_words, _ = word_differences("The talks were productive.", "The talks were not productive.", "en")
    assert a_words == [] and _texts(b_words) == ["not"]


def test_across_languages_only_entities_and_numbers_are_compared():
    (de, an_de, _), = [build([("F1", "In [Graz|LOC|graz] warteten {sieben Schiffe|num|7|Schiffe} auf die Einfahrt.")],
                             id=1, outlet="a.at")]
    (en, an_en, _), = [build([("F1", "In [Linz|LOC|linz] {seven ships|num|7|ships} were waiting to enter the port.")],
                             id=2, outlet="b.co.uk", language="en")]
    a = article_claims(de, an_de, member=0, outlet="a.at")[0]
    b = article_claims(en, an_en, member=1, outlet="b.co.uk")[0]
    d = differences(a, b)
    assert d["compared"] == "entities and numbers"
    assert _texts(d["a_words"]) == ["Graz"] and _texts(d["b_words"]) == ["Linz"]  # 7 = seven: no difference
    assert d["a"] == {"outlet": "a.at", "article": 1} and d["b"] == {"outlet": "b.co.uk", "article": 2}


def test_matched_words_and_cover():
    spans, hit, cover = matched_words("Wegen Rissen hat die Stadt zwei Brücken gesperrt.",
                                      "Die Stadt hat zwei Brücken gesperrt.", "de")
    assert len(spans) == len(hit) == 8
    assert hit[:2] == [False, False] and all(hit[-4:])
    assert cover == 1.0  # every content word of the shorter sentence is in the longer one
