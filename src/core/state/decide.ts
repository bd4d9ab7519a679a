/**
 * The decision a motion's vote yields under the charter in force: what a chair announces at the
 * close, and what an audit recomputes from the record.
 */
import { majorityInWords } from '../charter/describe.js';
import { motionKindOf } from '../charter/model.js';
import type { Body, Charter } from '../charter/model.js';
import { decideAlternatives, decideFormula, tolerantQuorum } from '../rules/index.js';
import type {
  AlternativeBallot,
  Ballot,
  Decision,
  QuorumRule,
  VotingContext,
} from '../rules/types.js';
import { bodyOf, drawInMissing, outsidePowers } from './body.js';
import { charterAt } from './charters.js';
import { ratificationFlag, ratifiedBeforeAnswersFlag } from './decisions.js';
import type { MotionState, ProxyGrant, RecordedBallot, State } from './model.js';
import { heldBefore, occasionOf } from './proxies.js';

const REASONS: Record<string, string> = {
  candidate: 'is a candidate (voice, no vote)',
  'not-a-member': 'is not a voting member',
  absent: 'was not present when the vote opened',
  duplicate: 'voted twice',
  'proxy-not-allowed': 'voted by proxy where the charter allows none',
  'proxy-holder-absent': 'voted through a proxy holder who was not present',
  'proxy-holder-not-a-member': 'voted through a proxy holder who is not a voting member',
  'proxy-limit': 'voted through a proxy holder who held more proxies than allowed',
  'proxy-without-grant': 'voted by proxy without a grant in force',
  'grantor-present':
    'voted by proxy while present when the vote opened (one present votes in person)',
  'unknown-alternative': 'chose an alternative that was not put',
  'not-asked': 'answered without being asked',
  late: 'answered after the deadline',
  disputed: 'disputed the answer recorded for them',
};

/** "kim was not present when the vote opened: ballot not counted", one per exclusion. */
export function exclusionFlags(excluded: Decision['excluded'], what = 'ballot'): string[] {
  return excluded.map((e) => `${e.voter} ${REASONS[e.reason] ?? e.reason}: ${what} not counted`);
}

/**
 * How a vote is read: `now`; `stated`, as votes closed before the charter's majority decided a
 * motion whose minutes state another (the minutes' majority decided it); or `earlier`, as votes
 * closed before these rules were read, and decided: by the majority the minutes state, a proxy
 * holder need not be a voting member, a holder's unused grants do not count against the limit,
 * and a fraction quorum's ceiling tolerates float noise.
 */
export type Reading = 'now' | 'stated' | 'earlier';

export function decideMotion(
  state: State,
  charter: Charter,
  motion: MotionState,
  reading: Reading = 'now',
): Decision {
  const session = state.sessions.get(motion.session);
  // Decided by the roster and rules of the vote's opening, whatever was amended since.
  const body = motion.bodyAtOpen ?? bodyOf(charter, motion.body);
  const chair = session?.chair ?? body.chair;
  const earlier = reading === 'earlier';
  const proxies = body.proxies && earlier ? { ...body.proxies, anyHolder: true } : body.proxies;
  const ctx: VotingContext = {
    votingMembers: body.votingMembers,
    candidates: body.candidates,
    present: motion.presentAtOpen,
    quorum: earlier ? tolerantQuorum(motion.quorum) : motion.quorum,
    ...(chair !== undefined ? { chair } : {}),
    castingVote: body.castingVote,
    ...(proxies ? { proxies } : {}),
  };
  const ballots = [...motion.ballots.values()];
  const proxy = proxyOf(state, motion, body.votingMembers, reading);
  const majority = reading === 'now' ? motion.majority : (motion.statedMajority ?? motion.majority);
  const counted = motion.alternatives
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
                ...proxy(b),
              })),
            },
      )
    : decideFormula(
        ctx,
        majority,
        motion.counts
          ? {
              mode: 'counts',
              counts: motion.counts,
              ...(motion.casting ? { casting: motion.casting } : {}),
            }
          : {
              mode: 'roll-call',
              ballots: ballots.map((b) => formulaBallot(b, proxy)),
              ...(motion.casting ? { casting: motion.casting } : {}),
            },
      );
  const decision =
    body.joint?.votes === 'each-body' && !motion.alternatives
      ? byEachBody(state, charter, motion, ctx, counted, reading)
      : counted;
  return { ...decision, flags: decisionFlags(state, motion, body, decision, reading) };
}

/** What a decision is flagged for: ballots not counted, and the charter's rules the minutes break. */
function decisionFlags(
  state: State,
  motion: MotionState,
  body: Body,
  decision: Decision,
  reading: Reading,
): string[] {
  const session = state.sessions.get(motion.session);
  const flags = [...decision.flags, ...exclusionFlags(decision.excluded)];
  const stated = reading === 'now' ? statedMajorityFlag(motion) : undefined;
  if (stated) flags.push(stated);
  const ratifies = ratificationFlag(state, motion);
  if (ratifies) flags.push(ratifies);
  // The reading of now only: a decision recorded before ratifications were held to their answers'
  // dates lacks this flag, and voteClose matches it by an earlier reading without it.
  const early = reading === 'now' ? ratifiedBeforeAnswersFlag(state, motion) : undefined;
  if (early) flags.push(early);
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
  return flags;
}

/**
 * Minutes that put a motion to another majority than the charter's: the charter's decides (live,
 * such a motion is refused), and the minutes' is told beside it, as a stated outcome is.
 */
