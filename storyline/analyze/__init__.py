"""Analyze: a clean article's text → sentences, entities, quotes, dates and numbers.

The cascade, numbered as the modules' comments number it:
1. sentences   `sentences.split_sentences`  (German abbreviations, ordinals, quote marks)
2. entities    `entities.find_entities`     (a recognizer per language, then `canonical`)
3. quotes      `quotes.find_quotes`         (direct, partial and reported speech with speakers)
4. dates       `timex.find_dates`           (resolved against the publication date)
5. numbers     `numbers.find_numbers`       (with the noun they count)

Every stage reads and returns the vocabulary of `storyline.model`; offsets are into the
article's text. Nothing here raises on odd text: what had to be skipped becomes a warning.
`analyze_many` analyzes a batch of articles, each exactly as `analyze` would, with the German
recognizer's work shared across the batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Analysis, Article

ANALYSIS_VERSION = 1
MAX_CHARS = 1_000_000  # longer texts are analyzed up to here, with a warning


def analyze_text(text: str, *, language: str | None, published: str | None = None,
                 timezone: str | None = None) -> Analysis:
    """Analyze one text in `language` (ISO 639-1), resolving time against `published`."""
    return _analyze_texts([(text, language, published, timezone)])[0]


def analyze(article: Article) -> Analysis:
    """Analyze a stored or fresh article (its body text; offsets are into `article.text`)."""
    return analyze_many([article])[0]


def analyze_many(articles: Sequence[Article]) -> list[Analysis]:
    """Analyze several articles; each result is `analyze(article)`'s.

    Every stage runs per article except the German recognizer, which tags the sentences of all
    German articles in one call: its per-call and per-time-step costs are shared across the batch.
    """
    return _analyze_texts([(a.text, a.language, a.published, a.timezone) for a in articles])


def _analyze_texts(items: Sequence[tuple[str, str | None, str | None, str | None]]) -> list[Analysis]:
    """Analyses of (text, language, published, timezone) items, with the recognizers batched per language."""
    from .entities import find_entities_many
    from .numbers import find_numbers
    from .quotes import find_quotes
    from .sentences import split_sentences
    from .timex import find_dates

    results: list[Analysis] = []
    texts: list[str] = []
    for text, language, _, _ in items:
        result = Analysis(language=language, version=ANALYSIS_VERSION)
        if len(text) > MAX_CHARS:
            result.warnings.append(f"text has {len(text):,} characters; analyzed the first {MAX_CHARS:,}")
            text = text[:MAX_CHARS]
        result.sentences = split_sentences(text, language)  # 1
        if not result.sentences:
            result.warnings.append("no sentences found: nothing to analyze")
        results.append(result)
        texts.append(text)

    found = find_entities_many([(text, r.sentences, language) for text, r, (_, language, _, _)
                                in zip(texts, results, items)])  # 2
    for (_, language, published, timezone), text, result, entities in zip(items, texts, results, found):
        result.entities = entities
        if entities is None:
            result.status["entities"] = f"unavailable for {language or 'unknown language'}"
        result.quotes = find_quotes(text, result.sentences, result.entities or [], language)  # 3
        result.dates = find_dates(text, language, published=published, timezone=timezone)  # 4
        result.numbers = find_numbers(text, language)  # 5
    return results
