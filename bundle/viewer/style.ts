// The viewer's one style sheet (inline in open-me.html, allowed by the CSP by its SHA-256): plain,
// dense, readable on a laptop, and printable: on paper, the verdict and the screen shown, without the
// controls, tables unbroken where possible.

export const VIEWER_STYLE = `
:root { font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1b1b1b; background: #fafafa; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.3rem; margin: .2rem 0; }
h2 { font-size: 1.25rem; margin: 1.2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
a { color: #0b57d0; }
header.top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
label.lang { display: flex; gap: .4rem; align-items: center; font-weight: 600; }
.open-form { display: grid; gap: .6rem; max-width: 42rem; margin: 1rem 0; }
.open-form label, form.stacked label { display: grid; gap: .2rem; font-weight: 600; }
form.stacked { display: grid; gap: .6rem; max-width: 42rem; }
input, select, textarea, button { font: inherit; }
input[type=password], input[type=search], input[type=datetime-local], select, textarea { padding: .35rem .5rem; border: 1px solid #999; border-radius: 4px; background: #fff; }
button { padding: .35rem .9rem; border: 1px solid #666; border-radius: 4px; background: #fff; cursor: pointer; }
button:hover { background: #f0f0f0; }
button[disabled] { opacity: .5; cursor: default; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
progress { width: 100%; max-width: 42rem; }
.verdict { border: 3px solid; padding: .6rem 1rem; margin: 1rem 0; border-radius: 6px; }
.verdict.ok { border-color: #1a7f37; background: #eefbf1; }
.verdict.bad { border-color: #b42318; background: #fff1f0; }
.verdict h2 { margin: .2rem 0; font-size: 1.7rem; }
.verdict.ok h2 { color: #1a7f37; }
.verdict.bad h2 { color: #b42318; }
.reason { font-weight: 700; }
.lead { font-size: 1.02rem; }
.technical { color: #444; font-size: .9rem; }
.steps { padding-left: 1.4rem; }
.steps li.bad { color: #b42318; font-weight: 700; }
.steps li.skipped { color: #666; }
.warning, .warnings { color: #7a4d00; }
.error { color: #b42318; font-weight: 600; }
.unverified { font-weight: 700; color: #b42318; }
.ok-text { color: #1a7f37; font-weight: 600; }
.bad-text { color: #b42318; }
.mono, code, .payload { font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", monospace; word-break: break-all; }
.muted { color: #666; }
.empty { color: #666; font-style: italic; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
.facts dt { font-weight: 600; color: #333; }
.facts dd { margin: 0; }
.tabs { position: sticky; top: 0; background: #fafafa; border-bottom: 2px solid #ccc; display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; padding: .3rem 0; z-index: 1; }
.tabs ul { display: flex; gap: .2rem; flex-wrap: wrap; list-style: none; margin: 0; padding: 0; }
.tabs a { display: inline-block; padding: .3rem .7rem; border-radius: 4px; text-decoration: none; }
.tabs a[aria-current=page] { background: #0b57d0; color: #fff; }
.tabs .zone { margin: 0 0 0 auto; color: #555; font-size: .9rem; }
.filters { display: flex; gap: .8rem; flex-wrap: wrap; align-items: end; margin: .6rem 0; }
.filters label { display: grid; gap: .2rem; font-weight: 600; }
.filters label.inline { display: flex; align-items: center; gap: .3rem; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.bad td, tr.urgency-overdue td, tr.rec-overdue td { background: #fff1f0; }
.pager { display: flex; gap: .8rem; align-items: center; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85rem; border: 1px solid #999; margin-right: .3rem; }
.sev-critical.badge { background: #b42318; color: #fff; border-color: #b42318; }
.sev-high.badge { background: #f6c9c4; border-color: #b42318; }
.sev-medium.badge { background: #fde7b0; border-color: #a86b00; }
.sev-low.badge { background: #e8eef7; border-color: #5b6b86; }
.rec-overdue.badge, .rec-answered_late.badge { background: #f6c9c4; border-color: #b42318; }
.findings { list-style: none; padding: 0; }
.findings li { padding: .35rem 0; border-bottom: 1px solid #e5e5e5; }
.finding-meta { color: #444; font-size: .9rem; margin-top: .15rem; }
.stay { border-left: 4px solid #ccc; padding-left: .8rem; margin: 1rem 0; }
.room { border: 1px solid #ddd; border-radius: 6px; padding: .3rem .8rem; margin: .6rem 0; background: #fff; }
.room.problem { border-color: #b42318; }
.room .flags { color: #b42318; }
.payload { background: #fff; border: 1px solid #ddd; padding: .6rem; white-space: pre-wrap; max-height: 60vh; overflow: auto; }
.chart { width: 100%; max-width: 760px; height: auto; background: #fff; border: 1px solid #ddd; }
.legend svg { vertical-align: middle; }
.privacy { border-left: 4px solid #0b57d0; padding-left: .7rem; }
.medical { color: #6b3fa0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; }
@media print {
  :root { font-size: 11pt; background: #fff; }
  body { max-width: none; padding: 0; }
  #open-panel, .tabs, label.lang, .no-print, form, button, .pager, footer { display: none !important; }
  .verdict { break-inside: avoid; }
  details { display: block; }
  details > summary { list-style: none; font-weight: 600; }
  details:not([open]) > *:not(summary) { display: block; }
  a { color: inherit; text-decoration: none; }
  tr, .room, .stay h3, .finding { break-inside: avoid; }
  thead { display: table-header-group; }
  .payload { max-height: none; overflow: visible; }
}
`;
