/** collegium vote open|close|count|casting · ballot */
import { Option } from 'commander';
import type { Command } from 'commander';
import {
  castBallot,
  castingVote,
  closeVote,
  openVote,
  recordCounts,
} from '../../app/proceedings.js';
import type { Ledger } from '../../app/ledger.js';
import { CHOICES } from '../../core/rules/types.js';
import type { Choice } from '../../core/rules/types.js';
import { motionInWords, motionKey, motionPlace, personName } from '../../core/state/index.js';
import type { State } from '../../core/state/index.js';
import { motionLines } from '../format.js';
import { usage } from '../io.js';
import type { Run } from '../main.js';
import { ARGUMENT, dbOption, isWholeNumber, recordingOptions } from '../options.js';
import type { RecordingOptions } from '../options.js';
import { recordProceeding } from './session.js';

export function registerVoteCommands(program: Command, run: Run): void {
  const vote = program.command('vote').description('open, count, and close votes');
  registerVoteOpen(vote, run);
  registerVoteClose(vote, run);
  registerVoteCount(vote, run);
  registerCastingVote(vote, run);
  registerBallot(program, run);
}

/** A motion as the lines of its vote name it, in the session they name already: 'motion 1 ("…")'. */
function motionNamed(state: State, session: string, motion: string): string {
  return motionInWords(state, { session, motion }, false);
}

/** A subcommand of `vote` on one motion of a session, with the options of recording. */
function onMotion(vote: Command, name: string, description: string): Command {
  return vote
    .command(name)
    .argument('<session>', ARGUMENT.session)
    .argument('<motion>', ARGUMENT.motion)
    .description(description);
}

function registerVoteOpen(vote: Command, run: Run): void {
  recordingOptions(onMotion(vote, 'open', 'open the vote: who is present now may vote')).action(
    run(async (out, s: string, m: string, o: RecordingOptions) =>
      recordProceeding(
        out,
        o,
        () => openVote(s, m, o.as),
        (l, i) => [
          `vote on ${motionNamed(l.state, s, m)} open; ${l.state.motions.get(motionKey(s, m))?.presentAtOpen.length ?? 0} present [entry ${i}]`,
        ],
      ),
    ),
  );
}

function registerVoteClose(vote: Command, run: Run): void {
  recordingOptions(
    onMotion(vote, 'close', 'close the vote and record the decision the charter gives'),
  ).action(
    run(async (out, s: string, m: string, o: RecordingOptions) =>
      recordProceeding(
        out,
        o,
        () => closeVote(s, m, o.as ? { actor: o.as } : {}),
        (l) => decisionLines(l, s, m),
      ),
    ),
  );
}

/** The motion closed, numbered by its place in its session, as the protocol numbers it. */
function decisionLines(ledger: Ledger, session: string, motion: string): string[] {
  const key = motionKey(session, motion);
  const closed = ledger.state.motions.get(key);
  return closed ? motionLines(ledger.state, closed, motionPlace(ledger.state, session, key)) : [];
}

function registerVoteCount(vote: Command, run: Run): void {
  const count = recordingOptions(
    onMotion(vote, 'count', 'record a vote as counts only (a show of hands)'),
  );
  for (const c of CHOICES) count.option(`--${c} <n>`, `number ${c}`, parseCount);
  count.option('--for <alternative=n...>', 'for alternatives: votes per alternative').action(
    run(async (out, s: string, m: string, o: RecordingOptions & Record<string, unknown>) => {
      const counts = countsGiven(o);
      await recordProceeding(
        out,
        o,
        () => recordCounts(s, m, counts, o.as),
        (l, i) => [`counts recorded for ${motionNamed(l.state, s, m)} [entry ${i}]`],
      );
    }),
  );
}

/** The counts of --aye, --nay… and of --for ALTERNATIVE=N. */
function countsGiven(o: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of CHOICES) {
    const v = o[camel(c)];
    if (typeof v === 'number') counts[c] = v;
  }
  for (const pair of (o['for'] as string[] | undefined) ?? []) {
    const [alt, n] = pair.split('=');
    if (!alt || n === undefined) usage(`--for ${pair}: write ALTERNATIVE=N`);
    counts[alt] = parseCount(n);
  }
  return counts;
}

function registerCastingVote(vote: Command, run: Run): void {
  recordingOptions(
    onMotion(vote, 'casting', "the chair's casting vote on a tie").argument(
      '<choice>',
      'aye or nay',
    ),
  ).action(
    run(async (out, s: string, m: string, choice: string, o: RecordingOptions) => {
      if (choice !== 'aye' && choice !== 'nay')
        usage(`a casting vote is aye or nay, not '${choice}'`);
      await recordProceeding(
        out,
        o,
        () => castingVote(s, m, choice, o.as),
        (l, i) => [`casting vote ${choice} on ${motionNamed(l.state, s, m)} [entry ${i}]`],
      );
    }),
  );
}

function registerBallot(program: Command, run: Run): void {
  dbOption(
    program
      .command('ballot')
      .argument('<session>', 'the session sitting')
      .argument('<motion>', 'the motion whose vote is open')
      .argument('<voter>', 'the voting member whose ballot it is')
      .argument('<choice>', `${CHOICES.join(' | ')}, or an alternative's id`)
      .description('cast a ballot: the voter casts it, or a proxy holder for them (--by)'),
  )
    .option(
      '--key <file...>',
      'private key file of the voter, or of the proxy holder (env COLLEGIUM_KEY); for one without a key of their own, the body secretary signs',
    )
    // Taken only to say that no one else casts a ballot (an officer's --as is refused).
    .addOption(new Option('--as <person>').hideHelp())
    .option('--by <holder>', 'the proxy holder casting it for the voter')
    .action(
      run(
        async (
          out,
          s: string,
          m: string,
          voter: string,
          choice: string,
          o: RecordingOptions & { by?: string },
        ) => {
          if (o.as !== undefined) {
            usage('a ballot is cast by the voter, or for them by a proxy holder with --by');
          }
          await recordProceeding(
            out,
            o,
            (ledger) =>
              castBallot({
                session: s,
                motion: m,
                voter,
                ...ballotVote(ledger, s, m, choice),
                ...(o.by ? { castBy: o.by } : {}),
              }),
            (l, i) => [
              `ballot of ${personName(l.state, voter)} on ${motionNamed(l.state, s, m)}: ${choice} [entry ${i}]`,
            ],
          );
        },
      ),
    );
}

/** The choice of a ballot: an alternative's id (or abstain) for alternatives, else a choice. */
function ballotVote(
  ledger: Ledger,
  session: string,
  motion: string,
  choice: string,
): { alternative: string | null } | { choice: Choice } {
  return ledger.state.motions.get(motionKey(session, motion))?.alternatives
    ? { alternative: choice === 'abstain' ? null : choice }
    : (CHOICES as readonly string[]).includes(choice)
      ? { choice: choice as Choice }
      : usage(`'${choice}' is not a choice: ${CHOICES.join(', ')}`);
}

/** A count of a show of hands (--aye N, --for oak=N): a whole number, 0 or more. */
function parseCount(value: string): number {
  if (!isWholeNumber(value)) usage(`'${value}' is not a count (a whole number, 0 or more)`);
  return Number(value);
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
