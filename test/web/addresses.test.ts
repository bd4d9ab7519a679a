/**
 * The app's addresses (src/web/lib/addresses.ts): which paths name a page, which cannot be an
 * address at all (the server refuses the same, and answers a browser with the app), and which
 * name an entry of the record.
 */
import { describe, expect, it } from 'vitest';
import { entryIndex, invalidAddress, match } from '../../src/web/lib/addresses.js';

describe('match', () => {
  it('gives the parameters decoded', () => {
    expect(match('/sessions/:id/ballot', '/sessions/board-1/ballot')).toEqual({ id: 'board-1' });
    expect(match('/sessions/:id', '/sessions/a%20b/')).toEqual({ id: 'a b' });
    expect(match('/sessions/:id', '/circulations/x')).toBeUndefined();
  });

  it('matches nothing where a parameter is not percent-encoded UTF-8, instead of throwing', () => {
    expect(match('/sessions/:id/ballot', '/sessions/%E0%A4%A/ballot')).toBeUndefined();
    expect(match('/sessions/:id', '/sessions/%FF')).toBeUndefined();
  });
});

describe('invalidAddress', () => {
  it('passes the addresses of the app', () => {
    expect(invalidAddress('/', '')).toBeUndefined();
    expect(invalidAddress('/sessions/board-1/ballot', '?x=%C3%A9')).toBeUndefined();
    expect(invalidAddress(`/sessions/${'x'.repeat(100)}`, '')).toBeUndefined();
  });

  it('says why the others cannot be one, in words', () => {
    expect(invalidAddress('/sessions/%E0%A4%A/ballot', '')).toMatch(/^it is garbled/);
    expect(invalidAddress('/record', '?from=%ZZ')).toMatch(/^it is garbled/);
    expect(invalidAddress('/sessions/%00/ballot', '')).toBe('it holds a NUL character');
    expect(invalidAddress(`/sessions/${'x'.repeat(5000)}`, '')).toBe(
      'a part of it is longer than any name in the record (100 characters)',
    );
  });
});

describe('entryIndex', () => {
  it('reads a whole number written as such', () => {
    expect(entryIndex('0')).toBe(0);
    expect(entryIndex('5')).toBe(5);
    expect(entryIndex('999999999999999')).toBe(999_999_999_999_999);
  });

  it('reads nothing else as an entry', () => {
    for (const text of ['', 'abc', '-1', '1e3', '00005', '05', '1.0', ' 5', '0x10', '1'.repeat(16)])
      expect(entryIndex(text), text).toBeUndefined();
  });
});
