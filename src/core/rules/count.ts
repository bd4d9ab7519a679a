import { admitBallots, type BallotScreens, type CastBallot } from './ballots.js';
import { RuleInputError, type RuleInputErrorCode } from './errors.js';
import { votesExceedPresent } from './explain.js';
import { assessQuorum } from './quorum.js';
import { rosterOf } from './roster.js';
import type { Exclusion, QuorumResult, VotingContext } from './types.js';

/** A vote counted under the context: what every decision starts from. */
export interface Count<K extends string> {
  tally: Record<K, number>;
  quorum: QuorumResult;
  excluded: Exclusion[];
  flags: string[];
}

function emptyTally<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

export function sumOf(numbers: Iterable<number>): number {
  let total = 0;
  for (const n of numbers) total += n;
  return total;
}

/** Counts the admitted ballots of a roll call, each under the key `keyOf` gives it. */
export function countRollCall<K extends string, B extends CastBallot>(
  ctx: VotingContext,
  keys: readonly K[],
  ballots: readonly B[],
  keyOf: (ballot: B) => K,
  screens: BallotScreens<B> = {},
): Count<K> {
  const roster = rosterOf(ctx);
  const admission = admitBallots(roster, ctx.proxies, ballots, screens);
  const tally = emptyTally(keys);
  for (const ballot of admission.counted) tally[keyOf(ballot)] += 1;
  return {
    tally,
    quorum: assessQuorum(ctx.quorum, roster, admission.representedByProxy),
    excluded: admission.excluded,
    flags: roster.flags,
  };
}

/**
 * Takes counts as given. Fewer votes than members present is normal (people leave the room);
 * more is flagged, since nobody can say whose vote is too many.
 */
export function countGiven<K extends string>(
  ctx: VotingContext,
  keys: readonly K[],
  counts: Readonly<Partial<Record<string, number>>>,
  unknownKey: RuleInputErrorCode,
): Count<K> {
  const known = new Set<string>(keys);
  const tally = emptyTally(keys);
  for (const [key, value] of Object.entries(counts)) {
    if (!known.has(key)) {
      throw new RuleInputError(unknownKey, `${key} is not one of: ${keys.join(', ')}`);
    }
    tally[key as K] = checkedCount(key, value ?? 0);
  }
  const roster = rosterOf(ctx);
  const quorum = assessQuorum(ctx.quorum, roster, 0);
  const total = sumOf(Object.values<number>(tally));
  return {
    tally,
    quorum,
    excluded: [],
    flags: [
      ...roster.flags,
      ...(total > quorum.presentVoting ? [votesExceedPresent(total, quorum)] : []),
    ],
  };
}

function checkedCount(key: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RuleInputError(
      'invalid-count',
      `count for ${key} must be a whole number >= 0, got ${value}`,
    );
  }
  return value;
}
