/** Words shared by every rendering of the record. */

/** "1 day", "3 days", "0 ayes": the count with its noun in the right number. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
