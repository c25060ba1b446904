"""represent / represent_many: dense vector, terms with entity keys, places, time; publication time parsing."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pytest

from storyline.errors import UsageError
from storyline.model import Analysis, Article, Entity
from storyline.represent import Representation, represent, represent_many
from storyline.represent.time import published_seconds


class Letters:
    name = "letters"
    dim = 26

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), 26), np.float32)
        for i, t in enumerate(texts):
            for ch in t.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _utc(s: float) -> str:
    return datetime.fromtimestamp(s, timezone.utc).isoformat()


def test_published_seconds():
    assert _utc(published_seconds("2021-05-20")) == "2021-05-20T12:00:00+00:00"  # a date alone is noon UTC
    assert _utc(published_seconds("2021-05")) == "2021-05-15T12:00:00+00:00"
    assert _utc(published_seconds("2021-05-20T07:47+02:00")) == "2021-05-20T05:47:00+00:00"
    assert _utc(published_seconds("2021-05-20T07:47Z")) == "2021-05-20T07:47:00+00:00"
    assert _utc(published_seconds("2021-05-20T07:47", "Europe/Berlin")) == "2021-05-20T05:47:00+00:00"
    assert _utc(published_seconds("2021-05-20T07:47", "+01:00")) == "2021-05-20T06:47:00+00:00"
    assert _utc(published_seconds("2021-05-20T07:47", "Nowhere/Else")) == "2021-05-20T07:47:00+00:00"
    assert published_seconds(None) is None and published_seconds("last Tuesday") is None


def _article() -> tuple[Article, Analysis]:
    text = "Berlin weist zwei Diplomaten aus. Moskau kündigt eine Antwort an. Berlin bleibt hart."
    ents = []
    for word, key, label in (("Berlin", "berlin", "LOC"), ("Moskau", "moscow", "LOC"), ("Berlin", "berlin", "LOC")):
        start = text.find(word, ents[-1].end if ents and ents[-1].text == word else 0)
        ents.append(Entity(text=word, label=label, canonical=word, start=start, end=start + len(word), key=key))
    art = Article(text=text, paragraphs=[], origin="t", title="Diplomaten ausgewiesen", language="de",
                  published="2021-05-20", id=7)
    return art, Analysis(entities=ents, language="de")


def test_represent_one_article():
    art, an = _article()
    rep = represent(art, an, Letters())
    assert isinstance(rep, Representation)
    assert rep.dense.shape == (26,) and rep.dense.dtype == np.float32
    assert np.isclose(np.linalg.norm(rep.dense), 1.0)
    assert rep.entities == {"berlin": 2, "moscow": 1}
    assert rep.places == frozenset({"berlin", "moscow"})
    assert rep.terms["ent:berlin"] == 2 and rep.terms["ent:moscow"] == 1
    assert rep.terms["diploma"] == 2  # title and body, stemmed
    assert "eine" not in rep.terms
    assert rep.time == published_seconds("2021-05-20")
    assert rep.language == "de" and rep.article_id == 7


def test_represent_many_batches_and_handles_missing_analyses():
    art, an = _article()
    other = Article(text="Ein Ruderverein gewinnt das Finale.", paragraphs=[], origin="u", language="de")
    emb = Letters()
    reps = represent_many([art, other], [an, None], emb)
    assert emb.calls == 1
    assert reps[1].entities == {} and reps[1].places == frozenset() and reps[1].time is None
    assert represent_many([art], None, emb)[0].entities == {}
    assert represent_many([], None, emb) == []
    with pytest.raises(UsageError, match="one to one"):
        represent_many([art, other], [an], emb)


def test_analysis_without_entity_model_gives_no_entities():
    art, _ = _article()
    rep = represent(art, Analysis(entities=None, language="tr", status={"entities": "unavailable for tr"}), Letters())
    assert rep.entities == {} and rep.language == "tr"
