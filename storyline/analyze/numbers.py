"""Stage 5: numbers and what they count.

A number is written in digits ("10", "1.000" and "1,5" in German, "1,000" and "2.5" in English,
"10 000" in French) or in words of de/en/fr/es/it ("zehn", "zweiundzwanzig", "twenty-two", "deux
cents", "treinta y dos", "duemila"), times a multiplier ("Mio.", "Milliarden", "million", "bn",
"milliards", "millones", "mil millones", "miliardi"). Its unit is the percent sign or phrase, a
currency symbol ("€ 5", "$5m"), or the head of the noun phrase that follows: German skips
lower-case adjectives to the capitalized noun ("zehn russische Diplomaten" → "Diplomaten");
English takes the first plural noun within a few words ("ten Russian diplomats"); French,
Spanish and Italian put the noun first ("dix diplomates russes"), after a few prenominal
adjectives and the "de/d'/di" of a multiplier ("1,5 million d'euros" → "euros"). The span runs
from the number (or its currency sign) to the unit when one was found.

Not counts: years, dates and clock times (whatever `timex` finds), ordinals ("19. Mai", "3rd",
"1er"), codes glued to letters ("G7", "COVID-19", "5G"), numbers after an identifier word
("Artikel 5", "No. 10") and numbers closing a name ("Nord Stream 2": after a capitalized word
that is not the sentence's first, with no counted noun after), articles ("ein", "a", "un": a
one is only counted in digits), and ambiguous words without a noun ("sei" is also "you are").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import NumberMention
from .timex import LANGS, time_spans, word_union

# Number words by morpheme; 0 marks a connector. Bound morphemes only occur inside a compound.
_MORPHS = {
    "de": "ein:1 eins:1 zwei:2 drei:3 vier:4 fünf:5 sechs:6 sieben:7 acht:8 neun:9 zehn:10 elf:11 zwölf:12 "
          "sechzehn:16 siebzehn:17 zwanzig:20 dreißig:30 vierzig:40 fünfzig:50 sechzig:60 siebzig:70 achtzig:80 neunzig:90 "
          "hundert:100 tausend:1000 und:0",
    "en": "one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12 thirteen:13 "
          "fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19 twenty:20 thirty:30 forty:40 "
          "fifty:50 sixty:60 seventy:70 eighty:80 ninety:90 hundred:100 thousand:1000",
    "fr": "un:1 une:1 deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9 dix:10 onze:11 douze:12 treize:13 "
          "quatorze:14 quinze:15 seize:16 vingt:20 vingts:20 trente:30 quarante:40 cinquante:50 soixante:60 "
          "quatre-vingt:80 quatre-vingts:80 cent:100 cents:100 mille:1000",
    "es": "un:1 uno:1 una:1 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9 diez:10 once:11 doce:12 "
          "trece:13 catorce:14 quince:15 dieciséis:16 dieciseis:16 diecisiete:17 dieciocho:18 diecinueve:19 "
          "veinte:20 veintiún:21 veintiuno:21 veintidós:22 veintitrés:23 veinticuatro:24 veinticinco:25 "
          "veintiséis:26 veintisiete:27 veintiocho:28 veintinueve:29 treinta:30 cuarenta:40 cincuenta:50 "
          "sesenta:60 setenta:70 ochenta:80 noventa:90 cien:100 ciento:100 doscientos:200 doscientas:200 "
          "trescientos:300 trescientas:300 cuatrocientos:400 cuatrocientas:400 quinientos:500 quinientas:500 "
          "seiscientos:600 seiscientas:600 setecientos:700 setecientas:700 ochocientos:800 ochocientas:800 "
          "novecientos:900 novecientas:900 mil:1000",
    "it": "uno:1 una:1 un:1 due:2 tre:3 tré:3 quattro:4 cinque:5 sei:6 sette:7 otto:8 nove:9 dieci:10 undici:11 "
          "dodici:12 tredici:13 quattordici:14 quindici:15 sedici:16 diciassette:17 diciotto:18 diciannove:19 "
          "venti:20 trenta:30 quaranta:40 cinquanta:50 sessanta:60 settanta:70 ottanta:80 novanta:90 cento:100 "
          "cent:100 mille:1000 mila:1000 " + " ".join(f"{t}{u}:{v + d}" for t, v in (("vent", 20), ("trent", 30),
          ("quarant", 40), ("cinquant", 50), ("sessant", 60), ("settant", 70), ("ottant", 80), ("novant", 90))
          for u, d in (("uno", 1), ("otto", 8))),
}
_BOUND = {"de": {"und"}, "it": {"cent", "mila", "tré"}}  # only inside a compound: "dreiundzwanzig", "duemila"
_AMBIGUOUS = {"fr": {"neuf"}, "it": {"sei", "venti"}, "es": set(), "de": set(), "en": set()}
_UNION_SKIP = {"once", "due", "elf", "sei", "venti", "neuf", "sept", "tre", "otto"}  # other words in other languages
_CONJ = {"de": "", "en": "and", "fr": "et", "es": "y", "it": ""}
_SCALES = {
    "de": {"Mio.": 1e6, "Million": 1e6, "Millionen": 1e6, "Mrd.": 1e9, "Milliarde": 1e9, "Milliarden": 1e9,
           "Billion": 1e12, "Billionen": 1e12, "Tsd.": 1e3},
    "en": {"million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12, "thousand": 1e3},
    "fr": {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9},
    "es": {"millón": 1e6, "millones": 1e6, "mil millones": 1e9, "billón": 1e12, "billones": 1e12, "mil": 1e3},
    "it": {"milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9, "mila": 1e3},
}
_ONE = {"de": "eine|ein", "en": "a|one", "fr": "un", "es": "un", "it": "un"}  # "eine Million", "a million"
_AFTER_UNIT = re.compile(
    r"\s?(?P<u>%|Prozentpunkte|Prozent|percentage\s+points?|per\s?cent|percent|points?\s+de\s+pourcentage|"
    r"pour\s?cent|puntos\s+porcentuales|por\s?ciento|punti\s+percentuali|per\s?cento|€|\$|£|km²|km|kg|m²|ha|MW|GW|"
    r"kWh)(?![\w])")
_CURRENCY_BEFORE = re.compile(r"(?:US\$|€|\$|£|USD|EUR|CHF|GBP)\s?$")
_IDENT = {"nr", "nummer", "artikel", "art", "absatz", "abs", "paragraf", "paragraph", "§", "seite", "s", "kapitel",
          "gleis", "linie", "flug", "zimmer", "band", "folge", "resolution", "no", "number", "article", "section",
          "page", "chapter", "flight", "room", "line", "rule", "title", "n°", "numéro", "chapitre", "vol", "número",
          "artículo", "página", "capítulo", "vuelo", "numero", "articolo", "pagina", "capitolo", "volo", "tel",
          "telefon", "phone", "version", "level", "stufe", "tor", "gate", "platz"}
_STOP = {
    "en": "the a an of in on at to for from by with and or but was were is are be been have has had will would could "
          "should that which who whom than as per each more less into over under about after before it its their "
          "his her this these those",
    "fr": "de du des d à au aux et ou en le la les l un une qui que qu ont sont est a pour par sur dans avec sans plus "
          "moins ce cette ces se sa son ses leur leurs",
    "es": "de del a al y o en el la los las un una que con por para son es han fue más menos se su sus lo como",
    "it": "di del della dei degli delle a al alla e o in il la le i gli un una che con per sono è ha hanno più meno "
          "si suo sua loro lo come da dal",
}
_DE_STOP = set("der die das den dem des ein eine einen einem einer eines und oder sich nicht auch noch zu im am "
               "vom zum zur mit von für auf aus bei nach über unter vor um als wie so es er sie wir ihr ihre ihren "
               "sein seine seinen man mehr".split())
_PRE_ADJ = {
    "fr": "grands grandes petits petites nouveaux nouvelles autres derniers dernières premiers premières jeunes vieux "
          "gros hauts bons longues longs courtes principaux principales",
    "es": "nuevos nuevas otros otras grandes pequeños pequeñas últimos últimas primeros primeras jóvenes largas "
          "largos principales",
    "it": "nuovi nuove altri altre grandi piccoli piccole ultimi ultime primi prime giovani lunghe lunghi "
          "principali",
}
_EN_PLURALS = {"people", "men", "women", "children", "police", "troops", "staff", "personnel", "cattle", "sheep",
               "fish", "aircraft", "media", "feet", "crew", "data"}
_EN_NOT_PLURAL = {"was", "has", "is", "as", "this", "his", "its", "thus", "plus", "us", "always", "perhaps",
                  "whereas", "unless", "across", "besides", "status", "crisis", "news", "bus", "gas", "yes"}
_TOKEN = re.compile(r"\s+(?P<w>[^\W\d_][\w\u0300-\u036f’'-]*\.?)")  # combining accents stay in the word
_DIGITS = re.compile(r"[0-9]+(?:[.,'’\u00a0\u202f][0-9]+)*")
_FR_GROUPS = re.compile(r"(?:[ \u00a0\u202f][0-9]{3}(?![0-9]))+")


class _Rules:
    """The compiled number words, multipliers and noun tests of one language (or of all five)."""

    def __init__(self, langs: tuple[str, ...]):
        self.langs = langs
        self.morph: dict[str, int] = {}
        self.bound: set[str] = set()
        self.ambiguous: set[str] = set()
        for lg in langs:
            for item in _MORPHS[lg].split():
                w, v = item.split(":")
                self.morph[w] = int(v)
            self.bound |= _BOUND.get(lg, set())
            self.ambiguous |= _AMBIGUOUS[lg]
        if len(langs) > 1:  # bound in one language ("cent" in Italian) but a word in another
            self.bound -= {w for lg in langs for w in (i.split(":")[0] for i in _MORPHS[lg].split())
                           if w not in _BOUND.get(lg, set())}
            self.ambiguous |= _UNION_SKIP
        alt = "|".join(re.escape(w) for w in sorted(self.morph, key=len, reverse=True))
        self.morph_rx = re.compile(alt)  # longest first: findall splits a compound into its morphemes
        alt = word_union(self.morph)
        free = [w for w in self.morph if w not in self.bound]
        first = word_union(free + [w.capitalize() for w in free])
        self.word = re.compile(rf"{first}(?:-?{alt})*(?![\w-])" if langs else r"(?!)")
        conj = "|".join(_CONJ[lg] for lg in langs if _CONJ[lg])
        self.next_word = re.compile(rf"\s+(?:(?P<conj>{conj})\s+)?(?P<w>(?:{alt})(?:-?(?:{alt}))*)(?![\w-])"
                                    if conj else rf"\s+(?P<w>(?:{alt})(?:-?(?:{alt}))*)(?![\w-])")
        self.scale_of = {k.lower(): v for lg in langs for k, v in _SCALES[lg].items()}
        scales = sorted({k for lg in langs for k in _SCALES[lg]}, key=len, reverse=True)
        scale_alt = "|".join(re.escape(s).replace(r"\ ", r"\s+").replace(" ", r"\s+") for s in scales)
        self.scale = re.compile(rf"\s?(?P<s>{scale_alt})(?![\w])") if scales else None
        self.any_scale = re.compile(word_union(scales)) if scales else None
        ones = "|".join(_ONE[lg] for lg in langs)
        self.one_scale = re.compile(rf"(?:{ones}|{ones.title()})\s+(?P<s>{scale_alt})(?![\w])") if scales else None
        self.stop = {w for lg in langs for w in _STOP.get(lg, "").split()}
        self.pre_adj = {w for lg in langs for w in _PRE_ADJ.get(lg, "").split()}

    def word_value(self, word: str) -> tuple[int, list[int]] | None:
        """The value of one number word and its morpheme values; None when it is not one."""
        low = word.lower()
        parts = self.morph_rx.findall(low)
        if sum(len(p.replace("-", "")) for p in parts) != len(low.replace("-", "")):
            return None
        if all(p in self.bound for p in parts):
            return None
        values = [self.morph[p] for p in parts]
        return _compose(values), values


def _compose(values: list[int]) -> int:
    total = current = 0
    for v in values:
        if v == 100:
            current = (current or 1) * 100
        elif v == 1000:
            total += (current or 1) * 1000
            current = 0
        else:
            current += v
    return total + current


_RULES: dict[tuple[str, ...], _Rules] = {}


def _rules(lang: str | None) -> _Rules:
    code = (lang or "").lower()[:2]
    key = (code,) if code in LANGS else (() if code else LANGS)
    if key not in _RULES:
        _RULES[key] = _Rules(key)
    return _RULES[key]


def _digits_value(tok: str, lang: str | None) -> float | None:
    """The value of a digit string under the language's separators ("1.000,5" in de, "1,000.5" in en)."""
    seps = [c for c in tok if not c.isdigit()]
    if not seps:
        return float(tok)
    groups = re.split(r"[^0-9]", tok)
    if lang in ("de", "fr", "es", "it"):
        dec = ","
    elif lang == "en":
        dec = "."
    elif "." in seps and "," in seps:
        dec = seps[-1]
    elif len(seps) == 1 and len(groups[-1]) != 3:
        dec = seps[0]  # "2.5", "1,5": a decimal; "1.000" or "1,000": a thousand
    else:
        dec = None
    if seps[-1] == dec:
        whole, frac = groups[:-1], groups[-1]
        if seps.count(dec) > 1:
            return None
    else:
        whole, frac = groups, ""
        if len(seps) == 1 and len(groups[-1]) != 3 and seps[0] in ".,":
            frac, whole = groups[-1], groups[:-1]  # "2.5" in a German text: a decimal written the English way
    if len(whole) > 1 and (len(whole[0]) > 3 or any(len(g) != 3 for g in whole[1:])):
        return None
    return float("".join(whole) + ("." + frac if frac else ""))


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"“„«‚'‘»(":
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def _plural_like(word: str, lang: str) -> bool:
    low = word.lower()
    if lang == "de":
        return word[0].isupper()
    if lang == "en":
        return low in _EN_PLURALS or (len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "'s", "’s"))
                                      and low not in _EN_NOT_PLURAL)
    if lang == "fr":
        return len(low) > 2 and low[-1] in "sx"
    if lang == "es":
        return len(low) > 2 and low[-1] == "s"
    return len(low) > 2 and low[-1] in "ie"


