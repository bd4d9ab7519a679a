/** What the CLI reads and writes around the record: files, keys, the database location, output. */
import { CommanderError } from 'commander';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Stats } from 'node:fs';
import { RecordUnreadable } from '../app/ledger.js';
import { codeOf, DomainError, systemReason } from '../core/errors.js';
import { readJsonText } from '../core/format/json-source.js';
import { unshowableAt } from '../core/payloads.js';
import type { JsonRead } from '../core/format/json-source.js';
import { decodeSource, readPastProblem, sizeProblem } from '../core/format/source-bytes.js';
import type { FileKind } from '../core/format/source-bytes.js';
import { formatProblem } from '../core/format/yaml-source.js';
import type { Loaded, Problem } from '../core/format/yaml-source.js';
import {
  CommitUnknown,
  RecordDamaged,
  StoreMissing,
  StoreOpenError,
  StoreUnavailable,
  StoreUpgraded,
} from '../store/types.js';
import { isFolder } from '../store/folders.js';
import { progressPrinter } from './progress.js';
import { jsonSafely, shownSafely } from './terminal-text.js';
import type { Progress } from './progress.js';

export const DEFAULT_DB = './collegium.db';

/** A failure to report to the user: a message, an exit status, and maybe a list of problems. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** Stable, for scripts reading `--json` errors: kebab-case, never the message's words. */
    readonly code: string,
    readonly lines: readonly string[] = [],
  ) {
    super(message);
  }
}

/** What a command that reads was asked for is not in the record: exit status 1. */
export function notFound(what: string): never {
  throw new CliError(`no ${what} in the record`, 1, 'not-found');
}

/** A command used wrongly: exit status 2, as for commander's own usage errors. */
export function usage(message: string): never {
  throw new CliError(message, 2, 'usage');
}

/**
 * A check that failed (an audit, a bundle's verification): exit status 1. With --json the report
 * already printed says it all, so there is no message.
 */
export function checkFailed(out: Output, message: string, code: string): never {
  throw new CliError(out.json ? '' : message, 1, code);
}

/**
 * A file's bytes, for a reader that decodes them itself (charters and proceedings, which locate
 * what is not UTF-8). A file too large for its kind is refused before it is read, and one that
 * tells no size (a device, a pipe) as soon as more than the limit has been read.
 */
export function readBytes(
  file: string,
  kind: FileKind,
  readPast: () => never = () => refuseFile(file, readPastProblem(kind)),
): Uint8Array {
  checkNamed(file);
  // No command reads standard input: "-" would otherwise be looked for as a file, and not found.
  if (file === '-')
    usage('-: files are read by their names, not from standard input (./- names a file called -)');
  let fd: number | undefined;
  try {
    // Not blocking: opened so, a named pipe no program writes to is opened at once, and read
    // to its end (nothing), where a plain opening would wait for a writer forever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw unreadable(file, { code: 'EISDIR' });
    const tooLarge = sizeProblem(stat.size, kind);
    if (tooLarge) refuseFile(file, tooLarge);
    const bytes = readAtMost(fd, kind.maxBytes) ?? readPast();
    if (bytes.length === 0 && stat.isFIFO())
      throw new CliError(
        `${file}: a pipe that gave nothing to read (no program writes to it)`,
        1,
        'unreadable-file',
      );
    return bytes;
  } catch (error) {
    if (error instanceof CliError || error instanceof DomainError) throw error;
    throw unreadable(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const CHUNK = 1024 * 1024;

/** The bytes of an open file to its end, or undefined once more than `max` have been read. */
function readAtMost(fd: number, max: number): Uint8Array | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, max - total + 1));
    const read = whenReady(() => readSync(fd, chunk, 0, chunk.length, null));
    if (read === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > max) return undefined;
  }
}

/**
 * `io` on a descriptor opened without blocking, asked again a little later while it says it
 * cannot go on yet (EAGAIN: a pipe's writer has not written, or its reader not made room), as a
 * blocking read or write would have waited.
 */
