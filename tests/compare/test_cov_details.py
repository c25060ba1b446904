"""Details split off shared claims by a new name or number (storyline.compare.details.named_details), invented texts."""

from __future__ import annotations

from compare.cov_markup import build, embedder
from storyline.compare import details as D
from storyline.compare import facts as F
from storyline.compare.claims import article_claims, segments


def _story(a: list, b: list, *, lang_a: str = "de", lang_b: str = "de", pair: tuple[int, int] = (0, 0)):
    """Two one-outlet articles; the claims `pair` (their order in each article) hand-aligned as one fact."""
    (aa, an_a, _), (bb, an_b, _) = (build(a, id=1, outlet="a.example", language=lang_a),
                                    build(b, id=2, outlet="b.example", language=lang_b))
    claims = article_claims(aa, an_a, member=0, outlet="a.example")
    first_b = len(claims)
    claims += article_claims(bb, an_b, member=1, outlet="b.example", start_index=first_b)
    facts = [F.Fact(claims=[pair[0], first_b + pair[1]])]
    facts += [F.Fact(claims=[c]) for c in range(len(claims)) if c not in facts[0].claims]
    F.classify(facts, claims, ["a.example", "b.example"])
    return (aa, bb), claims, facts


def _texts(arts, claims, found) -> list[str]:
    return [arts[claims[d.claims[0]].member].text[d.span[0]:d.span[1]] for d in found]


HARBOUR_DE = [("F1", "Die Bürgermeister von [Kiel|LOC|kiel] und [Aarhus|LOC|aarhus] haben sich in "
                     "[Kiel|LOC|kiel] auf eine gemeinsame Fährlinie geeinigt."),
              ("F2", "Die Linie soll im Frühjahr starten.")]


def test_a_german_phrase_with_a_new_name_is_a_detail_of_its_outlet():
    b = [("F1", "Die Bürgermeister von [Kiel|LOC|kiel] und [Aarhus|LOC|aarhus] einigten sich am Rande einer "
                "Tagung des [Ostseehafenverbands|ORG|baltic ports association] in der Landeshauptstadt auf die "
                "Fährlinie."),
         ("F2", "Der Betrieb beginnt im Frühjahr.")]
    arts, claims, facts = _story(HARBOUR_DE, b)
    found = D.named_details(facts, claims)
    assert len(found) == 1 and found[0].detail_of == 0
    assert claims[found[0].claims[0]].outlet == "b.example"
    (text,) = _texts(arts, claims, found)
    assert text == "Rande einer Tagung des Ostseehafenverbands in der Landeshauptstadt"  # the shared words stay out


def test_an_english_phrase_with_new_names_is_a_detail():
    a = [("F1", "The mayors of [Kiel|LOC|kiel] and [Aarhus|LOC|aarhus] agreed on a joint ferry line on Monday."),
         ("F2", "The line is due to start in spring.")]
    b = [("F1", "The mayors of [Kiel|LOC|kiel] and [Aarhus|LOC|aarhus] agreed on the ferry line at a two-day summit of "
                "the [North Sea Ports Council|ORG|north sea ports council] in [Esbjerg|LOC|esbjerg], the Danish "
                "harbour city."),
         ("F2", "Services start in spring.")]
    arts, claims, facts = _story(a, b, lang_a="en", lang_b="en")
    found = D.named_details(facts, claims)
    assert _texts(arts, claims, found) == ["two-day summit of the North Sea Ports Council in Esbjerg"]
    assert claims[found[0].claims[0]].outlet == "b.example" and found[0].detail_of == 0


def test_no_detail_for_a_name_the_other_outlet_mentions_elsewhere_or_as_an_adjective():
    b = [("F1", "Die Stadtoberhäupter von [Kiel|LOC|kiel] und [Aarhus|LOC|aarhus] einigten sich am Rande einer "
                "Tagung des [Ostseehafenverbands|ORG|baltic ports association] in der Landeshauptstadt auf die "
                "Fährlinie."),
         ("F2", "Der Betrieb beginnt im Frühjahr.")]
    a = HARBOUR_DE + [("F3", "Der [Ostseehafenverband|ORG|baltic ports association] begrüßte den Plan.")]
    _, claims, facts = _story(a, b)
    assert D.named_details(facts, claims) == []
    # the key differs, the words do not: an adjective or inflected form of the name counts as mentioned
    a = HARBOUR_DE + [("F3", "Auch die ostseehafenverbandlichen Gremien begrüßten den Plan.")]
    _, claims, facts = _story(a, b)
    assert D.named_details(facts, claims) == []


