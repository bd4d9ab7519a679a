/** collegium log · protocol · audit */
import type { Command } from 'commander';
import { audit } from '../../app/audit.js';
import type { SessionState, State } from '../../core/state/index.js';
import { decodeEntryAt } from '../../record/entry.js';
import { readingLedger, readingStore } from '../context.js';
import type { RecordOptions } from '../context.js';
import { entryLine, protocolLines } from '../format.js';
import { circulationLines } from '../format-circulations.js';
import { instrumentLines, today } from '../format-instruments.js';
import { checkFailed, readText, usage, withProgress } from '../io.js';
import type { Run } from '../main.js';
import { checkRange, dbOption, isWholeNumber, parseIndex, rangeInWords } from '../options.js';
import type { Range } from '../options.js';
import type { FileKind } from '../../core/format/source-bytes.js';
import { sessionNamed } from '../session-lookup.js';

/**
 * A checkpoint kept from earlier: a signed note of a few lines, and a line for each of at most 100
 * cosignatures, some KB in all (a witness takes a request of 64 KB at most).
 */
const CHECKPOINT_FILE: FileKind = { name: 'a checkpoint', maxBytes: 64 * 1024 };

export function registerRecordCommands(program: Command, run: Run): void {
  registerLog(program, run);
  registerProtocol(program, run);
  registerAudit(program, run);
}

function registerLog(program: Command, run: Run): void {
  dbOption(program.command('log').description('list the entries of the record'))
    .option('--from <index>', 'first entry (default: 0)', parseIndex)
    .option('--to <index>', 'last entry, included (default: the latest)', parseIndex)
    .option('--last <n>', 'the last n entries (up to --to if given)', parseCount)
    .action(
      run(async (out, options: RecordOptions & Range & { last?: number }) => {
        checkRange(options);
        if (options.last !== undefined && options.from !== undefined)
          usage('give --from or --last, not both');
        // Only the entries listed are read: the log needs no state, however long the record.
        await readingStore(options, async (store) => {
          const size = await store.size();
          const entries = [];
          const last = Math.min(options.to ?? size - 1, size - 1);
          const first = options.last !== undefined ? last + 1 - options.last : options.from;
          let listed = 0;
          for await (const stored of store.entries(Math.max(first ?? 0, 0), last + 1)) {
            const entry = decodeEntryAt(stored.index, stored.bytes);
            if (out.json) entries.push(entry);
            else out.lines([entryLine(entry)]);
            listed++;
          }
          // A range past the end says so, as an empty register does, rather than print nothing.
          if (listed === 0)
            out.lines([
              `no entry ${rangeInWords(options)}: the record's last is entry ${size - 1}`,
            ]);
          out.value(entries);
        });
      }),
    );
}

/** A count of entries: a whole number, 1 or more. */
function parseCount(value: string): number {
  if (!isWholeNumber(value, 1)) usage(`'${value}' is not a count of entries (1 or more)`);
  return Number(value);
}

function registerProtocol(program: Command, run: Run): void {
  dbOption(
    program
      .command('protocol')
      .argument('[session]', 'one session (default: all)')
      .description(
        'print the protocol (minutes) of sessions as the record gives them, of the questions decided between them (circulations), and the instruments',
      ),
  ).action(
    run(async (out, session: string | undefined, options: RecordOptions) => {
      await readingLedger(options, async (ledger) => {
        const state = ledger.state;
        const sessions = session ? [sessionNamed(state, session)] : [...state.sessions.values()];
        out.lines(
          session ? [...protocolLines(state, sessions[0]!), ''] : wholeProtocolLines(state),
        );
        out.value(sessions.map((s) => sessionValue(state, s)));
      });
    }),
  );
}

/**
 * The protocol of the whole record: every session, with the questions decided between sessions
 * (circulations) and the instruments, each where it was decided or issued; a blank line after each.
 */
export function wholeProtocolLines(state: State): string[] {
  const parts = [...state.sessions.values()].map((s) => ({
    at: s.openedAt,
    lines: protocolLines(state, s),
  }));
  parts.push(...circulationParts(state), ...instrumentParts(state));
  parts.sort((a, b) => a.at - b.at);
  return parts.flatMap((p) => [...p.lines, '']);
}

/** Each circulation in words, placed in the protocol where it was closed or withdrawn. */
function circulationParts(state: State): { at: number; lines: string[] }[] {
  const now = new Date().toISOString();
  return [...state.circulations.values()].map((c) => ({
    at: c.closedAt ?? c.withdrawn?.index ?? c.openedAt,
    lines: circulationLines(state, c, now),
  }));
}

/** Each instrument as its document reads, placed where it was issued (else drafted). */
function instrumentParts(state: State): { at: number; lines: string[] }[] {
  return [...state.instruments.values()].map((i) => ({
    at: i.issued?.index ?? i.draftedAt,
    lines: instrumentLines(state, i, today()),
  }));
}

/** A session as --json gives it: its sets and maps as arrays, its motions in full. */
function sessionValue(state: State, session: SessionState) {
  return {
    ...session,
    present: [...session.present],
    motions: session.motions.map((k) => {
      const m = state.motions.get(k);
      // An amended charter as the file's data: its model is made of maps, which JSON loses.
      return (
        m && {
          ...m,
          ballots: [...m.ballots.values()],
          ...(m.amends ? { amends: m.amends.json } : {}),
        }
      );
    }),
  };
}

function registerAudit(program: Command, run: Run): void {
  dbOption(
    program
      .command('audit')
      .description(
        're-verify every entry: format, links, signatures, authority, and every decision against the charter in force',
      ),
  )
    .option(
      '--checkpoint <file...>',
      'checkpoints kept from earlier (signed notes, at most 64 KB each): the record must be consistent with them too',
    )
    .action(
      run(async (out, options: RecordOptions & { checkpoint?: string[] }) => {
        const checkpoints = (options.checkpoint ?? []).map((file) =>
          readText(file, CHECKPOINT_FILE),
        );
        const report = await withProgress(out, (progress) =>
          readingStore(options, (store) =>
            audit(store, {
              checkpoints,
              onProgress: (p) => progress.update(`audit: ${p.phase} ${p.done} of ${p.total}`),
            }),
          ),
        );
        out.value(report);
        if (!report.ok)
          checkFailed(
            out,
            `audit failed at ${report.failure?.item}: ${report.failure?.reason}`,
            'audit-failed',
          );
        out.lines([
          `audit passed: ${report.size} entries verified (form, links, signatures, authority, decisions), ${report.nodes} tree nodes and ${report.checkpoints} checkpoints`,
        ]);
      }),
    );
}
