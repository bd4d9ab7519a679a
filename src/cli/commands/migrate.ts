/** collegium migrate: a record moved to another store, verbatim, and checked there. */
import type { Command } from 'commander';
import { copyRecord } from '../../app/migrate.js';
import { checkSource } from '../../app/source-check.js';
import { plural } from '../../core/words.js';
import type { CopyReport } from '../../app/migrate.js';
import { displayLocation, openCopyTarget, openStore } from '../../store/index.js';
import type { CopyTarget, RecordStore } from '../../store/index.js';
import { checkFailed, usage, withProgress } from '../io.js';
import type { Run } from '../main.js';

export function registerMigrateCommand(program: Command, run: Run): void {
  program
    .command('migrate')
    .description(
      'copy a record to another store (an SQLite file or a postgres:// URL) with the same bytes, tree and checkpoints, then compare and audit the copy',
    )
    .requiredOption('--from <db>', 'the record to copy: an SQLite file or a postgres:// URL')
    .requiredOption(
      '--to <db>',
      'where to copy it: a new SQLite file or an empty PostgreSQL database (or an unfinished copy, to finish it)',
    )
    .action(
      run(async (out, o: { from: string; to: string }) => {
        if (o.from === o.to) usage('--from and --to name the same store');
        const report = await withProgress(out, (progress) =>
          withBoth(o.from, o.to, (from, to) =>
            copyRecord(
              from,
              to,
              (p) => progress.update(`migrate: ${p.phase} ${p.done} of ${p.total}`),
              { sourceChecked: true },
            ),
          ),
        );
        // A URL's password is never printed.
        const [from, to] = [displayLocation(o.from), displayLocation(o.to)];
        out.value({ ...report, from, to });
        if (!report.audit.ok)
          checkFailed(
            out,
            `the copy does not audit, at ${report.audit.failure?.item}: ${report.audit.failure?.reason}`,
            'audit-failed',
          );
        const before = report.unfinished?.found === 'resumed' ? report.unfinished.size : 0;
        out.lines([
          ...unfinishedLine(report.unfinished, report.entries),
          `copied ${plural(report.entries - before, 'entry', 'entries')}, ${plural(report.checkpoints, 'checkpoint')}, ${plural(report.cosignatures, 'cosignature')} and ${plural(report.attachments, 'file')} to ${to}`,
          `the same entries on both sides (sha256 ${report.digest}), and the copy audits`,
        ]);
      }),
    );
}

/** What was found at the target from a copy stopped before: gone on with, or begun again. */
function unfinishedLine(unfinished: CopyReport['unfinished'], entries: number): string[] {
  if (unfinished === undefined) return [];
  return unfinished.found === 'resumed'
    ? [
        `an unfinished copy of this record was there, with ${unfinished.size} of its ${entries} entries: the copy went on from there`,
      ]
    : [
        `an unfinished copy of another record was there (${plural(unfinished.size, 'entry', 'entries')}): begun again`,
      ];
}

/** Both stores open for the work, closed whatever happens; the source only read. */
async function withBoth<T>(
  fromLocation: string,
  toLocation: string,
  work: (from: RecordStore, to: CopyTarget) => Promise<T>,
): Promise<T> {
  const from = await openStore(fromLocation, { create: false, readOnly: true });
  try {
    // Before the target is opened, which makes its tables.
    await checkSource(from);
    const to = await openCopyTarget(toLocation);
    try {
      return await work(from, to);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
