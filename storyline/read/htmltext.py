"""HTML to article text: whole pages through trafilatura, fragments (feed content, record bodies)
through lxml. Scripts, styles, iframes and event handlers never reach the text.
"""

from __future__ import annotations

import json
import re

from lxml import etree, html as lhtml

from ..errors import InputRejected
from ..model import Draft

_TAG = re.compile(r"</?(p|br|div|h[1-6]|li|ul|ol|a|b|i|em|strong|span|img|figure|blockquote|table)\b[^>]*>", re.I)
_BLOCKS = {"p", "div", "li", "blockquote", "pre", "td", "th", "dd", "dt", "section", "article", "figcaption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_DROP = {"script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "canvas",
         "form", "button", "input", "select", "textarea", "nav", "aside", "footer", "header"}
_WS = re.compile(r"\s+")
_UTF8_PARSER = lhtml.HTMLParser(encoding="utf-8")  # text is decoded already; don't let lxml guess again


def looks_like_html(text: str) -> bool:
    """True when a text field carries HTML markup rather than plain text."""
    return bool(_TAG.search(text[:20000]))


def fragment_paragraphs(fragment: str) -> list[tuple[str, str]]:
    """Split an HTML fragment into ("paragraph"|"heading", text) blocks."""
    try:
        root = lhtml.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [("paragraph", _WS.sub(" ", re.sub(r"<[^>]+>", " ", fragment)).strip())]
    for bad in root.xpath("|".join(f".//{t}" for t in _DROP)):
        bad.drop_tree()
    out: list[tuple[str, str]] = []
    buf: list[str] = []

    def flush(kind: str = "paragraph") -> None:
        text = _WS.sub(" ", "".join(buf)).strip()
        buf.clear()
        if text:
            out.append((kind, text))

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _HEADINGS:
            flush()
            buf.append(el.text_content())
            flush("heading")
        elif tag == "br":
            flush()
        elif tag in _BLOCKS:
            flush()
            if el.text:
                buf.append(el.text)
            for child in el:
                walk(child)
            flush()
        else:
            if el.text and tag:
                buf.append(el.text)
            for child in el:
                walk(child)
        if el.tail and el is not root:
            buf.append(el.tail)

    walk(root)
    flush()
    return out


# Meta tags that carry the publication time with minutes and offset (trafilatura gives the day).
_META_TIME = ("article:published_time", "og:published_time", "og:article:published_time", "datepublished",
              "pubdate", "publishdate", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date",
              "parsely-pub-date", "publication_date")


def _page_meta(tree) -> dict[str, str]:
    meta: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in meta:
            meta[key] = content
    lang = tree.getroot().get("lang") if hasattr(tree, "getroot") else tree.get("lang")
    if lang:
        meta["html:lang"] = lang
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            meta.setdefault("canonical", el.get("href"))
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            try:
                data = json.loads(el.text)
            except ValueError:
                continue
            for obj in data if isinstance(data, list) else [data]:
                if isinstance(obj, dict) and obj.get("datePublished"):
                    meta.setdefault("ld:datepublished", str(obj["datePublished"]))
    for el in tree.iter("time"):
        if el.get("datetime"):
            meta.setdefault("time:datetime", el.get("datetime"))
            break
    return meta


def read_html(text: str, origin: str, url: str | None = None) -> Draft:
    """Extract the article of a whole HTML page (trafilatura on the given HTML, never its downloader)."""
    import trafilatura  # heavy import, only when HTML is read

    try:
        tree = lhtml.document_fromstring(text.encode("utf-8"), parser=_UTF8_PARSER)
    except (etree.ParserError, ValueError) as e:
        raise InputRejected(origin, f"malformed HTML: {e}") from None
    meta = _page_meta(tree)
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, fast=True, include_comments=False,
                                      include_tables=True, include_images=False)
    if doc is None or doc.body is None:
        raise InputRejected(origin, "no article text found in the HTML page")
    title = doc.title
    headings: list[str] = []
    paras: list[str] = []
    for el in doc.body:
        t = _WS.sub(" ", "".join(el.itertext())).strip()
        if not t:
            continue
        if el.tag == "head":
            if not paras and title and t == title:
                continue  # the page's h1 repeats its title
            headings.append(t)
        paras.append(t)
    if not paras:
        raise InputRejected(origin, "no article text found in the HTML page")
    published = next((meta[k] for k in _META_TIME if meta.get(k)), None) or meta.get("ld:datepublished") \
        or meta.get("time:datetime") or doc.date
    return Draft(
        origin=origin, body="\n\n".join(paras), shape="body", title=title,
        subtitle=meta.get("og:description") or meta.get("description") or doc.description,
        author=doc.author, published=published, url=url or meta.get("canonical") or doc.url,
        outlet=meta.get("og:site_name") or doc.sitename or doc.hostname,
        language=(meta.get("html:lang") or meta.get("og:locale") or "")[:2].lower() or None,
        section=(doc.categories[0] if doc.categories else None) or meta.get("article:section"),
        headings=headings,
    )
