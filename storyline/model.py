"""The vocabulary every stage reads and returns.

`Document` is one input as received (raw bytes, kept byte for byte). A reader turns it into one
or more `Draft`s (what the document says, before cleaning); the cleaner turns a draft into an
`Article`, which owns its clean text. `Paragraph` is a span into `Article.text` (offsets, never a
copy that can drift); `DroppedLine` and `HeaderLine` record what cleaning removed or consumed, so
that a user can audit it. Every type has `to_dict` / `from_dict`; JSON is the exchange format.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any


def sha256_hex(data: bytes) -> str:
    """The content hash used for documents and articles."""
    return hashlib.sha256(data).hexdigest()


class _Dict:
    """to_dict / from_dict for flat dataclasses (nested ones override)."""

    def to_dict(self) -> dict[str, Any]:
        # flat dataclasses only (lists of strings are copied); faster than dataclasses.asdict
        return {f.name: (list(v) if isinstance(v := getattr(self, f.name), list) else v)
                for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, d: dict[str, Any]):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class Document(_Dict):
    """One input as received: a file, a URL's body, stdin."""

    origin: str
    data: bytes
    media_type: str | None = None  # from the URL's Content-Type or the file's suffix
    charset: str | None = None  # declared by the transport, if any
    url: str | None = None  # for fetched documents: the final URL

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)


@dataclass
class Draft(_Dict):
    """What a reader found for one article, before cleaning.

    `shape` tells the cleaner what to expect: "page" is text as a browser shows a page (header
    lines and chrome likely), "body" is an article body from a structured source (HTML
    extraction, a record, a feed entry), where chrome is still possible but no header is parsed.
    """

    origin: str
    body: str
    shape: str = "page"
    item: str | None = None  # key inside a multi-article document (record URL, feed guid, line)
    title: str | None = None
    subtitle: str | None = None
    section: str | None = None
    author: str | None = None
    published: str | None = None  # as written in the source; parsed by the cleaner
    url: str | None = None
    outlet: str | None = None  # a hint: name, abbreviation or domain
    language: str | None = None  # declared by the source, checked by detection
    headings: list[str] = field(default_factory=list)  # body lines the source marks as headings
    warnings: list[str] = field(default_factory=list)


@dataclass
class Paragraph(_Dict):
    """A body paragraph or heading: a span [start, end) of `Article.text`."""

    start: int
    end: int
    kind: str = "paragraph"  # "paragraph" | "heading"


@dataclass
class DroppedLine(_Dict):
    """A line cleaning removed, with why (human words) and which signal decided it."""

    line: str
    reason: str
    signal: str  # pattern | caption | repeat | outlet | shape | position
    lineno: int | None = None  # 1-based line of the draft body


@dataclass
class HeaderLine(_Dict):
    """A line consumed as metadata (title, subtitle, section, date, author, credit, prefix)."""

    line: str
    field: str
    lineno: int | None = None


@dataclass
class Article:
    """A clean article: body text, its paragraphs, metadata and the audit of cleaning."""

    text: str
    paragraphs: list[Paragraph]
    origin: str
    item: str | None = None
    title: str | None = None
    subtitle: str | None = None
    section: str | None = None
    author: str | None = None
    outlet: str | None = None  # short id: abbreviation or domain ("BLZ", "krone.at")
    outlet_name: str | None = None
    agency: str | None = None
    language: str | None = None
    language_score: float | None = None
    published: str | None = None  # ISO 8601 cut to its precision: 2021-05, 2021-05-20, 2021-05-20T07:47+02:00
    published_precision: str | None = None  # month | day | minute
    timezone: str | None = None  # IANA name when the outlet's zone is known, else an offset or None
    url: str | None = None
    dropped: list[DroppedLine] = field(default_factory=list)
    header: list[HeaderLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_text: str = ""  # the draft body the article was cleaned from (for re-cleaning)
    id: int | None = None
    document_id: int | None = None
    # keys of the source's short lines, for learning the outlet's boilerplate; set by the cleaner, not stored
    learn_keys: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def content_hash(self) -> str:
        """Identity of the article's content: same title and body means the same article."""
        return sha256_hex(f"{self.title or ''}\n{self.text}".encode("utf-8"))

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]

    def to_dict(self, *, with_source: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "section": self.section,
            "author": self.author,
            "outlet": self.outlet,
            "outlet_name": self.outlet_name,
            "agency": self.agency,
            "language": self.language,
            "language_score": self.language_score,
            "published": self.published,
            "published_precision": self.published_precision,
            "timezone": self.timezone,
            "url": self.url,
            "origin": self.origin,
            "item": self.item,
            "document_id": self.document_id,
            "content_hash": self.content_hash,
            "text": self.text,
            "paragraphs": [
                {"text": self.text[p.start : p.end], "kind": p.kind, "start": p.start, "end": p.end}
                for p in self.paragraphs
            ],
            "dropped": [x.to_dict() for x in self.dropped],
            "header": [x.to_dict() for x in self.header],
            "warnings": list(self.warnings),
        }
        if with_source:
            d["source_text"] = self.source_text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        simple = {f.name for f in fields(cls)} - {"paragraphs", "dropped", "header", "learn_keys"}
        return cls(
            paragraphs=[Paragraph.from_dict(p) for p in d.get("paragraphs", [])],
            dropped=[DroppedLine.from_dict(x) for x in d.get("dropped", [])],
            header=[HeaderLine.from_dict(x) for x in d.get("header", [])],
            **{k: v for k, v in d.items() if k in simple},
        )


