/** collegium dispatch register|refer|close|list|show: the register of incoming requests. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { ATTACHMENT_LIMIT_HELP, maxAttachmentBytes } from '../../app/attachments.js';
import { numbered, plural } from '../../core/words.js';
import { closeDispatch, referDispatch, registerDispatch } from '../../app/dispatches.js';
import { dispatchRegister } from '../../app/registers.js';
import { CHANNELS } from '../../core/acts.js';
import type { Channel } from '../../core/acts.js';
import { bodyName, dispatchInWords, personName } from '../../core/state/index.js';
import { readingLedger, recordAct } from '../context.js';
import type { RecordOptions } from '../context.js';
import { dispatchLines, dispatchRow } from '../format-dispatches.js';
import { notFound, usage } from '../io.js';
import { readAttachOption } from '../attachment-files.js';
import type { Run } from '../main.js';
import {
  ARGUMENT,
  checkDate,
  dbOption,
  filterOf,
  filterOptions,
  listOf,
  recordingOptions,
} from '../options.js';
import type { FilterOptions, RecordingOptions } from '../options.js';
import { dispatchValue } from '../values.js';

export function registerDispatchCommands(program: Command, run: Run): void {
  const dispatch = program
    .command('dispatch')
    .description('the register of dispatches: incoming letters, telegrams, wires and calls');
  registerRegister(dispatch, run);
  registerRefer(dispatch, run);
  registerClose(dispatch, run);
  registerList(dispatch, run);
  registerShow(dispatch, run);
}

type RegisterOptions = RecordingOptions & {
  from: string;
  channel: Channel;
  received: string;
  text: string;
  number?: string;
  attach?: string[];
  id?: string;
};

function registerRegister(dispatch: Command, run: Run): void {
  recordingOptions(
    dispatch
      .command('register')
      .argument('<body>', 'the body whose register it enters')
      .description('enter an incoming request in the register, with its number'),
    'private key file of the officer who registers it',
    'the officer who registers it (default: the body secretary, else its chair)',
  )
    .requiredOption('--from <sender>', 'who sent it')
    .addOption(
      new Option('--channel <channel>', 'how it came').choices(CHANNELS).makeOptionMandatory(),
    )
    .requiredOption('--received <date>', 'when it was received (2026-12-01, or a date-time)')
    .requiredOption('--text <text>', 'what it says')
    .option('--number <n>', 'the number it carries (default: the next of the register, YEAR/N)')
    .option('--attach <file...>', `files to keep with it by their hash (${ATTACHMENT_LIMIT_HELP})`)
    .option('--id <id>', 'the dispatch id (default: BODY-NUMBER)')
    .action(
      run(async (out, body: string, o: RegisterOptions) => {
        checkDate('--received', o.received);
        const maxBytes = maxAttachmentBytes();
        const files = readAttachOption(o.attach, maxBytes);
        const request = {
          body,
          from: o.from,
          channel: o.channel,
          received: o.received,
          text: o.text,
          ...(o.number !== undefined ? { number: o.number } : {}),
          ...(o.id !== undefined ? { dispatch: o.id } : {}),
        };
        await recordAct(
          o,
          () => registerDispatch(request, { ...(o.as ? { actor: o.as } : {}), files, maxBytes }),
          (entry, ledger) => {
            const d = [...ledger.state.dispatches.values()].find(
              (x) => x.registeredAt === entry.index,
            )!;
            out.lines([
              `dispatch ${d.id} registered as ${numbered(d.number)} of ${bodyName(ledger.state, d.body)} [entry ${entry.index}]`,
              ...d.attachments.map(
                (a) => `  attached ${a.name}: ${plural(a.size, 'byte')}, sha256 ${a.hash}`,
              ),
            ]);
            out.value({
              entry: entry.index,
              dispatch: d.id,
              number: d.number,
              attachments: d.attachments,
            });
          },
        );
      }),
    );
}

function registerRefer(dispatch: Command, run: Run): void {
  recordingOptions(
    dispatch
      .command('refer')
      .argument('<dispatch>', ARGUMENT.dispatch)
      .description('refer a dispatch by an inscription, to people, to a body, or both'),
  )
    .requiredOption('--inscription <text>', 'the inscription, as written on it')
    .option('--to <people>', 'the people it is referred to, comma-separated')
    .option('--body <body>', 'the body it is referred to')
    .action(
      run(
        async (
          out,
          id: string,
          o: RecordingOptions & { inscription: string; to?: string; body?: string },
        ) => {
          if (o.to === undefined && o.body === undefined)
            usage('a referral is to people (--to), to a body (--body), or both');
          const referral = {
            inscription: o.inscription,
            ...(o.to !== undefined ? { people: listOf('--to', o.to, 'people') } : {}),
            ...(o.body !== undefined ? { body: o.body } : {}),
          };
          await recordAct(
            o,
            () => referDispatch(id, referral, o.as),
            (entry, { state }) => {
              const to = [
                ...(referral.people ?? []).map((p) => personName(state, p)),
                ...(o.body ? [bodyName(state, o.body)] : []),
              ].join(', ');
              out.lines([`${dispatchInWords(state, id)} referred to ${to} [entry ${entry.index}]`]);
              out.value({ entry: entry.index });
            },
          );
        },
      ),
    );
}

function registerClose(dispatch: Command, run: Run): void {
  recordingOptions(
    dispatch
      .command('close')
      .argument('<dispatch>', ARGUMENT.dispatch)
      .description('close a dispatch that needs nothing more: answered, or set aside'),
  )
    .requiredOption('--reason <text>', 'why it is closed')
    .action(
      run(async (out, id: string, o: RecordingOptions & { reason: string }) => {
        await recordAct(
          o,
          () => closeDispatch(id, o.reason, o.as),
          (entry, { state }) => {
            out.lines([`${dispatchInWords(state, id)} closed [entry ${entry.index}]`]);
            out.value({ entry: entry.index });
          },
        );
      }),
    );
}

function registerList(dispatch: Command, run: Run): void {
  filterOptions(
    dbOption(
      dispatch.command('list').description('the register of dispatches, filtered and searched'),
    ),
  )
    .addOption(
      new Option('--state <state>', 'open is any not closed').choices([
        'open',
        'registered',
        'referred',
        'closed',
      ]),
    )
    .action(
      run(
        async (
          out,
          o: FilterOptions & { state?: 'open' | 'registered' | 'referred' | 'closed' },
        ) => {
          await readingLedger(o, async (ledger) => {
            const found = dispatchRegister(ledger.state, {
              ...filterOf(o),
              ...(o.state ? { state: o.state } : {}),
            });
            out.lines(found.length > 0 ? found.map(dispatchRow) : ['no dispatch']);
            out.value(found.map((d) => dispatchValue(ledger.state, d)));
          });
        },
      ),
    );
}

function registerShow(dispatch: Command, run: Run): void {
  dbOption(
    dispatch
      .command('show')
      .argument('<dispatch>', ARGUMENT.dispatch)
      .description('one dispatch in full'),
  ).action(
    run(async (out, id: string, o: RecordOptions) => {
      await readingLedger(o, async (ledger) => {
        const d = ledger.state.dispatches.get(id) ?? notFound(`dispatch '${id}'`);
        out.lines(dispatchLines(ledger.state, d));
        out.value(dispatchValue(ledger.state, d));
      });
    }),
  );
}
