import { decodeEntry, EntryFormatError, verifyEntrySignature } from '../record/entry.js';

/** What is wrong with an entry's bytes on their own (form and signature), or null. */
export function entryProblem(bytes: Uint8Array): string | null {
  try {
    const entry = decodeEntry(bytes);
    return verifyEntrySignature(entry, bytes)
      ? null
      : `its signature does not verify (signer ${entry.signer ?? 'custodian'})`;
  } catch (error) {
    return error instanceof EntryFormatError ? `malformed: ${error.message}` : String(error);
  }
}
