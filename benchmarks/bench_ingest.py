"""Ingest benchmark: plain-text pages and HTML pages through `storyline.ingest.ingest`, on one core.

    python benchmarks/bench_ingest.py [--n 10000] [--html-n 10000] [--json out.json]
    python benchmarks/bench_ingest.py --profile text|html [--profile-n 1000]

What it does (see docs/benchmarks.md):
1. generates a deterministic synthetic corpus (seeded `random.Random`, no copied texts): N plain-text
   "raw pages" in de/en/fr/es under per-outlet directories named like domains, and M full HTML pages;
   every article is distinct;
2. ingests each corpus into a fresh SQLite store and times it with `time.perf_counter()`;
3. times baselines in the same process on the same files: reading + UTF-8 decoding alone, and (HTML)
   `trafilatura.bare_extraction(html, fast=True, with_metadata=True)` alone;
4. reports peak RSS per phase (`ru_maxrss`, reset between phases through /proc/self/clear_refs where
   the kernel allows it), the tracemalloc peak of a smaller run, and the SQLite file size per article.

The process is pinned to CPU 0 (`os.sched_setaffinity(0, {0})`) before anything is measured.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

TARGETS = {"text": 500.0, "html": 150.0}  # articles/s on one core (the acceptance figures)
SEED = 20241123

# ---------------------------------------------------------------------------------------------
# Vocabulary for the generated articles (written for this benchmark; no copied texts).
# Objects are noun phrases that read the same as subject and object (German: feminine/plural).
# ---------------------------------------------------------------------------------------------

LANGS: dict[str, dict] = {
    "de": {
        "subjects": ["Der Gemeinderat", "Die Landesregierung", "Das Verkehrsministerium", "Die Stadtverwaltung",
                     "Der Bürgermeister", "Die Opposition", "Die Gewerkschaft", "Der Betreiber", "Die Feuerwehr",
                     "Die Polizei", "Der Rechnungshof", "Die Wirtschaftskammer", "Die Bürgerinitiative",
                     "Der Vorstand", "Die Umweltbehörde", "Das Landesgericht", "Die Handelskammer", "Die Universität",
                     "Das Klinikum", "Der Verkehrsverbund", "Die Arbeiterkammer", "Der Mieterverein"],
        "objects": ["die Sanierung der Donaubrücke", "die neue Straßenbahnlinie", "die Reform der Pflegeausbildung",
                    "die Erweiterung des Hafens", "die Preise für Fernwärme", "die Pläne für ein neues Stadion",
                    "die Schließung der Geburtenstation", "die Förderung für Solaranlagen",
                    "die Umfahrung im Norden der Stadt", "die Kürzungen im Kulturbudget",
                    "die Ausschreibung für den Busverkehr", "die Zusammenlegung zweier Schulen",
                    "die Verlängerung der U-Bahn", "die Untersuchung des Unfalls", "die Gebühren für die Müllabfuhr",
                    "die Sperre der Bahnstrecke", "die Ansiedlung eines Chipwerks", "die Renovierung des Rathauses",
                    "die neuen Regeln für Kurzzeitvermietung", "die Messungen am Flussufer",
                    "die Pläne für leistbares Wohnen", "die Verhandlungen über den Kollektivvertrag",
                    "die Öffnungszeiten der Bäder", "die Radwege entlang des Kanals"],
        "cities": ["Linz", "Graz", "Salzburg", "Innsbruck", "Bremen", "Kassel", "Freiburg", "Regensburg", "Villach",
                   "Wels", "Rostock", "Ulm", "Passau", "Bregenz", "Würzburg", "Kiel"],
        "extra_places": ["im Mühlviertel", "am Bodensee", "in der Innenstadt", "im Hafenviertel", "im Bezirk Nord",
                         "an der Westautobahn", "im Industriegebiet", "am Stadtrand"],
        "in": "in {}",
        "times": ["am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am Samstag",
                  "am Wochenende", "in der Nacht auf Freitag", "seit Jahresbeginn", "vergangene Woche",
                  "am frühen Morgen", "am späten Abend", "im Herbst", "nach monatelangen Gesprächen"],
        "first": ["Anna", "Markus", "Claudia", "Thomas", "Sabine", "Lukas", "Eva", "Stefan", "Julia", "Martin",
                  "Petra", "Florian", "Katharina", "Andreas", "Birgit", "Jonas"],
        "last": ["Berger", "Huber", "Wimmer", "Gruber", "Leitner", "Hofer", "Schneider", "Brandl", "Maier",
                 "Reisinger", "Steiner", "Fuchs", "Koller", "Lang", "Weiß", "Pichler"],
        "roles": ["Sprecherin der Stadt", "Sprecher der Polizei", "Landesrätin für Verkehr",
                  "Vorsitzender der Bürgerinitiative", "Ökonomin am Institut für Wirtschaftsforschung",
                  "Einsatzleiter der Feuerwehr", "Direktorin des Klinikums", "Obmann des Mietervereins",
                  "Fraktionschefin der Opposition", "Geschäftsführer des Betreibers"],
        "quotes": ["Wir brauchen jetzt eine rasche Lösung", "Das ist ein wichtiger Schritt für die ganze Region",
                   "Die Zahlen sprechen eine klare Sprache", "So kann es nicht weitergehen",
                   "Wir haben alle Varianten sorgfältig geprüft", "Niemand soll deshalb mehr bezahlen müssen",
                   "Die Sicherheit der Menschen hat Vorrang", "Wir lassen uns nicht unter Druck setzen",
                   "Am Ende zählt, was bei den Familien ankommt"],
        "templates": [
            "{S} hat {T} {P} Pläne für {O} vorgestellt, die bis {Y} umgesetzt werden sollen.",
            "{S} will {O} bis {Y} abschließen, wie {X}, {R}, {T} mitteilte.",
            "Nach Angaben von {X} sind {P} rund {N} Menschen von der Entscheidung betroffen.",
            "„{Q}“, sagte {X}, {R}, nach der Sitzung {P}.",
            "{Tc} berieten Fachleute {P} stundenlang über {O} und mögliche Alternativen.",
            "Die Kosten für {O} werden inzwischen auf rund {N} Millionen Euro geschätzt.",
            "{S} kritisierte {O} {T} als zu teuer, zu langsam und schlecht vorbereitet.",
            "Bereits {T} hatte {s} gefordert, {O} noch einmal gründlich zu prüfen.",
            "Laut einer Umfrage unterstützen {P} {PC} Prozent der Befragten {O}.",
            "Ob {O} tatsächlich bis {Y} fertig wird, ist nach Einschätzung von {X} derzeit offen.",
            "Die Entscheidung über {O} soll {T} fallen, hieß es aus dem Umfeld von {X}.",
            "Zuletzt waren {N} Beschwerden über {O} eingegangen, berichtete {X}.",
            "{S} verwies {T} auf die gestiegenen Baukosten und die angespannte Lage am Arbeitsmarkt.",
            "Für Anrainer {P} bedeutet das vorerst weitere Einschränkungen, erklärte {X}.",
            "{X}, {R}, rechnet damit, dass {O} noch lange ein Thema bleiben wird.",
        ],
        "title_tails": ["sorgt für Streit", "verzögert sich", "wird teurer als geplant", "kommt früher als erwartet",
                        "steht auf der Kippe", "ist beschlossen", "bleibt umstritten", "geht in die nächste Runde"],
        "sub_verbs": ["prüft", "verteidigt", "kritisiert", "bremst", "beschleunigt", "begrüßt"],
        "heads": ["Kritik", "Streit", "Offene Fragen", "Neue Pläne", "Hohe Kosten", "Warnung", "Reaktionen",
                  "Nächste Schritte", "Zweifel", "Zustimmung", "Widerstand"],
        "head_tails": ["an der Finanzierung", "um den Zeitplan", "aus der Opposition", "im Landtag", "für Anrainer",
                       "der Gewerkschaft", "aus der Wirtschaft", "bei den Betroffenen", "im Gemeinderat",
                       "zum Verkehr"],
        "captions": ["{X} bei der Pressekonferenz {P}", "Blick auf die Baustelle {P}", "Die Sitzung {P} {T}",
                     "Demonstranten vor dem Rathaus {P}", "Einsatzkräfte {P} {T}"],
        "credit": "(Bild: APA)",
        "quote_icon": "Zitat Icon",
        "play": "Abspielen",
        "teaser": "Lesen Sie auch: {}",
        "comments": "Kommentare",
        "comments_note": "Die Kommentarfunktion für diesen Artikel wurde deaktiviert.",
        "footer": ["© {name} {year}", "Impressum", "Datenschutz", "{name}-Abo"],
        "sections": ["Politik", "Wirtschaft", "Chronik", "Kultur", "Lokal", "Gesellschaft"],
        "date": "{d:02d}.{m:02d}.{y} {H:02d}:{M:02d}",
        "cookie": "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten. Mit „Akzeptieren“ stimmen Sie zu.",
        "accept": "Akzeptieren",
        "nav": ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Lokal"],
        "aside": "Meistgelesen",
        "html_credit": "Bild: APA",
    },
    "en": {
        "subjects": ["The city council", "The regional government", "The transport ministry", "The local authority",
                     "The mayor", "The opposition", "The union", "The operator", "The fire service", "Police",
                     "The audit office", "The chamber of commerce", "The residents' association", "The board",
                     "The environment agency", "The high court", "The university", "The hospital trust",
                     "The harbour board", "The tenants' union"],
        "objects": ["the repair of the river bridge", "the new tram line", "the reform of nurse training",
                    "the expansion of the harbour", "the price of district heating", "the plans for a new stadium",
                    "the closure of the maternity ward", "the subsidy for solar panels", "the northern bypass",
                    "the cuts to the arts budget", "the tender for bus services", "the merger of two schools",
                    "the extension of the metro", "the inquiry into the crash", "the charges for waste collection",
                    "the closure of the railway line", "the new chip factory", "the renovation of the town hall",
                    "the rules for short-term lets", "the measurements along the river",
                    "the plans for affordable housing", "the pay talks for care workers",
                    "the opening hours of public pools", "the cycle lanes along the canal"],
        "cities": ["Northfield", "Westmoor", "Kingsbridge", "Ashford", "Lakeside", "Harrowgate", "Millbrook",
                   "Eastleigh", "Bramley", "Carrow", "Dunmore", "Fenwick", "Glenholm", "Redcliff"],
        "extra_places": ["in the harbour district", "in the city centre", "on the ring road", "in the old town",
                         "near the industrial estate", "on the outskirts"],
        "in": "in {}",
        "times": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
                  "at the weekend", "overnight", "since January", "last week", "early in the morning",
                  "late on Sunday", "in the autumn", "after months of talks"],
        "first": ["Fiona", "James", "Priya", "Daniel", "Rachel", "Tom", "Aisha", "Oliver", "Grace", "Samuel",
                  "Hannah", "Mark", "Chloe", "Peter", "Nadia", "Ewan"],
        "last": ["MacLeod", "Carter", "Patel", "Hughes", "Bennett", "Ward", "Khan", "Morris", "Doyle", "Fletcher",
                 "Griffiths", "Reid", "Shaw", "Turner", "Walsh", "Young"],
        "roles": ["a council spokesperson", "a police spokesman", "the cabinet member for transport",
                  "chair of the residents' association", "an economist at the regional institute",
                  "the fire service's incident commander", "the hospital's chief executive",
                  "a tenants' union organiser", "the opposition leader", "the operator's managing director"],
        "quotes": ["We need a quick solution now", "This is an important step for the whole region",
                   "The figures speak for themselves", "Things cannot go on like this",
                   "We have looked carefully at every option", "Nobody should have to pay more because of this",
                   "People's safety comes first", "We will not be rushed into this",
                   "What matters in the end is what families notice"],
        "templates": [
            "{S} presented plans for {O} {P} {T}, with work due to finish by {Y}.",
            "{S} wants to complete {O} by {Y}, {X}, {R}, said {T}.",
            "According to {X}, about {N} people {P} are affected by the decision.",
            "“{Q},” said {X}, {R}, after the meeting {P}.",
            "{Tc}, experts {P} spent hours discussing {O} and possible alternatives.",
            "The cost of {O} is now estimated at about {N} million pounds.",
            "{S} criticised {O} {T} as too expensive, too slow and badly prepared.",
            "As early as {Y0}, {s} had called for {O} to be reviewed again.",
            "In a survey {P}, {PC} per cent of respondents said they supported {O}.",
            "Whether {O} will really be ready by {Y} is still unclear, according to {X}.",
            "A decision on {O} is expected {T}, people close to {X} said.",
            "{S} has received {N} complaints about {O} since the start of the year.",
            "{S} pointed {T} to rising construction costs and a tight labour market.",
            "For residents {P} it means more disruption for now, {X} explained.",
            "{X}, {R}, expects {O} to remain a subject of debate for a long time.",
        ],
        "title_tails": ["sparks row", "delayed again", "to cost more than planned", "ahead of schedule",
                        "in doubt", "approved", "remains contested", "goes to next round"],
        "sub_verbs": ["reviews", "defends", "criticises", "slows", "speeds up", "welcomes"],
        "heads": ["Criticism", "Dispute", "Open questions", "New plans", "Rising costs", "Warning", "Reactions",
                  "Next steps", "Doubts", "Support", "Resistance"],
        "head_tails": ["over funding", "over the timetable", "from the opposition", "in parliament", "for residents",
                       "from the unions", "from business", "among those affected", "on the council",
                       "on transport"],
        "captions": ["{X} at the press conference {P}", "A view of the building site {P}", "The meeting {P} {T}",
                     "Protesters outside the town hall {P}", "Emergency crews {P} {T}"],
        "credit": "(Photo: PA)",
        "quote_icon": "Quote Icon",
        "play": "Play",
        "teaser": "Read more: {}",
        "comments": "Comments",
        "comments_note": "Comments are closed for this article.",
        "footer": ["© {name} {year}", "Terms of use", "Privacy policy", "{name} Puzzles"],
        "sections": ["Politics", "Business", "World", "Culture", "Environment", "UK news"],
        "date": "{d} {mon} {y} {H:02d}:{M:02d}",
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
        "cookie": "We use cookies to improve your experience and to show you relevant advertising. Click accept to agree.",
        "accept": "Accept all",
        "nav": ["Home", "News", "Politics", "Business", "Sport", "Culture"],
        "aside": "Most read",
        "html_credit": "Photograph: PA",
    },
    "fr": {
        "subjects": ["Le conseil municipal", "La région", "Le ministère des Transports", "La mairie", "Le maire",
                     "L'opposition", "Le syndicat", "L'exploitant", "Les pompiers", "La police", "La Cour des comptes",
                     "La chambre de commerce", "Le collectif d'habitants", "Le conseil d'administration",
                     "L'agence de l'environnement", "Le tribunal administratif", "L'université", "Le centre hospitalier",
                     "Le port autonome", "L'association des locataires"],
        "objects": ["la rénovation du pont", "la nouvelle ligne de tramway", "la réforme de la formation des infirmiers",
                    "l'extension du port", "le prix du chauffage urbain", "le projet de nouveau stade",
                    "la fermeture de la maternité", "l'aide aux panneaux solaires", "le contournement nord",
                    "les coupes dans le budget culturel", "l'appel d'offres pour les bus", "la fusion de deux écoles",
                    "le prolongement du métro", "l'enquête sur l'accident", "la taxe sur les ordures",
                    "la fermeture de la ligne ferroviaire", "la nouvelle usine de puces", "la rénovation de l'hôtel de ville",
                    "les règles sur la location courte durée", "les mesures le long du fleuve",
                    "le plan pour le logement abordable", "les négociations salariales", "les horaires des piscines",
                    "les pistes cyclables le long du canal"],
        "cities": ["Valmont", "Saint-Aubin", "Montferrand", "Belleville-sur-Loire", "Rochefort", "Clairac",
                   "Beaulieu", "Villeneuve", "Port-Sainte-Marie", "Lunel", "Castelnau", "Morlanne"],
        "extra_places": ["dans le centre-ville", "sur le port", "dans la vieille ville", "près de la zone industrielle",
                         "en périphérie", "sur la rocade"],
        "in": "à {}",
        "times": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "ce week-end", "dans la nuit",
                  "depuis janvier", "la semaine dernière", "tôt le matin", "dimanche soir", "à l'automne",
                  "après des mois de discussions"],
        "first": ["Claire", "Julien", "Sophie", "Nicolas", "Camille", "Mathieu", "Léa", "Antoine", "Élodie", "Hugo",
                  "Manon", "Pierre", "Chloé", "Olivier", "Inès", "Thomas"],
        "last": ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux", "Fournier",
                 "Mercier", "Blanc", "Garnier", "Faure", "Chevalier", "Perrin", "Morel"],
        "roles": ["porte-parole de la mairie", "porte-parole de la police", "vice-présidente chargée des transports",
                  "président du collectif d'habitants", "économiste à l'institut régional",
                  "commandant des pompiers", "directrice du centre hospitalier", "responsable de l'association",
                  "cheffe de l'opposition", "directeur général de l'exploitant"],
        "quotes": ["Il nous faut maintenant une solution rapide", "C'est une étape importante pour toute la région",
                   "Les chiffres parlent d'eux-mêmes", "Cela ne peut plus continuer ainsi",
                   "Nous avons examiné toutes les options avec soin", "Personne ne doit payer davantage pour cela",
                   "La sécurité des habitants passe avant tout", "Nous ne céderons pas à la pression",
                   "Ce qui compte, c'est ce que les familles ressentent"],
        "templates": [
            "{S} a présenté {T} {P} un projet concernant {O}, qui doit aboutir d'ici {Y}.",
            "{S} veut achever {O} d'ici {Y}, a indiqué {T} {X}, {R}.",
            "Selon {X}, environ {N} personnes sont concernées par la décision {P}.",
            "« {Q} », a déclaré {X}, {R}, à l'issue de la réunion {P}.",
            "{Tc}, des experts ont discuté pendant des heures {P} concernant {O} et les alternatives possibles.",
            "Le coût prévu pour {O} est désormais estimé à environ {N} millions d'euros.",
            "{S} a critiqué {T} {O}, jugé trop cher, trop lent et mal préparé.",
            "Dès {Y0}, {s} avait demandé que soit réexaminé le dossier concernant {O}.",
            "Selon un sondage réalisé {P}, {PC} % des personnes interrogées soutiennent {O}.",
            "Personne ne sait encore si {O} sera vraiment prêt d'ici {Y}, selon {X}.",
            "Une décision concernant {O} est attendue {T}, selon l'entourage de {X}.",
            "{S} a reçu {N} plaintes concernant {O} depuis le début de l'année.",
            "{S} a évoqué {T} la hausse des coûts de construction et la tension sur le marché du travail.",
            "Pour les riverains {P}, cela signifie de nouvelles perturbations pour l'instant, a expliqué {X}.",
            "{X}, {R}, s'attend à ce que le dossier concernant {O} reste longtemps d'actualité.",
        ],
        "title_tails": ["fait polémique", "encore retardé", "plus cher que prévu", "en avance sur le calendrier",
                        "menacé", "adopté", "toujours contesté", "au cœur des débats"],
        "sub_verbs": ["examine", "défend", "critique", "freine", "accélère", "salue"],
        "heads": ["Critiques", "Polémique", "Questions ouvertes", "Nouveaux projets", "Coûts en hausse",
                  "Mise en garde", "Réactions", "Prochaines étapes", "Doutes", "Soutien", "Résistance"],
        "head_tails": ["sur le financement", "sur le calendrier", "de l'opposition", "au conseil régional",
                       "pour les riverains", "des syndicats", "du patronat", "chez les habitants", "à la mairie",
                       "sur les transports"],
        "captions": ["{X} lors de la conférence de presse {P}", "Vue du chantier {P}", "La réunion {P} {T}",
                     "Des manifestants devant la mairie {P}", "Les secours {P} {T}"],
        "credit": "(Photo: AFP)",
        "quote_icon": "Citation Icon",
        "play": "Lecture",
        "teaser": "Lire aussi : {}",
        "comments": "Commentaires",
        "comments_note": "Les commentaires sont fermés pour cet article.",
        "footer": ["© {name} {year}", "Mentions légales", "Politique de confidentialité", "Les jeux de {name}"],
        "sections": ["Politique", "Économie", "Société", "Culture", "Faits divers", "International"],
        "date": "{d} {mon} {y} à {H:02d}h{M:02d}",
        "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                   "novembre", "décembre"],
        "cookie": "Nous utilisons des cookies pour améliorer votre expérience. En cliquant sur accepter, vous consentez.",
        "accept": "Tout accepter",
        "nav": ["Accueil", "Politique", "Économie", "Sport", "Culture", "Région"],
        "aside": "Les plus lus",
        "html_credit": "Photo: AFP",
    },
    "es": {
        "subjects": ["El ayuntamiento", "El gobierno regional", "El Ministerio de Transportes", "La alcaldía",
                     "La alcaldesa", "La oposición", "El sindicato", "La empresa concesionaria", "Los bomberos",
                     "La policía", "El Tribunal de Cuentas", "La cámara de comercio", "La asociación vecinal",
                     "El consejo de administración", "La agencia de medio ambiente", "El tribunal superior",
                     "La universidad", "El hospital comarcal", "La autoridad portuaria", "El sindicato de inquilinos"],
        "objects": ["la reforma del puente", "la nueva línea de tranvía", "la reforma de la formación sanitaria",
                    "la ampliación del puerto", "el precio de la calefacción urbana", "el proyecto del nuevo estadio",
                    "el cierre de la maternidad", "la ayuda para placas solares", "la variante norte",
                    "los recortes en el presupuesto cultural", "la licitación de los autobuses",
                    "la fusión de dos colegios", "la ampliación del metro", "la investigación del accidente",
                    "la tasa de basuras", "el cierre de la línea ferroviaria", "la nueva fábrica de chips",
                    "la rehabilitación del ayuntamiento", "las normas sobre pisos turísticos",
                    "las mediciones junto al río", "el plan de vivienda asequible", "la negociación del convenio",
                    "el horario de las piscinas", "los carriles bici junto al canal"],
        "cities": ["Villaverde", "San Martín del Río", "Puerto Alto", "Valdemora", "Castrillo", "Almenara",
                   "Torrealba", "Monteluz", "Riosalado", "Campollano", "Navalsur", "Peñarrubia"],
        "extra_places": ["en el centro", "en el puerto", "en el casco antiguo", "junto al polígono industrial",
                         "en las afueras", "en la circunvalación"],
        "in": "en {}",
        "times": ["el lunes", "el martes", "el miércoles", "el jueves", "el viernes", "el sábado",
                  "el fin de semana", "durante la noche", "desde enero", "la semana pasada", "de madrugada",
                  "el domingo por la tarde", "en otoño", "tras meses de negociaciones"],
        "first": ["Lucía", "Javier", "Marta", "Carlos", "Elena", "Pablo", "Carmen", "Diego", "Laura", "Sergio",
                  "Ana", "Miguel", "Raquel", "Andrés", "Nuria", "Álvaro"],
        "last": ["García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Navarro", "Torres", "Ruiz",
                 "Domínguez", "Vázquez", "Castro", "Ortega", "Morales", "Iglesias", "Serrano"],
        "roles": ["portavoz del ayuntamiento", "portavoz de la policía", "consejera de Movilidad",
                  "presidente de la asociación vecinal", "economista del instituto regional", "jefe de bomberos",
                  "directora del hospital", "responsable del sindicato", "líder de la oposición",
                  "director general de la concesionaria"],
        "quotes": ["Necesitamos una solución rápida", "Es un paso importante para toda la región",
                   "Las cifras hablan por sí solas", "Esto no puede seguir así",
                   "Hemos estudiado todas las opciones con cuidado", "Nadie tendrá que pagar más por ello",
                   "La seguridad de los vecinos es lo primero", "No vamos a ceder a las presiones",
                   "Al final lo que cuenta es lo que notan las familias"],
        "templates": [
            "{S} presentó {T} {P} un plan para {O}, que deberá estar listo antes de {Y}.",
            "{S} quiere concluir {O} antes de {Y}, según explicó {T} {X}, {R}.",
            "Según {X}, unas {N} personas se ven afectadas por la decisión {P}.",
            "«{Q}», afirmó {X}, {R}, al término de la reunión {P}.",
            "{Tc}, varios expertos debatieron durante horas {P} sobre {O} y las posibles alternativas.",
            "El presupuesto para {O} se estima ya en unos {N} millones de euros.",
            "{S} criticó {T} {O} por ser demasiado caro, lento y mal preparado.",
            "Ya en {Y0}, {s} había pedido revisar a fondo {O}.",
            "Según una encuesta realizada {P}, el {PC} % de los consultados apoya {O}.",
            "Nadie sabe todavía si {O} estará lista antes de {Y}, según {X}.",
            "Se espera una decisión sobre {O} {T}, según fuentes cercanas a {X}.",
            "{S} ha recibido {N} quejas sobre {O} desde comienzos de año.",
            "{S} aludió {T} al aumento de los costes de construcción y a la tensión en el mercado laboral.",
            "Para los vecinos {P} esto supone por ahora nuevas molestias, explicó {X}.",
            "{X}, {R}, cree que el debate sobre {O} seguirá abierto durante mucho tiempo.",
        ],
        "title_tails": ["genera polémica", "vuelve a retrasarse", "costará más de lo previsto", "se adelanta",
                        "en el aire", "aprobado", "sigue en disputa", "llega a una nueva fase"],
        "sub_verbs": ["revisa", "defiende", "critica", "frena", "acelera", "celebra"],
        "heads": ["Críticas", "Polémica", "Preguntas abiertas", "Nuevos planes", "Costes al alza", "Advertencia",
                  "Reacciones", "Próximos pasos", "Dudas", "Apoyo", "Resistencia"],
        "head_tails": ["sobre la financiación", "sobre el calendario", "de la oposición", "en el parlamento",
                       "para los vecinos", "de los sindicatos", "de los empresarios", "entre los afectados",
                       "en el pleno", "sobre el transporte"],
        "captions": ["{X} durante la rueda de prensa {P}", "Vista de las obras {P}", "La reunión {P} {T}",
                     "Manifestantes ante el ayuntamiento {P}", "Los servicios de emergencia {P} {T}"],
        "credit": "(Foto: EFE)",
        "quote_icon": "Cita Icono",
        "play": "Reproducir",
        "teaser": "Te puede interesar: {}",
        "comments": "Comentarios",
        "comments_note": "Los comentarios están cerrados para esta noticia.",
        "footer": ["© {name} {year}", "Aviso legal", "Política de privacidad", "Suscripción {name}"],
        "sections": ["Política", "Economía", "Sociedad", "Cultura", "Deportes", "Internacional"],
        "date": "{d} de {mon} de {y}, {H:02d}:{M:02d}",
        "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                   "octubre", "noviembre", "diciembre"],
        "cookie": "Utilizamos cookies propias y de terceros para mejorar su experiencia. Pulse aceptar para continuar.",
        "accept": "Aceptar",
        "nav": ["Portada", "Política", "Economía", "Deportes", "Cultura", "Local"],
        "aside": "Lo más leído",
        "html_credit": "Foto: EFE",
    },
}

# 20 fictional outlets: (domain, name, language). None of them is in storyline's packaged list.
OUTLETS = [
    ("nordblatt.de", "Nordblatt", "de"), ("alpenecho.at", "Alpen-Echo", "de"),
    ("rheintaler-zeitung.de", "Rheintaler Zeitung", "de"), ("donaukurier-ost.at", "Donaukurier Ost", "de"),
    ("hansepost.de", "Hansepost", "de"), ("seeblick-anzeiger.de", "Seeblick-Anzeiger", "de"),
    ("harbourgazette.co.uk", "The Harbour Gazette", "en"), ("northfieldtimes.com", "Northfield Times", "en"),
    ("riverside-chronicle.com", "Riverside Chronicle", "en"), ("westmoorpost.co.uk", "Westmoor Post", "en"),
    ("lakeland-observer.com", "Lakeland Observer", "en"),
    ("echo-des-vallees.fr", "L'Écho des Vallées", "fr"), ("courrier-atlantique.fr", "Courrier Atlantique", "fr"),
    ("journal-du-rhone.fr", "Journal du Rhône", "fr"), ("gazette-alpine.fr", "La Gazette Alpine", "fr"),
    ("depeche-des-plaines.fr", "La Dépêche des Plaines", "fr"),
    ("diariodelsur.es", "Diario del Sur", "es"), ("correo-levante.es", "Correo de Levante", "es"),
    ("lavozdelvalle.es", "La Voz del Valle", "es"), ("heraldo-costero.es", "Heraldo Costero", "es"),
]
_ARTICLES = {"der", "die", "das", "the", "le", "la", "les", "el", "los", "las"}


def _mid(s: str) -> str:
    """A subject phrase inside a sentence: 'Der Gemeinderat' -> 'der Gemeinderat', "L'opposition" -> "l'opposition"."""
    first = s.split(" ", 1)[0].split("'", 1)[0].lower()
    return s[0].lower() + s[1:] if first in _ARTICLES or s.startswith("L'") else s


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


class Generator:
    """Deterministic article generator: the same seed gives the same corpus, byte for byte."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def _place(self, v: dict) -> str:
        r = self.rng
        return r.choice(v["extra_places"]) if r.random() < 0.3 else v["in"].format(r.choice(v["cities"]))

    def _person(self, v: dict) -> str:
        return f"{self.rng.choice(v['first'])} {self.rng.choice(v['last'])}"

    def sentence(self, v: dict, people: list[tuple[str, str]], quote: str | None = None) -> str:
        r = self.rng
        tpl = v["templates"][3] if quote else r.choice(v["templates"])
        x, role = people[0] if quote else r.choice(people)  # the pull quote's speaker says it in the body
        t = r.choice(v["times"])
        return tpl.format(S=r.choice(v["subjects"]), s=_mid(r.choice(v["subjects"])), O=r.choice(v["objects"]),
                          P=self._place(v), T=t, Tc=_cap(t), X=x, R=role, Y=r.randint(2025, 2032),
                          Y0=r.randint(2015, 2023), N=r.randint(3, 950), PC=r.randint(12, 88), Q=quote or r.choice(v["quotes"]))

    def title(self, v: dict) -> str:
        r = self.rng
        return f"{r.choice(v['cities'])}: {_cap(r.choice(v['objects']))} {r.choice(v['title_tails'])}"

    def article(self, outlet: tuple[str, str, str]) -> dict:
        """One article as data: header fields, body blocks, caption, pull quote, teaser."""
        r = self.rng
        domain, name, lang = outlet
        v = LANGS[lang]
        people = [(self._person(v), r.choice(v["roles"])) for _ in range(3)]
        quote = r.choice(v["quotes"])
        target = r.randint(300, 500)
        blocks: list[tuple[str, str]] = []  # ("p" | "h", text)
        words = 0
        n_heads = 2 + (r.random() < 0.5)
        head_at = sorted(r.sample(range(2, 9), n_heads))
        quote_done = False
        while words < target:
            if len(blocks) and sum(1 for k, _ in blocks if k == "p") in head_at and blocks[-1][0] == "p":
                head_at.remove(sum(1 for k, _ in blocks if k == "p"))
                blocks.append(("h", f"{r.choice(v['heads'])} {r.choice(v['head_tails'])}"))
            sents = []
            for _ in range(r.randint(2, 4)):
                if not quote_done and len(blocks) >= 2 and r.random() < 0.4:
                    sents.append(self.sentence(v, people, quote))
                    quote_done = True
                else:
                    sents.append(self.sentence(v, people))
            para = " ".join(sents)
            blocks.append(("p", para))
            words += len(para.split())
        if not quote_done:
            blocks.append(("p", self.sentence(v, people, quote) + " " + self.sentence(v, people)))
        x, role = people[0]
        month = r.randint(1, 12)
        when = datetime(2024, month, r.randint(1, 28), r.randint(5, 22), r.randint(0, 59))
        capt = r.choice(v["captions"]).format(X=self._person(v), P=self._place(v), T=r.choice(v["times"]))
        return {
            "domain": domain, "name": name, "lang": lang, "when": when,
            "title": self.title(v),
            "subtitle": f"{r.choice(v['subjects'])} {r.choice(v['sub_verbs'])} {r.choice(v['objects'])}",
            "section": r.choice(v["sections"]), "author": self._person(v),
            "blocks": blocks, "caption": capt, "quote": quote, "quote_by": f"{x}, {role}",
            "teaser": self.title(v),
        }


