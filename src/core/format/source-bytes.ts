/**
 * The bytes of a user's file made text, or refused with the place to look: files are UTF-8, and a
 * byte that is not (a Latin-1 "é", a UTF-16 file) is never replaced by a stand-in character that
 * would then be signed into the record as if the author had written it.
 */
import { exactSize, plural, sizeInWords } from '../words.js';
import type { Path, Problem } from './problem.js';

export type Decoded =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: Problem };

/** A kind of file a person writes, with the size beyond which it is not read. */
export interface FileKind {
  /** As a sentence names it: "a charter". */
  readonly name: string;
  readonly maxBytes: number;
  /** The file holds a list at its top (an agenda), not the mapping every other format starts with. */
  readonly list?: boolean;
  /** How a larger one is read, where it can be ("--max-size BYTES reads a larger one"). */
  readonly larger?: string;
  /**
   * What a key given twice in the mapping at `path` of a YAML file of this kind means, said after
   * the refusal, where the format has a word to say about it; undefined where it has none.
   */
  readonly twice?: (path: Path, key: string) => string | undefined;
}

/** The refusal of a file too large for its kind; the CLI asks it before reading the file. */
export function sizeProblem(size: number, kind: FileKind): Problem | undefined {
  if (size <= kind.maxBytes) return undefined;
  // Rounded alike, the two sizes are given to the byte: a file is never "1 MiB, more than 1 MiB".
  const exact = sizeInWords(size) === sizeInWords(kind.maxBytes);
  const [file, limit] = exact
    ? [plural(size, 'byte'), plural(kind.maxBytes, 'byte')]
    : [sizeInWords(size), limitInWords(kind.maxBytes)];
  return fileProblem(
    `the file is ${file}, more than the ${limit} ${kind.name} may have${larger(kind)}`,
  );
}

/** The refusal of a file found too large as it is read: a device or a pipe tells no size first. */
export function readPastProblem(kind: FileKind): Problem {
  return fileProblem(
    `the file holds more than the ${limitInWords(kind.maxBytes)} ${kind.name} may have${larger(kind)}`,
  );
}

/** A limit in words, and to the byte where the words round it (one given as --max-size 100000). */
function limitInWords(bytes: number): string {
  return bytes % 1024 === 0 ? sizeInWords(bytes) : exactSize(bytes);
}

const larger = (kind: FileKind): string => (kind.larger ? ` (${kind.larger})` : '');

function fileProblem(message: string, line = 1, col = 1): Problem {
  return { line, col, message, path: [] };
}

/** Decodes UTF-8 strictly (a leading byte order mark is dropped), or says where it is not. */
export function decodeSource(bytes: Uint8Array, kind: FileKind): Decoded {
  const tooLarge = sizeProblem(bytes.length, kind);
  if (tooLarge) return { ok: false, problem: tooLarge };
  if (bytes.length === 0) return { ok: false, problem: fileProblem('the file is empty') };
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))
    return { ok: false, problem: fileProblem('the file is UTF-16; save it as UTF-8') };
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = positionOf(bytes, nul);
    return {
      ok: false,
      problem: fileProblem(
        'a NUL byte: the file is not UTF-8 text (UTF-16 without a byte order mark?); save it as UTF-8',
        at.line,
        at.col,
      ),
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Not UTF-8: find the first byte that is not, to say where (the decoder does not).
    const invalid = Math.max(0, firstInvalidUtf8(bytes));
    const at = positionOf(bytes, invalid);
    const hex = bytes[invalid]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      problem: fileProblem(
        `byte 0x${hex} is not valid UTF-8 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8`,
        at.line,
        at.col,
      ),
    };
  }
}

/** Line and column (in characters, as YAML positions count them) of the byte at `offset`. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      start = i + 1;
    }
  }
  return { line, col: new TextDecoder('utf-8').decode(bytes.subarray(start, offset)).length + 1 };
}

/** A UTF-8 lead byte's sequence length and the allowed range of the byte after it (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF); length 0 for a byte that leads nothing. */
function sequenceOf(lead: number): readonly [length: number, low: number, high: number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const [length, low, high] = sequenceOf(lead);
    if (length === 0) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}