function statedMajorityFlag(motion: MotionState): string | undefined {
  const stated = motion.statedMajority;
  if (stated === undefined || motion.alternatives || stated === motion.majority) return undefined;
  return `the minutes put it to ${majorityInWords(stated)}; the charter decides it by ${majorityInWords(motion.majority)}`;
}

/**
 * A joint session's decision where each body's own majority is required: every body's members
 * counted under that body's rules; adopted only when each body adopts it.
 */
function byEachBody(
  state: State,
  charter: Charter,
  motion: MotionState,
  ctx: VotingContext,
  whole: Decision,
  reading: Reading,
): Decision {
  if (!whole.quorum.met) return whole;
  if (motion.counts)
    return {
      ...whole,
      flags: [...whole.flags, 'counts name no voters: counted jointly, not by each body'],
    };
  const inForce = charterAt(state, motion.openedAt ?? state.size)?.charter ?? charter;
  const parts = (motion.bodyAtOpen ?? bodyOf(charter, motion.body)).joint!.bodies.flatMap((id) => {
    const part = inForce.bodies.get(id);
    if (!part) return [];
    const people = new Set([...part.votingMembers, ...part.candidates]);
    const proxy = proxyOf(state, motion, part.votingMembers, reading);
    const readQuorum = reading === 'earlier' ? tolerantQuorum : (q: QuorumRule) => q;
    const kind = motion.kind === undefined ? undefined : motionKindOf(part, motion.kind);
    const decision = decideFormula(
      {
        ...ctx,
        votingMembers: part.votingMembers,
        candidates: part.candidates,
        quorum: readQuorum(kind?.quorum ?? part.quorum),
        castingVote: false,
      },
      (reading === 'now' ? undefined : motion.statedMajority) ?? kind?.majority ?? part.majority,
      {
        mode: 'roll-call',
        ballots: [...motion.ballots.values()]
          .filter((b) => people.has(b.voter))
          .map((b) => formulaBallot(b, proxy)),
      },
    );
    return [{ body: id, decision }];
  });
  return byEachBodyOf(whole, parts);
}

/**
 * The decision of a joint body that votes by each body, from each body's own: adopted only when
 * every one adopts it, and the joint session's own count too (its majority is required as well,
 * as the charter says); not decided when one decides nothing, else rejected. `jointToo: false`
 * is the reading of records written before the joint count was required: each body's alone.
 */
export function byEachBodyOf(
  whole: Decision,
  parts: readonly { readonly body: string; readonly decision: Decision }[],
  jointToo = true,
): Decision {
  const outcomes = parts.map((p) => p.decision.outcome);
  const outcome = outcomes.every((o) => o === 'adopted')
    ? 'adopted'
    : outcomes.includes('not-decided')
      ? 'not-decided'
      : 'rejected';
  const each = parts.map((p) => `${p.body} ${p.decision.explanation}`).join('; ');
  if (jointToo && outcome === 'adopted' && whole.outcome !== 'adopted')
    return {
      ...whole,
      explanation: `${whole.outcome.replace('-', ' ')}: the joint session's own majority is required too: jointly ${whole.explanation}; ${each}`,
      bodies: parts,
    };
  return {
    ...whole,
    outcome,
    explanation: `${outcome.replace('-', ' ')}: each body's own majority is required: ${each}`,
    bodies: parts,
  };
}

/** A joint decision as records written before the joint count was required hold it. */
export function decidedByEachBodyAlone(decision: Decision): Decision | undefined {
  return decision.bodies ? byEachBodyOf(decision, decision.bodies, false) : undefined;
}

/** A recorded ballot as the rules count it. */
function formulaBallot(b: RecordedBallot, proxy: (b: RecordedBallot) => ProxyPart): Ballot {
  return { voter: b.voter, choice: b.choice ?? 'not-voting', ...proxy(b) };
}

type ProxyPart = Pick<Ballot, 'castBy' | 'granted' | 'grantedAt' | 'grantsBefore'>;

/**
 * Who cast a ballot by proxy, whether under a grant, that grant's place in the record, and how
 * many grants between voting members its holder held for this vote before it: over a holder's
 * limit, the grants given once the holder held enough already are the ones that fail.
 */
function proxyOf(
  state: State,
  motion: MotionState,
  votingMembers: readonly string[],
  reading: Reading,
): (b: RecordedBallot) => ProxyPart {
  const voting = new Set(votingMembers);
  // The grants between voting members by holder, gathered once for the vote, not per ballot.
  let byHolder: Map<string, ProxyGrant[]> | undefined;
  const heldBy = (holder: string): readonly ProxyGrant[] => {
    if (!byHolder) {
      byHolder = new Map();
      for (const g of state.grants.values()) {
        if (!voting.has(g.grantor) || !voting.has(g.holder)) continue;
        const held = byHolder.get(g.holder);
        if (held) held.push(g);
        else byHolder.set(g.holder, [g]);
      }
    }
    return byHolder.get(holder) ?? [];
  };
  return (b) => {
    if (!b.castBy) return {};
    const grant = b.grant === undefined ? undefined : state.grants.get(b.grant);
    const before =
      grant && reading !== 'earlier'
        ? heldBefore(heldBy(grant.holder), grant, voting, occasionOf(motion, b.time)).length
        : undefined;
    return {
      castBy: b.castBy,
      granted: b.grant !== undefined,
      ...(grant ? { grantedAt: grant.grantedAt } : {}),
      ...(before !== undefined ? { grantsBefore: before } : {}),
    };
  };
}

function withoutKey(record: Readonly<Record<string, number>>, key: string): Record<string, number> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}
