/** Byte helpers that work the same in Node and in browsers (core runs in both). */

/** Decodes canonical base64 only: one spelling per byte string, so no stored byte can change
 * without changing what it means (unused bits set, missing padding and spaces are refused). */
export function fromBase64(text: string): Uint8Array {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  if (toBase64(bytes) !== text) throw new RangeError('not canonical base64');
  return bytes;
}

/** Whether `text` is base64 in its one canonical spelling (what fromBase64 accepts). */
export function isCanonicalBase64(text: string): boolean {
  try {
    fromBase64(text);
    return true;
  } catch {
    return false;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
