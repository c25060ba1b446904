"""Stage 4: time expressions, resolved against the publication date.

Found in de, en, fr, es and it (other languages get the language-free forms: ISO and numeric
dates, years, clock times):
- explicit dates: "19. Mai 2021", "20.05.2021", "May 19, 2021", "19 mai 2021", "19 de mayo de
  2021", "19 maggio 2021", "2021-05-19"; without a year ("19. Mai") the year that puts the date
  nearest the publication is taken (relative);
- months: "Mai 2021", and with a cue "im April", "in April", "en avril", "a finales de abril";
  without a year, a month later than the publication month means the previous year;
- years: "1989", "im Jahr 2020"; not counts ("2021 Menschen", "rund 2000 Soldaten", "1.000");
- weekdays, German/English news convention: "am Mittwoch" is the most recent such day on or
  before publication, "am vergangenen Mittwoch" strictly before, "am kommenden Montag"/"next
  Monday" strictly after, "Mittwoch vergangener Woche" in the week before;
- relative days (gestern/heute/morgen and their peers) and "vor zwei Wochen"/"two weeks ago"
  (days and weeks: day precision; months: month; years: year);
- "letzte Woche"/"last week"/"cette semaine": MONTH precision, the month holding that week's
  Thursday (ISO week convention). A day value (the week's Monday) would claim an exactness the
  text lacks; the month is what is known, and it still matches a day-precise date of that month;
- clock times ("um 14 Uhr", "at 2 pm", "à 14h30", "a las 14:00") only next to a day-precise
  date, or with exactly one such date in their sentence: minute precision, with the offset of
  `timezone` (else of `published`) when known. Other times are not listed.

A relative expression needs the publication date at its own precision (a weekday needs a day,
"im April" a month); without it the mention is listed with value None and the precision it would
have had. Spans include a preposition that is part of the cue ("am Mittwoch", "im April", "im
Jahr 2020"); explicit dates start at their weekday or day number.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta, timezone as _Offset
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model import DateMention

LANGS = ("de", "en", "fr", "es", "it")

# --- tables ------------------------------------------------------------------------------------
# Month and weekday names, one string per month/day; fr/es/it write them in lower case, so
# their capitalized forms are accepted only where a sentence starts or a cue precedes.
_MONTHS = {
    "de": ["Januar Jänner Jan.", "Februar Feber Feb.", "März", "April Apr.", "Mai", "Juni", "Juli", "August Aug.",
           "September Sept. Sep.", "Oktober Okt.", "November Nov.", "Dezember Dez."],
    "en": ["January Jan. Jan", "February Feb. Feb", "March Mar. Mar", "April Apr. Apr", "May", "June Jun. Jun",
           "July Jul. Jul", "August Aug. Aug", "September Sept. Sep. Sept Sep", "October Oct. Oct", "November Nov. Nov",
           "December Dec. Dec"],
    "fr": ["janvier janv.", "février fevrier févr.", "mars", "avril avr.", "mai", "juin", "juillet juil.", "août aout",
           "septembre sept.", "octobre oct.", "novembre nov.", "décembre decembre déc."],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre setiembre",
           "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"],
}
_WEEKDAYS = {
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag Sonnabend", "Sonntag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "es": ["lunes", "martes", "miércoles miercoles", "jueves", "viernes", "sábado sabado", "domingo"],
    "it": ["lunedì lunedi", "martedì martedi", "mercoledì mercoledi", "giovedì giovedi", "venerdì venerdi", "sabato",
           "domenica"],
}
_LOWER_NAMES = {"fr", "es", "it"}
# English abbreviations without a dot ("13 Mar 2024") are months only next to a day or a year
_ABBREVIATIONS = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
_REL_DAYS = {
    "de": {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2},
    "en": {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "this morning": 0, "this afternoon": 0,
           "this evening": 0, "last night": -1},
    "fr": {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "ce matin": 0, "ce soir": 0,
           "cet après-midi": 0, "demain": 1, "après-demain": 2},
    "es": {"anteayer": -2, "antier": -2, "ayer": -1, "anoche": -1, "hoy": 0, "esta mañana": 0, "esta tarde": 0,
           "esta noche": 0, "mañana": 1, "pasado mañana": 2},
    "it": {"l'altro ieri": -2, "l’altro ieri": -2, "altroieri": -2, "ieri": -1, "oggi": 0, "stamattina": 0,
           "stamani": 0, "stasera": 0, "domani": 1, "dopodomani": 2},
}
_DAY_PARTS = {  # "gestern Abend", "Mittwochabend", "hier soir": still that day
    "de": ("morgen|vormittag|mittag|nachmittag|abend|nacht", "früh|Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht"),
    "en": ("", "morning|afternoon|evening|night"),
    "fr": ("", "matin|soir|après-midi"),
    "es": ("", "por la mañana|por la tarde|por la noche"),
    "it": ("", "mattina|mattino|pomeriggio|sera|notte"),
}
_SMALL_NUMBERS = {
    "de": "ein eine einem einer einen|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf",
    "en": "a an one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve",
    "fr": "un une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze",
    "es": "un una uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce",
    "it": "un una uno un'|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici",
}
_UNITS = {  # unit words of "vor zwei Wochen" and "last week"
    "de": {"Tag": "day", "Tage": "day", "Tagen": "day", "Woche": "week", "Wochen": "week", "Monat": "month",
           "Monate": "month", "Monaten": "month", "Monats": "month", "Jahr": "year", "Jahre": "year",
           "Jahren": "year", "Jahres": "year"},
    "en": {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
           "year": "year", "years": "year"},
    "fr": {"jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month", "an": "year",
           "ans": "year", "année": "year", "années": "year"},
    "es": {"día": "day", "días": "day", "semana": "week", "semanas": "week", "mes": "month", "meses": "month",
           "año": "year", "años": "year"},
    "it": {"giorno": "day", "giorni": "day", "settimana": "week", "settimane": "week", "mese": "month",
           "mesi": "month", "anno": "year", "anni": "year"},
}
# Modifiers, by the start of their lower-cased form: direction of weekdays, months and periods.
_PAST = ("letzt", "vergang", "vorig", "last", "past", "derni", "pass", "pasad", "scors", "anterior")
_FUTURE = ("nächst", "kommend", "next", "coming", "prochain", "próxim", "prossim", "que viene")
# Cues before a month name (preposition, location in the month, modifier) and after it.
_MONTH_CUES = {
    "de": ("seit|bis|ab|vom|zum|bis zum|seit dem|im|von|für|nach|vor", "Anfang|Mitte|Ende|Monat",
           "vergangenen|letzten|vorigen|kommenden|nächsten|diesen", ""),
    "en": ("in|since|until|till|by|from|through|during|before|after", "early|mid|late|the end of|the beginning of|"
           "the start of|the middle of|end of|beginning of|start of", "last|next|this|this past|this coming", ""),
    "fr": ("en|depuis|dès|jusqu'en|jusqu’en|jusqu'à|jusqu’à|avant|après", "début|mi|fin|courant|au mois de|"
           "au mois d'|au mois d’|le mois de|le mois d'|le mois d’", "", "dernier|prochain"),
    "es": ("en|desde|hasta|para|antes de|después de|a", "principios de|mediados de|finales de|fines de|comienzos de|"
           "inicios de|el mes de|el pasado mes de|el próximo mes de", "el pasado|el próximo", "pasado|próximo|que viene"),
    "it": ("a|ad|in|da|dal|fino a|fino ad|entro|per|prima di|dopo", "inizio|metà|fine|nel mese di|il mese di",
           "lo scorso|il prossimo|scorso|prossimo", "scorso|prossimo"),
}
_YEAR_SUFFIX = {  # "im April dieses Jahres", "in April last year": the year of a month
    "de": {"dieses Jahres": 0, "diesen Jahres": 0, "vergangenen Jahres": -1, "letzten Jahres": -1,
           "vorigen Jahres": -1, "nächsten Jahres": 1, "kommenden Jahres": 1},
    "en": {"this year": 0, "of this year": 0, "last year": -1, "of last year": -1, "next year": 1},
    "fr": {"de cette année": 0, "de l'année dernière": -1, "de l’année dernière": -1, "de l'an dernier": -1,
           "de l’an dernier": -1, "de l'année prochaine": 1},
    "es": {"de este año": 0, "del año pasado": -1, "del pasado año": -1, "del próximo año": 1,
           "del año que viene": 1},
    "it": {"di quest'anno": 0, "di quest’anno": 0, "dell'anno scorso": -1, "dell’anno scorso": -1,
           "dello scorso anno": -1, "del prossimo anno": 1},
}
_WEEKDAY_CUES = {
    "de": ("am|seit|bis|ab|vom|von|zum|bis zum|seit dem|bis einschließlich", "",
           "vergangenen|letzten|vorigen|kommenden|nächsten|diesen", ""),
    "en": ("on|since|until|till|by|from|as of", "", "last|next|this|this past|this coming|coming", ""),
    "fr": ("depuis|dès|jusqu'à|jusqu’à|le|ce", "", "", "dernier|prochain"),
    "es": ("desde|hasta|el|este", "", "pasado|próximo", "pasado|próximo|que viene"),
    "it": ("da|fino a|entro|il|lo|questo", "", "scorso|prossimo", "scorso|prossimo"),
}
_WEEK_AFTER = {  # "Mittwoch vergangener Woche": the weekday in another week
    "de": {"vergangener Woche": -1, "letzter Woche": -1, "voriger Woche": -1, "dieser Woche": 0,
           "nächster Woche": 1, "kommender Woche": 1},
    "en": {"last week": -1, "of last week": -1, "this week": 0, "of this week": 0, "next week": 1, "of next week": 1},
    "fr": {"de la semaine dernière": -1, "de cette semaine": 0, "de la semaine prochaine": 1},
    "es": {"de la semana pasada": -1, "de esta semana": 0, "de la semana que viene": 1, "de la próxima semana": 1},
    "it": {"della settimana scorsa": -1, "della scorsa settimana": -1, "di questa settimana": 0,
           "della prossima settimana": 1, "della settimana prossima": 1},
}
_YEAR_CUES = {  # words after which a four-digit number is a year
    "de": "im|in|seit|bis|ab|von|vom|vor|nach|zwischen|Anfang|Mitte|Ende|Frühjahr|Frühling|Sommer|Herbst|Winter|"
          "und|oder|Saison|Jahrgang",
    "en": "in|since|until|by|from|before|after|between|early|mid|late|of|and|or|spring|summer|autumn|fall|winter",
    "fr": "en|depuis|dès|jusqu'en|jusqu’en|avant|après|entre|de|début|fin|mi|et|ou|printemps|été|automne|hiver",
    "es": "en|desde|hasta|antes de|después de|entre|de|del|y|o|principios de|finales de|mediados de|primavera|"
          "verano|otoño|invierno",
    "it": "nel|dal|al|del|fino al|entro il|prima del|dopo il|tra il|fra il|e|o|inizio|fine|primavera|estate|"
          "autunno|inverno",
}
_YEAR_WORD = {  # "im Jahr 2020": the cue belongs to the expression
    "de": r"(?:[Ii]m\s+)?Jahre?", "en": r"(?:[Ii]n\s+)?(?:the\s+)?year", "fr": r"(?:[EeDd][na]n?s?\s+)?l['’]an(?:née)?",
    "es": r"(?:[Ee]n\s+)?(?:el\s+)?año", "it": r"(?:[Nn]ell['’]|[Nn]el\s+corso\s+dell['’])anno",
}
_COUNT_CUES = {  # "auf rund 2000.": an approximate count, not a year ("weniger als 2021" compares years)
    "de": "rund|etwa|fast|knapp|bis zu|insgesamt|circa|ca.|zirka|weitere|mindestens|höchstens|exakt|genau",
    "en": "about|around|nearly|almost|some|up to|roughly|approximately|at least|another|exactly",
    "fr": "environ|près de|quelque|au moins|quelques",
    "es": "unos|unas|casi|cerca de|alrededor de|al menos|otros|otras",
    "it": "circa|quasi|almeno|altri|altre",
}
_PLURAL_AFTER = {  # a counted noun after a four-digit number ("2000 Soldaten", "2000 soldiers")
    "de": r"\s+[A-ZÄÖÜ][\w-]*(?:en|n|e|er|s)(?![\w-])",
    "en": r"\s+(?!(?:was|has|is|as|this|his|its|thus|plus|us|always|perhaps|whereas|unless|across|besides)\b)"
          r"(?:[a-z]+[^s'\W]s|people|men|women|children|police|troops|staff|personnel)\b",
    "fr": r"\s+(?!(?:dans|sous|sans|dès|vers|mais|puis|alors|après|depuis|lors|pas|plus|très|moins|jamais|toujours"
          r"|avons|avez|sont|étaient|aux|des|les|ces|ses|mes|nos|vos|leurs)\b)[a-zéèêàâîôûç]{3,}[sx]\b",
    "es": r"\s+(?!(?:más|menos|pues|tras|después|antes|además|entonces|mientras|años|las|los|unos|unas|sus|fueron"
          r"|eran|son|es)\b)[a-záéíóúñ]{3,}s\b",
    "it": r"\s+(?!(?:anche|come|dove|quando|mentre|sempre|fine|oltre|poi|alle|delle|dalle|nelle|sulle|che|sono"
          r"|erano|aveva|avevano|furono|inizio|mese|anno|estate|questi|queste)\b)[a-zàèéìòù]{3,}[ie]\b",
}
_UNIT_AFTER = re.compile(
    r"\s?(?:%|Prozent|per\s?cent|percent|pour\s?cent|por\s?ciento|per\s?cento|Euro|€|US-Dollar|Dollar|\$|£|"
    r"euros?|dollars?|Mio\.?|Millionen|Million|Mrd\.?|Milliarden|millions?|billions?|milliards?|millones|millón|"
    r"milioni|milione|miliardi|mila|mil)(?![\w])")
_TIME_CUES = ("um|gegen|ab|bis|at|around|by|from|until|à|vers|dès|de|après|avant|peu après|jusqu'à|jusqu’à|a las|"
              "sobre las|hacia las|desde las|hasta las|ore|alle|alle ore|verso le|dalle|fino alle|intorno alle|"
              "dopo le|entro le|prima delle")
_BARE_HOUR_CUES = {"a las", "alle", "alle ore", "ore", "verso le", "dalle", "fino alle", "intorno alle", "hacia las",
                   "sobre las", "desde las", "hasta las", "dopo le", "entro le", "prima delle"}  # "alle 18"
_ZONES = {"MEZ": 1, "CET": 1, "MESZ": 2, "CEST": 2, "UTC": 0, "GMT": 0, "BST": 1, "WEZ": 0, "WET": 0, "OEZ": 2,
          "EET": 2, "MSK": 3, "EST": -5, "EDT": -4, "PST": -8, "PDT": -7}
_UNKNOWN_ZONES = ("Ortszeit|local time|heure locale|hora local|ora locale|Moskauer Zeit|Washingtoner Zeit|"
                  "heure de Paris|hora peninsular|ET|PT|CT")


# --- patterns ----------------------------------------------------------------------------------

def _cap(word: str) -> str:
    """A pattern for `word` with either case of its first letter (sentence starts)."""
    w = re.escape(word).replace(r"\ ", r"\s+").replace(" ", r"\s+")
    first = word[0]
    if first.lower() != first.upper():
        return f"[{first.upper()}{first.lower()}]{w[len(re.escape(first)):]}"
    return w


def word_union(words) -> str:
    """One regex for a set of literal words (a space matches any run of white space), factored as a
    trie: the engine then tries one branch per letter instead of every word, several times faster."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _alt(words, *, cap: bool = True) -> str:
    words = sorted(set(w for w in words if w), key=len, reverse=True)
    return "|".join(_cap(w) if cap else re.escape(w).replace(r"\ ", r"\s+") for w in words)


