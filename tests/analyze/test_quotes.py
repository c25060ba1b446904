"""Stage 3, quotations and speakers: cues in five languages, pronouns, institutions, scare quotes,
reported speech in the German subjunctive, bad input, a whole article and the seeds."""

from __future__ import annotations

import re

import pytest

from support import SEEDS, need
from storyline.analyze.quotes import find_quotes
from storyline.analyze.sentences import split_sentences
from storyline.model import Entity, Quote

PEOPLE = {
    "Olaf Brenner": ["Olaf Brenner", "Brenner"], "Marta Quintana": ["Marta Quintana", "Quintana"],
    "Helen Ward": ["Helen Ward", "Ward"], "Jean Morel": ["Jean Morel", "Morel"], "Luca Ferri": ["Luca Ferri", "Ferri"],
    "Anna Kessler": ["Anna Kessler", "Kessler"], "David Osei": ["David Osei", "Osei"],
    "Karla Wendt": ["Karla Wendt", "Wendt"], "Tobias Reinhardt": ["Tobias Reinhardt", "Reinhardt"],
    "Henning Albers": ["Henning Albers", "Albers"], "Jonas Pilz": ["Jonas Pilz", "Pilz"],
}


def persons(text: str, people: dict[str, list[str]]) -> list[Entity]:
    """The NER stage, simulated: PER mentions by string search (full name first, then the surname)."""
    out: list[Entity] = []
    taken: set[int] = set()
    for canonical, forms in people.items():
        for form in forms:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                if taken.isdisjoint(range(m.start(), m.end())):
                    taken.update(range(m.start(), m.end()))
                    out.append(Entity(text=form, label="PER", canonical=canonical, start=m.start(), end=m.end(),
                                      key=canonical.split()[-1].lower()))
    return sorted(out, key=lambda e: e.start)


def quotes(text: str, lang: str | None, people: dict[str, list[str]] | None = PEOPLE) -> list[Quote]:
    ents = persons(text, people) if people else []
    found = find_quotes(text, split_sentences(text, lang), ents, lang)
    check_offsets(text, found, ents)
    return found


def check_offsets(text: str, found: list[Quote], ents: list[Entity]) -> None:
    """Every quote's span is its text; a person's span is one of the mentions given."""
    mentions = {(e.start, e.end): e for e in ents}
    for q in found:
        assert text[q.start:q.end] == q.text and q.text == q.text.strip()
        assert q.kind in ("direct", "partial", "reported")
        if q.speaker is None:
            assert q.speaker_key is None and q.speaker_start is None
        elif q.speaker_key is not None and q.speaker_start is not None:  # None: a subject left out ("dijo")
            e = mentions.get((q.speaker_start, q.speaker_end))
            span = text[q.speaker_start:q.speaker_end]
            is_pronoun = span.lower() in ("er", "sie", "he", "she", "il", "elle") or "-t-" in span  # "a-t-il dit"
            surname = span == q.speaker.split()[-1]  # a mention the recognizer missed, resolved by surname
            assert (e is not None and e.canonical == q.speaker) or is_pronoun or surname


def one(found: list[Quote], text: str, kind: str | None = None) -> Quote:
    hits = [q for q in found if q.text == text and (kind is None or q.kind == kind)]
    assert len(hits) == 1, (text, [(q.text, q.kind) for q in found])
    return hits[0]


def said(found: list[Quote], text: str, speaker: str | None, cue: str | None = "?", kind: str | None = None) -> Quote:
    q = one(found, text, kind)
    assert q.speaker == speaker, (text, q.speaker)
    if cue != "?":
        assert q.cue == cue, (text, q.cue)
    return q


# --- German ------------------------------------------------------------------------------------

def test_de_cue_then_colon():
    text = "Innenminister Olaf Brenner sagte am Dienstag in Hamburg: „Wir werden die Brücke bis Oktober reparieren.“ " \
           "Die Opposition reagierte skeptisch."
    found = quotes(text, "de")
    assert len(found) == 1
    q = said(found, "Wir werden die Brücke bis Oktober reparieren.", "Olaf Brenner", "sagte", "direct")
    assert q.speaker_key == "brenner" and text[q.speaker_start:q.speaker_end] == "Olaf Brenner"


