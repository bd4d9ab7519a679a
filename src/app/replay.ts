/**
 * Records a proceedings file (sessions transcribed from minutes) in one transaction, and reports
 * each motion's decision beside what the minutes state. Disagreements are flagged, not refused:
 * the record keeps history as it was written, and shows where it does not add up.
 */
import { DomainError, fail } from '../core/errors.js';
import type { Path } from '../core/format/yaml-source.js';
import { isMotion } from '../core/proceedings/index.js';
import type { MotionFile, ProceedingsFile, SessionFile } from '../core/proceedings/index.js';
import type { Choice } from '../core/rules/types.js';
import { motionKey } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { checkAmendment } from './amendments.js';
import type { Amendments } from './amendments.js';
import type { DraftSource, Ledger } from './ledger.js';
import { grantId, grantProxy } from './proxies.js';
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
  /** The entry that put in force the charter the motion carried, when it amended it. */
  readonly amendedAt?: number;
}

export async function replay(
  ledger: Ledger,
  file: ProceedingsFile,
  amendments: Amendments = new Map(),
): Promise<ReplayedMotion[]> {
  await ledger.append(replayDrafts(ledger.state, file, amendments));
  return replayResults(ledger.state, file);
}

/** The drafts that record the file, each carrying where in the file it comes from. */
export function replayDrafts(
  state: State,
  file: ProceedingsFile,
  amendments: Amendments = new Map(),
): DraftSource[] {
  file.sessions.forEach((s, i) => {
    if (state.sessions.has(s.id)) {
      located(['sessions', i, 'id'], () =>
        fail('conflict', `session '${s.id}' is in the record already`),
      );
    }
  });
  return file.sessions.flatMap((s, i) => sessionDrafts(file.body, s, ['sessions', i], amendments));
}

/** Each motion's decision as recorded, beside what the minutes state. */
export function replayResults(state: State, file: ProceedingsFile): ReplayedMotion[] {
  return file.sessions.flatMap((s) =>
    s.motions.filter(isMotion).map((m) => {
      const motion =
        state.motions.get(motionKey(s.id, m.id)) ??
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
        ...(motion.amendedAt !== undefined ? { amendedAt: motion.amendedAt } : {}),
      };
    }),
  );
}

/** Runs `work`, marking a refusal with the place in the file it concerns. */
function located<T>(where: Path, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError && error.where === undefined) error.where = where;
    throw error;
  }
}

/** The source, with its place in the file: a refusal while building or applying it names the place. */
function at(where: Path, source: DraftSource): DraftSource {
  return (state) =>
    located(where, () => ({ ...(typeof source === 'function' ? source(state) : source), where }));
}

function sessionDrafts(
  body: string,
  s: SessionFile,
  where: Path,
  amendments: Amendments,
): DraftSource[] {
  const drafts: DraftSource[] = [
    at(
      [...where, 'id'],
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
    ),
    ...s.present.map((p, i) => at([...where, 'present', i], attendance('arrive', s.id, p))),
    // Proxies for the whole session, given before it and read into the minutes at its opening.
    ...proxyDrafts(body, [s.id], s.proxies, [...where, 'proxies']),
  ];
  s.motions.forEach((item, mi) => {
    const itemAt = [...where, 'motions', mi];
    if (isMotion(item))
      drafts.push(...motionDrafts(body, s, item, itemAt, amendments.get(item.amends ?? '')));
    else {
      const kind = 'arrive' in item ? 'arrive' : 'depart';
      const people = 'arrive' in item ? item.arrive : item.depart;
      drafts.push(...people.map((p, i) => at([...itemAt, kind, i], attendance(kind, s.id, p))));
    }
  });
  drafts.push(at([...where, 'id'], closeSession(s.id)));
  return drafts;
}

/**
 * The grants of proxies as the minutes state them (voter → holder), for the session or one
 * motion of it (`scope`): each the voter's act, recorded by the secretary.
 */
function proxyDrafts(
  body: string,
  scope: readonly [string, string?],
  proxies: Readonly<Record<string, string>> | undefined,
  where: Path,
): DraftSource[] {
  const [session, motion] = scope;
  return Object.entries(proxies ?? {}).map(([voter, holder]) =>
    at([...where, voter], (state) => {
      const grant = grantId(state, [...scope.filter((p) => p !== undefined), voter]);
      const payload = { grant, body, holder, session, ...(motion ? { motion } : {}) };
      return resolve(grantProxy(voter, payload), state);
    }),
  );
}

function resolve(source: DraftSource, state: State) {
  return typeof source === 'function' ? source(state) : source;
}

/**
 * Who cast a voter's ballot: the holder of the motion's proxy, as the minutes state; else the
 * holder of the session's, when the voter was absent as the vote opened (present, they voted in
 * person).
 */