class _Rules:
    """The compiled patterns and tables of one language (or of all five, for an unknown one)."""

    def __init__(self, langs: tuple[str, ...]):
        self.langs = langs
        self.mdy = "en" in langs
        if not langs:  # a language we have no tables for: only the language-free forms
            self.words = self.year_cue = self.count_cue = self.month_cue = self.weekday_cue = _NEVER
            self.year_word = self.plural_after = None
            self.ago, self.period, self.day_before = [], [], []
            self.time_cue = _NEVER
            return
        self.month_of: dict[str, int] = {}
        self.weekday_of: dict[str, int] = {}
        self.rel_of: dict[str, int] = {}
        names, days, rels = [], [], []
        self.capital_days = {n for lg in langs if lg not in _LOWER_NAMES for g in _WEEKDAYS[lg] for n in g.split()}
        for lg in langs:
            for i, group in enumerate(_MONTHS[lg]):
                for n in group.split():
                    self.month_of[n.lower()] = i + 1
                    names += [n, n.capitalize()] if lg in _LOWER_NAMES else [n]
            for i, group in enumerate(_WEEKDAYS[lg]):
                for n in group.split():
                    self.weekday_of[n.lower()] = i
                    days += [n, n.capitalize()] if lg in _LOWER_NAMES else [n]
            for w, off in _REL_DAYS[lg].items():
                if w == "hier" and len(langs) > 1:
                    continue  # German "hier" is "here"
                self.rel_of[" ".join(w.lower().split())] = off
                rels += [w] if w == "morgen" else [w, w[0].upper() + w[1:]]  # "Morgen" is a morning
        units = {k: v for lg in langs for k, v in _UNITS[lg].items()}
        self.unit_of = {k.lower(): v for k, v in units.items()}
        self.kind_of = {**{n.lower(): "mon" for n in names}, **{n.lower(): "wd" for n in days},
                        **{" ".join(w.lower().split()): "rel" for w in rels},
                        **{u.lower(): "unit" for u in [*units, "Vorjahr", "Vormonat", "Vorwoche"]}}
        # One trie of literal trigger words (names, relative days, unit words); what a word means
        # is looked up afterwards, and only then are the slower context patterns tried around it.
        glued = "|".join(p for lg in langs for p in _DAY_PARTS[lg][0].split("|") if p)
        words = word_union([*names, *days, *rels, *units, "Vorjahr", "Vormonat", "Vorwoche"])
        self.words = re.compile(rf"(?:{words})(?P<glued>{glued})?(?![\w-])" if glued else rf"(?:{words})(?![\w-])")
        spaced = _alt([p for lg in langs for p in _DAY_PARTS[lg][1].split("|")], cap=False)
        self.day_part = re.compile(rf"\s+(?:{spaced})(?![\w-])")
        self.nums = {}
        for lg in langs:
            for i, group in enumerate(_SMALL_NUMBERS[lg].split("|")):
                for n in group.split():
                    self.nums[n] = i + 1
        num = f"(?P<n>[0-9]{{1,3}}|{_alt(self.nums)})"
        unit = f"(?P<u>{_alt(units, cap=False)})"
        ago = {
            "de": rf"(?<!\w)[Vv]or\s+(?:(?:knapp|etwa|rund|gut|fast|über|mehr\s+als|weniger\s+als)\s+)?{num}\s+{unit}",
            "en": rf"(?<!\w){num}\s+{unit}\s+ago",
            "fr": rf"(?<!\w)[Ii]l\s+y\s+a\s+(?:(?:environ|près\s+de|plus\s+de|moins\s+de|presque)\s+)?{num}\s+{unit}",
            "es": rf"(?<!\w)[Hh]ace\s+(?:(?:unos|unas|casi|más\s+de|menos\s+de|apenas)\s+)?{num}\s+{unit}",
            "it": rf"(?<!\w){num}\s+{unit}\s+fa",
        }
        self.ago = [re.compile(ago[lg] + r"(?!\w)") for lg in langs]
        self.period = [re.compile(p) for lg in langs for p in _PERIODS[lg]]
        self.month_cue = self._cues(_MONTH_CUES)
        self.weekday_cue = self._cues(_WEEKDAY_CUES)
        self.month_post = self._post(_MONTH_CUES, _YEAR_SUFFIX)
        self.weekday_post = self._post(_WEEKDAY_CUES, _WEEK_AFTER)
        self.year_suffix = {" ".join(k.lower().split()): v for lg in langs for k, v in _YEAR_SUFFIX[lg].items()}
        self.week_after = {" ".join(k.lower().split()): v for lg in langs for k, v in _WEEK_AFTER[lg].items()}
        self.day_before = [re.compile(_DAY_BEFORE[lg]) for lg in langs]
        self.year_cue = re.compile(rf"(?<!\w)(?:{_alt(w for lg in langs for w in _YEAR_CUES[lg].split('|'))})\s+$")
        self.year_word = re.compile(rf"(?<!\w)(?:{'|'.join(_YEAR_WORD[lg] for lg in langs)})\s+$")
        self.count_cue = re.compile(rf"(?<!\w)(?:{_alt(w for lg in langs for w in _COUNT_CUES[lg].split('|'))})\s+$")
        self.plural_after = re.compile("|".join(_PLURAL_AFTER[lg] for lg in langs))
        self.time_cue = re.compile(rf"(?<!\w)(?:{_alt(_TIME_CUES.split('|'))})\s+$")

    def _cues(self, table) -> re.Pattern:
        pre = _alt(w for lg in self.langs for w in table[lg][0].split("|"))
        loc = _alt(w for lg in self.langs for w in table[lg][1].split("|"))
        mod = _alt(w for lg in self.langs for w in table[lg][2].split("|"))
        rx = r"(?<!\w)"
        rx += f"(?:(?:{pre})\\s+)?" if pre else ""
        rx += f"(?:(?:{loc})(?:\\s+|-|(?<=['’])))?" if loc else ""
        rx += f"(?:(?P<mod>{mod})\\s+)?" if mod else ""
        return re.compile(rx + "$")

    def _post(self, table, phrases) -> re.Pattern:
        words = [w for lg in self.langs for w in table[lg][3].split("|")] + [p for lg in self.langs for p in phrases[lg]]
        return re.compile(rf",?\s+(?P<post>{_alt(words, cap=False)})(?!\w)") if words else re.compile(r"(?!)")


