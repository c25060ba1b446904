"""The report's pages, without a browser: structure, links, highlighting, timeline and escaping."""

from __future__ import annotations

import copy
import re

from report.story_data import HOSTILE_FACT, HOSTILE_TITLE, HOSTILE_URL, LKZ, WB, make_story
from report.dom import Node, assert_inert, parse

from storyline.report import render_article, render_index, render_story, write_report
from storyline.report.html import external_link, fmt_span, http_url, parse_time
from storyline.report.style import CSS
from storyline.report.timeline import render_timeline


def _cell(row: Node, outlet_name: str) -> Node:
    return next(td for td in row.find_all("td") if td.attrs.get("data-label") == outlet_name)


def test_write_report_writes_every_page_and_links_resolve(story, tmp_path):
    index = write_report(tmp_path / "out", [story])
    out = index.parent
    names = sorted(p.name for p in out.iterdir())
    assert names == ["article-101.html", "article-102.html", "article-201.html", "article-202.html",
                     "article-301.html", "index.html", "story-7.html", "style.css"]
    for page in out.glob("*.html"):
        root = parse(page.read_text(encoding="utf-8"))
        ids = {n.attrs.get("id") for n in root.iter()}
        assert_inert(root)
        csp = [m.attrs["content"] for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        assert len(csp) == 1 and "script-src 'none'" in csp[0] and "connect-src 'none'" in csp[0]
        for n in root.find_all("a"):
            href = n.attrs["href"]
            if href.startswith("#"):
                assert href[1:] in ids, (page.name, href)
            elif not href.startswith(("http://", "https://")):
                target, _, frag = href.partition("#")
                assert (out / target).is_file(), (page.name, href)
    # nothing fetched: the stylesheet imports nothing and names no URL
    assert "@import" not in CSS and "url(" not in CSS and "http" not in CSS


def test_story_page_has_matrix_quotes_entities_timeline_summary(story):
    coverage, articles = story
    root = parse(render_story(coverage, articles))
    assert root.find("html").attrs["lang"] == "en"
    assert root.find("meta", None) and any(m.attrs.get("name") == "viewport" for m in root.find_all("meta"))
    matrix = root.find("table", "matrix")
    heads = [th.text() for th in matrix.find("thead").find_all("th")]
    assert heads == ["Fact", "Lindmoorer Kreiszeitung", "North Sea Post", "Weser-Bote"]
    rows = matrix.find("tbody").find_all("tr")
    assert [r.attrs["id"] for r in rows] == [f"fact-{i}" for i in range(1, 10)]
    kinds = [r.find("span", "badge").text() for r in rows]
    assert kinds == ["shared", "shared", "shared", "partial", "shared", "unique", "unique", "unique", "unique"]
    # fact 4 is not reported by the Weser-Bote: an explicit empty cell, not a missing one
    assert "absent" in _cell(rows[3], "Weser-Bote").classes()
    # disagreements: flagged on the row, each outlet's value shown in its cell
    assert "disagree" in rows[2].classes() and "disagree" in rows[4].classes()
    assert "disagree" not in rows[0].classes()
    assert "time differs" in rows[2].find("ul", "flags").text()
    assert "number (Woche) differs: Lindmoorer Kreiszeitung: 3 Wochen" in rows[4].find("ul", "flags").text()
    assert _cell(rows[4], "Weser-Bote").find("span", "says").text() == "number: 4 Wochen"
    # every variant's text carries its language
    langs = {(v.text(), v.attrs.get("lang")) for v in matrix.find_all("span", "vt")}
    assert ("No one was injured.", "en") in langs and ("Verletzt wurde niemand.", "de") in langs

    quotes = root.find("table", "quotes").find("tbody").find_all("tr")
    assert [r.find("span", "speaker").text() for r in quotes] == ["Anna Petersen", "Jonas Meier", "Wasserschutzpolizei"]
    matches = [b.text() for b in quotes[0].find_all("span", "badge")]
    assert matches == ["exact", "translation", "paraphrase", "partial"]  # in outlet column order
    flags = quotes[0].find("ul", "flags").text()
    assert "speakers differ" in flags and "Lars Holm (Weser-Bote)" in flags
    # the variant given to another speaker says so in its cell; the others do not
    assert [v.text() for v in quotes[0].find_all("span", "vspeaker")] == ["— Lars Holm"]
    assert _cell(quotes[0], "North Sea Post").find("q").attrs["lang"] == "en"

    ents = root.find("table", "entities").find("tbody").find_all("tr")
    assert ents[0].find("th").text() == "Lindmoor" and "all" in ents[0].classes()
    assert [td.text() for td in ents[0].find_all("td")][1:] == ["4", "1", "3"]

    svg = root.find("svg", "timeline")
    dots = svg.find_all("circle", "dot")
    assert len(dots) == 5
    assert [d.attrs["data-article"] for d in dots if "first" in d.classes()] == ["101"]
    assert [d.attrs["data-article"] for d in dots if "undated" in d.classes()] == ["202"]
    assert [d.attrs["data-article"] for d in dots if "day" in d.classes()] == ["201"]
    assert [d.attrs["data-article"] for d in dots if "update" in d.classes()] == ["102"]

    summary = root.find("ol", "summary").find_all("li")
    assert len(summary) == 3
    assert summary[0].find("span", "credit").text() == "— Lindmoorer Kreiszeitung, Weser-Bote, North Sea Post"
    assert [a.attrs["href"] for a in summary[0].find_all("a")] == ["article-101.html", "#fact-1"]

    cards = root.find("div", "outlets").find_all("article", "outlet")
    assert [c.find("h3").text().split(" ")[0] for c in cards] == ["Lindmoorer", "North", "Weser-Bote"]
    assert "first to report" in cards[0].text() and "first to report" not in cards[1].text()
    assert {a.attrs["href"] for a in cards[2].find_all("a") if a.attrs["href"].startswith("article")} == \
        {"article-201.html", "article-202.html"}


def test_wording_differences_are_marked_from_their_offsets(story):
    coverage, articles = story
    root = parse(render_story(coverage, articles))
    row = next(r for r in root.find_all("tr") if r.attrs.get("id") == "fact-1")
    marks = lambda td: [m.text() for m in td.find_all("mark")]  # noqa: E731
    assert marks(_cell(row, "Lindmoorer Kreiszeitung")) == ["zu", "gerammt"]
    wb = _cell(row, "Weser-Bote").find_all("div", "variant")
    # 201 differs from LKZ (zum, gegen, geprallt) and from 202 (geprallt again: one mark, two outlets)
    assert marks(wb[0]) == ["zum", "gegen", "geprallt"]
    assert marks(wb[1]) == ["gerammt"]
    assert marks(_cell(row, "North Sea Post")) == []
    title = next(m for m in wb[0].find_all("mark") if m.text() == "geprallt").attrs["title"]
    assert "Lindmoorer Kreiszeitung" in title and "Weser-Bote" in title
    assert "2 wording differences" in row.find("details", "diffs").text()


def test_bad_offsets_are_clamped_and_overlaps_merged(story):
    coverage, articles = story
    cov = copy.deepcopy(coverage)
    fact = cov["facts"][1]  # "Die Brücke ist seitdem für den gesamten Verkehr gesperrt."
    fact["differences"] = [{"a": {"outlet": LKZ, "article": 101}, "b": {"outlet": WB, "article": 201},
                            "a_words": [{"text": "x", "start": 4, "end": 10}, {"text": "y", "start": 8, "end": 14},
                                        {"text": "z", "start": 50, "end": 999}, {"text": "r", "start": 30, "end": 20},
                                        {"text": "n", "start": None, "end": 3}],
                            "b_words": [{"text": "w", "start": -5, "end": 3}]}]
    root = parse(render_story(cov, articles))
    row = next(r for r in root.find_all("tr") if r.attrs.get("id") == "fact-2")
    text = fact["variants"][0]["text"]
    assert [m.text() for m in _cell(row, "Lindmoorer Kreiszeitung").find_all("mark")] == [text[4:14], text[50:]]
    assert [m.text() for m in _cell(row, "Weser-Bote").find_all("mark")] == ["Die"]
    assert _cell(row, "Lindmoorer Kreiszeitung").find("span", "vt").text() == text  # no text lost or doubled


def test_hostile_text_is_shown_as_text_and_never_becomes_markup(hostile_story, tmp_path):
    out = write_report(tmp_path, [hostile_story]).parent
    story = (out / "story-7.html").read_text(encoding="utf-8")
    article = (out / "article-301.html").read_text(encoding="utf-8")
    for html in (story, article, (out / "index.html").read_text(encoding="utf-8")):
        assert "<script" not in html and "<img" not in html and "</textarea" not in html
        assert_inert(parse(html))
    root = parse(story)
    assert HOSTILE_FACT in root.text()  # the reader sees the text as written
    assert '<svg onload="document.body.dataset.pwned=\'entity\'">Van Dijk' in root.text()
    page = parse(article)
    assert HOSTILE_TITLE in page.find("h1").text()
    assert page.find("span", "url-text").text() == HOSTILE_URL  # a javascript: URL stays text
    assert not [a for a in page.find_all("a") if "pwned" in a.attrs.get("href", "")]
    assert '<script>document.body.dataset.pwned="dropped"</script>' in page.find("table", "dropped").text()


def _poison(value, payload: str):
    """Every string in a structure with `payload` appended (keys kept: they are the schema)."""
    if isinstance(value, str):
        return value + payload
    if isinstance(value, dict):
        return {k: _poison(v, payload) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, payload) for v in value]
    return value