def test_de_quote_before_attribution_and_around_it():
    found = quotes("„Die Lage ist ernst. Wir brauchen Hilfe“, sagte Brenner. „Wir kommen“, so Kessler, "
                   "„und wir bleiben.“ „Wer zahlt?“ fragte sie.", "de")
    said(found, "Die Lage ist ernst. Wir brauchen Hilfe", "Olaf Brenner", "sagte", "direct")
    said(found, "Wir kommen", "Anna Kessler", "so", "direct")
    said(found, "und wir bleiben.", "Anna Kessler", "so", "direct")
    said(found, "Wer zahlt?", "Anna Kessler", "fragte", "direct")  # a pronoun: the last person speaking


@pytest.mark.parametrize("text,quoted,speaker,cue", [
    ("Laut Polizei war die Lage „unter Kontrolle“.", "unter Kontrolle", "Polizei", "Laut"),
    ("Nach Angaben von Kessler war die Stimmung „gereizt“.", "gereizt", "Anna Kessler", "Nach Angaben von"),
    ("Die Strecke bleibt „bis auf Weiteres“ gesperrt, wie ein Sprecher der Bahn mitteilte.", "bis auf Weiteres",
     "ein Sprecher der Bahn", "mitteilte"),
    ("Kessler zufolge ist das „ein Skandal“.", "ein Skandal", "Anna Kessler", "zufolge"),
    ("Aus dem Rathaus hieß es, man sei „gesprächsbereit“.", "gesprächsbereit", "Rathaus", "hieß es"),
    ("Das Bundesamt für Verkehr teilte am Mittwoch mit, die Sperrung sei „unvermeidlich“.", "unvermeidlich",
     "Bundesamt für Verkehr", "teilte"),
    ("Die Regierung in Wien bezeichnete den Bericht als „haltlos“.", "haltlos", "Regierung in Wien", "bezeichnete"),
    ("Quintana kritisierte den Plan als „Luftschloss“.", "Luftschloss", "Marta Quintana", "kritisierte"),
    ("Der Minister warnte vor einer „Spirale der Gewalt“.", "Spirale der Gewalt", "Minister", "warnte"),
    ("Brenner forderte eine „schnelle Lösung“.", "schnelle Lösung", "Olaf Brenner", "forderte"),
    ("Ein ranghoher US-Beamter sagte, es habe keinen „Durchbruch“ gegeben.", "Durchbruch", "Ein ranghoher US-Beamter",
     "sagte"),
    ("Das US-Außenministerium erklärte, die Gespräche seien „offen“ gewesen.", "offen", "US-Außenministerium",
     "erklärte"),
    ("Die Gespräche seien „konstruktiv“ gewesen, berichteten russische Staatsmedien.", "konstruktiv",
     "russische Staatsmedien", "berichteten"),
    ("Brenner fügte hinzu, der Vertrag sei „unterschriftsreif“.", "unterschriftsreif", "Olaf Brenner", "fügte"),
    ("Zu Beginn des Treffens meinte Kessler: „Wir haben wenig Zeit.“", "Wir haben wenig Zeit.", "Anna Kessler",
     "meinte"),
    ("Der Chef der Reederei, Jonas Pilz, sagte, man habe „Reserven“.", "Reserven", "Jonas Pilz", "sagte"),
    ("„Wir warten ab“, sagte ein Kapitän, der seit Tagen vor Anker liegt.", "Wir warten ab", "ein Kapitän", "sagte"),
])
def test_de_cues(text, quoted, speaker, cue):
    said(quotes(text, "de"), quoted, speaker, cue)


