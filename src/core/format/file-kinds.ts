/**
 * The other files of Collegium, told by their top keys. Given in place of another (a proceedings
 * file as the charter, a key file as a trust policy), such a file would be answered with every
 * key its format lacks and every one it has; one line saying what it is, and which command reads
 * it, is the answer that helps.
 */
import type { FileKind } from './source-bytes.js';

interface KnownFile {
  /** As a sentence names it, as FileKind.name does. */
  readonly name: string;
  readonly is: (top: Record<string, unknown>) => boolean;
  /** Where it is given instead. */
  readonly use: string;
}

const has = (top: Record<string, unknown>, ...keys: string[]) => keys.every((k) => k in top);

const KNOWN: readonly KnownFile[] = [
  {
    name: 'a charter',
    is: (top) => has(top, 'collegium', 'bodies') || has(top, 'organization', 'people'),
    use: 'give it with --charter (collegium init, collegium replay), or to collegium charter check',
  },
  {
    name: 'a proceedings file',
    is: (top) =>
      'body' in top &&
      ['sessions', 'circulations', 'dispatches', 'instruments'].some((k) => k in top),
    use: 'give it to collegium replay',
  },
  {
    name: 'a trust policy',
    is: (top) => has(top, 'accept') && ('logs' in top || 'witnesses' in top),
    use: 'give it with --trust (collegium verify BUNDLE --trust POLICY)',
  },
  {
    name: 'a key file',
    is: (top) => top['type'] === 'collegium-ed25519-private-key',
    use: 'give it with --key',
  },
  {
    name: 'a bundle',
    is: (top) => typeof top['format'] === 'string' && top['format'].startsWith('collegium-'),
    use: 'give it to collegium verify',
  },
];

/**
 * "this is a proceedings file, not a charter: give it to collegium replay", for a file of another
 * known kind than `kind`; undefined for anything else, whose problems are told one by one.
 */
export function otherKindOfFile(value: unknown, kind: FileKind): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const top = value as Record<string, unknown>;
  const known = KNOWN.find((k) => k.name !== kind.name && k.is(top));
  return known && !KNOWN.some((k) => k.name === kind.name && k.is(top))
    ? `this is ${known.name}, not ${kind.name}: ${known.use}`
    : undefined;
}
