/**
 * RFC 8785 as canonical.ts writes it, against a plain reading of the RFC (members sorted by
 * their names' UTF-16 code units, strings and numbers as JSON.stringify writes them), for any
 * JSON value; and canonicalOrder, which lists members in that order without changing the value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalOrder } from '../../src/core/canonical.js';

function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const object = value as Record<string, unknown>;
  const members = Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${reference(object[key])}`);
  return `{${members.join(',')}}`;
}

function hasIndexNames(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasIndexNames);
  return Object.entries(value).some(
    ([key, member]) => /^(0|[1-9]\d*)$/.test(key) || hasIndexNames(member),
  );
}

describe('canonical JSON', () => {
  it('is the RFC 8785 spelling of any JSON value, in any order of its members', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('lists members in canonical order without changing the value, and keeps an ordered one as it is', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const ordered = canonicalOrder(value);
        expect(ordered).toStrictEqual(value);
        expect(canonicalJson(ordered)).toBe(reference(value));
        // JavaScript lists integer-like names first, whatever the order they were made in: an
        // object that has them is never in canonical order, and is copied each time.
        if (hasIndexNames(value)) return;
        expect(canonicalOrder(ordered)).toBe(ordered);
        expect(JSON.stringify(ordered)).toBe(reference(value));
        const read = JSON.parse(reference(value)) as unknown;
        expect(canonicalOrder(read)).toBe(read);
      }),
      { numRuns: 500 },
    );
  });

  it('orders nested members, and keeps a member named __proto__ a member', () => {
    const value = JSON.parse('{"b":[{"z":1,"y":2}],"__proto__":{"q":1,"p":2},"a":null}') as object;
    const ordered = canonicalOrder(value);
    expect(JSON.stringify(ordered)).toBe(
      '{"__proto__":{"p":2,"q":1},"a":null,"b":[{"y":2,"z":1}]}',
    );
    expect(Object.getPrototypeOf(ordered)).toBe(Object.prototype);
  });
});
