/**
 * The files the record names, kept beside it by their SHA-256: each kept must be the file its
 * hash names. The entries carry only the hashes; bytes changed in the store (by hand, by
 * a failing disk) would otherwise be served and exported as the dispatch's letter.
 */
import { namedFiles } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import type { RecordStore } from '../store/types.js';
import { Failed } from './audit-failure.js';
import { keptFileProblem } from './attachments.js';

/**
 * Fails at the first file the store keeps that is not the file recorded. A file named and not
 * kept is no fault: a file may be named by its hash and kept elsewhere ({name, hash, size}).
 * Answers how many files kept were checked.
 */
export async function auditAttachments(store: RecordStore, state: State): Promise<number> {
  let checked = 0;
  for (const [hash, { name, by }] of namedFiles(state)) {
    const kept = await store.attachment(hash);
    if (!kept) continue;
    const problem = keptFileProblem(hash, kept);
    if (problem) throw new Failed({ item: `file ${name} (${by})`, reason: problem });
    checked += 1;
  }
  return checked;
}
