/**
 * The demo organization that `collegium serve --demo` runs: a record built from a bundled
 * example (its charter, then its proceedings replayed from the minutes, with the amended charters
 * they carry), and a key for every person of every version of the charter, enrolled in the record
 * and kept beside it in `demo-keys.json`, so that the server can act as anyone. Those keys are in
 * plain view: they are for trying Collegium, never for a real organization. An example's amended
 * charters keep everyone the earlier ones had (a director who leaves the board stays a person).
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { fromBase64, toBase64 } from '../core/bytes.js';
import { parseCharter } from '../core/charter/index.js';
import { fail } from '../core/errors.js';
import type { Loaded } from '../core/format/yaml-source.js';
import { attachmentFiles } from '../core/proceedings/index.js';
import { emptyState, holdsKey } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { generateKeyPair, keyPairFromSeed } from '../record/ed25519.js';
import { openStore, StoreConflict } from '../store/index.js';
import type { RecordStore } from '../store/index.js';
import { enrolMember, registrar } from './enrolment.js';
import { Ledger } from './ledger.js';
import type { DraftSource } from './ledger.js';
import { amendmentData, readProceedings } from './amendments.js';
import { replayDrafts } from './replay.js';

/** The examples folder of the package, from src/ and from dist/ alike. */
export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
export const DEMO_KEYS_FILE = 'demo-keys.json';
const KEYS_FORMAT = 'collegium-demo-keys/1';
/** Far above the keys of any demo (a few dozen people, about 100 bytes each). */
const MAX_KEYS_BYTES = 1 << 20;

export function listExamples(): string[] {
  return existsSync(EXAMPLES)
    ? readdirSync(EXAMPLES)
        .filter((d) => existsSync(join(EXAMPLES, d, 'charter.yaml')))
        .sort()
    : [];
}

/**
 * The example's proceedings files, in name order (so they can be numbered): every YAML file but
 * its charters, `charter.yaml` and the amended ones its proceedings carry (`charter-2026-06.yaml`),
 * and the trust policies that go with it (`policy-local-office.yaml`).
 */
export function proceedingsFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => !/^(charter|policy)/.test(f) && /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(folder, f));
}

export interface Demo {
  readonly ledger: Ledger;
  /** Every person's private key (32-byte seed). */
  readonly keys: ReadonlyMap<string, Uint8Array>;
  /** Whether this start created the record. */
  readonly created: boolean;
  readonly keysFile: string;
}

/** How long a start that finds the record made by another waits for that start's keys. */
const KEYS_WAIT_MS = 5_000;

/**
 * Opens the demo record at `db`, or on first start creates it from `example`: charter, replayed
 * proceedings and every person's enrolment in one transaction. Instances started together on one
 * database and data folder all serve the record the first of them made, with its keys: the place
 * is opened to create from the start, since a start that only looked for a record could find the
 * file another has just begun and take it for something else. A record made before passes
 * `check`, if given, before it is opened.
 */
export async function openDemo(options: {
  readonly db: string;
  readonly folder: string;
  readonly example: string;
  readonly check?: (store: RecordStore) => Promise<void>;
}): Promise<Demo> {
  const keysFile = join(options.folder, DEMO_KEYS_FILE);
  let built: BuiltDemo | undefined;
  for (let attempt = 1; ; attempt++) {
    const store = await openStore(options.db, { create: true });
    try {
      if (await madeBefore(store)) {
        await options.check?.(store);
        return await openMade(store, keysFile);
      }
      built ??= buildDemo(options.example);
      return await createDemo(store, built, keysFile);
    } catch (error) {
      await store.close();
      // Another start made the record meanwhile: it is opened again, to use its keys.
      if (!(error instanceof StoreConflict) || attempt === CREATE_ATTEMPTS) throw error;
    }
  }
}

/** How often a start that lost the race to create the record opens it again. */
const CREATE_ATTEMPTS = 5;

/** Whether the record was made: it has entries, or a checkpoint (if its entries were removed). */
async function madeBefore(store: RecordStore): Promise<boolean> {
  return (await store.size()) > 0 || (await store.checkpoint()) !== undefined;
}

/** The demo record made before, with its keys. */
async function openMade(store: RecordStore, keysFile: string): Promise<Demo> {
  const ledger = await Ledger.open(store);
  const keys = await keysOfRecord(ledger.state, keysFile);
  return { ledger, keys, created: false, keysFile };
}

