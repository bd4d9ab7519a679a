/** collegium replay: a proceedings file recorded in one transaction, creating the record if asked. */
import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { Ledger } from '../../app/ledger.js';
import { replayDrafts, replayedKind, replayReport } from '../../app/replay.js';
import type { ReplayedItem, ReplayedSession } from '../../app/replay.js';
import { CHARTER_FILE, parseCharter } from '../../core/charter/index.js';
import { PROCEEDINGS_FILE } from '../../core/proceedings/index.js';
import { listed, sessionFlagInWords } from '../../core/rules/explain.js';
import { dayInWords, timeInWords } from '../../core/minutes/words.js';
import {
  bodyName,
  emptyState,
  explanationNamed,
  flagNamed,
  instrumentTitled,
  ratifyingInWords,
  signatureLine,
} from '../../core/state/index.js';
import type { State } from '../../core/state/index.js';
import { displayLocation, isPostgresUrl, openStore, StoreMissing } from '../../store/index.js';
import type { RecordStore } from '../../store/index.js';
import { keyFiles, placeForRecord, writingLedger } from '../context.js';
import type { RecordOptions } from '../context.js';
import { CliError, dbLocation, loaded, readBytes } from '../io.js';
import { ratificationWords } from '../format-decisions.js';
import { instrumentStatus, today } from '../format-instruments.js';
import { keysFor } from '../keys.js';
import type { Run } from '../main.js';
import { DB_HELP } from '../options.js';
import { loadProceedings, locatedIn } from '../proceedings.js';
import { numbered } from '../../core/words.js';

export function registerReplayCommand(program: Command, run: Run): void {
  program
    .command('replay')
    .argument(
      '<file>',
      'proceedings (YAML): sessions of a body as their minutes record them, circulations, dispatches and instruments',
    )
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
        const { results, state } = await replayInto(
          location,
          file,
          readBytes(file, PROCEEDINGS_FILE),
          options,
        );
        out.lines(replayLines(results, state, displayLocation(location)));
        out.value(results);
      }),
    );
}

/** The replay in words: each item and its flags, then what was recorded where. */
export function replayLines(
  results: readonly ReplayedItem[],
  state: State,
  location: string,
): string[] {
  const lines = results.flatMap((r) => itemLines(r, state));
  const count = (kind: string) => results.filter((r) => replayedKind(r) === kind).length;
  const recorded = [
    ['motion', 'motions'],
    ['circulation', 'circulations'],
    ['dispatch', 'dispatches'],
    ['instrument', 'instruments'],
  ]
    .map(([kind, many]) => ({ n: count(kind!), one: kind!, many: many! }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${c.n === 1 ? c.one : c.many}`);
  const flagged = results.filter((r) => 'flags' in r && r.flags.length > 0).length;
  lines.push(`${listed(recorded) || '0 motions'} recorded in ${location}; ${flagged} flagged`);
  return lines;
}

function itemLines(r: ReplayedItem, state: State): string[] {
  if ('instrument' in r) {
    const recorded = state.instruments.get(r.instrument);
    return [
      `${instrumentTitled(state, r)} (${r.instrument}): ${recorded?.draft.until !== undefined ? instrumentStatus(recorded, today()) : r.state}`,
      ...(recorded && state.charter ? [`  ${signatureLine(recorded, state.charter)}`] : []),
      ...flagLines(r.flags),
    ];
  }
  if ('number' in r)
    return [
      `dispatch ${numbered(r.number)} (${r.dispatch}), received ${timeInWords(r.received)} from ${r.from}: ${r.state}`,
      ...flagLines(r.flags.map((flag) => flagNamed(state, flag))),
    ];
  if (!('motion' in r) && !('circulation' in r)) return sessionLines(r, state);
  // A withdrawn question's reason is free text, shown as written: no id in it is a list of members.
  const explanation =
    r.outcome === 'withdrawn' ? r.explanation : explanationNamed(state, r.explanation);
  const lines = [
    `${'circulation' in r ? `circulation ${r.circulation}` : `${r.session}/${r.motion}`}: ${explanation}`,
    ...flagLines(r.flags.map((flag) => flagNamed(state, flag))),
  ];
  if ('amendedAt' in r && r.amendedAt !== undefined)
    lines.push(`  charter amended: in force from entry ${r.amendedAt}`);
  if ('ratifies' in r && r.ratifies !== undefined)
    lines.push(
      `  ${ratifyingInWords(state, { session: r.session, id: r.motion, ratifies: r.ratifies })}`,
    );
  if (r.ratification) lines.push(`  ${ratificationWords(state, r.ratification)}`);
  return lines;
}

/** A sitting flagged at its opening: what it was, then why. */
function sessionLines(r: ReplayedSession, state: State): string[] {
  const day = r.date === undefined ? '' : `, ${dayInWords(r.date)}`;
  return [
    `session ${r.session} of ${bodyName(state, r.body)}${day}: opened`,
    ...flagLines(r.flags.map(sessionFlagInWords)),
  ];
}

function flagLines(flags: readonly string[]): string[] {
  return flags.map((flag) => `  ! ${flag}`);
}

/** What a replay reports, and the state it left, to put it in words. */
interface Replayed {
  readonly results: ReplayedItem[];
  readonly state: State;
}

async function replayInto(
  location: string,
  file: string,
  source: Uint8Array,
  options: RecordOptions & { charter?: string },
): Promise<Replayed> {
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
    await locatedIn(read, () =>
      ledger.append(replayDrafts(ledger.state, value, read.amendments, read.attachments)),
    );
    return { results: replayReport(ledger.state, value), state: ledger.state };
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
): Promise<Replayed> {
  const charter = loaded(charterFile, parseCharter(readBytes(charterFile, CHARTER_FILE)));
  const read = loadProceedings(file, source, charter.value);
  const value = read.proceedings.value;
  // A file there already (a record never begun) is not removed if nothing is recorded.
  const madeHere = !isPostgresUrl(location) && !existsSync(location);
  await placeForRecord(
    location,
    new CliError(
      `${location} exists and is not a Collegium record: it is left as it is`,
      1,
      'not-a-record',
    ),
  );
  const store = await openStore(location, { create: true });
  let created = false;
  try {
    const ledger = await locatedIn(read, () =>
      Ledger.create(
        store,
        charter.json,
        { keys: keysFor(files, { ...emptyState(), charter: charter.value }) },
        replayDrafts(emptyState(), value, read.amendments, read.attachments),
      ),
    );
    created = true;
    return { results: replayReport(ledger.state, value), state: ledger.state };
  } finally {
    await store.close();
    // Nothing was recorded: leave no empty database behind.
    if (!created && madeHere)
      for (const suffix of ['', '-wal', '-shm']) rmSync(location + suffix, { force: true });
  }
}
