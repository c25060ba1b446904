"""Report benchmark: `storyline.report.write_report` for 1,000 generated stories, on one process.

    python benchmarks/bench_report.py [--stories 1000] [--out DIR] [--json out.json]

What it does:
1. generates N stories deterministically (seeded `random.Random`, words from lists written for the
   benchmark, no copied texts): each has 5 articles from 3 outlets (about 8 paragraphs, 300 words,
   a few dropped chrome lines), 8 facts (shared, partial and unique, with variants located in the
   article texts, word-level differences and the odd disagreement), 3 quote groups, entity counts
   per outlet, a timeline with minute, day and missing times, and a 3-sentence summary — the
   shape of `storyline.compare.coverage`;
2. times `write_report` over all of them (`time.perf_counter`, wall; `time.process_time`, CPU),
   into a fresh temporary directory (or --out);
3. reports the files written, their total size, and the time per story; the target is 60 s.
Generation is not timed. The target machine has 2 shared cores; the process is not pinned.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.model import Article, DroppedLine, Paragraph  # noqa: E402
from storyline.report import write_report  # noqa: E402

TARGET_S = 60.0
SEED = 20241201
WORDS = ("council city bridge river harbour police minister mayor budget report storm vote court "
         "train station plan school hospital market fire lane road ship crew firm union strike "
         "election party museum festival museum park tower water energy price rent").split()
VERBS = "said confirmed announced closed opened reported rejected approved delayed expected".split()
NAMES = ["Mara Lind", "Tomas Berg", "Ilse Varga", "Pavel Roth", "Nora Quist", "Emil Sand", "Lea Horn"]
PLACES = ["Lindmoor", "Kesselhorst", "Altwerder", "Brückfeld", "Osterau"]
OUTLETS = [(f"outlet{i}.example", f"Outlet {i} Daily", "de" if i % 3 else "en") for i in range(12)]
CHROME = [("Share on Facebook", "share button", "pattern"), ("Advertisement", "advertisement label", "pattern"),
          ("Read more: more news from the region", "cross-promotion link", "pattern"),
          ("Photo: Archive", "photo credit", "caption")]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    words.insert(rng.randint(1, 4), rng.choice(VERBS))
    words.insert(rng.randint(0, len(words)), rng.choice(PLACES))
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), str(rng.randint(2, 400)))
    return (rng.choice(NAMES) + " " + " ".join(words)).capitalize() + "."


def _article(rng: random.Random, aid: int, outlet: tuple, published: str | None) -> Article:
    paras = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 3))) for _ in range(8)]
    text, spans = "", []
    for p in paras:
        start = len(text) + (2 if text else 0)
        text += ("\n\n" if text else "") + p
        spans.append(Paragraph(start, start + len(p)))
    dropped = [DroppedLine(*c, lineno=i + 2) for i, c in enumerate(rng.sample(CHROME, rng.randint(1, 3)))]
    return Article(text=text, paragraphs=spans, origin=f"bench/{aid}.txt", title=_sentence(rng)[:70],
                   outlet=outlet[0], outlet_name=outlet[1], language=outlet[2], published=published,
                   url=f"https://{outlet[0]}/a/{aid}", dropped=dropped, id=aid)


def _sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence (the generator ends every sentence with a full stop)."""
    return [m.span() for m in re.finditer(r"[^.\s][^.\n]*\.", text)]


