/**
 * Records a proceedings file (sessions transcribed from minutes, and what was received and
 * decided between them) in one transaction, in the order of its dates, and reports each
 * decision beside what the minutes state. Disagreements are flagged, not refused: the record
 * keeps history as it was written, and shows where it does not add up.
 */
import { fail } from '../core/errors.js';
import { withoutUndefined } from '../core/json.js';
import type { Path } from '../core/format/yaml-source.js';
import { isInstrument, isMotion, laterAct } from '../core/proceedings/index.js';
import type {
  FileItem,
  InstrumentFile,
  LaterActFile,
  MotionFile,
  ProceedingsFile,
  SessionFile,
} from '../core/proceedings/index.js';
import type { Choice } from '../core/rules/types.js';
import { decisionInWords, motionKey } from '../core/state/index.js';
import { dayInWords } from '../core/minutes/words.js';
import type { Ratification, State } from '../core/state/index.js';
import type { DecisionRef } from '../core/acts.js';
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
import {
  circulationDrafts,
  circulationResult,
  dispatchClosing,
  dispatchDrafts,
  dispatchResult,
  statedFlag,
} from './replay-between.js';
import type { AttachmentFiles, ReplayedCirculation, ReplayedDispatch } from './replay-between.js';
import { at, FileIndex, located, requireLinks, resolve } from './replay-context.js';
import { instrumentItemDrafts, instrumentResult } from './replay-instruments.js';
import { excuseDrafts, minutesActDrafts, motionInput, noticeDrafts } from './replay-minutes.js';
import type { ReplayedInstrument } from './replay-instruments.js';

export type { AttachmentFiles, ReplayedCirculation, ReplayedDispatch } from './replay-between.js';
export type { ReplayedInstrument } from './replay-instruments.js';

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
  /** Where it stands when the decision needs a session's confirmation. */
  readonly ratification?: Ratification;
  /** The provisional decision it confirms or annuls. */
  readonly ratifies?: DecisionRef;
}

/** A sitting the record flags at its opening (a notice period not kept), reported before its motions. */
export interface ReplayedSession {
  readonly session: string;
  readonly body: string;
  readonly date?: string;
  readonly flags: readonly string[];
  /** Index of the entry that opened it. */
  readonly entry: number;
}

/** Everything a replay reports, in the order it was recorded. */
export type ReplayedItem =
  ReplayedSession | ReplayedMotion | ReplayedCirculation | ReplayedDispatch | ReplayedInstrument;

/** What a reported item is (a circulation names its dispatch: the key alone does not tell). */
export function replayedKind(
  r: ReplayedItem,
): 'session' | 'motion' | 'circulation' | 'dispatch' | 'instrument' {
  if ('instrument' in r) return 'instrument';
  if ('circulation' in r) return 'circulation';
  if ('motion' in r) return 'motion';
  return 'dispatch' in r ? 'dispatch' : 'session';
}

export async function replay(
  ledger: Ledger,
  file: ProceedingsFile,
  amendments: Amendments = new Map(),
  attachments: AttachmentFiles = new Map(),
): Promise<ReplayedMotion[]> {
  await ledger.append(replayDrafts(ledger.state, file, amendments, attachments));
  return replayResults(ledger.state, file);
}

/**
 * The drafts that record the file, in the order of its dates, each with its place in the file;
 * with the charters its motions amend to and the files its dispatches attach, as read beside it.
 */
export function replayDrafts(
  state: State,
  file: ProceedingsFile,
  amendments: Amendments = new Map(),
  attachments: AttachmentFiles = new Map(),
): DraftSource[] {
  const index = new FileIndex(file);
  for (const item of index.order) {
    if (recordHas(state, item))
      located([...item.path, 'id'], () =>
        fail('conflict', `${item.kind} '${item.id}' is in the record already`),
      );
  }
  checkAfterAmendment(state, index.order);
  const bodyOf = (own: string | undefined) => own ?? file.body;
  const drafts = index.order.flatMap((item): DraftSource[] => {
    if (item.kind === 'dispatch') {
      const d = file.dispatches[item.index]!;
      return dispatchDrafts(d, bodyOf(d.body), item.path, attachments);
    }
    if (item.kind === 'circulation') {
      const c = file.circulations[item.index]!;
      return circulationDrafts(c, bodyOf(c.body), item.path, index);
    }
    if (item.kind === 'instrument' || item.kind === 'later-act')
      return instrumentItemDrafts(file.instruments[item.index]!, file.body, item, index);
    const s = file.sessions[item.index]!;
    return sessionDrafts(bodyOf(s.body), s, item.path, amendments, index);
  });
  const closings = file.dispatches.flatMap((d, i) => dispatchClosing(d, ['dispatches', i]));
  return [...drafts, ...closings];
}

