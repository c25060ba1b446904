"""coverage(): the whole JSON of a story — outlets, facts, quotes, entities, timeline, title, summary."""

from __future__ import annotations

import json

import pytest

from compare.cov_markup import build, embedder
from compare.cov_stories import elbe, leeds
from storyline.compare.coverage import coverage, outlet_of
from storyline.model import Article, Paragraph

ELBE_A, ELBE_B, ELBE_C = "elbkurier.de", "hanse-nachrichten.de", "northseacourier.co.uk"
LEEDS_X, LEEDS_Y = "leedsdaily.co.uk", "yorkshirepost-example.co.uk"


@pytest.fixture(scope="module")
def elbe_cov() -> dict:
    return coverage(7, elbe()[0], embedder=embedder())


@pytest.fixture(scope="module")
def leeds_cov() -> dict:
    return coverage("leeds", leeds()[0], embedder=embedder())


def _fact(cov: dict, needle: str) -> dict:
    """The (first, primary) fact one of whose variants contains `needle`."""
    return next(f for f in cov["facts"] if any(needle in v["text"] and not v.get("secondary")
                                                for v in f["variants"]))


def test_shape_and_story(elbe_cov):
    assert set(elbe_cov) == {"story", "outlets", "facts", "quotes", "entities", "timeline", "summary"}
    assert elbe_cov["story"] == {"id": 7, "title": elbe_cov["story"]["title"], "articles": 3, "languages": ["de", "en"],
                                 "first": "2024-03-12T08:10+01:00", "last": "2024-03-12T11:30+01:00"}
    assert [o["outlet"] for o in elbe_cov["outlets"]] == [ELBE_A, ELBE_C, ELBE_B]  # in order of publication
    assert elbe_cov["outlets"][0] == {"outlet": ELBE_A, "name": ELBE_A, "articles": [101], "languages": ["de"],
                                      "first_published": "2024-03-12T08:10+01:00"}
    json.dumps(elbe_cov)  # plain JSON all the way down
    for f in elbe_cov["facts"]:
        assert set(f) >= {"id", "kind", "outlets", "variants", "differences", "disagreements", "entities"}
        for v in f["variants"]:
            assert set(v) >= {"outlet", "article", "text", "start", "end", "language"}


def test_variants_point_into_their_articles(elbe_cov):
    texts = {a.id: a.text for a, _ in elbe()[0]}
    for f in elbe_cov["facts"]:
        for v in f["variants"]:
            assert texts[v["article"]][v["start"] : v["end"]] == v["text"]


def test_kinds_shared_partial_unique(elbe_cov):
    grounding = _fact(elbe_cov, "auf Grund gelaufen")
    assert grounding["kind"] == "shared" and set(grounding["outlets"]) == {ELBE_A, ELBE_B, ELBE_C}
    cargo = _fact(elbe_cov, "4000 Containern")
    assert cargo["kind"] in ("partial", "shared") and {ELBE_A, ELBE_C} <= set(cargo["outlets"])
    cause = _fact(elbe_cov, "Ursache des Unglücks")
    assert cause["kind"] == "partial" and cause["outlets"] == [ELBE_A, ELBE_C]
    assert _fact(elbe_cov, "Massengutfrachter")["kind"] == "unique"
    ferry = _fact(elbe_cov, "Glückstadt")
    assert ferry["kind"] == "unique" and ferry["outlets"] == [ELBE_B]
    assert _fact(elbe_cov, "Limassol")["outlets"] == [ELBE_C]


def test_facts_in_order_of_importance(elbe_cov):
    kinds = [f["kind"] for f in elbe_cov["facts"]]
    assert kinds == sorted(kinds, key=["shared", "partial", "unique"].index)
    assert elbe_cov["facts"][0] is _fact(elbe_cov, "auf Grund gelaufen")  # the lead fact comes first
    assert [f["id"] for f in elbe_cov["facts"]] == [f"f{i + 1}" for i in range(len(elbe_cov["facts"]))]


