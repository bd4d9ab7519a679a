/**
 * The browser's consistency proof check (src/verify/merkle.ts), run on Node's WebCrypto: it agrees
 * with the published vectors and with the Node verifier on every probe.
 */
import { describe, expect, it } from 'vitest';
import { verifyConsistency as verifyInNode } from '../../src/record/merkle.js';
import { verifyConsistency } from '../../src/verify/merkle.js';
import { fromHex, loadVectors } from '../record/vectors.js';

interface ConsistencyCase {
  size1: number;
  size2: number;
  root1_hex: string;
  root2_hex: string;
  proof_hex: string[];
  want_error?: boolean;
  file?: string;
}

const proofs = loadVectors<{ consistency: ConsistencyCase[] }>('rfc9162_proofs_8_leaves.json');
const { probes } = loadVectors<{ probes: ConsistencyCase[] }>('merkle_consistency_probes.json');

async function failure(c: ConsistencyCase): Promise<string | undefined> {
  try {
    await verifyConsistency(
      c.size1,
      c.size2,
      c.proof_hex.map(fromHex),
      fromHex(c.root1_hex),
      fromHex(c.root2_hex),
    );
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('consistency proofs checked with WebCrypto', () => {
  it.each(proofs.consistency.map((c) => [`${c.size1} to ${c.size2}`, c] as const))(
    'accepts the RFC 9162 proof from %s (rfc9162_proofs_8_leaves.json)',
    async (_, c) => {
      expect(await failure(c)).toBeUndefined();
    },
  );

  it.each(probes.map((p) => [p.file ?? '', p] as const))(
    'decides %s as the vectors and the Node verifier do',
    async (_, probe) => {
      const found = await failure(probe);
      expect(found !== undefined).toBe(probe.want_error);
      let nodeFails = false;
      try {
        verifyInNode(
          probe.size1,
          probe.size2,
          probe.proof_hex.map(fromHex),
          fromHex(probe.root1_hex),
          fromHex(probe.root2_hex),
        );
      } catch {
        nodeFails = true;
      }
      expect(found !== undefined).toBe(nodeFails);
    },
  );

  it('refuses a proof from an old root that is not the one the tree had', async () => {
    const [c] = proofs.consistency.filter((p) => p.size1 > 1 && p.size1 < p.size2);
    if (c === undefined) throw new Error('no proof between two sizes');
    const forged = { ...c, root1_hex: 'ff' + c.root1_hex.slice(2) };
    expect(await failure(forged)).toMatch(/does not lead to the old root|root/);
  });
});
