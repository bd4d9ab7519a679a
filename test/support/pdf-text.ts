/** A PDF's text read back with pdf.js, as a reader's viewer would extract it. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  /** Each page's text, its lines joined by spaces, runs of white space made one space. */
  readonly pages: readonly string[];
  /** The whole text, pages joined. */
  readonly text: string;
  readonly title: string | undefined;
}

/**
 * Text as the comparison sees it: white space made single spaces, and a line broken after a
 * hyphen (pdfmake may break "Müller-Łukasiewicz" there) joined again.
 */
export function normalText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/- /g, '-').trim();
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  // pdf.js takes the buffer over: give it a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
      .join('');
    pages.push(normalText(text));
  }
  const info = (await pdf.getMetadata()).info as { Title?: string };
  await pdf.destroy();
  return { pages, text: pages.join(' '), title: info.Title };
}
