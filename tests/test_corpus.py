"""The bundled sample corpus: its shape, and what ingest makes of every labelled article."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from storyline.evaluate import chrome
from storyline.ingest import ingest
from support import CORPUS, ROOT

LABELS = json.loads((CORPUS / "labels.json").read_text("utf-8"))
FLOOR = 0.98  # the acceptance floor for line-level precision and recall; never lowered silently


def test_corpus_shape_meets_the_issue():
    arts = LABELS["articles"]
    assert len(arts) >= 40
    assert len({a["event"] for a in arts}) >= 8
    assert len({a["outlet"] for a in arts}) >= 6
    assert {"de", "en", "fr", "es"} <= {a["language"] for a in arts}
    assert {"page", "text", "html", "json", "jsonl", "csv", "rss", "atom"} <= {a["format"] for a in arts}
    pages_per_outlet = Counter(a["outlet"] for a in arts if a["format"] == "page")
    assert sum(1 for n in pages_per_outlet.values() if n >= 2) >= 5
    assert all(a["chrome"] for a in arts if a["format"] == "page")


@pytest.mark.parametrize("where,pages", [(CORPUS, 16), (ROOT / "tests" / "fixtures" / "heldout", 12)])
def test_chrome_precision_and_recall(where, pages):
    res = chrome(where)
    assert res["pages"] >= pages and res["chrome_lines"] >= 300
    assert res["micro"]["precision"] >= FLOOR, res["errors"]
    assert res["micro"]["recall"] >= FLOOR, res["errors"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    from storyline.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("corpus") / "c.db"))
    report = ingest(store, [str(p) for p in sorted(CORPUS.iterdir()) if p.is_dir()],
                    outlets_file=str(CORPUS / "labels.json"))
    arts = {(str(Path(a.origin).resolve()), a.item or None): a for a in store.iter_articles()}
    yield report, arts
    store.close()


def _find(arts, label):
    path = str((CORPUS / label["file"]).resolve())
    return arts.get((path, label["item"]))


def test_every_labelled_article_is_ingested_nothing_skipped(ingested):
    report, arts = ingested
    assert report.skipped == [] and report.ingested == len(LABELS["articles"])
    missing = [a["file"] + "#" + str(a["item"]) for a in LABELS["articles"] if _find(arts, a) is None]
    assert missing == []


@pytest.mark.parametrize("field", ["title", "outlet", "language", "published", "precision", "section", "subtitle"])
def test_labelled_fields_are_read(ingested, field):
    _, arts = ingested
    wrong = []
    for label in LABELS["articles"]:
        a = _find(arts, label)
        if field == "published":
            got, want = (a.published or "")[:16], label["published"]
            ok = want is None and a.published is None or (want is not None and got.startswith(want[:16]))
        elif field == "precision":
            got, want = a.published_precision, label["precision"]
            ok = got == want
        elif field in ("section", "subtitle"):
            if label["format"] != "page":
                continue  # only raw pages carry these as header lines
            got, want = getattr(a, field), label.get(field)
            ok = got == want
        else:
            got, want = getattr(a, field), label[field]
            ok = got == want
        if not ok:
            wrong.append((label["file"], label["item"], got, want))
    assert wrong == []


def test_page_headings_are_marked(ingested):
    _, arts = ingested
    for label in LABELS["articles"]:
        if label["format"] == "page":
            a = _find(arts, label)
            assert [a.text[p.start:p.end] for p in a.paragraphs if p.kind == "heading"] == label["headings"], label["file"]


def test_hostile_html_never_reaches_the_text(ingested):
    _, arts = ingested
    for a in arts.values():
        assert "<script" not in a.text and "alert(" not in a.text and "onerror" not in a.text
