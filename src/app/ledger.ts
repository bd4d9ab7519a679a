/**
 * The ledger: an organization's record opened for work. It holds the state folded from every
 * entry, signs new acts, checks them against the state, and appends them with their Merkle
 * nodes and a signed checkpoint in one transaction. Appends are serialized; a refused act leaves
 * record and state as they were.
 */
import type { KeyObject } from 'node:crypto';
import type { Act } from '../core/acts.js';
import { fromBase64, toBase64, toHex } from '../core/bytes.js';
import { charterFromJson } from '../core/charter/index.js';
import { DomainError, fail } from '../core/errors.js';
import { applyAct, emptyState, personKey } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { signCheckpoint } from '../record/checkpoint.js';
import { keyPairFromSeed, privateKeyObject } from '../record/ed25519.js';
import {
  decodeEntry,
  entryBytes,
  signEntry,
  toRecordedAct,
  verifySignedEnvelope,
} from '../record/entry.js';
import type { Envelope } from '../record/entry.js';
import { leafHash, nodesToStoreOnAppend, rootAt } from '../record/merkle.js';
import { formatVerifierKey, noteSigner } from '../record/note.js';
import type { NoteSigner } from '../record/note.js';
import type {
  AppendBatch,
  RecordStore,
  StoredCheckpoint,
  StoredEntry,
  StoredNode,
} from '../store/types.js';
import { Frontier } from './frontier.js';
import { signerFor } from './signers.js';
import type { Signer } from './signers.js';

/** Names of the record's own keys in the store. */
export const CUSTODIAN_SECRET = 'custodian';
export const LOG_SECRET = 'log';

/** An act to record, with who did it; who signs is worked out from the charter unless given. */
export interface Draft {
  readonly act: Act;
  readonly actor: string | null;
  readonly signer?: string | null;
  /** Where in a file the act comes from (replay), to name the place if it is refused. */
  readonly where?: readonly (string | number)[];
  /** An act its signer signed elsewhere (a member's device): the ledger places it, signs nothing. */
  readonly signed?: PresignedAct;
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
}

/** The outcome of one draft of appendEach: its entry, or why it was refused. */
export type EachResult =
  | { readonly ok: true; readonly entry: AppendedEntry }
  | { readonly ok: false; readonly error: unknown };

/** A draft, or a function that makes one from the state as the acts before it left it. */
export type DraftSource = Draft | ((state: State) => Draft);

export interface LedgerOptions {
  /** The clock that times entries. */
  readonly clock?: () => Date;
  /** Private keys (32-byte seeds) of the people acting through this ledger. */
  readonly keys?: ReadonlyMap<string, Uint8Array>;
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
  nodes: StoredNode[];
  appended: AppendedEntry[];
};

export class Ledger {
  private queue: Promise<unknown> = Promise.resolve();
  private keys: ReadonlyMap<string, Uint8Array>;
  private lastLeaf: Uint8Array | undefined;
  private frontier = new Frontier();
  /** The log key's signer of checkpoints, made ready on first use. */
  private logSigner: NoteSigner | undefined;
  /** Signing keys by seed (hex), made ready on first use. */
  private readonly signingKeys = new Map<string, SigningKey>();
  state: State = emptyState();

  private constructor(
    readonly store: RecordStore,
    private readonly recordKeys: RecordKeys,
    private readonly options: LedgerOptions,
  ) {
    this.keys = options.keys ?? new Map();
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
    const batch = ledger.prepare([{ act, actor: null, signer: null }, ...initial]);
    await store.create(
      { [CUSTODIAN_SECRET]: custodian.privateKey, [LOG_SECRET]: log.privateKey },
      batch,
    );
    return ledger;
  }

  /** Opens an existing record and folds its entries into the state. */
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

