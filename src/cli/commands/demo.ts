/** collegium demo: a fresh record from the bundled example organizations, and their protocols. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { audit } from '../../app/audit.js';
import { EXAMPLES, listExamples, proceedingsFiles } from '../../app/demo.js';
import { Ledger } from '../../app/ledger.js';
import { replay } from '../../app/replay.js';
import type { ReplayedMotion } from '../../app/replay.js';
import { PROCEEDINGS_FILE } from '../../core/proceedings/index.js';
import { displayLocation, openStore } from '../../store/index.js';
import { CliError, readBytes, usage } from '../io.js';
import type { Run } from '../main.js';
import { loadProceedings, locatedIn } from '../proceedings.js';
import { initRecord } from './charter.js';
import { wholeProtocolLines } from './record.js';

export function registerDemoCommand(program: Command, run: Run): void {
  program
    .command('demo')
    .description(
      'build a fresh record from a bundled example organization and print its protocol: the sessions, the questions decided between them (circulations) and the instruments',
    )
    .option('--example <name>', `one of: ${listExamples().join(', ')}`, 'central-committee-1918')
    .option('--db <path>', 'where to build the record (default: a new temporary file)')
    .action(
      run(async (out, options: { example: string; db?: string }) => {
        const folder = join(EXAMPLES, options.example);
        if (!listExamples().includes(options.example))
          usage(`no example '${options.example}': ${listExamples().join(', ')}`);
        const location =
          options.db ?? join(mkdtempSync(join(tmpdir(), 'collegium-demo-')), 'record.db');
        await initRecord(join(folder, 'charter.yaml'), location);
        const store = await openStore(location, { create: false });
        try {
          const ledger = await Ledger.open(store);
          const results: ReplayedMotion[] = [];
          for (const file of proceedingsFiles(folder)) {
            const read = loadProceedings(
              file,
              readBytes(file, PROCEEDINGS_FILE),
              ledger.state.charter!,
            );
            results.push(
              ...(await locatedIn(read, () =>
                replay(ledger, read.proceedings.value, read.amendments, read.attachments),
              )),
            );
          }
          const report = await audit(store);
          // A URL's password is never printed.
          const shown = displayLocation(location);
          const lines = [
            `${ledger.state.charter?.organization.name}: record built at ${shown}`,
            '',
          ];
          lines.push(...wholeProtocolLines(ledger.state));
          lines.push(
            report.ok
              ? `audit passed: ${report.size} entries, ${report.nodes} tree nodes, ${report.checkpoints} checkpoints: every signature, link, decision and root verified`
              : `AUDIT FAILED at ${report.failure?.item}: ${report.failure?.reason}`,
          );
          lines.push(`next: collegium log --db ${shown}   ·   collegium audit --db ${shown}`);
          out.lines(lines);
          out.value({ db: shown, motions: results, audit: report });
          if (!report.ok) throw new CliError('', 1, 'audit-failed');
        } finally {
          await store.close();
        }
      }),
    );
}
