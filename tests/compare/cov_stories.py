"""Invented stories for the coverage tests, with the fact each sentence reports (gold tags).

All events, outlets, people and quotes are fiction written for storyline; real places are setting.
Tags: "F<n>" a fact (the same tag in two articles = the same fact), "F<n>+F<m>" a sentence with
two claims, "#" a heading. Markup: see cov_markup.
"""

from __future__ import annotations

from compare.cov_markup import build

# --- the grounding of the "Aurelia" on the Elbe: two German outlets and one English -------------
ELBE_A = [
    ("F1", "Das Containerschiff „Aurelia“ ist {in der Nacht zum Dienstag|date|2024-03-12|day} auf der "
           "[Elbe|LOC|elbe] bei [Brunsbüttel|LOC|brunsbüttel] auf Grund gelaufen."),
    ("F2", "Die Fahrrinne war nach Angaben der [Wasserstraßenverwaltung|ORG|wsa] rund "
           "{14 Stunden|num|14|Stunden} lang gesperrt."),
    ("F3", "Die {23 Besatzungsmitglieder|num|23|Besatzungsmitglieder} blieben unverletzt."),
    ("F4", "Der Frachter war mit rund {4000 Containern|num|4000|Containern} von [Rotterdam|LOC|rotterdam] "
           "nach [Hamburg|LOC|hamburg] unterwegs."),
    ("", ""),
    ("F5", "„<<Die Lage ist unter Kontrolle|Jana Petersen|jana petersen|direct>>“, sagte eine Sprecherin der "
           "Behörde, [Jana Petersen|PER|jana petersen]."),
    ("F6", "Vier Schlepper zogen das Schiff {am Dienstagmorgen|date|2024-03-12|day} wieder frei."),
    ("F18", "Die [Wasserstraßenverwaltung|ORG|wsa] nannte die Bergung "
            "„<<reibungslos|Wasserstraßenverwaltung|wsa|partial>>“."),
    ("F8+F9", "Die Ursache des Unglücks ist noch unklar; die [Bundesstelle für Seeunfalluntersuchung|ORG|bsu] "
              "hat Ermittlungen aufgenommen."),
    ("F10", "Öl sei nicht ausgetreten, teilte die Behörde mit."),
    ("F17", "Der Kapitän wurde nach dem Unglück von der Wasserschutzpolizei befragt."),
    ("", ""),
    ("F15+F16", "Im [Hamburger Hafen|LOC|port of hamburg] warteten {am Dienstag|date|2024-03-12|day} "
                "{sieben Schiffe|num|7|Schiffe} auf die Einfahrt, während die Lotsen den Verkehr neu ordneten."),
    ("F11", "Bereits {im Jahr 2019|date|2019|year} war an derselben Stelle ein Massengutfrachter havariert."),
]

ELBE_B = [
    ("#", "Frachter auf Grund"),
    ("F1", "Vor [Brunsbüttel|LOC|brunsbüttel] hat sich {am Montagabend|date|2024-03-11|day} der Frachter "
           "„Aurelia“ in der [Elbe|LOC|elbe] festgefahren."),
    ("F2", "Der Schiffsverkehr auf der [Elbe|LOC|elbe] musste für {zwölf Stunden|num|12|Stunden} "
           "eingestellt werden."),
    ("F3", "Verletzt wurde niemand, an Bord waren {23 Seeleute|num|23|Seeleute}."),
    ("F6+F13", "Mit Hilfe von Schleppern kam die „Aurelia“ am Morgen wieder frei und setzte ihre Fahrt nach "
               "[Hamburg|LOC|hamburg] fort."),
    ("", ""),
    ("F5", "„<<Die Lage ist unter Kontrolle|Jana Petersen|jana petersen|direct>>“, erklärte "
           "Behördensprecherin [Jana Petersen|PER|jana petersen] am Vormittag."),
    ("F18", "Die Bergung sei „<<reibungslos und schnell|Jana Petersen|jana petersen|direct>>“ verlaufen, "
            "sagte [Petersen|PER|jana petersen|Jana Petersen]."),
    ("F10", "Nach ersten Erkenntnissen gelangte kein Öl ins Wasser."),
    ("F17", "Der Kapitän wurde nach dem Unglück von der Wasserschutzpolizei vernommen."),
    ("#", "Umweltschützer alarmiert"),
    ("F7", "Der Umweltverband [BUND|ORG|bund] forderte strengere Tempolimits für große Schiffe auf der "
           "Unterelbe."),
    ("F19", "„<<Es war nur eine Frage der Zeit|Lars Mohr|lars mohr|direct>>“, sagte "
            "[BUND|ORG|bund]-Sprecher [Lars Mohr|PER|lars mohr]."),
    ("F14", "Die Fähre zwischen [Glückstadt|LOC|glückstadt] und [Wischhafen|LOC|wischhafen] fuhr nach "
            "Fahrplan weiter."),
]

