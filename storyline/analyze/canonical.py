"""Canonical names and language-independent keys for entity mentions (stage 2 of `analyze`, after recognition).

The cascade, numbered as the code's comments number it:
1. trim      a recognizer's span loses quotes, punctuation, a possessive 's and leading articles;
             GermEval labels (LOCderiv, LOCpart …) and spaCy's (PERSON, GPE, NORP …) map to PER/ORG/LOC/MISC
2. roles     "US-Außenminister Antony Blinken", "Russian Foreign Minister Sergei Lavrov" keep the name only
             (the span moves with it); a country adjective ("Russian", "russische") becomes its country
3. lookup    countries, cities, regions and international organizations from data/places/places.json:
             the name in the article's language and a key such as "loc:RU", "loc:moscow", "org:nato"
4. scan      a gazetteer pass finds places the recognizer missed, adjectives above all:
             „ukrainischen Grenze“ → Ukraine, „deutsch-russische“ → Deutschland, Russland; „US-Seite“ → USA
5. forms     German inflection (genitive „Nordkoreas“, „Nawalnys“ when „Nawalny“ occurs; „des Arktischen
             Rates“ → „Arktischer Rat“) and surnames resolved to the article's full name
             ("Blinken" → "Antony Blinken")
6. keys      `name_key`: a person is keyed by the surname's phonetic skeleton ("per:lavrov" for Lawrow, Lavrov,
             Лавров), so that a surname-only mention in one article meets the full name in another; other
             entities by their table key, else by the skeleton of the whole name.

Decisions: „US-“ in a compound names the USA (like „russische“ names Russia); a country adjective is a
place unless it names a language („auf Deutsch“ is a noun and never matches; „in Russian“, „en russe“,
„deutsche Übersetzung“ are skipped); only country-level adjectives count, never continents („europäisch“).
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Entity

DATA = Path(__file__).resolve().parent.parent / "data" / "places" / "places.json"
LANGS = ("de", "en", "fr", "es", "it")

# 1. labels: ours, spaCy's and GermEval's; None drops the span (dates, numbers, languages)
_LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
           "MISC": "MISC", "OTH": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC",
           "WORK_OF_ART": "MISC", "LAW": "MISC"}
_WORD = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}|\w+(?:[-‑]\w+)*")
_GAP_OK = re.compile(r"[ \u00a0]{1,2}|\.[ \u00a0]?|['’]")
_EDGE = set("\"'„“”‚‘’«»‹›()[]{}<>,;:!?·•*–—/\\|#") | {"-"}
_LEAD_STOP = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "the", "a", "an",
              "le", "la", "les", "l", "un", "une", "du", "de", "el", "los", "las", "lo", "il", "gli", "i", "uno",
              "una", "del", "della", "dello", "dei", "degli", "delle", "al", "au", "aux"}
_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "le", "la", "bin", "ibn", "al",
              "el", "ben", "dos", "das", "zu", "ter", "ten", "y"}
_CAPITAL_STOP = {"Die", "Der", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Und", "Aber", "Auch", "In", "Im", "Am",
                 "Er", "Sie", "Es", "Wir", "Ich", "Man", "Doch", "Nach", "Mit", "Bei", "The", "A", "An", "It", "He",
                 "She", "We", "They", "This", "That", "But", "And", "Le", "La", "Les", "Il", "Elle", "El", "Lo",
                 "Los", "Las", "Un", "Una", "Gli", "I", "État", "Etat", "Estado", "Stato", "State", "Staat"}
_GENITIVE_LEAD = re.compile(r"([A-ZÄÖÜ]\w+s) [A-ZÄÖÜ]")
_CONJUNCTION = re.compile(r",\s+|\s+(?:und|and|et|e|sowie)\s+")  # not "y": "Ortega y Gasset"
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_WORD = re.compile(r"(\w+)(?:\s+|(?<=\b[lLdD])['’])")
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}

# 2. role words. German titles are capitalized compounds, so they are recognized by their head.
_DE_ROLE = re.compile(
    r"(?:minister|präsident|kanzler|chef|sprecher|kritiker|gegner|politiker|kolleg|botschafter|sekretär|führer"
    r"|vorsitzend|kandidat|abgeordnet|aktivist|anwalt|anwält|richter|beamt|diplomat|journalist|oppositionell"
    r"|berater|expert|direktor|leiter|gründer|milliardär|unternehmer|trainer|spieler|sänger|schauspieler|autor"
    r"|regisseur|papst|könig|prinz|prinzess|kardinal|bischof|general|admiral|kommandeur|kommandant|senator"
    r"|gouverneur|bürgermeister|premier|herrscher|machthaber|diktator|monarch|scheich|kaiser|anführer"
    r"|oligarch|amtsinhaber|vorgänger|nachfolger|herausforderer|ehefrau|ehemann|witwe|manager|offizier"
    r"|soldat|dissident|bürgerrechtler|kommissar|staatssekretär|pressesprecher)(?:in|innen|e|en|er|es|s|n)?$"
    r"|^(?:herr|frau|dr|prof|vize|emir|boss|agent)(?:in|s|n|en)?$")  # short titles whole: not „Alexandr“
_ROLES = {
    "en": {"president", "vice", "prime", "minister", "foreign", "secretary", "state", "defense", "defence", "home",
           "interior", "finance", "treasury", "chancellor", "senator", "sen", "rep", "representative", "gov",
           "governor", "mayor", "gen", "general", "lt", "col", "colonel", "maj", "major", "adm", "admiral", "sgt",
           "capt", "captain", "commander", "dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame",
           "lord", "lady", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop", "archbishop", "rev",
           "reverend", "sheikh", "emir", "ayatollah", "judge", "justice", "chief", "deputy", "ambassador", "envoy",
           "spokesman", "spokeswoman", "spokesperson", "commissioner", "director", "chairman", "chairwoman",
           "chair", "ceo", "leader", "opposition", "critic", "activist", "officer", "coach", "speaker", "former",
           "late", "acting", "interim", "premier", "crown", "assistant", "undersecretary", "attorney", "counsel",
           "adviser", "advisor", "head", "lawmaker", "congressman", "congresswoman", "candidate", "nominee",
           "lieutenant", "sergeant", "agent", "dissident", "first", "top", "diplomat", "official"},
    "fr": {"président", "présidente", "ministre", "chef", "porte-parole", "secrétaire", "chancelier", "chancelière",
           "ambassadeur", "ambassadrice", "m", "mme", "mlle", "dr", "général", "pape", "roi", "reine", "prince",
           "princesse", "opposant", "opposante", "dirigeant", "dirigeante", "leader", "sénateur", "maire", "premier",
           "première", "patron", "diplomate", "homologue"},
    "es": {"presidente", "presidenta", "ministro", "ministra", "canciller", "secretario", "secretaria", "portavoz",
           "jefe", "jefa", "embajador", "embajadora", "opositor", "opositora", "líder", "don", "doña", "sr", "sra",
           "general", "papa", "rey", "reina", "príncipe", "princesa", "alcalde", "alcaldesa", "senador", "senadora",
           "mandatario", "diplomático", "homólogo"},
    "it": {"presidente", "ministro", "ministra", "premier", "segretario", "segretaria", "portavoce", "capo",
           "ambasciatore", "leader", "papa", "re", "regina", "principe", "principessa", "sindaco", "senatore",
           "generale", "dottor", "dottore", "sig", "signor", "signora", "oppositore", "oppositrice", "diplomatico",
           "omologo", "cancelliere"},
}
_EN_TITLES_DE = {"mr", "mrs", "ms", "dr", "prof"}
# 4. words around an adjective that make it a language, not a country
_LANG_CONTEXT = {
    "de": {"Sprache", "Übersetzung", "Fassung", "Version", "Untertitel", "Untertiteln", "Muttersprache", "Synchronfassung"},
    "en": {"language", "languages", "speakers", "speaking", "translation", "version", "subtitles", "-speaking"},
    "fr": {"langue", "traduction", "version"},
    "es": {"idioma", "lengua", "traducción", "versión"},
    "it": {"lingua", "traduzione", "versione"},
}
_LANG_BEFORE = {
    "en": {"in", "into", "from", "speak", "speaks", "spoke", "speaking", "fluent", "learn", "learning"},
    "fr": {"en", "le", "du", "au", "langue"},
    "es": {"en", "el", "del", "al", "idioma", "lengua"},
    "it": {"in", "il", "dal", "del", "al", "lingua"},
}
_EN_NOT_BEFORE_ADJ = {"Latin", "South", "North", "Central", "Native", "Anglo", "African", "Asian", "Arab", "Hispanic"}
# 5. German inflection
_DE_ENDING = re.compile(r"(?:en|em|er|es|e|n|s)$")
_DE_ADJ = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+?(e|en|em|er|es)")
_DE_ADJ_STEM = re.compile(r"(?:isch|ig|lich|al|är|ell|iv|t|ös|ar|rot|weiß|neu|grün|frei|link|hoch|groß|klein|alt"
                          r"|jung|deutsch|schwarz|blau|gelb|nah|fern)$")
_DE_NEUTER = ("amt", "institut", "komitee", "kreuz", "haus", "parlament", "gericht", "bündnis", "büro", "werk",
              "team", "kabinett", "forum", "netzwerk", "kommando", "reich", "land", "sekretariat", "unternehmen",
              "um", "ment", "chen", "lein", "tum", "regime", "militär", "volk", "konsulat", "kommissariat",
              "archiv", "orchester", "theater", "festival", "programm", "projekt", "abkommen", "gesetz", "kollektiv",
              "studio", "labor", "magazin", "blatt", "journal", "portal", "krankenhaus", "spital", "hospital",
              "kloster", "ensemble", "gremium")
_DE_DATIVE_MN = {"dem", "im", "vom", "zum", "beim", "am", "einem"}
_DE_GENITIVE_MN = {"des", "eines"}


@dataclass(frozen=True, slots=True)
class Known:
    """A place or organization of the table: its key, label, kind and shown name per language."""

    key: str
    label: str
    kind: str
    names: tuple[tuple[str, str], ...]

    def canonical(self, lang: str | None) -> str:
        """The name shown in `lang` (English, else any, where the table has none)."""
        d = dict(self.names)
        return d.get(lang or "") or d.get("en") or next(iter(d.values()), self.key)


@dataclass(slots=True)
class _Entry:
    known: Known
    scan: bool  # may the gazetteer pass use it on its own?


class _Gazetteer:
    """One language's names, adjectives and compound stems, indexed by token."""

    def __init__(self, lang: str, data: dict, known: dict[str, Known]) -> None:
        self.lang = lang
        self.single: dict[str, _Entry] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], _Entry, bool]]] = {}
        self.adj: dict[str, _Entry] = {}
        self.stems: dict[str, _Entry] = {}
        self.adj_cap: dict[str, _Entry] = {}
        self._norms: dict[str, str] = {}
        for p in data["places"]:
            k = known[p["key"]]
            noscan = set(p["noscan"].get(lang, ()))
            for n in p["names"].get(lang, ()):
                self._add(n, _Entry(k, n not in noscan), adjective=False)
            for f in p["adj"].get(lang, ()):
                self._add(f, _Entry(k, f not in noscan), adjective=True)
            for s in p["stems"].get(lang, ()):
                self.stems.setdefault(s.lower(), _Entry(k, True))
            for c in p["adj_cap"].get(lang, ()):
                self.adj_cap.setdefault(c, _Entry(k, True))
        for o in data["orgs"]:
            noscan = set(o["noscan"].get(lang, ()))
            for n in o["names"].get(lang, ()):
                self._add(n, _Entry(known[o["key"]], n not in noscan), adjective=False)
        for v in self.multi.values():
            v.sort(key=lambda x: -len(x[0]))
        self.longest = max((len(k) for v in self.multi.values() for k, _, _ in v), default=1)
        self.lower_first = {k for k in self.multi if k[:1].islower()}  # « bande de Gaza »
        self.inert: set[str] = set()  # words `_scan` has proved can never match (see `is_inert`)

    def is_inert(self, t: str) -> bool:
        """Whether `_scan` can find nothing in word `t` whatever surrounds it (no name, adjective or compound)."""
        if "-" in t or "‑" in t:
            return False
        if t[0].islower() and t not in self.lower_first:
            return t not in self.adj
        if self.norm(t) in self.multi:
            return False
        entry = self.single.get(t)
        if entry is None and self.lang == "de" and t[-1] == "s" and len(t) > 4 and t[-2] not in "sxz":
            entry = self.single.get(t[:-1])
        if entry is not None:
            return not entry.scan
        if self.lang == "en" or t[0].islower():
            return t not in self.adj
        return t not in self.adj_cap and t.lower() not in self.adj

    def norm(self, tok: str) -> str:
        """German names inflect inside multi-word names: compare them without their endings."""
        if self.lang != "de" or len(tok) <= 4:
            return tok
        out = self._norms.get(tok)
        if out is None:
            out = _DE_ENDING.sub("", tok)
            if len(self._norms) < 100_000:
                self._norms[tok] = out
        return out

    def _add(self, name: str, entry: _Entry, adjective: bool) -> None:
        toks = [m.group() for m in _WORD.finditer(name)]
        if len(toks) == 1 and toks[0] == name:
            (self.adj if adjective else self.single).setdefault(name, entry)
        elif toks:
            key = tuple(self.norm(t) for t in toks)
            self.multi.setdefault(key[0], []).append((key, entry, adjective))

    def lookup(self, name: str) -> Known | None:
        """The table entry a name (as a recognizer found it) refers to, inflection allowed in German."""
        if name.isupper() and len(name) > 4 and " " not in name:
            name = name.title()  # datelines: "WASHINGTON —"
        plain = " " not in name and "." not in name and "'" not in name and "’" not in name
        toks = [name] if plain else [m for m in _WORD.finditer(name)]
        if not toks:
            return None
        if len(toks) == 1:
            e = self.single.get(name) or self.adj.get(name) or self.adj.get(name.lower() if self.lang != "en" else name)
            if e is None and self.lang == "de":
                e = self.single.get(_de_strip_genitive(name)) or (self.single.get(name[:-1]) if name.endswith("s") else None)
            return e.known if e else None
        hit = self.match_multi([(m.start(), m.end(), m.group()) for m in toks], 0, name, whole=True)
        return hit[1].known if hit else None

    def match_multi(self, toks: list[tuple[int, int, str]], i: int, text: str,
                    whole: bool = False) -> tuple[int, _Entry, bool] | None:
        """The longest multi-word name starting at token i: (index after it, entry, is it an adjective)."""
        cands = self.multi.get(self.norm(toks[i][2]))
        if not cands:
            return None
        for key, entry, adjective in cands:
            j = i + len(key)
            if j > len(toks) or (whole and j != len(toks)):
                continue
            if all(self.norm(toks[i + k][2]) == key[k] and _GAP_OK.fullmatch(text[toks[i + k - 1][1]:toks[i + k][0]])
                   for k in range(1, len(key))):
                return j, entry, adjective
        return None


