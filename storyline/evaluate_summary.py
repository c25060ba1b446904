"""Story summaries against the AllSides editors' neutral summaries: ROUGE-1/2/L, ours and a lead baseline.

    python -m storyline.evaluate_summary ../shared/eval/allsides [--split test] [--json]

For each AllSides story of the split (articles_triplets.jsonl: three outlets, title + lead each), the
three articles become Article/Analysis objects (title as a heading, lead as the body), `coverage`
summarizes the story, and the summary is scored against the editors' summary: the "ARTICLE=>" part
of the story's line in raw/<split>.target (same order as the split's stories). The baseline, run in
the same call on the same stories, is the lead sentence of the first article. ROUGE is computed here:
tokens are lower-cased runs of [a-z0-9] (rouge-score's tokenizer, no stemming), ROUGE-N counts
clipped n-gram overlaps, ROUGE-L is the longest common subsequence of the two token sequences; each
is averaged over stories (precision, recall, F1). Parameters of the summarizer (number of sentences,
order) are tuned with `tune` on val or train, never on test.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from .model import Analysis, Article, Paragraph

_TOKEN = re.compile(r"[a-z0-9]+")
_ARTICLE = re.compile(r"ARTICLE=>\s*(.*)$", re.S)
_TITLE = re.compile(r"TITLE=>\s*(.*?)\s*ARTICLE=>", re.S)


def rouge_tokens(text: str) -> list[str]:
    """Lower-cased alphanumeric tokens (everything else separates them)."""
    return _TOKEN.findall(text.lower())


def _prf(overlap: int, n_cand: int, n_ref: int) -> dict[str, float]:
    p = overlap / n_cand if n_cand else 0.0
    r = overlap / n_ref if n_ref else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def rouge_n(candidate: str | list[str], reference: str | list[str], n: int) -> dict[str, float]:
    """ROUGE-N precision, recall and F1 (n-gram counts clipped by the reference's)."""
    c = rouge_tokens(candidate) if isinstance(candidate, str) else candidate
    r = rouge_tokens(reference) if isinstance(reference, str) else reference
    cg = Counter(tuple(c[i : i + n]) for i in range(len(c) - n + 1))
    rg = Counter(tuple(r[i : i + n]) for i in range(len(r) - n + 1))
    overlap = sum(min(k, rg[g]) for g, k in cg.items())
    return _prf(overlap, sum(cg.values()), sum(rg.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two token lists (one row of the table at a time)."""
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(candidate: str | list[str], reference: str | list[str]) -> dict[str, float]:
    """ROUGE-L precision, recall and F1 over the whole texts (no sentence splitting)."""
    c = rouge_tokens(candidate) if isinstance(candidate, str) else candidate
    r = rouge_tokens(reference) if isinstance(reference, str) else reference
    return _prf(lcs_length(c, r), len(c), len(r))


def rouge(candidate: str, reference: str) -> dict[str, dict[str, float]]:
    """ROUGE-1, ROUGE-2 and ROUGE-L of one candidate against one reference."""
    c, r = rouge_tokens(candidate), rouge_tokens(reference)
    return {"rouge1": rouge_n(c, r, 1), "rouge2": rouge_n(c, r, 2), "rougeL": rouge_l(c, r)}


def mean_scores(scores: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per-metric averages of precision, recall and F1 over stories."""
    if not scores:
        return {}
    return {m: {k: round(sum(s[m][k] for s in scores) / len(scores), 4) for k in ("p", "r", "f")}
            for m in scores[0]}


# --- AllSides ---------------------------------------------------------------------------------------

def _story_key(story_id: str) -> tuple[str, int]:
    split, _, num = story_id.rpartition("-")
    return split, int(num) if num.isdigit() else -1


def load_stories(allsides_dir: str | Path, split: str) -> list[tuple[str, list[dict], str]]:
    """(story id, its three article records, the editors' summary) for every story of `split`, in target order."""
    root = Path(allsides_dir)
    stories: dict[str, list[dict]] = {}
    with open(root / "articles_triplets.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("split") == split:
                stories.setdefault(d["story_id"], []).append(d)
    targets = (root / "raw" / f"{split}.target").read_text("utf-8").splitlines()
    ids = sorted(stories, key=_story_key)
    if len(ids) != len(targets):
        raise ValueError(f"{split}: {len(ids)} stories but {len(targets)} target lines in raw/{split}.target")
    out = []
    for sid, target in zip(ids, targets):
        m = _ARTICLE.search(target)
        out.append((sid, sorted(stories[sid], key=lambda d: d["article_id"]), (m.group(1) if m else target).strip()))
    return out


def _article(d: dict, k: int) -> tuple[Article, Analysis | None]:
    """Title as a heading and lead as the body, with the analyzer's view of it when the analyzer is there."""
    title = (d.get("title") or "").strip()
    lead = (d.get("lead") or "").strip()
    text = f"{title}\n\n{lead}" if title else lead
    paras = [Paragraph(start=0, end=len(title), kind="heading")] if title else []
    start = len(title) + 2 if title else 0
    paras.append(Paragraph(start=start, end=len(text)))
    art = Article(text=text, paragraphs=paras, origin=d.get("url") or d["article_id"], id=d["article_id"],
                  title=title or None, outlet=d.get("source") or f"outlet-{k + 1}", language="en",
                  published=d.get("date"))
    try:
        from .analyze import analyze
    except ImportError:
        return art, None
    return art, analyze(art)


def lead_sentence(text: str) -> str:
    """The first sentence of a lead (the analyzer's splitter, else up to the first full stop)."""
    try:
        from .analyze.sentences import split_sentences
    except ImportError:
        return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    sents = split_sentences(text, "en")
    return text[sents[0].start : sents[0].end] if sents else text.strip()


def _aligned(stories, embedder) -> Iterable[tuple[str, Any, list, str]]:
    from .compare.coverage import align

    for sid, records, target in stories:
        members = [_article(d, k) for k, d in enumerate(records)]
        yield sid, align(members, embedder=embedder), members, target


def _summary_text(al, members, sentences: int, order: str) -> str:
    from .compare.summary import summarize

    return " ".join(s["text"] for s in summarize(al.facts, al.claims, al.vectors, len(members),
                                                  sentences=sentences, order=order))


def _embedder(cache: str | None):
    from .compare.coverage import default_embedder

    emb = default_embedder()
    if cache:
        from .represent.embed import CachedEmbedder

        return CachedEmbedder(emb, cache)
    return emb


def evaluate_summary(allsides_dir: str | Path, *, split: str = "test", sentences: int | None = None,
                     order: str | None = None, limit: int | None = None, embedder=None,
                     cache: str | None = None) -> dict:
    """ROUGE-1/2/L of our story summaries and of the lead-sentence baseline on one AllSides split."""
    from .compare import summary as S

    sentences = S.SENTENCES if sentences is None else sentences
    order = S.ORDER if order is None else order
    stories = load_stories(allsides_dir, split)[:limit]
    emb = embedder or _embedder(cache)
    ours, base = [], []
    for sid, al, members, target in _aligned(stories, emb):
        ours.append(rouge(_summary_text(al, members, sentences, order), target))
        base.append(rouge(lead_sentence(members[0][0].text[members[0][0].paragraphs[-1].start :]), target))
    if hasattr(emb, "save"):
        emb.save()
    return {"ours": mean_scores(ours), "baseline_lead": mean_scores(base), "stories": len(stories),
            "split": split, "params": {"sentences": sentences, "order": order},
            "tokenizer": "lower-cased [a-z0-9]+ runs, no stemming"}


def tune(allsides_dir: str | Path, *, split: str = "val", grid_sentences: Iterable[int] = (1, 2, 3, 4, 5),
         grid_order: Iterable[str] = ("rank", "text"), limit: int | None = None, embedder=None,
         cache: str | None = None) -> list[dict]:
    """ROUGE F1 of every (sentences, order) on a tuning split (val or train), best first by mean F1."""
    if split == "test":
        raise ValueError("tune on val or train: the test split is for reporting only")
    stories = load_stories(allsides_dir, split)[:limit]
    emb = embedder or _embedder(cache)
    grid = [(n, o) for n in grid_sentences for o in grid_order]
    scores: dict[tuple[int, str], list] = {g: [] for g in grid}
    for sid, al, members, target in _aligned(stories, emb):
        for n, o in grid:
            scores[(n, o)].append(rouge(_summary_text(al, members, n, o), target))
    if hasattr(emb, "save"):
        emb.save()
    rows = []
    for (n, o), s in scores.items():
        m = mean_scores(s)
        rows.append({"sentences": n, "order": o, **{k: v["f"] for k, v in m.items()},
                     "mean_f": round(sum(v["f"] for v in m.values()) / 3, 4)})
    return sorted(rows, key=lambda r: -r["mean_f"])


def main(argv: list[str] | None = None) -> int:
    """Command line: print the evaluation (or the tuning grid with --tune) as text or JSON."""
    ap = argparse.ArgumentParser(prog="python -m storyline.evaluate_summary", description=__doc__.splitlines()[0])
    ap.add_argument("allsides_dir")
    ap.add_argument("--split", default="test")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--tune", action="store_true", help="grid over sentences and order on --split (val/train)")
    ap.add_argument("--cache", help="an .npz file remembering sentence vectors between runs")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.tune:
        result: Any = tune(args.allsides_dir, split=args.split, limit=args.limit, cache=args.cache)
    else:
        result = evaluate_summary(args.allsides_dir, split=args.split, limit=args.limit, cache=args.cache)
    if args.json:
        print(json.dumps(result, indent=2))
    elif args.tune:
        for r in result:
            print(f"sentences={r['sentences']} order={r['order']:5s} R1 {r['rouge1']:.4f} R2 {r['rouge2']:.4f} "
                  f"RL {r['rougeL']:.4f} mean {r['mean_f']:.4f}")
    else:
        print(f"AllSides {result['split']}: {result['stories']} stories ({result['tokenizer']})")
        for name in ("ours", "baseline_lead"):
            m = result[name]
            cells = [f"{k} P {v['p']:.4f} R {v['r']:.4f} F {v['f']:.4f}" for k, v in m.items()]
            print(f"  {name:14s} " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
