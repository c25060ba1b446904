"""Publication dates with their precision (month, day, minute) and time zone.

Numbered cascade, tried in order on a date string:
1. ISO 8601 (2021-05-20T07:47:00+02:00, 2021-05-20 07:47, 2021-05-20, 2021-05);
2. RFC 2822 (feeds: Thu, 20 May 2021 07:47:00 +0200);
3. numeric day-first or month-first (20.05.2021 07:47, 12/03/2024);
4. day-month-name-year in de/en/fr/es/it (20. Mai 2021, 12 mars 2024 à 09h15, 12 de marzo de 2024);
5. month-name-day-year (March 12, 2024 9:15 am ET);
6. month-name-year (März 2024);
7. dateparser, for what the regexes miss (slow, so last).
A zone written in the string wins; else the outlet's zone, when known, localizes the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = {
    # de
    "januar": 1, "jänner": 1, "jaenner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    # en
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7, "october": 10, "oct": 10,
    "december": 12, "dec": 12,
    # fr
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "déc": 12,
    # es
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
    # it
    "gennaio": 1, "gen": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "mag": 5, "giugno": 6, "giu": 6, "luglio": 7,
    "lug": 7, "settembre": 9, "set": 9, "ottobre": 10, "ott": 10, "dicembre": 12,
}
_MON = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = (r"(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
            r"lun|mar|mer|jeu|ven|sam|dim|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
            r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|"
            r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\.?,?\s+")
_TIME = (r"(?:\s*(?:,|um|à|a las|alle|at|-|–|—|\||/|·)?\s*(?P<H>\d{1,2})[:.hH](?P<M>\d{2})(?::\d{2})?"
         r"\s*(?P<ampm>[ap]\.?\s?m\.?)?\s*(?:uhr|h)?\s*(?P<tzname>[A-Z]{1,5}\b|[+-]\d{2}:?\d{2})?)?")
ZONE_NAMES = {
    "Z": 0, "UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "WEST": 1, "IST": 1, "CET": 1, "MEZ": 1, "CEST": 2, "MESZ": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}
ZONE_REGIONS = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}

_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?"
                  r"\s*(?P<tzname>Z|[+-]\d{2}:?\d{2})?)?)?(?![\d:])")
_NUMERIC = re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d])" + _TIME, re.I)
_DMY = re.compile(rf"(?:{_WEEKDAY})?(?<!\d)(?P<d>\d{{1,2}})(?:\.|er|º|°|st|nd|rd|th)?\s*(?:de\s+)?(?P<mon>{_MON})\.?,?\s*(?:de\s+|del\s+)?(?P<y>\d{{4}})"
                  + _TIME, re.I)
_MDY = re.compile(rf"(?:{_WEEKDAY})?(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})" + _TIME, re.I)
_DIGIT = re.compile(r"\d")
_RFC2822 = re.compile(r"\d{1,2} \w{3} \d{4} \d{2}:\d{2}")
_LEFTOVER_SEPS = re.compile(r"[\s,|·•–—-]+")
_MY = re.compile(rf"(?<![\w])(?P<mon>{_MON})\.?\s+(?:de\s+)?(?P<y>\d{{4}})(?!\d)", re.I)


@dataclass(frozen=True)
class ParsedDate:
    """A parsed date: `value` is aware when a zone is known, `precision` month|day|minute."""

    value: datetime
    precision: str
    zone: str | None  # IANA name or "+02:00" style offset; None when unknown
    span: tuple[int, int]  # where in the string the date was found

    def iso(self) -> str:
        """ISO 8601 cut to the precision: 2021-05, 2021-05-20, 2021-05-20T07:47+02:00."""
        if self.precision == "month":
            return self.value.strftime("%Y-%m")
        if self.precision == "day":
            return self.value.strftime("%Y-%m-%d")
        return self.value.isoformat(timespec="minutes")


def zone(name: str | None) -> ZoneInfo | None:
    """The IANA zone of that name, or None."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _tz_of(token: str | None) -> tuple[timezone | ZoneInfo | None, str | None]:
    if not token:
        return None, None
    t = token.strip()
    if t.upper() in ZONE_REGIONS:
        return ZoneInfo(ZONE_REGIONS[t.upper()]), ZONE_REGIONS[t.upper()]
    if t.upper() in ZONE_NAMES:
        off = timedelta(hours=ZONE_NAMES[t.upper()])
        return timezone(off), None
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", t)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))), None
    return None, None


