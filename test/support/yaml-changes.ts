/**
 * Changes to a YAML file for property tests of the files the command line reads (charters,
 * proceedings): a value replaced by another of the same file or a hostile one, an entry of a map
 * removed, an item of a list repeated; each at a place counted in document order.
 */
import fc from 'fast-check';
import { isMap, isSeq, visit } from 'yaml';
import type { Document } from 'yaml';

/** Values no file of the format holds where they are put: empty, controls, huge, of other types. */
const HOSTILE: unknown[] = [
  '',
  '\u0000',
  '\u202e',
  'x'.repeat(3000),
  '2026-02-30',
  '1917-13-01',
  'not-voting',
  'declined',
  'absolute',
  'unanimous',
  'membership',
  { count: 0 },
  { count: 99 },
  -1,
  0,
  1.5,
  1e308,
  true,
  null,
  [],
  {},
];

export interface Change {
  readonly at: number;
  readonly kind: 'replace' | 'remove' | 'repeat';
  readonly pick: number;
  readonly hostile: number;
}

/** The scalars of `doc` (keys left out), in document order. */
function scalarValues(doc: Document): unknown[] {
  const values: unknown[] = [];
  visit(doc, {
    Scalar(key, node) {
      if (key !== 'key') values.push(node.value);
    },
  });
  return values;
}

/** Makes `change` to `doc`: the `at`-th place of its kind, counting in document order. */
export function change(doc: Document, c: Change): void {
  const pool = scalarValues(doc);
  let seen = 0;
  const chosen = (count: number) => seen++ === c.at % Math.max(count, 1);
  if (c.kind === 'replace') {
    const count = pool.length;
    visit(doc, {
      Scalar(key) {
        if (key === 'key' || !chosen(count)) return;
        const value = c.hostile % 3 === 0 ? HOSTILE[c.pick % HOSTILE.length] : pool[c.pick % count];
        return doc.createNode(value);
      },
    });
    return;
  }
  let count = 0;
  const kind = (node: unknown): boolean => (c.kind === 'remove' ? isMap(node) : isSeq(node));
  visit(doc, { Collection: (_, node) => void (kind(node) && node.items.length > 0 && count++) });
  visit(doc, {
    Collection(_, node) {
      if (!kind(node) || node.items.length === 0 || !chosen(count)) return;
      const i = c.pick % node.items.length;
      if (c.kind === 'remove') node.items.splice(i, 1);
      else if (isSeq(node)) node.items.splice(i, 0, node.items[i]!);
    },
  });
}

/** One change: replacing values twice as often as removing or repeating. */
export const yamlChange = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'remove', 'repeat'),
  pick: fc.nat(),
  hostile: fc.nat(),
}) as fc.Arbitrary<Change>;