/** The key that dates each kind of item decided under the charter. */
const DATED_BY = { session: 'date', circulation: 'opened', instrument: 'date' } as const;

/**
 * An item decided under the charter (a session, a question, an instrument) dated before the
 * session whose motion last amended the charter of the record: recorded now, it would be decided
 * under the charter of after that day, not of its own. Files are recorded in the order of their
 * dates; one of the same day as the amendment is taken.
 */
function checkAfterAmendment(state: State, items: readonly FileItem[]): void {
  const amended = state.charters.at(-1)?.motion;
  const day = amended && state.sessions.get(amended.session)?.date?.slice(0, 10);
  if (!amended || !day) return;
  for (const item of items) {
    const key = item.kind in DATED_BY ? DATED_BY[item.kind as keyof typeof DATED_BY] : undefined;
    if (key === undefined || item.at === undefined || item.at.slice(0, 10) >= day) continue;
    located([...item.path, key], () =>
      fail(
        'conflict',
        `${item.kind} '${item.id}' is dated ${dayInWords(item.at!.slice(0, 10))}, before the charter of the record was amended by ${decisionInWords(state, amended)}: it would be decided under the charter amended then; record the files in the order of their dates`,
      ),
    );
  }
}

function recordHas(state: State, item: FileItem): boolean {
  if (item.kind === 'dispatch') return state.dispatches.has(item.id);
  if (item.kind === 'circulation') return state.circulations.has(item.id);
  if (item.kind === 'instrument') return state.instruments.has(item.id);
  // A later act is on an instrument: that it is recorded is what the act needs.
  return item.kind === 'session' && state.sessions.has(item.id);
}

/** Each motion's decision as recorded, beside what the minutes state, in the order recorded. */
export function replayResults(state: State, file: ProceedingsFile): ReplayedMotion[] {
  return new FileIndex(file).order.flatMap((item) =>
    item.kind === 'session' ? motionResults(state, file.sessions[item.index]!) : [],
  );
}

/**
 * Everything the file recorded, in the order it was recorded: each dispatch, circulation, motion
 * and instrument as the record holds it (an instrument once, where it was drafted: what was done
 * to it later is in its state; one drafted before the file, where the file first acts on it, so
 * that a file of revocations or settlements says what it did).
 */
export function replayReport(state: State, file: ProceedingsFile): ReplayedItem[] {
  const reported = new Set(file.instruments.filter(isInstrument).map((i) => i.id));
  return new FileIndex(file).order.flatMap((item): ReplayedItem[] => {
    if (item.kind === 'dispatch') return [dispatchResult(state, file.dispatches[item.index]!)];
    if (item.kind === 'circulation')
      return [circulationResult(state, file.circulations[item.index]!)];
    if (item.kind === 'instrument')
      return [instrumentResult(state, (file.instruments[item.index] as InstrumentFile).id)];
    if (item.kind === 'later-act') {
      const { instrument } = laterAct(file.instruments[item.index] as LaterActFile);
      if (reported.has(instrument)) return [];
      reported.add(instrument);
      // Its flags are its drafting's, in an earlier file: later acts on it flag nothing.
      return [{ ...instrumentResult(state, instrument), flags: [] }];
    }
    return sessionResults(state, file.sessions[item.index]!);
  });
}

function sessionResults(state: State, s: SessionFile): (ReplayedSession | ReplayedMotion)[] {
  return [...sessionFlagged(state, s.id), ...motionResults(state, s)];
}

/** The sitting itself, where its opening is flagged: a clean one says nothing of its own. */
function sessionFlagged(state: State, id: string): ReplayedSession[] {
  const sitting = state.sessions.get(id) ?? fail('not-found', `session ${id} was not recorded`);
  if (sitting.flags.length === 0) return [];
  return [
    {
      session: id,
      body: sitting.body,
      ...withoutUndefined({ date: sitting.date }),
      flags: sitting.flags,
      entry: sitting.openedAt,
    },
  ];
}