/**
 * Makes the record. The keys are written before it, so that none can be lost, but beside the
 * keys file: a start that loses the race to create the record must not replace the winner's keys.
 */
async function createDemo(store: RecordStore, built: BuiltDemo, keysFile: string): Promise<Demo> {
  const pending = `${keysFile}.${uniqueSuffix()}${PENDING}`;
  writeDemoKeys(pending, built.organization, built.keys);
  let ledger: Ledger;
  try {
    ledger = await Ledger.create(store, built.charter, {}, built.drafts);
  } catch (error) {
    rmSync(pending, { force: true });
    throw error;
  }
  writeDemoKeys(keysFile, built.organization, built.keys, ledger.state.logKey);
  rmSync(pending, { force: true });
  return { ledger, keys: built.keys, created: true, keysFile };
}

interface BuiltDemo {
  readonly charter: unknown;
  readonly organization: string;
  /** Every person's private key (32-byte seed). */
  readonly keys: ReadonlyMap<string, Uint8Array>;
  /** The example's history replayed, then everyone's enrolment with their key. */
  readonly drafts: readonly DraftSource[];
}

/** The record `example` makes, with a new key for every person, not written anywhere yet. */
function buildDemo(example: string): BuiltDemo {
  if (!listExamples().includes(example))
    fail('not-found', `no example '${example}': ${listExamples().join(', ')}`);
  const folder = join(EXAMPLES, example);
  const charter = valid(parseCharter(readFileSync(join(folder, 'charter.yaml'), 'utf8')));
  // Each file is read against the charter its history leaves in force: amended by the ones before.
  let current = charter.value;
  const files = proceedingsFiles(folder).map((file) => {
    const read = readProceedings(readFileSync(file), current, (name) =>
      parseCharter(readFileSync(join(dirname(file), name))),
    );
    for (const amended of read.charters.values()) if (amended.ok) current = amended.value;
    return { ...read, file };
  });
  // Everyone of every version of the charter has a key: those who join by an amendment too.
  const everyone = new Set([
    ...charter.value.people.keys(),
    ...files.flatMap(({ charters }) =>
      [...charters.values()].flatMap((c) => (c.ok ? [...c.value.people.keys()] : [])),
    ),
  ]);
  const keys = new Map([...everyone].map((person) => [person, generateKeyPair().privateKey]));
  const history = files.flatMap(({ file, proceedings, charters }) => {
    const value = valid(proceedings).value;
    // The files its dispatches attach, beside it.
    const attached = new Map(
      attachmentFiles(value).map(({ file: name }) => [
        name,
        readFileSync(join(dirname(file), name)),
      ]),
    );
    return replayDrafts(emptyState(), value, amendmentData(charters), attached);
  });
  // The registrar enrols everyone, themself last: until then the custodial key signs for them.
  const officer = registrar(charter.value);
  const people = [...keys.keys()].sort((a, b) => Number(a === officer) - Number(b === officer));
  const enrolments = people.map((p) => enrolMember(p, publicKeyOf(keys.get(p)!)));
  return {
    charter: charter.json,
    organization: charter.value.organization.id,
    keys,
    drafts: [...history, ...enrolments],
  };
}

function valid<T>(loaded: Loaded<T>): Extract<Loaded<T>, { ok: true }> {
  if (loaded.ok) return loaded;
  return fail('invalid-input', `the example is invalid: ${loaded.problems[0]?.message}`);
}

/** Keys written before their record exists, beside the keys file: `demo-keys.json.…pending`. */
const PENDING = '.pending';

