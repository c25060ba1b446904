"""`analyze_many`: a batch's analyses are, article by article, exactly those of `analyze`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.analyze import analyze, analyze_many
from storyline.analyze.entities import recognizer_for
from storyline.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "analysis"
META = json.loads((FIXTURES / "meta.json").read_text("utf-8"))

# invented German texts of different shapes: short, a long unsplit list, numbers and dates, no sentence end
GERMAN = [
    "Außenministerin Ingrid Haugland traf am Mittwoch in Genf den russischen Außenminister Sergej Lawrow. "
    "„Wir haben offen gesprochen“, sagte Haugland nach dem Treffen. Lawrow nannte das Gespräch „sachlich“.",
    "Teilnehmer: " + ", ".join(f"Vertreter {n} aus {c}" for n, c in zip(
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"] * 12,
        ["Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Leipzig", "Dresden"] * 12)),
    "Die Volkswagen AG meldete am 3. Mai einen Gewinn von 4,2 Mrd. Euro. Vorstandschef Oliver Blume sprach "
    "in Wolfsburg von einem „soliden Quartal“.\n\nDie IG Metall kritisierte den Abbau von 2.000 Stellen.",
    "Bundeskanzler Olaf Scholz reiste nach Paris und traf dort Emmanuel Macron ohne Punkt am Ende",
]


def article(text: str, language: str | None, published: str | None = "2024-03-14T09:30+01:00",
            timezone: str | None = "Europe/Berlin", origin: str = "test") -> Article:
    """A clean article with just what the analysis reads."""
    return Article(text=text, paragraphs=[], origin=origin, language=language, published=published,
                   timezone=timezone)


def fixture(lang: str) -> Article:
    meta = META[lang]
    return article((FIXTURES / f"{lang}.txt").read_text("utf-8"), lang, meta["published"], meta["timezone"],
                   origin=f"{lang}.txt")


def fresh_german_model() -> None:
    """Forget the German model's cached word features, so both runs compute them (in different batches)."""
    rec = recognizer_for("de")
    if rec is not None and hasattr(rec, "_feat"):
        rec._feat.clear()


def check_same(batch: list[Article]) -> None:
    fresh_german_model()
    one = [analyze(a) for a in batch]
    fresh_german_model()
    many = analyze_many(batch)
    assert len(many) == len(batch)
    for a, x, y in zip(batch, one, many):
        assert x == y, a.origin
        assert x.to_dict() == y.to_dict()


def test_german_batch_is_identical_article_by_article():
    if recognizer_for("de") is None:
        pytest.skip("German NER model not available")
    batch = [fixture("de")] + [article(t, "de", origin=f"g{i}") for i, t in enumerate(GERMAN)]
    check_same(batch)
    many = analyze_many(batch)
    assert all(an.entities for an in many)  # the check above compared real findings, not empty lists
    assert {e.key for e in many[1].entities} >= {"per:haugland", "per:lavrov"}


def test_mixed_languages_and_empty_texts_in_one_batch():
    batch = [
        article(GERMAN[0], "de", origin="de-1"),
        fixture("en"),
        article("", "de", origin="empty-de"),
        fixture("it"),  # no recognizer: entities None with a status
        article(GERMAN[2], "de-AT", origin="de-AT"),  # the same German model under a regional tag
        article("   \n\n  ", "de", origin="blank-de"),
        fixture("fr"),
        article(GERMAN[3], None, published=None, timezone=None, origin="no-language"),
        fixture("de"),
    ]
    check_same(batch)
    many = analyze_many(batch)
    assert many[2].entities == [] and many[2].sentences == []
    assert any("no sentences" in w for w in many[2].warnings)
    assert many[3].entities is None and "entities" in many[3].status
    assert many[7].entities is None


def test_batch_order_and_size_do_not_matter():
    if recognizer_for("de") is None:
        pytest.skip("German NER model not available")
    batch = [article(t, "de", origin=f"g{i}") for i, t in enumerate(GERMAN)] + [fixture("de"), fixture("en")]
    forward = analyze_many(batch)
    backward = analyze_many(batch[::-1])[::-1]
    assert forward == backward
    assert analyze_many([]) == []


def stored_articles(store, tmp_path, n: int) -> list[int]:
    """Ingest n distinct German text pages without analysis; their ids."""
    from storyline.ingest import ingest

    for i in range(n):
        body = "\n\n".join(GERMAN[j % len(GERMAN)] for j in range(i, i + 3))
        (tmp_path / f"p{i:02d}.txt").write_text(f"Bericht Nummer {i} aus Genf\n\n{body}\n\nMeldung {i}.\n", "utf-8")
    report = ingest(store, [str(tmp_path / f"p{i:02d}.txt") for i in range(n)], analyze=False)
    assert report.ingested == n, report
    return report.ids


def test_analyze_stored_in_batches_stores_what_analyze_gives(store, tmp_path):
    from storyline.ingest import ANALYZE_BATCH, analyze_stored

    ids = stored_articles(store, tmp_path, ANALYZE_BATCH + 3)  # a full batch and a partial one
    seen: list[int] = []
    got = analyze_stored(store, on_article=seen.append)
    assert got["analyzed"] == len(ids) and got["failed"] == 0 and seen == ids
    for aid in ids:
        assert store.analysis_of(aid).to_dict() == analyze(store.get(aid)).to_dict()


def test_a_failing_article_costs_only_itself(store, tmp_path, monkeypatch):
    import storyline.analyze.numbers as numbers
    from storyline.ingest import analyze_stored

    ids = stored_articles(store, tmp_path, 5)
    real = numbers.find_numbers

    def fragile(text, lang):
        if "Meldung 2." in text:
            raise ValueError("odd text")
        return real(text, lang)

    monkeypatch.setattr(numbers, "find_numbers", fragile)
    got = analyze_stored(store)
    assert got["analyzed"] == 4 and got["failed"] == 1
    assert [w for w in got["warnings"] if "analysis failed" in w and f"article {ids[2]} " in w]
    assert store.analysis_of(ids[2]) is None
    assert all(store.analysis_of(aid) is not None for aid in ids if aid != ids[2])
