"""Warm run-time cost of several German NER model directories, measured in one process, interleaved.

Usage: OPENBLAS_NUM_THREADS=1 taskset -c 0 .venv/bin/python training/ner_de/speed.py MODEL_DIR [MODEL_DIR ...]
Tags the held-out sentences grouped into 500-word articles (as evaluate.py does; tokens only, no score)
once to warm the per-word caches, then three times per model in turn, and prints the best CPU
(time.process_time) and wall (time.perf_counter) milliseconds per article of each. Measuring the models
in one process, interleaved, keeps a shared machine's load from favouring one of them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluate import HELDOUT, articles  # noqa: E402

from storyline.analyze.ner_de import GermanNER  # noqa: E402
from storyline.analyze.ner_eval import read_conll  # noqa: E402


def main() -> None:
    groups = articles([toks for toks, _ in read_conll(HELDOUT)[-1000:]])
    models = {p: GermanNER(p) for p in sys.argv[1:]}
    for ner in models.values():
        for art in groups:
            ner.tag_tokens(art)  # warm caches, as in a long-running analysis process
    best = {p: (float("inf"), float("inf")) for p in models}
    for _ in range(3):
        for p, ner in models.items():
            c0, w0 = time.process_time(), time.perf_counter()
            for art in groups:
                ner.tag_tokens(art)
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
            best[p] = (min(best[p][0], cpu), min(best[p][1], wall))
    for p, (cpu, wall) in best.items():
        print(f"{p}: {1000 * cpu / len(groups):.1f} ms CPU, {1000 * wall / len(groups):.1f} ms wall per article "
              f"(warm, best of 3, {len(groups)} articles)")


if __name__ == "__main__":
    main()
