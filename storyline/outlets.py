"""Outlets and agencies: who published an article, under which name, in which time zone.

An outlet is known by an id (an abbreviation like "BLZ" or a domain like "krone.at"), a name and
aliases. The registry is the packaged list (`data/outlets.json`) plus outlets a user adds
(`ingest --outlets FILE`, kept in the store). An outlet nobody registered still gets a time zone
from its domain's country where that country has one zone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urlsplit

TLD_ZONES = {
    "at": "Europe/Vienna", "de": "Europe/Berlin", "ch": "Europe/Zurich", "li": "Europe/Vaduz", "lu": "Europe/Luxembourg",
    "fr": "Europe/Paris", "be": "Europe/Brussels", "nl": "Europe/Amsterdam", "es": "Europe/Madrid", "it": "Europe/Rome",
    "uk": "Europe/London", "ie": "Europe/Dublin", "pl": "Europe/Warsaw", "cz": "Europe/Prague", "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm", "no": "Europe/Oslo", "fi": "Europe/Helsinki",
    "gr": "Europe/Athens", "tr": "Europe/Istanbul", "ua": "Europe/Kyiv", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
    "hr": "Europe/Zagreb", "si": "Europe/Ljubljana", "rs": "Europe/Belgrade", "is": "Atlantic/Reykjavik",
    "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "in": "Asia/Kolkata", "il": "Asia/Jerusalem", "eg": "Africa/Cairo",
}
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:[a-z]{2,}))\b", re.I)
_EMAIL = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,})", re.I)


@dataclass
class Outlet:
    """One outlet: id, display name, aliases, IANA time zone."""

    id: str
    name: str | None = None
    aliases: list[str] = field(default_factory=list)
    timezone: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "aliases": list(self.aliases), "timezone": self.timezone}


def _key(s: str) -> str:
    s = s.strip().lower()
    s = re.sub(r"^https?://", "", s)
    s = re.sub(r"^www\.", "", s)
    return s.rstrip("/")


class Registry:
    """Resolves hints (names, abbreviations, domains, URLs, e-mail addresses) to outlets."""

    def __init__(self, outlets: list[Outlet] | None = None, agencies: list[str] | None = None):
        self._by_key: dict[str, Outlet] = {}
        self.agencies = {a.lower(): a for a in (agencies or [])}
        for o in outlets or []:
            self.add(o)

    @classmethod
    def packaged(cls) -> "Registry":
        data = json.loads(resources.files("storyline").joinpath("data/outlets.json").read_text("utf-8"))
        return cls([Outlet(**o) for o in data["outlets"]], data.get("agencies", []))

    def add(self, o: Outlet) -> None:
        for k in [o.id, o.name or "", *o.aliases]:
            if k:
                self._by_key[_key(k)] = o

    def add_records(self, records: list[dict]) -> int:
        """Add outlet records ({id, name, abbreviation?, aliases?, timezone?}); returns how many."""
        n = 0
        for r in records:
            if not isinstance(r, dict) or not r.get("id"):
                continue
            aliases = list(r.get("aliases") or [])
            for extra in ("abbreviation", "domain"):
                if r.get(extra):
                    aliases.append(r[extra])
            self.add(Outlet(id=str(r["id"]), name=r.get("name"), aliases=aliases, timezone=r.get("timezone")))
            n += 1
        return n

    def outlets(self) -> list[Outlet]:
        seen: dict[str, Outlet] = {}
        for o in self._by_key.values():
            seen.setdefault(o.id, o)
        return list(seen.values())

    def lookup(self, hint: str | None) -> Outlet | None:
        """The registered outlet for a name, abbreviation, domain or URL; None when unknown."""
        if not hint:
            return None
        k = _key(hint)
        if k in self._by_key:
            return self._by_key[k]
        host = urlsplit(hint).hostname if "://" in hint else None
        for cand in filter(None, [host, k.split("/")[0]]):
            cand = _key(cand)
            parts = cand.split(".")
            for i in range(len(parts) - 1):  # news.example.co.uk -> example.co.uk -> co.uk
                sub = ".".join(parts[i:])
                if sub in self._by_key:
                    return self._by_key[sub]
        return None

    def resolve(self, hint: str | None) -> Outlet | None:
        """Like lookup, but an unknown domain or name still becomes an outlet of its own."""
        if not hint or not hint.strip():
            return None
        found = self.lookup(hint)
        if found:
            return found
        host = urlsplit(hint).hostname if "://" in hint else None
        ident = _key(host or hint)
        if _DOMAIN.fullmatch(ident):
            return Outlet(id=ident, name=None, timezone=tld_zone(ident))
        return Outlet(id=hint.strip(), name=hint.strip())

    def agency(self, name: str) -> str | None:
        """The canonical spelling of a news agency, or None when `name` is not one."""
        return self.agencies.get(name.strip().lower())


def tld_zone(domain: str) -> str | None:
    """The time zone of a domain's country, when that country has one zone."""
    tld = domain.lower().rsplit(".", 1)[-1]
    return TLD_ZONES.get(tld)


def domains_in(lines: list[str]) -> list[str]:
    """Domains named in lines (e-mail addresses first): footers often name the outlet's own."""
    out: list[str] = []
    for line in lines:
        for m in _EMAIL.finditer(line):
            out.append(m.group(1).lower())
    for line in lines:
        for m in _DOMAIN.finditer(line):
            d = m.group(1).lower()
            if "@" not in line[max(0, m.start() - 1): m.start()] and re.search(r"[a-z]", d.rsplit(".", 1)[-1]):
                out.append(d)
    return out
