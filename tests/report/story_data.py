"""A hand-made three-outlet story (invented texts) with its coverage dict, for the report tests and benchmarks.

The coverage dict has the shape of `storyline.compare.coverage` and is built consistently with the
articles: every variant's offsets point into its article's text, and the difference offsets into
the variant's text. `make_story(hostile=True)` adds hostile HTML to a title, a URL, a fact, a
dropped line and an entity name; each payload would set `document.body.dataset.pwned` if it ran.
"""

from __future__ import annotations

from storyline.model import Article, DroppedLine, HeaderLine, Paragraph

LKZ, WB, NSP = "LKZ", "weserbote.de", "northsea-post.com"
NAMES = {LKZ: "Lindmoorer Kreiszeitung", WB: "Weser-Bote", NSP: "North Sea Post"}

HOSTILE_FACT = ('Owner statement: <script>document.body.dataset.pwned="fact"</script></textarea>'
                '<img src=x onerror="document.body.dataset.pwned=\'img\'"> " onmouseover="document.body.dataset.pwned=\'attr\'')
HOSTILE_TITLE = 'Cargo ship strikes Weser bridge <script>document.body.dataset.pwned="title"</script>'
HOSTILE_URL = "javascript:document.body.dataset.pwned='url'"
HOSTILE_ENTITY = '<svg onload="document.body.dataset.pwned=\'entity\'">Van Dijk'

TEXTS = {
    101: (LKZ, "de", "2024-03-14T05:12+01:00", "Frachter rammt Weserbrücke – Brücke gesperrt", [
        "In der Nacht zu Donnerstag hat ein Frachter einen Pfeiler der Weserbrücke in Lindmoor gerammt. "
        "Die Brücke ist seitdem für den gesamten Verkehr gesperrt.",
        "Nach Angaben der Wasserschutzpolizei stieß das 110 Meter lange Schiff gegen 2.40 Uhr gegen den "
        "mittleren Pfeiler. Verletzt wurde niemand.",
        "Bürgermeisterin Anna Petersen sagte: „Die Sicherheit der Menschen geht vor.“ Die Sperrung werde "
        "mindestens drei Wochen dauern.",
        "Pendler müssen einen Umweg von rund 15 Kilometern über die Autobahnbrücke bei Kesselhorst in Kauf nehmen.",
    ]),
    102: (LKZ, "de", "2024-03-14T13:05+01:00", "Weserbrücke: Gutachter prüfen Schäden am Pfeiler", [
        "Nach dem nächtlichen Anprall eines Frachters an die Weserbrücke in Lindmoor haben Gutachter am "
        "Donnerstagvormittag mit der Untersuchung des beschädigten Pfeilers begonnen.",
        "„Wir sehen Risse im Beton, aber keine Gefahr für das Tragwerk“, sagte Baudezernent Jonas Meier.",
    ]),
    201: (WB, "de", "2024-03-14", "Schiffsunfall: Weserbrücke in Lindmoor geschlossen", [
        "Ein Frachter ist in der Nacht zum Donnerstag gegen einen Pfeiler der Weserbrücke in Lindmoor geprallt. "
        "Die Brücke wurde für den gesamten Verkehr geschlossen.",
        "Das rund 110 Meter lange Schiff traf den Pfeiler nach Polizeiangaben gegen 3.10 Uhr.",
        "„Die Sicherheit der Menschen hat Vorrang“, sagte Bürgermeisterin Anna Petersen. Die Sperrung soll "
        "vier Wochen dauern.",
        "Der Kapitän, ein 54-jähriger Niederländer, musste eine Blutprobe abgeben.",
    ]),
    202: (WB, "de", None, "Weserbrücke nach Schiffsunfall gesperrt", [
        "Nach einem Schiffsunfall ist die Weserbrücke in Lindmoor gesperrt. Ein Frachter hatte in der Nacht "
        "einen Pfeiler gerammt.",
        "„Die Sicherheit geht vor“, sagte Stadtsprecher Lars Holm.",
    ]),
    301: (NSP, "en", "2024-03-14T07:40+00:00", "Cargo ship strikes Weser bridge in Lindmoor, crossing closed", [
        "A cargo ship struck a pier of the Weser bridge in the German town of Lindmoor overnight, and the "
        "bridge has been closed to all traffic.",
        "Police said the 110-metre vessel hit the central pier at around 2:40 a.m. No one was injured.",
        "\"The safety of people comes first,\" Mayor Anna Petersen said. The closure is expected to last at "
        "least three weeks.",
        "The ship's owner, the Rotterdam-based firm Van Dijk Shipping, said it was cooperating with investigators.",
    ]),
}
DROPPED = {
    101: [("Anzeige", "advertisement label", "pattern"),
          ("Lesen Sie auch: Neue Radwege für die Innenstadt", "cross-promotion link", "pattern"),
          ("Teilen auf Facebook", "share button", "pattern")],
    201: [("Foto: Weser-Bote/Archiv", "photo credit", "caption")],
    301: [("Sign up for our morning newsletter", "newsletter prompt", "pattern")],
}


