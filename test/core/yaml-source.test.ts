/**
 * Reading the files people write: bytes that are not UTF-8, empty and oversized files, aliases,
 * keys that are not data, and syntax errors placed where the author must look.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHARTER_FILE, parseCharter } from '../../src/core/charter/index.js';
import { firstInvalidUtf8 } from '../../src/core/format/source-bytes.js';
import type { Loaded } from '../../src/core/format/yaml-source.js';
import { MAX_ALIAS_VALUES } from '../../src/core/format/yaml-value.js';
import { parseProceedings, PROCEEDINGS_FILE } from '../../src/core/proceedings/index.js';

const CHARTER = readFileSync(
  new URL('../../examples/cooperative-board/charter.yaml', import.meta.url),
  'utf8',
);
const PROCEEDINGS = readFileSync(
  new URL('../../examples/cooperative-board/2025-10-08.yaml', import.meta.url),
  'utf8',
);
const charter = (() => {
  const loaded = parseCharter(CHARTER);
  if (!loaded.ok) throw new Error('the example charter is invalid');
  return loaded.value;
})();

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)),
  );

function problems<T>(result: Loaded<T>): string[] {
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
}

describe('bytes that are not UTF-8 text', () => {
  it('refuses a Latin-1 byte at its line and column, never replacing it', () => {
    const latin1 = bytes(CHARTER.replace('Ada Okafor', 'Ada Okaf'), [0xe9], 'r\n');
    expect(problems(parseCharter(latin1))).toEqual([
      expect.stringMatching(/^\d+:\d+: byte 0xE9 is not valid UTF-8/),
    ]);
    expect(problems(parseCharter(bytes('a: 1\nb: Caf', [0xe9], '\n')))).toEqual([
      '2:7: byte 0xE9 is not valid UTF-8 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8',
    ]);
    // The column counts characters, as YAML positions do: "é" before the bad byte is one.
    expect(problems(parseCharter(bytes('name: é', [0xff])))[0]).toMatch(/^1:8: byte 0xFF/);
  });

  it('finds the first byte outside well-formed UTF-8: overlong forms, surrogates, truncation', () => {
    expect(firstInvalidUtf8(bytes('plain ascii and é€😀'))).toBe(-1);
    expect(firstInvalidUtf8(bytes('a', [0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(bytes('ab', [0xed, 0xa0, 0x80]))).toBe(2); // a surrogate
    expect(firstInvalidUtf8(bytes('abc', [0xf4, 0x90, 0x80, 0x80]))).toBe(3); // above U+10FFFF
    expect(firstInvalidUtf8(bytes('é', [0xe2, 0x82]))).toBe(2); // cut short
    expect(firstInvalidUtf8(bytes([0x80]))).toBe(0); // a continuation byte alone
  });

  it('says when a file is UTF-16, with or without a byte order mark', () => {
    const utf16 = (text: string): number[] => [...text].flatMap((c) => [c.charCodeAt(0), 0]);
    expect(problems(parseCharter(bytes([0xff, 0xfe], utf16('collegium: 1\n'))))).toEqual([
      '1:1: the file is UTF-16; save it as UTF-8',
    ]);
    expect(problems(parseCharter(bytes(utf16('collegium: 1\n'))))[0]).toMatch(
      /^1:2: a NUL byte: the file is not UTF-8 text \(UTF-16 without a byte order mark\?\)/,
    );
  });

  it('reads a UTF-8 file with a byte order mark', () => {
    expect(parseCharter(bytes([0xef, 0xbb, 0xbf], CHARTER)).ok).toBe(true);
  });
});

describe('files with nothing to read, or too much', () => {
  it('says the file is empty, has no content, or is not a mapping', () => {
    expect(problems(parseCharter(new Uint8Array()))).toEqual(['1:1: the file is empty']);
    expect(problems(parseCharter(''))).toEqual(['1:1: the file is empty']);
    expect(problems(parseCharter('# only a comment\n\n'))).toEqual([
      '1:1: the file has no content',
    ]);
    expect(problems(parseProceedings('- a\n- b\n', charter))).toEqual([
      '1:1: the file holds a list; it must hold keys and values (key: value)',
    ]);
    expect(problems(parseCharter('just words\n'))).toEqual([
      '1:1: the file holds a single value; it must hold keys and values (key: value)',
    ]);
  });

  it('refuses a file larger than its kind allows, saying both sizes', () => {
    const padding = (size: number): string => `# ${'x'.repeat(size)}\n`;
    expect(problems(parseCharter(CHARTER + padding(CHARTER_FILE.maxBytes)))).toEqual([
      expect.stringMatching(
        /^1:1: the file is 10\d{5} bytes, more than the 1048576 bytes a charter may have$/,
      ),
    ]);
    expect(problems(parseProceedings(padding(5 * 1024 * 1024), charter))).toEqual([
      '1:1: the file is 5 MiB, more than the 4 MiB a proceedings file may have',
    ]);
    expect(PROCEEDINGS_FILE.maxBytes).toBeGreaterThan(CHARTER_FILE.maxBytes);
  });
});

describe('aliases', () => {
  it('lets an ordinary file use aliases freely, far beyond a hundred', () => {
    const motions = Array.from(
      { length: 150 },
      (_, i) => `      - id: m${i}\n        text: Motion ${i}.\n        vote: { aye: *all }\n`,
    ).join('');
    const file = `body: board
sessions:
  - id: s1
    present: &all [ada, ben, chen, dana, fay, gus]
    motions:
${motions}`;
    const result = parseProceedings(file, charter);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.sessions[0]!.motions).toHaveLength(150);
  });

  it('refuses a billion laughs where the expansion passes the bound', () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) {
      const [name, previous] = ['abcdefghi'[i], 'abcdefghi'[i - 1]];
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const [problem, ...rest] = problems(parseCharter(lines.join('\n') + '\n'));
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      new RegExp(`^7:\\d+: YAML: aliases expand the document by more than ${MAX_ALIAS_VALUES}`),
    );
  });

  it('refuses a tag that makes bytes or a date of a value, once, at the value', () => {
    // Read as bytes, a value was an object whose hundred methods were each an unknown key.
    expect(problems(parseCharter('collegium: 1\norganization: !!binary aGVsbG8=\n'))).toEqual([
      '2:24: YAML: the tag !!binary makes bytes of the value, which no field takes: write it plainly, without the tag (a date as 2026-12-10)',
    ]);
    expect(
      problems(parseCharter('collegium: 1\norganization:\n  name: !!timestamp 2001-12-14\n')),
    ).toEqual([
      '3:21: YAML: the tag !!timestamp makes a date object of the value, which no field takes: write it plainly, without the tag (a date as 2026-12-10)',
    ]);
  });

  it('refuses an alias without its anchor, or inside the value it names', () => {
    expect(problems(parseCharter('collegium: 1\npeople: *nobody\n'))).toEqual([
      '2:9: YAML: no anchor &nobody before this alias',
    ]);
    expect(problems(parseCharter('people: &p { a: *p }\n'))).toEqual([
      '1:17: YAML: the alias *p refers to a value that contains it',
    ]);
  });
});

describe('keys', () => {
  it('refuses __proto__ as a key, at its place, and changes no prototype', () => {
    expect(problems(parseCharter(`${CHARTER}__proto__: { polluted: true }\n`))).toEqual([
      `${CHARTER.split('\n').length}:1: '__proto__' cannot be a key`,
    ]);
    const nested = CHARTER.replace('people:\n', 'people:\n  __proto__: { name: X }\n');
    expect(problems(parseCharter(nested))).toEqual([
      expect.stringMatching(/^\d+:3: '__proto__' cannot be a key$/),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('says a key given twice in its own words, where the second is and where the first was', () => {
    const twice = [
      'collegium: 1',
      'organization: {id: org, name: Org, id: again}',
      'people:',
      '  a: {name: A}',
      'bodies:',
      '  main:',
      '    name: Main',
      '    members: [a]',
      '    quorum: majority',
      '    majority: votes-cast',
      '    quorum: all',
      '',
    ].join('\n');
    expect(problems(parseCharter(twice))).toEqual([
      "2:36: the key 'id' is given twice in this mapping (first at line 2, column 16)",
      "11:5: the key 'quorum' is given twice in this mapping (first at line 9, column 5)",
    ]);
  });

  it('finds a duplicate key among many, at the second one', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: v`).join('\n');
    expect(problems(parseCharter(`extra:\n${keys}\n  k7: again\n`))).toContain(
      "20002:3: the key 'k7' is given twice in this mapping (first at line 9, column 3)",
    );
  });

  it('refuses a key that is not a plain value', () => {
    expect(problems(parseCharter('? [a, b]\n: 1\n'))).toEqual([
      '1:3: YAML: a key must be a plain value',
    ]);
  });
});

describe('numbers too large to hold', () => {
  const tooLarge = (written: string) =>
    `the number '${written.length > 60 ? `${written.slice(0, 57)}...` : written}' is too large to hold (the largest is about 1.8e308)`;
  it.each([
    ['1e400', '1e400'],
    ['-1e400', '-1e400'],
    ['a 400-digit integer', '9'.repeat(400)],
    ['a 300-digit hex integer', '0x' + 'f'.repeat(300)],
  ])('refuses %s in a charter as too large, where it is written, not as Infinity', (_, written) => {
    const text = CHARTER.replace('quorum: { count: 4 }', `quorum: { count: ${written} }`);
    expect(problems(parseCharter(text))).toEqual([`24:22: ${tooLarge(written)}`]);
  });
  it('refuses one in a proceedings file too', () => {
    const text = PROCEEDINGS.replace('vote: { aye: 3 }', `vote: { aye: ${'1'.repeat(400)} }`);
    const found = problems(parseProceedings(text, charter));
    expect(found).toEqual([`32:22: ${tooLarge('1'.repeat(400))}`]);
  });
  it('reads YAML infinity (.inf) as written, refused by the schema as it is', () => {
    const text = CHARTER.replace('quorum: { count: 4 }', 'quorum: { count: .inf }');
    expect(problems(parseCharter(text)).join('\n')).not.toContain('too large');
  });
});

describe('syntax errors', () => {
  it('points at the bracket or quote that was opened and never closed', () => {
    const charterWith = (line3: string): string =>
      `collegium: 1\norganization: { id: org, name: Org }\npeople: ${line3}\nbodies: {}\n`;
    expect(problems(parseCharter(charterWith('[ada, ben')))).toEqual([
      '3:9: YAML: this [ is never closed with ]',
    ]);
    expect(problems(parseCharter(charterWith('{ ada: { name: Ada }')))).toEqual([
      '3:9: YAML: this { is never closed with }',
    ]);
    expect(problems(parseCharter('organization: "Org\npeople: {}\n'))).toEqual([
      '1:15: YAML: this " is never closed with "',
    ]);
  });

  it('keeps every other syntax error where the parser found it, in words of this project', () => {
    const first = (text: string) => problems(parseCharter(text))[0];
    expect(first('a: b: c\n')).toBe(
      '1:4: YAML: a second key on one line, as in "a: b: c": put the inner keys on lines of their own, indented, or quote the value',
    );
    expect(first('a:\n  b: 1\n c: 2\n')).toBe(
      '3:1: YAML: this line is not indented as those around it: the keys of one mapping, and the items of one list, begin in the same column',
    );
    expect(first('a: 1\n]\n')).toBe(
      '2:1: YAML: "]" is not expected here: look at the indentation, and at the brackets and quotes before it',
    );
    expect(first("a: 1\nb: 'x'y\n")).toBe(
      '2:7: YAML: more text after a whole value: a value that goes on is indented under its key, or quoted',
    );
    expect(first('a\nb: 1\n')).toMatch(/^1:1: YAML: a key runs over more than one line/);
    expect(first('a: @x\n')).toBe(
      '1:4: YAML: a value may not begin with this character unless it is quoted: put it in quotes',
    );
    expect(first('a: "\\q"\n')).toMatch(/^1:5: YAML: this escape \(\\\) is not one/);
    expect(first('a: &x &y 1\n')).toBe('1:7: YAML: a value has at most one anchor (&)');
  });

  it('never says a syntax error in the YAML library’s words', () => {
    const library = /token|implicit|scalar|node|flow|block|compact|stream/i;
    const texts = fc.array(
      fc.constantFrom(
        ': ',
        '- ',
        '[',
        ']',
        '{',
        '}',
        ',',
        '"',
        "'",
        '\n',
        '\n  ',
        ' ',
        'a',
        '@',
        '&x ',
        '!t ',
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(texts, (pieces) => {
        const result = parseCharter(pieces.join(''));
        if (!result.ok)
          for (const p of result.problems)
            if (p.message.startsWith('YAML: ')) expect(p.message).not.toMatch(library);
      }),
      { numRuns: 300 },
    );
  });

  it('says a second document and a tab in plain words, once a line', () => {
    const second = problems(parseCharter(`${CHARTER}---\nother: 1\n`));
    expect(second).toEqual([
      `${CHARTER.split('\n').length}:1: YAML: a second document begins here (after ---): a file holds one`,
    ]);
    // The parser finds three errors on the tab's line; the first is the one to mend.
    const tabbed = problems(parseCharter(CHARTER.replace('\n  name:', '\n\tname:')));
    expect(tabbed).toHaveLength(1);
    expect(tabbed[0]).toMatch(/^\d+:1: YAML: a tab indents this line: indent with spaces$/);
  });
});

describe('any input', () => {
  // More runs on demand: FUZZ_RUNS=5000 npx vitest run test/core/yaml-source.test.ts
  const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
  const neverThrows = (input: string | Uint8Array): void => {
    for (const result of [parseCharter(input), parseProceedings(input, charter)]) {
      if (result.ok) continue;
      expect(result.problems.length).toBeGreaterThan(0);
      for (const p of result.problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.col).toBeGreaterThanOrEqual(1);
        expect(p.message.length).toBeGreaterThan(0);
      }
    }
  };

  it('parses or lists positioned problems for random bytes, never anything else', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), neverThrows), { numRuns: RUNS });
  });

  it('parses or lists positioned problems for random YAML-like text', () => {
    const pieces = [
      ...[': ', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '&b ', '*b', '? ', '!!str ', '|\n'],
      ...['"', "'", '#', '\n', '\n  ', '\n    ', '__proto__', 'constructor', '<<: ', '---\n'],
      ...['collegium', 'people', 'bodies', 'sessions', 'body', 'motions', 'vote', 'aye', '1'],
      ...['ada', 'board', 'alternatives', 'adopted', '\t', 'é', '\u0000', '\ufeff', '%YAML 1.2\n'],
    ];
    const texts = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join('')),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .tuple(fc.nat(PROCEEDINGS.length), fc.string({ maxLength: 8 }))
        .map(([at, s]) => PROCEEDINGS.slice(0, at) + s + PROCEEDINGS.slice(at)),
      fc
        .tuple(fc.nat(CHARTER.length), fc.nat(40))
        .map(([at, n]) => CHARTER.slice(0, at) + CHARTER.slice(at + n)),
    );
    fc.assert(fc.property(texts, neverThrows), { numRuns: RUNS });
  });
});
