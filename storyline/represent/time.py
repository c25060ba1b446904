"""Publication time as UTC seconds: the one clock the linker and `compare` measure date gaps on."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone as _utc_tz
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_UTC = _utc_tz.utc
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_OFFSET = re.compile(r"^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$")


def _zone(name: str | None):
    """A tzinfo for an IANA name or an offset like "+02:00"; None when unknown."""
    if not name:
        return None
    m = _OFFSET.match(name.strip())
    if m:
        sign = 1 if m.group(1) == "+" else -1
        return _utc_tz(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def published_seconds(published: str | None, tz: str | None = None) -> float | None:
    """UTC seconds of an ISO 8601 publication time; a date alone is noon UTC, a month its 15th.

    Noon keeps a date-only article within half a day of every time on that date, whatever the
    outlet's zone; a naive time is read in `tz` (the outlet's zone) when given, else as UTC.
    """
    if not published:
        return None
    s = published.strip()
    try:
        if m := _MONTH.match(s):
            return datetime(int(m.group(1)), int(m.group(2)), 15, 12, tzinfo=_UTC).timestamp()
        if m := _DAY.match(s):
            return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), 12, tzinfo=_UTC).timestamp()
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_zone(tz) or _UTC)
    return dt.timestamp()