_LOCK = threading.RLock()  # the global table builds the per-language ones under it
_TABLES: tuple[dict, dict[str, Known]] | None = None
_GAZ: dict[str, _Gazetteer] = {}
_GLOBAL: dict[str, Known | None] = {}


def _tables() -> tuple[dict, dict[str, Known]]:
    """places.json and one Known per key, read once."""
    global _TABLES
    if _TABLES is None:
        data = json.loads(DATA.read_text("utf-8"))
        known = {}
        for p in data["places"] + data["orgs"]:
            names = tuple((lg, ns[0]) for lg, ns in p["names"].items() if ns)
            known[p["key"]] = Known(p["key"], p.get("label", "LOC"), p.get("kind", "org"), names)
        _TABLES = (data, known)
    return _TABLES


def gazetteer(lang: str | None) -> _Gazetteer | None:
    """The cached gazetteer of `lang`, or None for a language without tables."""
    lang = (lang or "").split("-")[0].split("_")[0].lower()
    if lang not in LANGS:
        return None
    if lang not in _GAZ:
        with _LOCK:
            if lang not in _GAZ:
                _GAZ[lang] = _Gazetteer(lang, *_tables())
    return _GAZ[lang]


def _global_lookup(name: str) -> Known | None:
    """A table entry by a name in any language; a name that two languages give to different entries counts for none."""
    if not _GLOBAL:
        with _LOCK:
            if not _GLOBAL:
                data, known = _tables()
                table: dict[str, Known | None] = {}
                for p in data["places"] + data["orgs"]:
                    for names in p["names"].values():
                        for n in names:
                            k = known[p["key"]]
                            table[n] = k if table.get(n, k) == k else None
                _GLOBAL.update(table)
    return _GLOBAL.get(" ".join(name.split()))