def test_de_pronoun_prefers_the_last_speaker_then_the_last_person_named():
    text = "Quintana sprach am Morgen mit Brenner. Brenner sagte, die Lage sei ernst. Später traf er Quintana. " \
           "Er sagte: „Wir geben nicht auf.“"
    said(quotes(text, "de"), "Wir geben nicht auf.", "Olaf Brenner", "sagte")
    text = "Marta Quintana besuchte am Montag das Werk. Sie sagte: „Hier wird gearbeitet.“"
    q = said(quotes(text, "de"), "Hier wird gearbeitet.", "Marta Quintana", "sagte")
    assert text[q.speaker_start:q.speaker_end] == "Sie"
    # nobody named before: a pronoun names nobody
    said(quotes("„Wir kommen“, sagte sie. Quintana lachte.", "de"), "Wir kommen", None)


def test_de_a_surname_the_recognizer_missed():
    text = "Außenminister Sergej Lawrow reiste am Morgen an. Lawrow nannte das Treffen „konstruktiv“."
    ents = [Entity(text="Sergej Lawrow", label="PER", canonical="Sergej Lawrow", start=14, end=27, key="per:lavrov")]
    (q,) = find_quotes(text, split_sentences(text, "de"), ents, "de")
    assert (q.speaker, q.speaker_key, text[q.speaker_start:q.speaker_end]) == ("Sergej Lawrow", "per:lavrov", "Lawrow")


def test_de_scare_quotes_take_the_speaker_of_their_sentence_or_paragraph():
    found = quotes("Brenner sprach von einer „Zäsur“. Die Entscheidung fiel „einstimmig“.\n\n"
                   "Die Stimmung im Saal war „gereizt“.\n\n„Konstruktives“ Gespräch", "de")
    said(found, "Zäsur", "Olaf Brenner", "sprach von", "partial")
    said(found, "einstimmig", "Olaf Brenner", None, "partial")  # the paragraph's speaker, no cue of its own
    said(found, "gereizt", None, None, "partial")  # nobody speaks in that paragraph
    said(found, "Konstruktives", None, None, "partial")  # a heading


def test_de_subjunctive_continues_reported_speech():
    text = "Brenner sagte, es gebe „keine Alternative“. Die Kosten seien „beherrschbar“.\n\n" \
           "Allerdings müsse das Land „mitziehen“.\n\nDer Bau beginnt im Mai. Es gebe „Reserven“."
    found = quotes(text, "de")
    said(found, "keine Alternative", "Olaf Brenner", "sagte", "partial")
    said(found, "beherrschbar", "Olaf Brenner", None, "partial")
    said(found, "mitziehen", "Olaf Brenner", None, "partial")  # reported speech goes on in the next paragraph
    said(found, "es gebe „keine Alternative“", "Olaf Brenner", "sagte", "reported")
    said(found, "Die Kosten seien „beherrschbar“", "Olaf Brenner", None, "reported")
    said(found, "Allerdings müsse das Land „mitziehen“", "Olaf Brenner", None, "reported")
    said(found, "Reserven", None, None, "partial")  # the reporter's indicative sentence broke the chain
    assert not [q for q in found if "Bau" in q.text or (q.kind == "reported" and "Reserven" in q.text)]


def test_de_reported_speech_without_marks():
    found = quotes("Lawrow sagte, es gebe viele Probleme. Er sei aber zu Gesprächen bereit. Eine Entscheidung, "
                   "so Lawrow, werde es nicht über Nacht geben.", "de", {"Sergej Lawrow": ["Sergej Lawrow", "Lawrow"]})
    said(found, "es gebe viele Probleme", "Sergej Lawrow", "sagte", "reported")
    said(found, "Er sei aber zu Gesprächen bereit", "Sergej Lawrow", None, "reported")
    said(found, "Eine Entscheidung, so Lawrow, werde es nicht über Nacht geben", "Sergej Lawrow", "so", "reported")
    assert all(q.kind == "reported" for q in found)


def test_de_a_wish_is_held_by_its_subject():
    found = quotes("„Wir reden weiter“, sagte Brenner. Präsidentin Kessler wolle „eine rasche Lösung“.", "de")
    said(found, "eine rasche Lösung", "Anna Kessler", "wolle", "partial")
    said(found, "Präsidentin Kessler wolle „eine rasche Lösung“", "Olaf Brenner", None, "reported")


