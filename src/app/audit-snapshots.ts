/**
 * The audit of the stored snapshots of the state (app/snapshots.ts), which opening reads the
 * state from instead of folding the log: each must be the state the audit folds at its size.
 */
import type { State } from '../core/state/index.js';
import type { RecordStore } from '../store/types.js';
import type { FoldWatch } from './audit-entries.js';
import { Failed } from './audit-failure.js';
import { LOG_SECRET } from './ledger.js';
import { snapshotVersion } from './snapshot-version.js';
import { storedState } from './snapshots.js';

/**
 * The stored snapshots of this version (those of another are never used), each read as opening
 * reads it, then compared with the state the audit folds at its size: show, protocol and serve
 * read the state from the latest, and its digest's key is in the store for anyone holding it.
 * One opening would not use (its digest, root or parts do not match) is named as well.
 */
export async function snapshotCheck(
  store: RecordStore,
  size: number,
): Promise<FoldWatch & { readonly failures: Failed[] }> {
  const failures: Failed[] = [];
  const states = new Map<number, State>();
  const secret = await store.secret(LOG_SECRET);
  for (const n of secret ? await store.snapshotSizes() : []) {
    const snapshot = await store.snapshot(n);
    if (!snapshot || snapshot.version !== snapshotVersion()) continue;
    const stored = await storedState(store, snapshot, size, secret!);
    if (typeof stored !== 'string') states.set(n, stored);
    else failures.push(snapshotFailure(n, `opening would not use it: ${stored}`));
  }
  return {
    failures,
    sizes: new Set(states.keys()),
    keepBallotsUntil: Math.max(0, ...states.keys()),
    at(n, state) {
      if (!sameValue(state, states.get(n)))
        failures.push(
          snapshotFailure(
            n,
            'its state is not the one the log folds to at that size: it was altered, and would be read as the record',
          ),
        );
      states.delete(n);
    },
  };
}

function snapshotFailure(size: number, reason: string): Failed {
  return new Failed({ item: `snapshot of size ${size}`, reason });
}

/**
 * Whether two states hold the same: Maps, Sets, arrays, bytes and plain objects alike, whatever
 * the order of an object's keys, and a key whose value is undefined taken for no key (a ledger's
 * own acts keep their payloads as built; the log's, as read back from canonical JSON).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array)
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
  if (a instanceof Map || b instanceof Map)
    return (
      a instanceof Map &&
      b instanceof Map &&
      a.size === b.size &&
      [...a].every(([key, value]) => b.has(key) && sameValue(value, b.get(key)))
    );
  if (a instanceof Set || b instanceof Set)
    return (
      a instanceof Set && b instanceof Set && a.size === b.size && [...a].every((v) => b.has(v))
    );
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((value, i) => sameValue(value, b[i]))
    );
  const defined = (o: object) =>
    Object.entries(o).filter(([, value]) => value !== undefined) as [string, unknown][];
  const [x, y] = [defined(a), new Map(defined(b))];
  return (
    x.length === y.size && x.every(([key, value]) => y.has(key) && sameValue(value, y.get(key)))
  );
}