# 6. keys ------------------------------------------------------------------------------------------------

_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                 "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i", "e", "g"]))
_SKELETON_RULES = [(re.compile(p), r) for p, r in (
    (r"shch|schtsch|chtch|tsch|tch|sch|zh|kh|ch|sh", "§"),  # Ш Ч Щ Ж Х across de/en/fr spellings
    (r"x", "ks"), (r"ph", "f"), (r"th", "t"), (r"ck", "k"), (r"qu", "k"), (r"gu(?=[eiy])", "g"),
    (r"c(?=[eiy])", "s"), (r"c", "k"), (r"ou", "u"), (r"w", "v"), (r"[yj]", "i"), (r"tz|ts|z", "s"),
    (r"\bie", "e"), (r"ev\b", "ov"), (r"§", "sh"), (r"(.)\1+", r"\1"),
)]


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A spelling-independent form: Cyrillic transliterated, accents folded, de/en/fr/es conventions merged."""
    s = "".join(_CYR.get(ch, ch) for ch in name.lower())
    s = s.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ı", "i")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())
    for rx, rep in _SKELETON_RULES:
        s = rx.sub(rep, s)
    return s.replace(" ", "-")


@lru_cache(maxsize=65536)
def _surname(name: str) -> str:
    toks = name.replace("’", "'").split()
    while len(toks) > 1 and toks[-1].strip(".,").lower() in _NAME_SUFFIXES:
        toks.pop()
    i = len(toks) - 1
    while i > 0 and toks[i - 1].lower() in _PARTICLES and toks[i - 1].islower():
        i -= 1
    return "".join(toks[i:])


@lru_cache(maxsize=65536)
def name_key(name: str, label: str = "PER") -> str:
    """Language-independent key: "per:lavrov" for Lawrow/Lavrov/Лавров, "loc:RU", "loc:moscow", "org:nato"."""
    label = _LABELS.get(label.upper(), label.upper())
    if label == "PER":
        return "per:" + skeleton(_surname(name))
    known = _global_lookup(name)
    if known is not None:
        return known.key
    return f"{label.lower()}:{skeleton(name)}"


# German inflection ---------------------------------------------------------------------------------------

def _de_strip_genitive(word: str) -> str:
    """„Rates“ → Rat, „Ministeriums“ → Ministerium, „Bündnisses“ → Bündnis; other words stay."""
    low = word.lower()
    if len(word) < 4 or low.endswith(("fonds", "ss", "us", "is", "os")) or not low.endswith("s"):
        return word
    if low.endswith("nisses"):
        return word[:-3]
    if low.endswith("sses") or (low.endswith("es") and low[-3] not in "aeiouäöüy"):
        return word[:-2]
    return word[:-1]


def _de_nominative(tokens: list[str], prev: str) -> list[str]:
    """Adjective + noun names in their dictionary form: „des Arktischen Rates“ → Arktischer Rat."""
    run = 0
    while (run < len(tokens) - 1 and _DE_ADJ.fullmatch(tokens[run]) and tokens[run + 1][:1].isupper()
           and _DE_ADJ_STEM.search(tokens[run][: -len(_DE_ADJ.fullmatch(tokens[run]).group(1))].lower())):
        run += 1
    if run == 0:
        return tokens
    head = tokens[run]
    ending = _DE_ADJ.fullmatch(tokens[0]).group(1)
    genitive = head.endswith("s") and _de_strip_genitive(head) != head
    if ending in ("er", "es") and prev not in _DE_GENITIVE_MN | _DE_DATIVE_MN | {"der", "den"}:
        return tokens  # already strong: „ein Arktischer Rat“
    if prev in _DE_GENITIVE_MN or (not prev and ending == "en" and genitive):
        gender = "m/n"
        head = _de_strip_genitive(head)
    elif prev in _DE_DATIVE_MN:
        gender = "m/n"
    elif prev == "der" and ending == "e":
        gender = "m"
    elif prev == "das":
        gender = "n"
    elif prev == "den" and not head.endswith("n"):
        gender = "m"
    else:
        gender = "f/pl"  # die, der + -en, zur, einer, den + plural, or no article at all
    if gender == "m/n":
        gender = "n" if head.lower().endswith(_DE_NEUTER) else "m"
    strong = {"m": "er", "n": "es", "f/pl": "e"}[gender]
    out = []
    for t in tokens[:run]:
        m = _DE_ADJ.fullmatch(t)
        out.append(t[: -len(m.group(1))] + strong)
    return out + [head] + tokens[run + 1:]


# 1.-5. canonicalize ----------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    label: str
    known: Known | None = None
    canonical: str | None = None


def _trim(text: str, s: int, e: int, per: bool, lang: str = "") -> tuple[int, int]:
    """1. Without edge punctuation, a possessive 's, a sentence's period and leading articles."""
    while s < e and (text[s].isspace() or text[s] in _EDGE):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _EDGE):
        e -= 1
    m = _POSSESSIVE.search(text, s, e)
    if m and e - s > len(m.group()):
        e -= len(m.group())
    if e > s and text[e - 1] == ".":
        last = text[s:e - 1].split()[-1] if text[s:e - 1].split() else ""
        if not (len(last) <= 2 or "." in last):  # keep "U.S.", "Jr.", "St."
            e -= 1
    while True:
        m = _LEADING_WORD.match(text[s:e])
        if not m or m.end() >= e - s or (per and m.group(1) in _PARTICLES):
            break
        # "The White House" → White House; a capitalized article elsewhere belongs to the name (Los Angeles)
        if m.group(1) not in _LEAD_STOP and not (lang == "en" and m.group(1) == "The"):
            break
        s += m.end()
    return s, e


@lru_cache(maxsize=65536)
def _is_role(tok: str, lang: str) -> bool:
    """A title or function word that may precede a name: „Kremlchef“, „US-Außenminister“, "Secretary"."""
    low = tok.rstrip(".").lower()
    if "-" in low and lang != "fr":
        low = low.rsplit("-", 1)[1]
    if lang == "de":
        return bool(_DE_ROLE.search(low)) or low in _EN_TITLES_DE
    return low in _ROLES.get(lang, ()) or low in _ROLES["en"] and tok[:1].isupper()


def _strip_role(text: str, s: int, e: int, lang: str) -> tuple[int, int] | None:
    """2. The name inside a PER span that starts with a role phrase; None when no name is left."""
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, s, e)]
    if not toks:
        return None
    cut = -1
    for i, (_, _, t) in enumerate(toks[:-1]):
        if _is_role(t, lang) or (t.islower() and t not in _PARTICLES):
            cut = i
    rest = toks[cut + 1:]
    if not any(t[:1].isupper() for _, _, t in rest):
        return None
    if cut < 0 and len(toks) == 1 and _is_role(toks[0][2], lang) and lang == "de":
        return None  # a role alone („Kremlchef“) names nobody
    return rest[0][0], e


def _parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, p = [], s
    for i in range(s, e + 1):
        if i == e or text[i] in "-‑":
            if i > p:
                out.append((p, i))
            p = i + 1
    return out


def _place_or_org(gaz: _Gazetteer | None, name: str) -> Known | None:
    if gaz is None:
        return None
    e = gaz.single.get(name)
    if e is None and gaz.lang == "de" and name.endswith("s"):
        e = gaz.single.get(name[:-1])
    return e.known if e else None


def _from_compound(text: str, s: int, e: int, label: str, gaz: _Gazetteer | None) -> list[_Mention]:
    """GermEval's *part labels: the names inside a compound („Kreml-Kritiker“ → Kreml, „SPD-Chef“ → SPD)."""
    parts = _parts(text, s, e)
    out = []
    if len(parts) == 1 and gaz is not None:  # „Kremlchef“, „Russlandpolitik“: the longest known prefix
        word = text[s:e]
        for n in range(len(word) - 2, 3, -1):
            k = _place_or_org(gaz, word[:n])
            if k is not None and word[n].islower():
                return [_Mention(s, s + n, k.label or label, k)]
        return []
    for ps, pe in parts[:-1]:
        if text[ps:ps + 1].isupper():
            k = _place_or_org(gaz, text[ps:pe])
            out.append(_Mention(ps, pe, (k.label or label) if k else label, k))
    return out


