"""Analysis benchmark: `storyline.analyze.analyze_text` on 500-word German articles, on one core.

    python benchmarks/bench_analyze.py [--n 1000] [--words 500] [--batch 16] [--json out.json]

What it does (see docs/benchmarks.md):
1. generates N German article bodies of about `--words` words with the ingest benchmark's seeded
   generator (persons with roles, places, quotes with attributions, numbers, weekdays; no copied
   texts), each with a publication date;
2. warms up once (model loading is reported separately, not inside the timed run);
3. times `analyze_text` over all bodies, one article a call, wall (`time.perf_counter`) and CPU
   (`time.process_time`); then, unless `--batch` is 0 or 1, `analyze_many` over the same bodies in
   batches of `--batch` articles (the German recognizer tags a batch's sentences together) and checks
   that it found exactly what the one-at-a-time run found; both timed runs start with the German
   model's word-feature cache empty, as the one-at-a-time run always did (after one warm-up article);
   per-stage times (wall and CPU) come from a further pass that calls the stages one by one, the
   entity stage split into the recognizer ("ner") and `canonical` (names, keys, gazetteer pass),
   plus the recognizer alone in batches ("ner batched", per article);
4. times a baseline in the same process on the same texts: spaCy's blank German tokenizer alone
   (`spacy.blank("de")`), a well-known fast reference that does far less than the analysis;
5. reports peak RSS (`ru_maxrss`).

The process is pinned to CPU 0 (`os.sched_setaffinity(0, {0})`) before anything is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import LANGS, SEED, Generator  # noqa: E402

TARGET = 50.0  # articles/s on one core (issue 3)


def bodies(n: int, words: int, seed: int) -> list[tuple[str, str]]:
    """(text, published) pairs: German bodies of about `words` words, paragraphs joined by blank lines."""
    gen = Generator(seed)
    out = []
    outlet = ("bench.de", "Bench", "de")
    while len(out) < n:
        paras: list[str] = []
        count = 0
        while count < words:
            a = gen.article(outlet)
            for kind, text in a["blocks"]:
                paras.append(text)
                count += len(text.split())
                if count >= words:
                    break
        out.append(("\n\n".join(paras), a["when"].strftime("%Y-%m-%dT%H:%M+01:00")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--batch", type=int, default=16, help="articles per analyze_many call (0 or 1: skip)")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    args = ap.parse_args(argv)
    try:
        os.sched_setaffinity(0, {0})
        pinned = True
    except (AttributeError, OSError):
        pinned = False
    print(f"storyline analysis benchmark — pinned to one core (CPU 0): {'yes' if pinned else 'NO'}")
    assert "de" in LANGS
    texts = bodies(args.n, args.words, args.seed)
    avg_words = sum(len(t.split()) for t, _ in texts) / len(texts)
    print(f"corpus: {len(texts)} German bodies, {avg_words:.0f} words on average")

    from storyline.analyze import analyze_many, analyze_text
    from storyline.analyze.canonical import canonicalize
    from storyline.analyze.entities import recognizer_for
    from storyline.analyze.numbers import find_numbers
    from storyline.analyze.quotes import find_quotes
    from storyline.analyze.sentences import split_sentences
    from storyline.analyze.timex import find_dates
    from storyline.model import Article

    t0 = time.perf_counter()
    analyze_text(texts[0][0], language="de", published=texts[0][1])
    load_s = time.perf_counter() - t0
    print(f"first call (loads the German model): {load_s:.2f} s")

    recognize = recognizer_for("de")
    cold = getattr(recognize, "_feat", None)  # the German model's word-feature cache: each timed run starts cold
    if cold is not None:
        cold.clear()
    w0, c0 = time.perf_counter(), time.process_time()
    found = {"sentences": 0, "entities": 0, "quotes": 0, "dates": 0, "numbers": 0}
    for text, pub in texts:
        an = analyze_text(text, language="de", published=pub)
        for k in found:
            found[k] += len(getattr(an, k) or [])
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    rate = len(texts) / wall
    print(f"analyze_text: {len(texts)} in {wall:.2f} s = {rate:.1f} articles/s (CPU {cpu:.2f} s = "
          f"{len(texts) / cpu:.1f} articles per CPU-second); "
          f"target {TARGET:.0f}/s: {'met' if rate >= TARGET else 'NOT met'}")
    print("found per article: " + ", ".join(f"{k} {v / len(texts):.1f}" for k, v in found.items()))

    batched = None
    if args.batch > 1:
        arts = [Article(text=t, paragraphs=[], origin=f"bench-{i}", language="de", published=p)
                for i, (t, p) in enumerate(texts)]
        if cold is not None:
            cold.clear()
        w0, c0 = time.perf_counter(), time.process_time()
        found_b = dict.fromkeys(found, 0)
        for k in range(0, len(arts), args.batch):
            for an in analyze_many(arts[k:k + args.batch]):
                for key in found_b:
                    found_b[key] += len(getattr(an, key) or [])
        bwall, bcpu = time.perf_counter() - w0, time.process_time() - c0
        batched = {"batch": args.batch, "seconds": bwall, "cpu_seconds": bcpu, "articles_per_s": len(arts) / bwall,
                   "articles_per_cpu_s": len(arts) / bcpu, "same_findings": found_b == found}
        print(f"analyze_many, batches of {args.batch}: {len(arts)} in {bwall:.2f} s = {len(arts) / bwall:.1f} "
              f"articles/s (CPU {bcpu:.2f} s = {len(arts) / bcpu:.1f} articles per CPU-second); "
              f"target {TARGET:.0f}/s: {'met' if len(arts) / bwall >= TARGET else 'NOT met'}; "
              f"findings {'the same' if found_b == found else 'DIFFER'}")

    # per stage, wall and CPU; entities split into the recognizer and `canonical` (names, keys, gazetteer)
    names = ("sentences", "ner", "canonical", "quotes", "dates", "numbers")
    stages = {k: [0.0, 0.0] for k in names}
    for text, pub in texts:
        marks = [(time.perf_counter(), time.process_time())]
        sents = split_sentences(text, "de")
        marks.append((time.perf_counter(), time.process_time()))
        spans = recognize(text, sents) if recognize is not None and text.strip() else []
        marks.append((time.perf_counter(), time.process_time()))
        ents = canonicalize(text, spans, "de")
        marks.append((time.perf_counter(), time.process_time()))
        find_quotes(text, sents, ents, "de")
        marks.append((time.perf_counter(), time.process_time()))
        find_dates(text, "de", published=pub)
        marks.append((time.perf_counter(), time.process_time()))
        find_numbers(text, "de")
        marks.append((time.perf_counter(), time.process_time()))
        for k, (a, b) in zip(names, zip(marks, marks[1:])):
            stages[k][0] += b[0] - a[0]
            stages[k][1] += b[1] - a[1]
    if batched is not None and recognize is not None and hasattr(recognize, "many"):
        stages["ner batched"] = [0.0, 0.0]
        docs = [(t, split_sentences(t, "de")) for t, _ in texts]
        for k in range(0, len(docs), args.batch):
            w0, c0 = time.perf_counter(), time.process_time()
            recognize.many(docs[k:k + args.batch])
            stages["ner batched"][0] += time.perf_counter() - w0
            stages["ner batched"][1] += time.process_time() - c0
    for i, what in ((0, "wall"), (1, "CPU")):
        print(f"per stage, {what} ms per article: "
              + ", ".join(f"{k} {1000 * v[i] / len(texts):.2f}" for k, v in stages.items()))

    import spacy

    tok = spacy.blank("de").tokenizer
    tok(texts[0][0])
    b0 = time.perf_counter()
    ntok = sum(len(tok(t)) for t, _ in texts)
    bwall = time.perf_counter() - b0
    brate = len(texts) / bwall
    print(f"baseline spaCy blank('de') tokenizer: {len(texts)} in {bwall:.2f} s = {brate:.1f} articles/s "
          f"({ntok / bwall:,.0f} tokens/s); ratio analysis/baseline {rate / brate:.3f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS {rss / 1024:.0f} MiB")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "date": datetime.now().strftime("%Y-%m-%d"), "pinned": pinned, "n": len(texts), "avg_words": avg_words,
            "load_seconds": load_s, "seconds": wall, "cpu_seconds": cpu, "articles_per_s": rate,
            "articles_per_cpu_s": len(texts) / cpu,
            "stages_ms": {k: 1000 * v[0] / len(texts) for k, v in stages.items()},
            "stages_cpu_ms": {k: 1000 * v[1] / len(texts) for k, v in stages.items()}, "found_per_article":
            {k: v / len(texts) for k, v in found.items()}, "baseline_articles_per_s": brate,
            "ratio": rate / brate, "peak_rss_kib": rss, "batched": batched}, indent=2))
    best = max(rate, batched["articles_per_s"] if batched else 0.0)
    return 0 if best >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
