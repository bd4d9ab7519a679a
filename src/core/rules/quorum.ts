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
      return rule.tolerant
        ? ceilTolerant(rule.fraction * votingMembers)
        : ceilOfDecimal(rule.fraction, votingMembers);
  }
}

/** A quorum as votes closed before exact fractions read it (a fraction's ceiling tolerant). */
export function tolerantQuorum(rule: QuorumRule): QuorumRule {
  return rule.kind === 'fraction' ? { ...rule, tolerant: true } : rule;
}

/**
 * ceil(fraction × n) in whole numbers, for the decimal the charter writes (the number's shortest
 * form, as YAML read it): 0.35 × 20 is 7, and 0.66666666667 × 3, just over 2, needs 3.
 */
function ceilOfDecimal(fraction: number, n: number): number {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(fraction));
  if (!m) return Math.ceil(fraction * n);
  const scale = (m[2]?.length ?? 0) - Number(m[3] ?? 0);
  const scaled = BigInt(m[1]! + (m[2] ?? '')) * BigInt(n);
  if (scale <= 0) return Number(scaled * 10n ** BigInt(-scale));
  const unit = 10n ** BigInt(scale);
  return Number((scaled + unit - 1n) / unit);
}

/** Ceiling that ignores float noise (0.55 × 100 computes as 55.00000000000001), as votes closed before read it. */
function ceilTolerant(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) < 1e-9 ? nearest : Math.ceil(x);
}
