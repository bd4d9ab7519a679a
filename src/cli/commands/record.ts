/** collegium log · protocol · audit */
import type { Command } from 'commander';
import { audit } from '../../app/audit.js';
import { decodeEntry } from '../../record/entry.js';
import { readingLedger, readingStore } from '../context.js';
import type { RecordOptions } from '../context.js';
import { entryLine, protocolLines } from '../format.js';
import { CliError, readText } from '../io.js';
import type { Run } from '../main.js';

const DB_HELP = 'SQLite file or postgres:// URL (env COLLEGIUM_DB; default ./collegium.db)';

export function registerRecordCommands(program: Command, run: Run): void {
  program
    .command('log')
    .description('list the entries of the record')
    .option('--db <path>', DB_HELP)
    .option('--from <index>', 'first entry (default: 0)', parseIndex)
    .option('--to <index>', 'last entry, included (default: the latest)', parseIndex)
    .action(
      run(async (out, options: RecordOptions & Range) => {
        checkRange(options);
        await readingStore(options, async (store) => {
          const size = await store.size();
          const entries = [];
          const last = Math.min(options.to ?? size - 1, size - 1);
          for await (const stored of store.entries(options.from ?? 0, last + 1)) {
            const entry = decodeEntry(stored.bytes);
            if (out.json) entries.push(entry);
            else out.lines([entryLine(entry)]);
          }
          out.value(entries);
        });
      }),
    );

  program
    .command('protocol')
    .argument('[session]', 'one session (default: all)')
    .description('print the protocol (minutes) of sessions as the record gives them')
    .option('--db <path>', DB_HELP)
    .action(
      run(async (out, session: string | undefined, options: RecordOptions) => {
        await readingLedger(options, async (ledger) => {
          const state = ledger.state;
          const sessions = session
            ? [state.sessions.get(session) ?? missingSession(session)]
            : [...state.sessions.values()];
          out.lines(sessions.flatMap((s) => [...protocolLines(state, s), '']));
          out.value(
            sessions.map((s) => ({
              ...s,
              present: [...s.present],
              motions: s.motions.map((k) => {
                const m = state.motions.get(k);
                return m && { ...m, ballots: [...m.ballots.values()] };
              }),
            })),
          );
        });
      }),
    );

  program
    .command('audit')
    .description(
      're-verify every entry: format, links, signatures, authority, and every decision against the charter in force',
    )
    .option('--db <path>', DB_HELP)
    .option(
      '--checkpoint <file...>',
      'checkpoints kept from earlier (signed notes): the record must be consistent with them too',
    )
    .action(
      run(async (out, options: RecordOptions & { checkpoint?: string[] }) => {
        const checkpoints = (options.checkpoint ?? []).map(readText);
        const progress = out.progress();
        const report = await readingStore(options, (store) =>
          audit(store, {
            checkpoints,
            onProgress: (p) => progress.update(`audit: ${p.phase} ${p.done} of ${p.total}`),
          }),
        );
        progress.done();
        out.value(report);
        if (!report.ok) {
          // With --json the report says it all; the exit status tells the shell.
          throw new CliError(
            out.json ? '' : `audit failed at ${report.failure?.item}: ${report.failure?.reason}`,
            1,
            'audit-failed',
          );
        }
        out.lines([
          `audit passed: ${report.size} entries verified (form, links, signatures, authority, decisions), ${report.nodes} tree nodes and ${report.checkpoints} checkpoints`,
        ]);
      }),
    );
}

function missingSession(id: string): never {
  return missing(`no session '${id}' in the record`);
}

function missing(message: string): never {
  throw new CliError(message, 1, 'not-found');
}

/** --from and --to, as every command takes them: the first and the last, both included. */
export interface Range {
  from?: number;
  to?: number;
}

export function checkRange({ from, to }: Range): void {
  if (from !== undefined && to !== undefined && to < from)
    throw new CliError(`--to ${to} is before --from ${from}`, 2, 'usage');
}

export function parseIndex(value: string): number {
  if (!/^\d+$/.test(value))
    throw new CliError(`'${value}' is not an entry index (a whole number, 0 or more)`, 2, 'usage');
  return Number(value);
}
