/**
 * The audit of the entries, in order: each must be canonical, signed by the key it names,
 * correctly placed and linked, and permitted by the charter in force (applied to the state from
 * entry 0 on). Read a page at a time: a page is read, its entries decoded and their signed
 * messages sent to the verifying threads, while the page before it is followed on this thread.
 * Each entry is decoded once, here; the threads are sent only messages and signatures.
 */
import { setImmediate } from 'node:timers/promises';
import { DomainError } from '../core/errors.js';
import { applyAct, emptyState, motionKey } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { toRecordedAct } from '../record/entry.js';
import type { SignedEntry } from '../record/entry.js';
import { leafHash } from '../record/merkle.js';
import type { RecordStore, StoredEntry } from '../store/types.js';
import { entryFailure } from './audit-failure.js';
import type { AuditProgress, Failed } from './audit-failure.js';
import type { TreeCheck } from './audit-tree.js';
import { readStored, signatureProblem } from './entry-check.js';
import type { SignatureBatch, Verifier } from './verify-pool.js';

/** Entries followed before their signatures' answers are awaited. */
const PAGE = 4000;

/**
 * Entries followed, their signatures on their way to the verifying threads: what is kept of them
 * until the threads answer (the entries themselves are let go as soon as they are followed).
 */
interface FollowedPage {
  readonly from: number;
  /** Their leaf hashes, end to end. */
  readonly leaves: Uint8Array;
  /** Answers in the order of `sent` (positions in the page): 1 where the signature verifies. */
  readonly checked: Promise<Uint8Array>;
  readonly sent: readonly number[];
  /** Whose signature each sent entry carries, to name a failure. */
  readonly signers: readonly (string | null)[];
  /** The first entry that failed on this thread, by its position: the page ends there. */
  readonly stop?: { readonly at: number; readonly failure: Failed };
}

/** Where the following is: the state and the leaf hash (hex) of the last entry followed. */
interface Follower {
  readonly state: State;
  prev: string | null;
  readonly watch: FoldWatch | undefined;
}

/** What looks at the state as it is folded, at some sizes (the stored snapshots', see audit.ts). */
export interface FoldWatch {
  /** The sizes at which `at` is given the state. */
  readonly sizes: ReadonlySet<number>;
  /** The ballots of votes closed before this size are kept: the state there holds them. */
  readonly keepBallotsUntil: number;
  at(size: number, state: State): void;
}

/** A page being followed, an entry at a time. */
class PageFollower {
  private readonly leaves = Buffer.allocUnsafeSlow(32 * PAGE);
  private readonly batch: SignatureBatch;
  private readonly sent: number[] = [];
  private readonly signers: (string | null)[] = [];
  private stop: FollowedPage['stop'];
  length = 0;

  constructor(
    readonly from: number,
    verifier: Verifier,
  ) {
    this.batch = verifier.batch();
  }

  get full(): boolean {
    return this.length === PAGE || this.stop !== undefined;
  }

  /**
   * Reads the entry (its form, its leaf hash, its signed message for the threads) and follows it
   * in its place; the page stops at the first that fails.
   */
  follow(follower: Follower, { index, bytes }: StoredEntry): void {
    const at = this.length++;
    this.leaves.set(leafHash(bytes), 32 * at);
    const read = readStored(bytes);
    if (typeof read === 'string') {
      this.stop = { at, failure: entryFailure(index, read) };
      return;
    }
    const { entry, signature, message } = read;
    if (!signature) {
      this.stop = { at, failure: entryFailure(index, signatureProblem(entry)) };
      return;
    }
    this.batch.add(entry.key, signature, message);
    this.sent.push(at);
    this.signers.push(entry.signer);
    const { state, watch } = follower;
    const keep = index < (watch?.keepBallotsUntil ?? 0);
    const problem = followEntry(state, entry, index, follower.prev, keep);
    if (problem) this.stop = { at, failure: entryFailure(index, problem) };
    else follower.prev = this.leaves.toString('hex', 32 * at, 32 * at + 32);
    if (!problem && watch?.sizes.has(index + 1)) watch.at(index + 1, state);
  }

  /** The page as followed, its last signatures sent. */
  finish(): FollowedPage {
    const checked = this.batch.done();
    checked.catch(() => undefined); // awaited when the page is settled, unless one fails first
    const { from, sent, signers, stop } = this;
    const leaves = this.leaves.subarray(0, 32 * this.length);
    return { from, leaves, checked, sent, signers, ...(stop ? { stop } : {}) };
  }
}

