/**
 * A bundle file's bytes made the value a verifier checks, the one way `collegium verify` and the
 * browser's pages both read them: strict UTF-8 (core/format/source-bytes.ts), strict JSON with no
 * key given twice (core/format/json-source.ts), then an object of a format this verifier knows.
 * A file is refused alike wherever it is verified, in the same words, at the same line and column.
 */
import { readJsonText } from '../core/format/json-source.js';
import { decodeSource } from '../core/format/source-bytes.js';
import type { FileKind } from '../core/format/source-bytes.js';
import type { Problem } from '../core/format/problem.js';
import { BUNDLE_FORMAT, INSTRUMENT_BUNDLE_FORMAT } from '../record/proof-formats.js';

const MB = 1024 * 1024;

/**
 * A bundle is read whole, as one JSON text. The server gives at most 10,000 entries a bundle,
 * some 15 to 40 MB; `collegium export bundle` may write more, so the limit leaves room for some
 * 100,000 entries (the command line's --max-size raises it).
 */
export const BUNDLE_FILE: FileKind = { name: 'a bundle', maxBytes: 256 * MB };

/** A bundle of entries (`collegium export bundle`) or an instrument's (`export instrument`). */
export type BundleKind = 'entries' | 'instrument';

const KINDS: ReadonlyMap<unknown, BundleKind> = new Map([
  [BUNDLE_FORMAT, 'entries'],
  [INSTRUMENT_BUNDLE_FORMAT, 'instrument'],
]);
const KNOWN = `${BUNDLE_FORMAT} or ${INSTRUMENT_BUNDLE_FORMAT}`;

export type BundleFile =
  | { readonly ok: true; readonly kind: BundleKind; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly problem: Problem };

/** The bundle `bytes` hold and its kind, or the one problem that stops it being read. */
export function readBundleFile(bytes: Uint8Array, kind: FileKind = BUNDLE_FILE): BundleFile {
  const decoded = decodeSource(bytes, kind);
  if (!decoded.ok) return decoded;
  const json = readJsonText(decoded.text);
  if (!json.ok) return json;
  const { value, position } = json;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refused(position(), `not a bundle: not a JSON object (it is ${valueWords(value)})`);
  const bundle = value as Record<string, unknown>;
  const format = Object.hasOwn(bundle, 'format') ? bundle['format'] : undefined;
  const known = KINDS.get(format);
  if (known) return { ok: true, kind: known, value: bundle };
  if (format === undefined)
    return refused(position(), `not a bundle: it names no format (${KNOWN})`);
  return refused(
    position('format'),
    `unknown format ${shown(format)}: a bundle's format is ${KNOWN}`,
  );
}

function refused(at: { line: number; col: number }, message: string): BundleFile {
  return { ok: false, problem: { ...at, message, path: [] } };
}

function valueWords(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A format as the file gives it, cut short when long. */
function shown(format: unknown): string {
  if (typeof format !== 'string')
    return typeof format === 'object' && format !== null ? valueWords(format) : String(format);
  return format.length > 80 ? `'${format.slice(0, 77)}...'` : `'${format}'`;
}
