/**
 * Whether JSON text is already in canonical form (RFC 8785), read from the text itself: the
 * answer `canonicalJson(JSON.parse(text)) === text` gives, without writing the value again. A
 * record's entries are read far more often than written (every audit, every opening), and
 * writing each again was a tenth of an audit's work on the thread that reads them.
 *
 * Canonical text has no whitespace between tokens; every object's member names in strictly
 * ascending order of their UTF-16 code units; each number spelled as JSON.stringify spells it;
 * each string as JSON.stringify writes it: only `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and
 * `\u` with four lowercase hex digits for the other control characters and for lone
 * surrogates, every other character as itself. Bytes are read as such text by jsonOfBytes,
 * which drops nothing on the way (a byte order mark included).
 */
import { isHighSurrogate, isLowSurrogate, isSurrogate } from './utf16.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SURROGATE = /[\ud800-\udfff]/;

// ignoreBOM keeps a byte order mark in the text, where JSON.parse refuses it: dropped (the
// decoder's default), bytes with and without one would read as the same value.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes read as UTF-8 JSON, nothing dropped or replaced on the way: the text and its value.
 * Throws (TypeError, SyntaxError) where they are not exactly that.
 *
 * @example
 * const { text, value } = jsonOfBytes(bytes);
 * if (!isCanonicalText(text)) throw new Error('not canonical');
 */
export function jsonOfBytes(bytes: Uint8Array): { text: string; value: unknown } {
  const text = decoder.decode(bytes);
  return { text, value: JSON.parse(text) };
}

/** Escapes JSON.stringify writes in short: \b \t \n \f \r, and the quote and backslash. */
const SHORT_ESCAPES = new Set(['"', '\\', 'b', 't', 'n', 'f', 'r'].map((c) => c.charCodeAt(0)));
/** Control characters JSON.stringify writes with a short escape, so never as \uXXXX. */
const SHORT_CONTROLS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);

/**
 * Whether `text`, which JSON.parse has read without error, is the canonical form of its value.
 *
 * @example
 * isCanonicalText('{"a":1,"b":[true,null]}'); // true
 * isCanonicalText('{"b":1,"a":2}'); // false: members out of order
 * isCanonicalText('{"a":1.0}'); // false: JSON.stringify writes 1
 */
export function isCanonicalText(text: string): boolean {
  // Most text has no escape and no surrogate: then each string is as JSON.stringify writes it,
  // and ends at the next quote (found natively, not a character at a time).
  const plain = !text.includes('\\') && !SURROGATE.test(text);
  // For each open container: null for an array, else the last member name read (undefined
  // before the first).
  const names: (string | null | undefined)[] = [];
  let nameNext = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = plain ? text.indexOf('"', i + 1) + 1 : stringEnd(text, i);
      if (end <= 0) return false;
      if (nameNext && !nameInOrder(names, text, i, end)) return false;
      nameNext = false;
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      names.push(c === 0x7b ? undefined : null);
      nameNext = c === 0x7b;
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      names.pop();
      nameNext = false;
      i++;
    } else if (c === 0x2c /* , */) {
      nameNext = names.at(-1) !== null;
      i++;
    } else if (c === 0x3a /* : */) {
      i++;
    } else if (c === 0x74 /* t */ || c === 0x6e /* n */) {
      i += 4; // true, null: JSON.parse has read them
    } else if (c === 0x66 /* f */) {
      i += 5; // false
    } else {
      const end = numberEnd(text, i);
      if (end === i) return false; // whitespace, or anything else between tokens
      const spelled = text.slice(i, end);
      if (String(Number(spelled)) !== spelled) return false;
      i = end;
    }
  }
  return true;
}

/** Where the number token at `start` ends (`start` itself if none begins there). */
function numberEnd(text: string, start: number): number {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const numeric = (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e;
    if (!numeric && c !== 0x65 && c !== 0x45) break;
  }
  return i;
}

/** Whether the member name text[start, end) comes after the container's previous one. */
function nameInOrder(
  names: (string | null | undefined)[],
  text: string,
  start: number,
  end: number,
): boolean {
  const spelled = text.slice(start + 1, end - 1);
  const name = spelled.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : spelled;
  const previous = names.at(-1);
  if (previous !== undefined && previous !== null && !(previous < name)) return false;
  names[names.length - 1] = name;
  return true;
}

/**
 * Where the string literal at `start` (its opening quote) ends, just past its closing quote, if
 * it is spelled as JSON.stringify writes it; else -1. A surrogate is escaped exactly when it has
 * no partner: a high one followed by a low one are a pair, written as themselves.
 */
function stringEnd(text: string, start: number): number {
  // The code unit the string holds before the one being read (-1 for none), and how spelled.
  let previous = -1;
  let previousEscaped = false;
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return isHighSurrogate(previous) && !previousEscaped ? -1 : i + 1;
    let unit = c;
    let escaped = false;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75 /* u */) {
        unit = lowerHex(text, i + 2);
        if (unit < 0 || !(unit < 0x20 ? !SHORT_CONTROLS.has(unit) : isSurrogate(unit))) return -1;
        escaped = true;
        i += 6;
      } else if (SHORT_ESCAPES.has(e)) {
        i += 2;
      } else return -1;
    } else i++; // a control character as itself: JSON.parse has refused it
    // The previous unit, if a high surrogate, is paired when this one is low; this one, if low,
    // when the previous is high. Paired is written as itself, lone escaped.
    if (isHighSurrogate(previous) && previousEscaped === isLowSurrogate(unit)) return -1;
    if (isLowSurrogate(unit) && escaped === isHighSurrogate(previous)) return -1;
    previous = unit;
    previousEscaped = escaped;
  }
  return -1;
}

/** The four lowercase hex digits at `at` as a number; -1 if they are not that. */
function lowerHex(text: string, at: number): number {
  let value = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
