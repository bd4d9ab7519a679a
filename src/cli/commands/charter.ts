/** collegium charter check|show|diff · keygen · init */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { Ledger } from '../../app/ledger.js';
import { CHARTER_FILE, describeCharter, parseCharter } from '../../core/charter/index.js';
import type { Charter } from '../../core/charter/index.js';
import { diffCharters } from '../../core/charter/diff.js';
import { charterNotes } from '../../core/charter/notes.js';
import { formatProblem } from '../../core/format/problem.js';
import { charterAt, motionInWords } from '../../core/state/index.js';
import type { CharterVersion, State } from '../../core/state/index.js';
import { displayLocation, openStore, StoreConflict } from '../../store/index.js';
import { placeForRecord, readingLedger } from '../context.js';
import type { RecordOptions } from '../context.js';
import { CliError, dbLocation, loaded, readBytes, usage } from '../io.js';
import { writeKeyFile } from '../keys.js';
import type { Run } from '../main.js';
import { dbOption, parseIndex } from '../options.js';

export function registerCharterCommands(program: Command, run: Run): void {
  const charter = program
    .command('charter')
    .description('work with charter files, and the versions of the charter a record holds');
  registerCharterCheck(charter, run);
  registerCharterShow(charter, run);
  registerCharterDiff(charter, run);
  registerKeygen(program, run);
  registerInit(program, run);
}

function registerCharterCheck(charter: Command, run: Run): void {
  charter
    .command('check')
    .argument('<file>', 'a charter (YAML)')
    .description(
      'check a charter, reporting every problem as FILE:LINE:COL: message; summarize a valid one',
    )
    .action(
      run(async (out, file: string) => {
        const { value, json, locate } = loaded(file, parseCharter(readBytes(file, CHARTER_FILE)));
        // What the charter does that its file does not say plainly: valid all the same.
        const notes = charterNotes(json, value).map((n) =>
          formatProblem(file, { ...locate(n.path), path: n.path, message: `note: ${n.message}` }),
        );
        out.lines([`${file}: valid`, ...notes, ...describeCharter(value)]);
        out.value({
          file,
          valid: true,
          organization: value.organization,
          bodies: [...value.bodies.keys()],
          notes,
          summary: describeCharter(value),
        });
      }),
    );
}

/** The version of the charter in force once entry `at` is recorded (default: the latest). */
function versionAt(state: State, at: number | undefined): CharterVersion {
  const index = at ?? state.size - 1;
  if (index >= state.size)
    throw new CliError(
      `no entry ${index}: the record has ${state.size} (0 to ${state.size - 1})`,
      1,
      'not-found',
    );
  return charterAt(state, index) ?? fail();
}

function fail(): never {
  throw new CliError('the record has no charter', 1, 'not-found');
}

/** Where a version came from, in words: the adoption, or the motion that amended it. */
function origin(state: State, version: CharterVersion): string {
  return version.motion
    ? `as amended by ${motionInWords(state, version.motion)}`
    : 'as adopted with the record';
}

function registerCharterShow(charter: Command, run: Run): void {
  dbOption(
    charter
      .command('show')
      .description(
        'print the charter in force at an entry of the record (default: now), as YAML, saying since when and by which motion',
      ),
  )
    .option('--at <entry>', 'the entry (default: the latest)', parseIndex)
    .action(
      run(async (out, o: RecordOptions & { at?: number }) => {
        await readingLedger(o, async (ledger) => {
          const version = versionAt(ledger.state, o.at);
          const at = o.at ?? ledger.state.size - 1;
          if (!out.json)
            out.raw(
              `# The charter in force at entry ${at}: in force from entry ${version.from}, ${origin(ledger.state, version)}.\n` +
                stringify(inFileOrder(version.json), { lineWidth: 0 }),
            );
          out.value({
            at,
            from: version.from,
            ...(version.motion ? { motion: version.motion } : {}),
            charter: version.json,
          });
        });
      }),
    );
}

/** The record holds the charter's keys sorted (canonical JSON); its parts read in file order. */
function inFileOrder(json: Record<string, unknown>): Record<string, unknown> {
  const order = ['collegium', 'organization', 'people', 'bodies', 'record'];
  const rank = (key: string): number => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.fromEntries(Object.entries(json).sort(([a], [b]) => rank(a) - rank(b)));
}