def make_articles(hostile: bool = False) -> list[dict]:
    """The five articles as `Article.to_dict()` dicts."""
    out = []
    for aid, (outlet, lang, published, title, paras) in TEXTS.items():
        paras = list(paras)
        if hostile and aid == 301:
            paras.append(HOSTILE_FACT)
            title = HOSTILE_TITLE
        text, spans, pos = "", [], 0
        for p in paras:
            text += ("\n\n" if text else "") + p
            start = text.index(p, pos)
            spans.append(Paragraph(start, start + len(p)))
            pos = start + len(p)
        dropped = [DroppedLine(line, reason, signal, lineno=i + 3)
                   for i, (line, reason, signal) in enumerate(DROPPED.get(aid, []))]
        if hostile and aid == 301:
            dropped.append(DroppedLine('<script>document.body.dataset.pwned="dropped"</script>', "script residue",
                                       "pattern", lineno=40))
        url = HOSTILE_URL if hostile and aid == 301 else f"https://{outlet.lower().replace('lkz', 'lkz-online.de')}/a/{aid}"
        a = Article(text=text, paragraphs=spans, origin=f"corpus/pages/{outlet}/{aid}.txt", title=title,
                    outlet=outlet, outlet_name=NAMES[outlet], language=lang, language_score=0.98,
                    published=published, url=url, dropped=dropped, id=aid,
                    published_precision=None if published is None else "day" if len(published) == 10 else "minute",
                    header=[HeaderLine(title, "title", 1)])
        out.append(a.to_dict())
    return out


def _variant(arts: dict, aid: int, sentence: str) -> dict:
    """A fact variant: `sentence` located in article `aid`'s text."""
    a = arts[aid]
    start = a["text"].index(sentence)
    return {"outlet": a["outlet"], "article": aid, "text": sentence, "start": start,
            "end": start + len(sentence), "language": a["language"]}


def _diff(va: dict, vb: dict, a_words: list[str], b_words: list[str]) -> dict:
    """A wording difference with word offsets into each variant's text."""
    def words(v: dict, ws: list[str]) -> list[dict]:
        out = []
        for w in ws:
            i = v["text"].index(w)
            out.append({"text": w, "start": i, "end": i + len(w)})
        return out
    return {"a": {"outlet": va["outlet"], "article": va["article"]},
            "b": {"outlet": vb["outlet"], "article": vb["article"]},
            "a_words": words(va, a_words), "b_words": words(vb, b_words)}


def _fact(fid: int, variants: list[dict], differences=(), disagreements=(), entities=()) -> dict:
    outlets = list(dict.fromkeys(v["outlet"] for v in variants))
    kind = "shared" if len(outlets) == 3 else "unique" if len(outlets) == 1 else "partial"
    return {"id": fid, "kind": kind, "outlets": outlets, "variants": variants,
            "differences": list(differences), "disagreements": list(disagreements), "entities": list(entities)}


def _ent(canonical: str, key: str, label: str, mentions: int) -> dict:
    return {"canonical": canonical, "key": key, "label": label, "mentions": mentions}


