"""The index of stories and the page of one article (clean text and what cleaning dropped)."""

from __future__ import annotations

from typing import Any

from storyline.report.html import (count, esc, external_link, fmt_span, fmt_time, lang_attr,
                                   page, story_href)


def render_index(stories: list[dict]) -> str:
    """The index page: each story {id, title, size, outlets, languages, first, last} as a table row."""
    rows = []
    articles = 0
    for st in stories:
        outlets = st.get("outlets") or []
        outlets = outlets if isinstance(outlets, list) else [outlets]
        size = st.get("size") or 0
        articles += size if isinstance(size, int) else 0
        title = st.get("title") or f"Story {st.get('id')}"
        rows.append(
            f'<tr><th scope="row" data-label="Story"><a href="{esc(story_href(st.get("id")))}">{esc(title)}</a></th>'
            f'<td data-label="Articles" class="num">{esc(size)}</td>'
            f'<td data-label="Outlets">{esc(", ".join(map(str, outlets)))}</td>'
            f'<td data-label="Languages">{esc(", ".join(map(str, st.get("languages") or [])))}</td>'
            f'<td data-label="Time span">{esc(fmt_span(st.get("first"), st.get("last")))}</td></tr>')
    body = (f'<h1>Stories</h1><p class="meta">{_n(len(stories), "story", "stories")} · {_n(articles, "article", "articles")}</p>'
            + ('<div class="scroll"><table class="index cards"><caption>Stories, with the number of '
               'articles, the outlets that report them, their languages and the time from the first '
               'to the last article.</caption><thead><tr><th scope="col">Story</th>'
               '<th scope="col">Articles</th><th scope="col">Outlets</th><th scope="col">Languages</th>'
               f'<th scope="col">Time span</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
               if rows else '<p class="none">No stories.</p>'))
    return page("Stories — storyline", body)


def render_article(article: dict, *, story: dict | None = None) -> str:
    """An article's page: its metadata, clean text by paragraph, and the chrome cleaning dropped, with reasons.

    `story` ({id, title}), when given, adds a link back to the story page.
    """
    lang = lang_attr(article.get("language"))
    title = article.get("title") or f"Article {article.get('id')}"
    back = (f' <span aria-hidden="true">›</span> <a href="{esc(story_href(story.get("id")))}">'
            f'{esc(story.get("title") or "story")}</a>' if story else "")
    meta = [("Outlet", esc(" — ".join(str(x) for x in (article.get("outlet_name"), article.get("outlet")) if x))),
            ("Author", esc(article.get("author"))), ("Section", esc(article.get("section"))),
            ("Agency", esc(article.get("agency"))),
            ("Published", esc(_published(article))),
            ("Language", esc(_language(article))),
            ("URL", external_link(article.get("url"))),
            ("Source", esc(article.get("origin"))), ("Item", esc(article.get("item")))]
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta if v)
    body = [f'<h1{lang}>{esc(title)}</h1>']
    if article.get("subtitle"):
        body.append(f'<p class="subtitle"{lang}>{esc(article["subtitle"])}</p>')
    body.append(f'<dl class="meta-list">{dl}</dl>')
    body.append(f'<section id="text"><h2>Clean text</h2><div class="article-text"{lang}>{_paragraphs(article)}</div></section>')
    body.append(_dropped(article.get("dropped") or []))
    header = article.get("header") or []
    if header:
        rows = "".join(f'<tr><td data-label="Line" class="num">{esc(h.get("lineno"))}</td>'
                       f'<td data-label="Field">{esc(h.get("field"))}</td>'
                       f'<td data-label="Text"><code>{esc(h.get("line"))}</code></td></tr>' for h in header)
        body.append('<section id="header"><h2>Header lines read as metadata</h2><table class="cards">'
                    '<thead><tr><th scope="col">Line</th><th scope="col">Field</th><th scope="col">Text</th>'
                    f'</tr></thead><tbody>{rows}</tbody></table></section>')
    warnings = article.get("warnings") or []
    if warnings:
        body.append('<section id="warnings"><h2>Warnings</h2><ul>'
                    + "".join(f"<li>{esc(w)}</li>" for w in warnings) + "</ul></section>")
    nav = f' <span aria-hidden="true">›</span> <a href="index.html">Stories</a>{back}'
    return page(f"{title} — storyline", "\n".join(body), nav=nav)


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _published(a: dict) -> str:
    text = fmt_time(a.get("published"))
    extra = [x for x in (a.get("published_precision") and f"precision: {a['published_precision']}",
                         a.get("timezone") and f"zone: {a['timezone']}") if x]
    return text + (f" ({', '.join(extra)})" if extra else "")


def _language(a: dict) -> str:
    lang, score = a.get("language"), a.get("language_score")
    if not lang:
        return ""
    return f"{lang} (score {score:.2f})" if isinstance(score, (int, float)) else str(lang)


def _paragraphs(a: dict) -> str:
    """The clean text as paragraphs and headings (blank-line blocks when paragraphs are absent)."""
    paras = a.get("paragraphs") or [{"text": t, "kind": "paragraph"}
                                    for t in (a.get("text") or "").split("\n\n") if t.strip()]
    out = []
    for p in paras:
        text = p.get("text")
        if text is None and isinstance(p.get("start"), int):  # offsets only: cut from the text
            text = (a.get("text") or "")[p["start"]:p.get("end")]
        tag = "h3" if p.get("kind") == "heading" else "p"
        out.append(f"<{tag}>{esc(text)}</{tag}>")
    return "".join(out) or '<p class="none">No text.</p>'


def _dropped(lines: list[dict]) -> str:
    """The lines cleaning removed, each with its reason and the signal that decided it."""
    if not lines:
        return '<section id="dropped"><h2>Dropped lines</h2><p class="none">Cleaning dropped nothing.</p></section>'
    rows = "".join(f'<tr><td data-label="Line" class="num">{esc(d.get("lineno"))}</td>'
                   f'<td data-label="Text"><code>{esc(d.get("line"))}</code></td>'
                   f'<td data-label="Reason">{esc(d.get("reason"))}</td>'
                   f'<td data-label="Signal">{esc(d.get("signal"))}</td></tr>' for d in lines)
    return (f'<section id="dropped"><h2>Dropped lines ({len(lines)})</h2>'
            '<p>Page chrome that cleaning removed from the text above, and why.</p>'
            '<div class="scroll"><table class="dropped cards"><thead><tr><th scope="col">Line</th>'
            '<th scope="col">Text</th><th scope="col">Reason</th><th scope="col">Signal</th></tr></thead>'
            f'<tbody>{rows}</tbody></table></div></section>')


def story_entry(coverage: dict, articles: list[dict]) -> dict[str, Any]:
    """The index row of a story, from its coverage dict."""
    st = coverage.get("story") or {}
    return {"id": st.get("id"), "title": st.get("title"),
            "size": count(st.get("articles"), len(articles)),
            "outlets": [o.get("name") or o.get("outlet") for o in coverage.get("outlets") or []],
            "languages": st.get("languages") or [], "first": st.get("first"), "last": st.get("last")}
