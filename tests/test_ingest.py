"""The ingest pipeline: learning an outlet's boilerplate, re-cleaning, outlets files, duplicates."""

from __future__ import annotations

import json

from storyline.ingest import ingest

FOOTER = ["Nordblatt Leserreisen 2024", "Wetter an der Küste", "Unsere Ferienwohnungen"]


def page(i: int) -> str:
    body = (f"Der Gemeinderat von Husum hat am Montag den Haushalt Nummer {i} beschlossen. Die Sitzung dauerte "
            f"{i + 2} Stunden, wie die Verwaltung mitteilte, und endete mit einer knappen Mehrheit.")
    return f"Haushalt {i} beschlossen\n\nLokal\n1{i}.03.2024 09:15\n\n{body}\n\n" + "\n".join(FOOTER) + "\n"


def test_outlet_boilerplate_is_learned_and_earlier_articles_recleaned(store, tmp_path):
    d = tmp_path / "nordblatt.de"  # outlet hint from the directory name
    d.mkdir()
    for i in range(5):
        (d / f"p{i}.txt").write_text(page(i), "utf-8")
    report = ingest(store, [str(d)])
    assert report.ingested == 5 and report.recleaned >= 2
    for a in store.iter_articles():
        assert a.outlet == "nordblatt.de" and a.timezone == "Europe/Berlin"
        assert [x.line for x in a.dropped] == FOOTER, a.title
        assert all(x.signal == "outlet" and "nordblatt.de" in x.reason for x in a.dropped)
        assert len(a.paragraphs) == 1


def test_one_outlet_learns_nothing_for_another(store, tmp_path):
    for name in ("a-blatt.de", "b-blatt.de"):
        (tmp_path / name).mkdir()
    for i in range(2):
        (tmp_path / "a-blatt.de" / f"{i}.txt").write_text(page(i), "utf-8")
        (tmp_path / "b-blatt.de" / f"{i}.txt").write_text(page(i + 10), "utf-8")
    ingest(store, [str(tmp_path)])
    # two articles each: below the threshold for either outlet, so the footer stays body
    for a in store.iter_articles():
        assert a.dropped == []


def test_outlets_file_registers_names_and_zones(store, tmp_path):
    f = tmp_path / "outlets.json"
    f.write_text(json.dumps({"outlets": [{"id": "husum-post.de", "name": "Husumer Post", "abbreviation": "HP",
                                          "timezone": "Europe/Berlin"}]}), "utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Der Hafen von Husum wird ausgebaut, wie die Stadt am Montag mitteilte; die Arbeiten beginnen "
                    "im Mai und kosten zwei Millionen Euro. (HP, mit dpa)\n", "utf-8")
    report = ingest(store, [str(text)], outlets_file=str(f))
    a = store.get(report.ids[0])
    assert (a.outlet, a.outlet_name, a.agency) == ("husum-post.de", "Husumer Post", "dpa")
    assert store.outlet_records()[0].name == "Husumer Post"  # kept for later runs


def test_same_article_in_two_files_is_stored_once(store, tmp_path):
    rec = {"title": "Haushalt", "text": "Der Gemeinderat hat den Haushalt beschlossen, wie die Stadt mitteilte."}
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n", "utf-8")
    (tmp_path / "b.json").write_text(json.dumps([rec, {**rec, "title": "Anders"}]), "utf-8")
    report = ingest(store, [str(tmp_path)])
    assert (report.ingested, report.duplicates) == (2, 1)


def test_recleaning_a_text_article_reads_its_body_from_the_raw_document(store, tmp_path):
    d = tmp_path / "nordblatt.de"
    d.mkdir()
    (d / "p0.txt").write_text(page(0), "utf-8")
    aid = ingest(store, [str(d)]).ids[0]
    draft = store.draft_of(aid)
    assert draft.body == page(0)  # not stored twice, but rebuilt from the raw bytes
    assert store.get(aid).source_text == page(0)
    raw = store.db.execute("select draft from articles where id=?", (aid,)).fetchone()[0]
    assert '"body": null' in raw


def test_every_new_article_is_analyzed_as_on_its_own(store, tmp_path, monkeypatch):
    import storyline.ingest as ing
    from storyline.analyze import analyze

    monkeypatch.setattr(ing, "COMMIT_EVERY", 2)  # batches at commit points and a last one after the loop
    d = tmp_path / "nordblatt.de"
    d.mkdir()
    for i in range(5):
        (d / f"p{i}.txt").write_text(page(i), "utf-8")
    (tmp_path / "en.txt").write_text("Harbour reopens\n\nThe port of Dover reopened on Tuesday after a storm, "
                                     "officials said, and ferries to Calais resumed at noon.\n", "utf-8")
    told = []  # on_analyzed: one call per analysis, for progress displays
    report = ingest(store, [str(d), str(tmp_path / "en.txt")], on_analyzed=told.append)
    assert report.ingested == 6 and report.analyzed >= 6 and report.recleaned >= 2
    assert len(told) == report.analyzed and set(told) == set(report.ids)
    for a in store.iter_articles():
        got = store.analysis_of(a.id)
        assert got is not None and got.to_dict() == analyze(a).to_dict(), a.title
    (tmp_path / "en2.txt").write_text("Ferries delayed\n\nFerries between Dover and Calais ran two hours late on "
                                      "Wednesday, the operator said.\n", "utf-8")
    later = ingest(store, [str(tmp_path / "en2.txt")])  # nothing re-cleaned: only the last batch analyzes it
    assert later.ingested == 1 and later.recleaned == 0 and later.analyzed == 1
    assert store.analysis_of(later.ids[0]).to_dict() == analyze(store.get(later.ids[0])).to_dict()
