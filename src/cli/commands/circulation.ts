/** collegium circulate · answer · confirm · dispute · withdraw · close-circulation */
import { Option } from 'commander';
import type { Command } from 'commander';
import {
  answerCirculation,
  closeCirculation,
  confirmAnswer,
  putCirculation,
  withdrawCirculation,
} from '../../app/circulations.js';
import { minutesRefOf } from '../../app/minutes.js';
import { parseDecisionRef } from '../../app/registers.js';
import { defaultOfficer } from '../../app/proceedings.js';
import type { Ledger } from '../../app/ledger.js';
import { CHANNELS } from '../../core/acts.js';
import type { Channel } from '../../core/acts.js';
import { MAJORITY_RULES } from '../../core/charter/schema.js';
import type { CirculationRuleFile, QuorumFile } from '../../core/charter/schema.js';
import { ANSWER_CHOICES } from '../../core/rules/index.js';
import type { AnswerChoice, MajorityRule } from '../../core/rules/index.js';
import { latestDeadline } from '../../core/state/bounds.js';
import {
  circulationInWords,
  circulationOf,
  circulationRuleWords,
  explanationNamed,
  hasKey,
  personName,
} from '../../core/state/index.js';
import { timeInWords } from '../../core/minutes/words.js';
import { channelInWords } from '../../core/words.js';
import { ownPerson, recordAct } from '../context.js';
import { capitalized, ratificationWords } from '../format-decisions.js';
import { askedInWords } from '../format-circulations.js';
import { usage } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import {
  ARGUMENT,
  listOf,
  MOMENT_FORMS,
  parseMoment,
  parseTime,
  recordingOptions,
} from '../options.js';
import type { RecordingOptions } from '../options.js';

export function registerCirculationCommands(program: Command, run: Run): void {
  registerCirculate(program, run);
  registerAnswer(program, run);
  registerOwnWord(program, run, 'confirm');
  registerOwnWord(program, run, 'dispute');
  registerWithdraw(program, run);
  registerClose(program, run);
}

type CirculateOptions = RecordingOptions & {
  deadline: string;
  to?: string;
  rule?: string;
  dispatch?: string;
  power?: string;
  atHand?: string;
  follows?: string;
  id?: string;
  approvesMinutes?: string;
};

/**
 * The deadline `--deadline` gives, from `now`: one further than the record takes (a year after the
 * question is put) is a mistyped option, refused before anything is signed.
 */
function deadlineWithin(text: string, now: Date): string {
  const deadline = parseMoment(text, now, '--deadline');
  const latest = latestDeadline(now.toISOString());
  if (deadline > latest)
    usage(
      `--deadline ${text}: ${timeInWords(deadline)} is more than a year ahead: a question takes answers for a year at most, until ${timeInWords(latest)}`,
    );
  return deadline;
}

function registerCirculate(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('circulate')
      .argument('<body>', 'the body whose question it is')
      .argument('<text>', 'the question, as it is put')
      .description(
        'put a question outside a session, answered in writing by a deadline: to every voting member (written consent) or to named members (a consultation)',
      ),
    'private key file of the officer who puts it',
    'the officer (or member, where the charter allows) who puts it (default: the body secretary, else its chair)',
  )
    .requiredOption('--deadline <when>', `answers are taken until then: ${MOMENT_FORMS}`)
    .option(
      '--to <members>',
      'named members, comma-separated (a consultation); default: every voting member',
    )
    .option(
      '--rule <rule>',
      "its own rule: unanimous, or majority:RULE[,quorum:N|majority|FRACTION] (default: the body's circulation rule; without one, the answers are advice)",
    )
    .option('--dispatch <id>', 'the dispatch it answers')
    .option('--power <power>', 'the delegated power it is decided under')
    .option(
      '--at-hand <members>',
      "members of the parent at hand, comma-separated: a body that must draw in its parent's members asks each of them (their answers heard, not counted)",
    )
    .option('--follows <ref>', 'the decision it continues: SESSION/MOTION or a circulation id')
    .option('--id <id>', 'the circulation id (default: BODY-DATE, numbered when taken)')
    .option(
      '--approves-minutes <session>',
      'the closed session whose minutes it approves, over their content as the record holds them',
    )
    .action(
      run(async (out, body: string, text: string, o: CirculateOptions) => {
        const request = {
          body,
          text,
          deadline: deadlineWithin(o.deadline, new Date()),
          ...(o.to !== undefined ? { to: listOf('--to', o.to, 'members') } : {}),
          ...(o.rule !== undefined ? { rule: parseRule(o.rule) } : {}),
          ...(o.dispatch !== undefined ? { dispatch: o.dispatch } : {}),
          ...(o.power !== undefined ? { power: o.power } : {}),
          ...(o.atHand !== undefined ? { atHand: listOf('--at-hand', o.atHand, 'members') } : {}),
          ...(o.follows !== undefined ? { follows: parseDecisionRef(o.follows) } : {}),
          ...(o.id !== undefined ? { circulation: o.id } : {}),
        };
        await recordAct(
          o,
          (ledger) =>
            putCirculation(
              o.approvesMinutes === undefined
                ? request
                : { ...request, approves: minutesRefOf(ledger.state, o.approvesMinutes) },
              o.as,
            ),
          (entry, ledger) => {
            const c = [...ledger.state.circulations.values()].find(
              (x) => x.openedAt === entry.index,
            )!;
            out.lines([
              `circulation ${c.id} put to ${askedInWords(ledger.state, c)} until ${timeInWords(c.deadline)} [entry ${entry.index}]`,
              `  rule: ${circulationRuleWords(c)}`,
            ]);
            out.value({ entry: entry.index, circulation: c.id, deadline: c.deadline });
          },
        );
      }),
    );
}

