"""Entity recognition per language: spaCy for en/fr/es, the packaged model for de, none for it."""

from __future__ import annotations

import importlib.util
import warnings

import pytest

from storyline.analyze.entities import SPACY_MODELS, _pieces, find_entities, recognizer_for
from storyline.model import Sentence


def sentences_of(text: str) -> list[Sentence]:
    """Sentences at ". " boundaries: enough for these tests, independent of the sentence stage."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            out.append(Sentence(start, i + 1))
            start = i + 2
    if start < len(text):
        out.append(Sentence(start, len(text)))
    return out


def needs_spacy(lang: str) -> None:
    if importlib.util.find_spec(SPACY_MODELS[lang]) is None:
        pytest.skip(f"spaCy pipeline {SPACY_MODELS[lang]} is not installed")


def canon(ents) -> set[tuple[str, str]]:
    return {(e.label, e.canonical) for e in ents}


@pytest.mark.parametrize("lang", ["it", "pt", "xx"])
def test_languages_without_a_recognizer_say_so(lang):
    assert recognizer_for(lang) is None
    assert find_entities("Il ministro degli Esteri russo Sergej Lavrov è arrivato a Roma.", [], lang) is None


def test_no_language_tries_nothing():
    assert recognizer_for(None) is None
    assert find_entities("Joe Biden traveled to Geneva.", [], None) is None
    assert find_entities("", [], "") is None


def test_english_pipeline_keeps_only_ner_and_is_cached():
    needs_spacy("en")
    rec = recognizer_for("en")
    assert rec is recognizer_for("en-GB") is recognizer_for("EN")
    assert rec.nlp.pipe_names == ["ner"]


EN_TEXT = ("Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in Geneva on Wednesday. "
           "Blinken said the two-hour talks were useful. Lavrov warned NATO against new deployments near Ukraine. "
           "The Kremlin said 12 diplomats would leave Moscow by Friday.")


def test_english_labels_roles_and_surnames():
    needs_spacy("en")
    ents = find_entities(EN_TEXT, sentences_of(EN_TEXT), "en")
    got = canon(ents)
    assert {("PER", "Antony Blinken"), ("PER", "Sergei Lavrov"), ("LOC", "Geneva"), ("LOC", "Russia"),
            ("LOC", "Ukraine"), ("LOC", "Moscow"), ("ORG", "NATO")} <= got
    assert {e.label for e in ents} <= {"PER", "ORG", "LOC", "MISC"}
    assert not any(e.text in ("Wednesday", "12", "Friday", "two-hour") for e in ents)  # dates, numbers dropped
    by_text = {e.text: e for e in ents}
    assert by_text["Blinken"].canonical == "Antony Blinken" and by_text["Lavrov"].canonical == "Sergei Lavrov"
    assert by_text["Russian"].key == "loc:RU" and by_text["Moscow"].key == "loc:moscow"
    for e in ents:
        assert EN_TEXT[e.start:e.end] == e.text


def test_english_offsets_hold_without_sentences_and_across_paragraphs():
    needs_spacy("en")
    text = "Talks in Geneva\n\nJoe Biden met Vladimir Putin in Geneva. Biden called it constructive."
    for sents in ([], sentences_of(text)):
        ents = find_entities(text, sents, "en")
        assert all(text[e.start:e.end] == e.text for e in ents)
        assert ("PER", "Vladimir Putin") in canon(ents)


def test_french_recognizer():
    needs_spacy("fr")
    text = ("Le secrétaire d'État américain Antony Blinken a rencontré Sergueï Lavrov à Genève. "
            "Lavrov a dénoncé les sanctions de l'Union européenne contre la Russie.")
    ents = find_entities(text, sentences_of(text), "fr")
    got = canon(ents)
    assert {("PER", "Antony Blinken"), ("PER", "Sergueï Lavrov"), ("LOC", "Russie"), ("LOC", "États-Unis")} <= got
    assert {e.key for e in ents if e.canonical == "Sergueï Lavrov"} == {"per:lavrov"}
    assert all(text[e.start:e.end] == e.text for e in ents)


def test_spanish_recognizer_loads_without_the_version_warning():
    needs_spacy("es")
    from storyline.analyze.entities import SpacyRecognizer

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        SpacyRecognizer(SPACY_MODELS["es"])
    assert not [w for w in caught if "W095" in str(w.message)]
    text = ("El canciller ruso, Serguéi Lavrov, se reunió en Ginebra con Antony Blinken. "
            "Las tropas rusas siguen cerca de la frontera ucraniana.")
    ents = find_entities(text, sentences_of(text), "es")
    got = canon(ents)
    assert {("PER", "Serguéi Lavrov"), ("PER", "Antony Blinken"), ("LOC", "Rusia"), ("LOC", "Ucrania")} <= got


def test_empty_and_odd_text():
    needs_spacy("en")
    assert find_entities("", [], "en") == []
    assert find_entities("   \n\n  ", [], "en") == []
    odd = ("„Unbalanced quote. Сергей Лавров встретился с Блинкеном. 12345 ??? "
           "Lavrov met Blinken.")
    ents = find_entities(odd, [Sentence(0, 10), Sentence(5, 3), Sentence(11, len(odd) + 50)], "en")
    assert all(odd[e.start:e.end] == e.text for e in ents)


def test_pieces_keep_whole_sentences_and_paragraphs_apart():
    text = "One. Two.\n\nThree."
    sents = [Sentence(0, 4), Sentence(5, 9), Sentence(11, 17)]
    assert _pieces(text, sents) == [(0, "One. Two."), (11, "Three.")]
    assert _pieces(text, []) == [(0, text)]
    assert _pieces("", []) == []


# German: the packaged model (storyline/analyze/ner_de.py and storyline/data/ner_de/) ---------------------

def _german_model_or_skip():
    if importlib.util.find_spec("storyline.analyze.ner_de") is None:
        pytest.skip("storyline/analyze/ner_de.py (the German NER) does not exist yet")
    from storyline.analyze import ner_de

    if not (ner_de.MODEL_DIR / "weights.npz").exists():
        pytest.skip(f"the German NER weights are not in {ner_de.MODEL_DIR} yet (make ner-model)")


DE_TEXT = ("US-Außenminister Antony Blinken hat in Genf seinen russischen Amtskollegen Sergej Lawrow getroffen. "
           "Lawrow nannte das Gespräch sachlich. Blinken sprach über die Lage an der ukrainischen Grenze "
           "und über Nordkoreas Raketen. Die Europäische Union begrüßte das Treffen.")


def test_german_recognizer_end_to_end():
    _german_model_or_skip()
    ents = find_entities(DE_TEXT, sentences_of(DE_TEXT), "de")
    got = canon(ents)
    assert {("PER", "Antony Blinken"), ("PER", "Sergej Lawrow"), ("LOC", "Genf"), ("LOC", "Ukraine"),
            ("LOC", "Nordkorea"), ("LOC", "USA"), ("LOC", "Russland")} <= got
    by_text = {e.text: e for e in ents}
    assert by_text["Lawrow"].canonical == "Sergej Lawrow"
    assert all(DE_TEXT[e.start:e.end] == e.text for e in ents)


def _canonical_tests():
    """The seed expectations of test_canonical.py (tests/analyze is not a package, so load it by path)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("_seed_expectations", Path(__file__).with_name("test_canonical.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_german_recognizer_on_the_seeds():
    """Acceptance: recall of EXPECTED.md's names ≥ 0.9, at most one in ten PER/LOC/ORG found is wrong."""
    _german_model_or_skip()
    from support import SEEDS, need

    need(SEEDS)
    seeds = _canonical_tests()
    found = total = wrong = counted = 0
    for name, expected in seeds.EXPECTED.items():
        ents = find_entities(seeds._seed_text(name), [], "de")
        names = {e.canonical for e in ents}
        found += len(expected & names)
        total += len(expected)
        for e in ents:
            if e.label in ("PER", "LOC", "ORG"):
                counted += 1
                wrong += e.canonical not in expected | seeds.ALSO_RIGHT
    assert found / total >= 0.9
    assert wrong <= counted / 10
