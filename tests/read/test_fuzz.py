"""Property: every reader, fed arbitrary bytes, gives Articles or a clear rejection — never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from storyline.clean import clean
from storyline.errors import InputRejected
from storyline.model import Article, Document
from storyline.outlets import Registry
from storyline.read import read_document

REGISTRY = Registry.packaged()
SUFFIXES = ["txt", "html", "json", "jsonl", "csv", "xml"]

# Arbitrary bytes, and bytes that look like each format's start, so the readers' inner paths are reached.
PREFIXES = [b"", b"<html><body><p>", b"<?xml version='1.0'?><rss><channel><item><description>", b"[{\"text\": \"",
            b"{\"title\": \"x\", \"text\": \"", b"title,text\nT,\"", b"Titel\n\nAusland\n12.03.2024 09:15\n\n"]
payloads = st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.binary(max_size=600)) | \
    st.builds(lambda p, t: p + t.encode("utf-8", "surrogatepass"), st.sampled_from(PREFIXES),
              st.text(max_size=400).map(lambda s: s.encode("utf-8", "ignore").decode("utf-8")))


def _read_all(suffix: str, data: bytes) -> list[Article]:
    try:
        got = read_document(Document(origin=f"fuzz.{suffix}", data=data))
    except InputRejected as e:
        assert e.origin.startswith("fuzz.") and e.reason
        return []
    for rej in got.rejected:
        assert rej.origin.startswith("fuzz.") and rej.reason
    return [clean(d, registry=REGISTRY) for d in got.drafts]


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads)
def test_arbitrary_bytes_give_articles_or_a_rejection(suffix, data):
    for a in _read_all(suffix, data):
        assert isinstance(a, Article)
        for p in a.paragraphs:  # spans stay inside the text
            assert 0 <= p.start <= p.end <= len(a.text)
        assert Article.from_dict(a.to_dict(with_source=True)).to_dict() == a.to_dict()
