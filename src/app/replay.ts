/**
 * Records a proceedings file (sessions transcribed from minutes) in one transaction, and reports
 * each motion's decision beside what the minutes state. Disagreements are flagged, not refused:
 * the record keeps history as it was written, and shows where it does not add up.
 */
import { fail } from '../core/errors.js';
import { isMotion } from '../core/proceedings/index.js';
import type { MotionFile, ProceedingsFile, SessionFile } from '../core/proceedings/index.js';
import type { Choice } from '../core/rules/types.js';
import { motionKey } from '../core/state/index.js';
import type { DraftSource, Ledger } from './ledger.js';
import {
  attendance,
  castBallot,
  castingVote,
  closeSession,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  recordCounts,
} from './proceedings.js';

export interface ReplayedMotion {
  readonly session: string;
  readonly motion: string;
  readonly text: string;
  readonly outcome: string;
  readonly explanation: string;
  readonly stated?: string;
  readonly flags: readonly string[];
  /** Index of the entry that records the decision. */
  readonly entry: number;
}

export async function replay(ledger: Ledger, file: ProceedingsFile): Promise<ReplayedMotion[]> {
  for (const s of file.sessions) {
    if (ledger.state.sessions.has(s.id))
      fail('conflict', `session '${s.id}' is in the record already`);
  }
  const drafts = file.sessions.flatMap((s) => sessionDrafts(file.body, s));
  await ledger.append(drafts);
  return file.sessions.flatMap((s) =>
    s.motions.filter(isMotion).map((m) => {
      const motion =
        ledger.state.motions.get(motionKey(s.id, m.id)) ??
        fail('not-found', `motion ${m.id} was not recorded`);
      const decision = motion.decision ?? fail('conflict', `motion ${m.id} has no decision`);
      const flags = [...decision.flags, ...namesAgainstCounts(m)];
      if (m.stated !== undefined && m.stated !== decision.outcome) {
        flags.push(`the minutes state ${m.stated}; the rules give ${decision.outcome}`);
      }
      return {
        session: s.id,
        motion: m.id,
        text: m.text,
        outcome: decision.outcome,
        explanation: decision.explanation,
        ...(m.stated !== undefined ? { stated: m.stated } : {}),
        flags,
        entry: motion.closedAt ?? fail('conflict', `motion ${m.id} was not closed`),
      };
    }),
  );
}

function sessionDrafts(body: string, s: SessionFile): DraftSource[] {
  const drafts: DraftSource[] = [
    openSession({
      session: s.id,
      body,
      mode: 'minutes',
      ...(s.title !== undefined ? { title: s.title } : {}),
      ...(s.date !== undefined ? { date: s.date } : {}),
      ...(s.place !== undefined ? { place: s.place } : {}),
      ...(s.chair !== undefined ? { chair: s.chair } : {}),
      ...(s['at-hand'] !== undefined ? { atHand: s['at-hand'] } : {}),
    }),
    ...s.present.map((p) => attendance('arrive', s.id, p)),
  ];
  for (const item of s.motions) {
    if (isMotion(item)) drafts.push(...motionDrafts(s.id, item));
    else if ('arrive' in item)
      drafts.push(...item.arrive.map((p) => attendance('arrive', s.id, p)));
    else drafts.push(...item.depart.map((p) => attendance('depart', s.id, p)));
  }
  drafts.push(closeSession(s.id));
  return drafts;
}

function motionDrafts(session: string, m: MotionFile): DraftSource[] {
  const alternatives = m.alternatives ? Object.keys(m.alternatives) : undefined;
  const drafts: DraftSource[] = [
    proposeMotion({
      session,
      motion: m.id,
      text: m.text,
      ...(m.proposer !== undefined ? { proposer: m.proposer } : {}),
      ...(m.kind !== undefined ? { kind: m.kind } : {}),
      ...(m.power !== undefined ? { power: m.power } : {}),
      ...(alternatives ? { alternatives, method: m.method ?? 'plurality' } : {}),
    }),
    openVote(session, m.id),
  ];
  const byProxy = (voter: string): { castBy?: string } =>
    m.proxies?.[voter] ? { castBy: m.proxies[voter] } : {};
  if (m.alternatives) {
    const entries = Object.entries(m.alternatives);
    if (entries.every(([, v]) => typeof v === 'number')) {
      const counts = Object.fromEntries(entries) as Record<string, number>;
      if (typeof m.abstain === 'number') counts['abstain'] = m.abstain;
      drafts.push(recordCounts(session, m.id, counts));
    } else {
      for (const [alternative, voters] of entries) {
        for (const voter of voters as string[])
          drafts.push(castBallot({ session, motion: m.id, voter, alternative, ...byProxy(voter) }));
      }
      for (const voter of Array.isArray(m.abstain) ? m.abstain : [])
        drafts.push(
          castBallot({ session, motion: m.id, voter, alternative: null, ...byProxy(voter) }),
        );
    }
  } else if (m.vote) {
    const vote = Object.entries(m.vote) as [Choice, string[] | number][];
    if (vote.some(([, v]) => Array.isArray(v))) {
      for (const [choice, voters] of vote) {
        for (const voter of Array.isArray(voters) ? voters : [])
          drafts.push(castBallot({ session, motion: m.id, voter, choice, ...byProxy(voter) }));
      }
    } else {
      drafts.push(recordCounts(session, m.id, Object.fromEntries(vote) as Record<string, number>));
    }
  }
  if (m['casting-vote']) drafts.push(castingVote(session, m.id, m['casting-vote']));
  drafts.push(closeVote(session, m.id, m.stated !== undefined ? { stated: m.stated } : {}));
  return drafts;
}

/** Where the minutes give both names and totals, each total must match the names. */
function namesAgainstCounts(m: MotionFile): string[] {
  if (!m.counts || !m.vote) return [];
  const flags: string[] = [];
  for (const [choice, stated] of Object.entries(m.counts)) {
    const names = m.vote[choice as Choice];
    const named = Array.isArray(names) ? names.length : 0;
    if (named !== stated) flags.push(`the minutes give ${stated} ${choice} but name ${named}`);
  }
  return flags;
}
