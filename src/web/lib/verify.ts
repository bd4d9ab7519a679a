/**
 * Verifies an export bundle in this browser, trusting only the log's verifier key: the
 * checkpoint's signature (Ed25519), every entry's inclusion proof against it (SHA-256), each
 * entry's canonical form and signature, that each signer used the key they held then (the charter
 * and the enrolments proven in the bundle), the hash links, and that the range leaves nothing out.
 * All with WebCrypto; loaded only when someone asks for it.
 */
import { fromBase64, toHex } from '../../core/bytes.js';
import type { Acts } from '../../core/acts.js';
import { charterFromJson } from '../../core/charter/index.js';
import { expectedKey } from '../../core/state/authority.js';
import { applyKeyChange } from '../../core/state/keys.js';
import { emptyState } from '../../core/state/model.js';
import { canonicalJson } from '../../record/canonical.js';
import { signingMessage } from '../../record/signing.js';
import type { SignedAct } from '../../record/signing.js';
import { fromHex, verifyEd25519 } from './crypto.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { parseVerifierKey, verifyCheckpoint } from './note.js';
import type { Checkpoint } from './note.js';
import type { Bundle, BundleItem, InclusionProof, RecordEntry } from './types.js';

export interface Verification {
  readonly ok: boolean;
  /** What was proven, in words, in the order it was. */
  readonly proven: readonly string[];
  readonly failure?: { readonly item: string; readonly reason: string };
}

class Failure extends Error {
  constructor(
    readonly item: string,
    reason: string,
  ) {
    super(reason);
  }
}

interface Proven {
  readonly entry: RecordEntry;
  readonly hash: string;
}

/** Proves one item: in the tree, canonical, at its index, and signed by the key it names. */
async function proveItem(item: BundleItem, checkpoint: Checkpoint): Promise<Proven> {
  const label = `entry ${item.index}`;
  try {
    const bytes = fromBase64(item.leaf);
    const hash = await leafHash(bytes);
    await verifyInclusion(
      item.index,
      checkpoint.size,
      hash,
      item.proof.map(fromHex),
      checkpoint.rootHash,
    );
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const entry = JSON.parse(text) as RecordEntry;
    if (canonicalJson(entry) !== text) throw new Error('its bytes are not canonical JSON');
    if (entry.index !== item.index) throw new Error(`it says it is entry ${entry.index}`);
    const message = signingMessage(entry as unknown as SignedAct);
    if (!(await verifyEd25519(fromBase64(entry.key), message, fromBase64(entry.sig))))
      throw new Error(`its signature does not verify (signer ${entry.signer ?? 'custodian'})`);
    return { entry, hash: toHex(hash) };
  } catch (error) {
    throw error instanceof Failure ? error : new Failure(label, (error as Error).message);
  }
}

/** Proves many items, a batch at a time, reporting progress. */
async function proveAll(
  items: readonly BundleItem[],
  checkpoint: Checkpoint,
  progress: (done: number) => void,
): Promise<Proven[]> {
  const out: Proven[] = [];
  for (let i = 0; i < items.length; i += 64) {
    out.push(...(await Promise.all(items.slice(i, i + 64).map((it) => proveItem(it, checkpoint)))));
    progress(out.length);
  }
  return out;
}

