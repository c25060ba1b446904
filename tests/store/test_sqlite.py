"""The SQLite store: migrations, transactions and savepoints, FTS, round trips."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings, strategies as st

from storyline.errors import StoreError
from storyline.model import Article, Document, DroppedLine, Draft, HeaderLine, Paragraph
from storyline.store import open_store
from storyline.store.sqlite import _migrations


def _article(text: str = "Ein Absatz.", **kw) -> Article:
    return Article(text=text, paragraphs=[Paragraph(0, len(text))], origin="x.txt", **kw)


def _add(store, text="Ein Absatz über den Hafen von Wismar.", sha_seed="a", **kw) -> int:
    doc_id = store.add_document(Document(origin=f"{sha_seed}.txt", data=sha_seed.encode()), "text")
    return store.add_article(_article(text, **kw), document_id=doc_id, draft=Draft(origin="x", body=text),
                             draft_hash=sha_seed * 8, profile_version=0)


def test_migrations_applied_once_and_versioned(tmp_path):
    path = tmp_path / "s.db"
    s = open_store(str(path))
    assert s.schema_version == _migrations()[-1][0] >= 1
    s.close()
    s = open_store(str(path))  # opening again applies nothing and keeps data
    assert s.schema_version == _migrations()[-1][0]
    s.close()


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    open_store(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version=999")
    con.close()
    with pytest.raises(StoreError, match="newer than this storyline"):
        open_store(str(path))


def test_failed_savepoint_keeps_earlier_writes(store):
    with store.transaction():
        kept = _add(store, sha_seed="k")
        with pytest.raises(RuntimeError):
            with store.savepoint():
                _add(store, sha_seed="lost")
                raise RuntimeError("document broke half-way")
    assert store.count() == 1 and store.get(kept).text.startswith("Ein Absatz")
    assert store.document_id(Document(origin="", data=b"lost").sha256) is None


def test_failed_transaction_rolls_back_whole(store):
    with store.transaction():
        _add(store, sha_seed="first")
    with pytest.raises(RuntimeError):
        with store.transaction():
            _add(store, sha_seed="second")
            raise RuntimeError("crash")
    assert store.count() == 1


def test_fts_follows_updates(store):
    with store.transaction():
        aid = _add(store, title="Hafen")
        assert [h["id"] for h in store.search("Wismar")] == [aid]
        store.update_cleaning(aid, _article("Jetzt geht es um Rostock.", title="Hafen"), 1)
    assert store.search("Wismar") == [] and [h["id"] for h in store.search("rostock")] == [aid]


def _fts_consistent(store) -> None:
    store.db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_new_articles_are_indexed_at_commit_points_and_a_rolled_back_one_never(store):
    with store.transaction():
        first = _add(store, "Der Hafen von Wismar wird ausgebaut.", sha_seed="f")
        with pytest.raises(RuntimeError):
            with store.savepoint():
                _add(store, "Ein Frachter in Wismar verlor Ladung.", sha_seed="r")
                raise RuntimeError("document broke half-way")
        store.commit_point()
        second = _add(store, "Wismar bekommt eine neue Fähre.", sha_seed="s")
        store.update_cleaning(first, _article("Der Hafen von Wismar wird doch nicht ausgebaut."), 1)
    _fts_consistent(store)
    assert sorted(h["id"] for h in store.search("Wismar")) == [first, second]
    assert [h["id"] for h in store.search("Ladung")] == [] and [h["id"] for h in store.search("doch")] == [first]
    outside = _add(store, "Auch ohne Transaktion findet man Wismar.", sha_seed="o")  # autocommit
    _fts_consistent(store)
    assert outside in [h["id"] for h in store.search("Transaktion")]


def test_a_store_of_schema_3_keeps_its_index_and_indexes_new_articles(tmp_path):
    path = str(tmp_path / "old.db")
    con = sqlite3.connect(path)
    for number, _, sql in _migrations():
        if number <= 3:
            con.executescript(sql)
    con.execute("PRAGMA user_version=3")
    con.execute("INSERT INTO documents(sha256, origin, size, raw, received_at) VALUES ('d', 'o', 1, x'00', 'now')")
    con.execute("INSERT INTO articles(document_id, draft_hash, content_hash, title, text, paragraphs, dropped, header, "
                "warnings, draft, created_at, cleaned_at) VALUES (1, 'h', 'c', 'Alt', 'Ein alter Bericht aus Wismar.', "
                "'[]', '[]', '[]', '[]', '{}', 'now', 'now')")
    con.commit()
    con.close()
    store = open_store(path)
    with store.transaction():
        new = _add(store, "Ein neuer Bericht aus Wismar.", sha_seed="n")
    _fts_consistent(store)
    assert sorted(h["id"] for h in store.search("Wismar")) == [1, new]
    store.close()


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


@settings(max_examples=40, deadline=None)
@given(text=texts, title=st.none() | texts, line=texts)
def test_article_round_trip(tmp_path_factory, text, title, line):
    s = open_store(str(tmp_path_factory.mktemp("rt") / "s.db"))
    try:
        a = _article(text, title=title, outlet="o.example", published="2024-03-12T09:15+01:00",
                     published_precision="minute")
        a.dropped = [DroppedLine(line=line, reason="r", signal="pattern", lineno=3)]
        a.header = [HeaderLine(line=line, field="title", lineno=1)]
        with s.transaction():
            doc_id = s.add_document(Document(origin="x", data=text.encode("utf-8", "surrogatepass")), "text")
            aid = s.add_article(a, document_id=doc_id, draft=Draft(origin="x", body=text), draft_hash="h",
                                profile_version=0)
        got = s.get(aid)
        assert (got.text, got.title, got.published, got.dropped, got.header) == (text, title, a.published, a.dropped,
                                                                                 a.header)
        assert s.document_raw(doc_id) == text.encode("utf-8", "surrogatepass")
    finally:
        s.close()


def test_learned_line_counts_are_written_at_commit_and_a_failed_document_leaves_none(store):
    keys = {"teilen auf facebook", "mehr zum thema"}
    with store.transaction():
        for _ in range(3):
            store.learn_lines("blatt", keys)
        with pytest.raises(RuntimeError):
            with store.savepoint():
                store.learn_lines("blatt", keys | {"nur in diesem dokument"})
                raise RuntimeError("document broke half-way")
        store.learn_lines("blatt", {"mehr zum thema"})
    assert dict(store.db.execute("SELECT key, docs FROM outlet_lines WHERE outlet='blatt'")) == \
        {"teilen auf facebook": 3, "mehr zum thema": 4}
    assert store.db.execute("SELECT docs FROM outlet_stats WHERE outlet='blatt'").fetchone()[0] == 4
    reopened = open_store(store.path)
    assert reopened.boilerplate("blatt") == store.boilerplate("blatt") and store.boilerplate("blatt")[1] == 4
    reopened.close()
