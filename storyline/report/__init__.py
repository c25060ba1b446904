"""The static HTML report: an index of stories, a page per story and a page per article.

    write_report(out_dir, [(coverage, articles), ...]) -> index.html

Pages are built with f-strings and one escaping helper (`html.esc`) rather than a template engine:
Jinja2 is only present as a transitive dependency of spaCy, and the pages are simple enough that
explicit escaping at every value is easy to read and to audit. The pages open from disk: relative
links, a stylesheet beside them, no script, nothing fetched from the network.
"""

from storyline.report.pages import render_article, render_index
from storyline.report.story import render_story
from storyline.report.write import write_report

__all__ = ["render_article", "render_index", "render_story", "write_report"]
