"""Stage 5, numbers: values in five languages' conventions, what they count, and what is not a count."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest

from support import SEEDS, need
from storyline.analyze import timex
from storyline.analyze.numbers import find_numbers
from storyline.analyze.timex import find_dates

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "analysis"


def found(text, lang):
    return [(n.value, n.unit) for n in find_numbers(text, lang)]


@pytest.mark.parametrize("lang,text,expected", [
    # the counted noun, skipping adjectives
    ("de", "Die Regierung wies zehn russische Diplomaten aus.", [(10, "Diplomaten")]),
    ("en", "The government expelled ten Russian diplomats.", [(10, "diplomats")]),
    ("fr", "Le gouvernement a expulsé dix diplomates russes.", [(10, "diplomates")]),
    ("es", "El gobierno expulsó a diez diplomáticos rusos.", [(10, "diplomáticos")]),
    ("it", "Il governo ha espulso dieci diplomatici russi.", [(10, "diplomatici")]),
    ("de", "Das Gespräch dauerte fast zwei Stunden.", [(2, "Stunden")]),
    ("en", "The talks lasted nearly two hours.", [(2, "hours")]),
    ("de", "Russland verwies zehn US-Diplomaten des Landes.", [(10, "US-Diplomaten")]),
    ("de", "Zwölf weitere neue Abgeordnete kamen hinzu.", [(12, "Abgeordnete")]),
    ("fr", "Deux nouveaux ministres ont prêté serment.", [(2, "ministres")]),
    # digits by language
    ("de", "Mehr als 1.000 Menschen demonstrierten.", [(1000, "Menschen")]),
    ("de", "Die Inflation lag bei 1,5 Prozent.", [(1.5, "Prozent")]),
    ("de", "Rund 40.000 Soldaten und 2.5 Prozent.", [(40000, "Soldaten"), (2.5, "Prozent")]),
    ("en", "More than 1,000 people protested.", [(1000, "people")]),
    ("en", "Inflation stood at 2.5 percent.", [(2.5, "percent")]),
    ("en", "Unemployment fell to 4.2 per cent.", [(4.2, "per cent")]),
    ("fr", "Plus de 10 000 personnes et 1,5 % de hausse.", [(10000, "personnes"), (1.5, "%")]),
    ("fr", "Le budget atteint 12\u202f500 euros.", [(12500, "euros")]),
    ("es", "Más de 1.000 personas y un 3,5 por ciento.", [(1000, "personas"), (3.5, "por ciento")]),
    ("it", "Oltre 1.000 persone e il 3,5 per cento.", [(1000, "persone"), (3.5, "per cento")]),
    ("de", "Das Projekt kostet 1.000.000 Euro.", [(1000000, "Euro")]),
    # multipliers and currencies
    ("de", "Die Hilfe beträgt 1,5 Millionen Euro.", [(1500000, "Euro")]),
    ("de", "Es geht um 3 Mrd. US-Dollar und 2,4 Mio. Euro.", [(3e9, "US-Dollar"), (2.4e6, "Euro")]),
    ("de", "Eine Million Menschen und zwei Milliarden Euro.", [(1e6, "Menschen"), (2e9, "Euro")]),
    ("en", "The fund holds $1.5 billion, £2bn and $5m.", [(1.5e9, "$"), (2e9, "£"), (5e6, "$")]),
    ("en", "A million people and 2.5 million barrels.", [(1e6, "people"), (2.5e6, "barrels")]),
    ("fr", "La France apporte 150 millions d'euros.", [(1.5e8, "euros")]),
    ("fr", "Un coût de 2 milliards de dollars.", [(2e9, "dollars")]),
    ("es", "Un fondo de 300 millones de euros y tres mil millones de dólares.", [(3e8, "euros"), (3e9, "dólares")]),
    ("it", "Un progetto da 750 milioni di euro per un milione di famiglie.", [(7.5e8, "euro"), (1e6, "famiglie")]),
    ("de", "Der Preis liegt bei € 5 und 7 €.", [(5, "€"), (7, "€")]),
    # number words and compounds
    ("de", "Zweiundzwanzig Länder und dreihundertfünfzig Delegierte.", [(22, "Länder"), (350, "Delegierte")]),
    ("de", "Es kamen zwanzig Gäste, hundert Helfer und tausend Zuschauer.",
     [(20, "Gäste"), (100, "Helfer"), (1000, "Zuschauer")]),
    ("de", "Sechzehn Staaten und siebzehn Regionen.", [(16, "Staaten"), (17, "Regionen")]),
    ("en", "Twenty-two countries and two hundred and fifty delegates.", [(22, "countries"), (250, "delegates")]),
    ("en", "Twelve ministers and three thousand soldiers.", [(12, "ministers"), (3000, "soldiers")]),
    ("fr", "Vingt et un pays, quatre-vingt-dix-neuf délégués et deux cents soldats.",
     [(21, "pays"), (99, "délégués"), (200, "soldats")]),
    ("fr", "Dix-sept régions et cinq mille habitants.", [(17, "régions"), (5000, "habitants")]),
    ("es", "Treinta y dos países y doscientos cincuenta delegados.", [(32, "países"), (250, "delegados")]),
    ("es", "Veintidós regiones y diez ministros.", [(22, "regiones"), (10, "ministros")]),
    ("it", "Ventitré paesi, duemila soldati e dieci ministri.", [(23, "paesi"), (2000, "soldati"), (10, "ministri")]),
    ("it", "Trentotto regioni e centoventi delegati.", [(38, "regioni"), (120, "delegati")]),
    # a count without a noun
    ("de", "Die Zahl der Toten stieg auf 12.", [(12, None)]),
    ("en", "The death toll rose to 12.", [(12, None)]),
])
def test_numbers_and_what_they_count(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("de", "Am 19. Mai 2021 um 14 Uhr begann das Treffen."),  # a date and a time
    ("de", "Das Treffen war am 20.05.2021."),
    ("de", "Im Jahr 2020 und 1989 war alles anders."),  # years
    ("de", "Vor zwei Wochen begann es."),  # a relative date, not a count of weeks
    ("de", "Der 3. Platz ging an Norwegen."),  # an ordinal
    ("en", "She finished 3rd in the 2nd round."),
    ("fr", "Le 1er ministre et le 2e adjoint."),
    ("es", "El 1º de mayo y el 2ª vuelta."),
    ("de", "Die Betreibergesellschaft der Pipeline Nord Stream 2 erklärte den Verzicht."),  # a name
    ("en", "The operator of the Nord Stream 2 pipeline was spared."),
    ("en", "The company released Windows 10 in summer."),
    ("de", "Laut Artikel 5 und Nr. 12 sowie § 218 gilt das."),  # identifiers
    ("en", "Under Article 5 and No. 10, it applies."),
    ("de", "Die G7 und COVID-19 und 5G und der A320."),  # codes
    ("de", "Der 45-Jährige kam zur zweistündigen Sitzung."),
    ("en", "A two-hour meeting with one of the ministers."),
    ("de", "Ein Diplomat und eine Diplomatin trafen einen Minister."),  # articles, not counts
    ("fr", "Un diplomate et une diplomate."),
    ("fr", "Un bâtiment neuf."),  # "neuf" is also "new"
    ("it", "Sei stato tu a dirlo."),  # "sei" is also "you are"
    ("de", "Otto und Elf kamen mit dem Zug."),  # capitalized names
    ("de", "Das Spiel endete 2:1."),  # a score
    ("de", "Die beiden Minister und beide Seiten."),
    ("de", "Das Treffen endete um 14:30 Uhr und um 16.45 Uhr."),
    ("fr", "Le marché ouvre de 18 h à 23 h. Vers 5 h 30, l'eau est revenue."),  # clock times
    ("it", "La passeggiata è aperta dalle 7 alle 23, poco dopo le 7."),
])
def test_not_counts(lang, text):
    assert found(text, lang) == []


def test_years_that_are_counts_are_counted():
    assert found("Hier wohnen 2021 Menschen.", "de") == [(2021, "Menschen")]
    assert found("About 2000 soldiers were deployed.", "en") == [(2000, "soldiers")]
    assert found("Rund 2000 kamen.", "de") == [(2000, None)]


def test_spans_offsets_and_values():
    text = "Im April wies Russland zehn russische Diplomaten aus, dazu 1,5 Millionen Euro Strafe."
    got = find_numbers(text, "de")
    assert [text[n.start:n.end] for n in got] == [n.text for n in got] == [
        "zehn russische Diplomaten", "1,5 Millionen Euro"]
    assert all(isinstance(n.value, float) for n in got)


def test_no_language_and_unknown_language():
    assert found("ten diplomats, zehn Diplomaten, 1.000 people, 1,5 Mio. Euro", None) == [
        (10, "diplomats"), (10, "Diplomaten"), (1000, "people"), (1.5e6, "Euro")]
    # without tables only digits; thousands are guessed from the three-digit group
    assert found("Het kost 1.000 euro en 2,5 procent.", "nl") == [(1000, None), (2.5, None)]


def test_the_same_answer_with_or_without_the_date_scan_first():
    text = (FIXTURES / "de.txt").read_text("utf-8")
    find_dates(text, "de", published="2024-03-14")
    after_dates = find_numbers(text, "de")
    timex._last = (None, None, [])
    alone = find_numbers(text, "de")
    assert after_dates == alone and len(alone) >= 5


def test_mixed_scripts_odd_characters_and_empty_text():
    text = ("Лавров заявил ٢٠٢١ 2021年5月19日 — 10 Министров kamen, \x00\ufeff„unbalanced «quote 12 Leute "
            "und ४२ Personen")
    assert found(text, "de") == [(10, "Министров"), (12, "Leute")]  # other scripts' digits are not read
    assert find_numbers("", "de") == []
    assert found("Kennung 1234567890123456789012345 und " + "9" * 5000 + " Ende", "de") == []
    assert find_numbers("  \n\n ", "en") == []


def test_a_5_mb_text_finishes():
    base = (FIXTURES / "de.txt").read_text("utf-8")
    text = (base * (5_000_000 // len(base) + 1))[:5_000_000]
    t0 = time.process_time()
    got = find_numbers(text, "de")
    elapsed = time.process_time() - t0
    assert elapsed < 30, f"{elapsed:.1f} s"
    per_copy = len(find_numbers(base, "de"))
    copies = 5_000_000 // len(base)
    assert copies * per_copy <= len(got) <= (copies + 1) * per_copy


def test_speed_on_a_500_word_german_article():
    base = (FIXTURES / "de.txt").read_text("utf-8").rstrip("\n")
    text = " ".join((base + "\n\n" + base + "\n\n" + base).split(" ")[:500])
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()
        for i in range(20):
            fresh = text + " " * (i + 1)  # a new string: the date scan is not reused
            find_numbers(fresh, "de")
        best = min(best, (time.process_time() - t0) / 20)
    assert best < 0.003, f"{best * 1e3:.2f} ms"  # the date scan it needs included


def _load_fixture(lang):
    gold = json.loads((FIXTURES / "gold.json").read_text("utf-8"))[lang]
    return (FIXTURES / f"{lang}.txt").read_text("utf-8").rstrip("\n"), gold


@pytest.mark.parametrize("lang", ["de", "en", "fr", "es", "it"])
def test_fixture_numbers_match_the_gold(lang):
    text, gold = _load_fixture(lang)
    got = Counter((n.value, n.unit) for n in find_numbers(text, lang))
    expected = Counter((float(n["value"]), n["unit"]) for n in gold["numbers"])
    assert got == expected


def test_the_german_and_english_fixtures_count_the_same_things():
    de, _ = _load_fixture("de")
    en, _ = _load_fixture("en")
    assert sorted(n.value for n in find_numbers(de, "de")) == sorted(n.value for n in find_numbers(en, "en"))


def _seed(name):
    from storyline.clean import clean
    from storyline.read import iter_documents, read_document

    path = need(SEEDS) / name
    doc = next(iter_documents([str(need(path))]))
    (draft,) = read_document(doc).drafts
    return clean(draft)


@pytest.mark.parametrize("name", ["000_91a9a32163253f5d.txt", "002_0a18ccdc445dd74d.txt"])
def test_seeds_count_diplomats_and_hours_and_nothing_else(name):
    a = _seed(name)
    got = found(a.text, a.language)
    assert (10, "Diplomaten") in got and (10, "US-Diplomaten") in got
    assert all(value in (2, 10) for value, _ in got), got  # no Nord Stream 2, no dates or years
    if name.startswith("002"):
        assert (2, "Stunden") in got  # "fast zwei Stunden"