def make_story(rng: random.Random, sid: int) -> tuple[dict, list[dict]]:
    """One generated story: (coverage dict, article dicts)."""
    outlets = rng.sample(OUTLETS, 3)
    owners = [outlets[0], outlets[0], outlets[1], outlets[1], outlets[2]]
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    times = [f"{day}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}+01:00" for _ in range(3)] + [day, None]
    rng.shuffle(times)
    arts = [_article(rng, sid * 10 + i, o, t) for i, (o, t) in enumerate(zip(owners, times))]
    dicts = [a.to_dict() for a in arts]
    sents = {a.id: _sentences(a.text) for a in arts}

    def variant(a: Article) -> dict:
        s, e = rng.choice(sents[a.id])
        return {"outlet": a.outlet, "article": a.id, "text": a.text[s:e], "start": s, "end": e, "language": a.language}

    def words(v: dict) -> list[dict]:
        n, out = len(v["text"]), []
        for _ in range(rng.randint(1, 3)):
            a = rng.randint(0, max(0, n - 8))
            out.append({"text": v["text"][a:a + 6], "start": a, "end": a + 6})
        return out

    facts = []
    for fid in range(8):
        members = rng.sample(arts, rng.choice((1, 2, 3, 4, 5)))
        vs = [variant(a) for a in members]
        outs = list(dict.fromkeys(v["outlet"] for v in vs))
        kind = "shared" if len(outs) == 3 else "unique" if len(outs) == 1 else "partial"
        diffs = [{"a": {"outlet": vs[0]["outlet"], "article": vs[0]["article"]},
                  "b": {"outlet": v["outlet"], "article": v["article"]},
                  "a_words": words(vs[0]), "b_words": words(v)} for v in vs[1:3]]
        dis = ([{"field": "number", "values": [{"outlet": o, "value": str(rng.randint(2, 50))} for o in outs]}]
               if len(outs) > 1 and rng.random() < 0.25 else [])
        facts.append({"id": fid + 1, "kind": kind, "outlets": outs, "variants": vs, "differences": diffs,
                      "disagreements": dis, "entities": [p.lower() for p in rng.sample(PLACES, 2)]})
    quotes = []
    for _ in range(3):
        who = rng.choice(NAMES)
        vs = [{"outlet": a.outlet, "article": a.id, "text": variant(a)["text"], "kind": "direct", "cue": "said",
               "match": m} for a, m in zip(rng.sample(arts, rng.randint(1, 3)), ("exact", "paraphrase", "translation"))]
        quotes.append({"speaker": who, "speaker_key": who.lower(), "variants": vs, "conflicts": []})
    by_outlet = {o[0]: [{"canonical": n, "key": n.lower(), "label": "PER" if n in NAMES else "LOC",
                         "mentions": rng.randint(1, 6)} for n in rng.sample(NAMES + PLACES, 6)] for o in outlets}
    timeline = [{"outlet": a.outlet, "article": a.id, "published": a.published, "first": False, "update": False}
                for a in arts]
    dated = [e for e in timeline if e["published"] and "T" in e["published"]]
    first = min(dated, key=lambda e: e["published"])
    first["first"] = True
    summary = [{"text": f["variants"][0]["text"], "outlets": f["outlets"], "article": f["variants"][0]["article"]}
               for f in facts[:3]]
    cov = {"story": {"id": sid, "title": arts[0].title, "articles": 5,
                     "languages": sorted({o[2] for o in outlets}), "first": first["published"], "last": day},
           "outlets": [{"outlet": o[0], "name": o[1], "articles": [a.id for a in arts if a.outlet == o[0]],
                        "languages": [o[2]], "first_published": day} for o in outlets],
           "facts": facts, "quotes": quotes,
           "entities": {"by_outlet": by_outlet, "shared": [], "only": {}},
           "timeline": timeline, "summary": summary}
    return cov, dicts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=1000)
    ap.add_argument("--out", help="write the report here (kept); default: a temporary directory, removed")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--json", help="write the figures to this file")
    a = ap.parse_args(argv)

    rng = random.Random(a.seed)
    t = time.perf_counter()
    stories = [make_story(rng, sid) for sid in range(1, a.stories + 1)]
    gen_s = time.perf_counter() - t
    out = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        index = write_report(out, stories)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        files = list(out.iterdir())
        size = sum(f.stat().st_size for f in files)
    finally:
        if not a.out:
            shutil.rmtree(out, ignore_errors=True)
    figures = {"stories": a.stories, "articles": 5 * a.stories, "files": len(files), "bytes": size,
               "generate_s": round(gen_s, 2), "write_report_wall_s": round(wall, 2), "write_report_cpu_s": round(cpu, 2),
               "ms_per_story": round(1000 * wall / a.stories, 2), "target_s": TARGET_S, "met": wall <= TARGET_S}
    print(f"write_report: {a.stories} stories ({5 * a.stories} article pages), {len(files)} files, "
          f"{size / 1e6:.1f} MB in {wall:.2f} s wall ({cpu:.2f} s CPU), {figures['ms_per_story']} ms/story; "
          f"target ≤ {TARGET_S:.0f} s: {'met' if figures['met'] else 'NOT met'} (index: {index.name})")
    if a.json:
        Path(a.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