def _periods() -> dict[str, list[str]]:
    de_mod = "[Ll]etzte[nrms]?|[Vv]ergangene[nrms]?|[Vv]orige[nrms]?|[Dd]iese[nrms]?|[Nn]ächste[nrms]?|[Kk]ommende[nrms]?"
    return {
        "de": [rf"(?<!\w)(?:(?:[Ii]n\s+der|[Ii]m|[Ii]n\s+diesem|[Ii]n\s+dieser)\s+)?(?P<mod>{de_mod})\s+"
               r"(?P<u>Woche|Monat|Monats|Jahr|Jahres)(?![\w-])",
               r"(?<!\w)(?:[Ii]m\s+|[Ii]n\s+der\s+)?(?P<mod>Vor)(?P<u>jahr|monat|woche)(?![\w-])"],
        "en": [r"(?<!\w)(?:(?:earlier|later)\s+)?(?P<mod>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<u>week|month|year)(?![\w-])"],
        "fr": [r"(?<!\w)(?:[Ll]a\s+|[Ll]e\s+|[Ll]['’])?(?P<u>semaine|mois|année|an)\s+"
               r"(?P<mod>dernière|dernier|prochaine|prochain|passée|passé)(?!\w)",
               r"(?<!\w)(?P<mod>[Cc]ette|[Cc]e)\s+(?P<u>semaine|mois|année)(?:-ci)?(?!\w)"],
        "es": [r"(?<!\w)(?:(?:[Ll]a|[Ee]l)\s+)?(?P<u>semana|mes|año)\s+(?P<mod>pasad[oa]|próxim[oa]|que\s+viene)(?!\w)",
               r"(?<!\w)(?:(?:[Ll]a|[Ee]l)\s+)?(?P<mod>pasad[oa]|próxim[oa])\s+(?P<u>semana|mes|año)(?!\w)",
               r"(?<!\w)(?P<mod>[Ee]st[ea])\s+(?P<u>semana|mes|año)(?!\w)"],
        "it": [r"(?<!\w)(?:(?:[Ll]a|[Ii]l|[Ll]o)\s+|[Ll]['’])?(?P<u>settimana|mese|anno)\s+"
               r"(?P<mod>scors[oa]|prossim[oa]|passat[oa])(?!\w)",
               r"(?<!\w)(?:(?:[Ll]a|[Ii]l|[Ll]o)\s+)?(?P<mod>scors[oa]|prossim[oa])\s+(?P<u>settimana|mese|anno)(?!\w)",
               r"(?<!\w)(?P<mod>[Qq]uest[ao]\s+|[Qq]uest['’])(?P<u>settimana|mese|anno)(?!\w)"],
    }


