/**
 * The files of witnessing: a witness's list of logs and the state it keeps of each (the last
 * checkpoint it cosigned), and a log server's list of witnesses. The YAML lists are read like
 * every file a person writes: each problem at its FILE:LINE:COL.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { loadYaml } from '../core/format/yaml-source.js';
import { plainWords, refusalOf } from '../core/issue-words.js';
import type { FileKind } from '../core/format/source-bytes.js';
import type { Loaded, PathProblem } from '../core/format/yaml-source.js';
import { cosignatureVerifier } from '../record/checkpoint.js';
import { decodeBase64, encodeBase64, noteVerifier } from '../record/note.js';
import type { NoteVerifier } from '../record/note.js';
import type { WitnessedCheckpoint, WitnessedLog } from '../record/witness.js';

const MB = 1024 * 1024;

export const WITNESS_FILE: FileKind = { name: 'a witness list', maxBytes: MB };

/** A checkpoint's first line names its log: an origin that is not one line would match none. */
const origin = z
  .string()
  .min(1)
  .regex(
    /^[^\p{Cc}\p{Surrogate}]*$/u,
    "one line of text, as a checkpoint's first line: no line break or other control character",
  );

const logsSchema = z.strictObject({
  logs: z.array(z.strictObject({ key: z.string(), origin: origin.optional() })).min(1),
});

/** A witness's logs: `logs: [{key: <log verifier key>, origin?: <origin, default the key's name>}]`. */
export function loadWitnessLogs(source: string | Uint8Array): Loaded<WitnessedLog[]> {
  return loadYaml(source, WITNESS_FILE, logsSchema, ({ logs }) => {
    const problems: PathProblem[] = [];
    const value: WitnessedLog[] = [];
    logs.forEach(({ key, origin }, i) => {
      const verifier = keyOf(() => noteVerifier(key), ['logs', i, 'key'], problems);
      if (verifier === undefined) return;
      const named = origin ?? verifier.name;
      if (value.some((log) => log.origin === named))
        problems.push({ path: ['logs', i], message: `a second log of origin ${named}` });
      else value.push({ origin: named, verifier });
    });
    return { value, problems };
  });
}

/** A witness a log server asks for cosignatures: where, and its cosigner key. */
export interface WitnessEndpoint {
  /** The submission prefix: add-checkpoint is POSTed to `${url}/add-checkpoint`. */
  readonly url: string;
  /** Its verifier key, type 0x04. */
  readonly key: string;
  readonly name: string;
}

const witnessesSchema = z.strictObject({
  witnesses: z.array(z.strictObject({ url: z.string(), key: z.string() })),
});

/** A log server's witnesses: `witnesses: [{url: <submission prefix>, key: <verifier key>}]`. */
export function loadWitnessList(source: string | Uint8Array): Loaded<WitnessEndpoint[]> {
  return loadYaml(source, WITNESS_FILE, witnessesSchema, ({ witnesses }) => {
    const problems: PathProblem[] = [];
    const value: WitnessEndpoint[] = [];
    witnesses.forEach(({ url, key }, i) => {
      const wrong = urlProblem(url);
      if (wrong) problems.push({ path: ['witnesses', i, 'url'], message: wrong });
      const verifier = keyOf(() => cosignatureVerifier(key), ['witnesses', i, 'key'], problems);
      if (verifier === undefined) return;
      if (value.some((w) => w.name === verifier.name))
        problems.push({ path: ['witnesses', i], message: `a second witness ${verifier.name}` });
      else value.push({ url: url.replace(/\/+$/, ''), key, name: verifier.name });
    });
    return { value, problems };
  });
}

/**
 * What makes `url` no submission prefix that add-checkpoint can be POSTed under, if anything: a
 * URL fetch would refuse would leave the witness taken for one not reached, asked for ever.
 */
function urlProblem(url: string): string | undefined {
  if (!/^https?:\/\/[^/\s]+/.test(url) || !URL.canParse(url)) return `not an http(s) URL: ${url}`;
  const parsed = new URL(url);
  if (parsed.username || parsed.password)
    return `a witness URL carries no user or password: ${parsed.host}`;
  if (url.includes('?') || url.includes('#'))
    return `a witness URL has no query or fragment: /add-checkpoint is added to it (${url})`;
  if (FETCH_BAD_PORTS.has(Number(parsed.port)))
    return `a witness URL on port ${parsed.port}, which fetch never connects to (a bad port of the Fetch standard): serve the witness on another port (${url})`;
  return undefined;
}

/** The ports fetch refuses with "bad port" (fetch.spec.whatwg.org/#port-blocking), as Node 20 has them. */
const FETCH_BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
]);

function keyOf(
  parse: () => NoteVerifier,
  path: PathProblem['path'],
  problems: PathProblem[],
): NoteVerifier | undefined {
  try {
    return parse();
  } catch (error) {
    problems.push({ path, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The witness's state

const stateSchema = z.strictObject({
  logs: z.record(
    z.string(),
    z.strictObject({ size: z.number().int().min(0), root: z.string(), note: z.string() }),
  ),
});

/**
 * The state is the last checkpoint of each log: a note of some KB (a witness takes a request of
 * 64 KB at most) for each of the logs a 1 MB list can name.
 */
export const WITNESS_STATE_FILE: FileKind = { name: 'a witness state file', maxBytes: 64 * MB };

export type WitnessState =
  | { readonly ok: true; readonly value: Map<string, WitnessedCheckpoint> }
  | { readonly ok: false; readonly message: string };

/**
 * The last checkpoint cosigned of each log, by origin, from the state file's JSON value (read
 * strictly by the caller), or what makes it no state.
 */
export function witnessState(value: unknown): WitnessState {
  const parsed = stateSchema.safeParse(value, { error: plainWords });
  if (!parsed.success) {
    const { path, shown, problem } = refusalOf(parsed.error.issues, value);
    return { ok: false, message: path ? `${path}${shown}: ${problem}` : problem };
  }
  const state = new Map<string, WitnessedCheckpoint>();
  for (const [origin, { size, root, note }] of Object.entries(parsed.data.logs)) {
    const rootHash = decodeBase64(root);
    if (rootHash?.length !== 32)
      return { ok: false, message: `logs.${origin}.root: not a hash of 32 bytes in base64` };
    state.set(origin, { size, rootHash, note });
  }
  return { ok: true, value: state };
}

/**
 * Writes the state so that a crash leaves the old file or the new one, whole: a temporary file
 * beside it, flushed to disk, renamed over it, and the folder flushed so the rename lasts.
 */
export function writeWitnessState(file: string, logs: ReadonlyMap<string, WitnessedCheckpoint>) {
  const state = {
    logs: Object.fromEntries(
      [...logs].map(([origin, c]) => [
        origin,
        { size: c.size, root: encodeBase64(c.rootHash), note: c.note },
      ]),
    ),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  const folder = openSync(dirname(file), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