def _head(text: str, pos: int, value: float, r: _Rules, lang: str, after_scale: bool) -> tuple[str, int] | None:
    """The counted noun after `pos` and where it ends; None when no noun follows."""
    end = pos
    for i in range(4):
        t = _TOKEN.match(text, end)
        if not t or "\n" in t.group(0):
            return None
        w = t["w"].rstrip(".")
        low = w.lower()
        last = t["w"].endswith(".") and not (r.scale_of.get(t["w"].lower()) or len(w) <= 3)  # a sentence ends
        if lang == "de":
            if low in _DE_STOP:
                return None  # an article or a pronoun starts another phrase: "Nord Stream 2 erklärte den …"
            if w[0].isupper():
                return w, t.start("w") + len(w)
            if i >= 3 or last or not re.fullmatch(r"[a-zäöüß][\w-]*(?:e|en|er|es|em)", w):
                return None  # not an adjective: no noun phrase follows
        elif lang == "en":
            if low in r.stop or w.endswith(("'s", "’s")):
                return None
            if _plural_like(w, "en") or (value == 1 and i == 0 and w.islower()):
                return w, t.start("w") + len(w)
            if last:
                return None
        else:
            if after_scale and i == 0 and low.rstrip("'’") in ("de", "d", "di", "of", "del"):
                end = t.end()
                continue
            if low.startswith(("d'", "d’")) and after_scale and i == 0:
                return w[2:], t.start("w") + len(w)
            if low in r.pre_adj:
                end = t.end()
                continue
            if low in r.stop or low.startswith(("l'", "l’", "qu'", "qu’")):
                return None
            return w, t.start("w") + len(w)
        end = t.end()
    return None


