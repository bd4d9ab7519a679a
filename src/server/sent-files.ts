/**
 * Files sent with an act (`files` of POST /api/acts, with a dispatch's registration, an
 * instrument's draft or a session's notice, whose agenda items name them): decoded, each held to
 * the configured size, and matched to what the signed payload names by hash, name and
 * size, so that the record never names a file it does not keep. They are stored in the append's
 * transaction (Draft.files): a refused act leaves no file behind.
 */
import { plural } from '../core/words.js';
import type { Attachment } from '../core/acts.js';
import { fromBase64 } from '../core/bytes.js';
import { repeatsIn } from '../core/repeats.js';
import { actInWords, oneOfInWords } from '../core/state/index.js';
import { attachmentsOf } from '../app/attachments.js';
import type { FileInput } from '../app/attachments.js';
import type { Draft } from '../app/ledger.js';
import type { RecordStore, StoredAttachment } from '../store/types.js';
import type { Submission } from './commit.js';
import { ApiError, refuse } from './errors.js';

/** The acts whose payload names attachments, sent along as files. */
export const ACTS_WITH_FILES: ReadonlySet<string> = new Set([
  'dispatch.register',
  'instrument.draft',
  'session.convene',
]);

export interface SentFile {
  readonly name: string;
  /** The bytes in canonical base64. */
  readonly data: string;
}

/**
 * The files to store with an act of `type`: every one the payload's attachments name, each sent
 * along or kept by the record already. Refused: files with another act, a file over `maxBytes`
 * (413 too-large), a file no attachment names, an attachment that matches no file.
 */
export async function filesToStore(
  store: RecordStore,
  maxBytes: number,
  act: { readonly type: string; readonly payload: Readonly<Record<string, unknown>> },
  files: readonly SentFile[] = [],
): Promise<StoredAttachment[]> {
  const { type, payload } = act;
  if (!ACTS_WITH_FILES.has(type)) {
    if (files.length > 0)
      refuse(
        'invalid-input',
        `files: only ${oneOfInWords([...ACTS_WITH_FILES].map(actInWords))} carries files, not ${actInWords(type)}`,
      );
    return [];
  }
  const { attachments: sent, stored } = attachmentsOf(decoded(files), maxBytes);
  checkSentOnce(sent);
  const named = namedAttachments(type, payload);
  for (const { attachment: a, where } of named) {
    if (sent.some((f) => sameFile(f, a))) continue;
    await requireMatch(store, sent, a, where);
  }
  sent.forEach((f, i) => {
    if (!named.some(({ attachment }) => sameFile(f, attachment)))
      refuse(
        'invalid-input',
        `files.${i}: ${f.name} (sha256 ${f.hash}, ${plural(f.size, 'byte')}) is named by none of ${type === 'session.convene' ? "the agenda items' attachments" : 'payload.attachments'}`,
      );
  });
  return stored;
}

/**
 * Refuses a file sent twice (the same bytes, by hash): every file sent is stored under its hash,
 * so a second is the first again, a slip in what was meant to be sent.
 */
function checkSentOnce(sent: readonly Attachment[]): void {
  const [repeat] = repeatsIn(sent, (f) => f.hash);
  if (repeat === undefined) return;
  const { at, first } = repeat;
  const f = sent[at]!;
  throw new ApiError(
    'invalid-input',
    `files.${at}: ${f.name} (sha256 ${f.hash}, ${plural(f.size, 'byte')}) is sent already, as files.${first}: a file is sent once`,
    {},
    `files.${at}`,
  );
}

/** The attachments a payload names, each with where: a notice's are its agenda items'. */
function namedAttachments(
  type: string,
  payload: Readonly<Record<string, unknown>>,
): { attachment: Attachment; where: string }[] {
  const of = (list: unknown, where: string) =>
    ((list ?? []) as readonly Attachment[]).map((attachment, i) => ({
      attachment,
      where: `${where}.attachments.${i}`,
    }));
  if (type !== 'session.convene') return of(payload['attachments'], 'payload');
  const agenda = (payload['agenda'] ?? []) as readonly { attachments?: Attachment[] }[];
  return agenda.flatMap((item, i) => of(item.attachments, `payload.agenda.${i}`));
}

/** The submission, its files stored with its entry. */
export function withFiles(submission: Submission, files: readonly StoredAttachment[]): Submission {
  if (files.length === 0) return submission;
  const { draft } = submission;
  const add = (d: Draft): Draft => ({ ...d, files });
  return {
    ...submission,
    draft: typeof draft === 'function' ? (state) => add(draft(state)) : add(draft),
  };
}

function decoded(files: readonly SentFile[]): FileInput[] {
  return files.map((file, i) => {
    try {
      return { name: file.name, bytes: fromBase64(file.data) };
    } catch {
      return refuse('invalid-input', `files.${i}.data: not canonical base64`);
    }
  });
}

function sameFile(a: Attachment, b: Attachment): boolean {
  return a.hash === b.hash && a.name === b.name && a.size === b.size;
}

/** An attachment no file sent matches: refused with what differs, unless the record keeps it. */
async function requireMatch(
  store: RecordStore,
  sent: readonly Attachment[],
  a: Attachment,
  where: string,
): Promise<void> {
  const like = sent.find((f) => f.hash === a.hash) ?? sent.find((f) => f.name === a.name);
  if (like)
    refuse(
      'invalid-input',
      `${where}: ${a.name} (sha256 ${a.hash}, ${plural(a.size, 'byte')}) does not match the file sent as ${like.name} (sha256 ${like.hash}, ${plural(like.size, 'byte')})`,
    );
  const kept = await store.attachment(a.hash);
  if (!kept)
    refuse(
      'invalid-input',
      `${where}: no file was sent for ${a.name} (sha256 ${a.hash}), and the record keeps none with that hash`,
    );
  if (kept.length !== a.size)
    refuse(
      'invalid-input',
      `${where}: ${a.name} is ${plural(a.size, 'byte')}, but the file the record keeps with that hash is ${kept.length}`,
    );
}
