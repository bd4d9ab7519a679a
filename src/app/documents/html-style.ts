/**
 * The stylesheet of the minutes as HTML: readable on a phone (nothing wider than the screen:
 * long keys and hashes wrap anywhere), and printed without navigation or banners, no part of a
 * motion split across pages. Served inline, so a page served under a CSP allows it by its hash.
 */
import { createHash } from 'node:crypto';

export const MINUTES_STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --flag: #9a3412; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main.minutes { max-width: 46rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.25rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
.organization { color: var(--muted); margin: 0; }
.status { font-weight: 600; }
.note { color: var(--muted); font-style: italic; }
.flag { color: var(--flag); }
dl.fields { margin: 0.5rem 0; }
dl.fields > div { display: flex; flex-wrap: wrap; gap: 0 0.5rem; }
dl.fields dt { font-weight: 600; }
dl.fields dt::after { content: ":"; }
dl.fields dd { margin: 0; min-width: 0; flex: 1 1 12rem; }
blockquote { margin: 0.5rem 0; padding: 0.25rem 0.75rem; border-left: 3px solid var(--rule); }
pre, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-all; max-width: 100%;
  background: #f6f8fa; padding: 0.5rem; border-radius: 4px; }
ul { padding-left: 1.25rem; }
table.proofs { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.9rem; }
table.proofs th, table.proofs td { text-align: left; vertical-align: top; padding: 0.25rem;
  border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
table.proofs .entry { width: 4.5rem; text-align: right; }
a { color: #0550ae; }
@media print {
  nav, header.banner, .banner, [role="banner"], [role="navigation"], .no-print { display: none !important; }
  body { font-size: 11pt; }
  main.minutes { max-width: none; padding: 0; }
  a { color: inherit; }
  section.item { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  pre { background: none; border: 1px solid var(--rule); }
}
`;

/** The CSP source that allows the stylesheet inline: `'sha256-...'`. */
export function minutesStyleSource(): string {
  return `'sha256-${createHash('sha256').update(MINUTES_STYLE, 'utf8').digest('base64')}'`;
}