ELBE_C = [
    ("F1", "The container ship Aurelia ran aground on the [Elbe|LOC|elbe] near "
           "[Brunsbüttel|LOC|brunsbüttel] {early on Tuesday|date|2024-03-12|day}."),
    ("F2", "The shipping channel was closed for about {14 hours|num|14|hours}, the waterways authority said."),
    ("F3", "None of the {23 crew members|num|23|crew members} was hurt."),
    ("F4", "The vessel was carrying some {4,000 containers|num|4000|containers} from "
           "[Rotterdam|LOC|rotterdam] to [Hamburg|LOC|hamburg]."),
    ("", ""),
    ("F6", "Four tugboats pulled the ship free {on Tuesday morning|date|2024-03-12|day}."),
    ("F5", "“<<The situation is under control|Jana Petersen|jana petersen|direct>>,” said "
           "[Jana Petersen|PER|jana petersen], a spokeswoman for the authority."),
    ("F10", "No oil leaked into the river, according to the authority."),
    ("F8", "The cause of the grounding remains unclear."),
    ("F9", "Germany's [Federal Bureau of Maritime Casualty Investigation|ORG|bsu] has opened an inquiry."),
    ("", ""),
    ("F15", "{Seven ships|num|7|ships} were left waiting to enter the [port of Hamburg|LOC|port of hamburg]."),
    ("F12", "The ship's owner, [Kypros Marine|ORG|kypros marine], is based in [Limassol|LOC|limassol], "
            "[Cyprus|LOC|country:CY]."),
]

# --- a council vote in Leeds: one outlet with a first report and an update, and a second outlet ----
LEEDS_X1 = [
    ("F1", "[Leeds|LOC|leeds] city council voted {on Wednesday|date|2025-02-12|day} to ban private cars "
           "from the city centre from {2026|date|2026|year}."),
    ("F2", "The motion passed by {54 votes|num|54|votes} to {31|num|31|votes}."),
    ("F3", "“<<This is the cleanest decision we have ever taken|Sarah Whitcombe|sarah whitcombe|direct>>,” "
           "said council leader [Sarah Whitcombe|PER|sarah whitcombe]."),
    ("F6", "Opposition councillors called the plan rushed and unfair to shopkeepers."),
    ("F7", "“<<We will not let the city choke on traffic|Sarah Whitcombe|sarah whitcombe|direct>>,” "
           "[Whitcombe|PER|sarah whitcombe|Sarah Whitcombe] added."),
]

LEEDS_X2 = [
    ("F1", "Councillors in [Leeds|LOC|leeds] {on Wednesday|date|2025-02-12|day} approved a ban on private "
           "cars in the city centre, starting in {2026|date|2026|year}."),
    ("F2", "The motion passed by {54 votes|num|54|votes} to {31|num|31|votes}."),
    ("F4", "Business groups said {on Thursday|date|2025-02-13|day} they would challenge the decision in court."),
    ("F6", "Opposition councillors have called the plan rushed."),
    ("F7", "“<<We will not allow our city to choke on traffic|Sarah Whitcombe|sarah whitcombe|direct>>,” "
           "[Whitcombe|PER|sarah whitcombe|Sarah Whitcombe] said."),
]

