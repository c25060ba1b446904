"""Story linking end to end (read → clean → analyze → embed → link) on the project's own texts and the seeds.

- the sample corpus (`corpus/labels.json` gives each article's event): stories never mix the two
  events with the same actors one week apart (E2 Vienna, E3 Lisbon), and B-cubed stays above a floor;
- the German and English fixtures of the same meeting land in one story;
- the two seeds land in one story, and an unrelated German article does not join it.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict

import pytest

from support import CORPUS, ROOT, SEEDS, need

CORPUS_INPUTS = ["pages", "text", "html", "records", "feeds"]
BCUBED_FLOOR = 0.80  # measured 2026-11-23: see docs/evaluation.md (sample corpus)


def _ingest_and_link(tmp_path, inputs: list[str], outlets: str | None = None):
    from storyline.ingest import ingest
    from storyline.link import link_stored
    from storyline.store import open_store

    store = open_store(str(tmp_path / "s.db"))
    ingest(store, inputs, outlets_file=outlets)
    link_stored(store)
    return store


def _story_by_article(store) -> dict[int, int]:
    return {aid: store.story_of(aid) for aid in store.ids()}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    store = _ingest_and_link(tmp, [str(CORPUS / d) for d in CORPUS_INPUTS], str(CORPUS / "labels.json"))
    yield store
    store.close()


def _events(store) -> dict[int, str]:
    """Article id → gold event of labels.json (matched by file and item)."""
    labels = json.loads((CORPUS / "labels.json").read_text("utf-8"))["articles"]
    by_file = {(x["file"], x.get("item")): x["event"] for x in labels}
    out = {}
    for aid in store.ids():
        a = store.get(aid)
        rel = a.origin.split("corpus/", 1)[-1]
        event = by_file.get((rel, a.item)) or by_file.get((rel, None))
        if event:
            out[aid] = event
    return out


def _mixed(store, *, dated_only: bool) -> dict[int, set[str]]:
    events = _events(store)
    stories = _story_by_article(store)
    assert len(events) == 50
    members: dict[int, set[str]] = defaultdict(set)
    for aid, ev in events.items():
        if dated_only and store.get(aid).published_precision not in ("day", "minute"):
            continue
        members[stories[aid]].add(ev)
    return {sid: evs for sid, evs in members.items() if {"E2", "E3"} <= evs}


def test_same_actors_a_week_later_are_another_story(corpus_store):
    """Vienna (E2, 16 April) and Lisbon (E3, 23 April): same actors, two stories."""
    assert _mixed(corpus_store, dated_only=True) == {}


@pytest.mark.xfail(strict=True, reason="known gap: the title-less Lisbon report dated only '2024-04' (no day) "
                   "mentions the Vienna deal and joins the Vienna story; see docs/evaluation.md")
def test_same_actors_a_week_later_even_without_a_day(corpus_store):
    assert _mixed(corpus_store, dated_only=False) == {}


def test_sample_corpus_bcubed(corpus_store):
    from storyline.link import bcubed

    events = _events(corpus_store)
    stories = _story_by_article(corpus_store)
    ids = sorted(events)
    score = bcubed([stories[i] for i in ids], [events[i] for i in ids])  # (predicted, gold)
    assert score["f1"] >= BCUBED_FLOOR, score


def test_german_and_english_report_of_one_meeting_link(tmp_path):
    fix = ROOT / "tests" / "fixtures" / "analysis"
    for lang, title in (("de", "Haugland und Lawrow in Genf"), ("en", "Haugland and Lavrov meet in Geneva")):
        (tmp_path / f"{lang}.txt").write_text(title + "\n\n" + (fix / f"{lang}.txt").read_text("utf-8"), "utf-8")
    store = _ingest_and_link(tmp_path, [str(tmp_path / "de.txt"), str(tmp_path / "en.txt")])
    try:
        ids = store.ids()
        assert len(ids) == 2
        assert store.story_of(ids[0]) == store.story_of(ids[1]) is not None
    finally:
        store.close()


def test_the_seeds_are_one_story_and_an_unrelated_article_stays_out(tmp_path):
    need(SEEDS)
    for name in ("000_91a9a32163253f5d.txt", "002_0a18ccdc445dd74d.txt"):
        shutil.copy(need(SEEDS / name), tmp_path / name)
    # an unrelated German report written for the sample corpus (a warehouse fire in Linz)
    shutil.copy(CORPUS / "pages" / "alpenpost.at" / "grossbrand-linzer-hafen.txt", tmp_path / "linz.txt")
    store = _ingest_and_link(tmp_path, [str(tmp_path)])
    try:
        by_origin = {store.get(aid).origin.rsplit("/", 1)[-1]: store.story_of(aid) for aid in store.ids()}
        assert by_origin["000_91a9a32163253f5d.txt"] == by_origin["002_0a18ccdc445dd74d.txt"]
        assert by_origin["linz.txt"] != by_origin["000_91a9a32163253f5d.txt"]
    finally:
        store.close()