/** `unanimous`, or `majority:RULE` with `,quorum:N` (a count), `majority` or a fraction. */
function parseRule(text: string): CirculationRuleFile {
  if (text === 'unanimous') return 'unanimous';
  const [head = '', ...rest] = text.split(',');
  const majority = /^majority:(.+)$/.exec(head)?.[1] ?? '';
  if (!(MAJORITY_RULES as readonly string[]).includes(majority))
    usage(
      `--rule ${text}: give unanimous, or majority:RULE (RULE one of ${MAJORITY_RULES.join(', ')}), optionally with ,quorum:N`,
    );
  const rule = { majority: majority as MajorityRule };
  if (rest.length === 0) return rule;
  const quorum = rest.length === 1 ? parseQuorum(/^quorum:(.+)$/.exec(rest[0]!)?.[1]) : undefined;
  return quorum
    ? { ...rule, quorum }
    : usage(
        `--rule ${text}: a quorum is quorum:N (answers), quorum:majority or quorum:FRACTION (as 0.5)`,
      );
}

function parseQuorum(text: string | undefined): QuorumFile | undefined {
  if (text === 'majority') return 'majority';
  if (text !== undefined && /^[1-9]\d*$/.test(text)) return { count: Number(text) };
  if (text !== undefined && /^0?\.\d*[1-9]\d*$/.test(text)) return { fraction: Number(text) };
  return undefined;
}

type AnswerOptions = RecordingOptions & {
  comment?: string;
  for?: string;
  channel?: Channel;
  at?: string;
};

function registerAnswer(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('answer')
      .argument('<circulation>', ARGUMENT.circulation)
      .argument('<choice>', ANSWER_CHOICES.join(' | '))
      .description(
        "answer a circulation: as the member, with their own key; or, with --for, an officer records a member's answer and how it came, which the member may then confirm or dispute",
      ),
    'private key file of the member who answers, or of the officer who records it',
    'the member who answers (default: the owner of the --key); with --for, the officer who records it (default: the body secretary)',
  )
    .option('--comment <text>', 'a comment on the answer')
    .option('--for <member>', "record this member's answer, as an officer")
    .addOption(
      new Option('--channel <channel>', 'with --for: how the answer came').choices(CHANNELS),
    )
    .option('--at <time>', 'with --for: when the member answered, if earlier than now')
    .action(
      run(async (out, circulation: string, choice: string, o: AnswerOptions) => {
        if (!(ANSWER_CHOICES as readonly string[]).includes(choice))
          usage(`'${choice}' is not an answer: ${ANSWER_CHOICES.join(', ')}`);
        if (o.for === undefined && (o.channel !== undefined || o.at !== undefined))
          usage('--channel and --at go with --for, when an officer records an answer');
        if (o.for !== undefined && o.channel === undefined)
          usage(`--for ${o.for}: say how the answer came with --channel (${CHANNELS.join(', ')})`);
        const at = o.at === undefined ? undefined : parseTime(o.at, '--at');
        let member = o.for ?? '';
        await recordAct(
          o,
          (ledger) => {
            member = o.for ?? ownMember(ledger, o, 'answers');
            const recorder =
              o.for === undefined
                ? undefined
                : (o.as ?? defaultOfficer(circulationOf(ledger.state, circulation).bodyAtOpen));
            return answerCirculation({
              circulation,
              member,
              choice: choice as AnswerChoice,
              ...(o.comment !== undefined ? { comment: o.comment } : {}),
              ...(recorder !== undefined
                ? { recorder, channel: o.channel!, ...(at ? { at } : {}) }
                : {}),
            });
          },
          (entry, ledger) => {
            // A member with a key of their own may confirm or dispute what was recorded for them.
            const name = personName(ledger.state, member);
            const recorded =
              o.for === undefined
                ? ''
                : ` (${channelInWords(o.channel!)}${hasKey(ledger.state, member) ? `; ${name} may confirm or dispute it` : ''})`;
            const line = `answer of ${name} to ${circulationInWords(ledger.state, circulation)}: ${choice}${recorded}`;
            reportWord(out, ledger, circulation, entry.index, line);
          },
        );
      }),
    );
}