def _prev_word(text: str, pos: int) -> re.Match | None:
    return re.search(r"(?P<w>[^\W\d_][\w.§°-]*)\s+$", text[max(0, pos - 40):pos])


def find_numbers(text: str, lang: str | None) -> list[NumberMention]:
    """Numbers in `text` with the noun they count (not years, dates, times, ordinals or names)."""
    if not text:
        return []
    r = _rules(lang)
    code = r.langs[0] if len(r.langs) == 1 else None
    noun_lang = code or "en"  # the noun tests of one language; English's are the mildest
    skip = time_spans(text, lang)
    skip_starts = [s for s, _ in skip]
    cands: list[tuple[int, int, float, bool]] = []  # start, end, value, written in words
    for m in _DIGITS.finditer(text):
        s, e = m.span()
        tok = m.group(0)
        if len(tok) > 18:
            continue  # a phone number, a code or a digit dump: no count, and no float to hold it
        if code == "fr":
            g = _FR_GROUPS.match(text, e)
            if g and len(tok) <= 3 and tok.isdigit():
                e = g.end()
                tok = text[s:e]
        tok = tok.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        value = _digits_value(tok.replace("'", "").replace("’", "") if code == "de" or code is None else tok, code)
        if value is not None:
            cands.append((s, e, value, False))
    for m in r.word.finditer(text):
        s, e = m.span()
        if s and (text[s - 1].isalnum() or text[s - 1] in "-'’"):
            continue
        got = r.word_value(m.group(0))
        if got is None:
            continue
        value, values = got
        while True:  # "two hundred", "deux cents mille", "treinta y dos"
            nxt = r.next_word.match(text, e)
            if not nxt:
                break
            more = r.word_value(nxt["w"])
            if more is None or not _continues(values, more[1], nxt["conj"]):
                break
            values = values + more[1]
            value = _compose(values)
            e = nxt.end()
        if m.group(0)[0].isupper() and not _sentence_start(text, s):
            continue  # "Otto", "Elf": a name
        if value == 1 and e == m.end():
            continue  # an article or a pronoun far more often than a count
        cands.append((s, e, float(value), True))
    if r.one_scale and r.any_scale.search(text):
        for m in r.one_scale.finditer(text):
            if not m.start() or not text[m.start() - 1].isalnum():
                cands.append((m.start(), m.start("s") - 1, 1.0, True))
    out = []
    cands.sort()
    last_end = -1
    for s, e, value, in_words in cands:
        if s < last_end:
            continue
        got = _mention(text, s, e, value, in_words, r, noun_lang, skip, skip_starts)
        if got is not None:
            out.append(got)
            last_end = got.end
    return out


