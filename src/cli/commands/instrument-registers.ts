/** collegium instrument show · instrument queue · instruments: reading the register of instruments. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { instrumentRegister } from '../../app/registers.js';
import type { InstrumentFilter } from '../../app/registers.js';
import {
  awaitingSignature,
  awaitingTurn,
  INSTRUMENT_STATUSES,
  personName,
} from '../../core/state/index.js';
import type { InstrumentStatus } from '../../core/state/index.js';
import { readingLedger } from '../context.js';
import type { RecordOptions } from '../context.js';
import {
  instrumentLines,
  instrumentRow,
  queueLines,
  today,
  turnLines,
} from '../format-instruments.js';
import { notFound } from '../io.js';
import type { Run } from '../main.js';
import { ARGUMENT, dbOption, filterOf, filterOptions, withExamples } from '../options.js';
import type { FilterOptions } from '../options.js';
import { instrumentValue } from '../values.js';

export function registerInstrumentRegisters(program: Command, instrument: Command, run: Run): void {
  registerShow(instrument, run);
  registerQueue(instrument, run);
  registerRegister(program, run);
}

function registerShow(instrument: Command, run: Run): void {
  const command = dbOption(
    instrument
      .command('show')
      .argument('<instrument>', ARGUMENT.instrument)
      .description(
        'one instrument as the document reads, with its signatures in order, its signing rule and whether it is met, its life since, and its content hash',
      ),
  );
  withExamples(command, [
    'collegium instrument show politburo-1918-1',
    'collegium --json instrument show politburo-1918-1',
  ]).action(
    run(async (out, id: string, o: RecordOptions) => {
      await readingLedger(o, async (ledger) => {
        const i = ledger.state.instruments.get(id) ?? notFound(`instrument '${id}'`);
        out.lines(instrumentLines(ledger.state, i, today()));
        out.value(instrumentValue(ledger.state, i, today()));
      });
    }),
  );
}

function registerQueue(instrument: Command, run: Run): void {
  const command = dbOption(
    instrument
      .command('queue')
      .description(
        "what awaits a person's signature now, oldest first; for a rule in the order listed, who is listed before them and has not signed yet, and what they sign next once others have (--json: {instruments, nextInOrder})",
      ),
  ).requiredOption('--as <person>', 'whose signature');
  withExamples(command, ['collegium instrument queue --as stalin']).action(
    run(async (out, o: RecordOptions & { as: string }) => {
      await readingLedger(o, async (ledger) => {
        const state = ledger.state;
        if (!state.charter?.people.has(o.as)) notFound(`person '${o.as}'`);
        const now = new Date().toISOString();
        const waiting = awaitingSignature(state, o.as, now);
        const turns = awaitingTurn(state, o.as, now);
        out.lines([
          ...(waiting.length > 0
            ? waiting.flatMap((i) => queueLines(state, i, o.as))
            : [`nothing awaits the signature of ${personName(state, o.as)}`]),
          ...turnLines(state, turns, o.as),
        ]);
        // What the text tells as "next, in the order listed" is told in the JSON too.
        out.value({
          instruments: waiting.map((i) => instrumentValue(state, i, today())),
          nextInOrder: turns.map(({ instrument, after }) => ({
            instrument: instrumentValue(state, instrument, today()),
            after: { count: after.count, of: after.of },
          })),
        });
      });
    }),
  );
}

type RegisterOptions = FilterOptions & {
  kind?: string;
  state?: InstrumentStatus;
  question?: string;
};

function registerRegister(program: Command, run: Run): void {
  const command = filterOptions(
    dbOption(
      program
        .command('instruments')
        .description('the register of instruments, filtered and searched, in the order drafted'),
    ),
  )
    .option('--kind <kind>', 'of this kind only (directive, mandate, receipt, ...)')
    .addOption(new Option('--state <state>', 'where they stand').choices(INSTRUMENT_STATUSES))
    .option(
      '--question <name>',
      'only those on this question: a dispatch id, a circulation id, or SESSION/MOTION',
    );
  withExamples(command, [
    'collegium instruments --body board --kind mandate --state issued',
    'collegium instruments --question board-2026-1',
    'collegium instruments --search boiler',
  ]).action(
    run(async (out, o: RegisterOptions) => {
      await readingLedger(o, async (ledger) => {
        const filter: InstrumentFilter = {
          ...filterOf(o),
          ...(o.kind !== undefined ? { kind: o.kind } : {}),
          ...(o.state !== undefined ? { state: o.state } : {}),
          ...(o.question !== undefined ? { question: o.question } : {}),
        };
        const found = instrumentRegister(ledger.state, filter);
        out.lines(
          found.length > 0 ? found.map((i) => instrumentRow(i, today())) : ['no instrument'],
        );
        out.value(found.map((i) => instrumentValue(ledger.state, i, today())));
      });
    }),
  );
}