def _adjective(gaz: _Gazetteer | None, word: str) -> Known | None:
    """The country an adjective names, as a recognizer tagged it ("Russian", „russische“)."""
    if gaz is None:
        return None
    e = gaz.adj.get(word) or gaz.adj.get(word.lower()) or gaz.adj_cap.get(word)
    if e is None:
        k = gaz.lookup(word)
        return k if k is not None and k.kind == "country" else None
    return e.known


def _from_span(text: str, s: int, e: int, raw: str, lang: str, gaz: _Gazetteer | None) -> list[_Mention]:
    """1.-3. One recognizer span as zero or more mentions."""
    base, kind = raw.upper(), ""
    for suffix in ("DERIV", "PART"):
        if base.endswith(suffix) and len(base) > len(suffix):
            base, kind = base[: -len(suffix)], suffix
    label = _LABELS.get(base)
    if label is None:
        return []
    if lang == "en" and gaz is not None and text[s:s + 4] == "The " and gaz.lookup(text[s:e].strip()):
        pass  # "The Hague" is a name as it stands
    else:
        s, e = _trim(text, s, e, per=label == "PER", lang=lang)
    if e <= s:
        return []
    word = text[s:e]
    if kind == "PART":
        return _from_compound(text, s, e, label, gaz)
    if kind == "DERIV" or label == "MISC" or (label == "LOC" and word[:1].islower()):
        k = _adjective(gaz, word) if label in ("LOC", "MISC") else None
        if k is not None:
            return [_Mention(s, e, "LOC", k)]
        if kind == "DERIV":
            return []
    if label == "PER" and _CONJUNCTION.search(text, s, e):  # „Blinken und Lawrow“ tagged as one span
        out = []
        a = s
        for m in list(_CONJUNCTION.finditer(text, s, e)) + [None]:
            b = m.start() if m else e
            out.extend(_from_span(text, a, b, raw, lang, gaz))
            a = m.end() if m else e
        return out
    if label == "PER":
        span = _strip_role(text, s, e, lang)
        if span is None:
            return []
        s, e = span
        k = gaz.lookup(text[s:e]) if gaz else None
        if k is not None and k.kind == "country":  # nobody is called „Russland“
            return [_Mention(s, e, "LOC", k)]
        return [_Mention(s, e, "PER")]
    k = gaz.lookup(word) if gaz else None
    if k is not None:
        return [_Mention(s, e, k.label or label, k)]
    first = _GENITIVE_LEAD.match(word) if lang == "de" else None
    if first and gaz is not None:  # „Nordkoreas Raketen“ tagged as one name: the name is the genitive
        k = gaz.lookup(first.group(1))
        if k is not None and k.kind != "org":
            return [_Mention(s, s + first.end(1), "LOC", k)]
    if label == "LOC" and gaz is not None and " " not in word and ("-" in word or "‑" in word):
        found = _from_compound(text, s, e, label, gaz)  # „US-Präsident“ tagged LOC: the place is „US“
        if found and all(m.known is not None for m in found):
            return found
    return [_Mention(s, e, label)]


