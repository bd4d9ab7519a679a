/** Entries from their leaf bytes, as bundles and the log carry them. */
import { fromBase64 } from '../../core/bytes.js';
import type { RecordEntry } from './types.js';

export function decodeLeaf(leaf: string): RecordEntry {
  return JSON.parse(new TextDecoder().decode(fromBase64(leaf))) as RecordEntry;
}

/** The session an entry belongs to, if any. */
export function sessionOf(entry: RecordEntry): string | undefined {
  const session = entry.payload.session;
  return typeof session === 'string' ? session : undefined;
}
