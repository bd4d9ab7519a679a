/**
 * An export bundle: entries as their exact leaf bytes, each with its inclusion proof against one
 * signed checkpoint, the genesis entry that names the keys, and the log's verifier key. Anyone
 * holding the log key can verify it offline: the checkpoint signature, every proof, every entry
 * signature and hash link, and that a contiguous range leaves nothing out.
 */
import type { Acts } from '../core/acts.js';
import { fromBase64, toHex } from '../core/bytes.js';
import { charterFromJson } from '../core/charter/index.js';
import { applyKeyChange, emptyState, expectedKey } from '../core/state/index.js';
import { verifyCheckpoint } from './checkpoint.js';
import { decodeEntry, verifyEntrySignature } from './entry.js';
import type { SignedEntry } from './entry.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { noteVerifier, parseVerifierKey } from './note.js';

export const BUNDLE_FORMAT = 'collegium-bundle/1';

export interface BundleEntry {
  readonly index: number;
  /** Base64 of the entry's exact bytes: the Merkle leaf. */
  readonly leaf: string;
  /** Hex hashes of the inclusion proof against the bundle's checkpoint, leaf upwards. */
  readonly proof: readonly string[];
}

export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  /** The log's signed checkpoint (C2SP signed note), as text. */
  readonly checkpoint: string;
  /** The entries, in index order. */
  readonly entries: readonly BundleEntry[];
  /** The first and last index of a contiguous range, when the bundle claims one complete. */
  readonly range?: { readonly first: number; readonly last: number };
  /** Entry 0, which adopts the charter and names the custodial and log keys. */
  readonly genesis: BundleEntry;
  /** Every enrolment and revocation of a key before the last entry: who held which key when. */
  readonly enrolments?: readonly BundleEntry[];
  readonly keys: {
    /** The log's verifier key, name+keyid+base64. */
    readonly log: string;
    /** Every key that signed an entry of the bundle, with whose it is. */
    readonly signers: readonly {
      readonly key: string;
      readonly person: string | null;
      readonly name?: string;
      readonly custodial: boolean;
    }[];
  };
}

export interface BundleReport {
  readonly ok: boolean;
  /** What was proven, in words. */
  readonly proven: readonly string[];
  readonly failure?: { readonly item: string; readonly reason: string };
}