def test_outlets_are_counted_not_articles(leeds_cov):
    vote = _fact(leeds_cov, "city council voted")
    assert vote["kind"] == "shared" and vote["outlets"] == [LEEDS_X, LEEDS_Y]
    assert sorted(vote["articles"]) == [201, 202, 203]
    rushed = _fact(leeds_cov, "called the plan rushed")  # in both articles of one outlet
    assert rushed["kind"] == "unique" and rushed["outlets"] == [LEEDS_X] and sorted(rushed["articles"]) == [201, 202]
    assert leeds_cov["outlets"][0]["articles"] == [201, 202]


def test_disagreements(elbe_cov, leeds_cov):
    hours = _fact(elbe_cov, "14 Stunden")
    (d,) = [d for d in hours["disagreements"] if d["field"] == "number"]
    assert {(v["outlet"], v["value"]) for v in d["values"]} == {(ELBE_A, 14), (ELBE_B, 12)}
    day = [d for d in _fact(elbe_cov, "auf Grund gelaufen")["disagreements"] if d["field"] == "date"]
    assert day and {v["value"] for v in day[0]["values"]} == {"2024-03-11", "2024-03-12"}
    votes = [d for d in _fact(leeds_cov, "54 votes")["disagreements"] if d["field"] == "number"]
    assert votes and {v["value"] for v in votes[0]["values"]} == {54, 31, 52, 33}
    speakers = [d for d in _fact(leeds_cov, "cleanest decision")["disagreements"] if d["field"] == "speaker"]
    assert {v["value"] for v in speakers[0]["values"]} == {"Sarah Whitcombe", "Tom Ashby"}
    assert _fact(elbe_cov, "Lage ist unter Kontrolle")["disagreements"] == []


def test_wording_differences_inside_a_fact(elbe_cov):
    captain = _fact(elbe_cov, "Kapitän")
    (d,) = captain["differences"]
    words = {w["text"] for w in d["a_words"]} | {w["text"] for w in d["b_words"]}
    assert words == {"befragt", "vernommen"}
    variants = {(v["outlet"], v["article"]): v["text"] for v in captain["variants"]}
    for side in ("a", "b"):
        text = variants[(d[side]["outlet"], d[side]["article"])]
        assert all(text[w["start"] : w["end"]] == w["text"] for w in d[f"{side}_words"])


def test_quote_table(elbe_cov, leeds_cov):
    row = next(q for q in elbe_cov["quotes"] if q["speaker_key"] == "jana petersen" and len(q["outlets"]) == 3)
    assert sorted(v["match"] for v in row["variants"]) == ["exact", "exact", "translation"]
    scare = next(q for q in elbe_cov["quotes"] if any(v["text"] == "reibungslos" for v in q["variants"]))
    assert {v["match"] for v in scare["variants"]} == {"exact", "partial"} and scare["conflicts"]
    cleanest = next(q for q in leeds_cov["quotes"] if any("cleanest" in v["text"] for v in q["variants"]))
    assert {c["speaker"] for c in cleanest["conflicts"]} == {"Sarah Whitcombe", "Tom Ashby"}


def test_entity_coverage(elbe_cov):
    ents = elbe_cov["entities"]
    assert set(ents["by_outlet"]) == {ELBE_A, ELBE_B, ELBE_C}
    wsa = next(e for e in ents["by_outlet"][ELBE_A] if e["key"] == "wsa")
    assert wsa == {"canonical": "Wasserstraßenverwaltung", "key": "wsa", "label": "ORG", "mentions": 2}
    assert {"elbe", "brunsbüttel", "jana petersen"} <= {e["key"] for e in ents["shared"]}
    rotterdam = "rotterdam"  # named by two of the three outlets: neither shared by all nor only one's
    assert rotterdam not in {e["key"] for e in ents["shared"]}
    assert all(rotterdam not in {e["key"] for e in only} for only in ents["only"].values())
    bsu = next(e for e in ents["by_outlet"][ELBE_C] if e["key"] == "bsu")
    assert bsu["canonical"] == "Federal Bureau of Maritime Casualty Investigation"  # each outlet's own name
    assert {e["key"] for e in ents["only"][ELBE_C]} == {"kypros marine", "limassol", "country:CY"}
    assert {"bund", "lars mohr", "glückstadt", "wischhafen"} <= {e["key"] for e in ents["only"][ELBE_B]}


