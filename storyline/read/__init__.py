"""Read: inputs (files, directories, stdin, URLs) to `Document`s, documents to `Draft`s.

The format of a document is chosen by (1) its file suffix, (2) the Content-Type it was served
with, (3) sniffing its first bytes. Every failure is an `InputRejected` naming the input; the
caller counts it and goes on.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputRejected
from ..model import Document, Draft
from .decode import decode

DEFAULT_MAX_BYTES = 20_000_000

SUFFIX_FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}
MEDIA_FORMATS = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
    "application/json": "json", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
    "text/csv": "csv", "application/rss+xml": "feed", "application/atom+xml": "feed",
}
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")


@dataclass
class Read:
    """What reading one document gave: its drafts, the records it rejected, warnings."""

    drafts: list[Draft] = field(default_factory=list)
    rejected: list[InputRejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    format: str = "text"


def iter_documents(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False,
                   stdin=None) -> Iterator[Document | InputRejected]:
    """Yield a Document per file, URL or stdin, or an InputRejected naming what failed."""
    client = None
    try:
        for spec in inputs:
            if spec == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                data = stream.read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield InputRejected("<stdin>", f"larger than the size cap of {max_bytes:,} bytes; raise it with --max-bytes")
                else:
                    yield Document(origin="<stdin>", data=data)
            elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec):
                from . import url as urlmod
                import httpx

                if client is None:
                    client = httpx.Client()
                try:
                    got = urlmod.fetch(spec, allow_private=allow_private, max_bytes=max_bytes, client=client)
                except InputRejected as e:
                    yield e
                    continue
                yield Document(origin=spec, data=got.data, media_type=got.content_type, charset=got.charset,
                               url=got.final_url)
            else:
                yield from _path_documents(Path(spec), max_bytes)
    finally:
        if client is not None:
            client.close()


def _path_documents(path: Path, max_bytes: int) -> Iterator[Document | InputRejected]:
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield _file_document(Path(root) / name, max_bytes)
    else:
        yield _file_document(path, max_bytes)


def _file_document(path: Path, max_bytes: int) -> Document | InputRejected:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputRejected(origin, f"{size:,} bytes is larger than the size cap of {max_bytes:,} bytes; "
                                         "raise it with --max-bytes")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        return InputRejected(origin, "no such file or directory")
    except IsADirectoryError:
        return InputRejected(origin, "is a directory")
    except PermissionError:
        return InputRejected(origin, "permission denied")
    except OSError as e:
        return InputRejected(origin, f"cannot read: {e.strerror or e}")
    if len(data) > max_bytes:  # grew while we read it
        return InputRejected(origin, f"larger than the size cap of {max_bytes:,} bytes; raise it with --max-bytes")
    return Document(origin=origin, data=data)


def detect_format(doc: Document, text: str) -> str:
    """The reader for a document: suffix, then Content-Type, then the first bytes."""
    suffix = Path(doc.origin.split("?")[0]).suffix.lower() if doc.url is None else ""
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    if doc.media_type in MEDIA_FORMATS:
        return MEDIA_FORMATS[doc.media_type]
    head = text.lstrip()[:2000].lower()
    if head.startswith("<"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        if "<html" in head or "<!doctype html" in head or "<body" in head or "<article" in head:
            return "html"
        return "feed" if head.startswith("<?xml") else "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        lines = [ln for ln in text.splitlines()[:3] if ln.strip()]
        return "jsonl" if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines) else "json"
    return "text"


def read_document(doc: Document, *, mapping: dict[str, str] | None = None) -> Read:
    """Decode a document and run the reader for its format; raises InputRejected for the whole document."""
    from . import feed, htmltext, records

    text, warnings = decode(doc.data, doc.origin, doc.charset)
    out = Read(warnings=warnings, format=detect_format(doc, text))
    mapping = mapping or {}
    if out.format == "text":
        out.drafts.append(Draft(origin=doc.origin, body=text, shape="page", url=doc.url,
                                outlet=_domain_dir(doc.origin)))
        return out
    if out.format == "html":
        out.drafts.append(htmltext.read_html(text, doc.origin, doc.url))
        return out
    reader = {
        "json": lambda: records.read_json(text, doc.origin, mapping),
        "jsonl": lambda: records.read_jsonl(text, doc.origin, mapping),
        "csv": lambda: records.read_csv(text, doc.origin, mapping),
        "feed": lambda: feed.read_feed(doc.data, doc.origin),
    }[out.format]
    for got in reader():
        if isinstance(got, InputRejected):
            out.rejected.append(got)
        else:
            out.warnings.extend(got.warnings)
            got.warnings = []
            out.drafts.append(got)
    if not out.drafts and out.rejected and len(out.rejected) == 1:
        raise out.rejected[0]
    return out


def _domain_dir(origin: str) -> str | None:
    """A file under a directory named like a domain (pages/krone.at/x.txt) is that outlet's."""
    parent = Path(origin).parent.name.lower()
    return parent if _DOMAIN.match(parent) else None
