"""Analyze: a clean article's text → sentences, entities, quotes, dates and numbers.

The cascade, numbered as the modules' comments number it:
1. sentences   `sentences.split_sentences`  (German abbreviations, ordinals, quote marks)
2. entities    `entities.find_entities`     (a recognizer per language, then `canonical`)
3. quotes      `quotes.find_quotes`         (direct, partial and reported speech with speakers)
4. dates       `timex.find_dates`           (resolved against the publication date)
5. numbers     `numbers.find_numbers`       (with the noun they count)

Every stage reads and returns the vocabulary of `storyline.model`; offsets are into the
article's text. Nothing here raises on odd text: what had to be skipped becomes a warning.
"""

from __future__ import annotations

from ..model import Analysis, Article

ANALYSIS_VERSION = 1
MAX_CHARS = 1_000_000  # longer texts are analyzed up to here, with a warning


def analyze_text(text: str, *, language: str | None, published: str | None = None,
                 timezone: str | None = None) -> Analysis:
    """Analyze one text in `language` (ISO 639-1), resolving time against `published`."""
    from .entities import find_entities
    from .numbers import find_numbers
    from .quotes import find_quotes
    from .sentences import split_sentences
    from .timex import find_dates

    result = Analysis(language=language, version=ANALYSIS_VERSION)
    if len(text) > MAX_CHARS:
        result.warnings.append(f"text has {len(text):,} characters; analyzed the first {MAX_CHARS:,}")
        text = text[:MAX_CHARS]
    result.sentences = split_sentences(text, language)  # 1
    if not result.sentences:
        result.warnings.append("no sentences found: nothing to analyze")
    found = find_entities(text, result.sentences, language)  # 2
    if found is None:
        result.entities = None
        result.status["entities"] = f"unavailable for {language or 'unknown language'}"
    else:
        result.entities = found
    result.quotes = find_quotes(text, result.sentences, result.entities or [], language)  # 3
    result.dates = find_dates(text, language, published=published, timezone=timezone)  # 4
    result.numbers = find_numbers(text, language)  # 5
    return result


def analyze(article: Article) -> Analysis:
    """Analyze a stored or fresh article (its body text; offsets are into `article.text`)."""
    return analyze_text(article.text, language=article.language, published=article.published,
                        timezone=article.timezone)