def test_de_nested_quotes_report_the_outer_one():
    found = quotes("„Das ist ‚ein Neuanfang‘ für uns alle“, sagte Brenner.", "de")
    assert [q.text for q in found] == ["Das ist ‚ein Neuanfang‘ für uns alle"]
    assert found[0].speaker == "Olaf Brenner"


def test_de_other_marks():
    found = quotes("»Wir kommen«, sagte Brenner. «Wir auch», sagte Kessler. ‚Gut‘, meinte Quintana. "
                   "Ward sprach von \"Verrat\".", "de")
    said(found, "Wir kommen", "Olaf Brenner", "sagte")
    said(found, "Wir auch", "Anna Kessler", "sagte")
    said(found, "Gut", "Marta Quintana", "meinte")
    said(found, "Verrat", "Helen Ward", "sprach von")


def test_unbalanced_marks_stay_in_their_paragraph():
    found = quotes("„Wir kommen, sagte Brenner. Dann ging er.\n\nDer Rat tagte „bis spät“. Kessler schwieg.", "de")
    assert [q.text for q in found] == ["bis spät"]
    # a quote opened after a colon and never closed ends with its paragraph
    found = quotes("Brenner sagte: „Wir kommen morgen.\n\nDie Lage bleibt ruhig. Niemand wurde verletzt.", "de")
    assert [(q.text, q.speaker) for q in found] == [("Wir kommen morgen.", "Olaf Brenner")]
    # a quote over two paragraphs: the second opens again
    found = quotes("Brenner sagte: „Wir kommen morgen.\n\n„Und wir bleiben“, fügte er hinzu.", "de")
    assert [(q.text, q.speaker) for q in found] == [("Wir kommen morgen.", "Olaf Brenner"),
                                                    ("Und wir bleiben", "Olaf Brenner")]


# --- English, French, Spanish, Italian ----------------------------------------------------------

def test_en():
    found = quotes('"We will not back down," Ward said on Monday. She added that the talks had been "constructive". '
                   'According to the State Department, the meeting was "productive". A senior official said there '
                   'had been no "breakthrough". "It is a first step," said a spokesman for the ministry. '
                   'Osei told reporters: "Our door remains open." “It was a good meeting,” he told the BBC.', "en")
    said(found, "We will not back down", "Helen Ward", "said", "direct")
    said(found, "constructive", "Helen Ward", "added", "partial")
    said(found, "productive", "State Department", "According to", "partial")
    said(found, "breakthrough", "A senior official", "said", "partial")
    said(found, "It is a first step", "a spokesman for the ministry", "said", "direct")
    said(found, "Our door remains open.", "David Osei", "told", "direct")
    said(found, "It was a good meeting", "David Osei", "told", "direct")


def test_en_apostrophes_and_single_quotes():
    found = quotes("Ward said the players' union's 'red lines' were clear. She added: 'We won't move.' "
                   "Osei's aides didn't comment.", "en")
    assert [q.text for q in found] == ["red lines", "We won't move."]
    assert all(q.speaker == "Helen Ward" for q in found)


def test_en_pronoun_and_institutions():
    found = quotes('Osei met reporters on Monday. "We will respond," he said. "It\'s not over." '
                   'Russian state media reported that Moscow was "ready".', "en")
    said(found, "We will respond", "David Osei", "said")
    said(found, "It's not over.", "David Osei", None)
    said(found, "ready", "Russian state media", "reported")


