"""Stage 1, sentence splitting: abbreviations, ordinals, dates, quotes, headings, bad input, the seeds."""

from __future__ import annotations

import re

import pytest

from support import SEEDS, need
from storyline.analyze.sentences import paragraph_spans, quote_pairs, split_sentences


def texts(text: str, lang: str | None = "de") -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text, lang)]


def assert_well_formed(text: str, lang: str | None) -> None:
    """Spans in order, trimmed, inside one paragraph, and covering every non-space character once."""
    sents = split_sentences(text, lang)
    paras = paragraph_spans(text)
    pos = 0
    for s in sents:
        assert pos <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        assert "\n\n" not in text[s.start:s.end]
        assert any(a <= s.start and s.end <= b for a, b in paras)
        assert not text[pos:s.start].strip(), f"skipped {text[pos:s.start]!r}"
        pos = s.end
    assert not text[pos:].strip()


CASES = [
    # German abbreviations
    ("de", "Die Firma hat z.B. Filialen in Köln, u.a. am Dom. Sie spendet ca. 5 Mio. Euro bzw. 2 Mrd. Yen an "
           "Dr. Weber von der St.-Anna-Stiftung, vgl. Nr. 3 der Liste. Danach tagte der Rat.",
     ["Die Firma hat z.B. Filialen in Köln, u.a. am Dom.",
      "Sie spendet ca. 5 Mio. Euro bzw. 2 Mrd. Yen an Dr. Weber von der St.-Anna-Stiftung, vgl. Nr. 3 der Liste.",
      "Danach tagte der Rat."]),
    ("de", "Es gab Äpfel, Birnen usw. Dann kam der Regen. Das gilt z. B. für Bonn und d. h. auch für Köln.",
     ["Es gab Äpfel, Birnen usw.", "Dann kam der Regen.", "Das gilt z. B. für Bonn und d. h. auch für Köln."]),
    # ordinals and dates
    ("de", "Am 19. Mai tagt der Rat. Der 3. Oktober ist ein Feiertag. Am 20.05.2021 begann es. "
           "Zum 75. Jahrestag kam niemand. Im 19. Jahrhundert war das anders. Ludwig XIV. regierte lange.",
     ["Am 19. Mai tagt der Rat.", "Der 3. Oktober ist ein Feiertag.", "Am 20.05.2021 begann es.",
      "Zum 75. Jahrestag kam niemand.", "Im 19. Jahrhundert war das anders.", "Ludwig XIV. regierte lange."]),
    ("de", "Die Zahl der Toten stieg im Jahr 2021. Nachdem der Damm brach, kam die Flut. Es waren 19. "
           "Die Helfer blieben.",
     ["Die Zahl der Toten stieg im Jahr 2021.", "Nachdem der Damm brach, kam die Flut.", "Es waren 19.",
      "Die Helfer blieben."]),
    # initials, decimals, URLs and e-mail
    ("de", "J. F. Kennedy sprach 1963 in Berlin. Die Inflation lag bei 2.5 Prozent bzw. 3,1 Prozent. "
           "Infos unter www.stadt-beispiel.example/info.html oder per Mail an info@beispiel.example. Fertig.",
     ["J. F. Kennedy sprach 1963 in Berlin.", "Die Inflation lag bei 2.5 Prozent bzw. 3,1 Prozent.",
      "Infos unter www.stadt-beispiel.example/info.html oder per Mail an info@beispiel.example.", "Fertig."]),
    # ellipses
    ("de", "Er zögerte … dann sprach er. Es blieb still... Niemand antwortete. "
           "„Wir haben […] lange verhandelt“, sagte sie.",
     ["Er zögerte … dann sprach er.", "Es blieb still...", "Niemand antwortete.",
      "„Wir haben […] lange verhandelt“, sagte sie."]),
    # quotes: a closing mark ends the sentence, a quote before its attribution stays with it
    ("de", "Der Minister sagte: „Wir kommen.“ Dann ging er.",
     ["Der Minister sagte: „Wir kommen.“", "Dann ging er."]),
    ("de", "„Wir kommen. Wir bleiben“, sagte er. Danach war es still.",
     ["„Wir kommen. Wir bleiben“, sagte er.", "Danach war es still."]),
    ("de", "„Wer kommt?“ fragte sie. »Niemand!« rief er. ‚So nicht.‘ Das war alles.",
     ["„Wer kommt?“ fragte sie.", "»Niemand!« rief er.", "‚So nicht.‘", "Das war alles."]),
    ("de", 'Er sagte: "Wir kommen." Dann ging er.', ['Er sagte: "Wir kommen."', "Dann ging er."]),
    ("de", "Sie sagte: «Wir kommen. Und wir bleiben.» Dann ging sie.",
     ["Sie sagte: «Wir kommen.", "Und wir bleiben.»", "Dann ging sie."]),
    # headings and paragraphs
    ("de", "Streit im Rathaus\n\nDer Rat tagte. Er stritt lange\n\nohne Ergebnis",
     ["Streit im Rathaus", "Der Rat tagte.", "Er stritt lange", "ohne Ergebnis"]),
    # English, French, Spanish, Italian abbreviations
    ("en", "Mr. and Mrs. Smith met Dr. Jones in the U.S. Senate on Jan. 5. They left at 5 p.m. The vote was close. "
           "U.S. officials, e.g. Sen. Brown, stayed.",
     ["Mr. and Mrs. Smith met Dr. Jones in the U.S. Senate on Jan. 5.", "They left at 5 p.m.", "The vote was close.",
      "U.S. officials, e.g. Sen. Brown, stayed."]),
    ("en", 'He said "we will come." Then she left. It was 10.5 km away.',
     ['He said "we will come."', "Then she left.", "It was 10.5 km away."]),
    ("fr", "M. Dupont et Mme Martin ont parlé. « Nous viendrons. » Ensuite, M. Dupont est parti.",
     ["M. Dupont et Mme Martin ont parlé.", "« Nous viendrons. »", "Ensuite, M. Dupont est parti."]),
    ("es", "El Sr. García y la Sra. López llegaron. Según el Dr. Ruiz, todo va bien. EE.UU. no comentó.",
     ["El Sr. García y la Sra. López llegaron.", "Según el Dr. Ruiz, todo va bien.", "EE.UU. no comentó."]),
    ("it", "Il Dott. Rossi e la Sig.ra Bianchi sono arrivati. Il Prof. Verdi ha parlato. Poi è finita.",
     ["Il Dott. Rossi e la Sig.ra Bianchi sono arrivati.", "Il Prof. Verdi ha parlato.", "Poi è finita."]),
]


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_split(lang, text, expected):
    assert texts(text, lang) == expected
    assert_well_formed(text, lang)


