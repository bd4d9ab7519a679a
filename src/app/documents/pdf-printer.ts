/**
 * pdfmake on Node, set up once: the Roboto fonts it ships (Latin, Cyrillic, Greek and their
 * accents), loaded into its virtual file system, and no access to files or URLs from a document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { fontCodePoints } from './font-coverage.js';

type Pdfmake = typeof import('pdfmake');
let loading: Promise<Pdfmake> | undefined;

/** pdfmake, loaded on first use: it takes longer to load than most commands take to run. */
function loadPdfmake(): Promise<Pdfmake> {
  // A CommonJS module: Node gives what it exports as the default export.
  loading ??= import('pdfmake').then(
    (module) => (module as unknown as { default: Pdfmake }).default,
  );
  return loading;
}

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

/** The part of pdfmake 0.3's Node API its type declarations leave out. */
interface VirtualFiles {
  readonly virtualfs: { writeFileSync(name: string, data: Buffer): void };
}

let fontsLoaded = false;

/** The bytes of one of the fonts pdfmake ships. */
function fontBytes(file: string): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(
    join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto', file),
  );
}

/** The fonts' names in pdfmake's virtual file system, their bytes read once from the package. */
function fontNames(pdfmake: Pdfmake): Record<keyof typeof FONT_FILES, string> {
  const names = Object.fromEntries(
    Object.entries(FONT_FILES).map(([style, file]) => [style, `collegium/${file}`]),
  ) as Record<keyof typeof FONT_FILES, string>;
  if (!fontsLoaded) {
    const files = (pdfmake as unknown as VirtualFiles).virtualfs;
    for (const [style, file] of Object.entries(FONT_FILES))
      files.writeFileSync(names[style as keyof typeof FONT_FILES], fontBytes(file));
    fontsLoaded = true;
  }
  return names;
}

let shown: Set<number> | undefined;

/** Whether every style of the PDF's font has a glyph for a code point (read once). */
export function pdfFontShows(codePoint: number): boolean {
  if (!shown) {
    const [first, ...others] = Object.values(FONT_FILES).map((f) => fontCodePoints(fontBytes(f)));
    shown = new Set([...first!].filter((c) => others.every((set) => set.has(c))));
  }
  return shown.has(codePoint);
}

/** A document definition rendered to PDF bytes. */
export async function printPdf(definition: TDocumentDefinitions): Promise<Uint8Array> {
  const pdfmake = await loadPdfmake();
  // pdfmake is one shared instance: the fonts and policies are set before each document.
  pdfmake.setFonts({ Roboto: fontNames(pdfmake) });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