def test_fr():
    found = quotes("« Nous ne céderons pas », a déclaré Jean Morel mardi. Selon le porte-parole du ministère, la "
                   "réunion a été « constructive ». Morel a affirmé : « La France tiendra ses engagements. » "
                   "« C'est un premier pas », a-t-il ajouté. La situation est « sous contrôle », selon l'ambassade. "
                   "« Ce n'est qu'un début », a dit un porte-parole du gouvernement.", "fr")
    said(found, "Nous ne céderons pas", "Jean Morel", "a déclaré", "direct")
    said(found, "constructive", "porte-parole du ministère", "Selon", "partial")
    said(found, "sous contrôle", "ambassade", "selon", "partial")
    said(found, "La France tiendra ses engagements.", "Jean Morel", "a affirmé", "direct")
    said(found, "C'est un premier pas", "Jean Morel", "a-t-il ajouté", "direct")
    said(found, "Ce n'est qu'un début", "un porte-parole du gouvernement", "a dit", "direct")


def test_es():
    found = quotes("«No vamos a retroceder», dijo Marta Quintana el lunes. Según el Ministerio de Sanidad, la "
                   "situación es «estable». «Es un paso importante», afirmó. La portavoz del Gobierno declaró que la "
                   "reunión fue «muy útil».", "es")
    said(found, "No vamos a retroceder", "Marta Quintana", "dijo", "direct")
    said(found, "estable", "Ministerio de Sanidad", "Según", "partial")
    said(found, "Es un paso importante", "Marta Quintana", "afirmó", "direct")  # the subject left out
    said(found, "muy útil", "portavoz del Gobierno", "declaró", "partial")


def test_it():
    found = quotes("«Non faremo passi indietro», ha detto Luca Ferri. Secondo il portavoce del governo, l'incontro "
                   "è stato «costruttivo». «È un primo passo», ha aggiunto. Secondo fonti diplomatiche la trattativa "
                   "è «in salita».", "it")
    said(found, "Non faremo passi indietro", "Luca Ferri", "ha detto", "direct")
    said(found, "costruttivo", "portavoce del governo", "Secondo", "partial")
    said(found, "È un primo passo", "Luca Ferri", "ha aggiunto", "direct")
    said(found, "in salita", "fonti diplomatiche", "Secondo", "partial")


@pytest.mark.parametrize("lang,text,quoted,speaker", [
    ("it", "«Non faremo passi indietro», ha detto Luca Ferri ai giornalisti.", "Non faremo passi indietro",
     "Luca Ferri"),
    ("en", '"It\'s over," said Helen Ward.', "It's over", "Helen Ward"),
    ("de", "„Wir kommen“, sagte Olaf Brenner am Montag.", "Wir kommen", "Olaf Brenner"),
    ("fr", "Selon Jean Morel, le projet est « mort ».", "mort", "Jean Morel"),
])
def test_without_entities_names_come_from_capitals(lang, text, quoted, speaker):
    q = said(quotes(text, lang, people=None), quoted, speaker)
    assert q.speaker_key is None and text[q.speaker_start:q.speaker_end] == speaker


# --- bad input ----------------------------------------------------------------------------------

def test_no_sentences_no_quotes():
    assert find_quotes("", [], [], "de") == []
    assert find_quotes("  \n\n  ", split_sentences("  \n\n  ", "de"), [], "de") == []
    assert quotes("Keine Zitate hier. Nur Text.", "de") == []


def test_mixed_scripts():
    # "İ" grows when lower-cased: offsets must not drift behind it
    found = quotes("Лавров заявил: «Мы готовы к диалогу». In İstanbul, Ward said: \"We are ready too.\" "
                   "会谈 „很有建设性“。", None)
    assert [q.text for q in found] == ["Мы готовы к диалогу", "We are ready too.", "很有建设性"]
    assert found[0].speaker is None  # no cue in a language without cues, and no one before
    assert found[1].speaker == "Helen Ward" and found[1].cue == "said"


FILLER = ("Der Ausschuss prüfte die Unterlagen bis zum späten Abend. Die Sitzung wurde am 4. Juni mehrfach "
          "unterbrochen, u.a. wegen technischer Probleme. Am Ende lagen rund 300 Seiten Protokoll vor. "
          "Die Abstimmung ist für den Herbst geplant.")


@pytest.mark.parametrize("text,count", [("„x " * 50_000, 0), ("'" * 50_000, 0), ("« " * 20_000 + "» " * 20_000, 1),
                                        ("„Wir kommen“, sagte er. " * 20_000, 20_000)])
