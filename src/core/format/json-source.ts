/**
 * JSON text a person hands in (a bundle) read strictly, as RFC 8259 writes it, or refused at its
 * line and column in plain words. A key given twice in one object is refused: JSON.parse keeps
 * the last, another reader may keep the first, and a signed file must mean one thing to all of
 * them. The scan is iterative, so no nesting, however deep, exhausts the stack; the value is then
 * JSON.parse's, which reads every text the scan accepts, and the same way.
 */
import { givenTwice, quoted } from './problem.js';
import type { Problem } from './problem.js';

export interface Position {
  readonly line: number;
  readonly col: number;
}

export type JsonRead =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** Where the top value is, or, given one of its keys (an object's), that member's value. */
      readonly position: (key?: string) => Position;
    }
  | { readonly ok: false; readonly problem: Problem };

/** A refusal at an offset of the text; made a Problem once its line and column are counted. */
class Refusal {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const OPEN = { object: 0x7b, list: 0x5b } as const;
const CLOSE = { object: 0x7d, list: 0x5d } as const;
/** In a string: its end, an escape, or a character JSON writes only escaped. */
// eslint-disable-next-line no-control-regex -- control characters are what must be found
const SPECIAL = /["\\\u0000-\u001f]/g;

/** Reads `text` as one JSON value, or says where and why it is not one. */
export function readJsonText(text: string): JsonRead {
  let scanned: Scanned;
  try {
    scanned = scan(text);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return {
      ok: false,
      problem: { ...positionOf(text, error.offset), message: error.message, path: [] },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Not expected: every text the scan accepts is JSON. Said in the parser's words, not lost.
    const message = `not JSON (${error instanceof Error ? error.message : String(error)})`;
    return { ok: false, problem: { line: 1, col: 1, message, path: [] } };
  }
  const { start, members } = scanned;
  return {
    ok: true,
    value,
    position: (key) =>
      positionOf(text, (key === undefined ? undefined : members.get(key)) ?? start),
  };
}

/** Line and column (in UTF-16 units, as the YAML reader counts them) of `offset`. */
function positionOf(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

interface Scanned {
  /** The offset of the top value. */
  readonly start: number;
  /** The offset of each top member's value, when the top value is an object. */
  readonly members: Map<string, number>;
}

/** An open object (with the offset of each key it has) or list. */
interface Frame {
  readonly keys?: Map<string, number>;
}

/** Checks that `text` is exactly one JSON value, with no key twice in an object. */
function scan(text: string): Scanned {
  const stack: Frame[] = [];
  const members = new Map<string, number>();
  const start = spaceEnd(text, 0);
  let i = start;
  let next: 'value' | 'key' | 'after' = 'value';
  let afterComma = false;
  for (;;) {
    const frame = stack.at(-1);
    const comma = afterComma;
    afterComma = false;
    if (next === 'key') {
      const key = keyAt(text, i, frame!.keys!, comma);
      i = key.valueAt;
      if (stack.length === 1) members.set(key.name, i);
      next = 'value';
    } else if (next === 'value') {
      const c = text.charCodeAt(i);
      if (comma && c === CLOSE.list)
        throw new Refusal(i, "a ',' before ']': JSON has no comma after the last item");
      if (c === OPEN.object || c === OPEN.list) {
        const object = c === OPEN.object;
        i = spaceEnd(text, i + 1);
        const empty = text.charCodeAt(i) === (object ? CLOSE.object : CLOSE.list);
        if (!empty) stack.push(object ? { keys: new Map() } : {});
        i += empty ? 1 : 0;
        next = empty ? 'after' : object ? 'key' : 'value';
      } else {
        i = scalarEnd(text, i);
        next = 'after';
      }
    } else {
      i = spaceEnd(text, i);
      if (!frame) {
        if (i < text.length) throw refusal(text, i, 'the JSON value has already ended');
        return { start, members };
      }
      const c = text.charCodeAt(i);
      if (c !== COMMA && c !== (frame.keys ? CLOSE.object : CLOSE.list))
        throw refusal(text, i, `${frame.keys ? "',' or '}'" : "',' or ']'"} was expected`);
      if (c !== COMMA) stack.pop();
      i = c === COMMA ? spaceEnd(text, i + 1) : i + 1;
      next = c !== COMMA ? 'after' : frame.keys ? 'key' : 'value';
      afterComma = c === COMMA;
    }
  }
}

/**
 * The key at `i` and where its value begins (past the colon), refused if the object has it
 * already: its first place is named, so both can be compared.
 */
function keyAt(
  text: string,
  i: number,
  keys: Map<string, number>,
  afterComma: boolean,
): { name: string; valueAt: number } {
  if (text.charCodeAt(i) !== QUOTE) {
    if (afterComma && text.charCodeAt(i) === CLOSE.object)
      throw new Refusal(i, "a ',' before '}': JSON has no comma after the last member");
    throw refusal(text, i, 'a key in double quotes was expected');
  }
  const end = stringEnd(text, i);
  const spelled = text.slice(i + 1, end - 1);
  // Spelled with an escape, a key is compared as JSON.parse reads it: "a" and "\u0061" are one.
  const name = spelled.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : spelled;
  const first = keys.get(name);
  if (first !== undefined) {
    const at = positionOf(text, first);
    throw new Refusal(i, givenTwice(name, 'one object', at));
  }
  keys.set(name, i);
  const colon = spaceEnd(text, end);
  if (text.charCodeAt(colon) !== COLON)
    throw refusal(text, colon, "':' was expected after the key");
  return { name, valueAt: spaceEnd(text, colon + 1) };
}

/** Past the string, number, true, false or null at `i`. */
function scalarEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return stringEnd(text, i);
  if (c === MINUS || (c >= ZERO && c <= ZERO + 9)) return numberEnd(text, i);
  for (const word of ['true', 'false', 'null'])
    if (text.startsWith(word, i) && !isWordPart(text.charCodeAt(i + word.length)))
      return i + word.length;
  throw refusal(text, i, 'a value was expected');
}

/** Past the closing quote of the string whose opening quote is at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    SPECIAL.lastIndex = i;
    const found = SPECIAL.exec(text);
    if (!found)
      throw new Refusal(start, 'a string that is never closed (its closing " is missing)');
    const at = found.index;
    const c = text.charCodeAt(at);
    if (c === QUOTE) return at + 1;
    if (c !== BACKSLASH) throw new Refusal(at, controlInString(c));
    i = escapeEnd(text, at);
  }
}

const ESCAPED = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Past the escape whose backslash is at `at`. */
function escapeEnd(text: string, at: number): number {
  const e = text.charCodeAt(at + 1);
  if (ESCAPED.has(e)) return at + 2;
  if (e === 0x75 /* u */ && HEX4.test(text.slice(at + 2, at + 6))) return at + 6;
  if (at + 1 >= text.length) throw new Refusal(at, 'the file ends inside a string');
  const spelled = e === 0x75 ? text.slice(at, at + 6) : text.slice(at, at + 2);
  throw new Refusal(
    at,
    `${quoted(spelled)} is not an escape JSON has (\\" \\\\ \\/ \\b \\f \\n \\r \\t, \\u and four hex digits)`,
  );
}

const SHORT: Readonly<Record<number, string>> = { 8: 'b', 9: 't', 10: 'n', 12: 'f', 13: 'r' };

function controlInString(c: number): string {
  const code = c.toString(16).toUpperCase().padStart(4, '0');
  const escape = SHORT[c] ?? `u${code.toLowerCase()}`;
  return `a control character (U+${code}) inside a string: JSON writes it as \\${escape}`;
}

/** Past the number at `start`, spelled as JSON spells numbers: no leading zero, +, or bare dot. */
function numberEnd(text: string, start: number): number {
  let i = start + (text.charCodeAt(start) === MINUS ? 1 : 0);
  const first = digitsEnd(text, i);
  let bad = first === i || (text.charCodeAt(i) === ZERO && first > i + 1);
  i = first;
  if (text.charCodeAt(i) === DOT) {
    const end = digitsEnd(text, i + 1);
    bad ||= end === i + 1;
    i = end;
  }
  if ((text.charCodeAt(i) | 0x20) === 0x65 /* e, E */) {
    const sign = text.charCodeAt(i + 1) === 0x2b || text.charCodeAt(i + 1) === MINUS ? 1 : 0;
    const end = digitsEnd(text, i + 1 + sign);
    bad ||= end === i + 1 + sign;
    i = end;
  }
  if (!bad && !isWordPart(text.charCodeAt(i)) && text.charCodeAt(i) !== DOT) return i;
  let end = i;
  while (end < text.length && end - start < 40 && /[\w.+-]/.test(text[end]!)) end++;
  throw new Refusal(start, `${quoted(text.slice(start, end))} is not a number as JSON writes one`);
}

function digitsEnd(text: string, i: number): number {
  let end = i;
  for (let c = text.charCodeAt(end); c >= ZERO && c <= ZERO + 9; c = text.charCodeAt(++end));
  return end;
}

function isWordPart(c: number): boolean {
  return (c >= ZERO && c <= ZERO + 9) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f;
}

/** Past the space, tabs and line breaks at `i`: JSON's whitespace, and no other. */
function spaceEnd(text: string, i: number): number {
  let end = i;
  for (let c = text.charCodeAt(end); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;)
    c = text.charCodeAt(++end);
  return end;
}

/** What is at `i`, and what is wrong with it there. */
function refusal(text: string, i: number, why: string): Refusal {
  if (i >= text.length) return new Refusal(i, `the file ends too soon: ${why}`);
  const c = text.codePointAt(i)!;
  let word = String.fromCodePoint(c);
  if (isWordPart(c)) word = /^\w{1,20}/.exec(text.slice(i, i + 20))![0];
  const shown =
    c < 0x20 || c === 0x7f || c === 0xfeff
      ? `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`
      : quoted(word);
  return new Refusal(i, `unexpected ${shown}: ${why}`);
}