function whenReady(io: () => number): number {
  for (;;) {
    try {
      return io();
    } catch (error) {
      if (codeOf(error) !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 10);
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Refuses an empty file name (an option given '', a variable left empty in a script): it names
 * no file, and would be refused as `: no such file`, or taken for no file given.
 */
export function checkNamed(file: string): void {
  if (file === '') usage("'' is no file name: give the file's name");
}

/** The size of a file in bytes, to refuse one too large before reading it. */
export function fileSize(file: string): number {
  checkNamed(file);
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  if (stat.isDirectory()) throw unreadable(file, { code: 'EISDIR' });
  return stat.size;
}

function unreadable(file: string, error: unknown): CliError {
  const code = codeOf(error);
  return new CliError(
    code === 'ENOENT'
      ? `${file}: no such file`
      : code === 'EISDIR'
        ? `${file}: is a folder, not a file`
        : `${file}: cannot be read (${systemReason(error)})`,
    1,
    'unreadable-file',
  );
}

/**
 * Writes a whole file or nothing: the bytes go to a temporary file beside it, renamed over the
 * target once complete, so an interrupted or failed write never leaves half a document.
 */
export function writeWhole(file: string, data: string | Uint8Array): void {
  checkNamed(file);
  if (isStream(file)) return writeInto(file, data);
  // Through a link (`-o /dev/stdout` into a file) to the file it names: the link stays.
  const target = linkedFile(file);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.part`);
  try {
    // A file there that may not be written is not replaced, though its folder would allow it.
    if (existsSync(target)) accessSync(target, constants.W_OK);
    writeFileSync(temporary, data);
    renameSync(temporary, target);
  } catch (error) {
    // Nothing to remove where the folder is not one (ENOTDIR): the error is the write's.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // no temporary file was made
    }
    throw unwritable(file, error, dirname(target));
  }
}

/** The file a link names, where `file` is one to a file there is; else `file` itself. */
function linkedFile(file: string): string {
  try {
    return lstatSync(file).isSymbolicLink() ? realpathSync(file) : file;
  } catch {
    return file;
  }
}

/** Whether `file` is a pipe, a device or a socket (`-o /dev/stdout`, `-o >(gzip >f)`). */
function isStream(file: string): boolean {
  try {
    const stat = statSync(file);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false; // nothing there yet: a file is made
  }
}

/**
 * Writes into a pipe or a device, which a file renamed over would replace (as root, /dev/null
 * itself). Opened without blocking first, so that a named pipe no program reads from is said to
 * be so at once, not waited on.
 */
function writeInto(file: string, data: string | Uint8Array): void {
  let fd: number | undefined;
  try {
    // Kept open to write: a reader sees the end of what it reads as soon as no writer holds it.
    const out = openSync(file, constants.O_WRONLY | constants.O_NONBLOCK);
    fd = out;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let written = 0; written < bytes.length;)
      written += whenReady(() => writeSync(out, bytes.subarray(written)));
  } catch (error) {
    if (codeOf(error) === 'ENXIO')
      throw new CliError(
        `${file}: a pipe that no program reads from: nothing written`,
        1,
        'unwritable-file',
      );
    throw unwritable(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The path of a file another file names (an amended charter, an attachment): as written when it
 * is absolute, else relative to the folder of the file that names it.
 */
export function besideFile(file: string, name: string): string {
  return isAbsolute(name) ? name : join(dirname(file), name);
}

/**
 * Why `file` cannot be written, in words. `folder`, the folder the file was to be made in: a
 * file missing in a folder there is is not said to lack its folder (/proc takes no new file).
 */
export function unwritable(file: string, error: unknown, folder?: string): CliError {
  return new CliError(
    codeOf(error) === 'EISDIR'
      ? `${file}: is a folder, not a file`
      : `${file}: ${whyUnwritable(error, folder)}`,
    1,
    'unwritable-file',
  );
}

/** Why a file cannot be written: 'cannot be written (permission denied)'. */
export function whyUnwritable(error: unknown, folder?: string): string {
  const code = codeOf(error);
  const why =
    code === 'ENOENT'
      ? folder !== undefined && isFolder(folder)
        ? `the folder ${folder} takes no new file`
        : 'no such folder'
      : systemReason(error);
  return `cannot be written (${why})`;
}

/**
 * A UTF-8 text file (a key, a checkpoint, a text to sign), at most `kind.maxBytes`; a byte that
 * is not UTF-8 is refused, located, and a leading byte order mark dropped.
 */
export function readText(file: string, kind: FileKind): string {
  const decoded = decodeSource(readBytes(file, kind), kind);
  if (!decoded.ok) refuseFile(file, decoded.problem);
  return decoded.text;
}

/**
 * A UTF-8 text file whose words are recorded (an instrument's text), its line ends as LF: a file
 * saved with CRLF gives the words YAML and the web form give, hashed alike. A character that would
 * not show as it is recorded (a control, a noncharacter, a change of direction left open) is
 * refused where it is, FILE:LINE:COL, as the act would refuse it without saying where.
 */
export function readRecordedText(file: string, kind: FileKind): string {
  const text = readText(file, kind).replace(/\r\n?/g, '\n');
  // A line break ends every change of direction: each line is held to the rule alone.
  text.split('\n').forEach((line, i) => {
    const found = unshowableAt(line);
    if (found) refuseFile(file, { line: i + 1, col: found.at, message: found.message, path: [] });
  });
  return text;
}

/** How a file whose content is not what it should be is refused: its code and the summary line. */
export interface Refused {
  readonly code?: string;
  /** Said after the file's name, when the kind of file is worth naming ("not a key file"). */
  readonly summary?: string;
}

/**
 * A JSON file (a key file, a witness's state) read as bundles are: strict UTF-8 and RFC 8259, no
 * key twice in an object, each refusal at FILE:LINE:COL; the positions of its top keys kept, to
 * locate what its reader then refuses.
 */
export function readJson(
  file: string,
  kind: FileKind,
  refused: Refused = {},
): Extract<JsonRead, { ok: true }> {
  const json = readJsonText(readText(file, kind));
  if (!json.ok) refuseFile(file, json.problem, refused);
  return json;
}

/** Refuses a file for its one problem, said as FILE:LINE:COL: message. */
export function refuseFile(file: string, problem: Problem, refused: Refused = {}): never {
  throw new CliError(
    `${file}: ${refused.summary ?? '1 problem'}`,
    1,
    refused.code ?? 'invalid-file',
    [formatProblem(file, problem)],
  );
}

/** The value of a loaded YAML file, or a CliError listing each problem as FILE:LINE:COL: message. */
export function loaded<T>(file: string, result: Loaded<T>): Extract<Loaded<T>, { ok: true }> {
  if (result.ok) return result;
  const n = result.problems.length;
  throw new CliError(
    `${file}: ${n} problem${n === 1 ? '' : 's'}`,
    1,
    'invalid-file',
    result.problems.map((p) => formatProblem(file, p)),
  );
}

export function dbLocation(option: string | undefined): string {
  return option ?? process.env['COLLEGIUM_DB'] ?? DEFAULT_DB;
}

/** Where a command writes: its output, and messages and progress for the person watching. */
export interface Streams {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard error is a terminal: progress is redrawn in place rather than printed as lines. */
  errIsTerminal?: boolean;
  /** Standard output is a terminal: documents printed as they are get their controls shown. */
  outIsTerminal?: boolean;
  /** Once everything is written: why standard output could not be (a full disk), if it could not. */
  written?: () => Promise<CliError | undefined>;
}

export interface Output {
  json: boolean;
  /** Human-readable lines, printed unless --json. */
  lines(lines: readonly string[]): void;
  /** The machine-readable value, printed with --json. */
  value(value: unknown): void;
  /** Text printed as it is, whatever the mode (a document the command produces). */
  raw(text: string): void;
  /** A line for the person watching, on standard error, whatever the mode (beside a document). */
  note(text: string): void;
  /** Progress of long work, on standard error (./progress.ts). */
  progress(): Progress;
}

/** A value as the CLI prints JSON: indented by two, ending the line. */
export function jsonText(value: unknown): string {
  return jsonSafely(JSON.stringify(value, null, 2)) + '\n';
}

/** Runs long work with its progress shown on standard error, then ends the progress line. */
export async function withProgress<T>(
  out: Output,
  work: (progress: Progress) => T | Promise<T>,
): Promise<T> {
  const progress = out.progress();
  try {
    return await work(progress);
  } finally {
    // A failure's message then starts on a line of its own.
    progress.done();
  }
}

export function output(json: boolean, streams: Streams): Output {
  const write = streams.out;
  return {
    json,
    lines: (lines) => {
      if (!json && lines.length > 0) write(shownSafely(lines.join('\n') + '\n'));
    },
    value: (value) => {
      if (json) write(jsonText(value));
    },
    // A document is written byte for byte, unless it goes to a terminal.
    raw: (text) => write(streams.outIsTerminal === true ? shownSafely(text) : text),
    note: (text) => streams.err(shownSafely(`${text}\n`)),
    progress: () => progressPrinter(streams.err, streams.errIsTerminal === true),
  };
}

/**
 * A write whose commit may or may not have been made: what to look at once the database is back.
 * Run again, a command signs its act anew, and the record may take it a second time (a dispatch
 * registered without --id gets the next number): so it is run again only if the act is not there.
 */
function commitUnknown(error: CommitUnknown): CliError {
  const { first, last } = error;
  const one = first === last;
  const shown = one
    ? `entry ${first}, which is the act`
    : `entries ${first} to ${last}, which are the acts`;
  return new CliError(
    `the database went away as the act was being committed (${causeOf(error)}): it may have been recorded, or not. Once the database is back, \`collegium log --from ${first} --to ${last}\` (with the same --db) shows ${shown} if it was recorded; run the command again only if ${one ? 'it is' : 'they are'} not (a command run again signs anew, and the record may take the act a second time)`,
    1,
    'database-unavailable',
  );
}

function causeOf(error: Error): string {
  return error.cause instanceof Error ? error.cause.message : String(error.cause);
}

export function describeError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  // A usage error commander found (an unknown option, a missing argument), its words as it says them.
  if (error instanceof CommanderError)
    return new CliError(error.message.replace(/^error: /, '').replace(/\n/g, ' '), 2, 'usage');
  if (error instanceof DomainError)
    return new CliError(`refused (${error.code}): ${error.message}`, 1, error.code);
  if (error instanceof RecordUnreadable)
    return new CliError(
      `the record does not open: ${error.message} (it was made by an earlier version whose rules differ, or altered; collegium audit names what fails)`,
      1,
      'record-unreadable',
    );
  // A location that names no place is a usage error, as any other malformed option is.
  if (error instanceof StoreOpenError && error.code === 'invalid-location')
    return new CliError(error.message, 2, 'usage');
  if (error instanceof StoreMissing || error instanceof StoreOpenError)
    return new CliError(error.message, 1, error.code);
  if (error instanceof CommitUnknown) return commitUnknown(error);
  if (error instanceof StoreUnavailable)
    return new CliError(error.message, 1, 'database-unavailable');
  if (error instanceof StoreUpgraded) return new CliError(error.message, 1, error.code);
  if (error instanceof RecordDamaged) return new CliError(error.message, 1, 'record-damaged');
  if (error instanceof Error && error.name === 'StoreConflict')
    return new CliError(error.message, 1, 'conflict');
  if (error instanceof Error && error.name === 'EntryFormatError')
    return new CliError(error.message, 1, 'entry-format');
  if (error instanceof Error && codeOf(error)?.startsWith('SQLITE')) {
    return new CliError(`the database cannot be used: ${error.message}`, 1, 'database');
  }
  if (
    error instanceof Error &&
    /ECONNREFUSED|ENOTFOUND|password authentication/.test(error.message)
  ) {
    return new CliError(`the database cannot be reached: ${error.message}`, 1, 'database');
  }
  return new CliError(
    `internal error: ${error instanceof Error ? error.message : String(error)}`,
    70,
    'internal',
  );
}
