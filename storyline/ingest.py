"""Ingest: inputs → documents (raw kept) → drafts → clean articles → store.

One transaction per batch of documents and one savepoint per document: a document that fails
leaves nothing behind, and what was committed before is never touched. A rejected input is
recorded with its reason and counted; the run goes on. When an outlet's learned boilerplate
changes during a run, its articles cleaned before the change are cleaned again from their
drafts, so the first articles of an outlet get the same treatment as the last.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from .analyze import ANALYSIS_VERSION, analyze, analyze_many
from .clean import clean
from .errors import InputRejected, UsageError
from .model import Analysis, Article, Draft, IngestReport, Rejection, sha256_hex
from .outlets import Registry
from .read import DEFAULT_MAX_BYTES, iter_documents, read_document
from .store import SQLiteStore

COMMIT_EVERY = 200  # documents per transaction
ANALYZE_BATCH = 16  # stored articles per `analyze_many` call (the German recognizer tags them together)
# what a bug in the analysis of odd text raises: a warning for that article, not the end of the run
_ANALYSIS_ERRORS = (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError, AttributeError)


def draft_hash(d: Draft) -> str:
    """Identity of a draft: the same title, URL and body is the same article, whatever file it came in."""
    return sha256_hex("\x1f".join([d.title or "", d.url or "", d.body]).encode("utf-8"))


def registry_for(store: SQLiteStore, outlets_file: str | None = None) -> Registry:
    """The packaged outlets, those the store holds, and those of `outlets_file` (saved to the store)."""
    reg = Registry.packaged()
    for o in store.outlet_records():
        reg.add(o)
    if outlets_file:
        try:
            data = json.loads(Path(outlets_file).read_text("utf-8"))
        except (OSError, ValueError) as e:
            raise UsageError(f"--outlets: cannot read {outlets_file}: {e}") from None
        records = data.get("outlets", []) if isinstance(data, dict) else data
        if not isinstance(records, list) or not reg.add_records(records):
            raise UsageError(f"--outlets: {outlets_file} holds no outlet records ({{id, name, timezone}} objects)")
        ids = {r["id"] for r in records if isinstance(r, dict) and r.get("id")}
        store.save_outlets([o for o in reg.outlets() if o.id in ids])
    return reg


def ingest(store: SQLiteStore, inputs: Iterable[str], *, mapping: dict[str, str] | None = None,
           allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, outlets_file: str | None = None,
           on_document: Callable[[str], None] | None = None, on_skip: Callable[[Rejection], None] | None = None,
           stdin=None, analyze: bool = True, on_analyzed: Callable[[int], None] | None = None) -> IngestReport:
    """Read, clean, analyze (unless `analyze` is False) and store every input; return what happened.

    Callbacks (for progress displays): `on_document(origin)` per document read, `on_skip(rejection)` per
    input skipped, `on_analyzed(article_id)` per article analyzed.

    New articles are analyzed in batches (`analyze_stored`) before each commit point, not one by one, so
    that the German recognizer tags a batch's sentences together; an analysis is never part of an
    article's savepoint anyway (a failed analysis is a warning, the article stays).
    """
    report = IngestReport()
    registry = registry_for(store, outlets_file) if outlets_file else None
    changed: set[str] = set()
    pending: list[int] = []  # new articles not analyzed yet (analyzed in batches at commit points)

    def skip(origin: str, reason: str) -> None:
        r = Rejection(origin=origin, reason=reason)
        report.skipped.append(r)
        store.add_rejection(origin, reason)
        if on_skip:
            on_skip(r)

    with store.transaction():
        if registry is None:
            registry = registry_for(store)
        for n, got in enumerate(iter_documents(inputs, max_bytes=max_bytes, allow_private=allow_private,
                                               stdin=stdin), 1):
            if isinstance(got, InputRejected):
                skip(got.origin, got.reason)
                continue
            doc = got
            if on_document:
                on_document(doc.origin)
            existing = store.document_id(doc.sha256)
            if existing is not None:
                report.duplicates += max(1, store.articles_of_document(existing))
                continue
            try:
                read = read_document(doc, mapping=mapping)
            except InputRejected as e:
                skip(e.origin, e.reason)
                continue
            except (RecursionError, MemoryError, ValueError, TypeError, KeyError, AttributeError) as e:
                # A reader bug must not end the run or lose the batch; it is reported like bad input.
                skip(doc.origin, f"could not be read ({type(e).__name__}: {e}); please report this input")
                continue
            report.warnings.extend(read.warnings)
            with store.savepoint():
                doc_id = store.add_document(doc, read.format)
                for draft in read.drafts:
                    dh = draft_hash(draft)
                    if store.article_id_by_draft(dh) is not None:
                        report.duplicates += 1
                        continue
                    article = clean(draft, registry=registry, profiles=store.boilerplate)
                    where = f"{draft.origin}#{draft.item}" if draft.item else draft.origin
                    if not article.text:
                        skip(where, f"no article text left after cleaning ({len(article.dropped)} lines dropped as chrome)")
                        continue
                    version = store.profile_version(article.outlet)
                    aid = store.add_article(article, document_id=doc_id, draft=draft, draft_hash=dh,
                                            profile_version=version, body_in_raw=read.format == "text")
                    if article.outlet and store.learn_lines(article.outlet, article.learn_keys):
                        changed.add(article.outlet)
                    if analyze:
                        pending.append(aid)
                    report.ids.append(aid)
                    report.ingested += 1
                    report.dropped_lines += len(article.dropped)
                    report.warnings.extend(article.warnings)
            for rej in read.rejected:
                skip(rej.origin, rej.reason)
            if n % COMMIT_EVERY == 0:
                report.analyzed += analyze_stored(store, pending, warnings=report.warnings,
                                                  on_article=on_analyzed)["analyzed"]
                pending.clear()
                store.commit_point()
        report.recleaned = reclean(store, registry, changed)
        # the last new articles after the re-cleaning, which may have given them a new text
        report.analyzed += analyze_stored(store, pending, warnings=report.warnings, on_article=on_analyzed)["analyzed"]
        if analyze and report.recleaned:
            # re-cleaned articles lost their analysis (offsets into the old text)
            report.analyzed += analyze_stored(store, warnings=report.warnings, on_article=on_analyzed)["analyzed"]
    return report


def _analyze_one(store: SQLiteStore, aid: int, article: Article, warnings: list[str]) -> int:
    """Analyze and store one article; a failure is a warning (the article stays, `storyline analyze` retries)."""
    try:
        result = analyze(article)
    except _ANALYSIS_ERRORS as e:
        warnings.append(f"article {aid} ({article.origin}): analysis failed ({type(e).__name__}: {e}); "
                        "stored without it; please report this input")
        return 0
    return _save_analysis(store, aid, result, warnings)


def _save_analysis(store: SQLiteStore, aid: int, result: Analysis, warnings: list[str]) -> int:
    """Store one article's analysis and pass on its warnings."""
    store.save_analysis(aid, result)
    warnings.extend(f"article {aid}: {w}" for w in result.warnings)
    return 1