/**
 * Once its signatures are answered: the page's first failure, if any, is thrown (what is wrong
 * with an entry on its own, its form or its signature, is named before what is wrong with it in
 * its place); else its leaves go to the tree check.
 */
async function settle(page: FollowedPage, tree: TreeCheck): Promise<void> {
  const valid = await page.checked;
  const { stop } = page;
  // An entry that failed on this thread was sent only if its form and signature were sound.
  for (let k = 0; k < page.sent.length; k++) {
    const at = page.sent[k]!;
    if (stop && at > stop.at) break;
    if (valid[k] !== 1)
      throw entryFailure(page.from + at, signatureProblem({ signer: page.signers[k]! }));
  }
  if (stop) throw stop.failure;
  if (page.leaves.length > 0) await tree.addPage(page.from, page.leaves);
}

/**
 * Follows the record from entry 0, a page at a time: each page is followed as its entries are
 * read, while the threads check the signatures of the page before it, which is settled next. The
 * threads always have a page to check, and this thread holds no entry longer than it needs.
 */
export async function auditEntries(
  store: RecordStore,
  size: number,
  verifier: Verifier,
  tree: TreeCheck,
  counts: { verified: number },
  onProgress?: (p: AuditProgress) => void,
  watch?: FoldWatch,
): Promise<State> {
  const follower: Follower = { state: emptyState(), prev: null, watch };
  let page = new PageFollower(0, verifier);
  let before: FollowedPage | undefined;
  const settleBefore = async (): Promise<void> => {
    if (!before) return;
    await settle(before, tree);
    const settled = before.leaves.length / 32;
    before = undefined;
    if (settled === 0) return;
    counts.verified += settled;
    onProgress?.({ phase: 'entries', done: counts.verified, total: size });
  };
  const turnPage = async (): Promise<FollowedPage> => {
    const followed = page.finish();
    page = new PageFollower(page.from + page.length, verifier);
    await setImmediate(); // lets the threads' answers in, and sends them more
    await settleBefore();
    return (before = followed);
  };
  let expected = 0;
  let missing: Failed | undefined;
  let stopped = false;
  read: for await (const stored of store.entryPages(0, size)) {
    for (const entry of stored) {
      if (entry.index !== expected) {
        const reason = `entry ${expected} is missing: the next stored entry is ${entry.index}`;
        missing = entryFailure(expected, reason);
        break read;
      }
      expected += 1;
      page.follow(follower, entry);
      if (page.full && (stopped = (await turnPage()).stop !== undefined)) break read;
    }
  }
  if (!stopped && !missing && expected !== size)
    missing = entryFailure(expected, `entry ${expected} is missing`);
  await turnPage();
  await settleBefore();
  if (missing) throw missing;
  return follower.state;
}

/** Checks one entry in its place; applies it to `state` when sound. */
function followEntry(
  state: State,
  entry: SignedEntry,
  index: number,
  prev: string | null,
  keepBallots: boolean,
): string | undefined {
  if (entry.index !== index) return `it says it is entry ${String(entry.index)}`;
  if (entry.prev !== prev)
    return `its link to the entry before is broken (prev ${String(entry.prev)}, expected ${prev ?? 'null'})`;
  const org = state.charter?.organization.id;
  if (org !== undefined && entry.org !== org)
    return `it belongs to organization '${String(entry.org)}', not '${org}'`;
  const act = toRecordedAct(entry);
  try {
    applyAct(state, act, 'replay');
  } catch (error) {
    if (error instanceof DomainError) return `the charter does not allow it: ${error.message}`;
    return `it cannot be applied: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (act.type === 'vote.close' && !keepBallots)
    releaseBallots(state, act.payload.session, act.payload.motion);
  return undefined;
}

/**
 * Once a vote is closed (its decision checked against the charter as it closed), nothing later
 * reads its ballots: every act on a closed vote is refused before they are looked at. The audit
 * lets them go, so that it holds only the ballots of open votes however long the record is.
 * (The ledger's state keeps them all, and so do its snapshots: before the latest, they are kept.)
 */
function releaseBallots(state: State, session: string, motion: string): void {
  const closed = state.motions.get(motionKey(session, motion));
  if (closed?.status !== 'closed') return;
  closed.ballots.clear();
  closed.presentAtOpen = [];
}
