"""Escaping and small HTML builders shared by the report's pages.

Every text and attribute value that reaches a page goes through `esc` (html.escape with quotes):
article text is hostile input, and the report must never run it. External URLs become links only
when they are plain http(s) URLs; anything else (javascript:, data:, relative paths) is shown as text.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from html import escape
from typing import Any
from urllib.parse import urlsplit

# Defence in depth: even if some text escaped its escaping, the page would run no script, embed
# nothing and fetch nothing (no images but data:, no fonts, no connections). Styles are left
# unrestricted on purpose: browsers differ on whether 'self' covers a file:// page's stylesheet,
# and a report that loses its CSS when opened from disk is unreadable.
CSP = ("script-src 'none'; object-src 'none'; frame-src 'none'; connect-src 'none'; font-src 'none'; "
       "media-src 'none'; img-src data:; base-uri 'none'; form-action 'none'")

_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_SAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def esc(value: Any) -> str:
    """Text or attribute value, escaped for HTML (None becomes empty)."""
    if value is None:
        return ""
    return escape(str(value), quote=True)


def lang_attr(lang: Any) -> str:
    """` lang="xx"` for a well-formed language tag, else nothing (a bad tag is dropped, not escaped in)."""
    if isinstance(lang, str) and _LANG.match(lang):
        return f' lang="{esc(lang)}"'
    return ""


def safe_id(value: Any) -> str:
    """A file-name and fragment-safe form of an id (letters, digits, _ and - only)."""
    return _SAFE_ID.sub("_", str(value)) or "_"


def story_href(story_id: Any) -> str:
    """Relative link of a story page."""
    return f"story-{safe_id(story_id)}.html"


def article_href(article_id: Any) -> str:
    """Relative link of an article page."""
    return f"article-{safe_id(article_id)}.html"


def http_url(url: Any) -> str | None:
    """`url` when it is an absolute http(s) URL with a host and no whitespace or controls, else None."""
    if not isinstance(url, str) or _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def external_link(url: Any) -> str:
    """An http(s) URL as a link that leaks nothing on click; any other value as plain text."""
    safe = http_url(url)
    if safe is None:
        return f'<span class="url-text">{esc(url)}</span>' if url else ""
    return f'<a href="{esc(safe)}" rel="noopener noreferrer nofollow">{esc(safe)}</a>'


def page(title: str, body: str, *, nav: str = "") -> str:
    """A whole HTML document around `body` (already HTML), with the shared stylesheet beside it."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n"
        '<link rel="stylesheet" href="style.css">\n</head>\n<body>\n'
        f'<header class="site"><a href="index.html">storyline</a>{nav}</header>\n'
        f"<main>\n{body}\n</main>\n"
        '<footer class="site">Static report written by storyline; it needs no server and loads '
        "nothing from the network.</footer>\n</body>\n</html>\n"
    )


def parse_time(value: Any) -> tuple[datetime, datetime] | None:
    """An ISO 8601 time cut to its precision as the UTC interval it covers; None when unknown.

    "2021-05-20T07:47+02:00" is an instant; "2021-05-20" the whole day and "2021-05" the whole
    month (both read as UTC: a day or month without a zone has none to honour).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    m = _MONTH.match(text)
    try:
        if m:
            year, month = int(m.group(1)), int(m.group(2))
            lo = datetime(year, month, 1, tzinfo=timezone.utc)
            hi = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=timezone.utc)
            return lo, hi
        if len(text) == 10:  # a day
            lo = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
            return lo, lo.replace(hour=23, minute=59, second=59)
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    dt = dt.astimezone(timezone.utc)
    return dt, dt


def precision(value: Any) -> str | None:
    """"month", "day" or "minute" for a parseable time, else None."""
    if parse_time(value) is None:
        return None
    text = value.strip()
    return "month" if _MONTH.match(text) else "day" if len(text) == 10 else "minute"


def fmt_time(value: Any) -> str:
    """A publication time for people, kept at its precision and in its own zone ("unknown" if absent)."""
    if parse_time(value) is None:
        return str(value) if value else "unknown"
    text = value.strip()
    if _MONTH.match(text):
        return datetime.strptime(text, "%Y-%m").strftime("%B %Y")
    if len(text) == 10:
        return text
    dt = datetime.fromisoformat(text)
    zone = dt.strftime("%z")
    zone = f" {zone[:3]}:{zone[3:]}" if zone else ""
    return dt.strftime("%Y-%m-%d %H:%M") + zone


def fmt_span(first: Any, last: Any) -> str:
    """"first → last (duration)" for a story's time span; tolerates either end unknown."""
    a, b = parse_time(first), parse_time(last)
    if a is None and b is None:
        return "unknown"
    if a is None or b is None or first == last:
        return fmt_time(first if a else last)
    hours = (b[1] - a[0]).total_seconds() / 3600
    length = f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"
    return f"{fmt_time(first)} → {fmt_time(last)} ({length})"


def count(value: Any, default: int) -> int:
    """A count given as a number or as the list it counts (`default` when neither)."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    return len(value) if isinstance(value, (list, tuple)) else default


def describe(value: Any) -> str:
    """A value of unknown shape (a conflict record, say) as short readable text, unescaped."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {describe(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, (list, tuple)):
        return ", ".join(describe(v) for v in value)
    return "" if value is None else str(value)