@lru_cache(maxsize=65536)
def _span_template(surface: str, raw: str, lang: str) -> tuple[tuple[int, int, str, Known | None], ...]:
    """1.-3. depend on a span's own characters only: computed once per surface form, label and language."""
    found = _from_span(surface, 0, len(surface), raw, lang, gazetteer(lang))
    return tuple((m.start, m.end, m.label, m.known) for m in found if not _drop(surface, m, lang))


def _sentence_start(text: str, s: int) -> bool:
    i = s - 1
    while i >= 0 and (text[i] in " \t\u00a0„“\"«»‚‘(" ):
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"


def _scan(text: str, gaz: _Gazetteer) -> list[_Mention]:
    """4. Places the gazetteer finds on its own: names, adjectives and compounds („US-Seite“, „deutsch-russisch“)."""
    lang, single, adj, adj_cap, multi, norm = gaz.lang, gaz.single, gaz.adj, gaz.adj_cap, gaz.multi, gaz.norm
    lower_first, inert = gaz.lower_first, gaz.inert
    if len(inert) > 200_000:
        inert.clear()  # bounded: odd texts must not grow the cache without end
    out: list[_Mention] = []
    prev: re.Match | None = None
    skip_to = 0
    for m in _WORD.finditer(text):
        t = m[0]
        if t in inert:  # most words: nothing below can come of them, wherever they stand
            if skip_to and m.start() < skip_to:
                continue
            prev = m
            continue
        s, e = m.span()
        if s < skip_to:
            continue
        if gaz.is_inert(t):
            inert.add(t)
            prev = m
            continue
        if t[0].islower() and t not in lower_first:  # most words: only an adjective or a compound can match
            if t in adj:
                out.extend(_adjective_at(text, s, e, t, prev, gaz))
            elif "-" in t or "‑" in t:
                out.extend(_scan_compound(text, s, e, gaz))
            prev = m
            continue
        if norm(t) in multi:  # rare: look ahead only here
            ahead = [(s, e, t)] + [(x.start(), x.end(), x.group())
                                   for x in itertools.islice(_WORD.finditer(text, e), gaz.longest - 1)]
            hit = gaz.match_multi(ahead, 0, text)
            if hit is not None and hit[1].scan:
                out.append(_Mention(s, ahead[hit[0] - 1][1], hit[1].known.label, hit[1].known))
                skip_to = ahead[hit[0] - 1][1]
                prev = None
                continue
        entry = single.get(t)
        if entry is None and lang == "de" and t[-1] == "s" and len(t) > 4 and t[-2] not in "sxz":
            entry = single.get(t[:-1])  # „Russlands“, „Moskaus“
        if entry is not None:
            if entry.scan:
                out.append(_Mention(s, e, entry.known.label, entry.known))
        elif (t in adj if lang == "en" or t[0].islower() else (t in adj_cap or t.lower() in adj)):
            out.extend(_adjective_at(text, s, e, t, prev, gaz))
        elif "-" in t or "‑" in t:
            out.extend(_scan_compound(text, s, e, gaz))
        prev = m
    return out


