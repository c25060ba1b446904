"""Stage 1: sentence splitting by rules (abbreviations, German ordinals, quote marks), one pass per line.

A sentence never crosses a paragraph ("\n\n") or a line break: cleaned text keeps headings, captions
and list items on lines of their own, and a heading without final punctuation is a sentence too.
`paragraph_quotes` is shared with stage 3 (quotes), so that both stages agree on where a quotation
opens and closes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..model import Sentence

MAX_NESTING = 6  # quotations inside quotations deeper than this are noise (and would make pairing quadratic)
MAX_SENTENCE = 5_000  # a longer run without punctuation is cut at a space, so later stages stay bounded

_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")
# a terminator cluster, the closing marks and brackets right after it, then the space before the next sentence
# (possessive, and only at a run's first mark: a line of a million "!" must not cost a million squared)
_BOUND = re.compile(r"(?<![.!?…])([.!?…]++)((?:[)\]\"'»«“”’‘›‹]|[ \u00a0\u202f](?=[»›])){0,4})[ \t\u00a0\u2009\u202f]+")
_OPENERS = "([„“”\"'«»‚‘’‹›"
_NEXT_WORD = re.compile(r"(?:[(\[„“”\"'«»‚‘’‹›]\s?)*(\S*?)[,;:.!?)\]„“”\"'«»‚‘’‹›]*(?:\s|$)")
_QUOTE_CHARS = re.compile(r"[„“”\"'«»‹›‚‘’]")
_DOTTED_ABBR = re.compile(r"^(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}$")  # U.S, z.B, p.ej, EE.UU (no domains)
_ORDINAL = re.compile(r"^(?:\d{1,4}|\d{1,2}\.\d{1,2}|[IVXLC]{1,6})$")

# Abbreviations that never end a sentence (a capital after them is a name or a noun, not a new sentence).
_NEVER = set("""
z.B z.T d.h v.a i.d.R u.U o.g s.o s.u bzw vgl ca Dr Prof Nr St Hr Fr Frl Hrsg Dipl Ing Mag evtl ggf inkl exkl
zzgl bzgl sog gegr geb gest verh Str Tel dt engl franz ital span russ chin Jan Feb Febr Mär Apr Jun Jul Aug Sep
Sept Okt Nov Dez Jh Jhd Kl Pkt Ziff
Mr Mrs Ms Messrs Sen Rep Gov Gen Col Lt Sgt Capt Cmdr Adm Rev Hon Pres Supt Det Insp Mt vs approx e.g i.e
Oct Dec viz cf al
M MM Mme Mmes Mlle Mlles Mgr Me Pr Ste av apr env éd chap janv févr avr juil déc boul
Sr Sra Srta Sres Sras Dra Lic Arq Ud Uds Vd Vds Dña Excmo Excma Ilmo Ilma Sto Sta pág págs núm aprox p.ej
Avda avda ene abr ago dic cía Cía
Sig Sigg Sig.ra Sig.na Dott Dott.ssa Prof.ssa Avv Arch On Geom Rag Mons Egr Gent Spett cfr pagg giu lug sett ott
""".split())
# Abbreviations that may end a sentence: split after them only before a typical sentence opener.
_MAYEND = set("""
usw usf etc Mio Mrd Tsd Mill Std Min Sek Co Inc Ltd Corp Bros Jr ff u.a o.ä u.ä a.m p.m U.S U.K U.N E.U ecc
S.p.A EE.UU
""".split())
# Abbreviations that stand before a number ("Nr. 5", "Art. 3", "S. 12", "No. 10").
_BEFORE_DIGIT = set("Nr No Nos Art Abs Bd Kap Rn Anm Vol vol Fig fig Abb Tab lit para pp p S n núm pag".split())

_MONTHS = set("""
Januar Jänner Februar Feber März April Mai Juni Juli August September Oktober November Dezember
Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez Jahrhundert Jahrhunderts Jahrtausend Jahrtausends
""".split())
# Words before a German ordinal ("am 19. Mai", "zum 75. Jahrestag", "im 19. Jahrhundert").
_ORD_PREV = set("""
am vom zum bis ab seit im beim zur der die das dem den des ihr ihre ihrem ihren ihres sein seine seinem seinen
seines jeden jedes jeder jede jedem dieses diesem dieser diesen bis zum dem am Am Vom Zum Bis Ab Seit Im Beim Zur
Der Die Das Dem Den Des
""".split())
# Closed-class words that open sentences in de/en/fr/es/it: a capital after "usw." or "19." that is one of
# these starts a new sentence; any other capital (a German noun, a name, a month) continues the sentence.
_STARTERS = set("""
Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Es Er Sie Wir Ich Ihr Man Dies Diese Dieser Dieses Dann
Danach Doch Aber Auch Und Oder Zudem Außerdem Allerdings Damit Deshalb Daher Denn So Nun Jetzt Im In Am An Auf Bei
Nach Mit Für Vor Seit Wie Was Wer Wo Als Wenn Ob Trotzdem Dennoch Bereits Schon Noch Zuvor Später Heute Gestern
Unter Laut Zwischen Während Wegen Nachdem Obwohl Weil Dass Bis Zum Zur Beim Vom Alle Viele Mehr Kein Keine
The A An It He She They We I You This That These Those There But And Or So In On At By For From With After Before
As If When While However Yet Its His Her Their Our Some Many Most Other One Two
Le La Les L Un Une Il Elle Ils Elles On Nous Vous Je Ce Cette Ces Cet Mais Et Dans En Au Aux Pour Selon Depuis
El Los Las Una Él Ella Ellos Ellas Nosotros Yo Este Esta Estos Estas Pero Y Según Por Para Con Desde
Lo Gli Lui Lei Loro Noi Io Questo Questa Questi Queste Ma E Secondo Per Non Nel Nella Dal Dalla Con
""".split())


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) spans of `text`'s paragraphs (blank-line separated), whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _flanks(text: str, i: int, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) for the quote mark at `i`, from the characters around it."""
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    can_open = not nxt.isspace() and (prev.isspace() or prev in "([{—–-/:„“”\"'«»‚‘’‹›")
    can_close = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    return can_open, can_close


