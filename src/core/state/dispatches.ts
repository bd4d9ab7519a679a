/** The register of dispatches, read: where each stands, and the number the next one gets. */
import type { DispatchState, State } from './model.js';

/** Where a dispatch stands: registered, referred (to someone), or closed. */
export function dispatchStatus(d: DispatchState): 'registered' | 'referred' | 'closed' {
  if (d.closed) return 'closed';
  return d.referrals.length > 0 ? 'referred' : 'registered';
}

/**
 * The number the register gives a dispatch received on `received`: `YEAR/N`, N one more than the
 * body's dispatches of that year (or `N` when the date has no year), skipping numbers taken.
 */
export function nextDispatchNumber(state: State, body: string, received: string): string {
  const numbers = [...state.dispatches.values()]
    .filter((d) => d.body === body)
    .map((d) => d.number);
  return nextNumberAfter(numbers, received);
}

/** The same, from the numbers the body's register holds (a browser reads them from the API). */
export function nextNumberAfter(numbers: readonly string[], received: string): string {
  const year = /^\d{4}/.exec(received)?.[0];
  const prefix = year ? `${year}/` : '';
  const taken = new Set(numbers);
  let n = [...taken].filter((t) => t.startsWith(prefix)).length + 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}
