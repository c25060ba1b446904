"""Sparse view: folding, tokens, light stemming per language, document frequencies, cosine."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.represent.sparse import (DocumentFrequencies, char_terms, cosine, fold, stem, terms, tokens,
                                        with_entities)


def test_turkish_folds_dotted_and_dotless_i_and_drops_case_endings():
    assert fold("İZMİR IŞIK", "tr") == "izmir ışık"
    assert tokens("İzmir'de Ankara’dan", "tr") == ["izmir", "ankara"]
    # five-letter truncation makes inflected forms of one word meet
    assert stem("tedbirleri", "tr") == stem("tedbirler", "tr") == "tedbi"


def test_german_stems_merge_inflections_and_umlauts():
    assert stem("diplomaten", "de") == stem("diplomat", "de")
    assert stem("russischen", "de") == stem("russische", "de")
    assert stem("gewählt", "de") == stem("wählt", "de")
    assert "und" not in terms("Berlin und Moskau", "de")


def test_english_french_spanish_italian_endings():
    assert stem("diplomats", "en") == stem("diplomat", "en")
    assert stem("expelled", "en") == stem("expel", "en")
    assert stem("countries", "en") == "country"
    assert stem("journaux", "fr") == stem("journal", "fr")
    assert stem("élections", "fr") == stem("élection", "fr")
    assert stem("ministros", "es") == stem("ministro", "es")
    assert stem("ciudades", "es") == stem("ciudad", "es")
    assert stem("ministri", "it") == stem("ministro", "it")


def test_french_and_italian_elisions_are_dropped():
    assert tokens("l'élection d'hier", "fr") == ["élection", "hier"]
    assert tokens("dell'Unione", "it") == ["unione"]


def test_arabic_letter_variants_diacritics_and_prefixes():
    assert fold("أحمد إبراهيم مُحَمَّد", "ar") == "احمد ابراهيم محمد"
    assert stem(fold("والحكومة", "ar"), "ar") == stem(fold("حكومة", "ar"), "ar")
    assert "في" not in terms("في القاهرة", "ar")


def test_terms_drop_stopwords_and_single_letters_and_count():
    t = terms("The minister and the minister's aides met in Berlin on 12 May.", "en")
    assert t["minister"] == 2
    assert "the" not in t and "and" not in t
    assert t["12"] == 1


def test_unknown_language_keeps_words_unstemmed():
    assert terms("Kota Jakarta banjir lagi", None) == {"kota": 1, "jakarta": 1, "banjir": 1, "lagi": 1}


def test_char_terms_are_padded_word_ngrams():
    assert char_terms("abc", None, n=4) == {" abc": 1, "abc ": 1}
    assert char_terms("ab", None, n=4) == {" ab ": 1}


def test_entities_join_as_prefixed_terms():
    assert with_entities({"berlin": 2}, {"country:DE": 3, "": 1}) == {"berlin": 2, "ent:country:DE": 3}


def test_document_frequencies_update_and_weight():
    df = DocumentFrequencies()
    assert df.idf("x") == 1.0  # before any document
    df.partial_fit({"berlin": 3, "wahl": 1}, "de").partial_fit({"berlin": 1}, "de").partial_fit({"berlin": 1}, "en")
    assert df.n_ == {"de": 2, "*": 3, "en": 1}
    assert df.df_["de"]["berlin"] == 2 and df.df_["de"]["wahl"] == 1
    assert df.idf("wahl", "de") > df.idf("berlin", "de")
    w = df.weights({"berlin": 1, "wahl": 1}, "de")
    assert w["wahl"] > w["berlin"]
    assert math.isclose(sum(v * v for v in w.values()), 1.0)
    assert df.weights({}, "de") == {}


def test_entity_frequencies_are_shared_across_languages():
    df = DocumentFrequencies()
    df.partial_fit(["ent:lavrov", "lawrow"], "de")
    df.partial_fit(["ent:lavrov", "lavrov"], "en")
    assert df.df_["*"]["ent:lavrov"] == 2
    assert "ent:lavrov" not in df.df_["de"]
    assert df.idf("ent:lavrov", "de") == df.idf("ent:lavrov", "en")


def test_document_frequencies_round_trip_through_json():
    df = DocumentFrequencies()
    for doc, lang in (({"a": 1, "b": 2}, "de"), ({"b": 1, "ent:x": 1}, "en"), ({"c": 1}, None)):
        df.partial_fit(doc, lang)
    back = DocumentFrequencies.from_dict(json.loads(json.dumps(df.to_dict())))
    assert back.n_ == df.n_ and back.df_ == df.df_
    assert back.weights({"a": 1, "b": 1}, "de") == df.weights({"a": 1, "b": 1}, "de")


_weight = st.one_of(st.just(0.0), st.floats(1e-6, 10.0))  # no subnormals: their squares underflow to 0
_vec = st.dictionaries(st.sampled_from("abcdefgh"), _weight, max_size=8)


@settings(max_examples=200, deadline=None)
@given(_vec, _vec, st.floats(0.01, 100.0))
def test_cosine_is_symmetric_bounded_and_scale_free(a, b, k):
    c = cosine(a, b)
    assert 0.0 <= c <= 1.0
    assert math.isclose(c, cosine(b, a), abs_tol=1e-12)
    assert math.isclose(c, cosine({t: v * k for t, v in a.items()}, b), abs_tol=1e-9)
    if any(v > 0 for v in a.values()):
        assert math.isclose(cosine(a, a), 1.0, abs_tol=1e-9)


def test_cosine_of_empty_or_disjoint_is_zero():
    assert cosine({}, {"a": 1.0}) == 0.0
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["de", "en", "fr", "es", "it", "tr", "ar", None]))
def test_terms_never_fail_and_count_positive(text, lang):
    for term, count in terms(text, lang).items():
        assert term and count >= 1
