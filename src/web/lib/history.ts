/**
 * What this browser saw of the record, kept against a rewritten history: the latest checkpoint it
 * verified (size and root, in localStorage, per log key). On every visit it fetches the current
 * one and a consistency proof from the one it kept, and verifies both here, with WebCrypto. A
 * server whose history does not extend what the browser saw is reported, and what was kept is
 * not replaced.
 */
import { fromBase64, toBase64 } from '../../core/bytes.js';
import { verifyConsistency } from '../../record/merkle-proofs.js';
import { parseVerifierKey, verifyCheckpoint } from '../../verify/note.js';
import { fromHex } from '../../verify/web-crypto.js';
import { ApiError, getJson } from './api.js';

export type HistoryCheck =
  /** Not checked: the record is not readable to this visitor, or the server not reached. */
  | { readonly state: 'unchecked' }
  | { readonly state: 'extends'; readonly size: number }
  | {
      readonly state: 'rewritten';
      /** The size this browser saw before, and the one the server shows now. */
      readonly seen: number;
      readonly shown: number;
      readonly reason: string;
    };

interface Seen {
  readonly size: number;
  /** The root hash, base64. */
  readonly root: string;
}

export function storageKey(logKey: string): string {
  return `collegium.checkpoint.${logKey}`;
}

/** Checks the server's current checkpoint against what this browser saw; keeps it if it extends. */
export async function checkHistory(storage: Storage = localStorage): Promise<HistoryCheck> {
  let logKey: string;
  let note: string;
  try {
    logKey = (await getJson<{ logKey: string }>('/api/log-key')).logKey;
    note = (await getJson<{ note: string }>('/api/checkpoint')).note;
  } catch {
    return { state: 'unchecked' };
  }
  const key = storageKey(logKey);
  const seen = readSeen(storage.getItem(key));
  let current;
  try {
    current = await verifyCheckpoint(note, await parseVerifierKey(logKey));
  } catch (error) {
    const reason = `its checkpoint does not verify with its log key: ${(error as Error).message}`;
    return { state: 'rewritten', seen: seen?.size ?? 0, shown: 0, reason };
  }
  const shown = current.size;
  if (seen !== undefined) {
    const reason = await inconsistency(seen, shown, current.rootHash);
    if (reason !== undefined) return { state: 'rewritten', seen: seen.size, shown, reason };
  }
  storage.setItem(key, JSON.stringify({ size: shown, root: toBase64(current.rootHash) }));
  return { state: 'extends', size: shown };
}

/** Why the tree of `size` with `root` does not extend the one seen, or undefined if it does. */
async function inconsistency(
  seen: Seen,
  size: number,
  root: Uint8Array,
): Promise<string | undefined> {
  if (seen.size > size) return 'the server shows fewer entries than this browser saw';
  if (seen.size === 0) return undefined;
  let proof: Uint8Array[] = [];
  if (seen.size < size) {
    try {
      const answer = await getJson<{ proof: string[] }>(
        `/api/proofs/consistency?old=${seen.size}&new=${size}`,
      );
      proof = answer.proof.map(fromHex);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500)
        return `the server gives no consistency proof: ${error.message}`;
      throw error;
    }
  }
  try {
    verifyConsistency(seen.size, size, proof, fromBase64(seen.root), root);
    return undefined;
  } catch (error) {
    return `the consistency proof fails: ${(error as Error).message}`;
  }
}

function readSeen(text: string | null): Seen | undefined {
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Seen>;
    if (typeof value.size === 'number' && typeof value.root === 'string')
      return { size: value.size, root: value.root };
  } catch {
    // Not what this code writes: it is replaced by what the server shows now.
  }
  return undefined;
}