  /** Records the drafts in order, all or none. */
  append(sources: readonly DraftSource[]): Promise<AppendedEntry[]> {
    return this.serialized(async () => {
      const results = await this.appendNow(sources, false);
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
    return this.serialized(() => this.appendNow(sources, true));
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(
    sources: readonly DraftSource[],
    isolated: boolean,
  ): Promise<EachResult[]> {
    const before = {
      size: this.state.size,
      lastLeaf: this.lastLeaf,
      frontier: this.frontier.clone(),
    };
    try {
      const prepared = this.prepare(sources, isolated);
      if (prepared.entries.length > 0) await this.store.append(before.size, prepared);
      return prepared.results;
    } catch (error) {
      if (this.state.size === before.size) {
        // Refused before anything changed: the state is intact.
        this.lastLeaf = before.lastLeaf;
        this.frontier = before.frontier;
      } else {
        await this.reload();
      }
      throw error;
    }
  }

  /**
   * Checks, signs and applies each draft in turn, then signs the checkpoint after them; nothing
   * is written yet. A refused draft throws, or with `isolated` is reported in its place.
   */
  private prepare(
    sources: readonly DraftSource[],
    isolated = false,
  ): PreparedBatch & { results: EachResult[] } {
    const entries: StoredEntry[] = [];
    const nodes: StoredNode[] = [];
    const appended: AppendedEntry[] = [];
    const results: EachResult[] = [];
    for (const source of sources) {
      let entry: AppendedEntry;
      try {
        entry = this.prepareOne(source);
      } catch (error) {
        if (!isolated) throw error;
        results.push({ ok: false, error });
        continue;
      }
      nodes.push(...this.frontier.append(entry.index, entry.leafHash, nodesToStoreOnAppend));
      this.lastLeaf = entry.leafHash;
      entries.push({ index: entry.index, bytes: entry.bytes });
      appended.push(entry);
      results.push({ ok: true, entry });
    }
    return {
      entries,
      nodes,
      appended,
      results,
      ...(entries.length > 0 ? { checkpoint: this.checkpoint() } : {}),
    };
  }

  /** One draft checked against the state and applied to it, with its entry's bytes. */
  private prepareOne(source: DraftSource): AppendedEntry {
    const draft = typeof source === 'function' ? source(this.state) : source;
    const signed = draft.signed;
    let signer: Signer | undefined;
    if (!signed)
      signer =
        draft.signer !== undefined
          ? { person: draft.signer, seed: this.recordKeys.custodian }
          : this.signerOf(draft);
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
    let bytes: Uint8Array | undefined;
    if (signed) {
      presignedSignature(signed);
      bytes = entryBytes(envelope, signed.sig);
      if (!signed.verified && !verifySignedEnvelope(envelope, signed.sig)) {
        fail('unauthenticated', `the signature of ${draft.actor ?? 'the act'} does not verify`);
      }
    }
    try {
      applyAct(this.state, toRecordedAct({ ...envelope, sig: '' }));
    } catch (error) {
      if (error instanceof DomainError && draft.where && !error.where) error.where = draft.where;
      throw error;
    }
    // Signed only once the charter allows it: a refused act costs no signature.
    bytes ??= signEntry(envelope, this.signingKey(signer!.seed).privateKey);
    return { index: envelope.index, bytes, leafHash: leafHash(bytes) };
  }

  /**
   * Who signs the draft: signerFor, except that an actor who signs with their own key is
   * recognized from the key made ready before, instead of deriving it again for every act.
   * Anything else (and any key that does not match the record's) is signerFor's to decide.
   */
  private signerOf(draft: Draft): Signer {
    const actor = draft.actor;
    const seed = actor === null ? undefined : this.keys.get(actor);
    if (
      actor !== null &&
      seed &&
      personKey(this.state, actor) === this.signingKey(seed).publicKeyBase64
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
   * the ledger extended itself, so a checkpoint only ever extends the ones signed before it.
   */
  private checkpoint(): StoredCheckpoint {
    const origin =
      this.state.charter?.organization.log ?? fail('conflict', 'the record has no charter');
    const size = this.state.size;
    const rootHash = rootAt(size, this.frontier);
    // Made once: parsing the key costs milliseconds, more than a whole batch of small appends.
    if (this.logSigner?.name !== origin) this.logSigner = noteSigner(origin, this.recordKeys.log);
    return {
      size,
      note: signCheckpoint({ origin, size, rootHash, extensions: [] }, this.logSigner),
    };
  }

  /** Folds the whole record again, as after a write that failed half-way. */
  private async reload(): Promise<void> {
    const state = emptyState();
    const frontier = new Frontier();
    let lastLeaf: Uint8Array | undefined;
    const size = await this.store.size();
    for await (const stored of this.store.entries(0, size)) {
      applyAct(state, toRecordedAct(decodeEntry(stored.bytes)));
      lastLeaf = leafHash(stored.bytes);
      frontier.append(stored.index, lastLeaf, nodesToStoreOnAppend);
    }
    this.state = state;
    this.lastLeaf = lastLeaf;
    this.frontier = frontier;
  }
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
