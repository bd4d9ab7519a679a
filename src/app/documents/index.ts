/**
 * The minutes of a session as files: Markdown, HTML and PDF, each a rendering of the one model
 * (core/minutes/document.ts) laid out once (./layout.ts). The command line and the server
 * choose a format here.
 */
import type { MinutesDocument } from '../../core/minutes/document.js';
import { minutesHtml } from './html.js';
import type { MinutesRenderOptions } from './layout.js';
import { minutesMarkdown } from './markdown.js';
import { minutesPdf } from './pdf.js';

export { minutesHtml } from './html.js';
export { minutesStyleSource } from './html-style.js';
export type { MinutesRenderOptions } from './layout.js';
export { minutesMarkdown } from './markdown.js';
export { minutesPdf } from './pdf.js';

export const MINUTES_FORMATS = ['md', 'html', 'pdf'] as const;
export type MinutesFormat = (typeof MINUTES_FORMATS)[number];

export function isMinutesFormat(format: string): format is MinutesFormat {
  return (MINUTES_FORMATS as readonly string[]).includes(format);
}

/** A rendered document: its bytes (text for md and html), and how it is served. */
export interface MinutesFile {
  readonly data: string | Uint8Array;
  readonly contentType: string;
  readonly extension: MinutesFormat;
}

const CONTENT_TYPES: Readonly<Record<MinutesFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** The minutes of `doc` in `format`. */
export async function renderMinutes(
  doc: MinutesDocument,
  format: MinutesFormat,
  opts: MinutesRenderOptions = {},
): Promise<MinutesFile> {
  const data =
    format === 'md'
      ? minutesMarkdown(doc, opts)
      : format === 'html'
        ? minutesHtml(doc, opts)
        : await minutesPdf(doc, opts);
  return { data, contentType: CONTENT_TYPES[format], extension: format };
}

/** The file name a download of the minutes carries: `minutes-<session>.<ext>`. */
export function minutesFileName(session: string, format: MinutesFormat): string {
  return `minutes-${session.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
}
