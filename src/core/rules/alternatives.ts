import { countGiven, countRollCall, sumOf, type Count } from './count.js';
import { RuleInputError } from './errors.js';
import { abstentionsInWords, listed, noQuorum, quorumInWords } from './explain.js';
import { CHOICES } from './types.js';
import type { AlternativesMethod, AlternativesVote, Decision, VotingContext } from './types.js';

const ABSTAIN = 'abstain';
/**
 * Ids an alternative cannot take: they would read as an outcome of the motion, as the tally's
 * abstentions, or as a ballot's choice (`collegium ballot … aye`).
 */
const RESERVED_ALTERNATIVES: ReadonlySet<string> = new Set([
  ...CHOICES,
  'adopted',
  'rejected',
  'not-decided',
]);

/** Why `id` cannot name an alternative, or undefined when it can. */
export function reservedAlternative(id: string): string | undefined {
  return RESERVED_ALTERNATIVES.has(id)
    ? `'${id}' cannot name an alternative: ${[...RESERVED_ALTERNATIVES].join(', ')} are reserved`
    : undefined;
}

function checkAlternatives(alternatives: readonly string[]): void {
  const reserved = alternatives.filter((id) => RESERVED_ALTERNATIVES.has(id));
  if (reserved.length > 0) {
    throw new RuleInputError(
      'invalid-alternatives',
      `reserved alternative ids: ${reserved.join(', ')}`,
    );
  }
  if (new Set(alternatives).size !== alternatives.length) {
    throw new RuleInputError(
      'invalid-alternatives',
      `an alternative is listed twice: ${alternatives.join(', ')}`,
    );
  }
}

function countAlternatives(
  ctx: VotingContext,
  alternatives: readonly string[],
  vote: AlternativesVote,
): Count<string> {
  const keys = [...alternatives, ABSTAIN];
  if (vote.mode === 'roll-call') {
    const known = new Set(alternatives);
    return countRollCall(ctx, keys, vote.ballots, (ballot) => ballot.alternative ?? ABSTAIN, {
      rejectContent: (ballot) =>
        ballot.alternative === null || known.has(ballot.alternative)
          ? undefined
          : 'unknown-alternative',
    });
  }
  if (Object.hasOwn(vote.counts, ABSTAIN)) {
    throw new RuleInputError(
      'unknown-alternative',
      'abstentions go in `abstain`, not among the counts',
    );
  }
  return countGiven(
    ctx,
    keys,
    { ...vote.counts, [ABSTAIN]: vote.abstain ?? 0 },
    'unknown-alternative',
  );
}

/** Decides between alternatives by plurality, or by absolute majority with a runoff. */
export function decideAlternatives(
  ctx: VotingContext,
  alternatives: readonly string[],
  method: AlternativesMethod,
  vote: AlternativesVote,
): Decision {
  checkAlternatives(alternatives);
  const count = countAlternatives(ctx, alternatives, vote);
  const { tally, quorum } = count;
  const base = { quorum, tally, excluded: count.excluded, flags: count.flags };
  if (!quorum.met) return { ...base, outcome: 'not-decided', explanation: noQuorum(quorum) };

  const votesFor = (id: string): number => tally[id] ?? 0;
  const cast = sumOf(alternatives.map(votesFor));
  const abstentions = votesFor(ABSTAIN) > 0 ? `, ${abstentionsInWords(votesFor(ABSTAIN))}` : '';
  const present = quorumInWords(quorum);
  // Stable sort: alternatives with equal votes keep the order the motion lists them in.
  const [first, second, third] = [...alternatives].sort((a, b) => votesFor(b) - votesFor(a));
  if (first === undefined || cast === 0) {
    return {
      ...base,
      outcome: 'not-decided',
      explanation: `not decided: no votes cast for any alternative${abstentions}; ${present}`,
    };
  }
  const share = (id: string): string => `${votesFor(id)} of ${cast} votes`;

  if (method === 'plurality') {
    const leaders = alternatives.filter((id) => votesFor(id) === votesFor(first));
    return leaders.length === 1
      ? {
          ...base,
          outcome: first,
          explanation: `${first}: ${share(first)}${abstentions}, plurality; ${present}`,
        }
      : {
          ...base,
          outcome: 'not-decided',
          explanation: `not decided: tie for first place between ${listed(leaders)}, ${share(first)} each${abstentions}, plurality; ${present}`,
        };
  }

  // A lone alternative with votes holds all of them, hence more than half.
  if (second === undefined || 2 * votesFor(first) > cast) {
    return {
      ...base,
      outcome: first,
      explanation: `${first}: ${share(first)}${abstentions}, absolute majority; ${present}`,
    };
  }
  const noMajority = `not decided: no alternative has more than half of ${cast} votes${abstentions}`;
  if (third === undefined || votesFor(third) < votesFor(second)) {
    return {
      ...base,
      outcome: 'not-decided',
      runoff: [first, second],
      explanation: `${noMajority} (${first} ${votesFor(first)}, ${second} ${votesFor(second)}); runoff between ${first} and ${second}; ${present}`,
    };
  }
  // Several share second place behind the leader, or three or more the first: no pair stands out.
  const tied = alternatives.filter((id) => votesFor(id) === votesFor(second));
  const tie = `${listed(tied)} tie for ${tied.includes(first) ? 'first' : 'second'} place with ${votesFor(second)} each`;
  return {
    ...base,
    outcome: 'not-decided',
    explanation: `${noMajority}, and ${tie}; no runoff can be formed; ${present}`,
    flags: [...base.flags, `no runoff: ${tie}`],
  };
}
