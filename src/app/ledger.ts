/**
 * The ledger: an organization's record opened for work. It holds the state folded from every
 * entry, signs new acts, checks them against the state, and appends them with their Merkle
 * nodes and a signed checkpoint in one transaction. Appends are serialized; a refused act leaves
 * record and state as they were.
 */
import type { KeyObject } from 'node:crypto';
import type { Act, RecordedAct } from '../core/acts.js';
import { equalBytes, fromBase64, toBase64, toHex } from '../core/bytes.js';
import { charterFromJson } from '../core/charter/index.js';
import { DomainError, fail } from '../core/errors.js';
import { checkPayload } from '../core/payloads.js';
import { applyAct, emptyState, personKeys } from '../core/state/index.js';
import { prepareLookups } from '../core/state/roster.js';
import type { State } from '../core/state/index.js';
import { previousLine, signCheckpoint } from '../record/checkpoint.js';
import { keyPairFromSeed, privateKeyObject } from '../record/ed25519.js';
import {
  decodeEntryAt,
  EntryFormatError,
  entryBytes,
  signEntry,
  toRecordedAct,
  verifySignedEnvelope,
} from '../record/entry.js';
import type { Envelope } from '../record/entry.js';
import { leafHash, nodesToStoreOnAppend, rootAt } from '../record/merkle.js';
import { formatVerifierKey, noteSigner } from '../record/note.js';
import type { NoteSigner } from '../record/note.js';
import { CommitUnknown, RecordDamaged, StoreUnavailable } from '../store/types.js';
import type {
  AcceptedAct,
  AcceptedKey,
  AppendBatch,
  LockedLog,
  RecordStore,
  StoredAttachment,
  StoredCheckpoint,
  StoredEntry,
  StoredNode,
} from '../store/types.js';
import { followUps } from './follow-ups.js';
import { Frontier } from './frontier.js';
import { signerFor } from './signers.js';
import type { Signer } from './signers.js';
import { capture, openFolded, SNAPSHOT_EVERY, SnapshotKeeper } from './snapshots.js';
import type { OpeningReport, SnapshotEvent } from './snapshots.js';

/**
 * A record whose entries the rules of this version refuse as they are folded: made by a version
 * whose rules differed, or altered. Nothing can be recorded on it; the audit names what fails.
 */
export class RecordUnreadable extends Error {
  override name = 'RecordUnreadable';
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(`entry ${index} is refused by the rules of this version of Collegium: ${reason}`);
  }
}

/**
 * Whether `error` says the record is not what this version can follow: entries gone, unreadable,
 * or refused by its rules. Asking again will not help; restoring the record, or another version, may.
 */
export function isRecordDamage(error: unknown): error is Error {
  return (
    error instanceof RecordDamaged ||
    error instanceof RecordUnreadable ||
    error instanceof EntryFormatError
  );
}

/** Names of the record's own keys in the store. */
export const CUSTODIAN_SECRET = 'custodian';
export const LOG_SECRET = 'log';

/** An act to record, with who did it; who signs is worked out from the charter unless given. */
export interface Draft {
  readonly act: Act;
  readonly actor: string | null;
  readonly signer?: string | null;
  /** The officer who records the act for its actor, where not the body's secretary. */
  readonly recorder?: string;
  /** Where in a file the act comes from (replay), to name the place if it is refused. */
  readonly where?: readonly (string | number)[];
  /** An act its signer signed elsewhere (a member's device): the ledger places it, signs nothing. */
  readonly signed?: PresignedAct;
  /** Files the act names by hash, stored in the same transaction (see app/attachments.ts). */
  readonly files?: readonly StoredAttachment[];
}

