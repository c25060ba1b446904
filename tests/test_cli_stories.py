"""The story commands end to end: ingest links, stories, story, compare, coverage, report."""

from __future__ import annotations

import json

import pytest

from support import ROOT

FIX = ROOT / "tests" / "fixtures" / "analysis"


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """A store with the German and English fixtures of one meeting, ingested (and so linked) by the CLI."""
    from click.testing import CliRunner

    from storyline.cli import main

    tmp = tmp_path_factory.mktemp("stories")
    # two outlets: a directory named like a domain gives the outlet of the files in it
    for lang, title, outlet in (("de", "Haugland und Lawrow in Genf", "nordstadt-kurier.de"),
                                ("en", "Haugland and Lavrov meet in Geneva", "harbourherald.co.uk")):
        (tmp / outlet).mkdir()
        (tmp / outlet / f"{lang}.txt").write_text(title + "\n\n" + (FIX / f"{lang}.txt").read_text("utf-8"), "utf-8")
    db = str(tmp / "s.db")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, [*args, "--db", db], catch_exceptions=False)

    r = run("ingest", str(tmp / "nordstadt-kurier.de"), str(tmp / "harbourherald.co.uk"), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["linked"]["stories"] == 1
    return run, tmp


def test_stories_and_story(linked):
    run, _ = linked
    items = json.loads(run("stories", "--json").output)
    assert len(items) == 1 and {"id", "title", "articles"} <= set(items[0]) and items[0]["articles"] == 2
    assert sorted(items[0]["languages"]) == ["de", "en"]
    s = json.loads(run("story", str(items[0]["id"]), "--json").output)
    assert len(s["articles"]) == 2 and set(s["by_language"]) == {"de", "en"}
    assert "Haugland" in run("stories").output
    assert run("story", "999").exit_code == 4


def test_compare_two_ids(linked):
    run, _ = linked
    d = json.loads(run("compare", "1", "2", "--json").output)
    assert {"overall", "dimensions", "evidence"} <= set(d)
    assert set(d["dimensions"]) == {"geography", "entities", "time", "narrative"}
    assert 1.0 <= d["overall"] <= 2.5  # the same meeting, told in two languages
    assert "overall" in run("compare", "1", "2").output


def test_coverage_and_report(linked):
    run, tmp = linked
    c = json.loads(run("coverage", "1", "--json").output)
    assert {"story", "outlets", "facts", "quotes", "entities", "timeline", "summary"} <= set(c)
    assert any(f["kind"] == "shared" for f in c["facts"])
    for f in c["facts"]:
        assert {"id", "kind", "outlets", "variants"} <= set(f)
        assert all({"outlet", "article", "text"} <= set(v) for v in f["variants"])
    assert any(q["speaker"] and len({v["article"] for v in q["variants"]}) == 2 for q in c["quotes"])
    out = tmp / "report"
    r = run("report", "--out", str(out))
    assert r.exit_code == 0 and (out / "index.html").exists()
    page = (out / "story-1.html").read_text("utf-8")
    assert "Haugland" in page and "<svg" in page
