"""The online story linker: each article joins the best candidate story or opens a new one.

Per article, in order (`partial_fit`):
1. count    its terms and entity keys in the growing document frequencies
2. search   candidate stories: ANN top-k over centroids plus the entity index, kept when within
            `window_days` of the article (`index.py`)
3. score    similarity features against each candidate, through the calibrated logistic model
            (`score.py`); join the best when its score ≥ `threshold`, else open a new story
4. update   the story's dense centroid, term centroid, entity counts, time range, recent members
5. merge    every `merge_every` articles, the pairs of stories that competed for an article since
            the last check (the joined story and the other candidates) are compared: those whose
            centroids have grown together (cosine ≥ `merge_threshold`) and whose times overlap are
            merged; the lower id survives and the merge is recorded in `merges_`

Nothing is random: ANN levels come from a hash, ties break by candidate order, so the same
input order gives the same stories, and a state saved and loaded continues identically.
"""

from __future__ import annotations

import math
import sys
from array import array
from typing import Any

import numpy as np

from ..errors import UsageError
from ..represent import Representation
from ..represent.sparse import DocumentFrequencies
from .index import DAY, CentroidIndex, EntityIndex
from .score import FEATURES, ScoreModel, entity_features, margins

MAX_TERMS = 400  # a story's term centroid keeps its strongest terms: enough to recognise it, bounded memory
MAX_ENTITIES = 400
MERGE_GAP_DAYS = 1.0  # two stories' time ranges "overlap" when they come within a day (dates without hours)
MERGE_SLACK = 0.15  # a competing story is remembered for the merge check when its centroid is this close


class Weights:
    """A kept member's tf-idf weights, read-only and compact: its terms and their weights in a machine
    array, about 16 bytes a term where a dict takes about 70. The terms are the strings of `w`, interned
    by its maker (`DocumentFrequencies.weights`, or `set_state` for a loaded state), so they are shared
    with the document frequencies. A story of one uses its member's `Weights` as its term centroid too."""

    __slots__ = ("terms", "values")

    def __init__(self, w: dict[str, float]) -> None:
        self.terms = tuple(w)
        self.values = array("d", w.values())

    def __len__(self) -> int:
        return len(self.terms)

    def items(self):
        return zip(self.terms, self.values)

    def to_dict(self) -> dict[str, float]:
        return dict(zip(self.terms, self.values))

    def dot(self, get) -> float:
        """The dot product with the weights that `get` (a dict's .get) looks up."""
        return sum([x * get(t, 0.0) for t, x in zip(self.terms, self.values)])


NO_TERMS = Weights({})  # the one weights object of every kept member without terms

_PARAMS: dict[str, tuple[type | tuple, float | None, float | None, bool]] = {
    # name: (types, low, high, None allowed)
    "threshold": ((int, float), 0.0, 1.0, True),
    "merge_threshold": ((int, float), -1.0, 1.0, True),
    "window_days": ((int, float), 0.0, None, False),
    "n_candidates": (int, 1, 1000, False),
    "entity_candidates": (int, 0, 1000, False),
    "merge_every": (int, 0, None, False),
    "keep_members": (int, 1, 256, False),
    "hnsw_m": (int, 4, 128, False),
    "ef_search": (int, 1, 4096, False),
    "seed": (int, 0, 2**20, False),
}


class _Story:
    """One story's running state (the linker's internal record)."""

    __slots__ = ("size", "first", "last", "terms", "tnorm2", "ents", "members", "kept", "kept_pos", "kept_w")

    def __init__(self) -> None:
        self.size = 0
        self.first: float | None = None
        self.last: float | None = None
        # language -> term -> summed weight (a story's only member in a language: that member's Weights)
        self.terms: dict[str, dict[str, float] | Weights] | None = None
        self.tnorm2: dict[str, float] | None = None  # language -> squared norm of that centroid
        self.ents: dict[str, int] | None = None  # entity key -> members that mention it
        self.members = array("q")  # positions (order of partial_fit) of the member articles
        # machine integers, not lists of int objects: a story costs less memory
        self.kept = array("q")  # rows of the member-vector table, oldest first (none for a story of one)
        self.kept_pos = array("q")
        self.kept_w: list[tuple[str, Weights]] = []  # (language, tf-idf weights) of the kept members


