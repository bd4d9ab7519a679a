/**
 * The verifier of export bundles, in the browser and in Node alike, trusting only the log's
 * verifier key: the checkpoint's signature, every entry's inclusion proof against it, each entry's
 * shape, canonical form and signature, that each signer used the key they held then (the charter
 * and the enrolments proven in the bundle), the hash links, and that the range leaves nothing out;
 * a field the format does not have is refused. Ed25519 is WebCrypto's unless the caller gives
 * another (the CLI gives node:crypto's).
 */
import { toHex } from '../core/bytes.js';
import type { Acts } from '../core/acts.js';
import { charterFromJson } from '../core/charter/index.js';
import { BundleFailure, checkSequence } from '../record/bundle-sequence.js';
import { checkBundleShape } from '../record/bundle-shape.js';
import type { BundleReport, InclusionProof } from '../record/proof-formats.js';
import { attempt, failureOf, proveAll, proveItem } from './entries.js';
import { parseVerifierKey, verifyCheckpoint } from './note.js';
import { verifyEd25519 } from './web-crypto.js';
import type { Ed25519Verify } from './web-crypto.js';

/** What was proven, in words and in order, or where it failed. */
export type Verification = BundleReport;

/** Verifies `value` as a bundle of entries, reporting how many of how many are verified. */
export async function verifyBundle(
  value: unknown,
  trustedLogKey: string,
  progress: (done: number, total: number) => void = () => {},
  verify: Ed25519Verify = verifyEd25519,
): Promise<Verification> {
  const proven: string[] = [];
  try {
    const bundle = checkBundleShape(value);
    const logKey = await attempt('log key', () => parseVerifierKey(trustedLogKey));
    const checkpoint = await attempt('checkpoint', () =>
      verifyCheckpoint(bundle.checkpoint, logKey, verify),
    );
    proven.push(
      `the checkpoint is signed by the log key ${logKey.name}: a tree of ${checkpoint.size} entries with root ${toHex(checkpoint.rootHash)}`,
    );

    const { entry: genesis } = await proveItem(bundle.genesis, checkpoint, verify);
    const adopt = genesis.payload as unknown as Acts['charter.adopt'];
    if (genesis.index !== 0 || genesis.type !== 'charter.adopt')
      throw new BundleFailure('entry 0', 'the first entry is not the charter adoption');
    if (adopt.log !== trustedLogKey)
      throw new BundleFailure('entry 0', 'the charter names another log key than the one trusted');
    const charter = await attempt('entry 0', async () => charterFromJson(adopt.charter));
    proven.push(
      `entry 0 is in the log: the charter of ${charter.organization.name} (${charter.organization.id}), naming this log key and the custodial key`,
    );

    const total = bundle.entries.length + (bundle.enrolments?.length ?? 0);
    const changes = await proveAll(
      bundle.enrolments ?? [],
      checkpoint,
      (n) => progress(n, total),
      verify,
    );
    const done = changes.length;
    const entries = await proveAll(
      bundle.entries,
      checkpoint,
      (n) => progress(done + n, total),
      verify,
    );
    proven.push(
      `${entries.length} inclusion proofs lead to the checkpoint's root (SHA-256), each from an entry in its canonical form with a valid Ed25519 signature`,
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
      `the checkpoint is signed by the log key ${logKey.name}: a tree of ${checkpoint.size} entries with root ${toHex(checkpoint.rootHash)}`,
    );
    if (checkpoint.size !== proof.size)
      throw new BundleFailure('checkpoint', `it is of size ${checkpoint.size}, not ${proof.size}`);
    const { entry, leafHash: hash } = await proveItem(
      { index: proof.index, leaf, proof: proof.proof },
      checkpoint,
    );
    proven.push(
      `entry ${entry.index} (leaf hash ${hash}) is in that tree: ${proof.proof.length} hashes lead from it to the signed root`,
      `its bytes are canonical JSON and its Ed25519 signature verifies with the key it names`,
    );
    return { ok: true, proven };
  } catch (error) {
    return { ok: false, proven, failure: failureOf(error) };
  }
}