def test_no_detail_for_a_number_the_other_outlet_gives_differently():
    a = [("F1", "Die Sperre der Schleuse dauerte {zehn Stunden|num|10|Stunden}, teilte das Amt mit.")]
    b = [("F1", "Die Schleuse war nach Angaben der Behörde {zwölf Stunden|num|12|Stunden} lang dicht, "
                "Frachtkähne stauten sich kilometerweit.")]
    _, claims, facts = _story(a, b)
    assert D.named_details(facts, claims) == []  # ten against twelve hours: a disagreement, not a detail


def test_a_new_number_with_words_of_its_own_is_a_detail():
    a = [("F1", "Die Schleuse bei [Brunsbüttel|LOC|brunsbüttel] blieb am Montag gesperrt.")]
    b = [("F1", "Die Schleuse bei [Brunsbüttel|LOC|brunsbüttel] blieb am Montag gesperrt, wodurch sich "
                "{37 Frachtkähne|num|37|Frachtkähne} auf der Unterelbe stauten.")]
    arts, claims, facts = _story(a, b)
    texts = _texts(arts, claims, D.named_details(facts, claims))
    assert len(texts) == 1 and "37 Frachtkähne" in texts[0] and "Unterelbe" in texts[0]


def test_no_detail_across_languages():
    a = [("F1", "The mayors of [Kiel|LOC|kiel] and [Aarhus|LOC|aarhus] agreed on a joint ferry line.")]
    b = [("F1", "Die Stadtoberhäupter von [Kiel|LOC|kiel] und [Aarhus|LOC|aarhus] einigten sich am Rande einer "
                "Tagung des [Ostseehafenverbands|ORG|baltic ports association] auf die Fährlinie.")]
    _, claims, facts = _story(a, b, lang_a="en", lang_b="de")
    assert D.named_details(facts, claims) == []


def test_no_detail_for_a_new_name_without_words_of_its_own():
    a = [("F1", "Der Hafen von [Kiel|LOC|kiel] meldete einen Rekord beim Umschlag von Containern im Mai.")]
    b = [("F1", "Der Hafen von [Kiel|LOC|kiel] meldete im Mai laut [Hafenchef Ole Berg|PER|ole berg] einen "
                "Rekord beim Umschlag von Containern.")]
    _, claims, facts = _story(a, b)
    assert D.named_details(facts, claims) == []  # a new name, but no words of its own around it


def test_segments_keep_numbers_and_times_whole():
    text = "Rund 7,000 people left at 11:20 a.m., officials said – the road (A-366) stayed shut"
    parts = [text[a:b] for a, b in segments(text)]
    assert parts == ["Rund 7,000 people left at 11:20 a.m.", "officials said", "the road", "A-366", "stayed shut"]


def test_coverage_lists_the_detail_as_a_unique_fact_of_its_fact():
    from storyline.compare.coverage import coverage

    b = [("F1", "Die Stadtoberhäupter von [Kiel|LOC|kiel] und [Aarhus|LOC|aarhus] einigten sich am Rande einer "
                "Tagung des [Ostseehafenverbands|ORG|baltic ports association] in der Landeshauptstadt auf eine "
                "gemeinsame Fährlinie."),
         ("F2", "Die Linie soll im Frühjahr starten.")]
    members = [build(HARBOUR_DE, id=1, outlet="a.example")[:2], build(b, id=2, outlet="b.example")[:2]]
    cov = coverage("kiel", members, embedder=embedder())
    shared = {f["id"]: f for f in cov["facts"] if f["kind"] == "shared"}
    details = [f for f in cov["facts"] if f.get("detail_of")]
    assert any("Ostseehafenverbands" in f["variants"][0]["text"] and f["kind"] == "unique"
               and f["outlets"] == ["b.example"] and f["detail_of"] in shared for f in details), cov["facts"]


def test_no_detail_when_the_new_words_are_scattered_over_the_shared_sentence():
    a = [("F1", "Die Fähre zwischen [Kiel|LOC|kiel] und [Aarhus|LOC|aarhus] fährt ab Mai täglich um acht Uhr.")]
    b = [("F1", "Die neue Fähre der [Reederei Nordlys|ORG|nordlys] zwischen [Kiel|LOC|kiel] und "
                "[Aarhus|LOC|aarhus] fährt ab Mai täglich um acht Uhr pünktlich.")]
    _, claims, facts = _story(a, b)
    # "neue" … "pünktlich" has new words and a new name, but most of the stretch is the shared sentence
    assert D.named_details(facts, claims) == []
