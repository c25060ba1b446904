"""Evaluation commands: quality measured on labelled data with the product's own pipeline.

`chrome`: line-level precision and recall of dropping page chrome, on a corpus laid out like
`corpus/` (a `labels.json` whose page articles list their chrome lines). The whole corpus goes
through `ingest` into a temporary store first, so every signal counts as it does for a user,
the outlet boilerplate learned across articles included.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path

from .errors import UsageError
from .ingest import ingest
from .store import open_store


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def chrome(corpus: str | Path) -> dict:
    """Score chrome dropping on every `page` article of a labelled corpus."""
    root = Path(corpus)
    labels_path = root / "labels.json"
    try:
        labels = json.loads(labels_path.read_text("utf-8"))
    except (OSError, ValueError) as e:
        raise UsageError(f"evaluate chrome: cannot read {labels_path}: {e}") from None
    pages = [a for a in labels.get("articles", []) if a.get("format") == "page"]
    if not pages:
        raise UsageError(f"evaluate chrome: {labels_path} lists no articles of format 'page'")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "eval.db"))
        try:
            ingest(store, [str(p) for p in sorted(root.iterdir()) if p.is_dir()], outlets_file=str(labels_path))
            by_origin = {Path(a.origin).resolve(): a for a in store.iter_articles()}
        finally:
            store.close()
    totals = defaultdict(int)
    per_outlet: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: list[dict] = []
    for gold in pages:
        path = (root / gold["file"]).resolve()
        art = by_origin.get(path)
        chrome_lines = {c.strip() for c in gold.get("chrome", [])}
        dropped_at = {d.lineno for d in art.dropped} if art else set()
        for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            is_chrome, was_dropped = line in chrome_lines, lineno in dropped_at
            kind = "tp" if is_chrome and was_dropped else "fp" if was_dropped else "fn" if is_chrome else "tn"
            totals[kind] += 1
            per_outlet[gold.get("outlet") or "?"][kind] += 1
            if kind in ("fp", "fn"):
                reason = next((d.reason for d in art.dropped if d.lineno == lineno), None) if art else "not ingested"
                errors.append({"file": gold["file"], "line": lineno, "text": line, "error": kind, "reason": reason})
    return {
        "pages": len(pages),
        "lines": sum(totals.values()),
        "chrome_lines": totals["tp"] + totals["fn"],
        "micro": _prf(totals["tp"], totals["fp"], totals["fn"]),
        "per_outlet": {o: _prf(c["tp"], c["fp"], c["fn"]) for o, c in sorted(per_outlet.items())},
        "errors": errors,
    }