/** The parts of an entry that a signer signed outside the server (see record/entry.ts). */
export interface PresignedAct {
  readonly time: string;
  readonly signer: string;
  /** Base64 public key. */
  readonly key: string;
  /** Base64 signature over signingMessage of the act. */
  readonly sig: string;
  /** Set when the signature has been checked already (on a worker thread). */
  readonly verified?: boolean;
  /**
   * When the act is refused by its time from then on (milliseconds since the epoch): its
   * signature, which is never accepted twice, need not be remembered after. Without it, for good.
   */
  readonly refusedAfter?: number;
}

/** The acts signed elsewhere the record held when a batch's were looked up before its lock. */
interface EarlyAccepted {
  /** The signatures looked up (canonical base64). */
  readonly asked: ReadonlySet<string>;
  /** Those the record held. */
  readonly held: ReadonlySet<string>;
}

/** The outcome of one draft of appendEach: its entry, or why it was refused. */
export type EachResult =
  | {
      readonly ok: true;
      readonly entry: AppendedEntry;
      /** The acts it brought about, recorded right after it (see follow-ups.ts). */
      readonly followUps?: readonly RecordedAct[];
    }
  | { readonly ok: false; readonly error: unknown };

/** A draft, or a function that makes one from the state as the acts before it left it. */
export type DraftSource = Draft | ((state: State) => Draft);

export interface LedgerOptions {
  /** The clock that times entries. */
  readonly clock?: () => Date;
  /** Private keys (32-byte seeds) of the people acting through this ledger. */
  readonly keys?: ReadonlyMap<string, Uint8Array>;
  /** Entries folded past the latest snapshot that make it time to write one; 0: never. */
  readonly snapshotEvery?: number;
  /** Hears how the ledger opened, and of the snapshots it writes (see snapshots.ts). */
  readonly onSnapshot?: (event: SnapshotEvent) => void;
}

export interface AppendedEntry {
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly leafHash: Uint8Array;
}

/** A signing key made ready once: deriving it costs more than the signature itself. */
interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: Uint8Array;
  readonly publicKeyBase64: string;
}

interface RecordKeys {
  readonly custodian: Uint8Array;
  readonly log: Uint8Array;
}

type PreparedBatch = AppendBatch & {
  entries: StoredEntry[];
  attachments: StoredAttachment[];
  nodes: StoredNode[];
  accepted: AcceptedAct[];
  /** The acts as the state took them, to apply to the committed state once written. */
  acts: RecordedAct[];
  results: EachResult[];
};

/** One draft checked against the state and applied to it. */
interface PreparedDraft {
  readonly entry: AppendedEntry;
  readonly act: RecordedAct;
  readonly accepted?: AcceptedAct;
  readonly files?: readonly StoredAttachment[];
}

/**
 * An organization's record opened for work (see the module's comment).
 *
 * @example Recording acts, all or none, and reading what they changed:
 * ```ts
 * const store = await openStore('collegium.db');
 * const ledger = await Ledger.open(store);
 * ledger.useKeys(new Map([['hana', hanaSeed]])); // who signs here: their 32-byte seeds
 * const [opened] = await ledger.append([
 *   { act: { type: 'session.open', payload: { session: 's1', body: 'board', mode: 'live' } },
 *     actor: 'hana' },
 * ]);
 * ledger.state.sessions.get('s1'); // the state as of entry `opened.index`
 * // A refused act throws a DomainError (its code, its words) and leaves record and state as
 * // they were; appendEach records each draft it can and says why each other was refused.
 * ```
 */
export class Ledger {
  private queue: Promise<unknown> = Promise.resolve();
  private keys: ReadonlyMap<string, Uint8Array>;
  private lastLeaf: Uint8Array | undefined;
  private frontier = new Frontier();
  /** The log key's signer of checkpoints, made ready on first use. */
  private logSigner: NoteSigner | undefined;
  /** Signing keys by seed (hex), made ready on first use. */
  private readonly signingKeys = new Map<string, SigningKey>();
  private readonly movedListeners = new Set<(acts: readonly RecordedAct[]) => void>();
  private readonly snapshotListeners = new Set<(event: SnapshotEvent) => void>();
  /**
   * The state as the store holds it, folded apart from `state`, which a batch changes before it
   * is written: a write that fails is undone by taking this one in its place, without reading the
   * store (which may be what failed). Undefined after that, until folded again from the store.
   */
  private committed: State | undefined = emptyState();
  state: State = emptyState();
  /** How the state was last brought up to date with the store: from a snapshot, or entry 0. */
  opening: OpeningReport | undefined;
  private damaged: string | undefined;
  private readonly snapshots: SnapshotKeeper;

