"""Build places.json: country names from CLDR (via babel) plus the hand-written tables beside this file.

Run `python storyline/data/places/build.py` after editing demonyms.txt, aliases.txt, cities.txt or
orgs.txt; babel is needed only here, never at run time. The output is deterministic, so a test can
check that the committed places.json is what the tables make.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "places.json"
LANGS = ("de", "en", "fr", "es", "it")
AND = {"de": "und", "en": "and", "fr": "et", "es": "y", "it": "e"}
# Not places (EU, UN are organizations), currency zones, pseudo-locales and "unknown region".
SKIP_CODES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# Tiny or technical territories: named when a recognizer finds them, never searched for alone
# (their names are saints, first names and ordinary words: "Saint-Martin", "Heard", "Ascension").
NOSCAN_CODES = {"MF", "BL", "SH", "PM", "WF", "TF", "HM", "BV", "UM", "IO", "CX", "CC", "NF", "GS", "AC",
                "CP", "DG", "EA", "IC", "TA", "CQ", "BQ", "SX", "AX", "SJ", "PN", "TK", "NU", "CK", "MP", "YT"}
# CLDR regions worth naming (continents and the regions news uses); keyed by their English name.
REGIONS = ("002", "003", "005", "009", "011", "013", "014", "015", "019", "029", "030", "034", "035",
           "142", "143", "145", "150", "151", "155", "419")


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (HERE / name).read_text("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([c.strip() for c in line.split("|")])
    return rows


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


def slug(name: str) -> str:
    """An English name as a key part: "New York" → "new-york"."""
    import unicodedata

    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _cldr_names(lang: str, code: str, raw: str) -> list[str]:
    """CLDR's name, cleaned for running text: "Myanmar (Burma)" → Myanmar, Burma; "&" → and."""
    names = []
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", raw)
    # Only Myanmar's parenthesis is another name; elsewhere it qualifies ("Saint-Martin (partie
    # néerlandaise)", "RAE de Hong Kong (China)") and the bare part would name the wrong place.
    parts = [m.group(1), m.group(2)] if m and code == "MM" else [raw]
    for p in parts:
        p = p.replace(" & ", f" {AND[lang]} ").replace(" - ", "-")
        names.append(p)
        if "’" in p:
            names.append(p.replace("’", "'"))
    return names


def _fr_plural(w: str) -> str:
    return w if w.endswith(("s", "x")) else w + "s"


_ES_UNACCENT = str.maketrans("áéíóú", "aeiou")


def _es_plurals(w: str) -> list[str]:
    if w.endswith(("í", "ú")):
        return [w + "es", w + "s"]
    if w[-1] in "aeiouáéó":
        return [w + "s"]
    # "alemán" → "alemanes": the stress moves, so the written accent goes
    stem = w[:-2] + w[-2:].translate(_ES_UNACCENT) if re.search(r"[áéíóú][a-z]$", w) else w
    return [stem + "es"]


def _it_plurals(w: str, feminine: bool) -> list[str]:
    if w.endswith("co"):  # tedesco → tedeschi, greco → greci: both are written, keep both
        return [w[:-1] + "hi", w[:-1] + "i"]
    if w.endswith("ca"):
        return [w[:-1] + "he"]
    if w.endswith("io"):
        return [w[:-1]]
    if w.endswith("o"):
        return [w[:-1] + "i"]
    if w.endswith("a"):
        return [w[:-1] + "e"] if feminine else [w[:-1] + "i", w[:-1] + "e"]
    if w.endswith("e"):
        return [w[:-1] + "i"]
    return [w]


