"""Chrome removal on pages written for these tests, in several languages and outlet styles."""

from __future__ import annotations

from storyline.clean import clean
from storyline.model import Draft

EN_PAGE = """Skip to main content
Council approves new tram line

City leaders back £40m plan after two-year row

UK news
Tue 12 Mar 2024 09.15 GMT
By Tom Ellery

4 min read
Share this article
The city council voted on Monday night to build a new tram line linking the harbour with the northern estates, ending a dispute that has divided the chamber for two years.
Councillors approved the £40m plan by 31 votes to 12. "This is the most important transport decision in a generation," said the council leader, Maria Quayle.
Trams on the existing line near the station. Photograph: Ann Smith/PA
Trams on the existing line near the station.
Advertisement
What happens next
Construction is due to start in the spring of next year and the first trams should run in 2027, according to the council's timetable.
Opponents said the money would be better spent on buses. A video of the debate, in which several members complained about the newsletter sent to residents, was shared widely online.
Sign up to our morning briefing
Most read
Comments are closed for this article.
© 2024 The Harbour Herald
Privacy policy
Contact us
"""

FR_PAGE = """Le conseil vote une nouvelle ligne de tram
Monde
Publié le 12 mars 2024 à 09h15
Temps de lecture : 3 min
Partager sur Facebook
Le conseil municipal a voté lundi soir la construction d'une nouvelle ligne de tramway reliant le port aux quartiers nord, mettant fin à deux ans de querelles.
« C'est la décision la plus importante depuis une génération », a déclaré la maire, Marie Quaillet.
Les rames actuelles près de la gare. (Photo AFP)
Publicité
Lire aussi : Le budget des transports en hausse
Les travaux doivent commencer au printemps prochain et les premières rames circuler en 2027, selon le calendrier de la ville.
Il vous reste 62 % de cet article à lire.
Commentaires
Mentions légales
"""

ES_PAGE = """El pleno aprueba una nueva línea de tranvía
Internacional
12 mar 2024 - 09:15 CET
Compartir en WhatsApp
El pleno del ayuntamiento aprobó el lunes por la noche la construcción de una nueva línea de tranvía que unirá el puerto con los barrios del norte.
«Es la decisión más importante en una generación», dijo la alcaldesa, María Quesada.
Los tranvías actuales, junto a la estación. (Foto: EFE)
Reproducir vídeo
Publicidad
Las obras comenzarán la próxima primavera y los primeros tranvías circularán en 2027, según el calendario municipal.
Te puede interesar: El presupuesto de transporte sube
Comentarios
Aviso legal
"""


def _clean(text: str, outlet: str | None = None):
    return clean(Draft(origin="test.txt", body=text, shape="page", outlet=outlet))


def test_english_page():
    a = _clean(EN_PAGE, "harbourherald.co.uk")
    assert a.title == "Council approves new tram line"
    assert a.subtitle == "City leaders back £40m plan after two-year row"
    assert a.section == "UK news" and a.author == "Tom Ellery"
    assert a.published == "2024-03-12T09:15+00:00" and a.timezone == "Europe/London"
    texts = a.paragraph_texts()
    assert texts[0].startswith("The city council voted") and len(texts) == 5
    assert [a.text[p.start:p.end] for p in a.paragraphs if p.kind == "heading"] == ["What happens next"]
    # prose that mentions "video" and "newsletter" stays
    assert any(t.startswith("Opponents said") for t in texts)
    dropped = {d.line for d in a.dropped}
    assert {"Skip to main content", "4 min read", "Share this article", "Advertisement", "Most read",
            "Sign up to our morning briefing", "Comments are closed for this article.", "© 2024 The Harbour Herald",
            "Privacy policy", "Contact us", "Trams on the existing line near the station.",
            "Trams on the existing line near the station. Photograph: Ann Smith/PA"} == dropped


def test_french_page():
    a = _clean(FR_PAGE, "courrier-rhone.fr")
    assert a.title == "Le conseil vote une nouvelle ligne de tram" and a.section == "Monde"
    assert a.published == "2024-03-12T09:15+01:00" and a.language == "fr"
    assert len(a.paragraphs) == 3
    assert {d.line for d in a.dropped} == {
        "Temps de lecture : 3 min", "Partager sur Facebook", "Les rames actuelles près de la gare. (Photo AFP)",
        "Publicité", "Lire aussi : Le budget des transports en hausse", "Il vous reste 62 % de cet article à lire.",
        "Commentaires", "Mentions légales"}


def test_spanish_page():
    a = _clean(ES_PAGE, "elfarodelsur.es")
    assert a.section == "Internacional" and a.published == "2024-03-12T09:15+01:00" and a.language == "es"
    assert len(a.paragraphs) == 3
    assert len(a.dropped) == 7 and all(d.reason for d in a.dropped)


def test_clean_text_loses_nothing():
    body = ("Ein Titel ohne Punkt\n\nDer erste Absatz erzählt, was geschah, und zwar ausführlich genug für einen Absatz.\n\n"
            "Der zweite Absatz zitiert: „Wir sind zufrieden“, sagte die Sprecherin am Dienstag in Kiel.\n")
    a = _clean(body)
    assert a.title == "Ein Titel ohne Punkt" and a.dropped == [] and len(a.paragraphs) == 2


def test_hard_wrapped_text_is_unwrapped():
    para = ("Die Feuerwehr war am Mittwochabend mit mehr als einhundert Einsatzkräften vor Ort und konnte "
            "ein Übergreifen der Flammen auf die benachbarten Lagerhallen verhindern, wie ein Sprecher sagte. ") * 3
    import textwrap

    para2 = para.replace("Mittwochabend", "Donnerstagmorgen")
    wrapped = "Brand im Hafen\n\n" + "\n".join(textwrap.wrap(para, 72)) + "\n\n" + "\n".join(textwrap.wrap(para2, 72))
    a = _clean(wrapped)
    assert a.paragraph_texts() == [para.strip(), para2.strip()]
    # the same paragraph twice: the later copy goes, as a repeat
    b = _clean("Brand im Hafen\n\n" + para + "\n\n" + para)
    assert len(b.paragraphs) == 1 and b.dropped[0].reason == "paragraph repeated in the page"


def test_structured_body_keeps_source_headings():
    d = Draft(origin="x.html", shape="body", title="T", headings=["Hintergrund"],
              body="Ein langer erster Absatz mit vielen Wörtern, damit er wie ein echter Absatz aussieht.\n\n"
                   "Hintergrund\n\nNoch ein Absatz, der ebenso lang ist wie der erste und das Thema vertieft.")
    a = clean(d)
    assert [p.kind for p in a.paragraphs] == ["paragraph", "heading", "paragraph"]
