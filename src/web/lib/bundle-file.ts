/**
 * A bundle's bytes, a file dropped on a page or the server's answer, read as `collegium verify`
 * reads a file (src/verify/bundle-file.ts): refused in the same words, at NAME:LINE:COL.
 */
import { sizeProblem } from '../../core/format/source-bytes.js';
import { formatProblem } from '../../core/format/problem.js';
import { BUNDLE_FILE, readBundleFile } from '../../verify/bundle-file.js';
import type { BundleKind } from '../../verify/bundle-file.js';
import { BUNDLE_FORMAT, INSTRUMENT_BUNDLE_FORMAT } from '../../record/proof-formats.js';

const WORDS: Readonly<Record<BundleKind, string>> = {
  entries: `a bundle of entries (${BUNDLE_FORMAT})`,
  instrument: `an instrument's bundle (${INSTRUMENT_BUNDLE_FORMAT})`,
};

/** The bundle of kind `want` that `bytes` hold; throws an Error saying why they do not. */
export function readBundle(
  bytes: Uint8Array,
  name: string,
  want: BundleKind,
): Record<string, unknown> {
  const read = readBundleFile(bytes);
  if (!read.ok) throw new Error(formatProblem(name, read.problem));
  if (read.kind !== want) throw new Error(`${name} is ${WORDS[read.kind]}, not ${WORDS[want]}`);
  return read.value;
}

/** A chosen file's bundle; one too large is refused before it is read. */
export async function readBundleFromFile(
  file: File,
  want: BundleKind,
): Promise<Record<string, unknown>> {
  const tooLarge = sizeProblem(file.size, BUNDLE_FILE);
  if (tooLarge) throw new Error(formatProblem(file.name, tooLarge));
  return readBundle(new Uint8Array(await file.arrayBuffer()), file.name, want);
}
