"""The quote table: variants grouped (exact, partial, paraphrase, translation), speakers compared."""

from __future__ import annotations

from compare.cov_markup import embedder
from storyline.compare.quotes_table import QuoteItem, group_quotes, match, quote_table, quote_tokens
from storyline.model import Quote


def _item(member: int, outlet: str, text: str, speaker: str | None, key: str | None, lang: str = "de",
          vector=None) -> QuoteItem:
    q = Quote(speaker=speaker, text=text, cue="sagte", start=10 * member, end=10 * member + len(text),
              speaker_key=key)
    return QuoteItem(member=member, outlet=outlet, article=member + 1, language=lang, quote=q,
                     tokens=quote_tokens(text), vector=vector)


def _with_vectors(items: list[QuoteItem]) -> list[QuoteItem]:
    vecs = embedder().encode([it.quote.text for it in items])
    for it, v in zip(items, vecs):
        it.vector = v
    return items


def test_exact_and_partial():
    a = _item(0, "a.de", "Die Lage ist unter Kontrolle", "Jana Petersen", "jp")
    b = _item(1, "b.de", "Die Lage ist unter Kontrolle!", "Jana Petersen", "jp")
    c = _item(2, "c.de", "unter Kontrolle", "Jana Petersen", "jp")
    assert match(a, b) == ("exact", 1.0)
    kind, strength = match(a, c)
    assert kind == "partial" and 0 < strength < 1
    assert match(c, _item(3, "d.de", "Kontrollverlust", None, None)) is None  # words, not letters


def test_short_quotations_never_match_by_vector():
    a = _with_vectors([_item(0, "a.de", "konstruktiv", "Lawrow", "lavrov"),
                       _item(1, "b.de", "produktiv", "Lawrow", "lavrov")])
    assert match(*a) is None


def test_paraphrase_and_translation():
    items = _with_vectors([
        _item(0, "a.co.uk", "We will not let the city choke on traffic", "Sarah Whitcombe", "sw", "en"),
        _item(1, "a.co.uk", "We will not allow our city to choke on traffic", "Sarah Whitcombe", "sw", "en"),
        _item(2, "b.de", "Wir werden nicht zulassen, dass die Stadt im Verkehr erstickt", "Sarah Whitcombe", "sw"),
        _item(3, "c.de", "Der Haushalt für das kommende Jahr ist ausgeglichen", "Peter Brandl", "pb"),
    ])
    assert match(items[0], items[1])[0] == "paraphrase"
    assert match(items[0], items[2])[0] == "translation"
    assert match(items[0], items[3]) is None


def test_same_words_from_different_speakers_are_flagged():
    items = [_item(0, "a.de", "konstruktiv", "Lawrow", "lavrov"),
             _item(1, "b.de", "konstruktiv", "russische Staatsmedien", None),
             _item(2, "a.de", "konstruktiv", "US-Seite", None)]
    (row,) = quote_table(items)
    assert {v["outlet"] for v in row["variants"]} == {"a.de", "b.de"} and len(row["variants"]) == 3
    assert {c["speaker"] for c in row["conflicts"]} == {"Lawrow", "russische Staatsmedien", "US-Seite"}
    # one outlet naming two speakers is no conflict by itself; two outlets agreeing is none either
    assert quote_table(items[::2])[0]["conflicts"] == []
    agree = [_item(0, "a.de", "konstruktiv", "Lawrow", "lavrov"), _item(1, "b.de", "konstruktiv", "Lawrow", "lavrov")]
    assert quote_table(agree)[0]["conflicts"] == []


def test_groups_do_not_chain_through_a_short_quote():
    # "neue Grundlage" is in both long quotations; the two long ones say different things
    items = [_item(0, "a.de", "Wir stellen die Zusammenarbeit auf eine neue Grundlage", "Vidmar", "mv"),
             _item(1, "b.de", "Die Finanzierung braucht eine neue Grundlage und mehr Zeit", "Kranzl", "ek"),
             _item(2, "c.de", "neue Grundlage", "Vidmar", "mv")]
    groups = group_quotes(items)
    assert sorted(len(g) for g in groups) == [1, 2]
    assert next(g for g in groups if len(g) == 2)[1] == (2, "partial")


def test_table_rows_most_reported_first_with_speaker():
    items = [_item(0, "a.de", "Es war nur eine Frage der Zeit", "Lars Mohr", "lm"),
             _item(1, "a.de", "Die Lage ist unter Kontrolle", "Jana Petersen", "jp"),
             _item(2, "b.de", "Die Lage ist unter Kontrolle", "Petersen", "jp")]
    rows = quote_table(items)
    assert [r["speaker_key"] for r in rows] == ["jp", "lm"]
    assert rows[0]["outlets"] == ["a.de", "b.de"] and rows[0]["speaker"] == "Jana Petersen"
    assert [v["match"] for v in rows[0]["variants"]] == ["exact", "exact"]
    assert set(rows[0]["variants"][0]) >= {"outlet", "article", "text", "kind", "cue", "match"}
