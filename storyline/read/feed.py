"""RSS and Atom feeds (feedparser): each entry one article, its HTML content made text."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputRejected
from ..model import Draft
from .htmltext import fragment_paragraphs, looks_like_html


def read_feed(data: bytes, origin: str) -> Iterator[Draft | InputRejected]:
    """Parse a feed; a malformed feed with no entries is rejected, one with entries read with a warning."""
    import feedparser  # only imported when a feed is read

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = [e for e in parsed.get("entries") or [] if e]
    if not entries or (parsed.get("bozo") and not any(e.get("content") or e.get("summary") for e in entries)):
        problem = parsed.get("bozo_exception")
        if problem is not None:
            raise InputRejected(origin, f"malformed feed: {str(problem).strip() or type(problem).__name__}")
        raise InputRejected(origin, "feed holds no entries")
    channel = parsed.get("feed", {})
    outlet = channel.get("title") or None
    language = (channel.get("language") or "")[:2].lower() or None
    warning = None
    if parsed.get("bozo"):
        warning = f"{origin}: feed is not well-formed ({parsed.get('bozo_exception')}); entries read anyway"
    for i, entry in enumerate(entries, 1):
        key = entry.get("link") or entry.get("id") or f"entry {i}"
        content = ""
        for c in entry.get("content") or []:
            if len(c.get("value", "")) > len(content):
                content = c.get("value", "")
        summary = entry.get("summary") or ""
        body = content or summary
        if not body.strip():
            yield InputRejected(f"{origin}#{key}", "feed entry has no content or summary text")
            continue
        headings: list[str] = []
        if looks_like_html(body):
            blocks = fragment_paragraphs(body)
            headings = [t for kind, t in blocks if kind == "heading"]
            body = "\n\n".join(t for _, t in blocks)
        if not body.strip():
            yield InputRejected(f"{origin}#{key}", "feed entry has no text after removing markup")
            continue
        subtitle = None
        if content and summary and summary != content:
            subtitle = " ".join(t for _, t in fragment_paragraphs(summary)) if looks_like_html(summary) else summary
        draft = Draft(
            origin=origin, body=body, shape="body", item=key, title=entry.get("title") or None,
            subtitle=subtitle or None, author=entry.get("author") or None,
            published=entry.get("published") or entry.get("updated") or None,
            url=entry.get("link") or None, outlet=outlet, language=language,
            section=(entry.get("tags") or [{}])[0].get("term") if entry.get("tags") else None,
            headings=headings,
        )
        if warning:
            draft.warnings.append(warning)
        yield draft