_PERIODS = _periods()
_DAY_BEFORE = {  # the day number in front of a month name, searched up to the name
    "de": r"(?<![0-9.,])(?P<d>[0-3]?[0-9])\.\s?$",
    "en": r"(?<![0-9.,])(?:the\s+)?(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?\s+(?:of\s+)?$",
    "fr": r"(?<![0-9.,])(?P<d>1er|[0-3]?[0-9])\s+$",
    "es": r"(?<![0-9.,])(?P<d>[0-3]?[0-9])\s+(?:de\s+)?$",
    "it": r"(?<![0-9.,])(?P<d>1°|1º|[0-3]?[0-9])\s+$",
}
_YEAR_AFTER = re.compile(r"(?:,?\s+|\s+de\s+|\s+del\s+|\s+di\s+)(?P<y>[12][0-9]{3})(?![0-9]|[.,][0-9])")
_MDY_AFTER = re.compile(r"\s+(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])(?:,?\s+(?P<y>[12][0-9]{3})(?![0-9]))?")
_DIGIT_RUN = re.compile(r"[0-9]+")
_ISO = re.compile(r"[12][0-9]{3}-[01][0-9]-[0-3][0-9](?:T[0-2][0-9]:[0-5][0-9])?(?![0-9])")
_NUMERIC = re.compile(r"(?P<a>[0-9][0-9]?)(?P<sep>[./])(?P<b>[01]?[0-9])(?P=sep)(?P<y>[12][0-9]{3}|[0-9]{2})"
                      r"(?![0-9]|[.,/][0-9])")
