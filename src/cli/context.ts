/** Opening the record a command works on, and closing it whatever happens. */
import { Ledger } from '../app/ledger.js';
import type { AppendedEntry, DraftSource } from '../app/ledger.js';
import { record } from '../app/proceedings.js';
import { openingProblem } from '../app/opening-check.js';
import { hasKey, requireKnownReferences } from '../core/state/index.js';
import { existsSync } from 'node:fs';
import { isFolder } from '../store/folders.js';
import { displayLocation, isPostgresUrl, openStore, StoreMissing } from '../store/index.js';
import type { RecordStore } from '../store/index.js';
import { CliError, dbLocation, usage } from './io.js';
import { keysFor, readKeyFile } from './keys.js';

/**
 * Whether a new record may be made at `location`, an SQLite file, that exists: only where it holds
 * the tables of a record never begun (an `init`, a `replay` or a `migrate` cut short before its
 * first entry), which the new record takes. Any other file is refused with `refusal`, and one
 * that holds a record as never overwritten. A PostgreSQL database says so itself when written.
 */
export async function placeForRecord(location: string, refusal: CliError): Promise<void> {
  // A folder is no record to overwrite: opening it to create says what to give instead.
  if (isPostgresUrl(location) || !existsSync(location) || isFolder(location)) return;
  try {
    const store = await openStore(location, { create: false, readOnly: true });
    await store.close();
  } catch (error) {
    if (error instanceof StoreMissing) return;
    throw refusal;
  }
  throw new CliError(
    `${location} holds a record already: a record is never overwritten`,
    1,
    'record-exists',
  );
}

export interface RecordOptions {
  db?: string;
  key?: string[];
}

/**
 * Opens the record for a command that only reads it: read-only, so that a record on read-only
 * media or in a folder the user cannot write to can still be read, and is never written to.
 */
export function readingStore<T>(
  options: RecordOptions,
  work: (store: RecordStore) => Promise<T>,
): Promise<T> {
  return withStore(options, true, work);
}

async function withStore<T>(
  options: RecordOptions,
  readOnly: boolean,
  work: (store: RecordStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(dbLocation(options.db), { create: false, readOnly });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Opens the ledger, to record acts, with the key files given by --key (or COLLEGIUM_KEY). */
export async function withLedger<T>(
  options: RecordOptions,
  work: (ledger: Ledger) => Promise<T>,
): Promise<T> {
  const files = keyFiles(options);
  return withStore(options, false, async (store) =>
    work(await writingLedger(store, dbLocation(options.db), files)),
  );
}

/**
 * The ledger of an open store, to record acts with the private keys of `keyFiles`; a record that
 * fails the opening check is refused: what is appended to a record cut short or emptied would
 * rest on what is not there.
 */
export async function writingLedger(
  store: RecordStore,
  location: string,
  keyFiles: readonly string[],
): Promise<Ledger> {
  const problem = await openingProblem(store);
  if (problem !== undefined) throw damagedRecord(location, problem, 'writing to');
  const ledger = await Ledger.open(store);
  if (keyFiles.length > 0) ledger.useKeys(keysFor(keyFiles, ledger.state));
  return ledger;
}

/**
 * Records one act, drafted from the ledger of the options, and reports the entry while the
 * record is still open (the report may read the state the act made).
 */
export async function recordAct(
  options: RecordOptions,
  draft: (ledger: Ledger) => DraftSource,
  report: (entry: AppendedEntry, ledger: Ledger) => void,
): Promise<void> {
  await withLedger(options, async (ledger) => {
    const source = draft(ledger);
    requireKnownNames(ledger, source);
    // The source, not the draft checked: the ledger drafts it again from the state it appends to.
    report(await record(ledger, source), ledger);
  });
}

/**
 * Appends acts, in one transaction, once what they name is known (requireKnownNames): each is drafted
 * for that check from the record as it stands before the batch.
 */
export function appendActs(
  ledger: Ledger,
  sources: readonly DraftSource[],
): Promise<AppendedEntry[]> {
  for (const source of sources) requireKnownNames(ledger, source);
  return ledger.append(sources);
}

/**
 * Refuses a draft that names a session, motion, circulation, dispatch, instrument or grant
 * the record does not hold: told before the ledger asks for a key, since a mistyped id is the
 * mistake to tell, not a key missing.
 */
function requireKnownNames(ledger: Ledger, source: DraftSource): void {
  const draft = typeof source === 'function' ? source(ledger.state) : source;
  requireKnownReferences(ledger.state, draft.act);
}

/** The refusal to work on a record that fails the opening check (app/opening-check.ts). */
export function damagedRecord(location: string, problem: string, refused: string): CliError {
  const at = displayLocation(location);
  return new CliError(
    `the record at ${at} is damaged, not ${refused} it: ${problem} (collegium audit --db ${at} checks it all)`,
    1,
    'record-damaged',
  );
}

/** Opens the ledger only to read the record's state. */
export async function readingLedger<T>(
  options: RecordOptions,
  work: (ledger: Ledger) => Promise<T>,
): Promise<T> {
  return readingStore(options, async (store) => work(await Ledger.open(store)));
}

/** The key files given by --key or COLLEGIUM_KEY, each checked readable before any work. */
export function keyFiles(options: RecordOptions): string[] {
  const files = options.key ?? (process.env['COLLEGIUM_KEY'] ? [process.env['COLLEGIUM_KEY']] : []);
  files.forEach(readKeyFile);
  return files;
}

/**
 * The person who acts for themself: named by --as, or the owner of the one --key given. Only one
 * with a key of their own does. `unnamed`: the message when no one is named; `withoutKey`: what is
 * done for someone without a key.
 */
export function ownPerson(
  ledger: Ledger,
  options: RecordOptions & { as?: string },
  unnamed: string,
  withoutKey: (person: string) => string,
): string {
  const keys = [...keysFor(keyFiles(options), ledger.state).keys()];
  const person = options.as ?? (keys.length === 1 ? keys[0]! : usage(unnamed));
  if (!hasKey(ledger.state, person)) usage(withoutKey(person));
  return person;
}
