"""Acceptance on the two seed reports (../shared/seeds, see EXPECTED.md there)."""

from __future__ import annotations

import pytest

from support import SEEDS, need
from storyline.clean import clean
from storyline.read import iter_documents, read_document

BODY_HEADINGS = ["Bereitschaft zum Dialog", "„Konstruktives“ Gespräch", "Spannungen zwischen den Großmächten"]
# The chrome lines EXPECTED.md lists for seed 002, by their start (some repeat in the page).
CHROME_002 = [
    "US-Außenminister Antony Blinken mit seinem russischen Amtskollegen Sergej Lawrow (Bild: AFP)",
    "US-Außenminister Antony Blinken mit seinem russischen Amtskollegen Sergej Lawrow",
    "(Bild: AFP)", "Zitat Icon", "Es ist auch kein Geheimnis, dass wir unsere Differenzen haben.",
    "US-Außenminister Antony Blinken", "Loading...", "00:00 / 00:00", "Abspielen", "Schließen", "Aufklappen",
    "Vorige 10 Sekunden", "Zum Vorigen Wechseln", "Zum Nächsten Wechseln", "Nächste 10 Sekunden", "00:00",
    "1.0x Geschwindigkeit", "Loading", "Kommentare", "Da dieser Artikel älter als 18 Monate ist",
    "Wir laden Sie ein, bei einer aktuelleren themenrelevanten Story", "Bei Fragen können Sie sich gern an das Community-Team",
    "Kostenlose Spiele", "Vorteilswelt",
]


def _article(name: str):
    path = need(SEEDS) / name
    doc = next(iter_documents([str(need(path))]))
    (draft,) = read_document(doc).drafts
    return clean(draft), path.read_text("utf-8")


def test_seed_002_header_and_time_zone():
    a, _ = _article("002_0a18ccdc445dd74d.txt")
    assert a.title == "Konstruktives Gespräch"
    assert a.subtitle == "Blinken-Lawrow-Treffen mit Bemühung um Dialog"
    assert a.section == "Ausland"
    assert a.published.startswith("2021-05-20T07:47")
    assert a.published == "2021-05-20T07:47+02:00"  # CEST, as Vienna was in May
    assert a.published_precision == "minute"
    assert a.timezone == "Europe/Vienna"
    assert a.outlet == "krone.at" and a.language == "de"


def test_seed_002_body_kept_and_chrome_dropped():
    a, raw = _article("002_0a18ccdc445dd74d.txt")
    paras = a.to_dict()["paragraphs"]
    headings = [p["text"] for p in paras if p["kind"] == "heading"]
    assert headings == BODY_HEADINGS
    dropped = [d.line for d in a.dropped]
    for chrome in CHROME_002:
        assert any(d.startswith(chrome) for d in dropped), chrome
        assert not any(p["text"].startswith(chrome) and p["text"] != chrome and len(p["text"]) < 150
                       for p in paras), chrome
    # every body paragraph of the page (the long lines below the header) is kept, word for word
    page = raw.splitlines()
    article_part = page[7: next(i for i, ln in enumerate(page) if ln.startswith("Loading"))]
    body_lines = [ln.strip() for ln in article_part if len(ln.split()) >= 15]
    texts = [p["text"] for p in paras]
    assert len(body_lines) == 6
    for ln in body_lines:
        assert ln in texts
    # the header lines are metadata, never body or chrome
    assert {h.field for h in a.header} >= {"title", "subtitle", "section", "published"}
    assert all(d.reason for d in a.dropped)
    assert len(paras) == 6 + 3


def test_seed_000_month_precision_credit_and_nothing_dropped():
    a, raw = _article("000_91a9a32163253f5d.txt")
    assert a.published == "2021-05" and a.published_precision == "month"
    assert a.outlet == "BLZ" and a.outlet_name == "Berliner Zeitung"
    assert a.agency == "AFP"
    assert a.dropped == []
    assert len(a.paragraphs) == 4
    assert not a.text.startswith("date") and "(BLZ, mit AFP)" not in a.text
    assert a.text.startswith("US-Außenminister Antony Blinken und sein russischer Amtskollege")
    assert a.text.endswith("mit Einreisesperren.")
    assert [h.field for h in a.header] == ["published (metadata prefix)", "credit"]


@pytest.mark.parametrize("name", ["000_91a9a32163253f5d.txt", "002_0a18ccdc445dd74d.txt"])
def test_seed_through_cli_show_json(name, cli, db):
    import json

    path = need(SEEDS / name)
    r = cli("ingest", "--db", db, "--json", "--quiet", str(path))
    assert r.exit_code == 0, r.output
    (aid,) = json.loads(r.output)["ids"]
    shown = json.loads(cli("show", str(aid), "--db", db, "--json").output)
    for field in ("id", "title", "subtitle", "section", "outlet", "agency", "language", "published",
                  "published_precision", "url", "paragraphs", "dropped"):
        assert field in shown
    assert all({"line", "reason"} <= set(d) for d in shown["dropped"])
    assert shown["language"] == "de"