_YEAR = re.compile(r"[12][0-9]{3}(?![0-9]|[.,][0-9]|-?[^\W\d_])")
_TIME = re.compile(
    r"(?P<H>[0-9][0-9]?)(?:(?P<sep>[:.hH]|\s?h\s)(?P<M>[0-5][0-9]))?(?![0-9]|[.,:][0-9])"
    r"(?:\s?(?P<suf>Uhr|h|heures?|horas?|hrs?|ore|[ap]\.\s?m\.|[ap]m)(?!\w))?"
    rf"(?:\s+(?P<zone>{'|'.join(_ZONES)}|{_UNKNOWN_ZONES})(?!\w))?")
_SENTENCE_END = re.compile(r"(?:(?<=[^\s0-9.][.!?])|(?<=[.!?][\"“”»’]))\s+|\n")
_DAY_GAP = re.compile(r"[ \t]*,?[ \t]*(?:(?:den|dem|the|le|el|il)[ \t]+)?")
_TIME_GAP = re.compile(r"[ \t]*,?[ \t]*")
_NEVER = re.compile(r"(?!)")
_RULES: dict[tuple[str, ...], _Rules] = {}


def _rules(lang: str | None) -> _Rules:
    code = (lang or "").lower()[:2]
    key = (code,) if code in LANGS else (() if code else LANGS)
    if key not in _RULES:
        _RULES[key] = _Rules(key)
    return _RULES[key]


# --- scanning ----------------------------------------------------------------------------------

class _Cand:
    """A time expression found in the text, before resolution: kind, span and what it says."""

    __slots__ = ("start", "end", "kind", "info", "rank")

    def __init__(self, start: int, end: int, kind: str, info, rank: int):
        self.start, self.end, self.kind, self.info, self.rank = start, end, kind, info, rank


def _direction(mod: str | None) -> str | None:
    if not mod:
        return None
    low = " ".join(mod.lower().split())
    words = low.split()  # "el pasado", "this past": the modifier need not come first
    if any(w.startswith(_PAST) for w in words):
        return "past"
    if low.startswith(_FUTURE) or any(w.startswith(_FUTURE) for w in words):
        return "future"
    return None


