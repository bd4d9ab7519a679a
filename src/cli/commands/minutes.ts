/** collegium minutes: the minutes of a session as a document (Markdown, HTML or PDF). */
import { Option, type Command } from 'commander';
import { isMinutesFormat, MINUTES_FORMATS, renderMinutes } from '../../app/documents/index.js';
import { sessionInWords } from '../../core/state/index.js';
import type { MinutesFormat } from '../../app/documents/index.js';
import { minutesOf } from '../../app/minutes.js';
import { statusLine } from '../../app/documents/words.js';
import { readingLedger } from '../context.js';
import type { RecordOptions } from '../context.js';
import { usage, writeWhole } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import { dbOption, withExamples } from '../options.js';
import { sessionNamed } from '../session-lookup.js';

type MinutesOptions = RecordOptions & {
  format: string;
  out?: string;
  output?: string;
  url?: string;
};

export function registerMinutesCommand(program: Command, run: Run): void {
  withExamples(
    dbOption(
      program
        .command('minutes')
        .argument('<session>', 'the session')
        .description(
          'write the minutes of a session from the record: header, attendance, agenda, motions with their votes and decisions, instruments, approval and signatures, and an appendix to verify each part',
        ),
    )
      .option('--format <format>', `${MINUTES_FORMATS.join(', ')}`, 'md')
      .option('-o, --out <file>', 'write the document to this file (needed for pdf)')
      // Its first name, before every command that writes a file said --out: still read.
      .addOption(new Option('--output <file>').hideHelp().conflicts('out'))
      .option(
        '--url <base>',
        "the web app's address: each part of the appendix links to BASE/record/ENTRY (and the PDF shows it as a QR code)",
      ),
    [
      'collegium minutes board-2025-09-10',
      'collegium minutes board-2025-09-10 --format pdf -o minutes.pdf --url https://collegium.example.org',
    ],
  ).action(
    run(async (out, session: string, o: MinutesOptions) => {
      const to = o.out ?? o.output;
      const format = checkedFormat(o.format, to);
      const proofBase = o.url === undefined ? undefined : checkedBase(o.url);
      await readingLedger(o, async (ledger) => {
        sessionNamed(ledger.state, session);
        const doc = await minutesOf(ledger.state, ledger.store, session);
        const file = await renderMinutes(doc, format, proofBase ? { proofBase } : {});
        const report = { file: to ?? null, format, status: doc.status, session };
        if (doc.status === 'in-progress')
          out.note(
            `note: ${sessionInWords(ledger.state, session)} is still sitting: the minutes are a draft, session in progress`,
          );
        if (to !== undefined) {
          writeWhole(to, file.data);
          out.lines([
            `minutes of ${sessionInWords(ledger.state, session)} written to ${to} (${format}): ${statusLine(doc)}`,
          ]);
          out.value(report);
        } else printed(out, file.data as string, report);
      });
    }),
  );
}

/** The document on standard output; with --json, inside the report. */
function printed(out: Output, text: string, report: Record<string, unknown>): void {
  if (out.json) out.value({ ...report, text });
  else out.raw(text);
}

function checkedFormat(format: string, to: string | undefined): MinutesFormat {
  if (!isMinutesFormat(format))
    usage(`--format ${format}: the minutes are written as ${MINUTES_FORMATS.join(', ')}`);
  if (format === 'pdf' && to === undefined)
    usage(
      '--format pdf: give the file to write with -o FILE (a PDF is not printed to the terminal)',
    );
  return format;
}

function checkedBase(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol))
    usage(`--url ${url}: give the web app's address, as https://collegium.example.org`);
  return url.replace(/\/+$/, '');
}
