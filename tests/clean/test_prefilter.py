"""The catalogue's word prefilters give the same answers as the regexes alone."""

from __future__ import annotations

import random
import re
import sys

import pytest

from storyline.clean import patterns, prefilter
from storyline.clean.prefilter import Catalogue, alternatives, costly, needs

LANGS = ["de", "en", "fr", "es", "it", None]


def _reference(line: str, lang: str | None, long: bool) -> tuple[str, str] | None:
    """match_chrome as one regex per reason, tried in catalogue order (no prefilter)."""
    for kind, reason, ps in patterns._sources(lang):
        if (not long or kind in patterns.LONG_KINDS) and re.fullmatch(
                r"(?:" + "|".join(ps) + r")" + patterns.SUFFIX, line, re.I):
            return kind, reason
    return None


def _lines() -> list[str]:
    """Chrome lines built from the catalogue's own words, near misses, and body-like lines."""
    rnd = random.Random(7)
    words = sorted({w for _, _, _, p in patterns.CATALOGUE for w in re.findall(r"[a-zà-ü@€£$©]{2,}", p)})
    body = ("Der Gemeinderat hat am Montag die Sanierung der Brücke beschlossen, sagte die Sprecherin der Stadt. "
            "The council approved the plan by 31 votes to 12 after a long debate about the costs. "
            "Le conseil a voté lundi soir le nouveau tracé du tramway. El ayuntamiento aprobó el plan.").split()
    out = ["Impressum", "Newsletter abonnieren und jeden Morgen informiert sein", "© 2024 Nordblatt GmbH",
           "Jetzt testen: 4 Wochen für 0,99 €", "Wir verwenden Cookies. Alle akzeptieren", "Kommentare (12)",
           "Lesen Sie auch: Neue Brücke kostet mehr", "kontakt@nordblatt.de", "Subscribe for £1 a month",
           "Die App für iOS und Android herunterladen", "ERHALTEN SIE DEN NEWSLETTER JEDEN MORGEN PER E-MAIL",
           "Subſcribe for £1 a month", "Newſletter abonnieren", "İmpressum", "Kommentarfunktıon deaktiviert"]
    for _ in range(3000):
        parts = [rnd.choice(words) if rnd.random() < 0.5 else rnd.choice(body) for _ in range(rnd.randint(1, 14))]
        s = " ".join(parts)
        if rnd.random() < 0.15:
            s = s.upper()
        if rnd.random() < 0.05:
            s = s.replace("s", "ſ").replace("i", "ı")
        if rnd.random() < 0.3:
            s += rnd.choice([" 12,99 €", " £5 a month", " 2024 GmbH", "...", " :", " (c) 2024", " foo@bar.de",
                             " 4 Min."])
        out.append(s)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_match_chrome_equals_the_plain_regexes(lang):
    lines = _lines()
    for long in (False, True):
        got = [patterns.match_chrome.__wrapped__(ln, lang, long) for ln in lines]
        assert got == [_reference(ln, lang, long) for ln in lines]
    assert sum(1 for g in got if g) > 100  # the lines do hit the catalogue


def test_alternatives_split_only_at_the_top_level():
    assert alternatives(r"a|(?:b|c)|[|x]|d\|e") == ["a", "(?:b|c)", "[|x]", r"d\|e"]
    for _, _, _, p in patterns.CATALOGUE:
        assert re.compile("|".join(f"(?:{a})" for a in alternatives(p))).groups == re.compile(p).groups


def test_needs_are_necessary_words():
    alt = r".{0,60}\bnewsletter\b.{0,60}(?:abonnieren|anmelden)\b"
    assert costly(alt) and not costly("impressum")
    got = needs(alt)
    assert frozenset({"newsletter"}) in got
    for line in ("den newsletter jetzt abonnieren", "newsletter: anmelden"):  # every set has a word in a match
        assert re.fullmatch(alt, line) and all(any(w in line for w in s) for s in got)
    assert needs(r".{0,40}r(?:é|e)serv") == [frozenset({"reserv", "réserv"})]
    cat = Catalogue([alt, "impressum"], patterns.SUFFIX)
    assert cat.fullmatch("Den Newsletter jetzt abonnieren.") and cat.fullmatch("IMPRESSUM")
    assert not cat.fullmatch("Den Newsletter jetzt lesen")


def test_casefix_list_is_this_pythons():
    extra = getattr(getattr(re, "_casefix", None), "_EXTRA_CASES", None)
    if extra is None:
        pytest.skip("this Python keeps its case-folding table elsewhere")
    chars = {chr(c) for k, v in extra.items() for c in (k, *v)}
    assert chars == set(prefilter.CASEFIX_CHARS)


def test_prefilter_words_match_what_re_folds_to_them():
    """Every character `re` (IGNORECASE) matches to a prefilter word's character lowers to it, or is unsafe."""
    used = {ch for _, _, ps in patterns._sources(None) for p in ps for a in alternatives(p) if costly(a)
            for s in needs(a) for w in s for ch in w}
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for ch in used:
        for m in re.finditer(re.escape(ch), everything, re.I):
            assert m.group().lower() == ch or m.group() in prefilter.UNSAFE_LINE_CHARS, (ch, m.group())


def test_long_trigger_equals_its_plain_form():
    def plain(line: str) -> bool:
        low = line.lower()
        return any(w in low for w in patterns._LONG_WORDS) or bool(patterns._LONG_TOKENS.search(low))

    lines = _lines() + ["Die Nordblatt GmbH & Co. KG", "Tag für Tag sagte sie", "Casa S.r.l. Milano", "s.a.s",
                        "bag ag", "Zur App", "ÄG ag", "snapp app", "x_ag ag_x", "é-ag", "1ag ag1"]
    assert [patterns.long_trigger(ln) for ln in lines] == [plain(ln) for ln in lines]


def test_word_count_equals_split():
    from storyline.clean.chrome import word_count

    for text in ["", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0b", "a\u2009b c", "a\x1cb",
                 "ein Satz mit fünf Wörtern", *(ln for ln in _lines()[:500])]:
        assert word_count(text) == len(text.split()), repr(text)
