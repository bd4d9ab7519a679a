import { countGiven, countRollCall } from './count.js';
import { choicesInWords, noQuorum, quorumInWords, ruleInWords } from './explain.js';
import {
  CHOICES,
  type CastingVote,
  type Decision,
  type FormulaVote,
  type MajorityRule,
  type QuorumResult,
  type VotingContext,
} from './types.js';

/** Whether the ayes and nays meet the rule; abstain, not voting and declined are never cast. */
const MEETS: Record<MajorityRule, (ayes: number, nays: number, quorum: QuorumResult) => boolean> = {
  'votes-cast': (ayes, nays) => ayes > nays,
  present: (ayes, _nays, quorum) => 2 * ayes > quorum.presentVoting,
  membership: (ayes, _nays, quorum) => 2 * ayes > quorum.votingMembers,
  'two-thirds': (ayes, nays) => ayes >= 1 && 3 * ayes >= 2 * (ayes + nays),
  'three-quarters': (ayes, nays) => ayes >= 1 && 4 * ayes >= 3 * (ayes + nays),
  unanimous: (ayes, nays) => ayes >= 1 && nays === 0,
};

/** A casting vote counts only on a tie and only when the charter gives one; otherwise it is flagged. */
function admitCasting(
  ctx: VotingContext,
  casting: CastingVote | undefined,
  tie: boolean,
): { casting?: CastingVote; flags: string[] } {
  if (casting === undefined) return { flags: [] };
  if (!ctx.castingVote) {
    return {
      flags: [`casting vote (${casting}) ignored: the charter gives the chair no casting vote`],
    };
  }
  if (!tie) return { flags: [`casting vote (${casting}) ignored: the vote is not tied`] };
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
      ? countRollCall(ctx, CHOICES, vote.ballots, (ballot) => ballot.choice)
      : countGiven(ctx, CHOICES, vote.counts, 'unknown-choice');
  const { tally, quorum } = count;
  // Under votes-cast, 0 to 0 is a tie too: the chair's vote alone can carry it.
  const tie = tally.aye === tally.nay && (tally.aye >= 1 || majority === 'votes-cast');
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
