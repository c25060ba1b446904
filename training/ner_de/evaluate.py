"""Held-out score and CPU speed of a German NER model directory (the figures in README.md).

Usage: OPENBLAS_NUM_THREADS=1 taskset -c 0 .venv/bin/python training/ner_de/evaluate.py [MODEL_DIR]
Scores the last 1,000 GermEval test sentences, then times the tagger on them grouped into
500-word "articles" (about 540 tokens each): a first pass with empty per-word caches, then a second,
warm pass. CPU time (time.process_time), because the machine is shared.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from storyline.analyze.ner_de import MODEL_DIR, GermanNER  # noqa: E402
from storyline.analyze.ner_eval import read_conll, score  # noqa: E402

HELDOUT = ROOT.parent / "shared" / "nlp" / "germeval2014" / "test.tsv"
ARTICLE_TOKENS = 540  # a 500-word German article, punctuation included


def articles(sentences: list[list[str]]) -> list[list[list[str]]]:
    """Consecutive sentences grouped into article-sized lists."""
    out: list[list[list[str]]] = [[]]
    n = 0
    for s in sentences:
        if n >= ARTICLE_TOKENS:
            out.append([])
            n = 0
        out[-1].append(s)
        n += len(s)
    return out


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL_DIR
    data = read_conll(HELDOUT)[-1000:]
    sents = [toks for toks, _ in data]
    t0 = time.process_time()
    ner = GermanNER(path)
    load = time.process_time() - t0
    res = score([tags for _, tags in data], ner.tag_tokens(sents))
    for label, r in res["per_class"].items():
        print(f"{label}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} (support {r['support']})")
    m = res["micro"]
    print(f"micro: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.4f}")
    ner._feat.clear()
    ner._table.piece_cache.clear()  # a fresh process: only the shipped segmentations are known
    ner = GermanNER(path)
    groups = articles(sents)
    n_tok = sum(map(len, sents))
    for name in ("cold", "warm"):
        t0 = time.process_time()
        for art in groups:
            ner.tag_tokens(art)
        cpu = time.process_time() - t0
        print(f"{name}: {n_tok / cpu:,.0f} tokens/s, {1000 * cpu / len(groups):.1f} ms CPU per "
              f"{n_tok // len(groups)}-token article ({len(groups)} articles); model load {load:.1f} s")


if __name__ == "__main__":
    main()