def _adjective_at(text: str, s: int, e: int, t: str, prev: re.Match | None, gaz: _Gazetteer) -> list[_Mention]:
    """The place an adjective at text[s:e] names, read with the words just before and after it (none or one)."""
    before = prev.group() if prev is not None and text[prev.end():s].isspace() else None
    x = _WORD.match(text, e + 1) if text[e:e + 1] in (" ", "\u00a0") else None
    k = _scan_adjective(text, s, t, before, x.group() if x else None, gaz)
    return [_Mention(s, e, "LOC", k)] if k is not None else []


def _scan_adjective(text: str, s: int, t: str, prev: str | None, nxt: str | None, gaz: _Gazetteer) -> Known | None:
    lang = gaz.lang
    if lang == "en":
        entry = gaz.adj.get(t)
        if entry is None or prev in _EN_NOT_BEFORE_ADJ:
            return None
    elif t[:1].isupper():
        entry = gaz.adj_cap.get(t) if nxt and nxt[:1].isupper() else None
        if entry is None and _sentence_start(text, s):
            entry = gaz.adj.get(t.lower())
    else:
        entry = gaz.adj.get(t)
    if entry is None or not entry.scan:
        return None
    if nxt in _LANG_CONTEXT.get(lang, ()):
        return None
    if prev is not None and prev.lower() in _LANG_BEFORE.get(lang, ()):
        # "in Russian" is a language, "in Russian territory" a place; Romance articles make nouns of it
        if lang != "en" or nxt is None or not nxt[:1].isalpha() or nxt in {"and", "or", "but", "with", "as", "to"}:
            return None
    return entry.known