def _date_line(a: dict) -> str:
    v, w = LANGS[a["lang"]], a["when"]
    mon = v["months"][w.month - 1] if "months" in v else None
    return v["date"].format(d=w.day, m=w.month, y=w.year, H=w.hour, M=w.minute, mon=mon)


def render_text(a: dict) -> str:
    """The article as a browser shows a page, copied as text: header, body, chrome, footer."""
    v = LANGS[a["lang"]]
    qmark = {"de": "„{}“", "en": "“{}”", "fr": "« {} »", "es": "«{}»"}[a["lang"]]
    out = [a["title"], "", a["subtitle"], a["section"], _date_line(a), ""]
    blocks = a["blocks"]
    caption_at = min(2, len(blocks) - 1)
    video_at = min(4, len(blocks) - 1)
    quote_at = next((i for i, (k, t) in enumerate(blocks) if k == "p" and a["quote"] in t), len(blocks) - 1)
    for i, (kind, text) in enumerate(blocks):
        if kind == "h":
            out.append(text)  # a heading is directly followed by its paragraph
            continue
        out += [text, ""]
        if i == caption_at:
            out += [f"{a['caption']} {v['credit']}", a["caption"], ""]
        if i == video_at:
            out += ["Loading...", "00:00 / 00:00", v["play"], ""]
        if i == quote_at:
            out += [v["quote_icon"], qmark.format(a["quote"]), a["quote_by"], ""]
    out += [v["teaser"].format(a["teaser"]), "", v["comments"], v["comments_note"], ""]
    out += [ln.format(name=a["name"], year=a["when"].year) for ln in v["footer"]]
    return "\n".join(out) + "\n"


