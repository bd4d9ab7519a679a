/**
 * For an unknown key in a file, the known key it is likely a slip of: `qorum` for `quorum`. Read
 * from the schema the file is checked against, so that every kind of file is told alike.
 */
import type { z } from 'zod';
import type { Path } from './problem.js';

/** What a schema is made of, as zod keeps it: only the parts that lead to keys. */
interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly getter?: () => z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly items?: readonly z.ZodType[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value may be read by: through optional values, defaults, pipes and choices. */
function forms(schema: z.ZodType, depth = 0): z.ZodType[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  const next = def.innerType ?? def.in ?? def.getter?.();
  if (next !== undefined) return forms(next, depth + 1);
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => forms(o, depth + 1));
  if (def.type === 'intersection')
    return [def.left, def.right].flatMap((s) => (s ? forms(s, depth + 1) : []));
  return [schema];
}

/** The schemas of the value at `key` of a value read by `schema`. */
function step(schema: z.ZodType, key: string | number): z.ZodType[] {
  const def = defOf(schema);
  const child =
    def.type === 'object'
      ? def.shape?.[String(key)]
      : def.type === 'array'
        ? def.element
        : def.type === 'record'
          ? def.valueType
          : def.type === 'tuple' && typeof key === 'number'
            ? def.items?.[key]
            : undefined;
  return child === undefined ? [] : forms(child);
}

/** The keys the schema knows for the mapping at `path`, in any of its forms. */
export function knownKeysAt(schema: z.ZodType, path: Path): string[] {
  let here = forms(schema);
  for (const key of path) here = here.flatMap((s) => step(s, key));
  const keys = here.flatMap((s) => {
    const def = defOf(s);
    return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
  });
  return [...new Set(keys)];
}

/**
 * The one known key `key` is a slip of, if any: a letter or two left out, added, changed or two
 * swapped (at most one such for a short key). Two equally close leave the reader to choose.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const most = key.length <= 4 ? 1 : 2;
  let best: string[] = [];
  let bestDistance = most + 1;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [[k], d];
    else if (d === bestDistance && d <= most) best.push(k);
  }
  return best.length === 1 && best[0] !== key ? best[0] : undefined;
}

/** Letters inserted, deleted, changed, or two neighbours swapped, to make `a` into `b`. */
export function editDistance(a: string, b: string): number {
  // Rows of the optimal-string-alignment table: two before, one before, this one.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    [before, previous] = [previous, row];
  }
  return previous[b.length]!;
}