def _scan_compound(text: str, s: int, e: int, gaz: _Gazetteer) -> list[_Mention]:
    """Hyphenated words: adjective chains („deutsch-russischen“) and names before a noun („US-Außenminister“)."""
    parts = _parts(text, s, e)
    words = [text[a:b] for a, b in parts]
    last = gaz.adj.get(words[-1] if gaz.lang == "en" else words[-1].lower())
    stems = [gaz.stems.get(w.lower()) for w in words[:-1]]
    if last is not None and all(stems):
        return [_Mention(a, b, "LOC", x.known) for (a, b), x in zip(parts, stems + [last]) if x.scan]
    out = []
    for idx, (a, b) in enumerate(parts):
        w = words[idx]
        entry = gaz.single.get(w)
        if entry is not None and entry.scan and entry.known.kind != "org" and w[:1].isupper():
            out.append(_Mention(a, b, "LOC", entry.known))
        elif idx < len(parts) - 1:
            break  # „Nord-Stream-Pipeline“: names only lead a compound
    return out


def _drop(text: str, m: _Mention, lang: str) -> bool:
    """Obviously wrong spans: lowercase words, numbers, lone articles, role words alone."""
    if m.known is not None:
        return False
    w = text[m.start:m.end]
    toks = _WORD.findall(w)
    if len(w) < 2 or not any(c.isalpha() for c in w) or not toks:
        return True
    if len(toks) == 1 and (w.islower() or w in _CAPITAL_STOP):
        return True
    if m.label != "PER":
        lower = sum(1 for t in toks if t.islower() and t not in _PARTICLES)
        upper = sum(1 for t in toks if t[:1].isupper() and t not in _CAPITAL_STOP)
        if lower > upper or (toks[0].islower() and toks[0] not in _PARTICLES):
            return True  # „Las tropas rusas están“, « ministre russe des Affaires étrangères »: not a name
    return all(_is_role(t, lang) for t in toks)


_PREV_WORD = re.compile(r"(\w+)\s+$")
_PREV_TOKEN = re.compile(r"(\w+(?:[-‑]\w+)*\.?)\s+$")


def _prev_word(text: str, s: int) -> str:
    m = _PREV_WORD.search(text, max(0, s - 30), s)
    return m.group(1).lower() if m else ""


