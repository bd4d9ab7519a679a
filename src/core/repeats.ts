/** Items of a list that repeat one before them: a file attached twice, a key listed twice. */

/** Where an item repeating an earlier one stands (`at`), and where that one first stood. */
export interface Repeat {
  readonly at: number;
  readonly first: number;
}

/**
 * Each item of `list` whose `key` an item before it has, in order.
 *
 * @example
 * repeatsIn(['a', 'b', 'a'], (x) => x); // [{ at: 2, first: 0 }]
 */
export function repeatsIn<T>(list: readonly T[], key: (item: T) => string): Repeat[] {
  const firstAt = new Map<string, number>();
  const repeats: Repeat[] = [];
  list.forEach((item, at) => {
    const first = firstAt.get(key(item));
    if (first === undefined) firstAt.set(key(item), at);
    else repeats.push({ at, first });
  });
  return repeats;
}
