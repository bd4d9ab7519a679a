/**
 * The files an act attaches (a dispatch's, an instrument's, an agenda item's), each named once:
 * the record keeps a file by its hash, so a second mention of one is the same file again.
 */
import type { Attachment } from '../acts.js';
import { fail } from '../errors.js';
import type { SessionNotice, State } from './model.js';

/** Refuses a list (`field`, as `payload.attachments`) that names a file twice. */
export function checkAttachedOnce(field: string, attachments: readonly Attachment[] = []): void {
  const first = new Map<string, number>();
  attachments.forEach((a, i) => {
    const before = first.get(a.hash);
    if (before !== undefined)
      fail(
        'invalid-input',
        `${field}.${i}: ${a.name} (sha256 ${a.hash}) is attached already, as ${field}.${before}: a file is attached once`,
      );
    first.set(a.hash, i);
  });
}

/** A file the record names: by the name it was first attached under, and what attached it. */
export interface NamedFile {
  readonly name: string;
  /** "dispatch d1", "instrument i1", "the agenda of session s1". */
  readonly by: string;
}

/**
 * Every file the state names, by hash, each under its first mention: a dispatch's, an
 * instrument's, or an item's of a session's agenda (convened, or of a session opened since).
 */
export function namedFiles(state: State): Map<string, NamedFile> {
  const named = new Map<string, NamedFile>();
  const add = (by: string, list: readonly Attachment[] | undefined) => {
    for (const a of list ?? []) if (!named.has(a.hash)) named.set(a.hash, { name: a.name, by });
  };
  for (const d of state.dispatches.values()) add(`dispatch ${d.id}`, d.attachments);
  for (const i of state.instruments.values()) add(`instrument ${i.id}`, i.draft.attachments);
  const notices: SessionNotice[] = [...state.convened.values()];
  for (const s of state.sessions.values()) if (s.notice) notices.push(s.notice);
  for (const n of notices)
    for (const item of n.agenda) add(`the agenda of session ${n.session}`, item.attachments);
  return named;
}
