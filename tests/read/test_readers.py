"""Readers: format detection, records with field mapping, feeds, HTML, decoding of bad bytes."""

from __future__ import annotations

import json

import pytest

from storyline.errors import InputRejected, UsageError
from storyline.model import Document
from storyline.read import detect_format, read_document
from storyline.read.decode import decode
from storyline.read.records import parse_map

LEDE = ("Die Stadtwerke von Kronach haben am Dienstag eine neue Wärmepumpe in Betrieb genommen, "
        "die nach Angaben des Betreibers rund 4000 Haushalte versorgen soll.")


def doc(name: str, data: bytes | str, **kw) -> Document:
    return Document(origin=name, data=data.encode("utf-8") if isinstance(data, str) else data, **kw)


def test_format_by_suffix_media_type_and_sniffing():
    assert detect_format(doc("a.jsonl", "{}"), "{}") == "jsonl"
    assert detect_format(doc("https://x.test/feed", "x", media_type="application/rss+xml", url="https://x.test/feed"), "x") == "feed"
    assert detect_format(doc("noext", "<?xml version='1.0'?><rss>"), "<?xml version='1.0'?><rss>") == "feed"
    assert detect_format(doc("noext", "<!doctype html><html>"), "<!doctype html><html>") == "html"
    assert detect_format(doc("noext", '{"a":1}\n{"a":2}\n'), '{"a":1}\n{"a":2}\n') == "jsonl"
    assert detect_format(doc("noext", "Nur Text."), "Nur Text.") == "text"


def test_json_field_names_are_mapped():
    recs = [{"Headline": "Wärmepumpe läuft", "Body": LEDE, "publishedAt": "2024-03-12T09:15:00+01:00",
             "link": "https://kronach.example/w", "source": {"id": None, "name": "Kronacher Bote"}, "lang": "de"}]
    (d,) = read_document(doc("dump.json", json.dumps(recs))).drafts
    assert (d.title, d.body, d.url, d.outlet, d.language) == ("Wärmepumpe läuft", LEDE, "https://kronach.example/w",
                                                              "Kronacher Bote", "de")
    assert d.published == "2024-03-12T09:15:00+01:00"
    assert d.item == "https://kronach.example/w"


def test_json_object_with_article_list_and_map_override():
    data = {"status": "ok", "articles": [{"kopf": "Titel A", "inhalt": LEDE}]}
    mapping = parse_map("title=kopf,text=inhalt")
    (d,) = read_document(doc("x.json", json.dumps(data)), mapping=mapping).drafts
    assert d.title == "Titel A" and d.body == LEDE


def test_bad_map_names_the_field():
    with pytest.raises(UsageError, match="FIELD one of"):
        parse_map("headline")
    with pytest.raises(UsageError, match="bogus"):
        parse_map("bogus=x")


def test_jsonl_one_malformed_line_is_skipped_alone():
    lines = [json.dumps({"title": f"T{i}", "text": LEDE + f" Nummer {i}."}) for i in range(3)]
    lines.insert(1, '{"title": "kaputt", "text": ')
    got = read_document(doc("d.jsonl", "\n".join(lines)))
    assert [d.title for d in got.drafts] == ["T0", "T1", "T2"]
    (rej,) = got.rejected
    assert rej.origin == "d.jsonl:2" and "invalid JSON on line 2" in rej.reason


def test_record_without_text_says_what_was_looked_for():
    got = read_document(doc("d.jsonl", json.dumps({"title": "nur Titel"}) + "\n" + json.dumps({"text": LEDE})))
    assert len(got.drafts) == 1
    assert "no article text" in got.rejected[0].reason and "--map text=FIELD" in got.rejected[0].reason


def test_csv_with_quoted_newlines_and_semicolons():
    body = LEDE + "\n\nZweiter Absatz, mit Komma; und Semikolon."
    text = 'title;text;pubDate;url\n"Wärme";"' + body.replace('"', '""') + '";12.03.2024;https://k.example/1\n'
    (d,) = read_document(doc("t.csv", text)).drafts
    assert d.body == body and d.published == "12.03.2024" and d.url == "https://k.example/1"


