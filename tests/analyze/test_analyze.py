"""The analysis cascade as a whole: bad input, the store, and the commands that show it."""

from __future__ import annotations

import json

from storyline.analyze import MAX_CHARS, analyze_text

GERMAN = ("Außenministerin Ingrid Haugland traf am Mittwoch in Genf den russischen Außenminister Sergej Lawrow. "
          "„Wir haben offen gesprochen“, sagte Haugland nach dem Treffen. Lawrow nannte das Gespräch „sachlich“.")


def test_no_sentences_is_a_warning_not_a_crash():
    for text in ("", "   \n\n  ", "…", "—"):
        an = analyze_text(text, language="de", published="2024-03-14")
        assert an.sentences == [] or all(s.end > s.start for s in an.sentences)
        if not an.sentences:
            assert any("no sentences" in w for w in an.warnings)
        assert an.quotes == [] and an.numbers == []


def test_unbalanced_quote_marks_do_not_swallow_the_text():
    text = "„Wir kommen morgen, sagte der Minister in Berlin.\n\nDer zweite Absatz hat „keine Ende. Und so weiter."
    an = analyze_text(text, language="de", published="2024-03-14")
    assert len(an.sentences) >= 3
    for q in an.quotes:  # a quote never crosses a paragraph
        assert "\n\n" not in text[q.start:q.end]


def test_mixed_scripts():
    text = ("Сергей Лавров встретился с Антони Блинкеном. Lawrow traf Blinken in Reykjavik. "
            "وزير الخارجية الروسي. 外交部长。")
    an = analyze_text(text, language="de", published="2021-05-20")
    assert an.sentences
    assert all(0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text for e in an.entities)


def test_a_five_megabyte_article_is_cut_with_a_warning():
    para = GERMAN + "\n\n"
    text = para * (5_000_000 // len(para) + 1)
    an = analyze_text(text, language="it", published="2024-03-14")  # no recognizer: the cut itself is tested
    assert any(f"{MAX_CHARS:,}" in w for w in an.warnings)
    assert all(s.end <= MAX_CHARS for s in an.sentences)
    assert len(an.quotes) > 1000 and an.entities is None


def test_offsets_point_into_the_text():
    an = analyze_text(GERMAN, language="de", published="2024-03-14")
    for e in an.entities:
        assert GERMAN[e.start:e.end] == e.text
    for q in an.quotes:
        assert GERMAN[q.start:q.end] == q.text
    assert {e.key for e in an.entities} >= {"per:haugland", "per:lavrov"}
    assert any(q.speaker == "Ingrid Haugland" and q.text.startswith("Wir haben") for q in an.quotes)
    assert any(d.value == "2024-03-13" for d in an.dates)


def test_ingest_analyzes_and_show_lists_it(cli, db, tmp_path):
    page = tmp_path / "genf.txt"
    page.write_text("Treffen in Genf\n\n" + GERMAN + "\n", "utf-8")
    r = cli("ingest", str(page), "--db", db, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["analyzed"] == 1
    d = json.loads(cli("show", "1", "--db", db, "--json").output)
    for field in ("sentences", "entities", "quotes", "dates", "numbers"):
        assert isinstance(d[field], list), field
    assert {"text", "label", "canonical", "start", "end"} <= set(d["entities"][0])
    assert {"speaker", "text", "cue", "start", "end"} <= set(d["quotes"][0])
    human = cli("show", "1", "--db", db).output
    assert "Entities" in human and "Sergej Lawrow" in human and "Quotes" in human


def test_analyze_command_reanalyzes(cli, db, tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("Treffen in Genf\n\n" + GERMAN + "\n", "utf-8")
    assert cli("ingest", str(page), "--db", db, "--no-analyze", "--quiet").exit_code == 0
    d = json.loads(cli("show", "1", "--db", db, "--json").output)
    assert d["entities"] is None and "not analyzed" in d["analysis"]["status"]
    r = cli("analyze", "--db", db, "--json", "--quiet")
    assert json.loads(r.output)["analyzed"] == 1
    assert json.loads(cli("analyze", "--db", db, "--json", "--quiet").output)["analyzed"] == 0  # nothing left
    assert json.loads(cli("analyze", "--all", "--db", db, "--json", "--quiet").output)["analyzed"] == 1
    assert cli("analyze", "99", "--db", db).exit_code == 4  # unknown id


def test_italian_article_says_entities_unavailable(cli, db, tmp_path):
    page = tmp_path / "roma.txt"
    page.write_text("Incontro a Roma\n\nIl ministro Marco Ferrandi ha incontrato ieri a Roma la collega albanese. "
                    "«È un passo importante», ha detto Ferrandi dopo la riunione al ministero.\n", "utf-8")
    cli("ingest", str(page), "--db", db, "--quiet")
    d = json.loads(cli("show", "1", "--db", db, "--json").output)
    assert d["language"] == "it"
    assert d["entities"] is None and d["analysis"]["status"]["entities"] == "unavailable for it"
    assert "entities: unavailable for it" in cli("show", "1", "--db", db).output