def _offset(mod: str) -> int:
    d = _direction(mod)
    return -1 if (d == "past" or mod == "Vor") else (1 if d == "future" else 0)


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"“„«‚'‘»(":
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def _scan(text: str, lang: str | None) -> list[_Cand]:
    r = _rules(lang)
    out: list[_Cand] = []
    # Every digit pattern starts at a run of digits: one pass finds the runs, then each pattern is
    # tried there (a pass per pattern over the whole text costs more than all the tries together).
    for run in _DIGIT_RUN.finditer(text):
        s = run.start()
        prev = text[s - 1] if s else " "
        if prev.isalpha() or prev == "_":
            continue
        m = _ISO.match(text, s)
        if m and prev not in "-./":
            y, mo, d = int(text[s:s + 4]), int(text[s + 5:s + 7]), int(text[s + 8:s + 10])
            out.append(_Cand(s, m.end(), "explicit", (y, mo, d), 0))
        m = _NUMERIC.match(text, s)
        if m and prev not in ".,/-":
            a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
            y = y if y >= 100 else (2000 + y if y < 70 else 1900 + y)
            # slashes in English texts are month first (US style) unless that is impossible
            day, mon = (b, a) if (m["sep"] == "/" and r.langs == ("en",) and a <= 12) else (a, b)
            out.append(_Cand(s, m.end(), "explicit", (y, mon, day), 0))
        m = _YEAR.match(text, s)
        if m:
            _year(text, m, r, out)
        m = _TIME.match(text, s)
        if m:
            _time(text, m, r, out)
    n = len(text)
    for m in r.words.finditer(text):
        s = m.start()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue
        word = m.group(0)
        glued = m.groupdict().get("glued")
        kind = r.kind_of.get(" ".join((word[:-len(glued)] if glued else word).lower().split()))
        if kind == "mon" and not glued:
            _month(text, m, r, out)
        elif kind == "wd":
            _weekday(text, m, word[:-len(glued)] if glued else word, r, out)
        elif kind == "rel" and not glued:
            _relday(text, m, r, out)
        elif kind == "unit" and not glued:
            lo, hi = max(0, s - 45), min(n, m.end() + 30)
            for rx in r.ago:
                for a in rx.finditer(text, lo, hi):
                    num = a["n"]
                    value = int(num) if num.isdigit() else r.nums.get(num.lower())
                    if value and a.start() <= s < a.end():
                        out.append(_Cand(a.start(), a.end(), "ago", (value, r.unit_of[a["u"].lower()]), 2))
            for rx in r.period:
                for a in rx.finditer(text, lo, hi):
                    if a.start() <= s < a.end():
                        unit = r.unit_of.get(a["u"].lower(), {"jahr": "year", "monat": "month", "woche": "week"}.get(a["u"]))
                        out.append(_Cand(a.start(), a.end(), "period", (unit, _offset(a["mod"].strip())), 3))
    return out


def _month(text: str, m: re.Match, r: _Rules, out: list[_Cand]) -> None:
    s, e = m.span()
    name = m.group(0)
    month = r.month_of[name.lower()]
    window = max(0, s - 40)
    # the searches below scan a window; a look at the characters before the name skips most of them
    has_digit = any(ch.isdigit() for ch in text[max(0, s - 12):s])
    for rx in (r.day_before if has_digit else ()):
        d = rx.search(text, window, s)
        if d:
            day = int(d["d"].rstrip("erº°"))
            y = _YEAR_AFTER.match(text, e)
            if y:
                out.append(_Cand(d.start("d"), y.end(), "explicit", (int(y["y"]), month, day), 0))
            else:
                out.append(_Cand(d.start("d"), e, "daymonth", (month, day), 1))
            return
    if r.mdy and name[0].isupper():
        md = _MDY_AFTER.match(text, e)
        if md:
            end, y = md.end(), md["y"]
            if y:
                out.append(_Cand(s, end, "explicit", (int(y), month, int(md["d"])), 0))
            else:
                out.append(_Cand(s, end, "daymonth", (month, int(md["d"])), 1))
            return
    if text.startswith(("'s", "’s"), e):
        return  # "May's government"
    cue = r.month_cue.search(text, window, s) if s and text[s - 1] in " \t\n-'’\u00a0" else None
    start = cue.start() if cue and cue.group(0) else s
    if s and text[s - 1] == "-" and not (cue and cue.group(0).lower().endswith(("mid-", "mi-"))):
        return
    y = _YEAR_AFTER.match(text, e)
    if y:
        out.append(_Cand(start, y.end(), "explicit", (int(y["y"]), month, None), 2))
        return
    post = r.month_post.match(text, e)
    if not (cue and cue.group(0)) and not post or name.endswith(".") or name in _ABBREVIATIONS:
        return
    direction = _direction(cue["mod"] if cue and "mod" in cue.re.groupindex else None)
    yoff = None
    end = e
    if post:
        word = " ".join(post["post"].lower().split())
        end = post.end()
        if word in r.year_suffix:
            yoff = r.year_suffix[word]
        else:
            direction = _direction(word)
    out.append(_Cand(start, end, "month", (month, direction, yoff), 2))


def _weekday(text: str, m: re.Match, name: str, r: _Rules, out: list[_Cand]) -> None:
    s, e = m.span()
    if not m.groupdict().get("glued"):
        part = r.day_part.match(text, e)  # "Wednesday night", "mercredi soir"
        e = part.end() if part else e
    cue = r.weekday_cue.search(text, max(0, s - 30), s) if s and text[s - 1] in " \t\n\u00a0" else None
    has_cue = bool(cue and cue.group(0))
    if name[0].isupper() and not has_cue and not _sentence_start(text, s) and name not in r.capital_days:
        return  # "Plácido Domingo": a capitalized weekday in a language that writes them in lower case
    direction = _direction(cue["mod"] if has_cue and "mod" in cue.re.groupindex else None)
    weeks = None
    end = e
    post = r.weekday_post.match(text, e)
    if post:
        word = " ".join(post["post"].lower().split())
        end = post.end()
        if word in r.week_after:
            weeks = r.week_after[word]
        else:
            direction = _direction(word)
    out.append(_Cand(cue.start() if has_cue else s, end, "weekday", (r.weekday_of[name.lower()], direction, weeks), 3))


def _relday(text: str, m: re.Match, r: _Rules, out: list[_Cand]) -> None:
    s, e = m.span()
    word = " ".join(m.group(0).lower().split())
    part = r.day_part.match(text, e)  # "gestern Abend", "hier soir", "ieri sera"
    e = part.end() if part else e
    before = text[max(0, s - 12):s].lower()
    if word == "morgen" and re.search(r"(?:am|jeden|guten|den|eines|frühen|dem)\s+$", before):
        return
    if word == "mañana" and re.search(r"(?:la|una|cada|esa|misma|media|toda)\s+$", before):
        return
    if word == "oggi" and before.endswith(("d'", "d’")):
        return
    out.append(_Cand(s, e, "relday", r.rel_of[word], 3))