def test_every_field_is_escaped_even_ids_languages_and_kinds():
    coverage, articles = make_story()
    for payload in ('"><script>alert(1)</script>', "' onmouseover='alert(1)", "</textarea><img src=x onerror=alert(1)>",
                    "]]><!--", "javascript:alert(1)"):
        cov, arts = _poison(coverage, payload), _poison(articles, payload)
        for html in (render_story(cov, arts), render_article(arts[0], story={"id": payload, "title": payload}),
                     render_index([{"id": payload, "title": payload, "size": 3, "outlets": [payload],
                                    "languages": [payload], "first": payload, "last": payload}])):
            root = parse(html)
            assert_inert(root)
            # a language tag that is not one is left out, never escaped into the attribute
            assert all(re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", n.attrs["lang"])
                       for n in root.iter() if "lang" in n.attrs)
            for n in root.find_all("a"):  # internal links keep a file-safe name
                href = n.attrs["href"]
                assert href.startswith(("#", "http")) or re.fullmatch(r"[\w.-]+\.html(#[\w-]+)?", href), href


def test_urls_are_links_only_when_http():
    assert http_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert http_url("HTTP://example.org/") == "HTTP://example.org/"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\nscript:x",
                "data:text/html,<b>x</b>", "//example.org/x", "/local/path", "http://", "https://a b/",
                "vbscript:x", None, 42):
        assert http_url(bad) is None, bad
    assert external_link("https://example.org/?a=1&b=\"2\"").startswith('<a href="https://example.org/?a=1&amp;b=&quot;2&quot;"')
    assert external_link("javascript:alert(1)") == '<span class="url-text">javascript:alert(1)</span>'
    assert external_link(None) == ""


