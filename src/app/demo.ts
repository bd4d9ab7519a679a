/**
 * The demo organization that `collegium serve --demo` runs: a record built from a bundled
 * example (its charter, then its proceedings replayed from the minutes, with the amended charters
 * they carry), and a key for every person of every version of the charter, enrolled in the record
 * and kept beside it in `demo-keys.json`, so that the server can act as anyone. Those keys are in
 * plain view: they are for trying Collegium, never for a real organization. An example's amended
 * charters keep everyone the earlier ones had (a director who leaves the board stays a person).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromBase64, toBase64 } from '../core/bytes.js';
import { parseCharter } from '../core/charter/index.js';
import { fail } from '../core/errors.js';
import type { Loaded } from '../core/format/yaml-source.js';
import { attachmentFiles } from '../core/proceedings/index.js';
import { emptyState } from '../core/state/index.js';
import { generateKeyPair } from '../record/ed25519.js';
import { openStore, StoreMissing } from '../store/index.js';
import { enrolMember, registrar } from './enrolment.js';
import { Ledger } from './ledger.js';
import type { DraftSource } from './ledger.js';
import { amendmentData, readProceedings } from './amendments.js';
import { replayDrafts } from './replay.js';

/** The examples folder of the package, from src/ and from dist/ alike. */
export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
export const DEMO_KEYS_FILE = 'demo-keys.json';
const KEYS_FORMAT = 'collegium-demo-keys/1';

export function listExamples(): string[] {
  return existsSync(EXAMPLES)
    ? readdirSync(EXAMPLES)
        .filter((d) => existsSync(join(EXAMPLES, d, 'charter.yaml')))
        .sort()
    : [];
}

/**
 * The example's proceedings files, in name order (so they can be numbered): every YAML file but
 * its charters, `charter.yaml` and the amended ones its proceedings carry (`charter-2027-06.yaml`),
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

/**
 * Opens the demo record at `db`, or on first start creates it from `example`: charter, replayed
 * proceedings and every person's enrolment in one transaction, the keys written first.
 */
export async function openDemo(options: {
  readonly db: string;
  readonly folder: string;
  readonly example: string;
}): Promise<Demo> {
  const keysFile = join(options.folder, DEMO_KEYS_FILE);
  try {
    const store = await openStore(options.db, { create: false });
    try {
      const ledger = await Ledger.open(store);
      return { ledger, keys: readDemoKeys(keysFile), created: false, keysFile };
    } catch (error) {
      await store.close();
      throw error;
    }
  } catch (error) {
    if (!(error instanceof StoreMissing)) throw error;
  }
  if (!listExamples().includes(options.example))
    fail('not-found', `no example '${options.example}': ${listExamples().join(', ')}`);
  const folder = join(EXAMPLES, options.example);
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
  const keys = new Map<string, Uint8Array>();
  const publicKeys = new Map<string, string>();
  for (const person of everyone) {
    const pair = generateKeyPair();
    keys.set(person, pair.privateKey);
    publicKeys.set(person, toBase64(pair.publicKey));
  }
  writeDemoKeys(keysFile, charter.value.organization.id, keys, publicKeys);
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
  const people = [...publicKeys.keys()].sort(
    (a, b) => Number(a === officer) - Number(b === officer),
  );
  const enrolments: DraftSource[] = people.map((p) => enrolMember(p, publicKeys.get(p)!));
  const store = await openStore(options.db, { create: true });
  try {
    const ledger = await Ledger.create(store, charter.json, {}, [...history, ...enrolments]);
    return { ledger, keys, created: true, keysFile };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function valid<T>(loaded: Loaded<T>): Extract<Loaded<T>, { ok: true }> {
  if (loaded.ok) return loaded;
  return fail('invalid-input', `the example is invalid: ${loaded.problems[0]?.message}`);
}

function writeDemoKeys(
  file: string,
  organization: string,
  keys: ReadonlyMap<string, Uint8Array>,
  publicKeys: ReadonlyMap<string, string>,
): void {
  const document = {
    format: KEYS_FORMAT,
    warning:
      'DEMO KEYS. Every private key of this demo organization is in this file, so anyone who can read it can act as anyone. Never use them, or this record, for a real organization.',
    organization,
    keys: Object.fromEntries(
      [...keys].map(([person, seed]) => [
        person,
        { publicKey: `ed25519:${publicKeys.get(person)}`, privateKey: toBase64(seed) },
      ]),
    ),
  };
  writeFileSync(file, JSON.stringify(document, null, 2) + '\n', { mode: 0o600 });
}

export function readDemoKeys(file: string): Map<string, Uint8Array> {
  if (!existsSync(file))
    fail(
      'not-found',
      `${file} is missing: this record was not made by demo mode, or its keys were removed`,
    );
  const notKeys = (why: string): never =>
    fail(
      'invalid-input',
      `${file} is not a file of demo keys (${why}): remove the data folder to build the demo anew`,
    );
  let document: { format?: unknown; keys?: unknown } | null;
  try {
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
  return keys;
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