@dataclass
class Sentence(_Dict):
    """A sentence: a span [start, end) of `Article.text`."""

    start: int
    end: int


@dataclass
class Entity(_Dict):
    """A named-entity mention: span [start, end) of `Article.text`, its class and canonical name.

    `canonical` is the entity's name in the article's language ("Sergej Lawrow", "Russland");
    `key` is language-independent ("lavrov", "country:RU") so that entities compare across
    articles, spellings, scripts and languages.
    """

    text: str
    label: str  # PER | ORG | LOC | MISC
    canonical: str
    start: int
    end: int
    key: str = ""


@dataclass
class Quote(_Dict):
    """A quotation: what was said (span [start, end) of `Article.text`, inside the marks), who said it, the cue.

    `kind` is "direct" (a quoted sentence or clause), "partial" (quoted words or a phrase inside
    the reporter's sentence, scare quotes included) or "reported" (indirect speech without marks).
    `speaker` is the canonical name of the speaker, or the phrase that names one ("ein ranghoher
    US-Beamter", "russische Staatsmedien"); None when nobody is named.
    """

    speaker: str | None
    text: str
    cue: str | None
    start: int
    end: int
    kind: str = "direct"
    speaker_key: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass
class DateMention(_Dict):
    """A time expression resolved against the publication date: "am Mittwoch" → 2021-05-19 (day)."""

    text: str
    start: int
    end: int
    value: str | None  # ISO 8601 cut to its precision; None when it cannot be resolved
    precision: str | None = None  # year | month | day | minute
    relative: bool = False  # resolved against the publication date rather than written out


@dataclass
class NumberMention(_Dict):
    """A number and what it counts: "zehn russische Diplomaten" → 10, unit "Diplomaten"."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None = None  # the counted noun (or unit: "Prozent", "Euro") as written


@dataclass
class Analysis:
    """What `storyline.analyze` found in one article.

    `entities` is None when no entity model exists for the article's language; `status` then says
    so ({"entities": "unavailable for it"}) — an empty list means "looked and found none".
    """

    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] | None = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    language: str | None = None
    status: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "language": self.language,
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": None if self.entities is None else [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "dates": [d.to_dict() for d in self.dates],
            "numbers": [n.to_dict() for n in self.numbers],
            "status": dict(self.status),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Analysis":
        ents = d.get("entities")
        return cls(
            sentences=[Sentence.from_dict(x) for x in d.get("sentences", [])],
            entities=None if ents is None else [Entity.from_dict(x) for x in ents],
            quotes=[Quote.from_dict(x) for x in d.get("quotes", [])],
            dates=[DateMention.from_dict(x) for x in d.get("dates", [])],
            numbers=[NumberMention.from_dict(x) for x in d.get("numbers", [])],
            language=d.get("language"),
            status=dict(d.get("status", {})),
            warnings=list(d.get("warnings", [])),
            version=int(d.get("version", 1)),
        )


@dataclass
class Rejection(_Dict):
    """An input that was skipped, and why."""

    origin: str
    reason: str


@dataclass
class IngestReport(_Dict):
    """What one ingest run did: the JSON of `storyline ingest --json`."""

    ingested: int = 0
    duplicates: int = 0
    skipped: list[Rejection] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped_lines: int = 0
    recleaned: int = 0
    analyzed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "skipped": [{"path": r.origin, "reason": r.reason} for r in self.skipped],
            "ids": list(self.ids),
            "warnings": list(self.warnings),
            "dropped_lines": self.dropped_lines,
            "recleaned": self.recleaned,
            "analyzed": self.analyzed,
        }
