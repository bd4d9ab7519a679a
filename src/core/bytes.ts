/** Byte helpers that work the same in Node and in browsers (core runs in both). */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Each character's 6 bits, by its code; -1 for a character not of the alphabet. */
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTET[ALPHABET.charCodeAt(i)] = i;

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? SEXTET[code]! : -1;
}

/**
 * Whether `text` is base64 in its one canonical spelling (RFC 4648, padded): only characters of
 * the alphabet, `=` only as the padding, and the unused low bits of the last character at zero.
 * Checked by table, without decoding: every signature and key that comes in is checked.
 */
export function isCanonicalBase64(text: string): boolean {
  const n = text.length;
  if (n % 4 !== 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  for (let i = 0; i < n - padding; i++) if (sextet(text, i) < 0) return false;
  if (padding === 0) return true;
  // Two padding characters leave 4 bits of the last one unused, one leaves 2.
  return (sextet(text, n - padding - 1) & (padding === 2 ? 0x0f : 0x03)) === 0;
}

/** Decodes canonical base64 only: one spelling per byte string, so no stored byte can change
 * without changing what it means (unused bits set, missing padding and spaces are refused). */
export function fromBase64(text: string): Uint8Array {
  if (!isCanonicalBase64(text)) throw new RangeError('not canonical base64');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let bits = 0;
  let held = 0;
  let at = 0;
  for (let i = 0; i < text.length - padding; i++) {
    bits = (bits << 6) | sextet(text, i);
    held += 6;
    if (held >= 8) {
      held -= 8;
      bytes[at++] = (bits >> held) & 0xff;
    }
  }
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const word = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    text +=
      ALPHABET[word >> 18]! +
      ALPHABET[(word >> 12) & 63]! +
      ALPHABET[(word >> 6) & 63]! +
      ALPHABET[word & 63]!;
  }
  const left = bytes.length - i;
  if (left === 1) {
    const word = bytes[i]! << 16;
    text += ALPHABET[word >> 18]! + ALPHABET[(word >> 12) & 63]! + '==';
  } else if (left === 2) {
    const word = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    text +=
      ALPHABET[word >> 18]! + ALPHABET[(word >> 12) & 63]! + ALPHABET[(word >> 6) & 63]! + '=';
  }
  return text;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