def _continues(values: list[int], more: list[int], conj: str | None) -> bool:
    last, first = values[-1], more[0]
    so_far = _compose(values)
    hundreds = last >= 100 and last % 100 == 0  # "hundred", "doscientos", "mil": room for what follows
    room = 1000 if last >= 1000 else 100
    if conj:
        return (conj == "y" and 30 <= last <= 90 and last % 10 == 0 and _compose(more) < 10) or \
               (conj == "et" and last in (20, 30, 40, 50, 60) and _compose(more) in (1, 11)) or \
               (conj == "and" and hundreds and _compose(more) < room)
    if first in (100, 1000):
        return so_far < 1000 or (first == 1000 and so_far % 1000 != 0)
    return hundreds and _compose(more) < room


def _mention(text: str, s: int, e: int, value: float, in_words: bool, r: _Rules, lang: str,
             skip: list[tuple[int, int]], skip_starts: list[int]) -> NumberMention | None:
    """The number at [s, e) with its multiplier and unit, or None when it is not a count."""
    i = bisect_right(skip_starts, s) - 1
    if i >= 0 and skip[i][1] > s:
        return None  # a year, a date or a clock time
    j = bisect_right(skip_starts, e - 1) - 1
    if j >= 0 and skip[j][1] > s and skip[j][0] < e:
        return None
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    cur = None if in_words else _CURRENCY_BEFORE.search(text, max(0, s - 5), s)
    glued = ""
    if not in_words:
        if before.isalpha() or before in "_-/:" and not (before == "-" and s >= 2 and text[s - 2] == " "):
            return None  # "G7", "COVID-19", "2/3"
        if after.isalpha():
            tail = re.match(r"(?:bn|m)(?![\w])", text[e:e + 3])
            if not tail or (tail.group(0) == "m" and not cur):
                return None  # "5G", "3rd", "1er"; but "£2bn", "$5m"
            glued = tail.group(0)
        if after in "°º_" or (after in "-‑" and e + 1 < len(text) and text[e + 1].isalpha()):
            return None  # "45-Jährige", "20°"
        if after == ":" and e + 1 < len(text) and text[e + 1].isdigit():
            return None  # a score "2:1"
        if lang == "de" and after == "." and re.match(r"\.\s+[^\W\d_]", text[e:e + 4]):
            return None  # a German ordinal: "3. Platz"
    prev = _prev_word(text, s)
    prev_word = prev["w"] if prev else ""
    if prev_word.lower().rstrip(".") in _IDENT or text[max(0, s - 3):s].rstrip().endswith("§"):
        return None
    unit = None
    start, end = s, e
    if cur:
        unit, start = cur.group(0).strip(), cur.start()
    scaled = False
    if glued:
        value, end, scaled = value * (1e9 if glued == "bn" else 1e6), e + len(glued), True
    elif r.scale is not None:
        sc = r.scale.match(text, end)
        if sc and not (in_words and sc["s"] in ("mil", "mila", "thousand")):
            value *= r.scale_of[sc["s"].lower()]
            end, scaled = sc.end(), True
    if unit is None:
        u = _AFTER_UNIT.match(text, end)
        if u:
            unit, end = u["u"], u.end()
    noun = None
    if unit is None:
        noun = _head(text, end, value, r, lang, scaled)
        if noun is None and len(r.langs) > 1:  # no language known: German's capitalized noun too
            noun = _head(text, end, value, r, "de", scaled)
        if noun:
            unit, end = noun
    word = text[s:e].lower()
    if in_words and (word in r.ambiguous) and not (noun and _plural_like(noun[0], lang)):
        return None  # "sei" is also "you are", "neuf" also "new"
    if prev and prev_word[0].isupper() and not _sentence_start(text, s - len(prev.group(0))) and (
            not unit or (noun and lang != "de" and not scaled and not _plural_like(noun[0], lang))):
        return None  # "Nord Stream 2", "Windows 10", "the Nord Stream 2 pipeline": a number closing a name
    return NumberMention(text=text[start:end], start=start, end=end, value=value, unit=unit)