def test_csv_in_latin1_is_decoded_with_a_warning():
    data = "title,text\nGrüße aus Köln,Die Straße ist gesperrt; die Bürger ärgern sich über die Maßnahme.\n".encode("latin-1")
    got = read_document(doc("l.csv", data))
    assert got.drafts[0].title == "Grüße aus Köln"
    assert "Straße" in got.drafts[0].body
    assert any("not UTF-8" in w for w in got.warnings)


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Kronacher Bote</title><language>de-de</language>
<item><title>Wärmepumpe läuft</title><link>https://k.example/1</link><guid>k1</guid>
<pubDate>Tue, 12 Mar 2024 09:15:00 +0100</pubDate><description>Kurz.</description>
<content:encoded><![CDATA[<p>{lede}</p><h2>Kosten</h2><p>Die Anlage kostete 3,4 Millionen Euro.</p><script>alert(1)</script>]]></content:encoded></item>
<item><title>Leer</title><link>https://k.example/2</link></item>
</channel></rss>""".replace("{lede}", LEDE)


def test_rss_entries_become_drafts_and_empty_entries_are_rejected():
    got = read_document(doc("k.xml", RSS))
    (d,) = got.drafts
    assert d.title == "Wärmepumpe läuft" and d.outlet == "Kronacher Bote" and d.language == "de"
    assert d.body.split("\n\n") == [LEDE, "Kosten", "Die Anlage kostete 3,4 Millionen Euro."]
    assert d.headings == ["Kosten"] and "alert" not in d.body
    assert d.published.startswith("Tue, 12 Mar 2024")
    assert len(got.rejected) == 1 and "no content" in got.rejected[0].reason


def test_atom_feed():
    atom = f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bote</title>
    <entry><title>A</title><id>urn:a</id><link href="https://k.example/a"/><published>2024-03-12T09:15:00+01:00</published>
    <content type="html">&lt;p&gt;{LEDE}&lt;/p&gt;</content></entry></feed>"""
    (d,) = read_document(doc("a.atom", atom)).drafts
    assert d.body == LEDE and d.url == "https://k.example/a" and d.published.startswith("2024-03-12T09:15")


def test_malformed_feed_is_rejected_with_reason():
    with pytest.raises(InputRejected, match="malformed feed|no entries"):
        read_document(doc("bad.xml", "<?xml version='1.0'?><rss><channel><item><title>x</titl"))


HOSTILE = f"""<!doctype html><html lang="de"><head><title>Wärme | Bote</title>
<meta property="og:site_name" content="Kronacher Bote">
<meta property="article:published_time" content="2024-03-12T09:15:00+01:00"></head>
<body><nav><a href="/">Start</a></nav><article><h1>Wärme für Kronach</h1>
<p>{LEDE}</p><script>document.write('EVIL-SCRIPT')</script><img src=x onerror="alert('EVIL-IMG')">
<iframe src="https://evil.example/">EVIL-IFRAME</iframe><h2>Kosten</h2>
<p>Die Anlage kostete 3,4 Millionen Euro, wie der Geschäftsführer am Dienstag sagte. Der Bau dauerte zwei Jahre.</p>
</article><footer>© Kronacher Bote 2024</footer></body></html>"""


def test_html_page_metadata_headings_and_no_script():
    (d,) = read_document(doc("k.html", HOSTILE)).drafts
    assert d.title == "Wärme für Kronach" or d.title == "Wärme | Bote"
    assert d.outlet == "Kronacher Bote" and d.language == "de"
    assert d.published == "2024-03-12T09:15:00+01:00"
    assert "Kosten" in d.headings
    assert "EVIL" not in d.body and "alert" not in d.body and "Start" not in d.body.split("\n\n")[0]


@pytest.mark.parametrize("data,needle", [
    (b"", "empty"),
    (b"   \n\t ", "whitespace"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
    (b"%PDF-1.7\n...", "PDF"),
    (bytes(range(0, 32)) * 200, "binary"),
])
def test_decode_rejects_bad_bytes_by_name(data, needle):
    with pytest.raises(InputRejected) as e:
        decode(data, "input.bin")
    assert e.value.origin == "input.bin" and needle in e.value.reason


def test_decode_repairs_a_few_broken_utf8_bytes_with_a_warning():
    data = "Grüße aus Köln und Düsseldorf, schöne Straße.".encode("utf-8") + b"\xff" + " Ende.".encode()
    text, warnings = decode(data, "x.txt")
    assert text.startswith("Grüße") and "\ufffd" in text
    assert warnings and "invalid UTF-8" in warnings[0] and "x.txt" in warnings[0]


def test_decode_legacy_and_utf16():
    assert decode("Señal española, niño".encode("cp1252"), "e.txt")[0] == "Señal española, niño"
    assert decode("Grüße".encode("utf-16"), "u.txt")[0] == "Grüße"
