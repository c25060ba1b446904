"""The store's analyses: save/load round trip, the entity index, invalidation on re-cleaning."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from storyline.model import (Analysis, Article, DateMention, Document, Draft, DroppedLine, Entity, NumberMention,
                             Paragraph, Quote, Sentence)


def _add(store, text: str, seed: str) -> int:
    doc_id = store.add_document(Document(origin=f"{seed}.txt", data=seed.encode()), "text")
    a = Article(text=text, paragraphs=[Paragraph(0, len(text))], origin=f"{seed}.txt")
    return store.add_article(a, document_id=doc_id, draft=Draft(origin="x", body=text), draft_hash=seed * 8,
                             profile_version=0)


def _analysis() -> Analysis:
    return Analysis(
        sentences=[Sentence(0, 30), Sentence(31, 60)],
        entities=[Entity("Lawrow", "PER", "Sergej Lawrow", 0, 6, "per:lavrov"),
                  Entity("Sergej Lawrow", "PER", "Sergej Lawrow", 10, 23, "per:lavrov"),
                  Entity("Moskau", "LOC", "Moskau", 30, 36, "loc:moscow")],
        quotes=[Quote("Sergej Lawrow", "konstruktiv", "sagte", 40, 51, kind="partial", speaker_key="per:lavrov")],
        dates=[DateMention("am Mittwoch", 52, 63, "2021-05-19", "day", True)],
        numbers=[NumberMention("zehn Diplomaten", 64, 79, 10.0, "Diplomaten")],
        language="de", status={}, warnings=["a warning"],
    )


def test_analysis_round_trip_and_entity_index(store):
    with store.transaction():
        aid = _add(store, "x" * 80, "a")
        assert store.analysis_of(aid) is None
        assert store.ids_to_analyze(1) == [aid]
        store.save_analysis(aid, _analysis())
    got = store.analysis_of(aid)
    assert got.to_dict() == _analysis().to_dict()
    assert store.ids_to_analyze(1) == [] and store.ids_to_analyze(2) == [aid]  # a newer analyzer redoes it
    counts = {c["key"]: c for c in store.entity_counts()}
    assert counts["per:lavrov"]["mentions"] == 2 and counts["per:lavrov"]["articles"] == 1
    assert counts["loc:moscow"]["canonical"] == "Moskau"


def test_unavailable_entities_stay_none_not_empty(store):
    with store.transaction():
        aid = _add(store, "Testo italiano.", "it")
        store.save_analysis(aid, Analysis(entities=None, language="it", status={"entities": "unavailable for it"}))
    got = store.analysis_of(aid)
    assert got.entities is None and got.status == {"entities": "unavailable for it"}


def test_recleaning_drops_the_stale_analysis(store):
    with store.transaction():
        aid = _add(store, "y" * 80, "b")
        store.save_analysis(aid, _analysis())
        a = store.get(aid)
        a.text = "a different text after re-cleaning"
        a.paragraphs = [Paragraph(0, len(a.text))]
        store.update_cleaning(aid, a, 1)
    assert store.analysis_of(aid) is None and store.entity_counts() == []
    assert store.ids_to_analyze(1) == [aid]


def test_recleaning_that_leaves_the_text_keeps_the_analysis(store):
    with store.transaction():
        aid = _add(store, "y" * 80, "b")
        store.save_analysis(aid, _analysis())
        a = store.get(aid)
        a.dropped = a.dropped + [DroppedLine("Teilen", "share line", "pattern", 9)]  # only the chrome record changed
        store.update_cleaning(aid, a, 1)
        assert store.analysis_of(aid) is not None and store.get(aid).dropped[-1].line == "Teilen"
        b = store.get(aid)
        b.timezone = "Europe/Vienna"  # the analysis resolves dates in the article's time zone
        store.update_cleaning(b.id, b, 2)
    assert store.analysis_of(aid) is None and store.ids_to_analyze(1) == [aid]
    with store.transaction():
        store.save_analysis(aid, _analysis())
        store.update_cleaning(aid, store.get(aid), 3)
    assert store.analysis_of(aid) is not None and store.ids_to_analyze(1) == []


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=12), st.sampled_from(["PER", "LOC", "ORG", "MISC"])),
                max_size=8))
def test_entities_round_trip_any_text(tmp_path_factory, ents):
    from storyline.store import open_store

    s = open_store(str(tmp_path_factory.mktemp("h") / "h.db"))
    try:
        with s.transaction():
            aid = _add(s, "z" * 40, "h")
            an = Analysis(entities=[Entity(t, lab, t.strip() or t, i, i + len(t), f"{lab.lower()}:{t}")
                                    for i, (t, lab) in enumerate(ents)], language="de")
            s.save_analysis(aid, an)
        assert s.analysis_of(aid).to_dict() == an.to_dict()
    finally:
        s.close()