def test_timeline_handles_month_precision_missing_and_single_times():
    names = {"A": "Outlet A", "B": "Outlet B"}
    tl = [{"outlet": "A", "article": 1, "published": "2021-05", "first": True},
          {"outlet": "B", "article": 2, "published": "2021-05-20T07:47+02:00"},
          {"outlet": "B", "article": 3, "published": None},
          {"outlet": "B", "article": 4, "published": "not a date"}]
    root = parse(render_timeline(tl, ["A", "B"], names, {1: "Eins"}, {1, 2}))
    dots = root.find_all("circle", "dot")
    assert len(dots) == 4
    assert [d.attrs["data-article"] for d in dots if "month" in d.classes()] == ["1"]
    assert [d.attrs["data-article"] for d in dots if "undated" in d.classes()] == ["3", "4"]
    bar = root.find("rect", "span")
    assert float(bar.attrs["width"]) > 100  # a month is a wide bar on an axis of a month
    # the minute dot lies inside the month bar: 20 May is two thirds into May
    x = float(dots[1].attrs["cx"])
    assert float(bar.attrs["x"]) + 0.55 * float(bar.attrs["width"]) < x < float(bar.attrs["x"]) + 0.7 * float(bar.attrs["width"])
    assert [a.attrs["href"] for a in root.find_all("a")][:2] == ["article-1.html", "article-2.html"]
    rows = root.find("table").find("tbody").find_all("tr")
    assert [r.find_all("td")[0].text() for r in rows] == ["May 2021", "2021-05-20 07:47 +02:00", "unknown", "not a date"]

    one = parse(render_timeline([{"outlet": "A", "article": 1, "published": "2021-05-20T07:47Z"}], ["A"], names, {}, set()))
    assert len(one.find_all("circle", "dot")) == 1 and one.find_all("line", "tick")
    none = parse(render_timeline([{"outlet": "A", "article": 1, "published": None}], ["A"], names, {}, set()))
    assert "no publication times known" in none.text() and len(none.find_all("circle", "dot")) == 1
    empty = parse(render_timeline([], ["A", "B"], names, {}, set()))
    assert not empty.find_all("circle", "dot") and len(empty.find_all("rect", "lane")) == 2


