/**
 * collegium export votes · decisions · attendance: the ballots, the decisions and the attendance
 * of the record as CSV, for the people who work with numbers. They join the `export` group the
 * bundles' commands made (proofs.ts), whichever is registered first.
 */
import type { Command } from 'commander';
import { csvText, EXPORT_TABLES, exportRows } from '../../app/exports.js';
import type { ExportFilter, ExportTable } from '../../app/exports.js';
import { plural } from '../../core/words.js';
import { readingLedger } from '../context.js';
import type { RecordOptions } from '../context.js';
import { usage, writeWhole } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import { dbOption, checkDayRange, parseDay, withExamples } from '../options.js';
import { sessionNamed } from '../session-lookup.js';

/** The `export` command group: made once, shared by every command that exports. */
export function exportGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export parts of the record')
  );
}

const WHAT: Readonly<Record<ExportTable, string>> = {
  votes:
    'one row per ballot of each closed vote: session, body, date, motion, voter and name, choice, the proxy holder who cast it, its time (sessions recorded live), entry, the voter’s seat (a candidate’s ballot is no vote)',
  decisions:
    'one row per decision, taken in a session or by circulation: its date, text, outcome, counts, explanation in words, ratification, entry, what the minutes state and the flags',
  attendance:
    'one row per person per session: present, also present (without a seat on the body), excused or absent, arrival and departure (times for sessions recorded live), entry, seat (voting member, or candidate: a voice and no vote)',
};

type ExportOptions = RecordOptions & {
  format: string;
  out?: string;
  session?: string;
  body?: string;
  from?: string;
  to?: string;
};

/** `export votes`, `export decisions` and `export attendance`, in the `export` group. */
export function registerExportCommands(program: Command, run: Run): void {
  const exporting = exportGroup(program);
  for (const table of EXPORT_TABLES) {
    const command = dbOption(exporting.command(table).description(`${WHAT[table]}, as CSV`))
      .option('--format <format>', 'csv (a header row, then one line a row)', 'csv')
      .option('-o, --out <file>', 'write to this file (default: standard output)')
      .option('--session <id>', 'of this session only')
      .option('--body <body>', 'of this body only')
      .option('--from <yyyy-mm-dd>', 'from this day (the session’s own date), included', (d) =>
        parseDay('--from', d),
      )
      .option('--to <yyyy-mm-dd>', 'to this day, included', (d) => parseDay('--to', d));
    withExamples(command, [
      `collegium export ${table} --from 2026-01-01 --to 2026-12-31 -o ${table}-2026.csv`,
    ]).action(run((out, o: ExportOptions) => exportTable(out, table, o)));
  }
}

async function exportTable(out: Output, table: ExportTable, o: ExportOptions): Promise<void> {
  if (o.format !== 'csv') usage(`--format ${o.format}: exports are written as csv`);
  checkDayRange(o);
  const filter: ExportFilter = {
    ...(o.session !== undefined ? { session: o.session } : {}),
    ...(o.body !== undefined ? { body: o.body } : {}),
    ...(o.from !== undefined ? { from: o.from } : {}),
    ...(o.to !== undefined ? { to: o.to } : {}),
  };
  const rows = await readingLedger(o, async ({ state }) => {
    if (filter.session !== undefined) sessionNamed(state, filter.session);
    return exportRows(state, table, filter);
  });
  const csv = csvText(table, rows);
  if (o.out === undefined) return out.raw(csv);
  writeWhole(o.out, csv);
  out.lines([`wrote ${o.out}: ${plural(rows.length, 'row')} of ${table}`]);
  out.value({ file: o.out, table, rows: rows.length });
}