def _own_terms(st: _Story, lang: str) -> dict[str, float]:
    """The story's term centroid in `lang` as a dict of its own (a member's Weights are copied first)."""
    c = st.terms.setdefault(lang, {})  # type: ignore[union-attr]
    if type(c) is Weights:
        c = st.terms[lang] = c.to_dict()  # type: ignore[index]
    return c  # type: ignore[return-value]


class StoryLinker:
    """Online story clustering with the scikit-learn estimator shape (`partial_fit`, `labels_`, `predict`).

    Parameters: `threshold` (join score, 0–1; None: the calibrated value), `merge_threshold`
    (centroid cosine for merging; None: calibrated), `window_days` (candidate stories' time
    window), `n_candidates` (ANN top-k), `entity_candidates` (stories from the entity index),
    `merge_every` (articles between merge checks; 0: never), `keep_members` (recent member
    vectors kept per story for the nearest-member feature), `model` (path or dict of the
    fitted score; None: the packaged storyline/data/linker_model.json), `hnsw_m`, `ef_search`
    (ANN graph degree and search breadth), `seed` (of the ANN level hash).
    """

    def __init__(self, *, threshold: float | None = None, merge_threshold: float | None = None,
                 window_days: float = 7.0, n_candidates: int = 10, entity_candidates: int = 10,
                 merge_every: int = 500, keep_members: int = 8, model: str | dict | None = None,
                 hnsw_m: int = 16, ef_search: int = 48, seed: int = 0):
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.window_days = window_days
        self.n_candidates = n_candidates
        self.entity_candidates = entity_candidates
        self.merge_every = merge_every
        self.keep_members = keep_members
        self.model = model
        self.hnsw_m = hnsw_m
        self.ef_search = ef_search
        self.seed = seed
        self._validate_params()

    # -- estimator plumbing
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters (scikit-learn's contract)."""
        return {k: getattr(self, k) for k in (*_PARAMS, "model")}

    def set_params(self, **params: Any) -> "StoryLinker":
        """Change parameters (validated); learned state is kept."""
        for k, v in params.items():
            if k not in _PARAMS and k != "model":
                raise UsageError(f"StoryLinker: unknown parameter {k!r}; parameters are "
                                 f"{', '.join(sorted((*_PARAMS, 'model')))}")
            setattr(self, k, v)
        self._validate_params()
        return self

    def _validate_params(self) -> None:
        for name, (types, low, high, none_ok) in _PARAMS.items():
            v = getattr(self, name)
            if v is None and none_ok:
                continue
            rng = f"[{low}, {high}]" if high is not None else f">= {low}"
            kind = "an integer" if types is int else "a number"
            if isinstance(v, bool) or not isinstance(v, types) or (isinstance(v, float) and math.isnan(v)):
                raise UsageError(f"StoryLinker: {name} must be {kind} in {rng}"
                                 f"{' or None' if none_ok else ''}, got {v!r}")
            if (low is not None and v < low) or (high is not None and v > high):
                raise UsageError(f"StoryLinker: {name} must be in {rng}, got {v!r}")
        if self.model is not None and not isinstance(self.model, (str, dict)) and not hasattr(self.model, "__fspath__"):
            raise UsageError(f"StoryLinker: model must be a path to linker_model.json, a dict or None, "
                             f"got {type(self.model).__name__}")

    # -- learned state
    def _init_state(self, dim: int) -> None:
        self._validate_params()
        self.model_ = ScoreModel.load(self.model)
        self.threshold_ = float(self.model_.threshold if self.threshold is None else self.threshold)
        self.merge_threshold_ = float(self.model_.merge_threshold if self.merge_threshold is None
                                      else self.merge_threshold)
        self.dim_ = dim
        self.df_ = DocumentFrequencies()
        self.entities_ = EntityIndex()
        self.index_ = CentroidIndex(dim, m=self.hnsw_m, ef_search=self.ef_search, seed=self.seed)
        self.stories_: dict[int, _Story] = {}
        self.sums_ = np.zeros((1024, dim), dtype=np.float32)  # row = story id: summed member vectors
        self.mvec_ = np.zeros((1024, dim), dtype=np.float16)  # recent member vectors
        self._mrows = 0
        self._free: list[int] = []
        self._labels = array("q")
        self._article_ids = array("q")
        self._scores = array("d")
        self.merges_: list[dict[str, Any]] = []
        self.next_id_ = 1
        self.n_seen_ = 0
        self._pairs: set[tuple[int, int]] = set()  # stories that competed for an article since the last check
        self._touched: set[int] = set()  # since the last save (for the store)
        self._removed: set[int] = set()
        self._saved_upto = 0
        self._saved_merges = 0

    @property
    def labels_(self) -> np.ndarray:
        """Story id of every article passed to `partial_fit`, in order (after merges)."""
        self._check_fitted()
        return np.frombuffer(self._labels, dtype=np.int64).copy() if len(self._labels) else np.zeros(0, np.int64)

    @property
    def scores_(self) -> np.ndarray:
        """The score each article joined its story with (nan for articles that opened one)."""
        self._check_fitted()
        return np.array(self._scores, dtype=np.float64)

    @property
    def n_stories_(self) -> int:
        self._check_fitted()
        return len(self.stories_)

    def _check_fitted(self) -> None:
        if not hasattr(self, "stories_"):
            raise AttributeError("StoryLinker: not fitted yet; call partial_fit first")

    # -- public API
    def partial_fit(self, reps: list[Representation], y: None = None) -> "StoryLinker":
        """Assign each representation in order to a story (joining or opening one)."""
        for rep in reps:
            self._observe(rep)
        return self

    def fit(self, reps: list[Representation], y: None = None) -> "StoryLinker":
        """Forget any state, then `partial_fit` (scikit-learn's contract)."""
        for attr in ("stories_", "model_"):
            self.__dict__.pop(attr, None)
        return self.partial_fit(reps)

    def fit_predict(self, reps: list[Representation], y: None = None) -> np.ndarray:
        """`fit`, then the labels."""
        return self.fit(reps).labels_

    def predict(self, reps: list[Representation]) -> np.ndarray:
        """The story each representation would join now, or -1 for a new story; the state is unchanged."""
        self._check_fitted()
        out = np.full(len(reps), -1, dtype=np.int64)
        for i, rep in enumerate(reps):
            vec = self._vector(rep)
            w = self.df_.weights(rep.terms, rep.language) if rep.terms else {}
            cands, x, mono = self._candidates_features(rep, vec, w)
            if cands:
                p = self.model_.proba(x, mono)
                best = int(np.argmax(p))
                if p[best] >= self.threshold_:
                    out[i] = cands[best]
        return out

    # -- one article
    def _vector(self, rep: Representation) -> np.ndarray:
        vec = np.asarray(rep.dense, dtype=np.float32).reshape(-1)
        if not hasattr(self, "stories_"):
            self._init_state(len(vec))
        if len(vec) != self.dim_:
            raise UsageError(f"StoryLinker: dense vectors must have {self.dim_} dimensions (as the first "
                             f"ones had), got {len(vec)}")
        return vec

    def _observe(self, rep: Representation, target: int | None = -1) -> tuple[list[int], np.ndarray, np.ndarray]:
        """Link one article. `target` -1: decide; None or a story id: forced (calibration replays gold)."""
        vec = self._vector(rep)
        if rep.terms:
            self.df_.partial_fit(rep.terms, rep.language)  # 1
        w = self.df_.weights(rep.terms, rep.language) if rep.terms else {}
        self.entities_.count(rep.entities)
        cands, x, mono = self._candidates_features(rep, vec, w)  # 2, 3
        score = math.nan
        if target == -1:
            sid = None
            if cands:
                p = self.model_.proba(x, mono)
                best = int(np.argmax(p))
                if p[best] >= self.threshold_:
                    sid, score = cands[best], float(p[best])
        else:
            sid = target if target in self.stories_ else None
            if target is not None and sid is None:
                sid = self._new_story(target)
        if sid is None:
            sid = self._new_story(self.next_id_)
        self._add(sid, rep, vec, w)  # 4
        self._scores.append(score)
        if len(cands) > 1 and sid in cands:
            # the stories this article could also have joined are the ones the joined story may grow into
            near = self.merge_threshold_ - MERGE_SLACK
            self._pairs.update((min(sid, c), max(sid, c)) for c, d in zip(cands, x[:, 0].tolist())
                               if c != sid and d >= near)
        if self.merge_every and self.n_seen_ % self.merge_every == 0:
            self._merge_check()  # 5
        return cands, x, mono

    def _new_story(self, sid: int) -> int:
        self.stories_[sid] = _Story()
        self.next_id_ = max(self.next_id_, sid + 1)
        if sid >= len(self.sums_):
            grown = np.zeros((max(sid + 1, 2 * len(self.sums_)), self.dim_), dtype=np.float32)
            grown[: len(self.sums_)] = self.sums_
            self.sums_ = grown
        return sid

    def _centroid(self, sid: int) -> np.ndarray:
        s = self.sums_[sid]
        n = math.sqrt(float(s @ s))
        return s / n if n > 0 else s

    def _candidates_features(self, rep: Representation, vec: np.ndarray, w: dict[str, float]
                             ) -> tuple[list[int], np.ndarray, np.ndarray]:
        """Candidate stories within the time window, their feature rows, and which rows use the sparse model."""
        # hot path (runs once per article): locals and a per-article idf memo instead of repeated lookups
        found, _ = self.index_.search(vec, self.n_candidates)
        stories = self.stories_
        ents = rep.entities
        eidx = self.entities_
        n1 = 1 + eidx.n_docs  # the entity idf is constant while one article is scored
        edf = eidx.df
        log = math.log
        idf_memo = {k: log(n1 / (1 + edf.get(k, 0))) + 1.0 for k in ents}
        extra = eidx.candidates(ents, self.entity_candidates, stories.__contains__, weights=idf_memo)
        t = rep.time
        span = self.window_days * DAY
        cands: list[int] = []
        sts: list[_Story] = []
        seen: set[int] = set()
        for sid in [*found.tolist(), *extra]:
            st = stories.get(sid)
            if st is None or sid in seen:
                continue
            if t is not None and st.first is not None and st.last is not None and not (
                    st.first - span <= t <= st.last + span):
                continue
            seen.add(sid)
            cands.append(sid)
            sts.append(st)
        n = len(cands)
        if not n:
            return cands, np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool)
        x = np.zeros((n, len(FEATURES)), dtype=np.float64)
        sums = self.sums_[cands]
        norms = np.sqrt(np.add.reduce(sums * sums, axis=1))  # what np.linalg.norm(sums, axis=1) computes
        x[:, 0] = (sums @ vec) / np.maximum(norms, 1e-12)
        x[:, 1] = x[:, 0]  # a story of one: its member is its centroid
        has = [i for i, st in enumerate(sts) if st.kept]
        if has:
            rows: list[int] = []
            starts = [0]
            for i in has:
                rows.extend(sts[i].kept)
                starts.append(len(rows))
            starts.pop()
            x[has, 1] = np.maximum.reduceat(self.mvec_[rows].astype(np.float32) @ vec, starts)
        mono = np.zeros(n, dtype=bool)
        lang = rep.language or "und"
        art_w = list(idf_memo.items())  # the article's keys and weights (the memo grows with story keys below)
        art_total = 0.0
        for _, v in art_w:
            art_total += v
        rows_sparse: list[tuple[int, float, float]] = []
        wget = w.get
        ent_rows: list[tuple[float, float, float, float]] = []
        for i, st in enumerate(sts):
            if w and st.terms and lang in st.terms:
                c = st.terms[lang]
                if type(c) is Weights:  # the story's only member in this language
                    dot = c.dot(wget)
                else:
                    cget = c.get
                    dot = sum([v * cget(term, 0.0) for term, v in w.items()])
                tn = st.tnorm2[lang]
                best = max(((dot if kw is c else kw.dot(wget)) for kl, kw in st.kept_w if kl == lang), default=0.0)
                rows_sparse.append((i, dot / math.sqrt(tn) if tn > 0 else 0.0, best))
            first, last = st.first, st.last
            # gap_log: log(1 + days outside the story's time span), 0 when either time is unknown
            gap = (0.0 if t is None or first is None or last is None else
                   math.log1p((first - t) / DAY if t < first else (t - last) / DAY if t > last else 0.0))
            ent_rows.append((*entity_features(ents, art_w, art_total, st.ents, st.size, idf_memo, n1, edf), gap))
        for i, a, b in rows_sparse:
            x[i, 2] = a
            x[i, 3] = b
            mono[i] = True
        x[:, 4:8] = ent_rows
        x[:, 8] = margins(x, 1)
        x[:, 9] = margins(x, 3)
        return cands, x, mono

    def _add(self, sid: int, rep: Representation, vec: np.ndarray, w: dict[str, float]) -> None:
        """Put the article at the next position into story `sid` and update the story's state."""
        st = self.stories_[sid]
        pos = self.n_seen_
        st.size += 1
        st.members.append(pos)
        if rep.time is not None:
            st.first = rep.time if st.first is None else min(st.first, rep.time)
            st.last = rep.time if st.last is None else max(st.last, rep.time)
        kw = Weights(w) if w else NO_TERMS
        if w:
            self._add_terms(st, rep.language or "und", w, kw)
        if rep.entities:
            if st.ents is None:
                st.ents = {}
            for k in rep.entities:
                k = sys.intern(k)  # one string per key across all stories' counts and the entity index
                if k not in st.ents:
                    self.entities_.add(sid, k)
                st.ents[k] = st.ents.get(k, 0) + 1
            if len(st.ents) > MAX_ENTITIES:
                st.ents = dict(sorted(st.ents.items(), key=lambda kv: (-kv[1], kv[0]))[: MAX_ENTITIES // 2])
        st.kept_pos.append(pos)
        st.kept_w.append((rep.language or "und", kw))
        if st.size >= 2:
            if not st.kept:  # it was a story of one, whose vector is its sum: give it a row now
                self._keep(st, self.sums_[sid])
            self._keep(st, vec)
        while len(st.kept_pos) > self.keep_members:
            st.kept_pos.pop(0)
            st.kept_w.pop(0)
            if st.kept:
                self._free.append(st.kept.pop(0))
        self.sums_[sid] += vec
        self.index_.upsert(sid, self._centroid(sid))
        self._labels.append(sid)
        self._article_ids.append(-1 if rep.article_id is None else int(rep.article_id))
        self.n_seen_ += 1
        self._touched.add(sid)

    @staticmethod
    def _add_terms(st: _Story, lang: str, w: dict[str, float], kw: Weights) -> None:
        if st.terms is None:
            st.terms, st.tnorm2 = {}, {}
        c = st.terms.get(lang)
        if c is None and len(w) <= MAX_TERMS:
            # the first member in this language: its kept weights `kw` are the centroid (most stories
            # have one member); `_own_terms` makes a dict of them before a second member adds to it
            st.terms[lang] = kw
            st.tnorm2[lang] = sum(v * v for v in w.values())
            return
        c = _own_terms(st, lang)
        dot = 0.0
        for t, v in w.items():
            old = c.get(t, 0.0)
            dot += old * v
            c[t] = old + v
        st.tnorm2[lang] = st.tnorm2.get(lang, 0.0) + 2 * dot + sum(v * v for v in w.values())
        if len(c) > MAX_TERMS:
            kept = dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[: MAX_TERMS * 3 // 4])
            st.terms[lang] = kept
            st.tnorm2[lang] = sum(v * v for v in kept.values())

    def _keep(self, st: _Story, vec: np.ndarray) -> None:
        row = self._row()
        self.mvec_[row] = vec
        st.kept.append(row)

    def _row(self) -> int:
        if self._free:
            return self._free.pop()
        if self._mrows >= len(self.mvec_):
            grown = np.zeros((2 * len(self.mvec_), self.dim_), dtype=np.float16)
            grown[: len(self.mvec_)] = self.mvec_
            self.mvec_ = grown
        self._mrows += 1
        return self._mrows - 1

    # -- merging
    def _merge_check(self) -> None:
        """Merge the story pairs that competed for an article and whose centroids have since grown
        together (cosine ≥ `merge_threshold`) with overlapping times."""
        into: dict[int, int] = {}  # stories merged during this check -> the story that absorbed them

        def alive(s: int) -> int:
            while s in into:
                s = into[s]
            return s

        for pair in sorted(self._pairs):
            sid, other = alive(pair[0]), alive(pair[1])
            if sid == other or sid not in self.stories_ or other not in self.stories_:
                continue
            a, b = self.stories_[sid], self.stories_[other]
            cos = float(self._centroid(other) @ self._centroid(sid))
            if cos < self.merge_threshold_:
                continue
            if a.first is not None and b.first is not None and not (
                    a.first - MERGE_GAP_DAYS * DAY <= b.last and b.first - MERGE_GAP_DAYS * DAY <= a.last):
                continue
            keep, drop = min(sid, other), max(sid, other)
            self._merge(keep, drop, cos)
            into[drop] = keep
        self._pairs.clear()

    def _merge(self, keep: int, drop: int, cos: float) -> None:
        a, b = self.stories_[keep], self.stories_.pop(drop)
        self.index_.remove(drop)
        for pos in b.members:
            self._labels[pos] = keep
        a.members = array("q", sorted([*a.members, *b.members]))
        a.size += b.size
        for t in (b.first, b.last):
            if t is not None:
                a.first = t if a.first is None else min(a.first, t)
                a.last = t if a.last is None else max(a.last, t)
        for lang, terms in (b.terms or {}).items():
            if a.terms is None:
                a.terms, a.tnorm2 = {}, {}
            c = _own_terms(a, lang)
            for t, v in terms.items():
                c[t] = c.get(t, 0.0) + v
            if len(c) > MAX_TERMS:
                c = a.terms[lang] = dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[: MAX_TERMS * 3 // 4])
            a.tnorm2[lang] = sum(v * v for v in c.values())
        for k, n in (b.ents or {}).items():
            if a.ents is None:
                a.ents = {}
            if k not in a.ents:
                self.entities_.add(keep, k)
            a.ents[k] = a.ents.get(k, 0) + n
        for st, s in ((a, keep), (b, drop)):
            if not st.kept:  # a story of one gets a row for its member before the two are pooled
                self._keep(st, self.sums_[s])
        pairs = sorted(zip([*a.kept_pos, *b.kept_pos], [*a.kept, *b.kept], [*a.kept_w, *b.kept_w]))
        for _, row, _ in pairs[: -self.keep_members]:
            self._free.append(row)
        pairs = pairs[-self.keep_members:]
        a.kept_pos, a.kept = array("q", [p for p, _, _ in pairs]), array("q", [r for _, r, _ in pairs])
        a.kept_w = [w for _, _, w in pairs]
        self.sums_[keep] += self.sums_[drop]
        self.sums_[drop] = 0
        self.index_.upsert(keep, self._centroid(keep))
        self.merges_.append({"kept": keep, "merged": drop, "at": self.n_seen_, "cosine": round(cos, 6)})
        self._touched.add(keep)
        self._touched.discard(drop)
        self._removed.add(drop)

    # -- introspection for the store
    def representative(self, sid: int) -> int:
        """The position of the kept member closest to the story's centroid (its title names the story)."""
        st = self.stories_[sid]
        if not st.kept:
            return st.kept_pos[-1]
        sims = self.mvec_[st.kept].astype(np.float32) @ self._centroid(sid)
        return st.kept_pos[int(np.argmax(sims))]

    def article_id_at(self, pos: int) -> int:
        """The article id given with the representation at position `pos` (-1 when it had none)."""
        return self._article_ids[pos]

    def pending(self) -> dict[str, Any]:
        """What changed since the last `mark_saved`: live stories touched, stories merged away,
        new assignments (position, article id, story, score) and new merges."""
        self._check_fitted()
        return {"stories": sorted(s for s in self._touched if s in self.stories_),
                "removed": sorted(self._removed),
                "assignments": [(p, self._article_ids[p], self._labels[p],
                                 None if math.isnan(self._scores[p]) else self._scores[p])
                                for p in range(self._saved_upto, self.n_seen_)],
                "merges": self.merges_[self._saved_merges:]}

    def mark_saved(self) -> None:
        """Forget the pending changes (the store has written them)."""
        self._touched, self._removed = set(), set()
        self._saved_upto, self._saved_merges = self.n_seen_, len(self.merges_)

    # state (de)serialization lives in state.py to keep this module about linking
    def get_state(self) -> dict[str, Any]:
        """Everything needed to continue later exactly as if uninterrupted (see `state.py`)."""
        from .state import get_state

        return get_state(self)

    def set_state(self, state: dict[str, Any]) -> "StoryLinker":
        """Restore what `get_state` returned."""
        from .state import set_state

        return set_state(self, state)
