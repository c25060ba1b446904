"""Sparse view: per-language terms, document frequencies that grow with the corpus, tf-idf cosine.

1. fold      case per language (Turkish dotted/dotless i), Unicode NFC, Arabic letter variants
2. tokens    Unicode words (letters and digits); elisions (fr/it l', d') and Turkish suffixes
             after an apostrophe ("İzmir'de") dropped
3. stop      the language's stopwords (`stopwords.py`)
4. stem      light suffix stripping: CISTEM-like for German, plural/inflection endings for
             en/fr/es/it, Larkey's light10 for Arabic, five-letter truncation for Turkish (which
             retrieval studies found as good as a full Turkish stemmer)
Entity keys join the terms as "ent:<key>" and are weighted like any term; their document
frequencies are counted over all languages, since a key means the same thing in every language.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from .stopwords import STOPWORDS

ENTITY_PREFIX = "ent:"
_ALL = "*"  # the table for entity terms and for the document count over all languages

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_AR_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, superscript alef, tatweel
_ELISIONS = {
    "fr": {"l", "d", "j", "qu", "n", "s", "c", "m", "t", "lorsqu", "puisqu", "jusqu", "quelqu"},
    "it": {"l", "d", "un", "dell", "all", "dall", "nell", "sull", "coll", "c", "s", "quest", "quell"},
}


def fold(text: str, lang: str | None) -> str:
    """Lowercase `text` the way `lang` does (Turkish İ/I), NFC, Arabic letter variants merged."""
    text = unicodedata.normalize("NFC", text)
    if lang in ("tr", "az"):
        text = text.replace("I", "ı").replace("İ", "i")
    text = text.lower()
    if lang == "ar":
        text = _AR_DIACRITICS.sub("", text)
        text = text.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}))
    return text


def _word(token: str, lang: str | None) -> str:
    """One token with its apostrophe part resolved for `lang`."""
    if "'" not in token and "’" not in token:
        return token
    parts = re.split("['’]", token)
    if lang in ("tr", "az"):
        return parts[0]  # Turkish writes case endings after an apostrophe on names: İzmir'de
    if lang in _ELISIONS and parts[0] in _ELISIONS[lang]:
        return "".join(parts[1:])
    if lang == "en" and parts[-1] in ("s", "t", "re", "ve", "ll", "d"):
        return "".join(parts[:-1])
    return "".join(parts)


def _stem_de(w: str) -> str:
    w = w.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")
    if w.startswith("ge") and len(w) >= 6:
        w = w[2:]  # participles: gewählt ~ wählt
    while True:  # CISTEM's suffix loop
        if len(w) > 5 and w[-2:] in ("em", "er", "nd"):
            w = w[:-2]
        elif len(w) > 4 and w[-1] in "etsn":
            w = w[:-1]
        else:
            return w


def _stem_en(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    for suf in ("ing", "ed"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            w = w[: -len(suf)]
            return w[:-1] if len(w) > 3 and w[-1] == w[-2] else w
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _stem_fr(w: str) -> str:
    for suf in ("issements", "issement", "ements", "ement", "ations", "ation", "euses", "euse",
                "ités", "ité", "eaux", "aux", "ées", "és", "ée", "es", "s", "x", "é", "e"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            w = w[: -len(suf)]
            if suf == "aux":
                w += "al"  # journaux ~ journal
            break
    return w


def _stem_es(w: str) -> str:
    for suf in ("aciones", "ación", "mente", "ces", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            w = w[: -len(suf)] + ("z" if suf == "ces" else "")
            break
    return w[:-1] if len(w) > 4 and w[-1] in "aoe" else w


def _stem_it(w: str) -> str:
    for suf in ("azioni", "azione", "mente"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w[:-1] if len(w) > 4 and w[-1] in "aeio" else w


_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ي")


def _stem_ar(w: str) -> str:
    # Larkey et al.'s light10 (letters already folded: ة→ه)
    if len(w) >= 4 and w[0] == "و":
        w = w[1:]
    for p in _AR_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p) :]
            break
    for s in _AR_SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 2:
            w = w[: -len(s)]
    return w


def _stem_tr(w: str) -> str:
    return w[:5]


_STEMMERS = {"de": _stem_de, "en": _stem_en, "fr": _stem_fr, "es": _stem_es, "it": _stem_it,
             "ar": _stem_ar, "tr": _stem_tr}
_STOP = {lang: frozenset(fold(w, lang) for w in words) for lang, words in STOPWORDS.items()}


def tokens(text: str, lang: str | None) -> list[str]:
    """Folded word tokens of `text` (stopwords kept, not stemmed), digits included."""
    folded = fold(text, lang)
    return [w for t in _WORD.findall(folded) if (w := _word(t, lang))]


def stem(word: str, lang: str | None) -> str:
    """The light stem of one folded word in `lang` (numbers and unknown languages unchanged)."""
    if word.isdigit():
        return word
    fn = _STEMMERS.get(lang or "")
    return fn(word) if fn else word


def terms(text: str, lang: str | None) -> dict[str, int]:
    """Stemmed content terms of `text` in `lang` with their counts (stopwords and 1-letter words dropped)."""
    stop = _STOP.get(lang or "", frozenset())
    out: Counter[str] = Counter()
    for w in tokens(text, lang):
        if len(w) < 2 or w in stop:
            continue
        out[stem(w, lang)] += 1
    return dict(out)


def char_terms(text: str, lang: str | None = None, n: int = 4) -> dict[str, int]:
    """Character `n`-grams inside words (padded with spaces): a spelling-tolerant, stemmer-free view."""
    out: Counter[str] = Counter()
    for w in tokens(text, lang):
        w = f" {w} "
        if len(w) <= n:
            out[w] += 1
            continue
        out.update(w[i : i + n] for i in range(len(w) - n + 1))
    return dict(out)


def with_entities(term_counts: Mapping[str, int], entity_keys: Mapping[str, int]) -> dict[str, int]:
    """Term counts with entity keys added as "ent:<key>" terms."""
    out = dict(term_counts)
    for key, count in entity_keys.items():
        if key:
            out[ENTITY_PREFIX + key] = out.get(ENTITY_PREFIX + key, 0) + int(count)
    return out


class DocumentFrequencies:
    """Document frequencies per language, updated one document at a time; tf-idf weights from them.

    Learned state: `n_` (documents seen per language, and "*" for all) and `df_` (term → number
    of documents containing it, per language; entity terms under "*").
    """

    def __init__(self) -> None:
        self.n_: dict[str, int] = {}
        self.df_: dict[str, Counter[str]] = {}

    @staticmethod
    def _table(term: str, language: str | None) -> str:
        return _ALL if term.startswith(ENTITY_PREFIX) else (language or "und")

    def partial_fit(self, terms: Iterable[str] | Mapping[str, int], language: str | None = None) -> "DocumentFrequencies":
        """Count one document's distinct `terms` (a term → count mapping or an iterable of terms)."""
        lang = language or "und"
        self.n_[lang] = self.n_.get(lang, 0) + 1
        self.n_[_ALL] = self.n_.get(_ALL, 0) + 1
        for term in set(terms):
            # interned: the linker keeps these keys in many dicts (centroids, recent members): one string each
            self.df_.setdefault(self._table(term, lang), Counter())[sys.intern(term)] += 1
        return self

    def idf(self, term: str, language: str | None = None) -> float:
        """Smoothed inverse document frequency: log((1 + n) / (1 + df)) + 1 (1.0 before any document)."""
        table = self._table(term, language)
        n = self.n_.get(table, 0)
        df = self.df_.get(table, {}).get(term, 0)
        return math.log((1 + n) / (1 + df)) + 1.0

    def weights(self, terms: Mapping[str, int], language: str | None = None) -> dict[str, float]:
        """Sublinear tf times idf, L2-normalized (empty for no terms)."""
        intern = sys.intern  # the keys are shared with the frequency table (see partial_fit)
        raw = {intern(t): (1.0 + math.log(c)) * self.idf(t, language) for t, c in terms.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in raw.values()))
        return {t: v / norm for t, v in raw.items()} if norm > 0 else {}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state."""
        return {"n": dict(self.n_), "df": {lang: dict(c) for lang, c in self.df_.items()}}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "DocumentFrequencies":
        """The state `to_dict` wrote."""
        obj = cls()
        obj.n_ = {str(k): int(v) for k, v in d.get("n", {}).items()}
        intern = sys.intern  # as partial_fit does: a loaded linker's tables share these strings
        obj.df_ = {str(k): Counter({intern(str(t)): int(c) for t, c in v.items()}) for k, v in d.get("df", {}).items()}
        return obj


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (0.0 when either is empty or all zero)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    if na == 0.0 or nb == 0.0:
        return 0.0
    return max(-1.0, min(1.0, dot / (na * nb)))