def render_html(a: dict) -> str:
    """The article as a full HTML page: head metadata, cookie banner, nav, article, aside, footer, scripts."""
    v = LANGS[a["lang"]]
    e = escape
    iso = a["when"].isoformat(timespec="seconds") + ("+01:00" if a["lang"] != "en" else "+00:00")
    slug = f"{a['when']:%Y/%m/%d}/{hashlib.sha1(a['blocks'][0][1].encode('utf-8')).hexdigest()[:10]}"
    url = f"https://www.{a['domain']}/{e(a['section'].lower())}/{slug}"
    body: list[str] = []
    for i, (kind, text) in enumerate(a["blocks"]):
        body.append(f"  <h2>{e(text)}</h2>" if kind == "h" else f"  <p>{e(text)}</p>")
        if i == 1:
            body.append(f'  <figure class="lead-image"><img src="https://img.{a["domain"]}/{i}.jpg" alt="{e(a["caption"])}" '
                        f'width="1200" height="675"><figcaption>{e(a["caption"])} <span class="credit">'
                        f'{e(v["html_credit"])}</span></figcaption></figure>')
        if i == 3:
            body.append('  <script>window.dataLayer=window.dataLayer||[];'
                        'window.dataLayer.push({"event":"inline-ad","slot":"mid-article"});</script>')
    nav = "".join(f'<li><a href="/{e(n.lower())}/">{e(n)}</a></li>' for n in v["nav"])
    footer = "".join(f"<li>{e(ln.format(name=a['name'], year=a['when'].year))}</li>" for ln in v["footer"])
    return f"""<!DOCTYPE html>
<html lang="{a['lang']}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(a['title'])} | {e(a['name'])}</title>
<meta name="description" content="{e(a['subtitle'])}">
<meta name="author" content="{e(a['author'])}">
<meta property="og:site_name" content="{e(a['name'])}">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(a['title'])}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{iso}">
<meta property="article:section" content="{e(a['section'])}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<div id="cookie-consent" class="cookie-banner" role="dialog"><p>{e(v['cookie'])}</p><button type="button">{e(v['accept'])}</button></div>
<header class="site-header"><a class="logo" href="/">{e(a['name'])}</a><nav class="main-nav"><ul>{nav}</ul></nav></header>
<main id="content">
<article class="article">
  <div class="article-section"><a href="/{e(a['section'].lower())}/">{e(a['section'])}</a></div>
  <h1>{e(a['title'])}</h1>
  <p class="byline">{e(a['author'])} · <time datetime="{iso}">{e(_date_line(a))}</time></p>
{chr(10).join(body)}
</article>
<aside class="related"><h3>{e(v['aside'])}</h3><ul><li><a href="/a/1">{e(a['teaser'])}</a></li></ul></aside>
</main>
<footer class="site-footer"><ul>{footer}</ul></footer>
<script>window.dataLayer=window.dataLayer||[];window.dataLayer.push({{"event":"pageview","section":"{e(a['section'])}"}});</script>
</body>
</html>
"""