/** A side of a diff: an entry index of the record, or a charter file. */
interface Side {
  readonly name: string;
  readonly charter: Charter;
}

function registerCharterDiff(charter: Command, run: Run): void {
  dbOption(
    charter
      .command('diff')
      .argument('<a>', 'an entry of the record (its index, with --db), or a charter file')
      .argument('<b>', 'the same: what A became')
      .description('say in words what changed from one charter to another'),
  ).action(
    run(async (out, a: string, b: string, o: RecordOptions) => {
      const report = ([from, to]: Side[]): void => {
        const changes = diffCharters(from!.charter, to!.charter);
        out.lines([
          `from ${from!.name} to ${to!.name}:`,
          ...(changes.length > 0 ? changes.map((c) => `  ${c}`) : ['  no change']),
        ]);
        out.value({ from: from!.name, to: to!.name, changes });
      };
      const isEntry = (arg: string): boolean => /^\d+$/.test(arg);
      if (!isEntry(a) && !isEntry(b)) return report([a, b].map(fileSide));
      await readingLedger(o, async (ledger) =>
        report(
          [a, b].map((arg) =>
            isEntry(arg) ? entrySide(ledger.state, parseIndex(arg)) : fileSide(arg),
          ),
        ),
      );
    }),
  );
}

function fileSide(file: string): Side {
  // '-1', '1.5', '1e3': meant as an entry, and no file of that name, it is said so, not 'no such file'.
  if (/^[-+]?[\d.]+(e\d+)?$/i.test(file) && !existsSync(file))
    usage(`'${file}' is neither an entry index (a whole number, 0 or more) nor a charter file`);
  return { name: file, charter: loaded(file, parseCharter(readBytes(file, CHARTER_FILE))).value };
}

function entrySide(state: State, at: number): Side {
  const version = versionAt(state, at);
  return {
    name: `the charter in force at entry ${at} (from entry ${version.from})`,
    charter: version.charter,
  };
}

function registerKeygen(program: Command, run: Run): void {
  program
    .command('keygen')
    .description(
      "create an Ed25519 key pair: the private key goes to a file (mode 600), the public key is printed for the charter's people.ID.key",
    )
    .requiredOption('-o, --out <file>', 'where to write the private key file')
    .action(
      run(async (out, options: { out: string }) => {
        const publicKey = writeKeyFile(options.out);
        // The key alone on standard output, so that KEY=$(collegium keygen -o FILE) holds it.
        out.lines([publicKey]);
        out.note(
          `private key written to ${options.out}; put its public key in the charter (key: ${publicKey}), or enrol it in a record made already (collegium enrol PERSON ${publicKey})`,
        );
        out.value({ publicKey, file: options.out });
      }),
    );
}

function registerInit(program: Command, run: Run): void {
  dbOption(
    program
      .command('init')
      .description('create a record whose first entry adopts the charter')
      .requiredOption('--charter <file>', 'the charter (YAML)'),
  ).action(
    run(async (out, options: { charter: string; db?: string }) => {
      const location = dbLocation(options.db);
      const { value, size } = await initRecord(options.charter, location);
      out.lines([
        `created ${displayLocation(location)}: ${value.organization.name}, charter adopted as entry 0 (${size} entry)`,
      ]);
      out.value({ db: displayLocation(location), organization: value.organization.id, size });
    }),
  );
}

/** Creates a new record at `location` from a charter file. */
export async function initRecord(charterFile: string, location: string) {
  const { value, json } = loaded(charterFile, parseCharter(readBytes(charterFile, CHARTER_FILE)));
  await placeForRecord(
    location,
    new CliError(`${location} exists already: a record is never overwritten`, 1, 'record-exists'),
  );
  const store = await openStore(location, { create: true });
  try {
    const ledger = await Ledger.create(store, json);
    return { value, size: ledger.size };
  } catch (error) {
    // A database server's record: named as the file is (damage, not a conflict, says more itself).
    if (error instanceof StoreConflict)
      throw new CliError(
        `${displayLocation(location)} holds a record already: a record is never overwritten`,
        1,
        'record-exists',
      );
    throw error;
  } finally {
    await store.close();
  }
}
