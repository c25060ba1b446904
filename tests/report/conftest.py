"""Fixtures of the report tests: the hand-made story of story_data, plain and with hostile text."""

from __future__ import annotations

import pytest
from report.story_data import make_story


@pytest.fixture
def story() -> tuple[dict, list[dict]]:
    return make_story()


@pytest.fixture
def hostile_story() -> tuple[dict, list[dict]]:
    return make_story(hostile=True)