def analyze_stored(store: SQLiteStore, ids: Iterable[int] | None = None, *, every: bool = False,
                   warnings: list[str] | None = None, on_article: Callable[[int], None] | None = None) -> dict:
    """(Re)analyze stored articles: `ids`, or those never analyzed (all of them when `every`).

    Articles are analyzed ANALYZE_BATCH at a time (`analyze_many`: the German recognizer tags a batch's
    sentences together); a batch that fails is analyzed again one by one, so only its bad article is lost.
    """
    todo = list(ids) if ids is not None else store.ids_to_analyze(ANALYSIS_VERSION, every=every)
    warnings = warnings if warnings is not None else []
    done = 0
    for first in range(0, len(todo), ANALYZE_BATCH):
        batch = todo[first:first + ANALYZE_BATCH]
        articles = [store.get(aid) for aid in batch]
        try:
            results = analyze_many(articles)
        except _ANALYSIS_ERRORS:
            results = None
        for i, (aid, article) in enumerate(zip(batch, articles)):
            if results is None:
                done += _analyze_one(store, aid, article, warnings)
            else:
                done += _save_analysis(store, aid, results[i], warnings)
            n = first + i + 1
            if on_article:
                on_article(aid)
            if n % COMMIT_EVERY == 0:
                store.commit_point()
    return {"analyzed": done, "failed": len(todo) - done, "warnings": warnings}


def reclean(store: SQLiteStore, registry: Registry, outlets: Iterable[str]) -> int:
    """Clean again the articles of `outlets` that were cleaned with an older boilerplate profile."""
    n = 0
    for outlet in sorted(outlets):
        version = store.profile_version(outlet)
        for aid in store.ids(outlet=outlet, below_version=version):
            article = clean(store.draft_of(aid), registry=registry, profiles=store.boilerplate)
            if article.text:
                store.update_cleaning(aid, article, version)
                n += 1
    return n