def test_timeline(leeds_cov):
    rows = [(r["article"], r["outlet"], r["first"], r["update"]) for r in leeds_cov["timeline"]]
    assert rows == [(201, LEEDS_X, True, False), (203, LEEDS_Y, False, False), (202, LEEDS_X, False, True)]
    assert leeds_cov["timeline"][0]["published"] == "2025-02-12T09:00+00:00"


def test_timeline_with_a_date_known_to_the_month():
    def art(i: int, published: str) -> Article:
        text = "Ein Satz über das Ereignis, lang genug für eine Aussage."
        return Article(text=text, paragraphs=[Paragraph(0, len(text))], origin=f"t{i}", id=i, outlet=f"o{i}.de",
                       language="de", published=published)

    cov = coverage(1, [(art(1, "2021-05"), None), (art(2, "2021-05-20T07:47+02:00"), None),
                       (art(3, "2021-05-21"), None), (art(4, "2021-06-02T10:00+02:00"), None)], embedder=embedder())
    first = {r["article"]: r["first"] for r in cov["timeline"]}
    # May 2021 may be before or after the 20th 07:47; the 21st and June certainly came later
    assert first == {1: True, 2: True, 3: False, 4: False}


def test_title_and_summary(elbe_cov, leeds_cov):
    assert leeds_cov["story"]["title"] == "Leeds votes to ban cars from city centre"
    summary = elbe_cov["summary"]
    assert 3 <= len(summary) <= 5
    texts = {a.id: a.text for a, _ in elbe()[0]}
    for s in summary:
        assert s["text"] in texts[s["article"]]
        assert s["outlets"] and set(s["outlets"]) <= {ELBE_A, ELBE_B, ELBE_C}
    assert all(len(s["outlets"]) >= 2 for s in summary)  # shared facts before unique ones
    assert len({s["text"] for s in summary}) == len(summary)


def test_article_without_analysis_and_without_outlet():
    text = "Der Stadtrat hat am Montag ein neues Busnetz beschlossen. Es soll im Herbst starten."
    a = Article(text=text, paragraphs=[Paragraph(0, len(text))], origin="https://www.stadtblatt.example/bus",
                id=5, language="de")
    (b, an, _), = [build([("F1", "Ein neues Busnetz hat der Stadtrat am Montag beschlossen."),
                          ("F2", "Die Tickets werden nicht teurer.")], id=6, outlet="rundschau.example")]
    cov = coverage(1, [(a, None), (b, an)], embedder=embedder())
    assert outlet_of(a) == "stadtblatt.example"
    assert [o["outlet"] for o in cov["outlets"]] == ["stadtblatt.example", "rundschau.example"]
    bus = _fact(cov, "Busnetz beschlossen")
    assert bus["kind"] == "shared" and len(bus["variants"]) == 2
    assert cov["timeline"][0]["first"] is False  # no dates at all: nobody is "first"
    assert outlet_of(Article(text="", paragraphs=[], origin="stdin")) == "unknown"


def test_empty_story():
    cov = coverage(3, [], embedder=embedder())
    assert cov["facts"] == [] and cov["quotes"] == [] and cov["summary"] == [] and cov["timeline"] == []
    assert cov["story"]["articles"] == 0 and cov["story"]["title"] is None


def test_one_article_story():
    (a, an, _), = [build([("F1", "Die Fähre fuhr am Montag wieder nach Fahrplan."),
                          ("F2", "Der Sturm hatte den Verkehr zwei Tage lang gestoppt."),
                          ("F3", "Die Reederei entschuldigte sich bei den Fahrgästen.")], id=9, outlet="solo.de",
                         published="2024-01-08", title="Fähre fährt wieder")]
    cov = coverage(9, [(a, an)], embedder=embedder())
    assert [f["kind"] for f in cov["facts"]] == ["unique"] * 3
    assert cov["story"]["title"] == "Fähre fährt wieder" and len(cov["summary"]) == 3
    assert cov["timeline"] == [{"outlet": "solo.de", "article": 9, "title": "Fähre fährt wieder",
                                "published": "2024-01-08", "precision": None, "first": True, "update": False}]
    assert cov["entities"]["shared"] == [] and cov["entities"]["only"] == {}
