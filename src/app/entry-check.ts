import { EntryFormatError, readEntry } from '../record/entry.js';
import type { ReadEntry, SignedEntry } from '../record/entry.js';

/** An entry's stored bytes read back (readEntry), or what is wrong with their form. */
export function readStored(bytes: Uint8Array): ReadEntry | string {
  try {
    return readEntry(bytes);
  } catch (error) {
    return error instanceof EntryFormatError ? `malformed: ${error.message}` : String(error);
  }
}

/** What an entry whose signature does not verify is found to be. */
export function signatureProblem(entry: Pick<SignedEntry, 'signer'>): string {
  return `its signature does not verify (signer ${entry.signer ?? 'custodian'})`;
}
