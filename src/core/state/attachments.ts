/**
 * The files an act attaches (a dispatch's, an instrument's, an agenda item's), each named once:
 * the record keeps a file by its hash, so a second mention of one is the same file again.
 */
import type { Attachment } from '../acts.js';
import { fail } from '../errors.js';
import { repeatsIn } from '../repeats.js';
import type { SessionNotice, State } from './model.js';

/** Refuses a list (`field`, as `payload.attachments`) that names a file twice. */
export function checkAttachedOnce(field: string, attachments: readonly Attachment[] = []): void {
  const [repeat] = repeatsIn(attachments, (a) => a.hash);
  if (repeat === undefined) return;
  const a = attachments[repeat.at]!;
  fail(
    'invalid-input',
    `${field}.${repeat.at}: ${a.name} (sha256 ${a.hash}) is attached already, as ${field}.${repeat.first}: a file is attached once`,
  );
}

/** A file the record names: by the name it was first attached under, and what attached it. */
export interface NamedFile {
  readonly name: string;
  /** "dispatch d1", "instrument i1", "the agenda of session s1". */
  readonly by: string;
}

/**
 * The lists of files the state attaches, each with what attaches it, in the order mentions are
 * read: a dispatch's, an instrument's, then an item's of a session's agenda (convened, or of a
 * session opened since). The first mention of a file names it.
 */
function* attachedLists(state: State): Generator<readonly [by: string, readonly Attachment[]]> {
  for (const d of state.dispatches.values()) yield [`dispatch ${d.id}`, d.attachments ?? []];
  for (const i of state.instruments.values())
    yield [`instrument ${i.id}`, i.draft.attachments ?? []];
  const notices: SessionNotice[] = [...state.convened.values()];
  for (const s of state.sessions.values()) if (s.notice) notices.push(s.notice);
  for (const n of notices)
    for (const item of n.agenda)
      yield [`the agenda of session ${n.session}`, item.attachments ?? []];
}

/** Every file the state names, by hash, each under its first mention (attachedLists). */
export function namedFiles(state: State): Map<string, NamedFile> {
  const named = new Map<string, NamedFile>();
  for (const [by, list] of attachedLists(state))
    for (const a of list) if (!named.has(a.hash)) named.set(a.hash, { name: a.name, by });
  return named;
}

/**
 * The one file `hash` as namedFiles names it, read up to its first mention without naming every
 * other (a download asks for one).
 */
export function namedFile(state: State, hash: string): NamedFile | undefined {
  for (const [by, list] of attachedLists(state)) {
    const a = list.find((f) => f.hash === hash);
    if (a) return { name: a.name, by };
  }
  return undefined;
}