# what closes a quotation opened by each mark
_CLOSERS = {"„": "“”\"", "“": "”“\"", "”": "”", "«": "»", "»": "«", "‹": "›", "›": "‹", "‚": "‘’",
            "‘": "’", "\"": "\"", "'": "'"}


def quote_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level quotations in text[start:end] as (opening index, closing index); -1 for one never closed.

    Marks pair by a stack: an inner quotation never closed is dropped when the outer one closes,
    apostrophes (don’t, l'homme, Putin's) never open, and guillemets pair whatever the spacing.
    """
    stack: list[tuple[int, str]] = []  # (index, closers)
    pairs: list[tuple[int, int]] = []
    for m in _QUOTE_CHARS.finditer(text, start, end):
        i, ch = m.start(), m.group()
        can_open, can_close = _flanks(text, i, start, end)
        if ch in "«»‹›":
            can_open = can_close = True  # French spacing: « Oui » puts spaces inside the marks
        elif ch == "„" or ch == "‚":
            can_open, can_close = True, False
        elif ch in "'’":
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < end else " "
            if prev.isalnum() and nxt.isalnum():
                continue  # an apostrophe inside a word
            can_open = can_open and ch == "'" and not prev.isalnum()
        level = next((k for k in range(len(stack) - 1, -1, -1) if ch in stack[k][1]), -1)
        if level >= 0 and can_close:
            if level == 0:
                pairs.append((stack[0][0], i))
            del stack[level:]
        elif can_open and ch in _CLOSERS and ch != "’" and len(stack) < MAX_NESTING:
            stack.append((i, _CLOSERS[ch]))
    if stack:
        pairs.append((stack[0][0], -1))
        pairs.sort()
    return pairs


@lru_cache(maxsize=2)
def paragraph_quotes(text: str) -> tuple[tuple[int, int, tuple[tuple[int, int], ...]], ...]:
    """Each paragraph's span with its quote pairs; cached, since stages 1 and 3 both ask for the same text."""
    return tuple((a, b, tuple(quote_pairs(text, a, b))) for a, b in paragraph_spans(text))


