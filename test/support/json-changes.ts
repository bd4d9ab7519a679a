/**
 * Changes to a JSON value for property tests of what the product reads as JSON (acts, bundles):
 * every place of the value, and a copy with one place changed or removed.
 */

export type Place = (string | number)[];

/** Every place of a JSON value: a path of keys and indexes, the value itself first. */
export function placesOf(value: unknown, at: Place = []): Place[] {
  if (value === null || typeof value !== 'object') return [at];
  const inner = Object.entries(value).flatMap(([k, v]) =>
    placesOf(v, [...at, Array.isArray(value) ? Number(k) : k]),
  );
  return [at, ...inner];
}

/** What `make` returns to take a place out of its object or list. */
export const REMOVED = Symbol('removed');

/** A copy of `value` with `make` applied to what is at `path` (or that place removed). */
export function changedAt(value: unknown, path: Place, make: (old: unknown) => unknown): unknown {
  if (path.length === 0) return make(value);
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  const [step, ...rest] = path;
  const next = changedAt(copy[step!], rest, make);
  if (next === REMOVED && Array.isArray(copy)) copy.splice(step as number, 1);
  else if (next === REMOVED) delete copy[step!];
  else copy[step!] = next;
  return copy;
}
