/** collegium replay: a proceedings file recorded in one transaction, creating the record if asked. */
import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { Ledger } from '../../app/ledger.js';
import { replayDrafts, replayResults } from '../../app/replay.js';
import type { ReplayedMotion } from '../../app/replay.js';
import { CHARTER_FILE, parseCharter } from '../../core/charter/index.js';
import { PROCEEDINGS_FILE } from '../../core/proceedings/index.js';
import { emptyState } from '../../core/state/index.js';
import { displayLocation, isPostgresUrl, openStore, StoreMissing } from '../../store/index.js';
import type { RecordStore } from '../../store/index.js';
import { keyFiles, writingLedger } from '../context.js';
import type { RecordOptions } from '../context.js';
import { CliError, dbLocation, loaded, readBytes } from '../io.js';
import { keysFor } from '../keys.js';
import type { Run } from '../main.js';
import { DB_HELP } from '../options.js';
import { loadProceedings, locatedIn } from '../proceedings.js';

export function registerReplayCommand(program: Command, run: Run): void {
  program
    .command('replay')
    .argument('<file>', 'proceedings (YAML): sessions of a body as their minutes record them')
    .description(
      'record a proceedings file and print each decision; flag where the minutes and the rules disagree',
    )
    .option('--db <path>', DB_HELP)
    .option('--charter <file>', 'create the record from this charter if it does not exist yet')
    .option(
      '--key <file...>',
      'private key file(s) of a secretary who signs with their own key (env COLLEGIUM_KEY)',
    )
    .action(
      run(async (out, file: string, options: RecordOptions & { charter?: string }) => {
        const location = dbLocation(options.db);
        const results = await replayInto(
          location,
          file,
          readBytes(file, PROCEEDINGS_FILE),
          options,
        );
        const lines: string[] = [];
        for (const r of results) {
          lines.push(`${r.session}/${r.motion}: ${r.explanation}`);
          for (const flag of r.flags) lines.push(`  ! ${flag}`);
          if (r.amendedAt !== undefined)
            lines.push(`  charter amended: in force from entry ${r.amendedAt}`);
        }
        const flagged = results.filter((r) => r.flags.length > 0).length;
        lines.push(
          `${results.length} motions recorded in ${displayLocation(location)}; ${flagged} flagged`,
        );
        out.lines(lines);
        out.value(results);
      }),
    );
}

async function replayInto(
  location: string,
  file: string,
  source: Uint8Array,
  options: RecordOptions & { charter?: string },
): Promise<ReplayedMotion[]> {
  const files = keyFiles(options);
  let store: RecordStore;
  try {
    store = await openStore(location, { create: false });
  } catch (error) {
    if (!(error instanceof StoreMissing)) throw error;
    if (!options.charter)
      throw new CliError(
        `${error.message}, or give --charter FILE to create it here`,
        1,
        'not-found',
      );
    return createAndReplay(location, file, source, options.charter, files);
  }
  try {
    const ledger = await writingLedger(store, location, files);
    const read = loadProceedings(file, source, ledger.state.charter!);
    const value = read.proceedings.value;
    await locatedIn(read, () => ledger.append(replayDrafts(ledger.state, value, read.amendments)));
    return replayResults(ledger.state, value);
  } finally {
    await store.close();
  }
}

/** Creates the record with its charter and the whole file in one transaction: all or nothing. */
async function createAndReplay(
  location: string,
  file: string,
  source: Uint8Array,
  charterFile: string,
  files: readonly string[],
): Promise<ReplayedMotion[]> {
  const charter = loaded(charterFile, parseCharter(readBytes(charterFile, CHARTER_FILE)));
  const read = loadProceedings(file, source, charter.value);
  const value = read.proceedings.value;
  const sqlite = !isPostgresUrl(location);
  if (sqlite && existsSync(location))
    throw new CliError(`${location} exists and is not a Collegium record: it is left as it is`);
  const store = await openStore(location, { create: true });
  let created = false;
  try {
    const ledger = await locatedIn(read, () =>
      Ledger.create(
        store,
        charter.json,
        { keys: keysFor(files, { ...emptyState(), charter: charter.value }) },
        replayDrafts(emptyState(), value, read.amendments),
      ),
    );
    created = true;
    return replayResults(ledger.state, value);
  } finally {
    await store.close();
    // Nothing was recorded: leave no empty database behind.
    if (!created && sqlite)
      for (const suffix of ['', '-wal', '-shm']) rmSync(location + suffix, { force: true });
  }
}
