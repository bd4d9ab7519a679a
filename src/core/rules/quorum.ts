import { RuleInputError } from './errors.js';
import { rosterOf, type Roster } from './roster.js';
import type { QuorumResult, QuorumRule, VotingContext } from './types.js';

/** Quorum from attendance alone, before any proxy ballot is known. */
export function checkQuorum(ctx: VotingContext): QuorumResult {
  return assessQuorum(ctx.quorum, rosterOf(ctx), 0);
}

export function assessQuorum(
  rule: QuorumRule,
  roster: Roster,
  representedByProxy: number,
): QuorumResult {
  const votingMembers = roster.voting.size;
  const presentVoting = roster.presentVoting + representedByProxy;
  const required = requiredPresent(rule, votingMembers);
  return {
    required,
    presentVoting,
    votingMembers,
    representedByProxy,
    met: presentVoting >= required,
  };
}

export function requiredPresent(rule: QuorumRule, votingMembers: number): number {
  switch (rule.kind) {
    case 'majority':
      // More than half: 2p > n, i.e. p >= floor(n/2) + 1.
      return Math.floor(votingMembers / 2) + 1;
    case 'count':
      if (!Number.isInteger(rule.count) || rule.count < 0) {
        throw new RuleInputError(
          'invalid-quorum',
          `quorum count must be a whole number >= 0, got ${rule.count}`,
        );
      }
      return rule.count;
    case 'fraction':
      if (!(rule.fraction > 0 && rule.fraction <= 1)) {
        throw new RuleInputError(
          'invalid-quorum',
          `quorum fraction must be in (0, 1], got ${rule.fraction}`,
        );
      }
      return ceilTolerant(rule.fraction * votingMembers);
  }
}

/** Ceiling that ignores float noise: 0.55 × 100 computes as 55.00000000000001 but needs 55, not 56. */
function ceilTolerant(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) < 1e-9 ? nearest : Math.ceil(x);
}
