"""Word prefilters for the catalogue's costly patterns, derived from the patterns themselves.

Python's `re` has no literal prefilter: an alternative that opens with `.{0,80}` or a lookahead
is tried at every split of every line that reaches it, which made such alternatives most of the
cost of asking the catalogue about a line. For those alternatives, the words that every match
must contain (one word of each set, read off the pattern's parse tree) are looked for first with
plain substring tests on the lower-cased line; the regex runs only when they are all there. The
answer is the same as the regex alone gives: the words are necessary conditions, and lines with a
character on which `re`'s case folding and `str.lower` disagree skip the prefilter.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as C
from re import _parser as P

# The characters in `re`'s extra case-folding pairs (re._casefix: ı/i, ſ/s, µ/μ, Greek and Cyrillic
# variants). tests/clean/test_prefilter.py checks this list against the running Python.
CASEFIX_CHARS = ("\u0069\u0073\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc"
                 "\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434"
                 "\u043e\u0441\u0442\u044a\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88"
                 "\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06")
# A line holding one of these is matched without the prefilter: `re` (IGNORECASE) folds them to a
# letter that str.lower() does not give (the casefix characters but plain i and s, which prefilter
# words may hold; İ, whose lower() is two characters; Σ, whose lower() depends on its position).
UNSAFE_LINE_CHARS = "".join(c for c in CASEFIX_CHARS if c not in "is") + "\u0130\u03a3"
_UNSAFE = re.compile("[" + re.escape(UNSAFE_LINE_CHARS) + "]")
_WILD = (C.ANY, C.NOT_LITERAL)
_MAX_WORDS = 40  # a set with more alternatives than this is no cheaper than the regex


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern's source (split at `|` outside groups and classes)."""
    out: list[str] = []
    depth, in_class, start, i = 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (pattern[i + 1:i + 2] == "^")
            if pattern[i:i + 1] == "]":  # a "]" right after "[" or "[^" is a literal member
                i += 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _char(code: int) -> str | None:
    """A pattern character as a lower-case word character, or None where case folding is not plain."""
    ch = chr(code)
    low = ch.lower()
    if len(low) != 1 or not ch.isascii() and (ch in CASEFIX_CHARS or low in CASEFIX_CHARS):
        return None
    return low


def _rarity(words: frozenset[str]) -> float:
    """A rough chance that a line holds one of `words` (letters and digits common, other characters rare)."""
    return sum(1.0 / 8 ** sum(1 if ch.isalnum() else 3 for ch in w) for w in words)


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling of several necessary word sets."""
    usable = [s for s in sets if len(s) <= _MAX_WORDS]
    return min(usable, key=_rarity) if usable else None


def _choices(op, av) -> list[str] | None:
    """The characters one item can match, when it is a literal, a small class of literals or an optional one."""
    if op is C.LITERAL:
        ch = _char(av)
        return [ch] if ch is not None else None
    if op is C.IN and 0 < len(av) <= 4 and all(o is C.LITERAL for o, _ in av):
        chars = [_char(v) for _, v in av]
        return None if None in chars else sorted(set(chars))
    if op is C.MAX_REPEAT and av[0] == 0 and av[1] == 1 and len(av[2]) == 1:
        inner = _choices(*list(av[2])[0])
        return None if inner is None else ["", *inner]
    return None


def _needs(items) -> list[frozenset[str]]:
    """Word sets a match of this sequence must contain one word of, each (an empty list: nothing known)."""
    out: list[frozenset[str]] = []
    run: list[str] = [""]  # the spellings of the literal text matched so far

    def close() -> None:
        if any(run):
            out.append(frozenset(w for w in run))
        run[:] = [""]

    for op, av in items:
        got = _choices(op, av)
        if got is not None and len(run) * len(got) <= _MAX_WORDS:
            run[:] = sorted({w + c for w in run for c in got})
            if "" in got and not all(run):
                close()  # an optional character at the start: nothing is known yet
            continue
        close()
        if got is not None:
            run[:] = [c for c in got] if "" not in got else [""]
            continue
        if op is C.SUBPATTERN:
            out.extend(_needs(av[3]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_needs(av[2]))
        elif op is C.ASSERT:
            out.extend(_needs(av[1]))
        elif op is C.BRANCH:
            ways = [_best(_needs(alt)) for alt in av[1]]
            if all(ways):
                out.append(frozenset().union(*ways))
    close()
    return out


def needs(alternative: str) -> list[frozenset[str]]:
    """Necessary word sets of one alternative, the rarest first (they are tested first)."""
    sets = {_minimal(s) for s in _needs(P.parse(alternative, re.I)) if len(s) <= _MAX_WORDS and all(s)}
    return sorted(sets, key=lambda s: (_rarity(s), sorted(s)))


def _minimal(words: frozenset[str]) -> frozenset[str]:
    """The words not containing another of the set (a line holding "abonnieren" holds "abo")."""
    return frozenset(w for w in words if not any(v != w and v in w for v in words))


def costly(alternative: str) -> bool:
    """Does the alternative open with a wide wildcard run or a lookahead (tried at every split)?"""
    items = list(P.parse(alternative, re.I))
    while items:
        op, av = items[0]
        if op is C.ASSERT:
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            first = list(sub)[:1]
            if first and (first[0][0] in _WILD or first[0][0] is C.IN and first[0][1][:1] == [(C.NEGATE, None)]) \
                    and hi >= 10:
                return True
            if lo == 0 and first and first[0][0] is C.SUBPATTERN:
                items = list(first[0][1][3])
                continue
        return False
    return False


@lru_cache(maxsize=4096)
def _plan(alternative: str) -> tuple[tuple[str, ...], ...]:
    """The prefilter of one alternative: its word sets, or () for a cheap alternative (matched directly)."""
    return tuple(tuple(sorted(s)) for s in needs(alternative)) if costly(alternative) else ()


class Catalogue:
    """Whole-line matching of many alternatives at once, the costly ones behind word prefilters."""

    def __init__(self, alts: list[str], suffix: str, flags: int = re.I):
        cheap: list[str] = []
        self.guarded: list[tuple[tuple[tuple[str, ...], ...], re.Pattern[str]]] = []
        for a in alts:
            sets = _plan(a)
            if sets:
                self.guarded.append((sets, re.compile(f"(?:{a}){suffix}", flags)))
            else:
                cheap.append(a)
        self.cheap = re.compile(f"(?:{'|'.join(cheap)}){suffix}", flags) if cheap else None

    def fullmatch(self, line: str) -> bool:
        """True when some alternative, followed by the suffix, matches the whole line."""
        if self.cheap is not None and self.cheap.fullmatch(line):
            return True
        if not line.isascii() and _UNSAFE.search(line):
            return any(rx.fullmatch(line) for _, rx in self.guarded)
        low = line.lower()
        # plain loops: this runs for every line the catalogue is asked about
        for sets, rx in self.guarded:
            for words in sets:
                for w in words:
                    if w in low:
                        break
                else:
                    break  # none of this set's words: the alternative cannot match
            else:
                if rx.fullmatch(line):
                    return True
        return False
