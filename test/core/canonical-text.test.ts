/**
 * isCanonicalText reads canonical form off the text: for any JSON text it must answer what
 * writing the value again answers, canonicalJson(JSON.parse(text)) === text. Tried on canonical
 * texts of any value (strings of any code units, lone surrogates too), on texts JSON.stringify
 * writes with members in any order, and on canonical texts spoiled in the ways a writer could
 * spoil them (whitespace, numbers and strings spelled otherwise, members swapped).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical.js';
import { isCanonicalText } from '../../src/core/canonical-text.js';

/** What writing the value again answers (a number too large, read as Infinity, has no form). */
function reference(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

/** Values whose strings hold any UTF-16 code units, lone surrogates among them. */
const anyValue = fc.jsonValue({ stringUnit: 'binary' });

/** Ways to spell a part of canonical text otherwise; some keep it canonical, most do not. */
const respellings: readonly [RegExp, (match: string) => string][] = [
  [/[,:[\]{}]/, (m) => ` ${m}`],
  [/[,:[\]{}]/, (m) => `${m}\n`],
  [/-?\d+(\.\d+)?(e[+-]\d+)?/, (m) => `${m}.0`],
  [/\d+/, (m) => `${m}e0`],
  [/\b0\b/, () => '-0'],
  [/\d/, (m) => `0${m}`],
  [/[a-z]/, (m) => `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`],
  [/\\u00[01][0-9a-f]/, (m) => m.toUpperCase().replace('\\U', '\\u')],
  [/\\[nt"\\]/, (m) => `\\u${JSON.parse(`"${m}"`).charCodeAt(0).toString(16).padStart(4, '0')}`],
  [/\//, () => '\\/'],
  [/[\ud800-\udbff][\udc00-\udfff]/, (m) => `\\u${m.charCodeAt(0).toString(16)}${m[1]}`],
  [/[\ud800-\udbff][\udc00-\udfff]/, (m) => `${m[0]}\\u${m.charCodeAt(1).toString(16)}`],
  [/\\ud[89ab][0-9a-f]{2}/, (m) => JSON.parse(`"${m}"`) as string],
  [/"[^"\\]*":/, (m) => `${m}`], // the same: stays canonical
];

/** Canonical text of a value with one part spelled otherwise, where it is still JSON. */
const respelled = fc
  .tuple(anyValue, fc.nat(respellings.length - 1), fc.nat())
  .map(([value, which, at]) => {
    const text = canonicalJson(value);
    const [pattern, respell] = respellings[which]!;
    const global = new RegExp(pattern.source, 'g');
    const matches = [...text.matchAll(global)];
    if (matches.length === 0) return text;
    const match = matches[at % matches.length]!;
    const start = match.index;
    return text.slice(0, start) + respell(match[0]) + text.slice(start + match[0].length);
  })
  .filter((text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  });

describe('canonical form read off the text', () => {
  it('accepts the canonical text of any value', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(isCanonicalText(canonicalJson(value))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers as writing the value again does, for JSON.stringify text in any member order', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const text = JSON.stringify(value);
        expect(isCanonicalText(text)).toBe(reference(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('answers as writing the value again does, for canonical text spelled otherwise', () => {
    fc.assert(
      fc.property(respelled, (text) => {
        expect(isCanonicalText(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses what a writer other than JSON.stringify might write', () => {
    const refused = [
      ' {}',
      '{} ',
      '{"b":1,"a":2}',
      '{"a":1,"a":1}',
      '{"a":1.0}',
      '{"a":1e2}',
      '{"a":-0}',
      '{"a":1E+21}',
      '"\\/"',
      '"\\u0041"',
      '"\\u000a"',
      '"\\u001F"',
      '"\\ud83d\\ude00"',
      '"\\ud83d"'.replace('\\ud83d', '\ud83d'),
      '"\\u00e9"',
      '[1, 2]',
      '{"10":1,"9":2}'.replace('"10":1,"9":2', '"9":2,"10":1'),
    ];
    for (const text of refused) expect([text, isCanonicalText(text)]).toEqual([text, false]);
    const accepted = [
      '{}',
      '[]',
      '{"10":1,"9":2}',
      '{"":0,"a":[true,false,null]}',
      '"\\u001f\\b\\t\\n\\f\\r\\"\\\\"',
      '"\\ud83d"',
      '"😀"',
      '1e+21',
      '{"__proto__":1}',
    ];
    for (const text of accepted) expect([text, isCanonicalText(text)]).toEqual([text, true]);
    for (const text of [...refused, ...accepted])
      expect(isCanonicalText(text)).toBe(reference(text));
  });
});
