"""The report in a real browser: headless Chromium loads the pages from disk and we read its DOM.

Needs Debian's `chromium` (.ci/install-chromium). When it is missing, the module tries that script
once; if the browser still cannot be had the tests skip with the reason (and fail under CI, where
the setup must have installed it).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from report.dom import Node, assert_inert, parse
from report.story_data import HOSTILE_FACT, HOSTILE_URL, make_story
from support import ROOT

from storyline.report import write_report
from storyline.report.screenshot import dump_dom, find_chromium, png_size, screenshot


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The hand-made story (with hostile text) written as a report; Chromium made available."""
    if find_chromium() is None:
        script = ROOT / ".ci" / "install-chromium"
        subprocess.run(["bash", str(script)], capture_output=True, timeout=900, check=False)
    if find_chromium() is None:
        reason = "headless Chromium is not installed and .ci/install-chromium could not install it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return write_report(tmp_path_factory.mktemp("report"), [make_story(hostile=True)]).parent


def _not_pwned(root: Node) -> None:
    """No payload ran: each would have set data-pwned on <body>."""
    body = root.find("body")
    assert "data-pwned" not in body.attrs, body.attrs


def test_story_page_in_chromium_has_matrix_quotes_and_timeline(report):
    root = parse(dump_dom(report / "story-7.html", 1280, 900), strict=False)
    _not_pwned(root)
    assert_inert(root)
    matrix = root.find("table", "matrix")
    assert [th.text() for th in matrix.find("thead").find_all("th")][1:] == \
        ["Lindmoorer Kreiszeitung", "North Sea Post", "Weser-Bote"]
    facts = matrix.find("tbody").find_all("tr")
    assert len(facts) == 10 and all(r.find("span", "badge").text() in ("shared", "partial", "unique") for r in facts)
    assert len(matrix.find_all("mark")) >= 10
    quotes = root.find("table", "quotes").find("tbody").find_all("tr")
    assert [q.find("span", "speaker").text() for q in quotes] == ["Anna Petersen", "Jonas Meier", "Wasserschutzpolizei"]
    svg = root.find("svg", "timeline")
    assert len(svg.find_all("circle", "dot")) == 5 and len(svg.find_all("circle", "first")) == 1
    # the hostile fact is there as text, and nothing was built from it
    assert HOSTILE_FACT in root.text()
    assert "onmouseover" not in {k for n in root.iter() for k in n.attrs}


def test_article_and_index_pages_in_chromium_stay_inert(report):
    page = parse(dump_dom(report / "article-301.html"), strict=False)
    _not_pwned(page)
    assert_inert(page)
    assert page.find("span", "url-text").text() == HOSTILE_URL
    assert '<script>document.body.dataset.pwned="dropped"</script>' in page.find("table", "dropped").text()
    index = parse(dump_dom(report / "index.html"), strict=False)
    _not_pwned(index)
    assert index.find("table", "index").find("a").attrs["href"] == "story-7.html"


MEASURE = """<script>
window.addEventListener("load", function () {
  var cards = Array.prototype.map.call(document.querySelectorAll("article.outlet"), function (c) {
    var r = c.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)]; });
  var cell = getComputedStyle(document.querySelector("table.matrix td")).display;
  parent.postMessage(JSON.stringify({cards: cards, cell: cell, inner: window.innerWidth,
    scroll: document.documentElement.scrollWidth}), "*");
});
</script>"""
HOST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>host</title></head><body>
<iframe src="measure.html" width="{width}" height="900"></iframe>
<script>window.addEventListener("message", function (e) {{
  var p = document.createElement("pre"); p.id = "layout"; p.textContent = e.data; document.body.appendChild(p); }});
</script></body></html>"""


def _layout(report: Path, width: int) -> dict:
    """Where the outlet cards land in a viewport `width` px wide (the story page in an iframe)."""
    html = (report / "story-7.html").read_text(encoding="utf-8")
    # a copy that may run one measuring script: only script-src changes, the styles load as in the report
    assert "script-src &#x27;none&#x27;" in html
    html = html.replace("script-src &#x27;none&#x27;", "script-src &#x27;unsafe-inline&#x27;")
    (report / "measure.html").write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    (report / f"host-{width}.html").write_text(HOST.format(width=width), encoding="utf-8")
    dom = dump_dom(report / f"host-{width}.html", 1400, 1000, settle_ms=3000)
    found = re.search(r'<pre id="layout">(.*?)</pre>', dom)
    assert found, "the measuring script did not report"
    return json.loads(found.group(1).replace("&quot;", '"'))


def test_outlets_are_columns_on_a_laptop_and_stacked_on_a_phone(report):
    wide = _layout(report, 1280)
    assert len({top for _, top in wide["cards"]}) == 1 and len({left for left, _ in wide["cards"]}) == 3
    assert wide["cell"] == "table-cell"
    phone = _layout(report, 390)
    lefts, tops = [c[0] for c in phone["cards"]], [c[1] for c in phone["cards"]]
    assert len(set(lefts)) == 1 and tops == sorted(tops) and len(set(tops)) == 3
    assert phone["cell"] == "block"  # the fact matrix reads as cards
    assert phone["scroll"] <= phone["inner"], phone  # nothing pushes the page sideways


def test_screenshots_at_laptop_and_phone_width(report, tmp_path):
    for width, height in ((1280, 900), (390, 1600)):
        png = screenshot(report / "story-7.html", tmp_path / f"story-{width}.png", width, height)
        assert png_size(png) == (width, height)
        # a blank page compresses to a few KB; a rendered one with text is far larger
        assert png.stat().st_size > 30_000, png.stat().st_size