/** The member who answers, confirms or disputes for themself, with a key of their own. */
function ownMember(ledger: Ledger, o: RecordingOptions, verb: string): string {
  return ownPerson(
    ledger,
    o,
    `who ${verb}? give --as MEMBER with their --key (or the key alone)`,
    (member) =>
      verb === 'answers'
        ? `${member} has no key of their own: an officer records their answer (collegium answer CIRCULATION CHOICE --for ${member} --channel …)`
        : `${member} has no key of their own: only a member who signs with their own key ${verb} an answer recorded for them`,
  );
}

/**
 * Reports an answer, confirmation or dispute by `line`, and the close it brought about when the
 * circulation's outcome could no longer change after it.
 */
function reportWord(out: Output, ledger: Ledger, circulation: string, index: number, line: string) {
  const c = ledger.state.circulations.get(circulation);
  const closed = c?.status === 'closed' && (c.closedAt ?? -1) > index ? c : undefined;
  out.lines([
    `${line} [entry ${index}]`,
    ...(closed ? decisionLines(ledger, circulation, 'its outcome can no longer change') : []),
  ]);
  out.value({
    entry: index,
    ...(closed ? { closed: { entry: closed.closedAt, decision: closed.decision } } : {}),
  });
}

/** A closed circulation's decision, and where it stands if it must be ratified. */
function decisionLines(ledger: Ledger, circulation: string, why: string): string[] {
  const c = circulationOf(ledger.state, circulation);
  return [
    `${circulationInWords(ledger.state, c.id)} closed, ${why}: ${explanationNamed(ledger.state, c.decision?.explanation ?? '')} [entry ${c.closedAt}]`,
    ...(c.ratification
      ? [`  ${capitalized(ratificationWords(ledger.state, c.ratification))}.`]
      : []),
  ];
}

/** confirm and dispute: the member's own word on an answer an officer recorded for them. */
function registerOwnWord(program: Command, run: Run, verb: 'confirm' | 'dispute'): void {
  const command = recordingOptions(
    program
      .command(verb)
      .argument('<circulation>', ARGUMENT.circulation)
      .description(
        verb === 'confirm'
          ? 'confirm, with your own key, the answer an officer recorded for you'
          : 'dispute, with your own key, the answer an officer recorded for you: it no longer counts, and you may answer again',
      ),
    'private key file of the member',
    'the member (default: the owner of the --key)',
  );
  if (verb === 'dispute') command.requiredOption('--reason <text>', 'what is wrong with it');
  command.action(
    run(async (out, circulation: string, o: RecordingOptions & { reason?: string }) => {
      let member = '';
      await recordAct(
        o,
        (ledger) => {
          member = ownMember(ledger, o, verb + 's');
          return confirmAnswer(circulation, member, o.reason);
        },
        (entry, ledger) =>
          reportWord(
            out,
            ledger,
            circulation,
            entry.index,
            `${personName(ledger.state, member)} ${verb}s the answer recorded for them to ${circulationInWords(ledger.state, circulation)}`,
          ),
      );
    }),
  );
}

function registerWithdraw(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('withdraw')
      .argument('<circulation>', ARGUMENT.circulation)
      .description('withdraw an open circulation: by whoever put it, or an officer'),
  )
    .option('--reason <text>', 'why it is withdrawn')
    .action(
      run(async (out, circulation: string, o: RecordingOptions & { reason?: string }) => {
        await recordAct(
          o,
          () => withdrawCirculation(circulation, o.as, o.reason),
          (entry, ledger) => {
            out.lines([
              `${circulationInWords(ledger.state, circulation)} withdrawn [entry ${entry.index}]`,
            ]);
            out.value({ entry: entry.index });
          },
        );
      }),
    );
}

function registerClose(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('close-circulation')
      .argument('<circulation>', ARGUMENT.circulation)
      .description(
        'close a circulation with the outcome its rule gives: before its deadline once the outcome can no longer change (by an officer); at or after it, as the organization',
      ),
  ).action(
    run(async (out, circulation: string, o: RecordingOptions) => {
      let due = false;
      await recordAct(
        o,
        (ledger) => {
          due = circulationOf(ledger.state, circulation).deadline <= new Date().toISOString();
          return closeCirculation(circulation, {
            ...(o.as !== undefined ? { actor: o.as } : due ? { actor: null } : {}),
          });
        },
        (entry, ledger) => reportClose(out, ledger, circulation, entry.index, due),
      );
    }),
  );
}

function reportClose(
  out: Output,
  ledger: Ledger,
  circulation: string,
  index: number,
  due: boolean,
): void {
  const why = due ? 'its deadline has passed' : 'its outcome can no longer change';
  out.lines(decisionLines(ledger, circulation, why));
  out.value({ entry: index, decision: circulationOf(ledger.state, circulation).decision });
}
