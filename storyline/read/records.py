"""JSON, JSONL and CSV dumps: one article per record, common field names mapped automatically.

A record's fields are matched case-insensitively against the names below (the first present
wins); `--map field=NAME,...` overrides any of them. A record without article text is rejected
with the names that were looked for. One malformed JSONL line or CSV row skips that record only.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputRejected, UsageError
from ..model import Draft
from .htmltext import looks_like_html, fragment_paragraphs

FIELDS: dict[str, tuple[str, ...]] = {
    # English names first, then German, French, Spanish, Italian ones seen in newsroom exports
    "title": ("title", "headline", "heading", "header", "subject", "name",
              "titel", "überschrift", "schlagzeile", "titre", "titular", "título", "titulo", "titolo"),
    "text": ("text", "body", "content", "maintext", "article", "article_text", "articlebody",
             "full_text", "fulltext", "content_encoded", "body_text", "story",
             "inhalt", "artikeltext", "texte", "contenu", "corps", "texto", "cuerpo", "contenido", "testo", "corpo",
             "description", "summary"),
    "subtitle": ("subtitle", "subheadline", "dek", "standfirst", "lead", "teaser", "untertitel", "chapeau",
                 "sous_titre", "subtítulo", "subtitulo", "entradilla", "sottotitolo", "description", "summary"),
    "published": ("published", "date", "pubdate", "published_at", "publishedat", "date_publish",
                  "datepublished", "publication_date", "pub_date", "datetime", "time", "timestamp",
                  "datum", "veröffentlicht", "fecha", "data", "created_at", "created", "updated"),
    "url": ("url", "link", "href", "canonical_url", "uri", "permalink", "lien", "enlace", "collegamento"),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "source_domain", "publisher",
               "source_name", "domain", "newspaper", "media", "feed", "quelle", "zeitung", "medium", "médium",
               "journal", "medio", "fuente", "periódico", "periodico", "testata", "fonte"),
    "language": ("language", "lang", "locale", "sprache", "langue", "idioma", "lingua"),
    "author": ("author", "authors", "byline", "by", "creator", "autor", "autorin", "auteur", "autore"),
    "section": ("section", "category", "categories", "rubric", "department", "ressort", "rubrik", "rubrique",
                "sección", "seccion", "sezione"),
}
_LIST_KEYS = ("articles", "items", "data", "results", "entries", "documents", "records", "posts")


def parse_map(spec: str | None) -> dict[str, str]:
    """Parse `--map title=headline,text=body` into {field: source name}."""
    if not spec:
        return {}
    out: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        key, sep, name = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in FIELDS or not name.strip():
            raise UsageError(
                f"--map: bad entry {part!r}; write FIELD=NAME with FIELD one of {', '.join(FIELDS)}"
            )
        out[key] = name.strip()
    return out


def _norm(key: str) -> str:
    return key.strip().lower().replace("-", "_").replace(":", "_").replace(" ", "_")


def _scalar(value: Any) -> str | None:
    """A record value as text: lists joined, dicts by their name/title/url."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for k in ("name", "title", "value", "url", "href", "id"):
            if k in value:
                return _scalar(value[k])
        return None
    if isinstance(value, list):
        parts = [p for p in (_scalar(v) for v in value) if p]
        return ", ".join(parts) or None
    return None


def record_draft(record: dict[str, Any], origin: str, item: str, mapping: dict[str, str]) -> Draft:
    """Map one record to a Draft; raise InputRejected when it holds no article text."""
    by_norm = {_norm(k): v for k, v in record.items() if isinstance(k, str)}
    got: dict[str, str | None] = {}
    used: set[str] = set()
    for fld, names in FIELDS.items():
        if fld in mapping:
            got[fld] = _scalar(record.get(mapping[fld], by_norm.get(_norm(mapping[fld]))))
            used.add(_norm(mapping[fld]))
            continue
        got[fld] = None
        for name in names:
            if name in used:
                continue  # a field serves once: "description" is text only when nothing else is
            value = _scalar(by_norm.get(name))
            if value:
                got[fld] = value
                used.add(name)
                break
        else:
            # a compound name such as texto_completo or article_title: match one of its parts
            for key, raw in by_norm.items():
                if key not in used and any(part in names[:-2] for part in re.split(r"[_\W]+", key)):
                    value = _scalar(raw)
                    if value:
                        got[fld] = value
                        used.add(key)
                        break
    body = got["text"]
    if not body:
        looked = mapping.get("text") or ", ".join(FIELDS["text"][:6])
        raise InputRejected(f"{origin}#{item}", f"no article text (looked for {looked}; use --map text=FIELD)")
    headings: list[str] = []
    if looks_like_html(body):
        paras = fragment_paragraphs(body)
        headings = [t for kind, t in paras if kind == "heading"]
        body = "\n\n".join(t for _, t in paras)
    url = got["url"]
    return Draft(
        origin=origin, body=body, shape="body", item=url or item, title=got["title"],
        subtitle=got["subtitle"] if got["subtitle"] != got["text"] else None,
        section=got["section"], author=got["author"], published=got["published"], url=url,
        outlet=got["outlet"], language=got["language"], headings=headings,
    )


def read_json(text: str, origin: str, mapping: dict[str, str]) -> Iterator[Draft | InputRejected]:
    """A JSON array of records, one record, or an object holding a list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        # A file named .json that is really JSON Lines is common in dumps.
        if e.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(text, origin, mapping)
            return
        raise InputRejected(origin, f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    if isinstance(data, dict):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        raise InputRejected(origin, f"JSON holds a {type(data).__name__}, not article records")
    if not data:
        raise InputRejected(origin, "JSON holds no records")
    for i, rec in enumerate(data):
        if not isinstance(rec, dict):
            yield InputRejected(f"{origin}#{i + 1}", f"record {i + 1} is a {type(rec).__name__}, not an object")
            continue
        try:
            yield record_draft(rec, origin, f"{i + 1}", mapping)
        except InputRejected as e:
            yield e


def read_jsonl(text: str, origin: str, mapping: dict[str, str]) -> Iterator[Draft | InputRejected]:
    """One JSON object per line; a malformed line is rejected alone."""
    seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen = True
        where = f"{origin}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputRejected(where, f"invalid JSON on line {lineno} (column {e.colno}: {e.msg}); line skipped")
            continue
        if not isinstance(rec, dict):
            yield InputRejected(where, f"line {lineno} holds a {type(rec).__name__}, not an object; line skipped")
            continue
        try:
            yield record_draft(rec, origin, f"line {lineno}", mapping)
        except InputRejected as e:
            yield e
    if not seen:
        raise InputRejected(origin, "JSON Lines file holds no records")


def read_csv(text: str, origin: str, mapping: dict[str, str]) -> Iterator[Draft | InputRejected]:
    """A CSV (or TSV / semicolon) table with a header row."""
    # The delimiter is the separator the header row uses most; quoting stays RFC 4180 (the
    # csv.Sniffer guesses quote characters from one line and gets multi-line fields wrong).
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=header.count)
    csv.field_size_limit(50_000_000)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames or len(reader.fieldnames) < 2:
        raise InputRejected(origin, "CSV has no header row with at least two columns")
    n = 0
    try:
        for n, row in enumerate(reader, 1):
            if None in row:  # more cells than header names
                row.pop(None)
            try:
                yield record_draft(row, origin, f"row {n}", mapping)
            except InputRejected as e:
                yield e
    except csv.Error as e:
        yield InputRejected(f"{origin}#row {n + 1}", f"malformed CSV ({e}); the rest of the file is skipped")
    if n == 0:
        raise InputRejected(origin, "CSV has a header but no rows")
