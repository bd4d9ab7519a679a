/**
 * The text of C2SP signed notes (c2sp.org/signed-note), without cryptography: a note's text and
 * signature lines, and the fields of a key `name+keyid+base64(type || key)`. Both the record's
 * notes (note.ts, over node:crypto) and the verifier's (src/verify, in Node and in browsers) read
 * them here, so that the two agree on what a note says before either checks a signature.
 */
import { fromBase64 } from '../core/bytes.js';

export const SIGNATURE_PREFIX = '\u2014 '; // em dash, space

/** A signature line read: its key's name and ID, and the signature bytes after the ID. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the key ID. */
  readonly signature: Uint8Array;
}

/** Non-empty, well-formed, without Unicode white space or plus. */
export function isValidKeyName(name: string): boolean {
  return name !== '' && isWellFormed(name) && !/[\p{White_Space}+]/u.test(name);
}

/** False for strings with lone surrogates, which have no UTF-8 form. */
export function isWellFormed(text: string): boolean {
  return !/\p{Surrogate}/u.test(text);
}

export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

/** Standard padded base64 (RFC 4648 §4), in its one canonical form, or undefined. */
export function decodeBase64(text: string): Uint8Array | undefined {
  try {
    return fromBase64(text);
  } catch {
    return undefined;
  }
}

/**
 * The fields of `name+keyid+base64(type || key)`, or undefined where it is not of that form: the
 * key ID as written, not yet checked against the key (which takes a hash).
 */
export function keyFields(
  text: string,
): { name: string; keyId: number; type: number; key: Uint8Array } | undefined {
  const [name, id, encoded, ...rest] = text.split('+');
  // The base64 part may itself contain '+'.
  const data = decodeBase64([encoded, ...rest].join('+'));
  const type = data?.[0];
  if (name === undefined || !isValidKeyName(name) || id === undefined) return undefined;
  if (!/^[0-9a-fA-F]{8}$/.test(id) || data === undefined || type === undefined) return undefined;
  return { name, keyId: Number.parseInt(id, 16), type, key: data.subarray(1) };
}

/** A note's text (up to and with the newline before its last blank line) and its signature lines,
 * or undefined where it has no blank line, or no line after it ending with a newline. */
export function noteParts(note: string): { text: string; lines: string[] } | undefined {
  const split = note.lastIndexOf('\n\n');
  const block = note.slice(split + 2);
  if (split < 0 || !block.endsWith('\n')) return undefined;
  return { text: note.slice(0, split + 1), lines: block.slice(0, -1).split('\n') };
}

/** `— name base64(key ID || signature)`, or undefined where the line is not of that form. */
export function readSignatureLine(line: string): NoteSignature | undefined {
  if (!line.startsWith(SIGNATURE_PREFIX)) return undefined;
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) return undefined;
  const name = rest.slice(0, space);
  const bytes = decodeBase64(rest.slice(space + 1));
  if (!isValidKeyName(name) || bytes === undefined || bytes.length < 5) return undefined;
  const keyId = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
  return { name, keyId, signature: bytes.subarray(4) };
}

export function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}
