"""Write a report folder: index.html, story-<id>.html, article-<id>.html and style.css."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from storyline.report.html import article_href, story_href
from storyline.report.pages import render_article, render_index, story_entry
from storyline.report.story import render_story
from storyline.report.style import CSS


def write_report(out_dir: str | Path, stories: Iterable[tuple[dict, list[dict]]]) -> Path:
    """Write the report of (coverage dict, article dicts) per story into `out_dir`; returns index.html's path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for coverage, articles in stories:
        entry = story_entry(coverage, articles)
        entries.append(entry)
        _write(out / story_href(entry["id"]), render_story(coverage, articles))
        back = {"id": entry["id"], "title": entry["title"]}
        for a in articles:
            if a.get("id") is not None:
                _write(out / article_href(a["id"]), render_article(a, story=back))
    _write(out / "style.css", CSS)
    index = out / "index.html"
    _write(index, render_index(entries))
    return index


def _write(path: Path, text: str) -> None:
    # UTF-8 always: the pages declare it, and article text is in any script
    path.write_text(text, encoding="utf-8")