def test_pathological_input(text, count):
    # never closed, empty, nested beyond reason, many: no crash, nothing invented
    found = find_quotes(text, split_sentences(text, "de"), [], "de")
    check_offsets(text, found, [])
    assert len(found) == count


def test_five_megabytes():
    # a huge text: mostly prose without quotes, the article below every ~100 kB; every quote found, nothing drifts
    block = "\n\n".join([ARTICLE] + [FILLER] * (100_000 // len(FILLER)))
    copies = 5_000_000 // len(block)
    big = "\n\n".join([block] * copies)
    assert len(big) > 4_900_000
    found = find_quotes(big, split_sentences(big, "de"), [], "de")
    once = find_quotes(ARTICLE, split_sentences(ARTICLE, "de"), [], "de")
    assert len(once) >= 30 and len(found) == copies * len(once)
    assert [q.text for q in found[-len(once):]] == [q.text for q in once]
    assert [q.speaker for q in found[-len(once):]] == [q.speaker for q in once]


# --- a whole article (invented), the kind the stage is built for ---------------------------------

ARTICLE = """Hafenstreik in Nordstadt: Stadt und Gewerkschaft ringen um Einigung

Im Streit um die Arbeitszeiten im Nordstädter Hafen haben sich Bürgermeisterin Karla Wendt und Gewerkschaftschef Tobias Reinhardt am Montag zu einem ersten Gespräch getroffen. Wendt nannte das Treffen anschließend „sachlich“. Auch aus dem Rathaus hieß es, das knapp dreistündige Gespräch sei „offen“ und „zielführend“ verlaufen. Es war das erste direkte Treffen beider Seiten seit Beginn des Streiks am 3. März.

Zwischen Stadt und Belegschaft herrsche „Einigkeit über die Notwendigkeit, die festgefahrene Lage“ rasch zu beenden, sagte Reinhardt. Allerdings gebe es bei den Schichtplänen noch „erhebliche Differenzen“. Schon zuvor hatte Reinhardt erklärt, die Gewerkschaft sei zu Gesprächen über alle Fragen bereit, solange die Verhandlungen „fair“ geführt würden und auf „verlässlichen Zahlen“ beruhten.

Wendt betonte ihrerseits, die Stadt wünsche eine „dauerhafte“ und „bezahlbare“ Lösung. Sie warnte aber auch, sollte der Streik bis Mai andauern, „dann werden wir den Fährbetrieb neu ausschreiben“. Laut Hafenbehörde liegen derzeit rund 40 Frachtschiffe vor Anker, u.a. zwei Containerschiffe aus Rotterdam bzw. Antwerpen.

„Die Geduld der Reedereien ist nicht unbegrenzt. Wir verlieren jeden Tag Aufträge“, sagte ein Sprecher des Hafenbetreibers NordPort. Ein ranghoher Mitarbeiter der Stadtverwaltung sagte, es habe noch keinen „Durchbruch“ gegeben. Doch sei der Weg für eine Schlichtung „ein gutes Stück“ geebnet worden.

Reinhardt sagte vor Journalisten: „Wir wollen keine Eskalation, wir wollen eine faire Bezahlung.“ Er fügte hinzu, die Beschäftigten hätten „lange genug gewartet“. Nach Angaben der Gewerkschaft beteiligen sich etwa 1.200 Beschäftigte am Ausstand, das sind ca. 85 Prozent der Belegschaft.

Der Hafen ist mit rund 4.000 Beschäftigten einer der größten Arbeitgeber der Region. Im vergangenen Jahr wurden dort ca. 12 Mio. Tonnen Güter umgeschlagen, vor allem Container, Getreide und Holz. Der Betreiber NordPort gehört zu 51 Prozent der Stadt, den Rest halten private Investoren aus Hamburg und Bremen. Seit dem 1. Januar gilt ein neuer Tarifvertrag für die Verwaltung, nicht aber für die Schichtarbeiter an den Kais.

Kritik kommt von der Opposition im Stadtrat. Deren Fraktionschef Dr. Henning Albers sprach von einem „Versagen der Stadtspitze“. Die Bürgermeisterin habe die Lage „viel zu lange unterschätzt“, sagte er am Dienstag. Regionale Medien berichteten, die Stadt prüfe bereits Entschädigungen für betroffene Firmen.

Wie geht es weiter?

Die nächste Verhandlungsrunde ist für den 19. März angesetzt. Wendt zufolge soll dann auch ein externer Schlichter teilnehmen. Der Termin ist der 20.03.2024, 10 Uhr, im Saal 2 des Rathauses. Ob die Schiffe bis dahin wieder abgefertigt werden, ist offen. „Wir warten ab“, sagte ein Kapitän, der seit einer Woche vor der Küste liegt. Mehr Informationen gibt es unter www.nordstadt-hafen.example/streik oder per E-Mail an presse@nordstadt.example. Eine Entscheidung, so Wendt, werde es „nicht über Nacht“ geben.

Unternehmen im Hafengebiet melden inzwischen erste Engpässe. Der Geschäftsführer einer Spedition, Jonas Pilz, sagte, man habe „noch Reserven für etwa zehn Tage“. Danach müsse man Fahrer in Kurzarbeit schicken. Die Industrie- und Handelskammer forderte beide Seiten auf, „ohne weitere Vorbedingungen“ zu verhandeln. Ein Sprecher der Kammer erklärte, jeder weitere Streiktag koste die Region mehrere Mio. Euro. Er sehe „keinen Grund für ein Eingreifen des Landes“, solange die Gespräche liefen, teilte das Verkehrsministerium am Abend mit."""


def test_article():
    sents = split_sentences(ARTICLE, "de")
    assert len(sents) == 39
    found = quotes(ARTICLE, "de")
    expected = {
        "sachlich": "Karla Wendt", "offen": "Rathaus", "zielführend": "Rathaus",
        "Einigkeit über die Notwendigkeit, die festgefahrene Lage": "Tobias Reinhardt",
        "erhebliche Differenzen": "Tobias Reinhardt", "fair": "Tobias Reinhardt",
        "verlässlichen Zahlen": "Tobias Reinhardt", "dauerhafte": "Karla Wendt", "bezahlbare": "Karla Wendt",
        "dann werden wir den Fährbetrieb neu ausschreiben": "Karla Wendt",
        "Die Geduld der Reedereien ist nicht unbegrenzt. Wir verlieren jeden Tag Aufträge":
            "ein Sprecher des Hafenbetreibers NordPort",
        "Durchbruch": "Ein ranghoher Mitarbeiter der Stadtverwaltung",
        "ein gutes Stück": "Ein ranghoher Mitarbeiter der Stadtverwaltung",
        "Wir wollen keine Eskalation, wir wollen eine faire Bezahlung.": "Tobias Reinhardt",
        "lange genug gewartet": "Tobias Reinhardt", "Versagen der Stadtspitze": "Henning Albers",
        "viel zu lange unterschätzt": "Henning Albers", "Wir warten ab": "ein Kapitän",
        "nicht über Nacht": "Karla Wendt", "noch Reserven für etwa zehn Tage": "Jonas Pilz",
        "ohne weitere Vorbedingungen": "Industrie- und Handelskammer",
        "keinen Grund für ein Eingreifen des Landes": "Verkehrsministerium",
    }
    marked = [q for q in found if q.kind != "reported"]
    assert {q.text: q.speaker for q in marked} == expected
    reported = {q.text: q.speaker for q in found if q.kind == "reported"}
    assert reported["die Stadt prüfe bereits Entschädigungen für betroffene Firmen"] == "Regionale Medien"
    assert reported["Danach müsse man Fahrer in Kurzarbeit schicken"] == "Jonas Pilz"
    assert reported["jeder weitere Streiktag koste die Region mehrere Mio. Euro"] == "Ein Sprecher der Kammer"
    assert not any("Frachtschiffe" in t or "Verhandlungsrunde" in t for t in reported)


# --- the seeds: every quote ../shared/seeds/EXPECTED.md lists, with its speaker -----------------

SEED_PEOPLE = {"Antony Blinken": ["Antony Blinken", "Blinken"], "Sergej Lawrow": ["Sergej Lawrow", "Lawrow"],
               "Joe Biden": ["Joe Biden", "Biden"]}
SEED_NAMES = ("000_91a9a32163253f5d.txt", "002_0a18ccdc445dd74d.txt")
# how EXPECTED.md names a speaker → what the found speaker must look like
SPEAKERS = {
    "Lavrov": lambda s: s == "Sergej Lawrow",
    "Blinken": lambda s: s == "Antony Blinken",
    "Biden": lambda s: s == "Joe Biden",
    "the State Department": lambda s: bool(re.search(r"US-(Außen)?[Mm]inisterium", s)),
    "a senior US official": lambda s: bool(re.search(r"(hochrangig|ranghoh)\w* US-", s)),
    "Russian state media": lambda s: bool(re.search(r"(?i)russisch\w* Staatsmedien", s)),
}
_KEY = re.compile(r"(Lavrov|Blinken|Biden|the State Department|a senior US official|Russian state media)"
                  r"(?: \((\d{3})\))?")


def expected_quotes(md: str) -> list[tuple[str, dict[str | None, str] | None]]:
    """The quotes of EXPECTED.md's "Quotes with speakers" item, each with its speaker (per seed where it differs).

    A quote takes the speaker named last before it in its clause (clauses end at ";" or ". ");
    "Lavrov (000) / Russian state media (002)" names one speaker per seed.
    """
    item = re.search(r"- Quotes with speakers\.(.*?)(?:\n- |\Z)", md, re.S).group(1)
    item = " ".join(item.split())
    out = []
    for clause in re.split(r";|\.(?= )(?![^„]*“)", item):
        keys: dict[str | None, str] = {}
        pos = 0
        for m in re.finditer(r"„(.*?)“", clause):
            for k in _KEY.finditer(clause, pos, m.start()):
                if k.group(2) is None:
                    keys = {None: k.group(1)}
                else:
                    keys = {**{x: y for x, y in keys.items() if x is not None}, k.group(2): k.group(1)}
            pos = m.end()
            out.append((m.group(1), dict(keys) or None))
    return out


def _seed_article(name: str):
    from storyline.clean import clean
    from storyline.read import iter_documents, read_document

    doc = next(iter_documents([str(need(need(SEEDS) / name))]))
    (draft,) = read_document(doc).drafts
    return clean(draft).text


def test_seed_quotes_and_speakers():
    md = need(SEEDS / "EXPECTED.md").read_text("utf-8")
    wanted = expected_quotes(md)
    assert len(wanted) >= 15 and sum(1 for _, k in wanted if k) >= 13, wanted  # the parse found the list
    checked = 0
    for name in SEED_NAMES:
        text = _seed_article(name)
        found = quotes(text, "de", SEED_PEOPLE)
        norm = [(" ".join(q.text.split()), q) for q in found if q.kind != "reported"]
        for quoted, keys in wanted:
            prefix = quoted.rstrip(" …").strip()
            marked = "„" + prefix if quoted.endswith("…") else "„" + quoted + "“"
            if marked not in " ".join(text.split()):
                continue  # a quote of the other seed
            hits = [q for t, q in norm if t == prefix or (quoted.endswith("…") and t.startswith(prefix))]
            assert hits, f"{name}: „{quoted}“ not found"
            key = None if keys is None else keys.get(name[:3], keys.get(None))
            assert all(q.speaker is not None for q in hits), (name, quoted)
            if key is not None:  # a word quoted twice (000 has „konstruktiv“ from both sides): one is the speaker's
                assert any(SPEAKERS[key](q.speaker) for q in hits), (name, quoted, key, [q.speaker for q in hits])
            checked += 1
    assert checked >= 16
