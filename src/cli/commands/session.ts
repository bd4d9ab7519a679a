/** collegium session open|close · arrive · depart · motion */
import { Option } from 'commander';
import type { Command } from 'commander';
import { minutesRefOf, motionUnderItem } from '../../app/minutes.js';
import { attendance, closeSession, openSession, proposeMotion } from '../../app/proceedings.js';
import { parseDecisionRef, provisionalRegister } from '../../app/registers.js';
import type { DraftSource, Ledger } from '../../app/ledger.js';
import { CHARTER_FILE, parseCharter } from '../../core/charter/index.js';
import type { Acts } from '../../core/acts.js';
import { bodyName, personName, sessionInWords } from '../../core/state/index.js';
import type { DecisionView, State } from '../../core/state/index.js';
import { appendActs, recordAct, withLedger } from '../context.js';
import { decisionRow } from '../format-decisions.js';
import { loaded, readBytes, usage } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import { ARGUMENT, checkDate, listOf, recordingOptions } from '../options.js';
import type { RecordingOptions } from '../options.js';
import { decisionValue } from '../values.js';
import { registerNoticeCommands } from './minutes-acts.js';

export function registerSessionCommands(program: Command, run: Run): void {
  const session = program.command('session').description('open and close sessions');
  registerSessionOpen(session, run);
  registerSessionClose(session, run);
  registerNoticeCommands(session, run);
  for (const kind of ['arrive', 'depart'] as const) registerAttendance(program, run, kind);
  registerMotion(program, run);
}

/**
 * Records one act of the proceedings and reports it: `done` gives the lines, from the ledger
 * once the act is recorded and the entry's index; --json gives the entry and its leaf hash.
 */
export async function recordProceeding(
  out: Output,
  options: RecordingOptions,
  make: (ledger: Ledger) => DraftSource,
  done: (ledger: Ledger, index: number) => string[],
): Promise<void> {
  await recordAct(options, make, (entry, ledger) => {
    out.lines(done(ledger, entry.index));
    out.value({ entry: entry.index, leafHash: Buffer.from(entry.leafHash).toString('hex') });
  });
}

type SessionOpenOptions = RecordingOptions & {
  body: string;
  title?: string;
  date?: string;
  place?: string;
  chair?: string;
  atHand?: string;
  minutes?: boolean;
};

function registerSessionOpen(session: Command, run: Run): void {
  recordingOptions(
    session
      .command('open')
      .argument('<id>', 'a new session id')
      .description('open a session of a body'),
  )
    .requiredOption('--body <body>', 'the body that meets')
    .option('--title <text>', 'its title, as the minutes head it')
    .option(
      '--date <yyyy-mm-dd>',
      'the day it meets: live, today (the default); with --minutes, the day the minutes give',
    )
    .option('--place <text>', 'where it meets')
    .option('--chair <person>', 'who chairs this session')
    .option(
      '--at-hand <members>',
      "members of the parent at hand, comma-separated: a body that must draw in its parent's members votes only once each of them is present (their votes heard, not counted)",
    )
    .addOption(
      new Option(
        '--minutes',
        'transcribe from minutes: record what happened, flag what breaks a rule',
      ),
    )
    .action(
      run(async (out, id: string, o: SessionOpenOptions) => {
        // Live, the day it meets is the calendar's; minutes may give theirs in words.
        if (o.date !== undefined && !o.minutes) checkDate('--date', o.date);
        const input = {
          session: id,
          body: o.body,
          mode: o.minutes ? ('minutes' as const) : ('live' as const),
          ...pick(o, ['title', 'date', 'place', 'chair']),
          ...(o.atHand !== undefined ? { atHand: listOf('--at-hand', o.atHand, 'members') } : {}),
        };
        await recordAct(
          o,
          () => openSession(input, o.as),
          (entry, ledger) => {
            const agenda = provisionalRegister(ledger.state, { body: o.body });
            out.lines([
              `session ${id} of ${bodyName(ledger.state, o.body)} opened [entry ${entry.index}]`,
              ...agendaLines(ledger.state, agenda),
            ]);
            out.value({
              entry: entry.index,
              leafHash: Buffer.from(entry.leafHash).toString('hex'),
              awaitingRatification: agenda.map(decisionValue),
            });
          },
        );
      }),
    );
}

/** The provisional decisions a session may ratify: its agenda of ratifications. */
function agendaLines(state: State, agenda: readonly DecisionView[]): string[] {
  if (agenda.length === 0) return [];
  return [
    `Awaiting ratification by this body (${agenda.length}): put each with collegium ratify REF --session ID`,
    ...agenda.map((d) => `  ${decisionRow(state, d)}`),
  ];
}

function registerSessionClose(session: Command, run: Run): void {
  recordingOptions(
    session.command('close').argument('<id>', ARGUMENT.session).description('close a session'),
  ).action(
    run(async (out, id: string, o: RecordingOptions) =>
      recordProceeding(
        out,
        o,
        () => closeSession(id, o.as),
        (l, i) => [`${sessionInWords(l.state, id)} closed [entry ${i}]`],
      ),
    ),
  );
}