  private constructor(
    readonly store: RecordStore,
    private readonly recordKeys: RecordKeys,
    private readonly options: LedgerOptions,
  ) {
    this.keys = options.keys ?? new Map();
    // Captured between two works of the queue, when the state is what the store holds.
    const take = (all: boolean) =>
      this.serialized(async () => {
        const folded = { state: this.state, frontier: this.frontier, lastLeaf: this.lastLeaf };
        return capture(folded, this.recordKeys.log, all);
      });
    const every = options.snapshotEvery ?? SNAPSHOT_EVERY;
    const tell = (event: SnapshotEvent) => {
      options.onSnapshot?.(event);
      for (const listener of this.snapshotListeners) listener(event);
    };
    this.snapshots = new SnapshotKeeper(store, every, 0, take, tell);
  }

  /**
   * Creates a record whose first entry adopts `charterJson` (the charter file as data), and whose
   * next entries are `initial`, all in one transaction: if any is refused, no record is created.
   */
  static async create(
    store: RecordStore,
    charterJson: unknown,
    options: LedgerOptions = {},
    initial: readonly DraftSource[] = [],
  ): Promise<Ledger> {
    const custodian = keyPairFromSeed(crypto.getRandomValues(new Uint8Array(32)));
    const log = keyPairFromSeed(crypto.getRandomValues(new Uint8Array(32)));
    const origin = charterFromJson(charterJson).organization.log;
    const ledger = new Ledger(
      store,
      { custodian: custodian.privateKey, log: log.privateKey },
      options,
    );
    const act: Act = {
      type: 'charter.adopt',
      payload: {
        charter: charterJson,
        custodian: toBase64(custodian.publicKey),
        log: formatVerifierKey(origin, log.publicKey),
      },
    };
    // A new record has accepted nothing yet.
    const batch = ledger.prepare(
      [{ act, actor: null, signer: null }, ...initial],
      false,
      new Set(),
    );
    await store.create(
      { [CUSTODIAN_SECRET]: custodian.privateKey, [LOG_SECRET]: log.privateKey },
      batch,
    );
    ledger.written(batch);
    return ledger;
  }

  /**
   * Opens an existing record: its state from the latest snapshot that matches the log and the
   * entries after it, or folded from entry 0 (see snapshots.ts).
   */
  static async open(store: RecordStore, options: LedgerOptions = {}): Promise<Ledger> {
    const missing = (): never =>
      fail('not-found', 'the record has no custodial or log key: is this a Collegium record?');
    const custodian = (await store.secret(CUSTODIAN_SECRET)) ?? missing();
    const log = (await store.secret(LOG_SECRET)) ?? missing();
    const ledger = new Ledger(store, { custodian, log }, options);
    await ledger.reload();
    return ledger;
  }

  /** Sets the private keys of the people acting through this ledger. */
  useKeys(keys: ReadonlyMap<string, Uint8Array>): void {
    this.keys = keys;
  }

  get size(): number {
    return this.state.size;
  }

  /**
   * Why the log could not be followed the last time it was read (see isRecordDamage), or
   * undefined: a server that cannot follow its record is not ready.
   */
  get damage(): string | undefined {
    return this.damaged;
  }

