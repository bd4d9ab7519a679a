/**
 * An export bundle: entries as their exact leaf bytes, each with its inclusion proof against one
 * signed checkpoint, the genesis entry that names the keys, and the enrolments that change them.
 * Anyone holding the log key can verify it offline: the checkpoint signature, every proof, every
 * entry signature and hash link, and that its range leaves nothing out; a field the format does not
 * have is refused.
 */
import type { Acts } from '../core/acts.js';
import { fromBase64, toHex } from '../core/bytes.js';
import { charterFromJson } from '../core/charter/index.js';
import { BundleFailure, checkSequence } from './bundle-sequence.js';
import { checkBundleShape } from './bundle-shape.js';
import type { ProvenEntry } from './bundle-sequence.js';
import { verifyCheckpoint } from './checkpoint.js';
import { decodeEntry, verifyEntrySignature } from './entry.js';
import type { SignedEntry } from './entry.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { noteVerifier, parseVerifierKey } from './note.js';
import type { Bundle, BundleEntry, BundleReport } from './proof-formats.js';

export { BUNDLE_FORMAT } from './proof-formats.js';
export type { Bundle, BundleEntry, BundleReport } from './proof-formats.js';

/** Verifies `bundle` against the log key the verifier trusts; nothing else is trusted. */
export function verifyBundle(
  bundle: unknown,
  trustedLogKey: string,
  /** Called as the entries are verified: how many of how many. */
  onProgress?: (done: number, total: number) => void,
): BundleReport {
  const proven: string[] = [];
  try {
    verifyInto(checkBundleShape(bundle), trustedLogKey, proven, onProgress);
    return { ok: true, proven };
  } catch (error) {
    const failure =
      error instanceof BundleFailure
        ? { item: error.item, reason: error.message }
        : { item: 'bundle', reason: error instanceof Error ? error.message : String(error) };
    return { ok: false, proven, failure };
  }
}

function verifyInto(
  bundle: Bundle,
  trustedLogKey: string,
  proven: string[],
  onProgress?: (done: number, total: number) => void,
): void {
  const verifier = attempt('log key', () => noteVerifier(trustedLogKey));
  const checkpoint = attempt('checkpoint', () => verifyCheckpoint(bundle.checkpoint, verifier));
  const root = checkpoint.rootHash;
  proven.push(
    `checkpoint: signed by ${verifier.name}, tree size ${checkpoint.size}, root ${toHex(root)}`,
  );

  const included = (item: BundleEntry, label: string): ProvenEntry & { entry: SignedEntry } => {
    const bytes = attempt(label, () => decodeLeaf(item.leaf));
    const hashes = attempt(label, () => item.proof.map(fromHex));
    const hash = leafHash(bytes);
    attempt(label, () => verifyInclusion(item.index, checkpoint.size, hash, hashes, root));
    const entry = attempt(label, () => decodeEntry(bytes));
    if (entry.index !== item.index)
      throw new BundleFailure(label, `the entry says it is entry ${entry.index}`);
    if (!verifyEntrySignature(entry))
      throw new BundleFailure(
        label,
        `its signature does not verify (signer ${entry.signer ?? 'custodian'})`,
      );
    return { entry, leafHash: toHex(hash) };
  };

  const proved = included(bundle.genesis, 'entry 0');
  const genesis = proved.entry;
  if (genesis.index !== 0 || genesis.type !== 'charter.adopt')
    throw new BundleFailure('entry 0', 'the genesis entry is not the charter adoption');
  const adopt = genesis.payload as Acts['charter.adopt'];
  if (sameKey(adopt.log, trustedLogKey) === false)
    throw new BundleFailure('entry 0', 'the charter names another log key than the one trusted');
  const charter = attempt('entry 0', () => charterFromJson(adopt.charter));
  proven.push(
    `entry 0: the charter of ${charter.organization.name} (${charter.organization.id}) names this log's key and the custodial key`,
  );

  const changes = (bundle.enrolments ?? []).map((item) => included(item, `entry ${item.index}`));
  const entries = bundle.entries.map((item, i) => {
    const checked = included(item, `entry ${item.index}`);
    onProgress?.(i + 1, bundle.entries.length);
    return checked;
  });
  checkSequence(charter, adopt.custodian, changes, entries, bundle.range, proven);
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
