/** RFC 8785 (JSON Canonicalization Scheme): one byte sequence for one JSON value. */
import canonicalizeModule from 'canonicalize';

// The package is CommonJS exporting one function; its typings declare an ES default export,
// which NodeNext resolution reads as the module object.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;
const encoder = new TextEncoder();

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('not a JSON value');
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}