def test_unknown_language_uses_every_rule():
    assert texts("Am 3. Mai kam Dr. Weber. Mr. Smith blieb.", None) == ["Am 3. Mai kam Dr. Weber.", "Mr. Smith blieb."]


def test_unbalanced_quote_does_not_swallow_the_text():
    text = "„Wir kommen, sagte er. Dann ging er nach Hause.\n\nDer Rat tagte „bis spät“. Danach war Ruhe."
    assert texts(text) == ["„Wir kommen, sagte er.", "Dann ging er nach Hause.", "Der Rat tagte „bis spät“.",
                           "Danach war Ruhe."]


def test_quote_pairs_nested_apostrophes_and_unclosed():
    text = "Er sagte: „Das ist ‚ein Neuanfang‘.“ Don’t stop, l'homme, Putin's 'red lines'. „Offen"
    pairs = quote_pairs(text, 0, len(text))
    spans = [text[o:c + 1] if c >= 0 else text[o:] for o, c in pairs]
    assert spans == ["„Das ist ‚ein Neuanfang‘.“", "'red lines'", "„Offen"]
    assert pairs[-1][1] == -1


def test_french_guillemets_with_spaces_pair():
    text = "Il a dit : « Oui », puis « Non »."
    assert [text[o:c + 1] for o, c in quote_pairs(text, 0, len(text))] == ["« Oui »", "« Non »"]