def generate(root: Path, kind: str, n: int, seed: int) -> dict:
    """Write n articles of `kind` ("text" | "html") under root/<domain>/; return counts and bytes."""
    gen = Generator(seed)
    seen: set[bytes] = set()
    total = 0
    t0 = time.perf_counter()
    for d, _, _ in OUTLETS:
        (root / d).mkdir(parents=True, exist_ok=True)
    i = 0
    while i < n:
        outlet = OUTLETS[gen.rng.randrange(len(OUTLETS))]
        a = gen.article(outlet)
        data = (render_text(a) if kind == "text" else render_html(a)).encode("utf-8")
        h = hashlib.sha256("\n".join(t for _, t in a["blocks"]).encode("utf-8")).digest()
        if h in seen:  # every article must be distinct (never hit in practice; kept as a guarantee)
            continue
        seen.add(h)
        (root / outlet[0] / f"a{i:06d}.{'txt' if kind == 'text' else 'html'}").write_bytes(data)
        total += len(data)
        i += 1
    return {"files": n, "bytes": total, "seconds": time.perf_counter() - t0}


def files_under(root: Path) -> list[Path]:
    """The files in the order the reader walks them (sorted directories, sorted names)."""
    out = []
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [Path(dirpath) / f for f in sorted(names) if not f.startswith(".")]
    return out


