/**
 * The minutes as Markdown (CommonMark with a GFM table for the appendix). Every name and text
 * from the record is escaped, so that what a member typed is read as text, never as markup.
 */
import type { MinutesDocument } from '../../core/minutes/document.js';
import { minutesLayout } from './layout.js';
import type { Block, MinutesRenderOptions, ProofRow, Section } from './layout.js';
import { isWebLink } from './words.js';

/** Text of the record made literal: punctuation that Markdown reads escaped, one line. */
export function markdownText(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]<>|#~&!]/g, '\\$&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Verbatim text in a fence longer than any run of backticks in it. */
function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text}\n${fence}`;
}

function proofTable(rows: readonly ProofRow[]): string {
  const linked = rows.some((r) => r.link !== undefined);
  const head = linked
    ? '| Part | Entry | Proof |\n| --- | ---: | --- |'
    : '| Part | Entry |\n| --- | ---: |';
  const line = (r: ProofRow): string => {
    const cells = [markdownText(r.label), String(r.entry)];
    if (linked) cells.push(r.link !== undefined && isWebLink(r.link) ? `<${r.link}>` : '');
    return `| ${cells.join(' | ')} |`;
  };
  return [head, ...rows.map(line)].join('\n');
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'text': {
      const text = markdownText(block.text);
      return block.tone === 'status' ? `**${text}**` : block.tone === 'note' ? `_${text}_` : text;
    }
    case 'fields':
      return block.rows
        .map((r) => `- **${markdownText(r.label)}:** ${markdownText(r.value)}`)
        .join('\n');
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${markdownText(item)}`)
        .join('\n');
    case 'quote':
      return block.text
        .split('\n')
        .map((line) => (line.trim() === '' ? '>' : `> ${markdownText(line)}`))
        .join('\n');
    case 'code':
      return fenced(block.text);
    case 'proofs':
      return proofTable(block.rows);
  }
}

function sectionText(section: Section, level: number): string[] {
  return [
    `${'#'.repeat(level)} ${markdownText(section.title)}`,
    ...section.blocks.map(blockText),
    ...(section.parts ?? []).flatMap((part) => sectionText(part, level + 1)),
  ];
}

/** The minutes of a session as a Markdown document. */
export function minutesMarkdown(doc: MinutesDocument, opts: MinutesRenderOptions = {}): string {
  const layout = minutesLayout(doc, opts);
  const parts = [
    `# ${markdownText(layout.title)}`,
    ...layout.header.map(blockText),
    ...layout.sections.flatMap((s) => sectionText(s, 2)),
  ];
  return parts.join('\n\n') + '\n';
}
