"""The report's stylesheet, written beside the pages as style.css.

Kept in a module rather than a data file so that it ships with the package without package-data
settings. System fonts only (nothing fetched). Tables of class `cards` turn into stacked cards on a
phone, each cell labelled from its data-label attribute; the outlet cards form columns on a laptop
and one column on a phone by grid auto-fit, with no breakpoint to tune.
"""

from storyline.report.timeline import PALETTE

_OUTLET_COLOURS = "\n".join(f".oc{i} {{ --oc: {c}; }}" for i, c in enumerate(PALETTE))

CSS = """\
:root {
  --fg: #1d1f23; --muted: #5b6370; --bg: #ffffff; --soft: #f4f5f7; --line: #d8dce2;
  --link: #0b57d0; --mark: #ffe08a;
  --shared: #116329; --shared-bg: #dafbe1; --partial: #7d4e00; --partial-bg: #fff4c2;
  --unique: #0550ae; --unique-bg: #ddf4ff; --warn: #a4161a; --warn-bg: #fde7e7;
  --oc: #d8dce2;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: var(--bg); line-height: 1.5; overflow-wrap: break-word;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--link); }
header.site { padding: .55rem 1.25rem; background: #1f2a37; color: #dfe6ee; font-size: .95rem; }
header.site a { color: #ffffff; font-weight: 600; text-decoration: none; }
header.site a + span, header.site span + a { margin-left: .35rem; }
main { max-width: 90rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
footer.site { max-width: 90rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; color: var(--muted);
  font-size: .85rem; border-top: 1px solid var(--line); }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .5rem 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
h4 { font-size: .8rem; margin: .9rem 0 .25rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p.meta, .meta { color: var(--muted); margin: .2rem 0 .5rem; }
.none { color: var(--muted); font-style: italic; }
nav.toc { display: flex; flex-wrap: wrap; gap: .3rem .5rem; margin: .8rem 0 0; }
nav.toc a { padding: .15rem .65rem; border: 1px solid var(--line); border-radius: 1rem; text-decoration: none;
  font-size: .9rem; background: var(--soft); }
.scroll { overflow-x: auto; }

/* badges and chips */
.badge { display: inline-block; padding: 0 .5em; border-radius: 1em; font-size: .75rem; font-weight: 600;
  line-height: 1.6; border: 1px solid currentColor; white-space: nowrap; vertical-align: .08em; }
.badge.shared { color: var(--shared); background: var(--shared-bg); }
.badge.partial { color: var(--partial); background: var(--partial-bg); }
.badge.unique { color: var(--unique); background: var(--unique-bg); }
.badge.first { color: #ffffff; background: #1f2a37; border-color: #1f2a37; margin-left: .4rem; }
.badge.m-exact { color: var(--shared); background: var(--shared-bg); }
.badge.m-partial { color: var(--partial); background: var(--partial-bg); }
.badge.m-paraphrase { color: #6e3fa3; background: #f1e8fb; }
.badge.m-translation { color: var(--unique); background: var(--unique-bg); }
.badge.other, .badge.m-other { color: var(--muted); background: var(--soft); }
.chips { display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; }
.chips span { min-width: 0; max-width: 100%; overflow-wrap: anywhere; padding: 0 .5em; border-radius: .3rem;
  background: var(--soft); border: 1px solid var(--line); font-size: .85rem; }
mark { background: var(--mark); color: inherit; padding: 0 .08em; border-radius: 2px; box-shadow: 0 1px 0 #d9a400; }
.oid { font-weight: 400; color: var(--muted); font-size: .85rem; }
.n, .fid, .when, .qmeta, .ents, .alias { color: var(--muted); font-size: .82rem; }
.ents { margin: .3rem 0 0; }

/* summary */
ol.summary { padding-left: 1.4rem; margin: 0; max-width: 60rem; }
ol.summary li { margin: .35rem 0; }
.credit { color: var(--muted); font-size: .9rem; white-space: nowrap; }

/* outlets side by side: as many columns as fit, one on a phone */
.outlets { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 19rem), 1fr)); gap: 1rem; }
article.outlet { border: 1px solid var(--line); border-top: 5px solid var(--oc); border-radius: .4rem;
  padding: .75rem .9rem; background: var(--bg); min-width: 0; }
article.outlet ul { margin: 0; padding-left: 1.1rem; }
article.outlet li { margin: .2rem 0; overflow-wrap: anywhere; }
article.outlet p { margin: .3rem 0; }
""" + _OUTLET_COLOURS + """

/* tables */
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: .88rem; padding: 0 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .55rem .65rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); border-bottom: 3px solid var(--oc, var(--line)); font-size: .9rem; white-space: nowrap; }
thead th:first-child { border-bottom-color: var(--line); }
tbody th { font-weight: 400; }
td.num { font-variant-numeric: tabular-nums; }
td.absent { color: #9aa1ab; font-size: .85rem; background: #fafbfc; }
table.matrix th[scope=row], table.quotes th[scope=row] { width: 13rem; min-width: 11rem; }
table.matrix td, table.quotes td { min-width: 14rem; }
.variant + .variant { margin-top: .5rem; padding-top: .5rem; border-top: 1px dashed var(--line); }
.src { font-size: .78rem; white-space: nowrap; color: var(--muted); }
a.src { color: var(--link); }
.says { display: inline-block; margin-top: .35rem; padding: 0 .45em; border-radius: .3rem; font-size: .8rem;
  color: var(--warn); background: var(--warn-bg); }
tr.disagree > th[scope=row] { box-shadow: inset 4px 0 0 var(--warn); }
ul.flags { list-style: none; margin: .4rem 0 0; padding: 0; color: var(--warn); font-size: .85rem; }
ul.flags > li::before { content: "\\26A0\\FE0E  "; }
ul.flags ul { margin: .1rem 0 0; padding-left: 1rem; }
.vspeaker { font-size: .85rem; color: var(--warn); }
details.diffs { margin-top: .35rem; font-size: .85rem; }
details.diffs summary { cursor: pointer; color: var(--link); }
details.diffs ul { margin: .25rem 0 0; padding-left: 1rem; }
details.diffs .w { background: var(--mark); }
.speaker { font-weight: 600; }
q { font-style: italic; }
tr.entity.all th { font-weight: 600; }

/* timeline */
.timeline-figure { margin: 0; }
svg.timeline { display: block; width: 100%; max-width: 52rem; height: auto; min-width: 40rem; font-family: inherit; }
svg .lane { fill: #ffffff; }
svg .lane:nth-of-type(even) { fill: var(--soft); }
svg .lane-label { font-size: 14px; fill: var(--fg); font-weight: 600; }
svg .tick { stroke: #dfe3e8; stroke-width: 1; }
svg .undated-rule { stroke: #b8bfc8; stroke-width: 1; stroke-dasharray: 4 3; }
svg .tick-label, svg .axis-note { font-size: 12px; fill: var(--muted); }
svg .dot { stroke-width: 2.5; }
svg .span { opacity: .28; }
svg .first-ring { fill: none; stroke-width: 2; }
svg .first-label { font-size: 11px; font-weight: 700; fill: var(--fg); }
figcaption { color: var(--muted); font-size: .85rem; margin-top: .3rem; }
details.timeline-table { margin-top: .5rem; }
details.timeline-table summary { cursor: pointer; color: var(--link); font-size: .9rem; }

/* article page */
p.subtitle { font-size: 1.1rem; color: var(--muted); margin: 0 0 .5rem; }
dl.meta-list { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 1rem 0;
  font-size: .92rem; }
dl.meta-list dt { color: var(--muted); }
dl.meta-list dd { margin: 0; overflow-wrap: anywhere; }
.article-text { max-width: 44rem; font-size: 1.05rem; line-height: 1.65; }
.article-text h3 { margin-top: 1.2rem; }
table.dropped code, table code { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .88rem; }
.url-text { font-family: monospace; overflow-wrap: anywhere; }

/* phones: tables become cards, each cell labelled */
@media (max-width: 48rem) {
  main { padding: .75rem .75rem 1.5rem; }
  h1 { font-size: 1.4rem; }
  table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: auto; }
  table.cards caption { display: block; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.cards tr { border: 1px solid var(--line); border-radius: .4rem; margin: 0 0 .75rem; }
  table.cards th, table.cards td { border-bottom: 1px solid var(--soft); min-width: 0; overflow-wrap: anywhere; }
  ol.summary li, .outlets li { overflow-wrap: anywhere; }
  table.cards td::before { content: attr(data-label); display: block; font-size: .75rem; font-weight: 600;
    color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
  table.cards td.absent { padding: .3rem .65rem; }
  table.cards td.absent::before { display: inline; margin-right: .5rem; }
  table.matrix th[scope=row], table.quotes th[scope=row] { width: auto; background: var(--soft); }
  .scroll { overflow-x: visible; }
  .timeline-figure .scroll { overflow-x: auto; }
  .credit { white-space: normal; }
}
"""
