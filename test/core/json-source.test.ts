/**
 * JSON text read strictly: the values JSON.parse gives for every text it accepts, a key given
 * twice refused at its place and named, every syntax error placed at its line and column in
 * plain words, and nesting of any depth read without exhausting the stack.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonText } from '../../src/core/format/json-source.js';

/** "LINE:COL: message", or the value read. */
function read(text: string): unknown {
  const r = readJsonText(text);
  return r.ok ? { value: r.value } : `${r.problem.line}:${r.problem.col}: ${r.problem.message}`;
}

describe('a key given twice in one object', () => {
  it('is refused at the second, naming the key and where it was first', () => {
    expect(read('{\n  "checkpoint": "garbage",\n  "format": 1,\n  "checkpoint": "real"\n}')).toBe(
      "4:3: the key 'checkpoint' is given twice in one object (first at line 2, column 3)",
    );
  });

  it('is refused however it is spelled, at any depth, in objects within lists', () => {
    expect(read('{"a":1,"\\u0061":2}')).toBe(
      "1:8: the key 'a' is given twice in one object (first at line 1, column 2)",
    );
    expect(read('{"e":[{"i":1},{"i":2,"p":[],"i":3}]}')).toBe(
      "1:29: the key 'i' is given twice in one object (first at line 1, column 16)",
    );
  });

  it('may appear once in each of two objects', () => {
    expect(read('[{"a":1},{"a":2,"b":{"a":3}}]')).toEqual({
      value: [{ a: 1 }, { a: 2, b: { a: 3 } }],
    });
  });
});

describe('a text that is not JSON', () => {
  it.each([
    ['', '1:1: the file ends too soon: a value was expected'],
    ['{"format": "x",\n  "entries": [\n', '3:1: the file ends too soon: a value was expected'],
    ['{"leaf": "AAAA', '1:10: a string that is never closed (its closing " is missing)'],
    ['[1,]', "1:4: a ',' before ']': JSON has no comma after the last item"],
    ['{"a":1,\n}', "2:1: a ',' before '}': JSON has no comma after the last member"],
    ['{"a" 1}', "1:6: unexpected '1': ':' was expected after the key"],
    ['{a:1}', "1:2: unexpected 'a': a key in double quotes was expected"],
    ['[1 2]', "1:4: unexpected '2': ',' or ']' was expected"],
    ['{"a":1]', "1:7: unexpected ']': ',' or '}' was expected"],
    ['{"a":True}', "1:6: unexpected 'True': a value was expected"],
    ["{'a':1}", "1:2: unexpected ''': a key in double quotes was expected"],
    ['{}\n{}', "2:1: unexpected '{': the JSON value has already ended"],
    ['"a\tb"', '1:3: a control character (U+0009) inside a string: JSON writes it as \\t'],
    [
      '"\\x41"',
      "1:2: '\\x' is not an escape JSON has (\\\" \\\\ \\/ \\b \\f \\n \\r \\t, \\u and four hex digits)",
    ],
    ['[01]', "1:2: '01' is not a number as JSON writes one"],
    ['[1.]', "1:2: '1.' is not a number as JSON writes one"],
    ['[-]', "1:2: '-' is not a number as JSON writes one"],
    ['[+1]', "1:2: unexpected '+': a value was expected"],
    ['[NaN]', "1:2: unexpected 'NaN': a value was expected"],
    ['\u00a0{}', "1:1: unexpected '\u00a0': a value was expected"],
    ['\ufeff{}', '1:1: unexpected character U+FEFF: a value was expected'],
  ])('%j is refused where it goes wrong', (text, problem) => {
    expect(read(text)).toBe(problem);
  });

  it('is refused exactly when JSON.parse refuses it, and otherwise read as JSON.parse reads it', () => {
    const agrees = (text: string) => {
      let parsed: { value: unknown } | undefined;
      try {
        parsed = { value: JSON.parse(text) };
      } catch {
        parsed = undefined;
      }
      const r = readJsonText(text);
      // Refused beyond JSON.parse: only a key given twice.
      if (!r.ok && parsed) expect(r.problem.message).toMatch(/is given twice in one object/);
      if (r.ok) expect(r.value).toEqual(parsed?.value);
    };
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"\\u0061"',
      '1',
      '-0.5e3',
      'true',
      ' ',
      '\n',
      '"\\',
      'nul',
    ];
    const texts = fc.oneof(
      fc.jsonValue({ stringUnit: 'binary' }).map((v) => JSON.stringify(v, null, 1)),
      fc.tuple(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 3 })).map(([v, at, s]) => {
        const text = JSON.stringify(v);
        const i = at % (text.length + 1);
        return text.slice(0, i) + s + text.slice(i + 1);
      }),
      fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join('')),
    );
    fc.assert(fc.property(texts, agrees), { numRuns: 3000 });
  });
});

describe('nesting', () => {
  it('of any depth is read without exhausting the stack', () => {
    const depth = 200_000;
    expect(readJsonText('['.repeat(depth) + ']'.repeat(depth)).ok).toBe(true);
    expect(read('{"a":'.repeat(depth) + '1' + '}'.repeat(depth - 1))).toBe(
      "1:1200001: the file ends too soon: ',' or '}' was expected",
    );
  });
});

describe('positions', () => {
  it('are given for the top value and its members', () => {
    const r = readJsonText('\n  {"format": "x",\n   "n": [1]}');
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.position()).toEqual({ line: 2, col: 3 });
    expect(r.position('format')).toEqual({ line: 2, col: 14 });
    expect(r.position('n')).toEqual({ line: 3, col: 9 });
    expect(r.position('absent')).toEqual({ line: 2, col: 3 });
  });
});