LEEDS_Y = [
    ("F1", "Private cars will be barred from central [Leeds|LOC|leeds] from {2026|date|2026|year} after a "
           "council vote {on Wednesday|date|2025-02-12|day}."),
    ("F2", "The measure was approved by {52 votes|num|52|votes} to {33|num|33|votes}."),
    ("F3", "“<<This is the cleanest decision we have ever taken for our city|Tom Ashby|tom ashby|direct>>,” "
           "said deputy leader [Tom Ashby|PER|tom ashby]."),
    ("F5", "Buses, taxis and delivery vans will be exempt from the ban."),
]


def elbe():
    """The Elbe story: [(Article, Analysis)], and the gold tags of each article's sentences."""
    built = [build(ELBE_A, id=101, outlet="elbkurier.de", published="2024-03-12T08:10+01:00",
                   title="Containerschiff läuft vor Brunsbüttel auf Grund"),
             build(ELBE_B, id=102, outlet="hanse-nachrichten.de", published="2024-03-12T11:30+01:00",
                   title="Frachter „Aurelia“ sitzt in der Elbe fest"),
             build(ELBE_C, id=103, outlet="northseacourier.co.uk", language="en",
                   published="2024-03-12T09:45+00:00", title="Container ship runs aground on the Elbe")]
    return [(a, an) for a, an, _ in built], [g for _, _, g in built]


def leeds():
    """The Leeds story (outlet "leedsdaily.co.uk" has two articles): members and gold tags."""
    built = [build(LEEDS_X1, id=201, outlet="leedsdaily.co.uk", language="en",
                   published="2025-02-12T09:00+00:00", title="Leeds votes to ban cars from city centre"),
             build(LEEDS_X2, id=202, outlet="leedsdaily.co.uk", language="en",
                   published="2025-02-13T16:20+00:00", title="Leeds car ban: businesses threaten legal action"),
             build(LEEDS_Y, id=203, outlet="yorkshirepost-example.co.uk", language="en",
                   published="2025-02-12T10:30+00:00", title="Private cars to be barred from central Leeds")]
    return [(a, an) for a, an, _ in built], [g for _, _, g in built]

# --- an agreement on a power line (Graz): two German-language outlets, heavy paraphrase ---------
GRAZ_P = [
    ("F1", "Die österreichische Energieministerin [Elisabeth Kranzl|PER|elisabeth kranzl] und ihr slowenischer "
           "Amtskollege [Marko Vidmar|PER|marko vidmar] haben sich bei einem Treffen in [Graz|LOC|graz] auf den "
           "Bau einer grenzüberschreitenden Stromleitung geeinigt."),
    ("F2", "[Kranzl|PER|elisabeth kranzl|Elisabeth Kranzl] sprach anschließend von einem "
           "„<<Durchbruch|Elisabeth Kranzl|elisabeth kranzl|partial>>“."),
    ("F3", "Die neue Leitung soll rund {110 Kilometer|num|110|Kilometer} lang sein und bis "
           "{2029|date|2029|year} fertiggestellt werden."),
    ("F4+F5", "Die Kosten werden auf {480 Millionen Euro|num|480000000|Euro} geschätzt, ein Drittel davon will "
              "die [EU|ORG|eu] übernehmen."),
    ("", ""),
    ("F6", "Es war das erste Treffen der beiden Minister seit dem Streit um das Atomkraftwerk "
           "[Krško|LOC|krško] im Herbst."),
    ("F7", "[Vidmar|PER|marko vidmar|Marko Vidmar] betonte, [Slowenien|LOC|country:SI] wolle die Zusammenarbeit "
           "„<<auf eine neue Grundlage|Marko Vidmar|marko vidmar|partial>>“ stellen."),
    ("F8+F9", "Anrainer in der [Südsteiermark|LOC|südsteiermark] hatten zuvor gegen die Trasse protestiert und "
              "mehr als {3000 Unterschriften|num|3000|Unterschriften} gesammelt."),
    ("F10", "Die Ministerin kündigte an, die Bürger bei der Planung stärker einzubinden."),
    ("", ""),
    ("F11", "Das nächste Treffen ist für {Oktober|date|2024-10|month} in [Ljubljana|LOC|ljubljana] geplant."),
    ("F12", "Die Gespräche hatten rund {drei Stunden|num|3|Stunden} gedauert."),
    ("F20", "[Kranzl|PER|elisabeth kranzl|Elisabeth Kranzl] und [Vidmar|PER|marko vidmar|Marko Vidmar] hatten "
            "sich zuletzt {im Februar|date|2024-02|month} am Rande eines EU-Ministerrats in [Brüssel|LOC|brussels] "
            "getroffen."),
    ("F21", "Die Ministerin warnte, ohne den Ausbau der Netze drohten im Winter Engpässe bei der Versorgung."),
    ("F22", "Die Verhandlungen über die Trasse hatten sich über mehr als {zwei Jahre|num|2|Jahre} hingezogen."),
    ("F23", "[Slowenien|LOC|country:SI] bezieht derzeit rund ein Drittel seines Stroms aus dem Atomkraftwerk "
            "[Krško|LOC|krško]."),
]

