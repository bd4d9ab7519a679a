/** Runs a verification and returns the ProofError it throws, if any. */
import { ProofError } from '../../src/record/merkle-proofs.js';

export function proofFailure(verify: () => void): ProofError | undefined {
  try {
    verify();
    return undefined;
  } catch (error) {
    if (error instanceof ProofError) return error;
    throw error;
  }
}
