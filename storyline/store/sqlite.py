"""The SQLite store: one file, WAL journal, numbered migrations, FTS5 over title/subtitle/text.

Writes happen inside `transaction()`; each document is written inside a savepoint, so a
document that fails leaves nothing half-written and everything committed before stays.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from ..errors import NotFound, StoreError, UsageError
from ..model import Analysis, Article, Document, Draft, DroppedLine, HeaderLine, Paragraph
from ..outlets import Outlet

BOILERPLATE_MIN_DOCS = 3  # a line is an outlet's boilerplate once it occurred in this many of its articles
BOILERPLATE_MIN_SHARE = 0.3  # ... and in at least this share of them


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _utc(published: str | None) -> str | None:
    """Sort key: UTC for times with an offset, else the date as written."""
    if not published:
        return None
    try:
        dt = datetime.fromisoformat(published)
    except ValueError:
        return published
    if dt.tzinfo is not None:
        return dt.astimezone(timezone.utc).isoformat(timespec="minutes")
    return published


def _migrations() -> list[tuple[int, str, str]]:
    out = []
    for f in resources.files("storyline.store").joinpath("migrations").iterdir():
        if f.name.endswith(".sql"):
            out.append((int(f.name.split("_", 1)[0]), f.name, f.read_text("utf-8")))
    return sorted(out)


class SQLiteStore:
    """Articles, their raw documents, outlets' learned boilerplate, and rejections, in one file."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL") if self.path != ":memory:" else None
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=5000")
            # bulk ingest touches the FTS index and B-trees all over: keep them in memory, not re-read per insert
            self.db.execute("PRAGMA cache_size=-65536")
            self.db.execute("PRAGMA mmap_size=268435456")
            self.db.execute("PRAGMA temp_store=MEMORY")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open the store {self.path}: {e}; is it a storyline database?") from None
        except OSError as e:
            raise StoreError(f"cannot open the store {self.path}: {e.strerror or e}") from None
        self._profiles: dict[str, dict] = {}
        self._unindexed: list[int] = []  # articles added in the open transaction, not in the FTS index yet
        self._learned: list[tuple[str, set[str], int]] = []  # learn_lines calls not written yet (see _write_learned)

    # -- schema
    def _migrate(self) -> None:
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        steps = _migrations()
        newest = steps[-1][0] if steps else 0
        if current > newest:
            raise StoreError(f"the store {self.path} has schema version {current}, newer than this storyline "
                             f"({newest}); upgrade storyline")
        for number, name, sql in steps:
            if number <= current:
                continue
            try:
                self.db.execute("BEGIN IMMEDIATE")
                for statement in _split_sql(sql):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number}")
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError as e:
                self.db.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed on {self.path}: {e}") from None

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    # -- transactions
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction; rolled back whole on error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._before_commit()
        except BaseException:
            self.db.execute("ROLLBACK")
            self._profiles.clear()
            self._unindexed.clear()
            self._learned.clear()
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested unit inside a transaction: one document's writes, all or nothing."""
        self.db.execute("SAVEPOINT doc")
        mark, learned = len(self._unindexed), len(self._learned)
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK TO doc")
            self.db.execute("RELEASE doc")
            del self._unindexed[mark:]
            # the counts in memory hold this document's lines: write the earlier documents' and reload
            del self._learned[learned:]
            self._write_learned()
            self._profiles.clear()
            raise
        self.db.execute("RELEASE doc")

    def commit_point(self) -> None:
        """Commit what the open transaction holds and open the next one."""
        self._before_commit()
        self.db.execute("COMMIT")
        self.db.execute("BEGIN IMMEDIATE")

    def _before_commit(self) -> None:
        """The writes that are collected in memory and made once per commit (index entries, line counts)."""
        self._index_new()
        self._write_learned()

    def _index_new(self) -> None:
        """Put the articles added since the last call into the full-text index (one statement for all).

        Runs before every commit, and before anything that reads the index or fires its update
        trigger (which deletes an article's old entry, so the entry must be there)."""
        if self._unindexed:
            self.db.execute("INSERT INTO articles_fts(rowid, title, subtitle, text) SELECT id, title, subtitle, text "
                            "FROM articles WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(self._unindexed),))
            self._unindexed.clear()

    # -- documents
    def document_id(self, sha256: str) -> int | None:
        row = self.db.execute("SELECT id FROM documents WHERE sha256=?", (sha256,)).fetchone()
        return row[0] if row else None

    def add_document(self, doc: Document, fmt: str | None) -> int:
        cur = self.db.execute(
            "INSERT INTO documents(sha256, origin, url, media_type, format, size, raw, received_at) VALUES (?,?,?,?,?,?,?,?)",
            (doc.sha256, doc.origin, doc.url, doc.media_type, fmt, len(doc.data), doc.data, _now()),
        )
        return int(cur.lastrowid)

    def document_raw(self, document_id: int) -> bytes:
        row = self.db.execute("SELECT raw FROM documents WHERE id=?", (document_id,)).fetchone()
        if not row:
            raise NotFound(f"no document {document_id} in {self.path}")
        return bytes(row[0])

    def articles_of_document(self, document_id: int) -> int:
        return self.db.execute("SELECT count(*) FROM articles WHERE document_id=?", (document_id,)).fetchone()[0]

    # -- articles
    def article_id_by_draft(self, draft_hash: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE draft_hash=?", (draft_hash,)).fetchone()
        return row[0] if row else None

    def add_article(self, a: Article, *, document_id: int, draft: Draft, draft_hash: str, profile_version: int,
                    body_in_raw: bool = False) -> int:
        """Store an article; `body_in_raw`: the draft's body is its whole raw document decoded, so it is not
        stored twice (it is decoded again from the raw bytes when needed)."""
        now = _now()
        d = draft.to_dict()
        if body_in_raw:
            d["body"], d["body_in_raw"] = None, True
        cur = self.db.execute(
            """INSERT INTO articles(document_id, item, draft_hash, content_hash, title, subtitle, section, author, outlet,
               outlet_name, agency, language, language_score, published, published_precision, published_utc, timezone,
               url, text, paragraphs, dropped, header, warnings, draft, profile_version, created_at, cleaned_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (document_id, a.item, draft_hash, a.content_hash, a.title, a.subtitle, a.section, a.author, a.outlet,
             a.outlet_name, a.agency, a.language, a.language_score, a.published, a.published_precision,
             _utc(a.published), a.timezone, a.url, a.text, *self._spans(a), json.dumps(d, ensure_ascii=False),
             profile_version, now, now),
        )
        self._unindexed.append(int(cur.lastrowid))  # indexed at the next commit point (`_index_new`)
        if not self.db.in_transaction:  # autocommit: the row is stored already, so is its index entry
            self._index_new()
        return int(cur.lastrowid)

    @staticmethod
    def _spans(a: Article) -> tuple[str, str, str, str]:
        # written out field by field: this runs once per article on the ingest hot path
        return (json.dumps([{"start": p.start, "end": p.end, "kind": p.kind} for p in a.paragraphs]),
                json.dumps([{"line": d.line, "reason": d.reason, "signal": d.signal, "lineno": d.lineno}
                            for d in a.dropped], ensure_ascii=False),
                json.dumps([{"line": h.line, "field": h.field, "lineno": h.lineno} for h in a.header],
                           ensure_ascii=False),
                json.dumps(a.warnings, ensure_ascii=False))

    def update_cleaning(self, article_id: int, a: Article, profile_version: int) -> None:
        """Store a re-cleaned article in place (same id, same raw document)."""
        self._index_new()  # the update trigger replaces the article's index entry: it must be there
        # what the analysis reads (storyline.analyze): when none of it changed, the analysis stands
        before = self.db.execute("SELECT text, language, published, timezone FROM articles WHERE id=?",
                                 (article_id,)).fetchone()
        self.db.execute(
            """UPDATE articles SET content_hash=?, title=?, subtitle=?, section=?, author=?, outlet=?, outlet_name=?,
               agency=?, language=?, language_score=?, published=?, published_precision=?, published_utc=?, timezone=?,
               text=?, paragraphs=?, dropped=?, header=?, warnings=?, profile_version=?, cleaned_at=? WHERE id=?""",
            (a.content_hash, a.title, a.subtitle, a.section, a.author, a.outlet, a.outlet_name, a.agency, a.language,
             a.language_score, a.published, a.published_precision, _utc(a.published), a.timezone, a.text,
             *self._spans(a), profile_version, _now(), article_id),
        )
        if before is not None and tuple(before) == (a.text, a.language, a.published, a.timezone):
            return
        # offsets into the old text mean nothing now: the article is analyzed again
        self.db.execute("DELETE FROM analyses WHERE article_id=?", (article_id,))
        self.db.execute("DELETE FROM article_entities WHERE article_id=?", (article_id,))

    # -- analyses
    def save_analysis(self, article_id: int, analysis: Analysis) -> None:
        """Store (or replace) an article's analysis and its entity index rows."""
        self.db.execute("INSERT OR REPLACE INTO analyses(article_id, version, language, data, analyzed_at) "
                        "VALUES (?,?,?,?,?)", (article_id, analysis.version, analysis.language,
                                               json.dumps(analysis.to_dict(), ensure_ascii=False), _now()))
        self.db.execute("DELETE FROM article_entities WHERE article_id=?", (article_id,))
        counts: dict[str, list] = {}
        for e in analysis.entities or []:
            key = e.key or f"{e.label.lower()}:{e.canonical.lower()}"
            if key in counts:
                counts[key][4] += 1
            else:
                counts[key] = [article_id, key, e.label, e.canonical, 1]
        self.db.executemany("INSERT INTO article_entities(article_id, key, label, canonical, mentions) "
                            "VALUES (?,?,?,?,?)", list(counts.values()))

    def analysis_of(self, article_id: int) -> Analysis | None:
        """The stored analysis of an article, or None when it was never analyzed (or re-cleaned since)."""
        row = self.db.execute("SELECT data FROM analyses WHERE article_id=?", (article_id,)).fetchone()
        return Analysis.from_dict(json.loads(row[0])) if row else None

    def ids_to_analyze(self, version: int, *, every: bool = False) -> list[int]:
        """Articles with no analysis or one older than `version` (all of them when `every`)."""
        if every:
            return self.ids()
        return [r[0] for r in self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
            "WHERE n.article_id IS NULL OR n.version < ? ORDER BY a.id", (version,))]

    def entity_counts(self, *, limit: int = 50) -> list[dict]:
        """The most frequent canonical entities across articles."""
        return [{"key": r[0], "label": r[1], "canonical": r[2], "articles": r[3], "mentions": r[4]}
                for r in self.db.execute(
                    "SELECT key, label, min(canonical), count(*), sum(mentions) FROM article_entities "
                    "GROUP BY key, label ORDER BY count(*) DESC, sum(mentions) DESC, key LIMIT ?", (limit,))]

    _COLUMNS = ("id, document_id, item, title, subtitle, section, author, outlet, outlet_name, agency, language, "
                "language_score, published, published_precision, timezone, url, text, paragraphs, dropped, header, "
                "warnings, draft")

    def _article(self, row: tuple) -> Article:
        (aid, doc_id, item, title, subtitle, section, author, outlet, outlet_name, agency, language, score, published,
         precision, tz, url, text, paragraphs, dropped, header, warnings, draft) = row
        d = self._draft_dict(draft, doc_id)
        return Article(
            id=aid, document_id=doc_id, item=item, title=title, subtitle=subtitle, section=section, author=author,
            outlet=outlet, outlet_name=outlet_name, agency=agency, language=language, language_score=score,
            published=published, published_precision=precision, timezone=tz, url=url, text=text,
            paragraphs=[Paragraph.from_dict(p) for p in json.loads(paragraphs)],
            dropped=[DroppedLine.from_dict(d) for d in json.loads(dropped)],
            header=[HeaderLine.from_dict(h) for h in json.loads(header)], warnings=json.loads(warnings),
            origin=d.get("origin", ""), source_text=d.get("body") or "",
        )

    def get(self, article_id: int) -> Article:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM articles WHERE id=?", (article_id,)).fetchone()
        if not row:
            raise NotFound(f"no article {article_id} in {self.path}; `storyline list` shows the ids")
        return self._article(row)

    def draft_of(self, article_id: int) -> Draft:
        row = self.db.execute("SELECT draft, document_id FROM articles WHERE id=?", (article_id,)).fetchone()
        if not row:
            raise NotFound(f"no article {article_id} in {self.path}")
        return Draft.from_dict(self._draft_dict(row[0], row[1]))

    def _draft_dict(self, draft_json: str, document_id: int) -> dict:
        d = json.loads(draft_json)
        if d.get("body") is None and d.pop("body_in_raw", False):
            from ..read.decode import decode

            d["body"] = decode(self.document_raw(document_id), d.get("origin", ""))[0]
        return d

    def ids(self, *, outlet: str | None = None, below_version: int | None = None) -> list[int]:
        sql, args = "SELECT id FROM articles WHERE 1=1", []
        if outlet is not None:
            sql += " AND outlet=?"
            args.append(outlet)
        if below_version is not None:
            sql += " AND profile_version<?"
            args.append(below_version)
        return [r[0] for r in self.db.execute(sql + " ORDER BY id", args)]

    def iter_articles(self, *, outlet: str | None = None, language: str | None = None) -> Iterator[Article]:
        sql, args = f"SELECT {self._COLUMNS} FROM articles WHERE 1=1", []
        if outlet:
            sql += " AND outlet=?"
            args.append(outlet)
        if language:
            sql += " AND language=?"
            args.append(language)
        for row in self.db.execute(sql + " ORDER BY id", args).fetchall():
            yield self._article(row)

    def list(self, *, limit: int = 50, offset: int = 0, outlet: str | None = None,
             language: str | None = None) -> list[dict]:
        sql = ("SELECT id, title, outlet, language, published, substr(text, 1, 120), length(text), "
               "json_array_length(dropped) FROM articles WHERE 1=1")
        args: list = []
        if outlet:
            sql += " AND outlet=?"
            args.append(outlet)
        if language:
            sql += " AND language=?"
            args.append(language)
        sql += " ORDER BY id LIMIT ? OFFSET ?"
        args += [limit, offset]
        return [{"id": r[0], "title": r[1], "outlet": r[2], "language": r[3], "published": r[4], "lead": r[5],
                 "chars": r[6], "dropped": r[7]} for r in self.db.execute(sql, args)]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def search(self, query: str, *, limit: int = 20, raw: bool = False) -> list[dict]:
        """Full-text search; terms are ANDed and quoted unless `raw` (FTS5 syntax) is asked for."""
        q = query if raw else " ".join('"' + t.replace('"', '""') + '"' for t in query.split())
        if not q.strip():
            raise UsageError("search: the query is empty; give one or more words")
        self._index_new()
        try:
            rows = self.db.execute(
                """SELECT a.id, a.title, a.outlet, a.language, a.published,
                          snippet(articles_fts, 2, '[', ']', ' … ', 12), bm25(articles_fts)
                   FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                   WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?""", (q, limit)).fetchall()
        except sqlite3.OperationalError as e:
            raise UsageError(f"search: cannot parse the query {query!r} ({e}); drop --raw to search plain words") from None
        return [{"id": r[0], "title": r[1], "outlet": r[2], "language": r[3], "published": r[4], "snippet": r[5],
                 "score": round(-r[6], 4)} for r in rows]

    def summary(self) -> dict:
        """Counts per outlet and language, lines dropped, documents and rejections."""
        per = self.db.execute(
            "SELECT coalesce(outlet, '?'), coalesce(language, '?'), count(*), sum(json_array_length(dropped)) "
            "FROM articles GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
        return {
            "articles": self.count(),
            "documents": self.db.execute("SELECT count(*) FROM documents").fetchone()[0],
            "rejections": self.db.execute("SELECT count(*) FROM rejections").fetchone()[0],
            "dropped_lines": sum(r[3] or 0 for r in per),
            "by_outlet_language": [{"outlet": r[0], "language": r[1], "articles": r[2], "dropped_lines": r[3] or 0}
                                   for r in per],
        }

    # -- rejections
    def add_rejection(self, origin: str, reason: str) -> None:
        self.db.execute("INSERT INTO rejections(origin, reason, at) VALUES (?,?,?)", (origin, reason, _now()))

    # -- outlets
    def outlet_records(self) -> list[Outlet]:
        return [Outlet(id=r[0], name=r[1], aliases=json.loads(r[2]), timezone=r[3])
                for r in self.db.execute("SELECT id, name, aliases, timezone FROM outlets")]

    def save_outlets(self, outlets: list[Outlet]) -> None:
        for o in outlets:
            self.db.execute("INSERT OR REPLACE INTO outlets(id, name, aliases, timezone) VALUES (?,?,?,?)",
                            (o.id, o.name, json.dumps(o.aliases, ensure_ascii=False), o.timezone))

    # -- learned boilerplate per outlet
    # Counts live in memory once an outlet is touched and are written through to SQLite, so
    # learning costs no read per article (the store is the only writer during a run).
    def _profile(self, outlet: str) -> dict:
        prof = self._profiles.get(outlet)
        if prof is None:
            row = self.db.execute("SELECT docs, version FROM outlet_stats WHERE outlet=?", (outlet,)).fetchone()
            docs, version = row if row else (0, 0)
            counts = dict(self.db.execute("SELECT key, docs FROM outlet_lines WHERE outlet=?", (outlet,)))
            need = _need(docs)
            prof = {"docs": docs, "version": version, "counts": counts,
                    "boilerplate": {k: c for k, c in counts.items() if c >= need}}
            self._profiles[outlet] = prof
        return prof

    def boilerplate(self, outlet: str) -> tuple[dict[str, int], int]:
        """(line key -> articles it occurred in, articles seen) for lines that count as the outlet's boilerplate."""
        prof = self._profile(outlet)
        return prof["boilerplate"], prof["docs"]

    def profile_version(self, outlet: str | None) -> int:
        return self._profile(outlet)["version"] if outlet else 0

    def learn_lines(self, outlet: str, keys: set[str]) -> bool:
        """Count an article's short lines for its outlet; True when the outlet's boilerplate set changed."""
        prof = self._profile(outlet)
        prof["docs"] += 1
        counts, old = prof["counts"], prof["boilerplate"]
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
        need = _need(prof["docs"])
        # the threshold only rises, so a line can only enter through this article's keys
        new = {k: counts[k] for k in old if counts[k] >= need}
        new.update({k: counts[k] for k in keys if counts[k] >= need})
        changed = new.keys() != old.keys()
        prof["boilerplate"] = new
        if changed:
            prof["version"] += 1
        self._learned.append((outlet, keys, prof["version"]))
        if not self.db.in_transaction:  # autocommit: write now
            self._write_learned()
        return changed

    def _write_learned(self) -> None:
        """Write the counts of the learn_lines calls since the last write, summed: an outlet's recurring lines
        (its boilerplate) become one row update per commit instead of one per article."""
        if not self._learned:
            return
        docs: dict[str, int] = {}
        version: dict[str, int] = {}
        lines: dict[tuple[str, str], int] = {}
        for outlet, keys, v in self._learned:
            docs[outlet] = docs.get(outlet, 0) + 1
            version[outlet] = v
            for k in keys:
                lines[outlet, k] = lines.get((outlet, k), 0) + 1
        self._learned.clear()
        self.db.executemany("INSERT INTO outlet_stats(outlet, docs, version) VALUES (?, ?, ?) ON CONFLICT(outlet) "
                            "DO UPDATE SET docs = docs + excluded.docs, version = excluded.version",
                            [(o, n, version[o]) for o, n in docs.items()])
        self.db.executemany("INSERT INTO outlet_lines(outlet, key, docs) VALUES (?, ?, ?) "
                            "ON CONFLICT(outlet, key) DO UPDATE SET docs = docs + excluded.docs",
                            [(o, k, n) for (o, k), n in lines.items()])

    # -- stories
    # The linker (storyline.link) owns the logic; these methods only move its state in and out.
    # Call the writers inside `transaction()`.
    def save_linker(self, linker) -> None:
        """Write what the linker changed since its last save: stories, assignments, merges, its globals."""
        from ..link.state import global_state, pack_globals, sparse_json, story_state

        now = _now()
        changes = linker.pending()
        for sid in changes["stories"]:
            rec = story_state(linker, sid)
            rep = linker.article_id_at(linker.representative(sid))
            row = self.db.execute("SELECT title FROM articles WHERE id=?", (rep,)).fetchone()
            self.db.execute(
                "INSERT INTO stories(id, title, representative, size, first_time, last_time, created_at, updated_at, "
                "centroid, kept, sparse) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "title=excluded.title, representative=excluded.representative, size=excluded.size, "
                "first_time=excluded.first_time, last_time=excluded.last_time, updated_at=excluded.updated_at, "
                "centroid=excluded.centroid, kept=excluded.kept, sparse=excluded.sparse",
                (sid, row[0] if row else None, rep if rep >= 0 else None, rec["size"], rec["first"], rec["last"],
                 now, now, rec["sum"], rec["kept"], sparse_json(rec)))
        self.db.executemany("INSERT INTO story_members(article_id, story_id, position, score, assigned_at) "
                            "VALUES (?,?,?,?,?)", [(aid, sid, pos, score, now)
                                                   for pos, aid, sid, score in changes["assignments"]])
        for m in changes["merges"]:
            # rows saved before the merge still name the merged story (newer rows carry the final id)
            self.db.execute("UPDATE story_members SET story_id=? WHERE story_id=?", (m["kept"], m["merged"]))
            self.db.execute("INSERT INTO story_merges(kept, merged, at_position, cosine, merged_at) VALUES (?,?,?,?,?)",
                            (m["kept"], m["merged"], m["at"], m["cosine"], now))
        self.db.executemany("DELETE FROM stories WHERE id=?", [(sid,) for sid in changes["removed"]])
        for name, blob in pack_globals(global_state(linker)).items():
            self.db.execute("INSERT OR REPLACE INTO linker_state(name, value) VALUES (?,?)", (name, blob))
        linker.mark_saved()

    def set_linker_embedder(self, name: str) -> None:
        """Record which embedder's vectors the stories are linked with (forgotten with them by `reset_stories`)."""
        self.db.execute("INSERT OR REPLACE INTO linker_state(name, value) VALUES ('embedder', ?)", (name.encode(),))

    def linker_embedder(self) -> str | None:
        """The embedder the stories were linked with; None before any linking (or in a store linked before
        this was recorded)."""
        row = self.db.execute("SELECT value FROM linker_state WHERE name='embedder'").fetchone()
        return bytes(row[0]).decode("utf-8") if row else None

    def load_linker_state(self) -> dict | None:
        """The saved linker state (for `StoryLinker.set_state`), or None when nothing was linked yet."""
        from ..link.state import SPARSE_FIELDS, unpack_globals

        blobs = {r[0]: bytes(r[1]) for r in self.db.execute("SELECT name, value FROM linker_state")}
        if not blobs:
            return None
        stories = []
        for sid, size, first, last, centroid, kept, sparse in self.db.execute(
                "SELECT id, size, first_time, last_time, centroid, kept, sparse FROM stories ORDER BY id"):
            rec = {"id": sid, "size": size, "first": first, "last": last, "sum": bytes(centroid), "kept": bytes(kept)}
            parts = json.loads(sparse)
            rec.update({k: parts[k] for k in SPARSE_FIELDS})
            stories.append(rec)
        members = self.db.execute("SELECT position, article_id, story_id, score FROM story_members "
                                  "ORDER BY position").fetchall()
        if [m[0] for m in members] != list(range(len(members))):
            raise StoreError(f"the stories in {self.path} are inconsistent (article positions have gaps); "
                             "run `storyline link --reset` to link again")
        return {"globals": unpack_globals(blobs), "stories": stories, "labels": [m[2] for m in members],
                "article_ids": [m[1] for m in members], "scores": [m[3] for m in members]}

    def reset_stories(self) -> None:
        """Forget all stories and the linker's state (article vectors are kept)."""
        for table in ("story_members", "story_merges", "stories", "linker_state"):
            self.db.execute(f"DELETE FROM {table}")

    def ids_to_link(self) -> list[int]:
        """Articles that belong to no story yet, in id (arrival) order."""
        return [r[0] for r in self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
            "WHERE m.article_id IS NULL ORDER BY a.id")]

    def save_vectors(self, model: str, rows: list[tuple[int, str, bytes]]) -> None:
        """Store (article id, content hash, float32 bytes) dense vectors of `model`."""
        self.db.executemany("INSERT OR REPLACE INTO article_vectors(article_id, model, content_hash, vec) "
                            "VALUES (?,?,?,?)", [(aid, model, h, v) for aid, h, v in rows])

    def vectors(self, model: str, ids: list[int]) -> dict[int, tuple[str, bytes]]:
        """Stored vectors of `model` for `ids`: article id -> (content hash they were made from, bytes)."""
        out: dict[int, tuple[str, bytes]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for aid, h, v in self.db.execute(f"SELECT article_id, content_hash, vec FROM article_vectors "
                                             f"WHERE model=? AND article_id IN ({marks})", (model, *chunk)):
                out[aid] = (h, bytes(v))
        return out

    def story_rows(self, *, limit: int = 50, offset: int = 0) -> list[dict]:
        """Stories, most recent first: id, title, size, time range, outlets and languages of members."""
        # outlets and languages are gathered for the page's stories only, not for every story
        members = ("(SELECT group_concat(DISTINCT a.{col}) FROM story_members m JOIN articles a ON a.id = m.article_id "
                   "WHERE m.story_id = s.id)")
        rows = self.db.execute(
            f"SELECT s.id, s.title, s.size, s.first_time, s.last_time, {members.format(col='outlet')}, "
            f"{members.format(col='language')} FROM stories s "
            "ORDER BY s.last_time IS NULL, s.last_time DESC, s.size DESC, s.id LIMIT ? OFFSET ?",
            (limit, offset)).fetchall()
        return [{"id": r[0], "title": r[1], "size": r[2], "first_time": r[3], "last_time": r[4],
                 "outlets": sorted((r[5] or "").split(",")) if r[5] else [],
                 "languages": sorted((r[6] or "").split(",")) if r[6] else []} for r in rows]

    def story_row(self, story_id: int) -> dict:
        """One story with its member articles (in time order) and the merges it absorbed."""
        row = self.db.execute("SELECT id, title, size, first_time, last_time, created_at, updated_at FROM stories "
                              "WHERE id=?", (story_id,)).fetchone()
        if not row:
            raise NotFound(f"no story {story_id} in {self.path}; `storyline stories` lists them")
        members = self.db.execute(
            "SELECT a.id, a.title, a.outlet, a.outlet_name, a.language, a.published, a.published_utc, m.score, "
            "m.position FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id=? "
            "ORDER BY a.published_utc IS NULL, a.published_utc, m.position", (story_id,)).fetchall()
        merges = self.db.execute("SELECT merged, at_position, cosine FROM story_merges WHERE kept=? ORDER BY id",
                                 (story_id,)).fetchall()
        return {"id": row[0], "title": row[1], "size": row[2], "first_time": row[3], "last_time": row[4],
                "created_at": row[5], "updated_at": row[6],
                "articles": [{"id": m[0], "title": m[1], "outlet": m[2], "outlet_name": m[3], "language": m[4],
                              "published": m[5], "published_utc": m[6], "score": m[7], "position": m[8]}
                             for m in members],
                "merged": [{"story": m[0], "at_position": m[1], "cosine": m[2]} for m in merges]}

    def story_of(self, article_id: int) -> int | None:
        """The story an article belongs to, or None when it is not linked yet."""
        row = self.db.execute("SELECT story_id FROM story_members WHERE article_id=?", (article_id,)).fetchone()
        return row[0] if row else None


def _need(docs: int) -> int:
    """In how many of an outlet's articles a line must occur to be its boilerplate."""
    return max(BOILERPLATE_MIN_DOCS, int(BOILERPLATE_MIN_SHARE * docs + 0.999))


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (triggers hold semicolons inside BEGIN … END)."""
    out, buf = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        joined = "\n".join(buf).strip()
        if sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf).strip())
    return out
