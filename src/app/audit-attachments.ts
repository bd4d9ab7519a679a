/**
 * The files the record names, kept beside it by their SHA-256: each kept must be the file its
 * hash names. The entries carry only the hashes; bytes changed in the store (by hand, by
 * a failing disk) would otherwise be served and exported as the dispatch's letter.
 */
import type { Attachment } from '../core/acts.js';
import type { SessionNotice, State } from '../core/state/index.js';
import type { RecordStore } from '../store/types.js';
import { Failed } from './audit-failure.js';
import { keptFileProblem } from './attachments.js';

/** Every file a dispatch, an instrument or a notice's agenda of the folded state names. */
function namedFiles(state: State): Map<string, string> {
  const named = new Map<string, string>();
  const add = (what: string, list: readonly Attachment[] | undefined) => {
    for (const a of list ?? []) if (!named.has(a.hash)) named.set(a.hash, `${a.name} (${what})`);
  };
  for (const d of state.dispatches.values()) add(`dispatch ${d.id}`, d.attachments);
  for (const i of state.instruments.values()) add(`instrument ${i.id}`, i.draft.attachments);
  const notices: SessionNotice[] = [...state.convened.values()];
  for (const s of state.sessions.values()) if (s.notice) notices.push(s.notice);
  for (const n of notices)
    for (const item of n.agenda) add(`the agenda of session ${n.session}`, item.attachments);
  return named;
}

/**
 * Fails at the first file the store keeps that is not the file recorded. A file named and not
 * kept is no fault: a file may be named by its hash and kept elsewhere ({name, hash, size}).
 * Answers how many files kept were checked.
 */
export async function auditAttachments(store: RecordStore, state: State): Promise<number> {
  let checked = 0;
  for (const [hash, what] of namedFiles(state)) {
    const kept = await store.attachment(hash);
    if (!kept) continue;
    const problem = keptFileProblem(hash, kept);
    if (problem) throw new Failed({ item: `file ${what}`, reason: problem });
    checked += 1;
  }
  return checked;
}
