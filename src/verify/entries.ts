/**
 * Entries proven against a checkpoint, for the verifiers of the browser and of Node alike: each in
 * the tree (its inclusion proof), in its canonical form, at the index it claims, and signed by the
 * key it names. Who may hold that key is the bundle's sequence to check (record/bundle-sequence.ts).
 */
import { fromBase64, toHex } from '../core/bytes.js';
import { isCanonicalText, jsonOfBytes } from '../core/canonical-text.js';
import { BundleFailure } from '../record/bundle-sequence.js';
import { isEntryShape } from '../record/entry-shape.js';
import type { ProvenEntry } from '../record/bundle-sequence.js';
import type { BundleEntry, RecordEntry } from '../record/proof-formats.js';
import { signingMessage } from '../record/signing.js';
import { leafHash, verifyInclusion } from '../record/merkle-proofs.js';
import type { Checkpoint } from './note.js';
import { fromHex, verifyEd25519 } from './web-crypto.js';
import type { Ed25519Verify } from './web-crypto.js';

export type Proven = ProvenEntry & { readonly entry: RecordEntry };

/** Proves one item: in the tree, canonical, at its index, and signed by the key it names. */
export async function proveItem(
  item: BundleEntry,
  checkpoint: Checkpoint,
  verify: Ed25519Verify = verifyEd25519,
): Promise<Proven> {
  const label = `entry ${item.index}`;
  try {
    const bytes = fromBase64(item.leaf);
    const hash = leafHash(bytes);
    verifyInclusion(
      item.index,
      checkpoint.size,
      hash,
      item.proof.map(fromHex),
      checkpoint.rootHash,
    );
    const { text, value } = jsonOfBytes(bytes);
    if (!isEntryShape(value))
      throw new Error('it is not an entry: a field is missing, unknown or of the wrong type');
    const entry = value as unknown as RecordEntry;
    if (!isCanonicalText(text)) throw new Error('its bytes are not canonical JSON');
    if (entry.index !== item.index) throw new Error(`it says it is entry ${entry.index}`);
    const message = signingMessage(value);
    if (!(await verify(fromBase64(entry.key), message, fromBase64(entry.sig))))
      throw new Error(`its signature does not verify (signer ${entry.signer ?? 'custodian'})`);
    return { entry, leafHash: toHex(hash) };
  } catch (error) {
    throw error instanceof BundleFailure
      ? error
      : new BundleFailure(label, (error as Error).message);
  }
}

/** Proves many items, a batch at a time, reporting each one proven. */
export async function proveAll(
  items: readonly BundleEntry[],
  checkpoint: Checkpoint,
  progress: (done: number) => void,
  verify: Ed25519Verify = verifyEd25519,
): Promise<Proven[]> {
  const out: Proven[] = [];
  let done = 0;
  const proveOne = async (item: BundleEntry) => {
    const proven = await proveItem(item, checkpoint, verify);
    progress(++done);
    return proven;
  };
  for (let i = 0; i < items.length; i += 64)
    for (const proven of await Promise.all(items.slice(i, i + 64).map(proveOne))) out.push(proven);
  return out;
}

export function failureOf(error: unknown): { item: string; reason: string } {
  return error instanceof BundleFailure
    ? { item: error.item, reason: error.message }
    : { item: 'bundle', reason: error instanceof Error ? error.message : String(error) };
}

export async function attempt<T>(item: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new BundleFailure(item, error instanceof Error ? error.message : String(error));
  }
}
