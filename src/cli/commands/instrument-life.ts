/** collegium instrument issue · revoke · settle · annul: an instrument's life once signed. */
import type { Command } from 'commander';
import {
  annulInstrument,
  issueInstrument,
  revokeInstrument,
  settleInstrument,
} from '../../app/instruments.js';
import type { DraftSource } from '../../app/ledger.js';
import { parseDecisionRef } from '../../app/registers.js';
import {
  decisionInWords,
  dispatchInWords,
  instrumentTitled,
  instrumentOf,
  signatureLine,
} from '../../core/state/index.js';
import type { State } from '../../core/state/index.js';
import { recordAct } from '../context.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import { ARGUMENT, checkDate, recordingOptions, withExamples } from '../options.js';
import type { RecordingOptions } from '../options.js';

export function registerInstrumentLife(instrument: Command, run: Run): void {
  registerIssue(instrument, run);
  registerRevoke(instrument, run);
  registerSettle(instrument, run);
  registerAnnul(instrument, run);
}

/** Records the act `draft` makes, and reports it by `line` (given the entry's index). */
async function recordLife(
  out: Output,
  o: RecordingOptions,
  id: string,
  draft: DraftSource,
  line: (index: number, state: State, instrument: string) => string,
): Promise<void> {
  await recordAct(
    o,
    () => draft,
    (entry, ledger) => {
      const named = instrumentTitled(ledger.state, instrumentOf(ledger.state, id).draft);
      out.lines([line(entry.index, ledger.state, named)]);
      out.value({ entry: entry.index });
    },
  );
}

function registerIssue(instrument: Command, run: Run): void {
  const command = recordingOptions(
    instrument
      .command('issue')
      .argument('<instrument>', ARGUMENT.instrument)
      .description(
        "issue a signed instrument: it leaves the body. Refused until the charter's signing rule is met; the dispatch it answers is closed",
      ),
    'private key file of whoever issues it',
    'who issues it: an officer of the body, or one of its signers (default: the body secretary, else its chair)',
  ).option('--date <date>', 'the date it is issued (2026-12-01, or a date-time)');
  withExamples(command, ['collegium instrument issue politburo-1918-1 --date 1918-02-20']).action(
    run(async (out, id: string, o: RecordingOptions & { date?: string }) => {
      const date = o.date === undefined ? undefined : checkDate('--date', o.date);
      await recordAct(
        o,
        () => issueInstrument(id, o.as, date),
        (entry, ledger) => {
          const i = instrumentOf(ledger.state, id);
          const answered =
            i.draft.answers === undefined
              ? undefined
              : ledger.state.dispatches.get(i.draft.answers);
          const closed = answered?.closed?.index === entry.index;
          out.lines([
            `${instrumentTitled(ledger.state, i.draft)} issued [entry ${entry.index}]`,
            `  ${signatureLine(i, ledger.state.charter!)}`,
            ...(closed
              ? [
                  `  ${dispatchInWords(ledger.state, answered!.id)} closed: ${answered!.closed!.reason}`,
                ]
              : []),
          ]);
          out.value({ entry: entry.index, ...(closed ? { closed: answered!.id } : {}) });
        },
      );
    }),
  );
}

type RevokeOptions = RecordingOptions & { reason?: string; date?: string; by?: string };

function registerRevoke(instrument: Command, run: Run): void {
  const command = recordingOptions(
    instrument
      .command('revoke')
      .argument('<instrument>', ARGUMENT.instrument)
      .description('revoke an issued mandate: it no longer empowers its holder (by an officer)'),
  )
    .option('--reason <text>', 'why it is revoked')
    .option('--date <date>', 'the date it is revoked (2026-12-01, or a date-time)')
    .option('--by <ref>', 'the decision that revokes it: SESSION/MOTION or a circulation id');
  withExamples(command, [
    'collegium instrument revoke board-2026-3 --reason "The contract is signed." --by s4/m1',
  ]).action(
    run(async (out, id: string, o: RevokeOptions) => {
      const details = {
        ...(o.reason !== undefined ? { reason: o.reason } : {}),
        ...(o.date !== undefined ? { date: checkDate('--date', o.date) } : {}),
        ...(o.by !== undefined ? { by: parseDecisionRef(o.by) } : {}),
      };
      await recordLife(
        out,
        o,
        id,
        revokeInstrument(id, details, o.as),
        (index, state, named) =>
          `${named} revoked${details.by ? `, under ${decisionInWords(state, details.by)}` : ''} [entry ${index}]`,
      );
    }),
  );
}

function registerSettle(instrument: Command, run: Run): void {
  const command = recordingOptions(
    instrument
      .command('settle')
      .argument('<instrument>', ARGUMENT.instrument)
      .description('settle an issued receipt: its debt is repaid (by an officer, or its creditor)'),
    'private key file of the officer, or of the creditor',
    'who settles it: an officer of the body, or the one the sum was received from (default: the body secretary, else its chair)',
  )
    .option('--note <text>', 'how it was settled')
    .option('--date <date>', 'the date it was settled (2026-12-01, or a date-time)');
  withExamples(command, [
    'collegium instrument settle board-2026-4 --note "Repaid in cash." --date 2026-12-20',
  ]).action(
    run(async (out, id: string, o: RecordingOptions & { note?: string; date?: string }) => {
      const details = {
        ...(o.note !== undefined ? { note: o.note } : {}),
        ...(o.date !== undefined ? { date: checkDate('--date', o.date) } : {}),
      };
      await recordLife(
        out,
        o,
        id,
        settleInstrument(id, details, o.as),
        (index, _, named) => `${named} settled [entry ${index}]`,
      );
    }),
  );
}

type AnnulOptions = RecordingOptions & { by: string; supersededBy?: string; reason?: string };

function registerAnnul(instrument: Command, run: Run): void {
  const command = recordingOptions(
    instrument
      .command('annul')
      .argument('<instrument>', ARGUMENT.instrument)
      .description(
        'annul an instrument by a later adopted decision, or supersede it with another (by an officer)',
      ),
  )
    .requiredOption(
      '--by <ref>',
      'the later decision that annuls it: SESSION/MOTION or a circulation id',
    )
    .option('--superseded-by <instrument>', 'the instrument that replaces it')
    .option('--reason <text>', 'why');
  withExamples(command, [
    'collegium instrument annul politburo-1918-1 --by s2/m1 --superseded-by politburo-1918-2',
  ]).action(
    run(async (out, id: string, o: AnnulOptions) => {
      const by = parseDecisionRef(o.by);
      const details = {
        by,
        ...(o.supersededBy !== undefined ? { supersededBy: o.supersededBy } : {}),
        ...(o.reason !== undefined ? { reason: o.reason } : {}),
      };
      const what = (state: State): string =>
        o.supersededBy === undefined
          ? 'annulled'
          : `superseded by ${instrumentTitled(state, instrumentOf(state, o.supersededBy).draft)}`;
      await recordLife(
        out,
        o,
        id,
        annulInstrument(id, details, o.as),
        (index, state, named) =>
          `${named} ${what(state)} under ${decisionInWords(state, by)} [entry ${index}]`,
      );
    }),
  );
}