def test_no_sentences():
    assert split_sentences("", "de") == []
    assert split_sentences("  \n\n \t\n", "de") == []


def test_mixed_scripts():
    text = ("Лавров сказал, что переговоры были конструктивными. Blinken nickte. "
            "Der Sprecher (מרדכי) sagte: „שלום.“ Danach 会谈很有建设性。")
    out = texts(text, None)
    assert out[0] == "Лавров сказал, что переговоры были конструктивными."
    assert out[1] == "Blinken nickte."
    assert_well_formed(text, None)


def test_five_megabytes_without_punctuation_or_with_it():
    para = ("Der Rat der Stadt tagte am 3. Mai bis spät in die Nacht in Bonn, u.a. mit Dr. Weber von der Stiftung "
            "und den Vertretern der Kreise. „Wir kommen morgen wieder und bringen die Unterlagen mit“, sagte er "
            "nach der Sitzung. Danach gingen alle nach Hause, ca. 40 Leute.\n\n")
    big = para * (5_000_000 // len(para))
    sents = split_sentences(big, "de")
    assert len(sents) == 3 * (5_000_000 // len(para))
    assert big[sents[-2].start:sents[-2].end].startswith("„Wir kommen morgen")
    blob = "wort " * 1_000_000  # one run without any terminator: cut at spaces, never one giant span
    sents = split_sentences(blob, "de")
    assert sents and all(s.end - s.start <= 5_000 for s in sents)
    assert_well_formed(blob[:200_000], "de")


@pytest.mark.parametrize("text", ["!" * 1_000_000, "„" * 50_000, "'" * 50_000, "a." * 300_000, "„x " * 50_000,
                                  "« " * 20_000 + "» " * 20_000, "Wort " + " " * 500_000 + "Ende."])
def test_pathological_input_stays_linear(text):
    # runs of marks, never-closed quotes, deep nesting: linear scans, bounded sentences, no crash
    assert_well_formed(text, "de")
    assert all(s.end - s.start <= 5_000 for s in split_sentences(text, "de"))


# --- the seeds (../shared/seeds, read at run time; nothing of them is copied here) -----------------

def _seed_text(name: str) -> str:
    from storyline.clean import clean
    from storyline.read import iter_documents, read_document

    doc = next(iter_documents([str(need(need(SEEDS) / name))]))
    (draft,) = read_document(doc).drafts
    return clean(draft).text


ABBREV_END = re.compile(r"(?:\b\d{1,2}|\bz\.B|\bu\.a|\bbzw|\bDr|\bNr|\bSt|\bvgl|\bca|\bMio|\bMrd|\b[A-ZÄÖÜ])\.$")


@pytest.mark.parametrize("name", ["000_91a9a32163253f5d.txt", "002_0a18ccdc445dd74d.txt"])
def test_seed_sentences(name):
    text = _seed_text(name)
    assert_well_formed(text, "de")
    sents = texts(text)
    assert len(sents) >= 15
    for s in sents:
        assert not ABBREV_END.search(s), s  # never split after an ordinal or an abbreviation
        assert s[0].isupper() or s[0] in "„“\"«»‚" or s[0].isdigit(), s
        # a sentence ends in punctuation, or it is a whole paragraph (a heading)
        assert re.search(r"[.!?…][“”\"«»‘’)]*$", s) or ("\n\n" + s + "\n\n") in ("\n\n" + text + "\n\n"), s
    # a quote closing with its attribution after it is one sentence with it
    for s in sents:
        if re.search(r"“, (sagte|meinte|erklärte)", s):
            assert s.endswith(".")