GRAZ_Q = [
    ("#", "Strom für den Süden"),
    ("F1", "[Österreich|LOC|country:AT] und [Slowenien|LOC|country:SI] bauen gemeinsam eine neue Stromleitung "
           "über die Grenze."),
    ("F1", "Darauf verständigten sich Energieministerin [Elisabeth Kranzl|PER|elisabeth kranzl] und der "
           "slowenische Minister [Marko Vidmar|PER|marko vidmar] {am Dienstag|date|2024-05-14|day} in "
           "[Graz|LOC|graz]."),
    ("F12+F2", "Nach dreistündigen Verhandlungen sprach [Kranzl|PER|elisabeth kranzl|Elisabeth Kranzl] von einem "
               "„<<historischen Durchbruch|Elisabeth Kranzl|elisabeth kranzl|partial>>“."),
    ("F3", "Bis {2029|date|2029|year} soll die {110 Kilometer|num|110|Kilometer} lange Trasse stehen."),
    ("F4", "Kostenpunkt: rund {eine halbe Milliarde Euro|num|500000000|Euro}."),
    ("F13", "Strom aus Wind- und Solarparks in [Slowenien|LOC|country:SI] soll so künftig auch nach "
            "[Österreich|LOC|country:AT] fließen."),
    ("", ""),
    ("F8", "Gegen das Projekt regt sich allerdings Widerstand: Bürgerinitiativen in der "
           "[Südsteiermark|LOC|südsteiermark] fürchten um ihre Landschaft."),
    ("F14", "„<<Wir werden nicht zulassen, dass hier über unsere Köpfe hinweg entschieden wird|Franz Pölzl|"
            "franz pölzl|direct>>“, sagte Initiativensprecher [Franz Pölzl|PER|franz pölzl]."),
    ("F7", "[Vidmar|PER|marko vidmar|Marko Vidmar] sagte, man wolle die Beziehungen "
           "„<<auf eine neue Grundlage|Marko Vidmar|marko vidmar|partial>>“ stellen."),
    ("F15", "Die [EU-Kommission|ORG|european commission] prüft derzeit einen Antrag auf Förderung."),
    ("F24", "[Vidmar|PER|marko vidmar|Marko Vidmar] ist erst seit {Jänner|date|2024-01|month} im Amt und gilt als "
            "Verfechter der Energiewende."),
    ("F25", "[Kranzl|PER|elisabeth kranzl|Elisabeth Kranzl] verwies auf die stark gestiegenen Strompreise in der "
            "[Steiermark|LOC|steiermark]."),
    ("F26", "Die Minister wollen sich künftig zweimal im Jahr treffen, abwechselnd in "
            "[Österreich|LOC|country:AT] und in [Slowenien|LOC|country:SI]."),
    ("F27", "Ein Streit über die Laufzeit des Atomkraftwerks [Krško|LOC|krško] hatte das Verhältnis der beiden "
            "Länder lange belastet."),
]


def graz():
    """The Graz story: two German-language outlets, members and gold tags."""
    built = [build(GRAZ_P, id=301, outlet="tagespost-example.at", published="2024-05-14T15:02+02:00",
                   title="Österreich und Slowenien einigen sich auf Stromleitung"),
             build(GRAZ_Q, id=302, outlet="alpenblick.at", published="2024-05-14T18:40+02:00",
                   title="Strom-Pakt mit Slowenien")]
    return [(a, an) for a, an, _ in built], [g for _, _, g in built]
