/**
 * The minutes as a standalone HTML document: UTF-8, its stylesheet inline (screen, phone and
 * print), every text of the record escaped, links only to http and https addresses.
 */
import type { MinutesDocument } from '../../core/minutes/document.js';
import { MINUTES_STYLE } from './html-style.js';
import { minutesLayout } from './layout.js';
import type { Block, MinutesRenderOptions, ProofRow, Section } from './layout.js';
import { isWebLink } from './words.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function proofsTable(rows: readonly ProofRow[]): string {
  const linked = rows.some((r) => r.link !== undefined);
  const head = `<tr><th scope="col">Part</th><th scope="col" class="entry">Entry</th>${linked ? '<th scope="col">Proof</th>' : ''}</tr>`;
  const row = (r: ProofRow): string => {
    const link =
      r.link !== undefined && isWebLink(r.link)
        ? `<a href="${escapeHtml(r.link)}">${escapeHtml(r.link)}</a>`
        : '';
    return `<tr><td>${escapeHtml(r.label)}</td><td class="entry">${r.entry}</td>${linked ? `<td>${link}</td>` : ''}</tr>`;
  };
  return `<table class="proofs"><thead>${head}</thead><tbody>${rows.map(row).join('')}</tbody></table>`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'text':
      return `<p${block.tone ? ` class="${block.tone}"` : ''}>${escapeHtml(block.text)}</p>`;
    case 'fields':
      return `<dl class="fields">${block.rows
        .map((r) => `<div><dt>${escapeHtml(r.label)}</dt><dd>${escapeHtml(r.value)}</dd></div>`)
        .join('')}</dl>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}${block.tone ? ` class="${block.tone}"` : ''}>${block.items
        .map((item) => `<li>${escapeHtml(item)}</li>`)
        .join('')}</${tag}>`;
    }
    case 'quote':
      return `<blockquote>${block.text
        .split(/\n{2,}/)
        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
        .join('')}</blockquote>`;
    case 'code':
      return `<pre>${escapeHtml(block.text)}</pre>`;
    case 'proofs':
      return proofsTable(block.rows);
  }
}

function sectionHtml(section: Section, level: number, part: boolean): string {
  const h = `h${level}`;
  return [
    `<section id="${escapeHtml(section.id)}"${part ? ' class="item"' : ''}>`,
    `<${h}>${escapeHtml(section.title)}</${h}>`,
    ...section.blocks.map(blockHtml),
    ...(section.parts ?? []).map((p) => sectionHtml(p, level + 1, true)),
    '</section>',
  ].join('\n');
}

/** The minutes of a session as a complete HTML document. */
export function minutesHtml(doc: MinutesDocument, opts: MinutesRenderOptions = {}): string {
  const layout = minutesLayout(doc, opts);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(layout.title)}</title>
<style>${MINUTES_STYLE}</style>
</head>
<body>
<main class="minutes ${layout.status}">
<header>
<p class="organization">${escapeHtml(layout.organization)}</p>
<h1>${escapeHtml(layout.title)}</h1>
${layout.header.map(blockHtml).join('\n')}
</header>
${layout.sections.map((s) => sectionHtml(s, 2, false)).join('\n')}
</main>
</body>
</html>
`;
}