export async function verifyBundle(
  bundle: Bundle,
  trustedLogKey: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<Verification> {
  const proven: string[] = [];
  try {
    const logKey = await attempt('log key', () => parseVerifierKey(trustedLogKey));
    const checkpoint = await attempt('checkpoint', () =>
      verifyCheckpoint(bundle.checkpoint, logKey),
    );
    proven.push(
      `The checkpoint is signed by the log key ${logKey.name}: a tree of ${checkpoint.size} entries with root ${toHex(checkpoint.rootHash)}.`,
    );

    const { entry: genesis } = await proveItem(bundle.genesis, checkpoint);
    const adopt = genesis.payload as unknown as Acts['charter.adopt'];
    if (genesis.index !== 0 || genesis.type !== 'charter.adopt')
      throw new Failure('entry 0', 'the first entry is not the charter adoption');
    if (adopt.log !== trustedLogKey)
      throw new Failure('entry 0', 'the charter names another log key than the one trusted');
    const charter = await attempt('entry 0', async () => charterFromJson(adopt.charter));
    proven.push(
      `Entry 0 is in the log: the charter of ${charter.organization.name}, naming this log key and the custodial key.`,
    );

    const total = bundle.entries.length + (bundle.enrolments?.length ?? 0);
    const changes = await proveAll(bundle.enrolments ?? [], checkpoint, (n) => progress(n, total));
    const done = changes.length;
    const entries = await proveAll(bundle.entries, checkpoint, (n) => progress(done + n, total));
    proven.push(
      `${entries.length} entries are in the log at the positions they claim (${entries.length} inclusion proofs checked with SHA-256), each in its canonical form and carrying a valid Ed25519 signature.`,
    );

    const keys = { ...emptyState(), charter, custodian: adopt.custodian };
    let next = 0;
    let before: Proven | undefined;
    for (const item of entries) {
      const { entry } = item;
      for (; next < changes.length && changes[next]!.entry.index < entry.index; next++) {
        const change = changes[next]!.entry;
        if (change.type !== 'member.enrol' && change.type !== 'member.revoke')
          throw new Failure(`entry ${change.index}`, 'listed as an enrolment, but it is not one');
        applyKeyChange(keys, change.type, change.payload as unknown as Acts['member.enrol']);
      }
      const label = `entry ${entry.index}`;
      if (entry.org !== charter.organization.id)
        throw new Failure(label, `it belongs to organization '${entry.org}'`);
      if (entry.key !== expectedKey(keys, entry.signer))
        throw new Failure(
          label,
          `signed with a key that is not ${entry.signer ?? 'the custodian'}'s`,
        );
      if (before && entry.index <= before.entry.index)
        throw new Failure(label, 'the entries are not in order, or one is given twice');
      if (before && before.entry.index === entry.index - 1 && entry.prev !== before.hash)
        throw new Failure(label, 'its link to the entry before is broken');
      before = item;
    }
    proven.push(
      'Each entry was signed with the key its signer held at the time (by the charter and the enrolments proven here), and each links to the entry before it.',
    );

    if (bundle.range) {
      const { first, last } = bundle.range;
      const complete =
        entries.length === last - first + 1 && entries.every((e, i) => e.entry.index === first + i);
      if (!complete)
        throw new Failure('range', `the entries do not cover ${first} to ${last} without a gap`);
      proven.push(`Complete: every entry from ${first} to ${last} is here; none was left out.`);
    }
    return { ok: true, proven };
  } catch (error) {
    return { ok: false, proven, failure: failureOf(error) };
  }
}

/** Verifies one entry's inclusion proof (GET /api/proofs/inclusion) and its signature. */
export async function verifyProof(
  leaf: string,
  proof: InclusionProof,
  trustedLogKey: string,
): Promise<Verification> {
  const proven: string[] = [];
  try {
    const logKey = await attempt('log key', () => parseVerifierKey(trustedLogKey));
    const checkpoint = await attempt('checkpoint', () =>
      verifyCheckpoint(proof.checkpoint, logKey),
    );
    proven.push(
      `The checkpoint is signed by the log key ${logKey.name}: a tree of ${checkpoint.size} entries with root ${toHex(checkpoint.rootHash)}.`,
    );
    if (checkpoint.size !== proof.size)
      throw new Failure('checkpoint', `it is of size ${checkpoint.size}, not ${proof.size}`);
    const { entry, hash } = await proveItem(
      { index: proof.index, leaf, proof: proof.proof },
      checkpoint,
    );
    proven.push(
      `Entry ${entry.index} (leaf hash ${hash}) is in that tree: ${proof.proof.length} hashes lead from it to the signed root.`,
      `Its bytes are canonical JSON and its Ed25519 signature verifies with the key it names.`,
    );
    return { ok: true, proven };
  } catch (error) {
    return { ok: false, proven, failure: failureOf(error) };
  }
}

function failureOf(error: unknown): { item: string; reason: string } {
  return error instanceof Failure
    ? { item: error.item, reason: error.message }
    : { item: 'bundle', reason: error instanceof Error ? error.message : String(error) };
}

async function attempt<T>(item: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Failure(item, error instanceof Error ? error.message : String(error));
  }
}