def test_times_keep_their_precision_and_zone():
    assert parse_time("2021-05") and parse_time("2021-05")[1].month == 6
    assert parse_time("2021-05-20T07:47+02:00")[0].hour == 5  # to UTC
    assert parse_time("garbage") is None and parse_time(None) is None
    assert fmt_span("2021-05-20T07:47+02:00", "2021-05-22T06:47+02:00") == \
        "2021-05-20 07:47 +02:00 → 2021-05-22 06:47 +02:00 (47 h)"
    assert fmt_span("2021-05-20", "2021-05-25T10:00Z").endswith("(5 days)")  # from the start of the first day
    assert fmt_span(None, "2021-05") == "May 2021" and fmt_span(None, None) == "unknown"


def test_article_page_shows_clean_text_and_dropped_lines_with_reasons(story):
    _, articles = story
    a = dict(articles[0])
    a["paragraphs"] = [{"text": "Zwischentitel", "kind": "heading", "start": 0, "end": 0}] + a["paragraphs"]
    root = parse(render_article(a, story={"id": 7, "title": "The story"}))
    body = root.find("div", "article-text")
    assert body.attrs["lang"] == "de"
    assert body.find("h3").text() == "Zwischentitel"
    assert [p.text() for p in body.find_all("p")] == [p["text"] for p in articles[0]["paragraphs"]]
    rows = root.find("table", "dropped").find("tbody").find_all("tr")
    assert [(r.find("code").text(), r.find_all("td")[2].text()) for r in rows] == [
        ("Anzeige", "advertisement label"), ("Lesen Sie auch: Neue Radwege für die Innenstadt", "cross-promotion link"),
        ("Teilen auf Facebook", "share button")]
    assert any(n.attrs.get("href") == "story-7.html" for n in root.find_all("a"))
    assert root.find("dl", "meta-list").find("a").attrs["href"] == "https://lkz-online.de/a/101"
    clean = parse(render_article(dict(articles[0], dropped=[])))
    assert "Cleaning dropped nothing" in clean.text()


def test_index_lists_stories_with_size_outlets_languages_and_span():
    root = parse(render_index([
        {"id": 3, "title": "Bridge closed", "size": 5, "outlets": ["A", "B"], "languages": ["de", "en"],
         "first": "2024-03-14T05:12+01:00", "last": "2024-03-16T05:12+01:00"},
        {"id": "x/y", "title": None, "size": 1, "outlets": ["C"], "languages": [], "first": None, "last": None}]))
    rows = root.find("table", "index").find("tbody").find_all("tr")
    assert [r.find("a").attrs["href"] for r in rows] == ["story-3.html", "story-x_y.html"]
    cells = [td.text() for td in rows[0].find_all("td")]
    assert cells == ["5", "A, B", "de, en", "2024-03-14 05:12 +01:00 → 2024-03-16 05:12 +01:00 (2 days)"]
    assert rows[1].find("a").text() == "Story x/y"
    assert "2 stories · 6 articles" in root.find("p", "meta").text()
    assert "No stories" in parse(render_index([])).text()


def test_report_of_empty_story_renders():
    cov = {"story": {"id": 1, "title": "Alone"}, "outlets": [], "facts": [], "quotes": [], "entities": {},
           "timeline": [], "summary": []}
    root = parse(render_story(cov, []))
    assert "No facts." in root.text() and "No quotes." in root.text() and "No entities." in root.text()