def _year(text: str, m: re.Match, r: _Rules, out: list[_Cand]) -> None:
    s, e = m.span()
    if s:
        prev = text[s - 1]
        if prev.isalnum() or prev in ".,'’/€$£_":
            return
        if prev in "-–" and not (s >= 5 and text[s - 5:s - 1].isdigit()):
            return
    y = int(m.group(0))
    window = max(0, s - 40)
    word = r.year_word.search(text, window, s) if r.year_word else None
    if word:
        out.append(_Cand(word.start(), e, "year", y, 4))
        return
    if r.count_cue.search(text, window, s) or _UNIT_AFTER.match(text, e):
        return
    if r.plural_after and r.plural_after.match(text, e):
        return
    if r.year_cue.search(text, window, s):
        if 1000 <= y <= 2199:
            out.append(_Cand(s, e, "year", y, 4))
    elif 1800 <= y <= 2100:
        out.append(_Cand(s, e, "year", y, 4))


def _time(text: str, m: re.Match, r: _Rules, out: list[_Cand]) -> None:
    s, e = m.span()
    if s and (text[s - 1].isalnum() or text[s - 1] in ".,:/"):
        return
    h, minutes, sep, suf = int(m["H"]), m["M"], m["sep"], m["suf"]
    if h > 24:
        return
    cue = r.time_cue.search(text, max(0, s - 16), s)
    cue_word = " ".join(cue.group(0).lower().split()) if cue else ""
    if suf and suf[0] in "ap":
        if "en" not in r.langs or h > 12:
            return
        h = h % 12 + (12 if suf[0] == "p" else 0)
    elif suf == "Uhr" or (minutes and sep == ":") or (minutes and sep.strip() in "hH"):
        pass
    elif minutes and m["zone"]:
        pass  # "18.40 GMT"
    elif suf and cue:
        pass  # "à 14 heures", "a las 14 horas": a clock time, not a duration
    elif minutes and sep == "." and cue:
        pass  # "um 14.30"
    elif not suf and cue_word in _BARE_HOUR_CUES:
        if re.match(r"\s+(?!(?:horas|ore|alle|delle|dalle)\b)[^\W\d_]{2,}[ies]\b", text[e:e + 24]):
            return  # "alle 14 regioni": a count (a plural noun follows), not "alle 18 a Tirana"
    else:
        return
    zone_name = m["zone"]
    zone = None
    if zone_name:
        zone = _Offset(timedelta(hours=_ZONES[zone_name])) if zone_name in _ZONES else False
    out.append(_Cand(cue.start() if cue else s, e, "time", (h, int(minutes or 0), zone), 5))


# --- resolution --------------------------------------------------------------------------------

_PUB = re.compile(r"\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::[0-9]{2}(?:\.[0-9]+)?)?"
                  r"\s*(Z|[+-][0-9]{2}:?[0-9]{2})?)?)?)?\s*$")
_RANK = {"year": 0, "month": 1, "day": 2, "minute": 3}


