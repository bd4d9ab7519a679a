import {
  CHOICES,
  type Ballot,
  type Choice,
  type VotingContext,
} from '../../../src/core/rules/index.js';

/** `count` ids: m1, m2, ... */
export function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

/** A body of `members` voting members, the first `present` of them present, quorum a majority. */
export function body(
  members: number,
  present = members,
  extra: Partial<VotingContext> = {},
): VotingContext {
  const votingMembers = ids('m', members);
  return {
    votingMembers,
    candidates: [],
    present: votingMembers.slice(0, present),
    quorum: { kind: 'majority' },
    castingVote: false,
    ...extra,
  };
}

/** Roll-call ballots from m1 onwards: first the ayes, then the nays, then the rest, in order. */
export function rollCall(counts: Partial<Record<Choice, number>>): Ballot[] {
  const choices = CHOICES.flatMap((choice) => Array<Choice>(counts[choice] ?? 0).fill(choice));
  return choices.map((choice, i) => ({ voter: `m${i + 1}`, choice }));
}