  /** Records the drafts in order, all or none. */
  append(sources: readonly DraftSource[]): Promise<AppendedEntry[]> {
    return this.serialized(async () => {
      const results = await this.reading(() => this.appendNow(sources, false));
      return results.map((r) =>
        r.ok ? r.entry : fail('conflict', 'unreachable: a refusal in an all-or-none append'),
      );
    });
  }

  /**
   * Records each draft that the charter allows and refuses the others, each on its own, in one
   * transaction: many members' ballots at once, none held back by another's mistake.
   */
  appendEach(sources: readonly DraftSource[]): Promise<EachResult[]> {
    return this.serialized(() => this.reading(() => this.appendNow(sources, true)));
  }

  /** Runs work that reads the log, and notes whether the log could be followed (`damage`). */
  private async reading<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.damaged = undefined;
      return result;
    } catch (error) {
      if (isRecordDamage(error)) this.damaged = error.message;
      // A refusal comes after the log was read; a database away says nothing of the record.
      else if (error instanceof DomainError) this.damaged = undefined;
      throw error;
    }
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    void this.queue.then(() => this.snapshots.grown(this.state.size));
    return run;
  }

  /** Resolves once the snapshot being written in the background, if any, is written or failed. */
  snapshotsSettled(): Promise<void> {
    return this.snapshots.settled();
  }

  /** Tells `listener` of the snapshots this ledger writes, or fails to. Answers how to stop. */
  onSnapshot(listener: (event: SnapshotEvent) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /**
   * Forgets the accepted acts that are refused by their time before `time` (see refusedAfter):
   * nothing else could bring them back.
   */
  forgetAccepted(time: number): Promise<void> {
    return this.serialized(() => this.store.forgetAccepted(time));
  }

  /**
   * Reads what other writers appended since this ledger last read the log, and folds it: the
   * way every instance follows a log that several write. Answers the acts it folded.
   */
  catchUp(): Promise<readonly RecordedAct[]> {
    return this.serialized(() =>
      this.reading(async () => {
        if (!this.committed) {
          await this.reload();
          return [];
        }
        const known = this.state.size;
        const size = await this.store.size();
        if (size < known)
          throw new RecordDamaged(
            `the record is damaged: it has ${size} entries, fewer than the ${known} read (collegium audit names what fails)`,
          );
        if (size === known) return [];
        const moved: StoredEntry[] = [];
        for await (const entry of this.store.entries(known, size)) moved.push(entry);
        return this.foldMoved(moved);
      }),
    );
  }

  /**
   * Tells `listener` of the acts other writers recorded, each time this ledger folds some.
   * Answers how to stop telling it.
   */
  onMoved(listener: (acts: readonly RecordedAct[]) => void): () => void {
    this.movedListeners.add(listener);
    return () => this.movedListeners.delete(listener);
  }

  /**
   * Prepares the drafts on the state, writes them, and only then counts them as written. The
   * drafts are prepared under the log's lock, after folding what other writers appended, so the
   * record never forks and no caller sees a conflict another writer caused. A refusal or a failed
   * write leaves the state, the accepted acts and the store as they were.
   */
  private async appendNow(
    sources: readonly DraftSource[],
    isolated: boolean,
  ): Promise<EachResult[]> {
    // After a failed write that could not be caught up with: the record as the store holds it.
    if (!this.committed) await this.reload();
    let before = { size: this.state.size, lastLeaf: this.lastLeaf, frontier: this.frontier };
    let prepared: PreparedBatch | undefined;
    try {
      const early = await this.acceptedEarly(sources);
      await this.store.appendAfter(this.state.size, async (log) => {
        const movedSigs = new Set<string>();
        this.foldMoved(log.moved, movedSigs);
        const stored = await this.acceptedAlready(sources, log, early, movedSigs);
        before = { size: this.state.size, lastLeaf: this.lastLeaf, frontier: this.frontier };
        this.frontier = before.frontier.clone();
        prepared = this.prepare(sources, isolated, stored);
        return prepared.entries.length > 0 ? prepared : undefined;
      });
    } catch (error) {
      this.lastLeaf = before.lastLeaf;
      this.frontier = before.frontier;
      // A refusal before anything changed leaves the state intact; otherwise it is undone, and
      // caught up with the store if it can be read.
      if (this.state.size !== before.size) {
        this.state = this.committed!;
        this.committed = undefined;
        await this.reload().catch(() => undefined);
        // A refusal while preparing (some acts of the batch folded) wrote nothing: no commit to find.
        if (prepared !== undefined) {
          const held = await this.holdsBatch(error, prepared);
          if (held === true) return prepared.results;
          if (held === undefined) throw commitUnknown(error, prepared);
        }
      }
      throw error;
    }
    this.written(prepared!);
    return prepared!.results;
  }

  /**
   * Whether a write that failed with the database away was committed all the same: the answer
   * to its commit was lost (the connection cut as it committed), and the record, read again,
   * holds its entries byte for byte. Then it is done, and said so: the same act recorded again
   * would be recorded twice. The state, folded again from the store, holds them already.
   * Undefined when the record cannot be read again (the database still away): no one knows.
   */
  private async holdsBatch(error: unknown, batch: PreparedBatch): Promise<boolean | undefined> {
    const first = batch.entries[0];
    const last = batch.entries.at(-1);
    if (!(error instanceof StoreUnavailable) || !first || !last) return false;
    if (!this.committed) return undefined;
    if (this.state.size <= last.index) return false;
    try {
      let i = 0;
      for await (const stored of this.store.entries(first.index, last.index + 1))
        if (!equalBytes(stored.bytes, batch.entries[i++]!.bytes)) return false;
      return i === batch.entries.length;
    } catch {
      return undefined;
    }
  }

  /**
   * Which of the acts signed elsewhere among `sources` the record holds already, read before
   * the log's lock is taken, so that the lock is not held over a round trip to the database:
   * `asked`, the signatures (canonical base64) asked about; `held`, those the record holds.
   */
  private async acceptedEarly(sources: readonly DraftSource[]): Promise<EarlyAccepted> {
    const asked = this.presignedAmong(sources);
    const held = asked.size === 0 ? [] : await this.store.acceptedAmong([...asked.values()]);
    return { asked: new Set(asked.keys()), held: new Set(held.map((a) => toBase64(a.sig))) };
  }

  /**
   * The signatures (canonical base64) of the acts signed elsewhere among `sources` that the
   * record holds already, under the log's lock: a signed act is accepted once, whichever instance
   * or process took it, however long ago (the record, not memory, remembers). An act accepted
   * after the early read is in an entry the lock found appended since (`movedSigs`, their
   * signatures): the early read saw the log at least as long as this ledger's state, from which
   * `moved` starts. Only an act whose signature could not be read before is asked about now.
   */
  private async acceptedAlready(
    sources: readonly DraftSource[],
    log: Pick<LockedLog, 'accepted'>,
    early: EarlyAccepted,
    movedSigs: ReadonlySet<string>,
  ): Promise<Set<string>> {
    const stored = new Set<string>();
    const late: AcceptedKey[] = [];
    for (const [text, key] of this.presignedAmong(sources)) {
      if (early.held.has(text) || movedSigs.has(text)) stored.add(text);
      else if (!early.asked.has(text)) late.push(key);
    }
    if (late.length > 0) for (const a of await log.accepted(late)) stored.add(toBase64(a.sig));
    return stored;
  }

  /**
   * The acts signed elsewhere among `sources`, as the store names them (time and signature), by
   * their signature's canonical base64.
   */
  private presignedAmong(sources: readonly DraftSource[]): Map<string, AcceptedKey> {
    const keys = new Map<string, AcceptedKey>();
    for (const source of sources) {
      const found = presignedKeyOf(source, this.state);
      if (found) keys.set(found.text, found.key);
    }
    return keys;
  }

  /**
   * Folds entries other writers appended (`moved`, as the log's lock found them) into the state
   * and the committed state alike, and tells the listeners.
   */
  private foldMoved(moved: readonly StoredEntry[], sigs?: Set<string>): RecordedAct[] {
    if (moved.length === 0) return [];
    const acts: RecordedAct[] = [];
    for (const stored of moved) {
      if (stored.index !== this.state.size)
        throw new RecordUnreadable(stored.index, `expected entry ${this.state.size} next`);
      const entry = decodeEntryAt(stored.index, stored.bytes);
      sigs?.add(entry.sig);
      const act = toRecordedAct(entry);
      this.fold(this.state, act, stored.index);
      applyAct(this.committed!, act, 'replay');
      this.lastLeaf = leafHash(stored.bytes);
      this.frontier.append(stored.index, this.lastLeaf, nodesToStoreOnAppend);
      acts.push(act);
    }
    for (const listener of this.movedListeners) listener(acts);
    return acts;
  }

  /** Folds a recorded act; one the rules refuse makes the record unreadable to this version. */
  private fold(state: State, act: RecordedAct, index: number): void {
    try {
      applyAct(state, act, 'replay');
    } catch (error) {
      if (error instanceof DomainError) throw new RecordUnreadable(index, error.message);
      throw error;
    }
  }

  /** What a batch changes in memory beside the state, once it has been written. */
  private written(batch: PreparedBatch): void {
    try {
      for (const act of batch.acts) applyAct(this.committed!, act, 'replay');
    } catch {
      // The same acts on the same state as before: this cannot fail. Should it, fold again.
      this.committed = undefined;
    }
  }

  /**
   * Checks, signs and applies each draft in turn, then signs the checkpoint after them; nothing
   * is written yet. A refused draft throws, or with `isolated` is reported in its place.
   * `stored`: the signatures of acts signed elsewhere that the record holds (acceptedAlready).
   */
  private prepare(
    sources: readonly DraftSource[],
    isolated: boolean,
    stored: ReadonlySet<string>,
  ): PreparedBatch {
    const batch: PreparedBatch = {
      entries: [],
      nodes: [],
      accepted: [],
      attachments: [],
      acts: [],
      results: [],
    };
    // Those of acts signed elsewhere taken already: by the record, then earlier in the batch.
    const signatures = new Set<string>(stored);
    for (const source of sources) {
      let prepared: PreparedDraft;
      try {
        prepared = this.prepareOne(source, signatures);
      } catch (error) {
        if (!isolated) throw error;
        batch.results.push({ ok: false, error });
        continue;
      }
      this.add(batch, prepared);
      // What an act brings about at once (an adopted amendment in force) goes with it, or neither.
      const followed = followUps(this.state, prepared.act).map((next) => {
        const done = this.prepareOne(next, signatures);
        this.add(batch, done);
        return done.act;
      });
      batch.results.push({
        ok: true,
        entry: prepared.entry,
        ...(followed.length > 0 ? { followUps: followed } : {}),
      });
    }
    return batch.entries.length > 0
      ? { ...batch, checkpoint: this.checkpoint(batch.entries[0]!.index) }
      : batch;
  }

  private add(batch: PreparedBatch, { entry, act, accepted, files }: PreparedDraft): void {
    if (files) batch.attachments.push(...files);
    batch.nodes.push(...this.frontier.append(entry.index, entry.leafHash, nodesToStoreOnAppend));
    this.lastLeaf = entry.leafHash;
    batch.entries.push({ index: entry.index, bytes: entry.bytes });
    batch.acts.push(act);
    if (accepted) batch.accepted.push(accepted);
  }

  /**
   * One draft checked against the state and applied to it, with its entry's bytes. `signatures`
   * are those of the acts signed elsewhere that the batch has taken so far.
   */
  private prepareOne(source: DraftSource, signatures: Set<string>): PreparedDraft {
    const draft = typeof source === 'function' ? source(this.state) : source;
    // The act's form first, whatever it comes from: a refused act is never signed or placed.
    located(draft, () => checkPayload(draft.act));
    const signed = draft.signed;
    let signer: Signer | undefined;
    // Who signs is the charter's to say too: a person it does not name is refused at the place.
    if (!signed)
      signer = located(draft, () =>
        draft.signer !== undefined
          ? { person: draft.signer, seed: this.recordKeys.custodian }
          : this.signerOf(draft),
      );
    const envelope: Envelope = {
      v: 1,
      org: this.state.charter?.organization.id ?? orgOf(draft.act),
      index: this.state.size,
      prev: this.lastLeaf ? toHex(this.lastLeaf) : null,
      time: signed?.time ?? (this.options.clock?.() ?? new Date()).toISOString(),
      type: draft.act.type,
      actor: draft.actor,
      signer: signed ? signed.signer : signer!.person,
      key: signed ? signed.key : this.signingKey(signer!.seed).publicKeyBase64,
      payload: draft.act.payload,
    };
    const accepted = signed ? this.acceptOnce(envelope, signed, signatures) : undefined;
    const act = toRecordedAct({ ...envelope, sig: '' });
    located(draft, () => applyAct(this.state, act, 'admit'));
    if (signed) signatures.add(signed.sig);
    // Signed only once the charter allows it: a refused act costs no signature.
    const bytes = signed
      ? entryBytes(envelope, signed.sig)
      : signEntry(envelope, this.signingKey(signer!.seed).privateKey);
    return {
      entry: { index: envelope.index, bytes, leafHash: leafHash(bytes) },
      act,
      ...(accepted ? { accepted } : {}),
      ...(draft.files ? { files: draft.files } : {}),
    };
  }

  /**
   * An act signed elsewhere, checked: its signature canonical and valid (checked already on a
   * worker thread, or here), and never accepted before, by the record or earlier in the batch.
   * Its signature is remembered once the batch is written, never before.
   */
  private acceptOnce(
    envelope: Envelope,
    signed: PresignedAct,
    signatures: ReadonlySet<string>,
  ): AcceptedAct {
    const sig = presignedSignature(signed);
    if (!signed.verified && !verifySignedEnvelope(envelope, signed.sig))
      fail('unauthenticated', `the signature of ${envelope.actor ?? 'the act'} does not verify`);
    // Canonical base64 is one spelling per signature: the text names the bytes.
    if (signatures.has(signed.sig)) fail('conflict', 'this signed act has been sent already');
    return { at: signedAt(signed), sig, until: signed.refusedAfter ?? null };
  }

  /**
   * Who signs the draft: signerFor, except that an actor who signs with their own key is
   * recognized from the key made ready before, instead of deriving it again for every act.
   * Anything else (and any key that does not match the record's) is signerFor's to decide.
   */
  private signerOf(draft: Draft): Signer {
    const actor = draft.actor;
    // A draft that names its recorder is signed by them (signerFor says when that is allowed).
    const seed = actor === null || draft.recorder ? undefined : this.keys.get(actor);
    if (
      actor !== null &&
      seed &&
      personKeys(this.state, actor).includes(this.signingKey(seed).publicKeyBase64)
    ) {
      return { person: actor, seed };
    }
    return signerFor(this.state, draft, this.keys, this.recordKeys.custodian);
  }

  private signingKey(seed: Uint8Array): SigningKey {
    const id = Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength).toString('hex');
    let key = this.signingKeys.get(id);
    if (!key) {
      const { publicKey } = keyPairFromSeed(seed);
      key = { privateKey: privateKeyObject(seed), publicKey, publicKeyBase64: toBase64(publicKey) };
      this.signingKeys.set(id, key);
    }
    return key;
  }

  /**
   * The log's signed checkpoint of the tree as it now stands. The root comes from the right edge
   * the ledger extended itself, so a checkpoint only ever extends the ones signed before it. It
   * names the size of the one signed before it (`previous`: the size before this batch).
   */
  private checkpoint(previous: number): StoredCheckpoint {
    const origin =
      this.state.charter?.organization.log ?? fail('conflict', 'the record has no charter');
    const size = this.state.size;
    const rootHash = rootAt(size, this.frontier);
    // Made once: parsing the key costs milliseconds, more than a whole batch of small appends.
    if (this.logSigner?.name !== origin) this.logSigner = noteSigner(origin, this.recordKeys.log);
    return {
      size,
      note: signCheckpoint(
        { origin, size, rootHash, extensions: [previousLine(previous)] },
        this.logSigner,
      ),
    };
  }

  /**
   * Brings the state up to date with the store, from the latest snapshot or from entry 0 (the
   * committed state too, folded apart from it): on opening, and after a write that failed. The
   * accepted acts stay in the store, which is asked before each batch (acceptedEarly).
   */
  private async reload(): Promise<void> {
    const opened = await openFolded(this.store, {
      logSecret: this.recordKeys.log,
      fold: (state, act, index) => this.fold(state, act, index),
      // A store opened only to read takes no write, which the committed state would undo, and
      // accepts no act signed elsewhere: it needs neither, and a long record has many of both.
      twice: !this.store.readOnly,
      every: this.options.snapshotEvery ?? SNAPSHOT_EVERY,
    });
    this.state = opened.state;
    this.committed = opened.copy;
    prepareLookups(this.state);
    if (this.committed) prepareLookups(this.committed);
    this.lastLeaf = opened.lastLeaf;
    this.frontier = opened.frontier;
    this.opening = opened.report;
    this.snapshots.opened(opened.report);
  }
}