class _Pub:
    """The publication date as far as it is known: year, month, day, precision and UTC offset."""

    __slots__ = ("year", "month", "day", "precision", "offset")

    def __init__(self, published: str | None):
        self.year = self.month = self.day = self.precision = self.offset = None
        m = _PUB.match(published or "")
        if not m:
            return
        y, mo, d, hh, zone = int(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(6)
        try:
            if mo is None:
                self.year, self.precision = y, "year"
            elif d is None:
                date(y, int(mo), 1)
                self.year, self.month, self.precision = y, int(mo), "month"
            else:
                self.day = date(y, int(mo), int(d))
                self.year, self.month, self.precision = y, int(mo), ("minute" if hh else "day")
        except ValueError:
            return
        self.offset = _parse_offset(zone) if zone else None

    def has(self, need: str) -> bool:
        """Whether the publication is precise enough for a resolution that needs `need`."""
        return self.precision is not None and _RANK[self.precision] >= _RANK[need]


def _parse_offset(token: str) -> _Offset | None:
    if token == "Z":
        return _Offset.utc
    m = re.fullmatch(r"([+-])([0-9]{2}):?([0-9]{2})", token)
    if not m:
        return None
    delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    return _Offset(delta if m.group(1) == "+" else -delta)


def _zone(timezone: str | None, pub: _Pub):
    """A tzinfo for local clock times: the named zone, else the publication's offset, else None."""
    if timezone:
        if timezone[0] in "+-Z":
            return _parse_offset(timezone) or pub.offset
        try:
            return ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return pub.offset


def _ym(y: int, m: int, k: int = 0) -> str:
    n = y * 12 + (m - 1) + k
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _nearest_year(month: int, day: int, pub: _Pub) -> date | None:
    """month/day in the year that puts it nearest the publication (a 29 February only in leap years)."""
    ref = pub.day or date(pub.year, pub.month, 15)
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best


def _resolve(c: _Cand, pub: _Pub) -> tuple[str | None, str, bool] | None:
    """(value, precision, relative) of a candidate; None drops it (an impossible date)."""
    k, v = c.kind, c.info
    try:
        if k == "explicit":
            y, m, d = v
            if d is None:
                return (_ym(y, m) if 1 <= m <= 12 else None), "month", False
            return date(y, m, d).isoformat(), "day", False
        if k == "year":
            return f"{v:04d}", "year", False
        if k == "daymonth":
            m, d = v
            date(2000, m, d)  # 2000 was a leap year: this rejects only impossible days
            if not pub.has("month"):
                return None, "day", True
            got = _nearest_year(m, d, pub)
            return (got.isoformat() if got else None), "day", True
        if k == "month":
            m, direction, yoff = v
            if not pub.has("month"):
                return None, "month", True
            if yoff is not None:
                y = pub.year + yoff
            elif direction == "past":
                y = pub.year if m < pub.month else pub.year - 1
            elif direction == "future":
                y = pub.year if m > pub.month else pub.year + 1
            else:  # news report the past: a month later than publication is last year's
                y = pub.year if m <= pub.month else pub.year - 1
            return _ym(y, m), "month", True
        if k == "weekday":
            wd, direction, weeks = v
            if not pub.has("day"):
                return None, "day", True
            day = pub.day
            if weeks is not None:
                got = day + timedelta(days=7 * weeks + wd - day.weekday())
            elif direction == "future":
                got = day + timedelta(days=(wd - day.weekday() - 1) % 7 + 1)
            elif direction == "past":
                got = day - timedelta(days=(day.weekday() - wd - 1) % 7 + 1)
            else:
                got = day - timedelta(days=(day.weekday() - wd) % 7)
            return got.isoformat(), "day", True
        if k == "relday":
            if not pub.has("day"):
                return None, "day", True
            return (pub.day + timedelta(days=v)).isoformat(), "day", True
        if k == "ago":
            n, unit = v
            need = "day" if unit in ("day", "week") else unit
            if not pub.has(need):
                return None, need, True
            if need == "day":
                return (pub.day - timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), "day", True
            if unit == "month":
                return _ym(pub.year, pub.month, -n), "month", True
            return f"{pub.year - n:04d}", "year", True
        if k == "period":
            unit, off = v
            if unit == "week":
                if not pub.has("day"):
                    return None, "month", True
                thursday = pub.day + timedelta(days=7 * off + 3 - pub.day.weekday())
                return _ym(thursday.year, thursday.month), "month", True
            if not pub.has(unit):
                return None, unit, True
            if unit == "month":
                return _ym(pub.year, pub.month, off), "month", True
            return f"{pub.year + off:04d}", "year", True
    except (ValueError, OverflowError):
        return None
    return None


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates in text order; of overlapping ones the longest wins (ties: the
    earlier, then the stronger kind). One sweep, so a 5 MB text with 500,000 candidates is fine."""
    cands.sort(key=lambda c: (c.start, c.start - c.end, c.rank))
    kept: list[_Cand] = []
    for c in cands:
        j = len(kept)
        while j and c.start < kept[j - 1].end:
            if kept[j - 1].end - kept[j - 1].start >= c.end - c.start:
                break  # an earlier, at least as long expression holds this place
            j -= 1
        else:
            del kept[j:]
            kept.append(c)
    return kept


_last: tuple = (None, None, [])  # the text, language and candidates of the last scan


def _found(text: str, lang: str | None) -> list[_Cand]:
    # find_numbers runs right after find_dates on the same text: one scan serves both
    global _last
    last = _last  # one read: another thread may replace it, never half of it
    if last[0] is text and last[1] == lang:
        return last[2]
    cands = _select(_scan(text, lang))
    _last = (text, lang, cands)
    return cands


def time_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """Spans of every time expression, listed or not (clock times too): the number stage skips them."""
    return [(c.start, c.end) for c in _found(text, lang)] if text else []


def find_dates(text: str, lang: str | None, *, published: str | None,
               timezone: str | None = None) -> list[DateMention]:
    """Time expressions in `text`, resolved against `published` (ISO 8601 cut to its precision)."""
    if not text:
        return []
    pub = _Pub(published)
    found: list[tuple[_Cand, DateMention]] = []
    times: list[_Cand] = []
    for c in _found(text, lang):
        if c.kind == "time":
            times.append(c)
            continue
        got = _resolve(c, pub)
        if got is None:
            continue
        mention = DateMention(text=text[c.start:c.end], start=c.start, end=c.end, value=got[0], precision=got[1],
                              relative=got[2])
        prev = found[-1] if found else None
        # "Mittwoch, 19. Mai" and "heute, Donnerstag" are one date: the written-out part wins
        if (prev and prev[0].kind in ("weekday", "relday") and got[1] == "day" and prev[1].precision == "day"
                and (c.kind in ("explicit", "daymonth") or (prev[0].kind, c.kind) == ("relday", "weekday"))
                and _DAY_GAP.fullmatch(text, prev[1].end, c.start)):
            keep = mention if c.kind != "weekday" else prev[1]
            mention = DateMention(text=text[prev[1].start:c.end], start=prev[1].start, end=c.end, value=keep.value,
                                  precision="day", relative=keep.relative)
            found[-1] = (c, mention)
            continue
        found.append((c, mention))
    out = [d for _, d in found]
    return _attach_times(text, out, times, _zone(timezone, pub)) if times else out


def _with_time(day: DateMention, clock: tuple, tz) -> str | None:
    if day.value is None:
        return None
    d = date.fromisoformat(day.value)
    hour, minute, zone = clock
    local = datetime(d.year, d.month, d.day, hour % 24, minute) + timedelta(days=hour // 24)
    zone = zone if zone is not None else tz
    return (local.replace(tzinfo=zone) if zone is not None else local).isoformat(timespec="minutes")


def _attach_times(text: str, found: list[DateMention], times: list[_Cand], tz) -> list[DateMention]:
    """Clock times join an adjacent day date, or the only day date of their sentence; else they go."""
    starts = [d.start for d in found]
    replaced: dict[int, DateMention] = {}
    extra: list[DateMention] = []
    bounds: list[int] | None = None
    for t in times:
        if t.info[2] is False:
            continue  # "Ortszeit", "Moskauer Zeit": an offset we do not know
        i = bisect_left(starts, t.start)
        before = found[i - 1] if i > 0 else None
        after = found[i] if i < len(found) else None
        target = None
        if before and before.precision == "day" and _TIME_GAP.fullmatch(text, before.end, t.start):
            target = before
        elif after and after.precision == "day" and _TIME_GAP.fullmatch(text, t.end, after.start):
            target = after
        if target is not None and id(target) not in replaced:
            s, e = min(target.start, t.start), max(target.end, t.end)
            replaced[id(target)] = DateMention(text=text[s:e], start=s, end=e, value=_with_time(target, t.info, tz),
                                               precision="minute", relative=target.relative)
            continue
        if bounds is None:
            bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
        j = bisect_right(bounds, t.start)
        lo, hi = (bounds[j - 1] if j else 0), (bounds[j] if j < len(bounds) else len(text))
        same = [d for d in found[bisect_left(starts, lo):bisect_left(starts, hi)] if d.precision == "day"]
        if len(same) != 1:
            continue  # no date, or several: not simple, so the time is left out
        extra.append(DateMention(text=text[t.start:t.end], start=t.start, end=t.end,
                                 value=_with_time(same[0], t.info, tz), precision="minute",
                                 relative=same[0].relative))
    out = [replaced.get(id(d), d) for d in found] + extra
    if extra:
        out.sort(key=lambda d: d.start)
    return out
