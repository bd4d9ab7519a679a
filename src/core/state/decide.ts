/**
 * The decision a motion's vote yields under the charter in force: what a chair announces at the
 * close, and what an audit recomputes from the record.
 */
import type { Charter } from '../charter/model.js';
import { decideAlternatives, decideFormula } from '../rules/index.js';
import type { AlternativeBallot, Ballot, Decision, VotingContext } from '../rules/types.js';
import { bodyOf, drawInMissing, outsidePowers } from './body.js';
import type { MotionState, State } from './model.js';

const REASONS: Record<string, string> = {
  candidate: 'is a candidate (voice, no vote)',
  'not-a-member': 'is not a voting member',
  absent: 'was not present when the vote opened',
  duplicate: 'voted twice',
  'proxy-not-allowed': 'voted by proxy where the charter allows none',
  'proxy-holder-absent': 'voted through a proxy holder who was not present',
  'proxy-limit': 'voted through a proxy holder who held more proxies than allowed',
  'proxy-without-grant': 'voted by proxy without a grant in force',
  'grantor-present':
    'voted by proxy while present when the vote opened (one present votes in person)',
  'unknown-alternative': 'chose an alternative that was not put',
};

export function decideMotion(state: State, charter: Charter, motion: MotionState): Decision {
  const session = state.sessions.get(motion.session);
  // Decided by the roster and rules of the vote's opening, whatever was amended since.
  const body = motion.bodyAtOpen ?? bodyOf(charter, motion.body);
  const chair = session?.chair ?? body.chair;
  const ctx: VotingContext = {
    votingMembers: body.votingMembers,
    candidates: body.candidates,
    present: motion.presentAtOpen,
    quorum: motion.quorum,
    ...(chair !== undefined ? { chair } : {}),
    castingVote: body.castingVote,
    ...(body.proxies ? { proxies: body.proxies } : {}),
  };
  const ballots = [...motion.ballots.values()];
  const decision = motion.alternatives
    ? decideAlternatives(
        ctx,
        motion.alternatives,
        motion.method ?? 'plurality',
        motion.counts
          ? {
              mode: 'counts',
              counts: withoutKey(motion.counts, 'abstain'),
              ...(motion.counts['abstain'] !== undefined
                ? { abstain: motion.counts['abstain'] }
                : {}),
            }
          : {
              mode: 'roll-call',
              ballots: ballots.map((b): AlternativeBallot => ({
                voter: b.voter,
                alternative: b.alternative ?? null,
                ...(b.castBy ? { castBy: b.castBy, granted: b.grant !== undefined } : {}),
              })),
            },
      )
    : decideFormula(
        ctx,
        motion.majority,
        motion.counts
          ? {
              mode: 'counts',
              counts: motion.counts,
              ...(motion.casting ? { casting: motion.casting } : {}),
            }
          : {
              mode: 'roll-call',
              ballots: ballots.map((b): Ballot => ({
                voter: b.voter,
                choice: b.choice ?? 'not-voting',
                ...(b.castBy ? { castBy: b.castBy, granted: b.grant !== undefined } : {}),
              })),
              ...(motion.casting ? { casting: motion.casting } : {}),
            },
      );
  const flags = [
    ...decision.flags,
    ...decision.excluded.map(
      (e) => `${e.voter} ${REASONS[e.reason] ?? e.reason}: ballot not counted`,
    ),
  ];
  if (outsidePowers(body, motion.power)) {
    flags.push(`${body.id} decided outside its delegated powers (${body.powers.join(', ')})`);
  }
  if (session) {
    const missing = drawInMissing(body, session);
    if (missing.length > 0)
      flags.push(
        `${body.id} did not draw in ${missing.join(', ')} of its parent, who were at hand`,
      );
  }
  return { ...decision, flags };
}

function withoutKey(record: Readonly<Record<string, number>>, key: string): Record<string, number> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}