function castBy(state: State, s: SessionFile, m: MotionFile, voter: string): string | undefined {
  const forMotion = m.proxies?.[voter];
  if (forMotion !== undefined) return forMotion;
  const forSession = s.proxies?.[voter];
  const present = state.motions.get(motionKey(s.id, m.id))?.presentAtOpen ?? [];
  return forSession !== undefined && !present.includes(voter) ? forSession : undefined;
}

/**
 * Proposes a motion, with the charter it carries when it amends it: checked first against the
 * one in force, so that what stands in the way is named in the amended charter's own file.
 */
function proposal(
  input: Parameters<typeof proposeMotion>[0],
  amends: { name: string; json: Record<string, unknown> | undefined } | undefined,
  where: Path,
): DraftSource {
  if (!amends) return proposeMotion(input);
  return (state) => {
    const json =
      amends.json ??
      located([...where, 'amends'], () =>
        fail('invalid-input', `amends: the charter '${amends.name}' was not read`),
      );
    checkAmendment(state, json, amends.name, [...where, 'amends']);
    return resolve(proposeMotion({ ...input, amends: json }), state);
  };
}

function motionDrafts(
  body: string,
  s: SessionFile,
  m: MotionFile,
  where: Path,
  amended: Record<string, unknown> | undefined,
): DraftSource[] {
  const session = s.id;
  const alternatives = m.alternatives ? Object.keys(m.alternatives) : undefined;
  return [
    at(
      [...where, 'id'],
      proposal(
        {
          session,
          motion: m.id,
          text: m.text,
          ...(m.proposer !== undefined ? { proposer: m.proposer } : {}),
          ...(m.kind !== undefined ? { kind: m.kind } : {}),
          ...(m.majority !== undefined ? { majority: m.majority } : {}),
          ...(m.power !== undefined ? { power: m.power } : {}),
          ...(m.invites !== undefined ? { invites: m.invites } : {}),
          ...(alternatives ? { alternatives, method: m.method ?? 'plurality' } : {}),
        },
        m.amends !== undefined ? { name: m.amends, json: amended } : undefined,
        where,
      ),
    ),
    ...proxyDrafts(body, [session, m.id], m.proxies, [...where, 'proxies']),
    at([...where, 'id'], openVote(session, m.id)),
    ...voteDrafts(s, m, where),
    ...(m['casting-vote']
      ? [at([...where, 'casting-vote'], castingVote(session, m.id, m['casting-vote']))]
      : []),
    at(
      [...where, 'id'],
      closeVote(session, m.id, m.stated !== undefined ? { stated: m.stated } : {}),
    ),
  ];
}

/** The vote on a motion as the minutes give it: ballots by name, or counts. */
function voteDrafts(s: SessionFile, m: MotionFile, where: Path): DraftSource[] {
  const session = s.id;
  const drafts: DraftSource[] = [];
  const ballot = (
    path: Path,
    voter: string,
    vote: { choice: Choice } | { alternative: string | null },
  ): DraftSource =>
    at(path, (state) => {
      const holder = castBy(state, s, m, voter);
      return resolve(
        castBallot({
          session,
          motion: m.id,
          voter,
          ...vote,
          ...(holder !== undefined ? { castBy: holder } : {}),
        }),
        state,
      );
    });
  if (m.alternatives) {
    const entries = Object.entries(m.alternatives);
    if (entries.every(([, v]) => typeof v === 'number')) {
      const counts = Object.fromEntries(entries) as Record<string, number>;
      if (typeof m.abstain === 'number') counts['abstain'] = m.abstain;
      drafts.push(at([...where, 'alternatives'], recordCounts(session, m.id, counts)));
    } else {
      for (const [alternative, voters] of entries) {
        (voters as string[]).forEach((voter, i) =>
          drafts.push(ballot([...where, 'alternatives', alternative, i], voter, { alternative })),
        );
      }
      (Array.isArray(m.abstain) ? m.abstain : []).forEach((voter, i) =>
        drafts.push(ballot([...where, 'abstain', i], voter, { alternative: null })),
      );
    }
  } else if (m.vote) {
    const vote = Object.entries(m.vote) as [Choice, string[] | number][];
    if (vote.some(([, v]) => Array.isArray(v))) {
      for (const [choice, voters] of vote) {
        (Array.isArray(voters) ? voters : []).forEach((voter, i) =>
          drafts.push(ballot([...where, 'vote', choice, i], voter, { choice })),
        );
      }
    } else {
      drafts.push(
        at(
          [...where, 'vote'],
          recordCounts(session, m.id, Object.fromEntries(vote) as Record<string, number>),
        ),
      );
    }
  }
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
