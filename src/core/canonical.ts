/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte sequence for one JSON value.
 *
 * Members sorted by their names' UTF-16 code units, no whitespace, strings and numbers as
 * ECMAScript's JSON.stringify writes them (which is what RFC 8785 specifies). This is the
 * `canonicalize` package's algorithm (2.1.0) written as loops instead of reduce and template
 * strings, because every entry is canonicalized when it is signed and again when it is checked:
 * the output is the same for every input, down to that package's handling of values JSON has
 * no place for (undefined members left out, undefined array items written as null, toJSON
 * honoured, NaN and Infinity refused).
 */

/** Characters JSON.stringify escapes in a string: controls, quote, backslash, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

export function canonicalJson(value: unknown): string {
  // Most values (an entry read back from its canonical bytes, above all) already have their
  // members in order, and then the native JSON.stringify writes exactly the canonical form.
  const text = inCanonicalOrder(value) ? JSON.stringify(value) : serialize(value);
  if (text === undefined) throw new TypeError('not a JSON value');
  return text;
}

const encoder = new TextEncoder();

export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}

/**
 * Whether JSON.stringify writes `value` as RFC 8785 does: strings, finite numbers, booleans and
 * null, in arrays without holes and plain objects without toJSON whose own keys are in sorted
 * order (which also rules out integer-like keys out of order: JavaScript lists those first).
 * Anything else is left to `serialize`, even where JSON.stringify would happen to agree.
 */
function inCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      if (!(i in value) || !inCanonicalOrder(value[i])) return false;
    return true;
  }
  const object = plainObject(value);
  if (!object) return false;
  let previous: string | undefined;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    if (!inCanonicalOrder(object[key])) return false;
    previous = key;
  }
  return true;
}

/** `value` as a record of its members, if it is a plain object JSON.stringify writes as such. */
function plainObject(value: object): Record<string, unknown> | undefined {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const object = value as Record<string, unknown>;
  return typeof object['toJSON'] === 'function' ? undefined : object;
}

function serializeString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

// Like the package, a value JSON.stringify cannot write (a function, a symbol) yields undefined,
// which a member or item then spells "undefined".
function serialize(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return serializeString(value);
    case 'number':
      if (Number.isNaN(value)) throw new Error('NaN is not allowed');
      if (!Number.isFinite(value)) throw new Error('Infinity is not allowed');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  const object = value as { toJSON?: unknown } & Record<string, unknown>;
  if (object.toJSON instanceof Function) return serialize((object.toJSON as () => unknown)());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // a hole, which the package's reduce skips
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined || typeof item === 'symbol' ? 'null' : `${serialize(item)}`;
    }
    return `${out}]`;
  }
  const keys = Object.keys(object);
  if (!ascending(keys)) keys.sort();
  let out = '';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined || typeof member === 'symbol') continue;
    if (out.length > 0) out += ',';
    out += `${serializeString(key)}:${serialize(member)}`;
  }
  return `{${out}}`;
}

/** Whether the keys are in sorted order already (most objects written here are): no sort then. */
function ascending(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  return true;
}

/**
 * `value` with every object's members in canonical order: itself when they are already (as JSON
 * read back from canonical bytes is), else a copy. canonicalJson then takes its fast path, and
 * the value's members are listed in the order its canonical bytes will give them when read back.
 * Plain JSON values only: anything else is returned as it is.
 *
 * @example
 * canonicalOrder({ b: 1, a: { d: 2, c: 3 } }); // { a: { c: 3, d: 2 }, b: 1 }
 */
export function canonicalOrder<T>(value: T): T {
  return inCanonicalOrder(value) ? value : (ordered(value) as T);
}

function ordered(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(ordered);
  const object = plainObject(value);
  if (!object) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) {
    const member = ordered(object[key]);
    // A member named __proto__ stays a member: assigned, it would set the copy's prototype.
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = member;
  }
  return copy;
}