def _occurrences(text: str, word: str, genitive: bool = False):
    """Where `word` stands as a whole word (not inside a compound), optionally with a German genitive -s."""
    i = text.find(word)
    n = len(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        end = i + n
        if genitive and text[end:end + 1] == "s":
            end += 1 if not (text[end + 1:end + 2].isalnum() or text[end + 1:end + 2] == "-") else 0
        after = text[end:end + 1]
        if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
            yield i, end
        i = text.find(word, i + 1)


def _resolve_people(text: str, mentions: list[_Mention], lang: str) -> None:
    """5. German genitives with evidence („Nawalnys“ when „Nawalny“ occurs) and surnames to full names."""
    people = [m for m in mentions if m.label == "PER"]
    words = {text[m.start:m.end].split()[-1] for m in people}
    evidence: dict[str, bool] = {}
    for m in people:
        name = " ".join(text[m.start:m.end].split())
        last = name.rsplit(" ", 1)[-1]
        if lang == "de" and last.endswith("s") and len(last) > 3:
            stem = last[:-1]
            if stem not in evidence:
                evidence[stem] = stem in words or next(_occurrences(text, stem), None) is not None
            if evidence[stem]:
                name = name[:-1]
        m.canonical = name
    full = [(m, m.canonical.rsplit(" ", 1)[-1], _surname(m.canonical)) for m in people if " " in m.canonical]
    surnames = {last for _, last, _ in full}
    for m in mentions:  # "Biden's" tagged ORG, „Lawrow“ tagged LOC: a surname of the article is a person
        if m.label != "PER" and m.known is None and text[m.start:m.end] in surnames:
            m.label = "PER"
            m.canonical = text[m.start:m.end]
            people.append(m)
    for m in people:
        if " " in m.canonical:
            continue
        same = [f for f, last, sur in full if m.canonical in (last, sur)]
        if same:
            before = [f for f in same if f.start < m.start]
            m.canonical = (before[-1] if before else same[0]).canonical


def _people_by_role(text: str, mentions: list[_Mention], lang: str) -> None:
    """„Bidens“ tagged LOC is a person when the article also says „US-Präsident Biden“."""
    decided: dict[str, bool] = {}  # the answer depends on the name only: once per name and article
    for m in mentions:
        if m.label == "PER" or m.known is not None or " " in text[m.start:m.end]:
            continue
        surface = text[m.start:m.end]
        person = decided.get(surface)
        if person is None:
            person = decided[surface] = _after_role(text, surface, lang)
        if person:
            m.label = "PER"


def _after_role(text: str, name: str, lang: str) -> bool:
    """Whether `name` (or its stem without a genitive -s) stands anywhere right after a capitalized role."""
    if lang == "de" and name.endswith("s") and next(_occurrences(text, name[:-1]), None) is not None:
        name = name[:-1]
    for start, _ in _occurrences(text, name):
        before = _PREV_TOKEN.search(text, max(0, start - 40), start)
        if before and _is_role(before.group(1), lang) and not before.group(1).islower():
            return True
    return False


_ROLE_THEN_NAME = re.compile(
    r"(?<![\w-])([A-ZÄÖÜ][\w-]*)\s+([A-ZÄÖÜ][a-zäöüßáàéèíóúñç]{2,}(?:-[A-ZÄÖÜ][a-zäöüßáàéèíóúñç]+)?)(?![\w-])"
    r"(?!\s+[A-ZÄÖÜ])")


def _names_after_roles(text: str, mentions: list[_Mention], lang: str, gaz: _Gazetteer | None) -> list[_Mention]:
    """„US-Präsident Biden wolle …“: a single capitalized word right after a capitalized role is a person's name.

    Only where the recognizer found nothing there, and not when the word is a known place or
    organisation, a role itself, or a common capitalized word; two capitalized words in a row are
    left alone (the recognizer handles full names, and German nouns are capitalized too).
    """
    if lang not in ("de", "en"):
        return []
    taken = bytearray(len(text))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    for m in _ROLE_THEN_NAME.finditer(text):
        role, name = m.group(1), m.group(2)
        a, b = m.span(2)
        if taken.find(1, a, b) >= 0 or not _is_role(role, lang) or _is_role(name, lang) or name in _CAPITAL_STOP:
            continue
        if gaz is not None and (gaz.lookup(name) is not None or gaz.lookup(_de_strip_genitive(name)) is not None):
            continue
        out.append(_Mention(a, b, "PER"))
        taken[a:b] = b"\x01" * (b - a)
    return out


def _more_mentions(text: str, mentions: list[_Mention], lang: str) -> list[_Mention]:
    """Where the recognizer missed a person it found elsewhere in the article („Lawrow nannte …“)."""
    names: set[str] = set()
    for m in mentions:
        if m.label == "PER":
            names.add(" ".join(text[m.start:m.end].split()))
            last = m.canonical.split()[-1]
            if len(last) >= 3 and last[:1].isupper() and last not in _CAPITAL_STOP and not _is_role(last, lang):
                names.add(last)
    names = {n for n in names if n[:1].isupper()}
    # "Will" (George Will) is also a word: where the text writes it lowercase too, a capital at a
    # sentence's start proves nothing
    words = {n for n in names if " " not in n and next(_occurrences(text, n.lower()), None) is not None}
    taken = bytearray(len(text))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    for name in sorted(names, key=len, reverse=True):  # full names first: they take their surnames' places
        for a, b in _occurrences(text, name, genitive=lang == "de"):
            if taken.find(1, a, b) < 0 and not (name in words and _sentence_start(text, a)):
                out.append(_Mention(a, b, "PER"))
                taken[a:b] = b"\x01" * (b - a)
    return out


def _resolve_names(text: str, m: _Mention, lang: str, gaz: _Gazetteer | None,
                   memo: dict[tuple[str, str], tuple[str, Known | None]] | None = None) -> None:
    """5. ORG/LOC/MISC names in their dictionary form, then looked up again in the table.

    The result depends on the mention's words and the word before it only: `memo` keeps it per article.
    """
    surface = text[m.start:m.end]
    if lang != "de":
        m.canonical = " ".join(surface.split())
        return
    prev = _prev_word(text, m.start)
    got = memo.get((surface, prev)) if memo is not None else None
    if got is None:
        toks = _de_nominative(" ".join(surface.split()).split(" "), prev)
        if len(toks) == 1 or toks[-1].endswith("s"):
            head = _de_strip_genitive(toks[-1])
            evidence = head != toks[-1] and re.search(rf"(?<!\w){re.escape(head)}(?!\w)", text)
            if head != toks[-1] and (prev in _DE_GENITIVE_MN or evidence):
                toks[-1] = head
        name = " ".join(toks)
        got = (name, gaz.lookup(name) if gaz is not None else None)
        if memo is not None:
            memo[(surface, prev)] = got
    name, known = got
    if gaz is not None and m.known is None:
        m.known = known
        if known is not None and known.label:
            m.label = known.label
    m.canonical = name


def canonicalize(text: str, spans: list[tuple[int, int, str]], lang: str | None) -> list[Entity]:
    """Entities with canonical names and keys from a recognizer's spans, plus the places a gazetteer pass adds."""
    lang = (lang or "").split("-")[0].split("_")[0].lower()
    gaz = gazetteer(lang)
    mentions: list[_Mention] = []
    for s, e, raw in spans:
        if 0 <= s < e <= len(text):
            for a, b, label, known in _span_template(text[s:e], raw, lang):
                mentions.append(_Mention(s + a, s + b, label, known))
    mentions = _without_overlaps(mentions)
    if gaz is not None:  # 4.
        taken = bytearray(len(text))
        for m in mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        mentions += [m for m in _scan(text, gaz) if taken.find(1, m.start, m.end) < 0]
        mentions.sort(key=lambda m: m.start)
    _people_by_role(text, mentions, lang)  # 5.
    after_roles = _names_after_roles(text, mentions, lang, gaz)
    if after_roles:
        mentions = sorted(mentions + after_roles, key=lambda m: m.start)
    _resolve_people(text, mentions, lang)
    found = _more_mentions(text, mentions, lang)
    if found:
        mentions = sorted(mentions + found, key=lambda m: m.start)
        _resolve_people(text, mentions, lang)
    out = []
    memo: dict[tuple[str, str], tuple[str, Known | None]] = {}
    for m in mentions:
        if m.label != "PER":
            if m.known is not None:
                m.canonical = m.known.canonical(lang)
            else:
                _resolve_names(text, m, lang, gaz, memo)
                if m.known is not None:
                    m.canonical = m.known.canonical(lang)
        key = m.known.key if m.known is not None else name_key(m.canonical, m.label)  # 6.
        out.append(Entity(text=text[m.start:m.end], label=m.label, canonical=m.canonical, start=m.start,
                          end=m.end, key=key))
    return out


def _without_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """Recognizers do not overlap, but trimmed and split spans may: keep the longer one."""
    mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    return out
