/**
 * The audit: reads the whole record as a stranger would, trusting nothing the server computed.
 * Every entry must be canonical, correctly placed and linked, signed by a key allowed to sign it,
 * permitted by the charter in force, and every decision must be what the charter gives.
 * It stops at the first entry that fails and names it.
 */
import { toHex } from '../core/bytes.js';
import { DomainError } from '../core/errors.js';
import { applyAct, decideMotion, emptyState, motionKey } from '../core/state/index.js';
import { canonicalJson } from '../record/canonical.js';
import {
  decodeEntry,
  EntryFormatError,
  toRecordedAct,
  verifyEntrySignature,
} from '../record/entry.js';
import { leafHash } from '../record/merkle.js';
import type { RecordStore } from '../store/types.js';

export interface AuditFailure {
  readonly index: number;
  readonly reason: string;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly size: number;
  /** Entries that passed every check. */
  readonly verified: number;
  readonly failure?: AuditFailure;
}

export async function audit(
  store: RecordStore,
  onProgress?: (done: number, total: number) => void,
): Promise<AuditReport> {
  const size = await store.size();
  const state = emptyState();
  let expected = 0;
  let prev: string | null = null;
  const failed = (index: number, reason: string): AuditReport => ({
    ok: false,
    size,
    verified: index,
    failure: { index, reason },
  });
  for await (const stored of store.entries(0, size)) {
    if (stored.index !== expected)
      return failed(
        expected,
        `entry ${expected} is missing: the next stored entry is ${stored.index}`,
      );
    const problem = checkEntry(state, stored.bytes, expected, prev);
    if (problem) return failed(expected, problem);
    prev = toHex(leafHash(stored.bytes));
    expected += 1;
    if (onProgress && expected % 10_000 === 0) onProgress(expected, size);
  }
  if (expected !== size) return failed(expected, `entry ${expected} is missing`);
  onProgress?.(size, size);
  return { ok: true, size, verified: size };
}

/** What is wrong with the entry, or undefined. Applies it to `state` when it is sound. */
function checkEntry(
  state: ReturnType<typeof emptyState>,
  bytes: Uint8Array,
  index: number,
  prev: string | null,
): string | undefined {
  let entry;
  try {
    entry = decodeEntry(bytes);
  } catch (error) {
    return error instanceof EntryFormatError ? `malformed: ${error.message}` : String(error);
  }
  if (entry.index !== index) return `it says it is entry ${entry.index}`;
  if (entry.prev !== prev)
    return `its link to the entry before is broken (prev ${entry.prev ?? 'null'}, expected ${prev ?? 'null'})`;
  const org = state.charter?.organization.id;
  if (org !== undefined && entry.org !== org)
    return `it belongs to organization '${entry.org}', not '${org}'`;
  if (!verifyEntrySignature(entry))
    return `its signature does not verify (signer ${entry.signer ?? 'custodian'})`;
  const act = toRecordedAct(entry);
  let recomputed: string | undefined;
  try {
    if (act.type === 'vote.close') {
      const motion = state.motions.get(motionKey(act.payload.session, act.payload.motion));
      if (motion?.status === 'open' && state.charter)
        recomputed = canonicalJson(decideMotion(state, state.charter, motion));
    }
    applyAct(state, act);
  } catch (error) {
    if (error instanceof DomainError) return `the charter does not allow it: ${error.message}`;
    return `it cannot be applied: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (act.type === 'vote.close' && recomputed !== canonicalJson(act.payload.decision)) {
    return `its decision on ${act.payload.motion} is not what the charter gives: recorded ${act.payload.decision.outcome}, recomputed ${recomputed ? (JSON.parse(recomputed) as { outcome: string }).outcome : 'none'}`;
  }
  return undefined;
}