# ---------------------------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------------------------

def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS counter (Linux ≥ 4.0: write 5 to /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _rss_kib() -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _steal_ticks(cpu: int = 0) -> int | None:
    """Ticks the hypervisor took from `cpu` (the 8th field of its /proc/stat line)."""
    try:
        with open("/proc/stat") as f:
            for line in f:
                if line.startswith(f"cpu{cpu} "):
                    return int(line.split()[8])
    except (OSError, IndexError, ValueError):
        pass
    return None


def measure(name: str, fn) -> dict:
    """Run fn() once; wall and CPU time, steal, ru_maxrss before/after (the phase's peak when the reset worked)."""
    gc.collect()
    reset = _reset_peak()
    rss0 = _rss_kib()
    max0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    steal0 = _steal_ticks()
    c0 = time.process_time()
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    steal1 = _steal_ticks()
    max1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    return {"phase": name, "seconds": seconds, "cpu_seconds": cpu,
            "steal_seconds": None if steal0 is None or steal1 is None else (steal1 - steal0) / hz,
            "rss_before_kib": rss0, "maxrss_before_kib": max0, "maxrss_after_kib": max1,
            "peak_scope": "phase" if reset else "process", "result": result}


def run_storyline(inputs: list[str], workdir: Path, expect: int) -> dict:
    """ingest() into a fresh store; the timed part is ingest() and close() (which checkpoints the WAL)."""
    from storyline.ingest import ingest
    from storyline.store import open_store

    db = workdir / f"bench-{time.monotonic_ns()}.db"
    store = open_store(str(db))
    c0 = time.process_time()
    t0 = time.perf_counter()
    report = ingest(store, inputs, analyze=False)
    store.close()
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    size = sum(p.stat().st_size for p in [db, Path(f"{db}-wal")] if p.exists())
    out = {"seconds": seconds, "cpu_seconds": cpu, "ingested": report.ingested, "duplicates": report.duplicates,
           "skipped": len(report.skipped), "dropped_lines": report.dropped_lines, "recleaned": report.recleaned,
           "db_bytes": size, "db_bytes_per_article": size / max(1, report.ingested),
           "skip_reasons": sorted({r.reason for r in report.skipped})[:5], "db": str(db)}
    out["ok"] = report.ingested == expect and report.duplicates == 0 and not report.skipped
    return out


def sanity(db: str) -> dict:
    """What the stored articles look like: header fields found, chrome left in the text (should be 0)."""
    import sqlite3

    con = sqlite3.connect(db)
    q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    n = q("SELECT count(*) FROM articles")
    markers = ["Loading...", "00:00 / 00:00", "Zitat Icon", "Quote Icon", "(Bild: APA)", "(Photo: PA)",
               "Kommentare", "Impressum", "Datenschutz", "Privacy policy", "Mentions légales", "Aviso legal",
               "dataLayer", "cookies"]
    leaks = con.execute("SELECT count(*) FROM articles WHERE " + " OR ".join("instr(text, ?)" for _ in markers),
                        markers).fetchone()[0]
    out = {"articles": n,
           "with_published": q("SELECT count(*) FROM articles WHERE published IS NOT NULL"),
           "with_title": q("SELECT count(*) FROM articles WHERE title IS NOT NULL"),
           "with_outlet": q("SELECT count(*) FROM articles WHERE outlet IS NOT NULL"),
           "with_chrome_marker_in_text": leaks,
           "languages": dict(con.execute("SELECT coalesce(language,'?'), count(*) FROM articles GROUP BY 1")),
           "mean_text_words": q("SELECT avg(length(text) - length(replace(text, ' ', '')) + 1) FROM articles")}
    con.close()
    return out


def baseline_read(files: list[Path]) -> dict:
    n = chars = 0
    for p in files:
        with open(p, "rb") as f:
            chars += len(f.read().decode("utf-8"))
        n += 1
    return {"files": n, "chars": chars}


def baseline_trafilatura(files: list[Path]) -> dict:
    import trafilatura

    n = found = 0
    for p in files:
        with open(p, "rb") as f:
            html = f.read().decode("utf-8")
        doc = trafilatura.bare_extraction(html, fast=True, with_metadata=True)
        found += doc is not None
        n += 1
    return {"files": n, "extracted": found}


def traced_run(inputs: list[str], workdir: Path) -> dict:
    """A smaller ingest under tracemalloc: peak of Python-level allocations (SQLite's own C heap is not traced)."""
    from storyline.ingest import ingest
    from storyline.store import open_store

    db = workdir / f"traced-{time.monotonic_ns()}.db"
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    store = open_store(str(db))
    report = ingest(store, inputs, analyze=False)
    store.close()
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"articles": report.ingested, "seconds": seconds, "tracemalloc_peak_bytes": peak}