/** Written whole or not at all (a start reading it meanwhile never sees half), only for its owner. */
function writeDemoKeys(
  file: string,
  organization: string,
  keys: ReadonlyMap<string, Uint8Array>,
  log?: string,
): void {
  const document = {
    format: KEYS_FORMAT,
    warning:
      'DEMO KEYS. Every private key of this demo organization is in this file, so anyone who can read it can act as anyone. Never use them, or this record, for a real organization.',
    organization,
    // The record they are the keys of, by its log's verifier key.
    ...(log === undefined ? {} : { log }),
    keys: Object.fromEntries(
      [...keys].map(([person, seed]) => [
        person,
        { publicKey: `ed25519:${publicKeyOf(seed)}`, privateKey: toBase64(seed) },
      ]),
    ),
  };
  const temporary = `${file}.${uniqueSuffix()}.tmp`;
  writeFileSync(temporary, JSON.stringify(document, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * The keys of the record whose state is `state`. The start that made the record writes its keys
 * file just after it, so a file of another record, or none, is waited for a few seconds (another
 * instance started together may be about to write it); keys still pending beside it whose every
 * key the record enrols are taken (that start stopped before it wrote them).
 */
async function keysOfRecord(state: State, file: string): Promise<Map<string, Uint8Array>> {
  const deadline = Date.now() + KEYS_WAIT_MS;
  for (;;) {
    const found = existsSync(file) ? readDemoKeys(file) : undefined;
    // A file written before keys files named their record's log is the record's beside it.
    if (found && (found.log === undefined || found.log === state.logKey)) return found.keys;
    const pending = pendingKeys(state, file);
    if (pending) return pending;
    if (Date.now() >= deadline) {
      if (!found)
        fail(
          'not-found',
          `${file} is missing: this record was not made by demo mode, or its keys are in the data folder of the start that made it (instances serving one demo share that folder: --data), or they were removed`,
        );
      fail(
        'invalid-input',
        `${file} holds the keys of another demo record (log ${found.log}), not of this one (log ${state.logKey}): remove it and this record to build the demo anew`,
      );
    }
    await delay(100);
  }
}

/** Pending keys beside `file` that are this record's, made its keys file. */
function pendingKeys(state: State, file: string): Map<string, Uint8Array> | undefined {
  const folder = dirname(file);
  const names = existsSync(folder) ? readdirSync(folder) : [];
  for (const name of names.filter(
    (n) => n.startsWith(`${basename(file)}.`) && n.endsWith(PENDING),
  )) {
    let keys;
    try {
      keys = readDemoKeys(join(folder, name)).keys;
    } catch {
      continue;
    }
    const enrolled = [...keys].every(([person, seed]) =>
      holdsKey(state, person, publicKeyOf(seed)),
    );
    if (keys.size === 0 || !enrolled) continue;
    writeDemoKeys(file, state.charter!.organization.id, keys, state.logKey);
    rmSync(join(folder, name), { force: true });
    return keys;
  }
  return undefined;
}

function readDemoKeys(file: string): { keys: Map<string, Uint8Array>; log?: string } {
  const notKeys = (why: string): never =>
    fail(
      'invalid-input',
      `${file} is not a file of demo keys (${why}): remove the data folder to build the demo anew`,
    );
  let document: { format?: unknown; keys?: unknown; log?: unknown } | null;
  try {
    // The server writes it, but a hand may have replaced it: nothing endless or huge is read.
    const stats = statSync(file);
    if (!stats.isFile()) return notKeys('not a regular file');
    if (stats.size > MAX_KEYS_BYTES) return notKeys(`larger than ${MAX_KEYS_BYTES} bytes`);
    document = JSON.parse(readFileSync(file, 'utf8')) as typeof document;
  } catch (error) {
    return notKeys((error as Error).message);
  }
  if (document?.format !== KEYS_FORMAT || typeof document.keys !== 'object' || !document.keys)
    return notKeys(`no "format": "${KEYS_FORMAT}" with its "keys"`);
  const keys = new Map<string, Uint8Array>();
  for (const [person, key] of Object.entries(document.keys as Record<string, unknown>)) {
    const privateKey = (key as { privateKey?: unknown } | null)?.privateKey;
    if (typeof privateKey !== 'string') continue;
    const seed =
      seedOf(privateKey) ?? notKeys(`the key of ${person} is not 32 bytes in canonical base64`);
    keys.set(person, seed);
  }
  return typeof document.log === 'string' ? { keys, log: document.log } : { keys };
}

/** A name part no other start, in this process or another, takes at the same time. */
function uniqueSuffix(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The public key of a private key's seed, in base64 as the record has it. */
function publicKeyOf(seed: Uint8Array): string {
  return toBase64(keyPairFromSeed(seed).publicKey);
}

/** The 32 bytes of a private key that canonical base64 spells, or undefined. */
function seedOf(text: string): Uint8Array | undefined {
  try {
    const seed = fromBase64(text);
    return seed.length === 32 ? seed : undefined;
  } catch {
    return undefined;
  }
}