/** Runs `check` on the draft, marking a refusal with the place in a file the draft comes from. */
function located<T>(draft: Draft, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError && draft.where && !error.where) error.where = draft.where;
    throw error;
  }
}

/** What names the act signed elsewhere that `source` drafts, if it is one, well spelled. */
function presignedKeyOf(
  source: DraftSource,
  state: State,
): { key: AcceptedKey; text: string } | undefined {
  try {
    const signed = (typeof source === 'function' ? source(state) : source).signed;
    // Decoded, the signature was canonical base64: its text is the key's spelling, as is.
    return (
      signed && { key: { at: signedAt(signed), sig: fromBase64(signed.sig) }, text: signed.sig }
    );
  } catch {
    return undefined; // refused when it is prepared, with the reason
  }
}

/** The time a presigned act says it was signed at, in milliseconds: part of its accepted key. */
function signedAt(signed: PresignedAct): number {
  const at = Date.parse(signed.time);
  return Number.isFinite(at) ? at : fail('invalid-input', `time ${signed.time} is not a time`);
}

/**
 * The bytes of a presigned act's signature: 64, spelled in canonical base64. Another spelling of
 * the same bytes would verify, but it would be stored as sent, and no audit would pass it.
 */
function presignedSignature(signed: PresignedAct): Uint8Array {
  let signature: Uint8Array | undefined;
  try {
    signature = fromBase64(signed.sig);
  } catch {
    // refused below
  }
  if (signature?.length !== 64)
    fail('invalid-input', 'the signature is not 64 bytes in canonical base64');
  return signature;
}

function orgOf(act: Act): string {
  if (act.type !== 'charter.adopt') return '';
  const org = (act.payload.charter as { organization?: { id?: unknown } }).organization?.id;
  return typeof org === 'string' ? org : '';
}

/** The failure of a write that may have been committed: which entries it would have made. */
function commitUnknown(error: unknown, batch: PreparedBatch): CommitUnknown {
  const cause = error instanceof StoreUnavailable ? error.cause : error;
  return new CommitUnknown(cause, batch.entries[0]!.index, batch.entries.at(-1)!.index);
}
