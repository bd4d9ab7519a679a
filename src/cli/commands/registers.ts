/** collegium circulations · circulation show · provisional · decisions · question: the registers. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { dueCloses } from '../../app/circulations.js';
import { withoutUndefined } from '../../core/json.js';
import { circulationInWords, explanationNamed } from '../../core/state/index.js';
import {
  circulationRegister,
  decisionRegister,
  provisionalRegister,
  questionOf,
} from '../../app/registers.js';
import { appendActs, readingLedger, withLedger } from '../context.js';
import type { RecordOptions } from '../context.js';
import { circulationLines, circulationRow } from '../format-circulations.js';
import { chainLines, decisionRow } from '../format-decisions.js';
import { dispatchLines } from '../format-dispatches.js';
import { instrumentRow, today } from '../format-instruments.js';
import { notFound, usage } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import {
  ARGUMENT,
  dbOption,
  filterOf,
  filterOptions,
  parseDay,
  checkDayRange,
} from '../options.js';
import type { FilterOptions } from '../options.js';
import { circulationValue, decisionValue, dispatchValue, instrumentValue } from '../values.js';

export function registerRegisterCommands(program: Command, run: Run): void {
  registerCirculations(program, run);
  registerCirculationShow(program, run);
  registerProvisional(program, run);
  registerDecisions(program, run);
  registerQuestion(program, run);
}

type CirculationsOptions = FilterOptions & {
  state?: 'open' | 'overdue' | 'closed' | 'withdrawn';
  closeDue?: boolean;
};

function registerCirculations(program: Command, run: Run): void {
  filterOptions(
    dbOption(
      program
        .command('circulations')
        .description(
          'the register of circulations, filtered and searched; --close-due closes those whose deadline has passed',
        ),
    ),
  )
    .addOption(
      new Option('--state <state>', 'where they stand').choices([
        'open',
        'overdue',
        'closed',
        'withdrawn',
      ]),
    )
    .option(
      '--close-due',
      'close every live circulation whose deadline has passed, as the organization (what the server does on time; for a record kept without one)',
    )
    .action(
      run(async (out, o: CirculationsOptions) => {
        if (o.closeDue) {
          if (o.state ?? o.body ?? o.search)
            usage('--close-due closes every overdue circulation: give no filter');
          return closeDue(out, o);
        }
        await readingLedger(o, async (ledger) => {
          const now = new Date().toISOString();
          const found = circulationRegister(ledger.state, {
            ...filterOf(o),
            ...(o.state ? { state: o.state } : {}),
            now,
          });
          out.lines(
            found.length > 0 ? found.map((c) => circulationRow(c, now)) : ['no circulation'],
          );
          out.value(found.map((c) => circulationValue(c, now)));
        });
      }),
    );
}

async function closeDue(out: Output, o: RecordOptions): Promise<void> {
  await withLedger(o, async (ledger) => {
    const entries = await appendActs(
      ledger,
      dueCloses(ledger.state, new Date()).map((due) => due.close),
    );
    const closed = entries.map((e) => {
      const c = [...ledger.state.circulations.values()].find((x) => x.closedAt === e.index)!;
      return { entry: e.index, circulation: c.id, decision: c.decision! };
    });
    out.lines(
      closed.length > 0
        ? closed.map(
            (c) =>
              `${circulationInWords(ledger.state, c.circulation)} closed at its deadline: ${explanationNamed(ledger.state, c.decision.explanation)} [entry ${c.entry}]`,
          )
        : ['no circulation is due to close'],
    );
    out.value(closed);
  });
}

function registerCirculationShow(program: Command, run: Run): void {
  const circulation = program
    .command('circulation')
    .description('one circulation: its answers, its outcome as it forms, and its deadline');
  dbOption(
    circulation
      .command('show')
      .argument('<id>', ARGUMENT.circulation)
      .description('show one circulation in full'),
  ).action(
    run(async (out, id: string, o: RecordOptions) => {
      await readingLedger(o, async (ledger) => {
        const now = new Date().toISOString();
        const c = ledger.state.circulations.get(id) ?? notFound(`circulation '${id}'`);
        out.lines(circulationLines(ledger.state, c, now));
        out.value(circulationValue(c, now));
      });
    }),
  );
}

function registerProvisional(program: Command, run: Run): void {
  dbOption(
    program
      .command('provisional')
      .description(
        'provisional decisions: adopted, awaiting ratification by a session (collegium ratify)',
      ),
  )
    .option('--body <body>', 'awaiting a session of this body')
    .option('--search <text>', 'words that must all appear (in any case) in its text')
    .action(
      run(async (out, o: FilterOptions) => {
        await readingLedger(o, async (ledger) => {
          const found = provisionalRegister(ledger.state, filterOf(o));
          out.lines(
            found.length > 0
              ? found.map((d) => decisionRow(ledger.state, d))
              : ['no decision awaits ratification'],
          );
          out.value(found.map(decisionValue));
        });
      }),
    );
}

function registerDecisions(program: Command, run: Run): void {
  filterOptions(
    dbOption(
      program
        .command('decisions')
        .description(
          'the register of decisions, taken in sessions or between them, in record order',
        ),
    ),
  )
    .option('--outcome <outcome>', 'adopted, rejected, not-decided, advisory, or an alternative')
    .option(
      '--from <yyyy-mm-dd>',
      'taken on this day or after (the session’s own date, or the circulation’s)',
      (d) => parseDay('--from', d),
    )
    .option('--to <yyyy-mm-dd>', 'taken on this day or before', (d) => parseDay('--to', d))
    .action(
      run(async (out, o: DecisionsOptions) => {
        checkDayRange(o);
        await readingLedger(o, async (ledger) => {
          const found = decisionRegister(ledger.state, {
            ...filterOf(o),
            ...withoutUndefined({ outcome: o.outcome, from: o.from, to: o.to }),
            decided: true,
          });
          out.lines(
            found.length > 0 ? found.map((d) => decisionRow(ledger.state, d)) : ['no decision'],
          );
          out.value(found.map(decisionValue));
        });
      }),
    );
}

type DecisionsOptions = FilterOptions & { outcome?: string; from?: string; to?: string };

function registerQuestion(program: Command, run: Run): void {
  dbOption(
    program
      .command('question')
      .argument('<name>', 'a dispatch id, a circulation id, or SESSION/MOTION')
      .description(
        'everything on one question: the dispatch, its referrals, the circulations and motions put on it, the chain of decisions, and the instruments that rest on them or answer the dispatch',
      ),
  ).action(
    run(async (out, name: string, o: RecordOptions) => {
      await readingLedger(o, async (ledger) => {
        const state = ledger.state;
        const q = questionOf(state, name) ?? notFound(`dispatch, circulation or motion '${name}'`);
        out.lines([
          ...(q.dispatch ? dispatchLines(state, q.dispatch) : []),
          q.decisions.length > 0 ? 'Decisions:' : 'No decision on it yet.',
          ...q.decisions.map((d) => `  ${decisionRow(state, d)}`),
          // Each chain once, from its first decision.
          ...q.decisions
            .filter((d) => !d.follows && !d.ratifies)
            .flatMap((d) => chainLines(state, d.ref, '')),
          ...(q.instruments.length > 0 ? ['Instruments:'] : []),
          ...q.instruments.map((i) => `  ${instrumentRow(i, today())}`),
        ]);
        out.value({
          ...(q.dispatch ? { dispatch: dispatchValue(state, q.dispatch) } : {}),
          decisions: q.decisions.map(decisionValue),
          instruments: q.instruments.map((i) => instrumentValue(state, i, today())),
        });
      });
    }),
  );
}
