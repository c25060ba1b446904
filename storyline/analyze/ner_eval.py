"""Read CoNLL-style NER files, map their tags to PER/LOC/ORG/MISC and score taggers conlleval-style.

Tag mapping (documented in training/ner_de/README.md too):
- GermEval 2014 (index, token, outer, nested): the outer tag (column 3) is read, the nested one ignored.
- PER, LOC, ORG are kept; OTH becomes MISC; the *deriv and *part classes (LOCderiv, ORGpart, …) become O.
- CoNLL-like files (token … tag, the tag last) may be IOB1 (I-X opening a span); everything is
  returned as BIO, where B-X opens every span.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

LABELS = ("PER", "LOC", "ORG")
_KEEP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC", "MISC": "MISC"}


def map_tag(tag: str) -> str:
    """Map one source tag (B-LOC, I-OTH, B-LOCderiv, I-MISC, O …) to BIO over PER/LOC/ORG/MISC."""
    tag = tag.strip()
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BIE S":
        return "O"
    label = _KEEP.get(tag[2:])
    if label is None:  # deriv/part classes and anything unknown are not entities for the score
        return "O"
    prefix = "B" if tag[0] in "BS" else "I"
    return f"{prefix}-{label}"


def to_bio(tags: list[str]) -> list[str]:
    """Repair a tag sequence into strict BIO: an I-X that does not continue an X span opens one (IOB1 → BIO)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def _is_germeval(rows: list[list[str]]) -> bool:
    """GermEval rows are (index, token, outer, nested) with a running integer index."""
    return bool(rows) and all(len(r) == 4 and r[0].isdigit() for r in rows[:50])


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Read a GermEval or CoNLL-like file into (tokens, BIO tags over PER/LOC/ORG/MISC) per sentence."""
    blocks: list[list[list[str]]] = []
    current: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if current:
                    blocks.append(current)
                    current = []
                continue
            if line.startswith("#") and "\t" not in line:  # GermEval's source-URL comment lines
                continue
            current.append(line.split("\t") if "\t" in line else line.split())
    if current:
        blocks.append(current)
    germeval = _is_germeval([r for b in blocks[:20] for r in b])
    sentences = []
    for block in blocks:
        if germeval:
            tokens = [r[1] for r in block]
            tags = [map_tag(r[2]) for r in block]
        else:
            tokens = [r[0] for r in block]
            tags = [map_tag(r[-1]) if len(r) > 1 else "O" for r in block]
        sentences.append((tokens, to_bio(tags)))
    return sentences


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end exclusive, label) of one tag sequence, conlleval-style (I-X after O opens a span)."""
    found = set()
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        kind, _, lab = tag.partition("-")
        opens = kind == "B" or (kind == "I" and lab != label)
        if start is not None and (kind == "O" or opens or lab != label):
            found.add((start, i, label))
            start, label = None, None
        if kind in ("B", "I") and start is None:
            start, label = i, lab
    return found


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score(gold: list[list[str]], pred: list[list[str]], labels: tuple[str, ...] = LABELS) -> dict:
    """Span-level exact-match precision/recall/F1, micro over `labels` and per label."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    tp = dict.fromkeys(labels, 0)
    n_gold = dict.fromkeys(labels, 0)
    n_pred = dict.fromkeys(labels, 0)
    for g, p in zip(gold, pred):
        if len(g) != len(p):
            raise ValueError(f"sentence of {len(g)} gold tags but {len(p)} predicted")
        gs = {s for s in spans(g) if s[2] in tp}
        ps = {s for s in spans(p) if s[2] in tp}
        for s in gs:
            n_gold[s[2]] += 1
        for s in ps:
            n_pred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    per_class = {lab: {**_prf(tp[lab], n_pred[lab], n_gold[lab]), "support": n_gold[lab]} for lab in labels}
    micro = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return {"micro": micro, "per_class": per_class}


def evaluate_ner(path: str | Path, *, tagger: Callable[[list[list[str]]], list[list[str]]] | Any = None,
                 first: int | None = None, last: int | None = None) -> dict:
    """Score a tagger (default: the packaged German model) on a file, or on its first/last N sentences."""
    data = read_conll(path)
    if first is not None:
        data = data[:first]
    if last is not None:
        data = data[-last:] if last > 0 else []
    if tagger is None:
        from .ner_de import GermanNER

        tagger = GermanNER.load()
    tag = tagger.tag_tokens if hasattr(tagger, "tag_tokens") else tagger
    sents = [toks for toks, _ in data]
    started = time.perf_counter()
    pred = tag(sents)
    elapsed = time.perf_counter() - started
    result = score([tags for _, tags in data], pred)
    n_tokens = sum(len(s) for s in sents)
    result["sentences"] = len(sents)
    result["tokens"] = n_tokens
    result["tokens_per_second"] = n_tokens / elapsed if elapsed > 0 else float("inf")
    return result
