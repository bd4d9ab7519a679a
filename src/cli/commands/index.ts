/**
 * Every command of `collegium`, in the order `collegium --help` lists them.
 *
 * A command is a function that defines it on the program (its name, arguments, options and help
 * text) and gives commander an action wrapped in `run`, which hands the action its `Output`
 * (human lines, or JSON with --json). The action opens the record through `../context.ts`:
 * `readingStore` or `readingLedger` to read it (read-only), `withLedger` or `recordAct` to record
 * acts (the record is checked first, --key files are loaded, and the record is closed whatever
 * happens). It reports failure by throwing: a `CliError` (from `../io.ts`; `usage()` for a
 * command used wrongly, exit 2) or an error of the layers below, which `describeError` turns
 * into a message and an exit status (a `DomainError` is `refused (code): ...`, exit 1). Nothing
 * else prints errors or chooses exit statuses.
 *
 * @example Adding a command that records an act (in its own file, or beside its relatives):
 * ```ts
 * export function registerAdjournCommand(program: Command, run: Run): void {
 *   recordingOptions(
 *     program.command('adjourn').argument('<session>').description('adjourn a session'),
 *   )
 *     .option('--until <yyyy-mm-dd>', 'when it resumes')
 *     .action(
 *       run(async (out, session: string, o: RecordingOptions & { until?: string }) => {
 *         if (o.until === undefined) usage('--until: when does the session resume?');
 *         await recordAct(
 *           o,
 *           () => adjournSession(session, o.until, o.as), // a draft builder of app/proceedings.ts
 *           (entry) => {
 *             out.lines([`session ${session} adjourned [entry ${entry.index}]`]);
 *             out.value({ entry: entry.index });
 *           },
 *         );
 *       }),
 *     );
 * }
 * ```
 * then add `registerAdjournCommand` to `COMMANDS` below, where `--help` should list it, and a
 * test in test/cli that runs it through `main`.
 */
import type { Command } from 'commander';
import type { Run } from '../main.js';
import { registerCharterCommands } from './charter.js';
import { registerEnrolmentCommands } from './enrolment.js';
import { registerReplayCommand } from './replay.js';
import { registerRecordCommands } from './record.js';
import { registerMinutesCommand } from './minutes.js';
import { registerSessionCommands } from './session.js';
import { registerMinutesActCommands } from './minutes-acts.js';
import { registerVoteCommands } from './vote.js';
import { registerProxyCommands } from './proxy.js';
import { registerProofCommands } from './proofs.js';
import { registerExportCommands } from './exports.js';
import { registerCheckpointsCommand } from './checkpoints.js';
import { registerDemoCommand } from './demo.js';
import { registerServeCommand } from './serve.js';
import { registerWitnessCommands } from './witness.js';
import { registerMigrateCommand } from './migrate.js';
import { registerCirculationCommands } from './circulation.js';
import { registerDispatchCommands } from './dispatch.js';
import { registerInstrumentCommands } from './instrument.js';
import { registerRatifyCommand } from './ratify.js';
import { registerRegisterCommands } from './registers.js';

/** Defines one command, or a few related ones, on the program. */
export type Register = (program: Command, run: Run) => void;

export const COMMANDS: readonly Register[] = [
  registerCharterCommands,
  registerEnrolmentCommands,
  registerReplayCommand,
  registerRecordCommands,
  registerMinutesCommand,
  registerSessionCommands,
  registerMinutesActCommands,
  registerVoteCommands,
  registerCirculationCommands,
  registerDispatchCommands,
  registerInstrumentCommands,
  registerRegisterCommands,
  registerRatifyCommand,
  registerProxyCommands,
  registerProofCommands,
  registerExportCommands,
  registerCheckpointsCommand,
  registerDemoCommand,
  registerServeCommand,
  registerMigrateCommand,
  registerWitnessCommands,
];