/** arrive and depart: several people at once, one entry each, in one transaction. */
function registerAttendance(program: Command, run: Run, kind: 'arrive' | 'depart'): void {
  recordingOptions(
    program
      .command(kind)
      .argument('<session>', ARGUMENT.session)
      .argument('<person...>', ARGUMENT.people)
      .description(
        kind === 'arrive' ? 'record arrivals (check in)' : 'record departures (check out)',
      ),
    'private key file(s) of the people named, or of the officer who records it',
    'an officer who records it for them (default: each person named, with their own --key; for one without a key of their own, the body secretary signs)',
  ).action(
    run(async (out, sessionId: string, people: string[], o: RecordingOptions) => {
      await withLedger(o, async (ledger) => {
        const entries = await appendActs(
          ledger,
          people.map((p) => attendance(kind, sessionId, p, o.as)),
        );
        const present = ledger.state.sessions.get(sessionId)?.present.size ?? 0;
        out.lines([
          `${people.map((p) => personName(ledger.state, p)).join(', ')} ${kind === 'arrive' ? 'arrived' : 'left'}; ${present} present [${entries.length === 1 ? 'entry' : 'entries'} ${entries.map((e) => e.index).join(', ')}]`,
        ]);
        out.value({ entries: entries.map((e) => e.index), present });
      });
    }),
  );
}

type MotionOptions = RecordingOptions & {
  text?: string;
  item?: string;
  approvesMinutes?: string;
  proposer?: string;
  kind?: string;
  power?: string;
  alternatives?: string;
  method?: 'plurality' | 'absolute';
  amends?: string;
  invites?: string;
  ratifies?: string;
  follows?: string;
  dispatch?: string;
};

/** The charter file a motion carries as amended, read and checked as `charter check` does. */
function amendedCharterJson(file: string): Record<string, unknown> {
  return loaded(file, parseCharter(readBytes(file, CHARTER_FILE))).json as Record<string, unknown>;
}

function registerMotion(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('motion')
      .argument('<session>', ARGUMENT.session)
      .argument('<id>', 'a motion id, new in this session')
      .description('put a motion before a session'),
    'private key file of the proposer, or of the officer who puts it',
    'an officer who puts it for the proposer (default: the --proposer, with their own --key, the body secretary signing for one without a key; with no proposer, the body secretary, else its chair)',
  )
    .option('--text <text>', 'the wording (default: the motion its agenda item drafts)')
    .option(
      '--item <item>',
      "the agenda item it is put under: takes up the item's drafted motion, which the options given here override",
    )
    .option(
      '--approves-minutes <session>',
      'the closed session whose minutes it approves, over their content as the record holds them',
    )
    .option('--proposer <person>', 'who moves it')
    .option('--kind <kind>', 'a motion kind of the charter (its own majority or quorum)')
    .option('--power <power>', 'the delegated power it is decided under')
    .option('--alternatives <ids>', 'several alternatives, comma-separated, instead of one formula')
    .addOption(
      new Option('--method <method>', 'for alternatives').choices(['plurality', 'absolute']),
    )
    .option(
      '--amends <file>',
      'the whole charter as amended (a charter file): in force once the motion is adopted',
    )
    .option(
      '--invites <person>',
      'the body re-invites this person to enrol a key (where no officer holds one to invite them)',
    )
    .option(
      '--ratifies <ref>',
      'the provisional decision it ratifies: a circulation id or SESSION/MOTION',
    )
    .option('--follows <ref>', 'the decision it continues: a circulation id or SESSION/MOTION')
    .option('--dispatch <id>', 'the dispatch it answers')
    .action(
      run(async (out, sessionId: string, id: string, o: MotionOptions) => {
        const given = {
          session: sessionId,
          motion: id,
          ...pick(o, ['text', 'proposer', 'kind', 'power', 'invites', 'dispatch']),
          ...(o.ratifies !== undefined ? { ratifies: parseDecisionRef(o.ratifies) } : {}),
          ...(o.follows !== undefined ? { follows: parseDecisionRef(o.follows) } : {}),
          ...(o.amends !== undefined ? { amends: amendedCharterJson(o.amends) } : {}),
          ...(o.alternatives !== undefined
            ? {
                alternatives: listOf('--alternatives', o.alternatives, 'alternatives'),
                method: o.method ?? 'plurality',
              }
            : {}),
        };
        await recordProceeding(
          out,
          o,
          (ledger) => proposeMotion(motionInput(ledger.state, given, o), o.as),
          (_, i) => [
            `motion ${id} put${o.amends !== undefined ? ', carrying the charter as amended' : ''} [entry ${i}]`,
          ],
        );
      }),
    );
}

/**
 * The motion as put: the options given, over what its agenda item drafts, with the minutes it
 * approves over their content now.
 */
function motionInput(
  state: State,
  given: Omit<Acts['motion.propose'], 'text'> & { text?: string },
  o: MotionOptions,
): Acts['motion.propose'] {
  const own = {
    ...given,
    ...(o.approvesMinutes !== undefined
      ? { approves: minutesRefOf(state, o.approvesMinutes) }
      : {}),
  };
  const input = o.item === undefined ? own : motionUnderItem(state, given.session, o.item, own);
  if (input.text === undefined)
    usage(
      o.item === undefined
        ? 'give the wording with --text, or --item for an agenda item that drafts a motion'
        : `agenda item '${o.item}' drafts no motion: give the wording with --text`,
    );
  return input as Acts['motion.propose'];
}

/** The options among `keys` that were given. */
function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(
    keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]),
  ) as Partial<Pick<T, K>>;
}