def machine() -> dict:
    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "nproc": os.cpu_count(), "affinity": sorted(os.sched_getaffinity(0)),
            "python": sys.version.split()[0], "platform": platform.platform(), "code": _code_version(),
            "storyline_path": str(Path(__import__("storyline").__file__).resolve().parent)}


def _code_version() -> str | None:
    """The commit measured, with '+dirty' when storyline/ has uncommitted changes."""
    import subprocess

    import storyline

    root = Path(storyline.__file__).resolve().parent.parent  # the tree the measured package comes from
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "storyline"], cwd=root, capture_output=True,
                               text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return (head + ("+dirty" if dirty else "")) or None


def _mib(kib: int | None) -> str:
    return "-" if kib is None else f"{kib / 1024:.0f}"


def _every(files: list[Path], k: int) -> list[Path]:
    """k files spread over the whole list (so every outlet is in the subset)."""
    if k >= len(files):
        return files
    step = len(files) / k
    return [files[int(i * step)] for i in range(k)]


def profile(kind: str, n: int, seed: int) -> None:
    """cProfile one ingest of n generated articles; print the top 25 functions by cumulative time."""
    import cProfile
    import pstats

    from storyline.ingest import ingest
    from storyline.store import open_store

    with tempfile.TemporaryDirectory(prefix="storyline-prof-") as tmp:
        root = Path(tmp) / ("pages" if kind == "text" else "html")
        generate(root, kind, n, seed if kind == "text" else seed + 1)
        store = open_store(str(Path(tmp) / "prof.db"))
        prof = cProfile.Profile()
        prof.enable()
        report = ingest(store, [str(root)], analyze=False)
        store.close()
        prof.disable()
        print(f"profile: {kind}, {report.ingested} articles ingested")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="plain-text articles (default 10,000)")
    ap.add_argument("--html-n", type=int, default=10_000, help="HTML pages (default 10,000)")
    ap.add_argument("--mem-n", type=int, default=1_000, help="articles per kind for the tracemalloc run (default 1,000)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--data-dir", help="generate the corpus here and keep it (default: a temporary directory)")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--profile", choices=["text", "html"], help="only cProfile one ingest of --profile-n articles")
    ap.add_argument("--profile-n", type=int, default=1_000)
    args = ap.parse_args(argv)

    pinned = False
    try:
        os.sched_setaffinity(0, {0})
        pinned = True
    except (AttributeError, OSError):
        pass
    print(f"storyline ingest benchmark — pinned to one core (CPU 0): {'yes' if pinned else 'NO (not supported here)'}")
    if args.profile:
        profile(args.profile, args.profile_n, args.seed)
        return 0

    tmp = tempfile.TemporaryDirectory(prefix="storyline-bench-")
    data = Path(args.data_dir) if args.data_dir else Path(tmp.name) / "data"
    work = Path(tmp.name) / "stores"
    work.mkdir(parents=True)
    for sub in ("pages", "html"):
        shutil.rmtree(data / sub, ignore_errors=True)
    m = machine()
    print(f"machine: {m['cpu']}, nproc {m['nproc']}, Python {m['python']}, affinity {m['affinity']}, "
          f"code {m['code']}")
    results: dict = {"date": datetime.now().strftime("%Y-%m-%d"), "machine": m, "pinned_to_one_core": pinned,
                     "seed": args.seed, "targets_articles_per_s": TARGETS, "phases": {}}
    ph = results["phases"]
    failures: list[str] = []

    def show(p: dict, n: int) -> None:
        extra = (f", CPU {p['cpu_seconds']:.2f} s, steal {p['steal_seconds'] or 0:.2f} s, "
                 f"peak RSS {_mib(p['maxrss_after_kib'])} MiB ({p['peak_scope']})")
        print(f"  {p['phase']:<34} {n:>6} in {p['seconds']:8.2f} s = {n / p['seconds']:9.1f} /s{extra}")

    kinds = [("text", args.n, data / "pages", args.seed), ("html", args.html_n, data / "html", args.seed + 1)]
    for kind, n, root, seed in kinds:
        if n <= 0:
            continue
        g = generate(root, kind, n, seed)
        print(f"{kind}: generated {g['files']} files, {g['bytes'] / g['files']:.0f} bytes each, in {g['seconds']:.1f} s")
        files = files_under(root)
        # storyline first: it pays its one-off costs (imports, language model) inside the timed run
        p = measure(f"{kind}: storyline ingest+clean", lambda: run_storyline([str(root)], work, n))
        r = p["result"]
        p["seconds"], p["cpu_seconds"] = r["seconds"], r["cpu_seconds"]  # ingest() + close() only
        p["articles_per_s"] = r["ingested"] / r["seconds"]
        p["sanity"] = sanity(r["db"])
        show(p, r["ingested"])
        if not r["ok"]:
            failures.append(f"{kind}: ingested {r['ingested']} of {n}, duplicates {r['duplicates']}, "
                            f"skipped {r['skipped']} {r['skip_reasons']}")
        ph[f"{kind}_storyline"] = p
        b = measure(f"{kind}: baseline read+decode", lambda: baseline_read(files))
        b["articles_per_s"] = n / b["seconds"]
        show(b, n)
        ph[f"{kind}_baseline_read"] = b
        if kind == "html":
            t = measure("html: baseline trafilatura alone", lambda: baseline_trafilatura(files))
            t["articles_per_s"] = n / t["seconds"]
            show(t, n)
            ph["html_baseline_trafilatura"] = t
        print(f"  sanity: {p['sanity']}")
        tr = traced_run([str(f) for f in _every(files, args.mem_n)], work)
        ph[f"{kind}_tracemalloc"] = tr
        print(f"  tracemalloc run: {tr['articles']} articles, peak {tr['tracemalloc_peak_bytes'] / 2**20:.1f} MiB "
              f"(Python allocations; {tr['articles'] / tr['seconds']:.0f} /s with tracing on, not a speed figure)")
        results[f"{kind}_corpus"] = {"files": g["files"], "bytes_per_file": g["bytes"] / g["files"]}

    # summary table
    rows = []
    for kind in ("text", "html"):
        p = ph.get(f"{kind}_storyline")
        if not p:
            continue
        r = p["result"]
        for bname in ("read", "trafilatura"):
            b = ph.get(f"{kind}_baseline_{bname}")
            if b:
                rows.append((kind, bname, p, b, r))
    print()
    hdr = (f"{'corpus':<6} {'articles':>8} {'storyline/s':>11} {'per CPU-s':>9} {'target/s':>8} {'met':>4} {'baseline':<18} "
           f"{'baseline/s':>10} {'ratio':>8} {'RSS start/peak MiB':>18} {'DB B/article':>12}")
    print(hdr)
    print("-" * len(hdr))
    summary = []
    for kind, bname, p, b, r in rows:
        ratio = p["articles_per_s"] / b["articles_per_s"]
        met = p["articles_per_s"] >= TARGETS[kind]
        label = "read+decode" if bname == "read" else "trafilatura alone"
        per_cpu = r["ingested"] / p["cpu_seconds"]
        print(f"{kind:<6} {r['ingested']:>8} {p['articles_per_s']:>11.1f} {per_cpu:>9.1f} {TARGETS[kind]:>8.0f} "
              f"{'yes' if met else 'NO':>4} "
              f"{label:<18} {b['articles_per_s']:>10.1f} {ratio:>8.4f} "
              f"{_mib(p['rss_before_kib']) + ' / ' + _mib(p['maxrss_after_kib']):>18} "
              f"{r['db_bytes_per_article']:>12.0f}")
        summary.append({"corpus": kind, "articles": r["ingested"], "articles_per_s": p["articles_per_s"],
                        "articles_per_cpu_s": per_cpu, "wall_over_cpu": p["seconds"] / p["cpu_seconds"],
                        "target_per_s": TARGETS[kind], "met": met, "baseline": label,
                        "baseline_articles_per_s": b["articles_per_s"], "ratio_storyline_over_baseline": ratio,
                        "rss_at_start_kib": p["rss_before_kib"], "peak_rss_kib": p["maxrss_after_kib"],
                        "peak_scope": p["peak_scope"],
                        "db_bytes_per_article": r["db_bytes_per_article"]})
    results["summary"] = summary
    m["code_at_end"] = _code_version()
    if m["code_at_end"] != m["code"]:
        print(f"WARNING: the code changed during the run ({m['code']} -> {m['code_at_end']}); the figures mix versions")
    print("ratio = storyline articles/s ÷ baseline articles/s (same files, same process). RSS start/peak: the "
          "process's RSS when the storyline phase began, and ru_maxrss at its end"
          + (" (peak reset before the phase)." if all(s["peak_scope"] == "phase" for s in summary)
             else " (process-lifetime peak; the reset was not allowed)."))
    print("per CPU-s = articles per second of this process's CPU time (user + system); met = wall-clock "
          "articles/s ≥ target.")
    for p in ph.values():
        if "cpu_seconds" in p and p["seconds"] > 1 and p["seconds"] > 1.1 * p["cpu_seconds"]:
            print(f"WARNING: {p['phase']}: wall {p['seconds']:.1f} s but CPU {p['cpu_seconds']:.1f} s — other processes "
                  "ran on CPU 0, so its wall-clock rate understates; rerun on an idle machine")
    for k in ("text", "html"):
        if f"{k}_tracemalloc" in ph:
            tr = ph[f"{k}_tracemalloc"]
            print(f"tracemalloc peak, {k}, {tr['articles']} articles: {tr['tracemalloc_peak_bytes'] / 2**20:.1f} MiB")
    if args.json:
        for p in ph.values():
            if isinstance(p.get("result"), dict):
                p["result"].pop("db", None)
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8")
        print(f"wrote {args.json}")
    tmp.cleanup()
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
