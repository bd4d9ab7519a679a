/**
 * The minutes as PDF (pdfmake): A4, Roboto, the document's title in its metadata, pages
 * numbered when there is more than one, and in the appendix a QR code of each proof link.
 */
import type { Content, StyleDictionary, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { MinutesDocument } from '../../core/minutes/document.js';
import { minutesLayout } from './layout.js';
import type { Block, MinutesLayout, MinutesRenderOptions, ProofRow, Section } from './layout.js';
import { layoutInFont } from './pdf-glyphs.js';
import { pdfFontShows, printPdf } from './pdf-printer.js';
import { isWebLink, statusLine } from './words.js';

const STYLES: StyleDictionary = {
  organization: { fontSize: 10, color: '#57606a' },
  h1: { fontSize: 17, bold: true, margin: [0, 2, 0, 8] },
  h2: { fontSize: 13, bold: true, margin: [0, 14, 0, 4] },
  h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 3] },
  status: { bold: true, margin: [0, 2, 0, 4] },
  note: { italics: true, color: '#57606a', margin: [0, 2, 0, 2] },
  flag: { color: '#9a3412' },
  quote: { italics: true, margin: [12, 2, 0, 4] },
  code: { fontSize: 7.5, color: '#1b1f24', margin: [0, 2, 0, 6] },
  link: { fontSize: 8, color: '#0550ae' },
  small: { fontSize: 8, color: '#57606a' },
};

/** A part this long (in characters) may not fit a page: it is left to break where it must. */
const KEEP_TOGETHER_CHARS = 2500;

function proofsTable(rows: readonly ProofRow[]): Content {
  const linked = rows.some((r) => r.link !== undefined && isWebLink(r.link));
  const head: Content[] = [
    { text: 'Part', bold: true },
    { text: 'Entry', bold: true, alignment: 'right' },
  ];
  const line = (r: ProofRow): Content[] => {
    const link = r.link !== undefined && isWebLink(r.link) ? r.link : undefined;
    const label: Content = link
      ? { stack: [r.label, { text: link, link, style: 'link' }] }
      : { text: r.label };
    const cells: Content[] = [label, { text: String(r.entry), alignment: 'right' }];
    if (linked) cells.push(link ? { qr: link, fit: 48, margin: [0, 2, 0, 2] } : { text: '' });
    return cells;
  };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: linked ? ['*', 'auto', 'auto'] : ['*', 'auto'],
      body: [linked ? [...head, { text: 'Proof', bold: true }] : head, ...rows.map(line)],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 0],
  };
}

function blockContent(block: Block): Content {
  switch (block.kind) {
    case 'text':
      return {
        text: block.text,
        ...(block.tone ? { style: block.tone } : {}),
        margin: [0, 1, 0, 3],
      };
    case 'fields':
      return {
        stack: block.rows.map((r) => ({ text: [{ text: `${r.label}: `, bold: true }, r.value] })),
        margin: [0, 2, 0, 4],
      };
    case 'list': {
      const items = [...block.items];
      return {
        ...(block.ordered ? { ol: items } : { ul: items }),
        ...(block.tone ? { style: block.tone } : {}),
        margin: [0, 2, 0, 4],
      };
    }
    case 'quote':
      return { text: block.text, style: 'quote' };
    case 'code':
      return { text: block.text, style: 'code' };
    case 'proofs':
      return proofsTable(block.rows);
  }
}

/** How long a part reads, to tell whether it can be kept on one page. */
function partLength(section: Section): number {
  return section.blocks.reduce((n, b) => n + JSON.stringify(b).length, section.title.length);
}

function sectionContent(section: Section, level: 2 | 3): Content {
  const parts = (section.parts ?? []).map((p): Content => {
    const content = sectionContent(p, 3);
    return partLength(p) <= KEEP_TOGETHER_CHARS ? { stack: [content], unbreakable: true } : content;
  });
  return {
    stack: [
      { text: section.title, style: `h${level}` },
      ...section.blocks.map(blockContent),
      ...parts,
    ],
  };
}

/** The document, printed in `layout`; its metadata, which a viewer shows in its own fonts, as `recorded`. */
function definition(
  layout: MinutesLayout,
  doc: MinutesDocument,
  recorded: MinutesLayout,
): TDocumentDefinitions {
  const status = statusLine(doc);
  return {
    info: {
      title: recorded.title,
      author: recorded.organization,
      subject: `Minutes of session ${doc.session.id}: ${status}`,
      creator: 'Collegium',
      producer: 'Collegium (pdfmake)',
    },
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: STYLES,
    header: (page) =>
      page > 1
        ? { text: `${layout.title} · ${status}`, style: 'small', margin: [48, 24, 48, 0] }
        : null,
    footer: (page, pages) =>
      pages > 1
        ? {
            text: `Page ${page} of ${pages}`,
            style: 'small',
            alignment: 'center',
            margin: [0, 24, 0, 0],
          }
        : null,
    content: [
      { text: layout.organization, style: 'organization' },
      { text: layout.title, style: 'h1' },
      ...layout.header.map(blockContent),
      ...layout.sections.map((s) => sectionContent(s, 2)),
    ],
  };
}

/** The minutes of a session as a PDF file's bytes. */
export async function minutesPdf(
  doc: MinutesDocument,
  opts: MinutesRenderOptions = {},
): Promise<Uint8Array> {
  const layout = minutesLayout(doc, opts);
  return printPdf(definition(layoutInFont(layout, pdfFontShows), doc, layout));
}
