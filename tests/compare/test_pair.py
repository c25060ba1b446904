"""compare(): a German and an English report of one (invented) event score closer than an unrelated pair,
with the evidence: shared entities and places, the date gap, aligned sentences, shared quotes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storyline.compare.pair import (CROSS_FEATURES, DIMENSIONS, FEATURES, MODEL_PATH, SimilarityModel, compare,
                                    expand)
from storyline.errors import StorylineError
from storyline.model import Analysis, Article, Entity, Quote
from storyline.represent.embed import USEEmbedder
from storyline.represent.sparse import DocumentFrequencies, terms

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
    assert 1.0 <= r["overall"] <= 4.0
    assert set(r["dimensions"]) == set(DIMENSIONS)
    assert all(1.0 <= v <= 4.0 for v in r["dimensions"].values())
    assert set(r["evidence"]["scores"]) == set(FEATURES)


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


def test_the_shipped_model_matches_the_features():
    spec = json.loads(MODEL_PATH.read_text())
    assert set(spec["variants"]) == {"df", "no_df", "cross"}
    assert spec["variants"]["df"]["features"] == list(FEATURES)
    assert spec["variants"]["cross"]["features"] == list(CROSS_FEATURES)
    model = SimilarityModel(spec)
    for name, v in spec["variants"].items():
        width = expand(np.zeros((1, len(v["features"]))), v["expand"]).shape[1]
        assert all(len(t["coef"]) == width for t in v["targets"].values())
    # more similar raw features give a lower (closer) score on every variant
    low = {f: 0.1 for f in FEATURES}
    high = {f: 0.9 for f in FEATURES}
    for name in spec["variants"]:
        assert model.predict(high, name)["overall"] < model.predict(low, name)["overall"]
    assert spec["cv"]["df"]["per_language"]["tr"]["n"] == 465  # fitted and reported on all pairs
