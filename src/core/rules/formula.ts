import { countGiven, countRollCall } from './count.js';
import { choicesInWords, noQuorum, quorumInWords, ruleInWords } from './explain.js';
import {
  CHOICES,
  type CastingVote,
  type Choice,
  type Decision,
  type FormulaVote,
  type MajorityRule,
  type QuorumResult,
  type VotingContext,
} from './types.js';

/** Choices that record a person's not voting: from a candidate they are no vote to refuse. */
const NO_VOTE: ReadonlySet<Choice> = new Set<Choice>(['not-voting', 'declined']);

/** Whether the ayes and nays meet the rule; abstain, not voting and declined are never cast. */
export const MEETS: Record<
  MajorityRule,
  (ayes: number, nays: number, quorum: QuorumResult) => boolean
> = {
  'votes-cast': (ayes, nays) => ayes > nays,
  present: (ayes, _nays, quorum) => 2 * ayes > quorum.presentVoting,
  membership: (ayes, _nays, quorum) => 2 * ayes > quorum.votingMembers,
  'two-thirds': (ayes, nays) => ayes >= 1 && 3 * ayes >= 2 * (ayes + nays),
  'three-quarters': (ayes, nays) => ayes >= 1 && 4 * ayes >= 3 * (ayes + nays),
  unanimous: (ayes, nays) => ayes >= 1 && nays === 0,
};

/**
 * A tie, under every majority rule alike: as many ayes as nays, 0 to 0 included. The chair's
 * casting vote decides a tie where the charter gives one; without it a tie fails.
 */
export function isTie(tally: { readonly aye: number; readonly nay: number }): boolean {
  return tally.aye === tally.nay;
}

/**
 * A casting vote counts only on a tie, only when the charter gives one, and only from a chair who
 * was present when the vote opened (as every ballot must be); otherwise it is flagged.
 */
function admitCasting(
  ctx: VotingContext,
  casting: CastingVote | undefined,
  tie: boolean,
): { casting?: CastingVote; flags: string[] } {
  if (casting === undefined) return { flags: [] };
  const ignored = (why: string) => ({ flags: [`casting vote (${casting}) ignored: ${why}`] });
  if (!ctx.castingVote) return ignored('the charter gives the chair no casting vote');
  if (ctx.chair !== undefined && !ctx.present.includes(ctx.chair))
    return ignored(`the chair ${ctx.chair} was not present when the vote opened`);
  if (!tie) return ignored('the vote is not tied');
  return { casting, flags: [] };
}

/** Decides a yes/no motion under `majority`, from a roll call or from counts. */
export function decideFormula(
  ctx: VotingContext,
  majority: MajorityRule,
  vote: FormulaVote,
): Decision {
  const count =
    vote.mode === 'roll-call'
      ? countRollCall(ctx, CHOICES, vote.ballots, (ballot) => ballot.choice, {
          recordsNoVote: (ballot) => NO_VOTE.has(ballot.choice),
        })
      : countGiven(ctx, CHOICES, vote.counts, 'unknown-choice');
  const { tally, quorum } = count;
  const tie = isTie(tally);
  const { casting, flags } = admitCasting(ctx, vote.casting, tie);
  const base = { quorum, tally, excluded: count.excluded, flags: [...count.flags, ...flags] };

  if (!quorum.met) return { ...base, outcome: 'not-decided', explanation: noQuorum(quorum) };

  const votes = choicesInWords(tally);
  const rule = ruleInWords(majority, quorum);
  const present = quorumInWords(quorum);
  if (tie && casting === undefined) {
    return {
      ...base,
      outcome: 'rejected',
      explanation: `rejected: ${votes}; a tie fails without a casting vote; ${rule} required; ${present}`,
    };
  }
  const ayes = tally.aye + (casting === 'aye' ? 1 : 0);
  const nays = tally.nay + (casting === 'nay' ? 1 : 0);
  const chair = ctx.chair === undefined ? '' : `${ctx.chair}, `;
  const counted = casting
    ? `${votes}, tie broken by the chair's casting vote (${chair}${casting})`
    : votes;
  const castingVote = casting ? { castingVote: casting } : {};
  return MEETS[majority](ayes, nays, quorum)
    ? {
        ...base,
        ...castingVote,
        outcome: 'adopted',
        explanation: `adopted: ${counted}, ${rule}; ${present}`,
      }
    : {
        ...base,
        ...castingVote,
        outcome: 'rejected',
        explanation: `rejected: ${counted}; ${rule} required; ${present}`,
      };
}
