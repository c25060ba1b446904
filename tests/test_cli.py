"""The CLI as a user meets it: ingest (every input shape, bad input), list, show, search, export, stats."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from support import ROOT

BODY = ("Im Hafen von Wismar ist am Montagabend ein Frachter mit einem Kran kollidiert. Nach Angaben der "
        "Wasserschutzpolizei wurde niemand verletzt, der Schaden wird auf rund 200.000 Euro geschätzt.")


def page(title: str, extra: str = "") -> str:
    return (f"{title}\n\nPolitik\n12.03.2024 09:15\n\n{BODY}\n\nDer Hafenmeister sagte, der Betrieb laufe "
            f"am Dienstag normal weiter. {extra}\n\nTeilen\nKommentare\nImpressum\n")


def ingest_json(cli, db, *paths, input=None):
    r = cli("ingest", "--db", db, "--json", "--quiet", *paths, input=input)
    return r.exit_code, json.loads(r.stdout)


def test_bad_inputs_are_skipped_named_and_counted_and_the_rest_goes_in(cli, db, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(page("Frachter rammt Kran"), "utf-8")
    code, first = ingest_json(cli, db, str(good))
    assert code == 0 and first["ingested"] == 1

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    with open(bad / "huge.txt", "wb") as f:  # 50 MB, over the 20 MB cap
        f.truncate(50 * 1024 * 1024)
    (bad / "legacy.txt").write_bytes(page("Grüße aus Lübeck", "Straßenfest für Bürger.").encode("cp1252"))
    (bad / "broken.jsonl").write_text(
        json.dumps({"title": "Eins", "text": BODY + " Eins."}) + "\n{\"title\": \n" +
        json.dumps({"title": "Drei", "text": BODY + " Drei."}) + "\n", "utf-8")
    (bad / "feed.xml").write_text("<?xml version='1.0'?><rss><channel><item><title>x</titl", "utf-8")
    (bad / "scripts.html").write_text(
        "<html><head><title>Hafen</title><script>alert('x')</script></head><body><article><h1>Hafen</h1>"
        f"<p>{BODY}</p><script>document.cookie='stolen'</script><p>Zweiter Absatz mit genug Worten, damit "
        "der Extraktor ihn als Text nimmt und nicht verwirft.</p></article></body></html>", "utf-8")

    r = cli("ingest", "--db", db, "--json", "--quiet", str(bad), str(tmp_path / "missing.txt"))
    out = json.loads(r.stdout)
    assert r.exit_code == 3
    reasons = {Path(s["path"]).name: s["reason"] for s in out["skipped"]}
    assert "empty" in reasons["empty.txt"]
    assert "PNG image" in reasons["image.png"]
    assert "size cap" in reasons["huge.txt"] and "--max-bytes" in reasons["huge.txt"]
    assert "invalid JSON on line 2" in reasons["broken.jsonl:2"]
    assert "malformed feed" in reasons["feed.xml"]
    assert "no such file" in reasons["missing.txt"]
    assert out["ingested"] == 4  # legacy.txt, two JSONL records, scripts.html
    assert any("legacy.txt" in w and "cp1252" in w for w in out["warnings"])
    assert "Traceback" not in r.output

    shown = [json.loads(cli("show", str(i), "--db", db, "--json").stdout) for i in out["ids"]]
    assert any(s["title"] == "Grüße aus Lübeck" and "Straßenfest" in s["text"] for s in shown)
    html = next(s for s in shown if s["origin"].endswith("scripts.html"))
    assert "alert" not in html["text"] and "stolen" not in html["text"]
    # what was stored before is still there, and the store counts the rejections
    assert json.loads(cli("show", str(first["ids"][0]), "--db", db, "--json").stdout)["title"] == "Frachter rammt Kran"
    stats = json.loads(cli("stats", "--db", db, "--json").stdout)
    assert stats["articles"] == 5 and stats["rejections"] == 6


def test_reingest_stores_nothing_twice_and_raw_bytes_are_kept(cli, db, tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(page("Frachter rammt Kran").encode("utf-8"))
    code, first = ingest_json(cli, db, str(f))
    code2, again = ingest_json(cli, db, str(f))
    assert (code, code2) == (0, 0)
    assert first["ingested"] == 1 and again == {**again, "ingested": 0, "duplicates": 1, "ids": []}
    copy = tmp_path / "copy.txt"  # same bytes under another name
    copy.write_bytes(f.read_bytes())
    assert ingest_json(cli, db, str(copy))[1]["duplicates"] == 1
    r = cli("show", str(first["ids"][0]), "--db", db, "--raw")
    assert r.stdout_bytes == f.read_bytes()
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    assert len(con.execute("select sha256 from documents").fetchone()[0]) == 64


def test_stdin_and_show_text(cli, db):
    code, out = ingest_json(cli, db, "-", input=page("Über stdin"))
    assert code == 0 and out["ingested"] == 1
    r = cli("show", str(out["ids"][0]), "--db", db)
    assert "Über stdin" in r.stdout and "Dropped 3 line(s)" in r.stdout and "comments section" in r.stdout
    assert "published  2024-03-12T09:15" in r.stdout


def test_list_search_export(cli, db, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(page("Frachter rammt Kran"), "utf-8")
    (d / "b.txt").write_text("Wahl in Kiel\n\nDie Stadt Kiel hat am Sonntag einen neuen Bürgermeister gewählt; "
                             "die Beteiligung lag bei 41 Prozent, wie das Wahlamt mitteilte.\n", "utf-8")
    assert ingest_json(cli, db, str(d))[1]["ingested"] == 2
    rows = json.loads(cli("list", "--db", db, "--json").stdout)
    assert [r["title"] for r in rows] == ["Frachter rammt Kran", "Wahl in Kiel"]
    assert "Frachter rammt Kran" in cli("list", "--db", db).stdout
    hits = json.loads(cli("search", "Bürgermeister", "--db", db, "--json").stdout)
    assert [h["title"] for h in hits] == ["Wahl in Kiel"] and "[Bürgermeister]" in hits[0]["snippet"]
    assert json.loads(cli("search", "Burgermeister", "--db", db, "--json").stdout)  # diacritics folded
    assert json.loads(cli("search", "Frachter Kiel", "--db", db, "--json").stdout) == []  # terms are ANDed
    r = cli("search", 'Kiel AND "', "--db", db, "--raw")
    assert r.exit_code == 2 and "cannot parse the query" in r.stderr
    out = tmp_path / "x.jsonl"
    r = cli("export", "--db", db, "--format", "jsonl", "--out", str(out), "--json")
    assert json.loads(r.stdout)["exported"] == 2
    recs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {"paragraphs", "dropped", "published", "outlet"} <= set(recs[0])
    assert cli("export", "--db", db).stdout.count("\n") == 2


def test_unknown_id_and_bad_store_give_one_line_errors(cli, db, tmp_path):
    cli("ingest", "--db", db, "--quiet", "-", input=page("x"))
    r = cli("show", "99", "--db", db)
    assert r.exit_code == 4 and "no article 99" in r.stderr and "Traceback" not in r.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    r = cli("list", "--db", str(junk))
    assert r.exit_code == 5 and "is it a storyline database" in r.stderr


def test_env_var_picks_the_store(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "env.db"))
    assert cli("ingest", "--quiet", "-", input=page("Env")).exit_code == 0
    assert (tmp_path / "env.db").exists()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 — http.server's name
        body = ("<html><head><title>Hafen</title><meta property='og:site_name' content='Wismarer Blatt'></head><body>"
                f"<article><h1>Kran getroffen</h1><p>{BODY}</p><p>Ein zweiter Absatz beschreibt die Bergung des "
                "Krans, die bis Mittwoch dauern soll, wie ein Sprecher sagte.</p></article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_url_ingest_refuses_loopback_unless_allowed(cli, db, server):
    code, out = ingest_json(cli, db, server + "/story")
    assert code == 3 and "--allow-private" in out["skipped"][0]["reason"]
    r = cli("ingest", "--db", db, "--json", "--quiet", "--allow-private", server + "/story")
    out = json.loads(r.stdout)
    assert r.exit_code == 0 and out["ingested"] == 1
    shown = json.loads(cli("show", str(out["ids"][0]), "--db", db, "--json").stdout)
    assert shown["title"] == "Kran getroffen" and shown["url"] == server + "/story"
    assert shown["outlet"] == "Wismarer Blatt"


def test_every_command_is_documented_in_the_readme():
    from storyline.cli import main

    readme = (ROOT / "README.md").read_text("utf-8")
    for name in main.commands:
        assert re.search(rf"storyline {name}\b", readme), f"README does not document `storyline {name}`"