def make_coverage(articles: list[dict], hostile: bool = False) -> dict:
    """The coverage dict of the story, consistent with `articles`."""
    arts = {a["id"]: a for a in articles}
    v = lambda aid, s: _variant(arts, aid, s)  # noqa: E731
    f1 = [v(101, "In der Nacht zu Donnerstag hat ein Frachter einen Pfeiler der Weserbrücke in Lindmoor gerammt."),
          v(201, "Ein Frachter ist in der Nacht zum Donnerstag gegen einen Pfeiler der Weserbrücke in Lindmoor geprallt."),
          v(202, "Ein Frachter hatte in der Nacht einen Pfeiler gerammt."),
          v(301, "A cargo ship struck a pier of the Weser bridge in the German town of Lindmoor overnight")]
    f2 = [v(101, "Die Brücke ist seitdem für den gesamten Verkehr gesperrt."),
          v(201, "Die Brücke wurde für den gesamten Verkehr geschlossen."),
          v(202, "Nach einem Schiffsunfall ist die Weserbrücke in Lindmoor gesperrt."),
          v(301, "the bridge has been closed to all traffic.")]
    f3 = [v(101, "Nach Angaben der Wasserschutzpolizei stieß das 110 Meter lange Schiff gegen 2.40 Uhr gegen den mittleren Pfeiler."),
          v(201, "Das rund 110 Meter lange Schiff traf den Pfeiler nach Polizeiangaben gegen 3.10 Uhr."),
          v(301, "Police said the 110-metre vessel hit the central pier at around 2:40 a.m.")]
    f4 = [v(101, "Verletzt wurde niemand."), v(301, "No one was injured.")]
    f5 = [v(101, "Die Sperrung werde mindestens drei Wochen dauern."), v(201, "Die Sperrung soll vier Wochen dauern."),
          v(301, "The closure is expected to last at least three weeks.")]
    facts = [
        _fact(1, f1, [_diff(f1[0], f1[1], ["zu", "gerammt"], ["zum", "gegen", "geprallt"]),
                      _diff(f1[1], f1[2], ["geprallt"], ["gerammt"])], entities=["lindmoor", "weser"]),
        _fact(2, f2, [_diff(f2[0], f2[1], ["ist seitdem", "gesperrt"], ["wurde", "geschlossen"])],
              entities=["weser"]),
        _fact(3, f3, [_diff(f3[0], f3[1], ["2.40"], ["3.10"])],
              [{"field": "time", "values": [{"outlet": LKZ, "value": "02:40"}, {"outlet": WB, "value": "03:10"},
                                            {"outlet": NSP, "value": "02:40"}]}], ["wasserschutzpolizei"]),
        _fact(4, f4),
        _fact(5, f5, [_diff(f5[0], f5[1], ["werde mindestens drei"], ["soll vier"])],
              [{"field": "number", "unit": "Woche", "values": [{"outlet": LKZ, "value": "3 Wochen"}, {"outlet": WB, "value": "4 Wochen"},
                                              {"outlet": NSP, "value": "3 weeks"}]}]),
        _fact(6, [v(101, "Pendler müssen einen Umweg von rund 15 Kilometern über die Autobahnbrücke bei Kesselhorst in Kauf nehmen.")],
              entities=["kesselhorst"]),
        _fact(7, [v(102, "Nach dem nächtlichen Anprall eines Frachters an die Weserbrücke in Lindmoor haben Gutachter am "
                         "Donnerstagvormittag mit der Untersuchung des beschädigten Pfeilers begonnen.")]),
        _fact(8, [v(201, "Der Kapitän, ein 54-jähriger Niederländer, musste eine Blutprobe abgeben.")],
              entities=["country:NL"]),
        _fact(9, [v(301, "The ship's owner, the Rotterdam-based firm Van Dijk Shipping, said it was cooperating with investigators.")],
              entities=["van dijk shipping"]),
    ]
    if hostile:
        facts.append(_fact(10, [v(301, HOSTILE_FACT)]))
    quotes = [
        {"speaker": "Anna Petersen", "speaker_key": "anna petersen", "variants": [
            {"outlet": LKZ, "article": 101, "text": "Die Sicherheit der Menschen geht vor.", "kind": "direct",
             "cue": "sagte", "match": "exact"},
            {"outlet": WB, "article": 201, "text": "Die Sicherheit der Menschen hat Vorrang", "kind": "direct",
             "cue": "sagte", "match": "paraphrase"},
            {"outlet": NSP, "article": 301, "text": "The safety of people comes first,", "kind": "direct",
             "cue": "said", "match": "translation"},
            {"outlet": WB, "article": 202, "text": "Die Sicherheit geht vor", "kind": "direct", "cue": "sagte",
             "match": "partial", "speaker": "Lars Holm", "speaker_key": "lars holm", "language": "de"}],
         "conflicts": [{"speaker": "Anna Petersen", "speaker_key": "anna petersen", "outlets": [LKZ, WB, NSP]},
                       {"speaker": "Lars Holm", "speaker_key": "lars holm", "outlets": [WB]}]},
        {"speaker": "Jonas Meier", "speaker_key": "jonas meier", "variants": [
            {"outlet": LKZ, "article": 102, "text": "Wir sehen Risse im Beton, aber keine Gefahr für das Tragwerk",
             "kind": "direct", "cue": "sagte", "match": "exact"}], "conflicts": []},
        {"speaker": "Wasserschutzpolizei", "speaker_key": "wasserschutzpolizei", "variants": [
            {"outlet": LKZ, "article": 101, "text": "stieß das 110 Meter lange Schiff gegen 2.40 Uhr gegen den mittleren Pfeiler",
             "kind": "reported", "cue": "nach Angaben", "match": "exact"},
            {"outlet": NSP, "article": 301, "text": "the 110-metre vessel hit the central pier at around 2:40 a.m.",
             "kind": "reported", "cue": "said", "match": "translation"}], "conflicts": []},
    ]
    petersen, lindmoor = _ent("Anna Petersen", "anna petersen", "PER", 1), _ent("Lindmoor", "lindmoor", "LOC", 2)
    only = {LKZ: [_ent("Jonas Meier", "jonas meier", "PER", 1), _ent("Wasserschutzpolizei", "wasserschutzpolizei", "ORG", 1),
                  _ent("Kesselhorst", "kesselhorst", "LOC", 1)],
            WB: [_ent("Lars Holm", "lars holm", "PER", 1), _ent("Niederlande", "country:NL", "LOC", 1)],
            NSP: [_ent("Germany", "country:DE", "LOC", 1), _ent("Rotterdam", "rotterdam", "LOC", 1),
                  _ent(HOSTILE_ENTITY if hostile else "Van Dijk Shipping", "van dijk shipping", "ORG", 1)]}
    by_outlet = {LKZ: [dict(lindmoor, mentions=4), petersen, _ent("Weser", "weser", "LOC", 3)] + only[LKZ],
                 WB: [dict(lindmoor, mentions=3), petersen, _ent("Weser", "weser", "LOC", 3)] + only[WB],
                 NSP: [dict(lindmoor, mentions=1), petersen, _ent("Weser", "weser", "LOC", 1)] + only[NSP]}
    timeline = [  # in publication order, undated last, as coverage() gives it; titles as it adds them
        {"outlet": LKZ, "article": 101, "published": arts[101]["published"], "first": True, "update": False},
        {"outlet": NSP, "article": 301, "published": arts[301]["published"], "first": False, "update": False},
        {"outlet": LKZ, "article": 102, "published": arts[102]["published"], "first": False, "update": True},
        {"outlet": WB, "article": 201, "published": arts[201]["published"], "first": False, "update": False},
        {"outlet": WB, "article": 202, "published": arts[202]["published"], "first": False, "update": False},
    ]
    for e in timeline:
        e["title"], e["precision"] = arts[e["article"]]["title"], arts[e["article"]]["published_precision"]
    summary = [{"text": f1[0]["text"], "outlets": [LKZ, WB, NSP], "article": 101, "fact": 1},
               {"text": f5[0]["text"], "outlets": [LKZ, WB, NSP], "article": 101, "fact": 5},
               {"text": facts[8]["variants"][0]["text"], "outlets": [NSP], "article": 301, "fact": 9}]
    if hostile:
        summary.append({"text": HOSTILE_FACT, "outlets": [NSP], "article": 301})
    outlets = []
    for o in (LKZ, NSP, WB):
        mine = [a for a in articles if a["outlet"] == o]
        outlets.append({"outlet": o, "name": NAMES[o], "articles": [a["id"] for a in mine],
                        "languages": sorted({a["language"] for a in mine}),
                        "first_published": next(a["published"] for a in mine if a["published"])})
    story = {"id": 7, "title": "Cargo ship strikes the Weser bridge in Lindmoor; bridge closed for weeks",
             "articles": len(articles), "languages": ["de", "en"], "first": arts[101]["published"],
             "last": arts[102]["published"]}
    return {"story": story, "outlets": outlets, "facts": facts, "quotes": quotes,
            "entities": {"by_outlet": by_outlet, "shared": ["anna petersen", "lindmoor", "weser"], "only": only},
            "timeline": timeline, "summary": summary}


def make_story(hostile: bool = False) -> tuple[dict, list[dict]]:
    """(coverage, articles) of the hand-made story."""
    articles = make_articles(hostile)
    return make_coverage(articles, hostile), articles