def _build(y: int, mo: int, d: int | None, hh: str | None, mm: str | None, ampm: str | None, tztoken: str | None,
           outlet_tz: str | None, span: tuple[int, int]) -> ParsedDate | None:
    if y < 100:
        y += 2000 if y < 70 else 1900
    try:
        if d is None:
            return ParsedDate(datetime(y, mo, 1), "month", outlet_tz if zone(outlet_tz) else None, span)
        if hh is None:
            return ParsedDate(datetime(y, mo, d), "day", outlet_tz if zone(outlet_tz) else None, span)
        h, mi = int(hh), int(mm or 0)
        if ampm:
            pm = ampm.lower().startswith("p")
            h = (h % 12) + (12 if pm else 0)
        value = datetime(y, mo, d, h, mi)
    except ValueError:
        return None
    explicit, explicit_name = _tz_of(tztoken)
    local = zone(outlet_tz)
    if explicit is not None:
        value = value.replace(tzinfo=explicit)
        if local is not None:
            return ParsedDate(value.astimezone(local), "minute", outlet_tz, span)
        return ParsedDate(value, "minute", explicit_name or value.strftime("%z")[:3] + ":" + value.strftime("%z")[3:], span)
    if local is not None:
        return ParsedDate(value.replace(tzinfo=local), "minute", outlet_tz, span)
    return ParsedDate(value, "minute", None, span)


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_date(text: str, *, outlet_tz: str | None = None, lang: str | None = None,
               fallback: bool = True) -> ParsedDate | None:
    """Find and parse the first date in `text` (see the cascade above); None when there is none."""
    s = text.strip()
    if not s or not _DIGIT.search(s):
        return None
    # 1. ISO 8601
    m = _ISO.search(s)
    if m:
        d = int(m.group("d")) if m.group("d") else None
        got = _build(int(m.group("y")), int(m.group("m")), d, m.group("H"), m.group("M"), None, m.group("tzname"),
                     outlet_tz, m.span())
        if got:
            return got
    # 2. RFC 2822
    if _RFC2822.search(s):
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            dt = None
        if dt is not None:
            off = dt.strftime("%z")
            token = f"{off[:3]}:{off[3:]}" if off else None
            return _build(dt.year, dt.month, dt.day, str(dt.hour), str(dt.minute), None, token, outlet_tz, (0, len(s)))
    # 3. numeric
    m = _NUMERIC.search(s)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
        month_first = (m.group("sep") == "/" and b > 12) or (
            m.group("sep") == "/" and a <= 12 and b <= 12 and (outlet_tz or "").startswith("America/"))
        day, mon = (b, a) if month_first else (a, b)
        if 1 <= mon <= 12:
            got = _build(int(m.group("y")), mon, day, m.group("H"), m.group("M"), m.group("ampm"), m.group("tzname"),
                         outlet_tz, m.span())
            if got:
                return got
    # 4.-5. month names
    for rx in (_DMY, _MDY):
        m = rx.search(s)
        if m and _month(m.group("mon")):
            got = _build(int(m.group("y")), _month(m.group("mon")), int(m.group("d")), m.group("H"), m.group("M"),
                         m.group("ampm"), m.group("tzname"), outlet_tz, m.span())
            if got:
                return got
    # 6. month and year
    m = _MY.search(s)
    if m and _month(m.group("mon")):
        return _build(int(m.group("y")), _month(m.group("mon")), None, None, None, None, None, outlet_tz, m.span())
    # 7. dateparser
    if fallback and len(s) <= 80:
        return _dateparser(s, outlet_tz, lang)
    return None


def _dateparser(s: str, outlet_tz: str | None, lang: str | None) -> ParsedDate | None:
    import dateparser  # slow to import; only here

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["month", "year"],
                "PREFER_DATES_FROM": "past"}
    try:
        dt = dateparser.parse(s, languages=[lang] if lang else None, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a miss is the answer
        return None
    if dt is None:
        return None
    has_time = bool(re.search(r"\d{1,2}[:.h]\d{2}", s))
    has_day = bool(re.search(r"(?<!\d)\d{1,2}(?!\d{2})", re.sub(r"\d{4}", "", s)))
    return _build(dt.year, dt.month, dt.day if has_day else None, str(dt.hour) if has_time else None,
                  str(dt.minute) if has_time else None, None, None, outlet_tz, (0, len(s)))


_DATE_LINE_PREFIX = re.compile(
    r"^(?:(?:zuletzt\s+)?(?:aktualisiert|ver(?:ö|oe)ffentlicht|erschienen|stand|datum)|updated|published|posted|last updated|"
    r"publi(?:é|e)|mis (?:à|a) jour|modifi(?:é|e)|publicado|actualizado|fecha|pubblicato|aggiornato)"
    r"(?:\s+(?:am|on|le|el|il|de|the))?\s*:?\s*", re.I)
_UPDATE = re.compile(r"^(?:zuletzt\s+)?(?:aktualisiert|stand|updated|last updated|mis (?:à|a) jour|modifi|actualizado|aggiornato)", re.I)


def parse_date_line(line: str, *, outlet_tz: str | None = None, lang: str | None = None) -> tuple[ParsedDate, bool] | None:
    """Parse a line that is a date and little else; returns (date, is_update) or None."""
    s = line.strip()
    if len(s) > 90 or not _DIGIT.search(s):
        return None
    rest = _DATE_LINE_PREFIX.sub("", s, count=1)
    is_update = bool(_UPDATE.match(s))
    got = parse_date(rest, outlet_tz=outlet_tz, lang=lang, fallback=False)
    if got is None:
        if len(rest.split()) <= 6:
            got = parse_date(rest, outlet_tz=outlet_tz, lang=lang, fallback=True)
        if got is None:
            return None
        covered = len(rest)
    else:
        covered = got.span[1] - got.span[0]
    leftover = _LEFTOVER_SEPS.sub(" ", rest[: got.span[0]] + " " + rest[got.span[1]:]).strip()
    if covered < 0.5 * len(rest) and len(leftover.split()) > 3:
        return None
    return got, is_update
