/**
 * Verifies an export bundle in this browser, trusting only the log's verifier key: the
 * checkpoint's signature (Ed25519), every entry's inclusion proof against it (SHA-256), each
 * entry's canonical form and signature, that each signer used the key they held then (the charter
 * and the enrolments proven in the bundle), the hash links, and that the range leaves nothing out;
 * a field the format does not have is refused (the Node verifier's shape check). All with WebCrypto; loaded only when someone asks for it.
 */
import { toHex } from '../../core/bytes.js';
import type { Acts } from '../../core/acts.js';
import { charterFromJson } from '../../core/charter/index.js';
import { BundleFailure, checkSequence } from '../../record/bundle-sequence.js';
import { checkBundleShape } from '../../record/bundle-shape.js';
import { attempt, failureOf, proveAll, proveItem } from '../../verify/entries.js';
import { parseVerifierKey, verifyCheckpoint } from '../../verify/note.js';
import type { BundleReport } from '../../record/proof-formats.js';
import type { InclusionProof } from './types.js';

/** What was proven, in words and in order, or where it failed: the report of the Node verifier. */
export type Verification = BundleReport;

export async function verifyBundle(
  value: unknown,
  trustedLogKey: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<Verification> {
  const proven: string[] = [];
  try {
    const bundle = checkBundleShape(value);
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
      throw new BundleFailure('entry 0', 'the first entry is not the charter adoption');
    if (adopt.log !== trustedLogKey)
      throw new BundleFailure('entry 0', 'the charter names another log key than the one trusted');
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

    checkSequence(charter, adopt.custodian, changes, entries, bundle.range, proven);
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
      throw new BundleFailure('checkpoint', `it is of size ${checkpoint.size}, not ${proof.size}`);
    const { entry, leafHash: hash } = await proveItem(
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