def _is_boundary(line: str, m: re.Match[str], lang: str | None) -> bool:
    """Whether the terminator matched by `m` (in `line`) ends a sentence."""
    after = m.end()
    if after >= len(line):
        return True
    if line[after].islower():
        return False  # the common case first, before any regex
    nw = _NEXT_WORD.match(line, after)
    nxt = nw.group(1) if nw else ""
    first = nxt[:1]
    if not first or first.islower() or first in ",;:)]":
        return False  # a sentence goes on in lower case: "„Wer?“ fragte er", "u. a. die", "… dann"
    term = m.group(1)
    if "." not in term or "…" in term or ".." in term:
        if "…" in term or ".." in term:
            before = line[m.start() - 1:m.start()]
            if before in "([" and m.group(2)[:1] in ")]":
                return False  # "(…)" and "[…]" mark an omission inside a quotation
        return True
    before = line[max(0, m.start() - 40):m.start()]
    word = before.rsplit(None, 1)[-1].lstrip(_OPENERS) if before and not before[-1].isspace() else ""
    if not word:
        return True
    if len(word) == 1 and word.isalpha():
        return False  # initials ("J. F. Kennedy") and spaced abbreviations ("z. B.", "u. a.")
    if word in _NEVER or word.lower() in _NEVER:
        return False
    if first.isdigit():
        return not (word in _BEFORE_DIGIT or _ORDINAL.match(word))
    if word in _MAYEND or _DOTTED_ABBR.match(word):
        return nxt in _STARTERS
    if lang in (None, "de") and _ORDINAL.match(word):
        if nxt in _MONTHS:
            return False
        if nxt in _STARTERS:
            return True
        prev_word = line[:m.start() - len(word)].rsplit(None, 1)[-1:] or [""]
        if prev_word[0] in _ORD_PREV or (word.isdigit() and int(word) <= 31) or word[0] in "IVXLC":
            return False
    return True


def _inside_quote(pos: int, opens: list[int], pairs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The top-level quotation (open, close) that strictly contains `pos`, if any."""
    k = bisect_right(opens, pos) - 1
    if k >= 0 and pairs[k][1] > pos:
        return pairs[k]
    return None


def _attribution_follows(text: str, close: int, end: int) -> bool:
    """True when a quotation's closing mark is followed by ", sagte er" or a lower-case word."""
    j = close + 1
    while j < end and text[j] in " \t\u00a0":
        j += 1
    return j < end and (text[j] in ",–—-" or text[j].islower())


def _cap(text: str, a: int, b: int, out: list[Sentence]) -> None:
    """Append [a, b) trimmed, cutting runs longer than MAX_SENTENCE at a space."""
    seg = text[a:b]
    stripped = seg.strip()
    if not stripped:
        return
    a += len(seg) - len(seg.lstrip())
    b = a + len(stripped)
    while b - a > MAX_SENTENCE:
        cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
        cut = cut if cut > a else a + MAX_SENTENCE
        piece = text[a:cut].rstrip()
        if piece:
            out.append(Sentence(start=a, end=a + len(piece)))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if a < b:
        out.append(Sentence(start=a, end=b))


def split_sentences(text: str, lang: str | None) -> list[Sentence]:
    """Sentences of `text` as spans (whitespace trimmed), never crossing a paragraph or a line."""
    out: list[Sentence] = []
    for p_start, p_end, all_pairs in paragraph_quotes(text):
        pairs = [p for p in all_pairs if p[1] >= 0]
        opens = [p[0] for p in pairs]
        for lm in _LINE.finditer(text, p_start, p_end):
            line_start = lm.start()
            line = lm.group()
            seg = 0
            for m in _BOUND.finditer(line):
                pos = line_start + m.start()
                q = _inside_quote(pos, opens, pairs) if pairs else None
                if q is not None and q[1] >= line_start + m.end(2):
                    # a terminator inside a quotation: keep the quotation with an attribution after it
                    if _attribution_follows(text, q[1], p_end):
                        continue
                if _is_boundary(line, m, lang):
                    _cap(text, line_start + seg, line_start + m.end(2), out)
                    seg = m.end(2)
            _cap(text, line_start + seg, lm.end(), out)
    return out
