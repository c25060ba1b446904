"""Link: articles → stories, online and across languages.

- `StoryLinker`   the online clusterer (scikit-learn shape: `partial_fit`, `labels_`, `predict`)
- `link_stored`   assign every article of a store that is in no story yet (resumable)
- `stories`       the store's stories, most recent first; `story` one story with its members
- `bcubed`, `pairwise`  clustering scores against gold stories
"""

from __future__ import annotations

from .linker import StoryLinker
from .metrics import bcubed, pairwise
from .stored import link_stored, stories, story

__all__ = ["StoryLinker", "link_stored", "stories", "story", "bcubed", "pairwise"]
