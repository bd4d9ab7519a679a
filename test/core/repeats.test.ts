import fc from 'fast-check';
import { expect, it } from 'vitest';
import { repeatsIn } from '../../src/core/repeats.js';

it('names each item that repeats an earlier one, with where that one first stood', () => {
  expect(repeatsIn(['a', 'b', 'a', 'c', 'b', 'a'], (x) => x)).toEqual([
    { at: 2, first: 0 },
    { at: 4, first: 1 },
    { at: 5, first: 0 },
  ]);
  expect(repeatsIn([], (x: string) => x)).toEqual([]);
});

it('finds a repeat exactly where an item is not the first of its key', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 12 }), (list) => {
      const expected = list.flatMap((item, at) =>
        list.indexOf(item) < at ? [{ at, first: list.indexOf(item) }] : [],
      );
      expect(repeatsIn(list, (x) => x)).toEqual(expected);
    }),
  );
});