function motionResults(state: State, s: SessionFile): ReplayedMotion[] {
  return s.motions.filter(isMotion).map((m) => {
    const motion =
      state.motions.get(motionKey(s.id, m.id)) ??
      fail('not-found', `motion ${m.id} was not recorded`);
    const decision = motion.decision ?? fail('conflict', `motion ${m.id} has no decision`);
    const flags = [...decision.flags, ...(motion.countFlags ?? [])];
    const stated = statedFlag(m.stated, decision.outcome);
    if (stated) flags.push(stated);
    return {
      session: s.id,
      motion: m.id,
      text: motion.text,
      outcome: decision.outcome,
      explanation: decision.explanation,
      ...(m.stated !== undefined ? { stated: m.stated } : {}),
      flags,
      entry: motion.closedAt ?? fail('conflict', `motion ${m.id} was not closed`),
      ...(motion.amendedAt !== undefined ? { amendedAt: motion.amendedAt } : {}),
      ...(motion.ratification !== undefined ? { ratification: motion.ratification } : {}),
      ...(motion.ratifies !== undefined ? { ratifies: motion.ratifies } : {}),
    };
  });
}

function sessionDrafts(
  body: string,
  s: SessionFile,
  where: Path,
  amendments: Amendments,
  file: FileIndex,
): DraftSource[] {
  const drafts: DraftSource[] = [
    ...noticeDrafts(body, s, where),
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
    ...excuseDrafts(s, where),
    // Proxies for the whole session, given before it and read into the minutes at its opening.
    ...proxyDrafts(body, [s.id], s.proxies, [...where, 'proxies']),
  ];
  s.motions.forEach((item, mi) => {
    const itemAt = [...where, 'motions', mi];
    if (isMotion(item))
      drafts.push(...motionDrafts(body, s, item, itemAt, amendments.get(item.amends ?? ''), file));
    else {
      const kind = 'arrive' in item ? 'arrive' : 'depart';
      const people = 'arrive' in item ? item.arrive : item.depart;
      drafts.push(...people.map((p, i) => at([...itemAt, kind, i], attendance(kind, s.id, p))));
    }
  });
  drafts.push(at([...where, 'id'], closeSession(s.id)));
  drafts.push(...minutesActDrafts(s, where, file));
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

/**
 * Who cast a voter's ballot: the holder of the motion's proxy, as the minutes state; else the
 * holder of the session's, when the voter was absent as the vote opened (present, they voted in
 * person).
 */
function castBy(state: State, s: SessionFile, m: MotionFile, voter: string): string | undefined {
  const forMotion = holderFor(m.proxies, voter);
  if (forMotion !== undefined) return forMotion;
  const forSession = holderFor(s.proxies, voter);
  const present = state.motions.get(motionKey(s.id, m.id))?.presentAtOpen ?? [];
  return forSession !== undefined && !present.includes(voter) ? forSession : undefined;
}

/** The holder the minutes name for `voter`, among the voters they name only: a person may be
 * called 'constructor', a name every object answers to. */
function holderFor(
  proxies: Readonly<Record<string, string>> | undefined,
  voter: string,
): string | undefined {
  return proxies !== undefined && Object.hasOwn(proxies, voter) ? proxies[voter] : undefined;
}

/**
 * Proposes a motion, once what it links to is recorded, with the charter it carries when it
 * amends it: checked first against the one in force, so that what stands in the way is named in
 * the amended charter's own file.
 */
function proposal(
  m: MotionFile,
  given: Parameters<typeof motionInput>[4],
  amends: { name: string; json: Record<string, unknown> | undefined } | undefined,
  where: Path,
  file: FileIndex,
): DraftSource {
  return (state) => {
    const input = motionInput(state, file, where, m, given);
    requireLinks(state, file, where, input);
    if (!amends) return resolve(proposeMotion(input), state);
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
  file: FileIndex,
): DraftSource[] {
  const session = s.id;
  const alternatives = m.alternatives ? Object.keys(m.alternatives) : undefined;
  return [
    at(
      [...where, 'id'],
      proposal(
        m,
        {
          session,
          motion: m.id,
          ...(m.text !== undefined ? { text: m.text } : {}),
          ...(m.proposer !== undefined ? { proposer: m.proposer } : {}),
          ...(m.kind !== undefined ? { kind: m.kind } : {}),
          ...(m.majority !== undefined ? { majority: m.majority } : {}),
          ...(m.power !== undefined ? { power: m.power } : {}),
          ...(m.invites !== undefined ? { invites: m.invites } : {}),
          ...withoutUndefined({ ratifies: m.ratifies, follows: m.follows, dispatch: m.dispatch }),
          ...(alternatives ? { alternatives, method: m.method ?? 'plurality' } : {}),
        },
        m.amends !== undefined ? { name: m.amends, json: amended } : undefined,
        where,
        file,
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
      closeVote(session, m.id, withoutUndefined({ stated: m.stated, statedCounts: m.counts })),
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
