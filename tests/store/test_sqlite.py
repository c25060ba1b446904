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
