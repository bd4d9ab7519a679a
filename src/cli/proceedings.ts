/**
 * Reading a proceedings file for the command line: the file, each charter its motions amend to
 * (`amends`, relative to the file, each read as a charter is) and each file its dispatches attach
 * (relative to it too), every problem at once at its own file's lines; and a refusal on replay
 * reported where it comes from.
 */
import { amendmentData, AmendmentRefused, readProceedings } from '../app/amendments.js';
import type { Amendments } from '../app/amendments.js';
import { CHARTER_FILE, parseCharter } from '../core/charter/index.js';
import type { Charter } from '../core/charter/index.js';
import { DomainError } from '../core/errors.js';
import { formatProblem } from '../core/format/yaml-source.js';
import type { Loaded, Path } from '../core/format/yaml-source.js';
import { attachmentFiles } from '../core/proceedings/index.js';
import type { ProceedingsFile } from '../core/proceedings/index.js';
import { maxAttachmentBytes } from '../app/attachments.js';
import type { AttachmentFiles } from '../app/replay.js';
import { readAttachment } from './attachment-files.js';
import { besideFile, CliError, readBytes } from './io.js';

export interface ReadProceedings {
  readonly file: string;
  readonly proceedings: Extract<Loaded<ProceedingsFile>, { ok: true }>;
  /** The amended charters as data, by the name `amends` gives them. */
  readonly amendments: Amendments;
  /** The amended charters as read, by that name, to locate a refusal in them. */
  readonly charters: ReadonlyMap<string, Extract<Loaded<Charter>, { ok: true }>>;
  /** The files the dispatches attach, by the path the file gives. */
  readonly attachments: AttachmentFiles;
}

/** The file an `amends` of `file` names, as the user can find it. */
const amendmentFile = besideFile;

/** Reads `source` (the bytes of `file`) against the charter, with the charters it amends to. */
export function loadProceedings(
  file: string,
  source: Uint8Array,
  charter: Charter,
): ReadProceedings {
  const unreadable: string[] = [];
  const { proceedings, charters } = readProceedings(source, charter, (name) => {
    try {
      return parseCharter(readBytes(amendmentFile(file, name), CHARTER_FILE));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      unreadable.push(...error.lines, error.message);
      return { ok: false, problems: [] };
    }
  });
  const lines = [...unreadable];
  for (const [name, read] of charters)
    if (!read.ok)
      lines.push(...read.problems.map((p) => formatProblem(amendmentFile(file, name), p)));
  if (!proceedings.ok) lines.push(...proceedings.problems.map((p) => formatProblem(file, p)));
  const attachments = proceedings.ok ? readAttachments(file, proceedings, lines) : new Map();
  if (lines.length > 0 || !proceedings.ok) {
    const n = lines.length;
    throw new CliError(`${file}: ${n} problem${n === 1 ? '' : 's'}`, 1, 'invalid-file', lines);
  }
  const valid = new Map(
    [...charters].flatMap(([name, read]) => (read.ok ? [[name, read] as const] : [])),
  );
  return { file, proceedings, amendments: amendmentData(charters), charters: valid, attachments };
}

/** The files the dispatches of `file` attach, read beside it; each that cannot be, at its place. */
function readAttachments(
  file: string,
  proceedings: ReadProceedings['proceedings'],
  problems: string[],
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const maxBytes = maxAttachmentBytes();
  for (const { file: name, path } of attachmentFiles(proceedings.value)) {
    if (files.has(name)) continue;
    try {
      files.set(name, readAttachment(besideFile(file, name), maxBytes).bytes);
    } catch (error) {
      if (!(error instanceof CliError || error instanceof DomainError)) throw error;
      const at = proceedings.locate(path);
      problems.push(`${file}:${at.line}:${at.col}: ${error.message}`);
    }
  }
  return files;
}

/**
 * Runs `work`; an act it refuses is reported at its place in the file, nothing recorded. An
 * amended charter the record cannot take is reported at its own place in its file, then the motion.
 */
export async function locatedIn<T>(read: ReadProceedings, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || !error.where) throw error;
    const at = read.proceedings.locate(
      fieldPlace(read.proceedings.value, error.where, error.message),
    );
    const here = `${read.file}:${at.line}:${at.col}`;
    // The place in the file says which key: the act's field (`payload.date: `) would say it in
    // the record's words, which the file does not use.
    const message = error.message.replace(/^payload(\.[\w-]+)+: /, '');
    throw new CliError(
      `${read.file}: refused, nothing recorded`,
      1,
      error.code,
      amendmentRefusal(read, error) ?? [`${here}: ${message}`],
    );
  }
}

/** The keys of the file that give an act's refused field (`payload.date: ...`), by the field. */
const FILE_KEYS: Readonly<Record<string, readonly string[]>> = {
  date: ['date', 'opened'],
  received: ['received'],
  at: ['at'],
};

/**
 * Where a refusal of one of the act's fields points: at the key of the item that gives it (a
 * session's or an instrument's `date`, a question's `opened`, an answer's `at`), not at the item.
 */
function fieldPlace(file: unknown, where: Path, message: string): Path {
  const field = /^payload\.([\w-]+): /.exec(message)?.[1];
  const keys = field === undefined ? undefined : FILE_KEYS[field];
  if (!keys) return where;
  const nodeAt = (path: Path): unknown =>
    path.reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined,
      file,
    );
  // An item's `id` or an act's key (`revoke: ID`) names it; the item is the mapping around.
  const item = isMapping(nodeAt(where)) ? where : where.slice(0, -1);
  const node = nodeAt(item);
  const key = keys.find((k) => isMapping(node) && node[k] !== undefined);
  return key === undefined ? where : [...item, key];
}

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function amendmentRefusal(read: ReadProceedings, error: DomainError): string[] | undefined {
  if (!(error instanceof AmendmentRefused)) return undefined;
  const amended = read.charters.get(error.amendment.file);
  if (!amended) return undefined;
  const place = amended.locate(error.amendment.path);
  const at = read.proceedings.locate(error.where!);
  return [
    `${amendmentFile(read.file, error.amendment.file)}:${place.line}:${place.col}: ${error.message}`,
    `${read.file}:${at.line}:${at.col}: the motion that carries it is refused`,
  ];
}
