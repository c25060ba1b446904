"""View: everything `compare` reads of one article, computed once (text views, then vectors in batches).

`view(article, analysis)` gathers the text-side views (lead, sentences, terms, character
n-grams, numbers, capitalized words, entities, places, quotes, time); `embed_views` fills the
dense vectors of many views with as few `encode` calls as possible (lead, title, chunked full
text, sentences). Sentences come from the analysis when there is one, else from the analyzer's
sentence splitter, else from a plain punctuation rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..model import Analysis, Article
from .embed import Embedder, chunks, embed_text
from .sparse import char_terms, fold, stem, terms, tokens
from .time import published_seconds

MAX_SENTENCES = 40  # sentences aligned per article: the lead carries the event, and alignment is quadratic
MIN_SENTENCE = 25  # characters; shorter lines are datelines, bylines and captions more often than facts

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_CAP = re.compile(r"(?<![\w'’])[^\W\d_][^\W_]*(?:['’][^\W_]+)?")
_SENT_END = re.compile(r"(?<=[.!?؟…])\s+|\n+")


@dataclass
class View:
    """One article's views for pairwise comparison; vectors are None until `embed_views`."""

    language: str | None
    title: str
    text: str
    lead: str
    sentences: list[str]
    terms: dict[str, int]
    chars: dict[str, int]
    title_terms: frozenset[str]
    numbers: frozenset[str]
    caps: frozenset[str]
    entities: dict[str, int] | None  # key -> mentions; None when the analysis had no entity model
    names: dict[str, str] = field(default_factory=dict)  # key -> canonical name, for evidence
    places: frozenset[str] = frozenset()
    quotes: list[tuple[str, str, str]] = field(default_factory=list)  # (speaker_key, speaker, text)
    time: float | None = None
    lead_vec: np.ndarray | None = None
    title_vec: np.ndarray | None = None
    long_vec: np.ndarray | None = None
    sent_vecs: np.ndarray | None = None


def _split(text: str, language: str | None) -> list[str]:
    try:
        from ..analyze.sentences import split_sentences
    except ImportError:  # the analyzer is optional for comparing plain texts
        return [s.strip() for s in _SENT_END.split(text) if s.strip()]
    return [text[s.start : s.end] for s in split_sentences(text, language)]


def _body(article: Article) -> str:
    """The body without a first line that repeats the title (scrapers often prepend it)."""
    text = article.text or ""
    title = (article.title or "").strip()
    if title and text.startswith(title):
        text = text[len(title) :].lstrip(" \t")
    return text


def capitalized(text: str, language: str | None) -> frozenset[str]:
    """Stems of capitalized words that do not open a sentence: a name proxy where no NER exists."""
    out = set()
    for sent in _SENT_END.split(text):
        for i, m in enumerate(_CAP.finditer(sent)):
            w = m.group(0)
            if i == 0 or not w[0].isupper() or len(w) < 2:
                continue
            for t in tokens(w, language):
                out.add(stem(t, language))
    return frozenset(out)


def numbers(text: str) -> frozenset[str]:
    """Numbers written in `text` with two or more digits, separators removed (years, counts, sums)."""
    out = set()
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"[.,]", "", m.group(0)).lstrip("0")
        if len(digits) >= 2:
            out.add(digits)
    return frozenset(out)


def view(article: Article, analysis: Analysis | None = None) -> View:
    """The text-side views of `article` (vectors come from `embed_views`)."""
    lang = (analysis.language if analysis and analysis.language else None) or article.language
    title = " ".join((article.title or "").split())
    body = _body(article)
    if analysis is not None and analysis.sentences:
        sents = [article.text[s.start : s.end] for s in analysis.sentences]
    else:
        sents = _split(body, lang)
    sents = [" ".join(s.split()) for s in sents]
    sents = [s for s in sents if len(s) >= MIN_SENTENCE and s != title][:MAX_SENTENCES]
    full = f"{title}\n{body}" if title else body
    ents: dict[str, int] | None = None
    names: dict[str, str] = {}
    places: set[str] = set()
    quotes: list[tuple[str, str, str]] = []
    if analysis is not None:
        if analysis.entities is not None:
            ents = {}
            for e in analysis.entities:
                key = e.key or fold(e.canonical or e.text, lang)
                ents[key] = ents.get(key, 0) + 1
                names.setdefault(key, e.canonical or e.text)
                if e.label == "LOC":
                    places.add(key)
        for q in analysis.quotes:
            if q.speaker_key or q.speaker:
                quotes.append((q.speaker_key or fold(q.speaker or "", lang), q.speaker or "", q.text))
    return View(
        language=lang,
        title=title,
        text=body,
        lead=embed_text(title, body),
        sentences=sents,
        terms=terms(full, lang),
        chars=char_terms(full, lang),
        title_terms=frozenset(terms(title, lang)),
        numbers=numbers(full),
        caps=capitalized(full, lang),
        entities=ents,
        names=names,
        places=frozenset(places),
        quotes=quotes,
        time=published_seconds(article.published, article.timezone),
    )


def embed_views(views: list[View], embedder: Embedder) -> list[View]:
    """Fill lead, title, full-text and sentence vectors of `views` with one `encode` call."""
    texts: list[str] = []
    slots: list[tuple[int, str, int]] = []  # (view, field, sentence index or chunk owner)

    def add(i: int, what: str, text: str, k: int = -1) -> None:
        texts.append(text)
        slots.append((i, what, k))

    for i, v in enumerate(views):
        add(i, "lead", v.lead)
        add(i, "title", v.title or v.lead)
        for c in chunks(v.text or v.lead):
            add(i, "chunk", c)
        for k, s in enumerate(v.sentences):
            add(i, "sent", s, k)
    vecs = embedder.encode(texts) if texts else np.zeros((0, embedder.dim), np.float32)
    dim = embedder.dim
    long_sum = np.zeros((len(views), dim), dtype=np.float32)
    for v in views:
        v.sent_vecs = np.zeros((len(v.sentences), dim), dtype=np.float32)
    for (i, what, k), text, vec in zip(slots, texts, vecs):
        v = views[i]
        if what == "lead":
            v.lead_vec = vec
        elif what == "title":
            v.title_vec = vec
        elif what == "chunk":
            long_sum[i] += vec * len(text)  # a chunk counts by its length
        else:
            v.sent_vecs[k] = vec  # type: ignore[index]
    norms = np.linalg.norm(long_sum, axis=1, keepdims=True)
    long_vecs = np.divide(long_sum, norms, out=np.zeros_like(long_sum), where=norms > 0)
    for i, v in enumerate(views):
        v.long_vec = long_vecs[i]
    return views