class BundleFailure extends Error {
  constructor(
    readonly item: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Verifies `bundle` against the log key the verifier trusts; nothing else is trusted. */
export function verifyBundle(bundle: unknown, trustedLogKey: string): BundleReport {
  const proven: string[] = [];
  try {
    verifyInto(asBundle(bundle), trustedLogKey, proven);
    return { ok: true, proven };
  } catch (error) {
    const failure =
      error instanceof BundleFailure
        ? { item: error.item, reason: error.message }
        : { item: 'bundle', reason: error instanceof Error ? error.message : String(error) };
    return { ok: false, proven, failure };
  }
}

function verifyInto(bundle: Bundle, trustedLogKey: string, proven: string[]): void {
  const verifier = attempt('log key', () => noteVerifier(trustedLogKey));
  const checkpoint = attempt('checkpoint', () => verifyCheckpoint(bundle.checkpoint, verifier));
  const root = checkpoint.rootHash;
  proven.push(
    `checkpoint: signed by ${verifier.name}, tree size ${checkpoint.size}, root ${toHex(root)}`,
  );

  const included = (item: BundleEntry, label: string): SignedEntry => {
    const bytes = attempt(label, () => decodeLeaf(item.leaf));
    const hashes = attempt(label, () => item.proof.map(fromHex));
    attempt(label, () =>
      verifyInclusion(item.index, checkpoint.size, leafHash(bytes), hashes, root),
    );
    const entry = attempt(label, () => decodeEntry(bytes));
    if (entry.index !== item.index)
      throw new BundleFailure(label, `the entry says it is entry ${entry.index}`);
    if (!verifyEntrySignature(entry))
      throw new BundleFailure(
        label,
        `its signature does not verify (signer ${entry.signer ?? 'custodian'})`,
      );
    return entry;
  };

  const genesis = included(bundle.genesis, 'entry 0');
  if (genesis.index !== 0 || genesis.type !== 'charter.adopt')
    throw new BundleFailure('entry 0', 'the genesis entry is not the charter adoption');
  const adopt = genesis.payload as Acts['charter.adopt'];
  if (sameKey(adopt.log, trustedLogKey) === false)
    throw new BundleFailure('entry 0', 'the charter names another log key than the one trusted');
  const charter = attempt('entry 0', () => charterFromJson(adopt.charter));
  proven.push(
    `entry 0: the charter of ${charter.organization.name} (${charter.organization.id}) names this log's key and the custodial key`,
  );

  // Who held which key when: the charter's keys, changed by enrolments and revocations in order.
  const keys = { ...emptyState(), charter, custodian: adopt.custodian };
  const changes = (bundle.enrolments ?? []).map((item) => {
    const entry = included(item, `entry ${item.index}`);
    if (entry.type !== 'member.enrol' && entry.type !== 'member.revoke')
      throw new BundleFailure(`entry ${item.index}`, 'listed as an enrolment, but it is not one');
    return entry;
  });
  let nextChange = 0;
  let previous: SignedEntry | undefined;
  let previousBytes: Uint8Array | undefined;
  for (const item of bundle.entries) {
    const label = `entry ${item.index}`;
    const entry = item.index === 0 ? genesis : included(item, label);
    for (; nextChange < changes.length && changes[nextChange]!.index < entry.index; nextChange++) {
      const change = changes[nextChange]!;
      applyKeyChange(keys, change.type as 'member.enrol', change.payload as Acts['member.enrol']);
    }
    if (entry.org !== charter.organization.id)
      throw new BundleFailure(label, `it belongs to organization '${entry.org}'`);
    if (entry.key !== expectedKey(keys, entry.signer))
      throw new BundleFailure(
        label,
        `signed with a key that is not ${entry.signer ?? 'the custodial key'}'s`,
      );
    if (
      previous &&
      previousBytes &&
      previous.index === entry.index - 1 &&
      entry.prev !== toHex(leafHash(previousBytes))
    ) {
      throw new BundleFailure(label, 'its link to the entry before is broken');
    }
    if (previous && entry.index <= previous.index)
      throw new BundleFailure(label, 'entries are not in index order, or one is given twice');
    previous = entry;
    previousBytes = decodeLeaf(item.leaf);
  }
  const n = bundle.entries.length;
  proven.push(
    `${n} ${n === 1 ? 'entry is' : 'entries are'} in the log at the positions given, each signed by the key its signer held then (by the charter and the enrolments proven here), each linked to the one before where both are here`,
  );
  if (bundle.range) {
    const { first, last } = bundle.range;
    const indexes = bundle.entries.map((e) => e.index);
    const complete =
      indexes.length === last - first + 1 && indexes.every((ix, i) => ix === first + i);
    if (!complete)
      throw new BundleFailure(
        'range',
        `the entries do not cover ${first} to ${last} without a gap`,
      );
    proven.push(`complete: every entry from ${first} to ${last} is here; none was left out`);
  }
}

function asBundle(value: unknown): Bundle {
  const b = value as Partial<Bundle> | null;
  const isItem = (e: unknown): boolean => {
    const i = e as Partial<BundleEntry> | null;
    return (
      !!i &&
      Number.isSafeInteger(i.index) &&
      typeof i.leaf === 'string' &&
      Array.isArray(i.proof) &&
      i.proof.every((h) => typeof h === 'string')
    );
  };
  if (!b || typeof b !== 'object') throw new BundleFailure('bundle', 'not a JSON object');
  if (b.format !== BUNDLE_FORMAT)
    throw new BundleFailure('bundle', `not a ${BUNDLE_FORMAT} bundle`);
  if (typeof b.checkpoint !== 'string') throw new BundleFailure('checkpoint', 'missing');
  if (!Array.isArray(b.entries) || !b.entries.every(isItem))
    throw new BundleFailure(
      'entries',
      'each entry needs index, leaf (base64) and proof (hex hashes)',
    );
  if (!isItem(b.genesis)) throw new BundleFailure('genesis', 'entry 0 is missing or malformed');
  if (
    b.range !== undefined &&
    !(Number.isSafeInteger(b.range?.first) && Number.isSafeInteger(b.range?.last))
  )
    throw new BundleFailure('range', 'first and last must be entry indexes');
  return b as Bundle;
}

function attempt<T>(item: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof BundleFailure) throw error;
    throw new BundleFailure(item, error instanceof Error ? error.message : String(error));
  }
}

function decodeLeaf(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error('the leaf is not base64');
  return fromBase64(text);
}

function fromHex(text: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/.test(text)) throw new Error(`'${text}' is not lowercase hex`);
  return Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** Whether two verifier keys are the same key (name, id and public key). */
function sameKey(a: string, b: string): boolean {
  try {
    const x = parseVerifierKey(a);
    const y = parseVerifierKey(b);
    return x.name === y.name && x.keyId === y.keyId && toHex(x.publicKey) === toHex(y.publicKey);
  } catch {
    return false;
  }
}