def adjective_forms(lang: str, cell: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """(forms, compound stems, capitalized indeclinable forms, forms not to scan for) of one cell."""
    forms: list[str] = []
    stems: list[str] = []
    caps: list[str] = []
    noscan: list[str] = []
    for item in _split(cell):
        ambiguous = item.startswith("?")
        item = item.lstrip("?")
        made: list[str] = []
        if lang == "de":
            if item.startswith("="):
                caps.append(item[1:])
                continue
            stems.append(item)
            made = [item + e for e in ("e", "en", "em", "er", "es")]
        elif lang == "en":
            made = [item] + ([item + "s"] if item.endswith(("an", "i")) else [])
        else:
            genders = item.split("/")
            for i, g in enumerate(genders):
                made.append(g)
                if lang == "fr":
                    made.append(_fr_plural(g))
                elif lang == "es":
                    made.extend(_es_plurals(g))
                else:
                    made.extend(_it_plurals(g, feminine=i == 1))
            if lang in ("fr", "es", "it"):
                stems.append(genders[0])  # "russo-ucraino": a masculine form starts compounds
        for f in made:
            if f not in forms:
                forms.append(f)
            if ambiguous and f not in noscan:
                noscan.append(f)
    return forms, stems, caps, noscan


def build() -> dict:
    """The whole table, as written to places.json."""
    from babel import Locale

    locales = {lang: Locale(lang) for lang in LANGS}
    places: dict[str, dict] = {}

    def entry(key: str, kind: str, iso: str) -> dict:
        return places.setdefault(key, {"key": key, "kind": kind, "iso": iso, "names": {}, "noscan": {},
                                       "adj": {}, "stems": {}, "adj_cap": {}})

    def add(d: dict, field: str, lang: str, values: list[str]) -> None:
        bucket = d[field].setdefault(lang, [])
        for v in values:
            if v not in bucket:
                bucket.append(v)

    codes = sorted(c for c in locales["en"].territories if c.isalpha() and len(c) == 2 and c not in SKIP_CODES
                   and all(c in loc.territories for loc in locales.values()))
    for code in codes:
        e = entry(f"loc:{code}", "country", code)
        for lang in LANGS:
            add(e, "names", lang, _cldr_names(lang, code, locales[lang].territories[code]))
            if code in NOSCAN_CODES:
                add(e, "noscan", lang, e["names"][lang])
    for code in REGIONS:
        e = entry("loc:" + slug(locales["en"].territories[code]), "region", "")
        for lang in LANGS:
            add(e, "names", lang, _cldr_names(lang, code, locales[lang].territories[code]))

    for lang, code, canonical, more in _rows("aliases.txt"):
        e = places[f"loc:{code}"]
        names = e["names"].setdefault(lang, [])
        for item in _split(more):
            if item.startswith("-"):
                names.remove(item[1:])
            elif item.startswith(">"):
                add(e, "stems", lang, [item[1:]])
            else:
                add(e, "names", lang, [item.lstrip("?")])
                if item.startswith("?"):
                    add(e, "noscan", lang, [item[1:]])
        if canonical:
            if canonical in names:
                names.remove(canonical)
            names.insert(0, canonical)

    for code, *cells in _rows("demonyms.txt"):
        e = places[f"loc:{code}"]
        for lang, cell in zip(LANGS, cells):
            forms, stems, caps, noscan = adjective_forms(lang, cell)
            for field, values in (("adj", forms), ("stems", stems), ("adj_cap", caps), ("noscan", noscan)):
                if values:
                    add(e, field, lang, values)

    for ident, kind, iso, *cells in _rows("cities.txt"):
        e = entry(f"loc:{ident}", kind, iso)
        *names, de_adj = cells
        for lang, cell in zip(LANGS, names):
            for item in _split(cell):
                add(e, "names", lang, [item.lstrip("?")])
                if item.startswith("?"):
                    add(e, "noscan", lang, [item[1:]])
        if de_adj:
            add(e, "adj_cap", "de", _split(de_adj))

    orgs = []
    for ident, label, *cells in _rows("orgs.txt"):
        names = {lang: [n.lstrip("?") for n in _split(cell)] for lang, cell in zip(LANGS, cells) if cell}
        noscan = {lang: [n[1:] for n in _split(cell) if n.startswith("?")] for lang, cell in zip(LANGS, cells)}
        orgs.append({"key": f"{label.lower()}:{ident}", "label": label, "names": names,
                     "noscan": {k: v for k, v in noscan.items() if v}})

    for e in places.values():  # drop empty buckets: a smaller file, the same meaning
        for field in ("noscan", "adj", "stems", "adj_cap"):
            e[field] = {k: v for k, v in e[field].items() if v}
    _check(list(places.values()), orgs)
    return {"version": 1, "places": list(places.values()), "orgs": orgs}


def _check(places: list[dict], orgs: list[dict]) -> None:
    """Fail when one language gives one name (or adjective form) to two different places."""
    problems = []
    for lang in LANGS:
        seen: dict[str, str] = {}
        for e in places:
            for field in ("names", "adj", "adj_cap"):
                for n in e[field].get(lang, []):
                    if seen.setdefault(n, e["key"]) != e["key"]:
                        problems.append(f"{lang}: {n!r} is {seen[n]} and {e['key']}")
    if problems:
        raise SystemExit("conflicting names:\n" + "\n".join(problems))


def main() -> int:
    """Write places.json and say how big it is."""
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
    print(f"{OUT}: {len(data['places'])} places, {len(data['orgs'])} organizations, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
