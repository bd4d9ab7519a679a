/**
 * The minutes of a session built from the record: the one model every rendering renders
 * (document.ts). Pure: the checkpoint, the only thing from outside the state, is passed in.
 */
import type { DecisionRef } from '../acts.js';
import type { Body } from '../charter/model.js';
import { fail } from '../errors.js';
import { quorumInWords, sessionFlagInWords } from '../rules/explain.js';
import {
  bodyAtOpening,
  bodyName,
  findDecision,
  isCirculationRef,
  isSealed,
  motionKey,
  personName,
  decisionInWords,
  dispatchInWords,
  explanationNamed,
  flagNamed,
  sessionInWords,
} from '../state/index.js';
import type {
  MotionState,
  Ratification,
  RecordedBallot,
  SessionState,
  State,
} from '../state/index.js';
import { ratifyingSentence, sessionDate } from '../state/names.js';
import { minutesSignerRole, minutesSigners, oneSignsMinutes } from '../state/authority.js';
import { lastCountedAnswer } from '../state/circulations.js';
import { minutesContentHash } from './content.js';
import type {
  MinutesApproval,
  MinutesChoice,
  MinutesDocument,
  MinutesInstrument,
  MinutesItem,
  MinutesProofLine,
  PersonRef,
} from './document.js';
import { minutesAttendance } from './attendance.js';
import { decisionDate } from './dates.js';
import { CHOICE_HEADING, inChoiceOrder } from '../words.js';

export function personRef(state: State, id: string): PersonRef {
  return { id, name: personName(state, id) };
}

export { sessionDate };

/** The latest signed checkpoint, for the appendix. */
export interface MinutesCheckpoint {
  readonly note: string;
  readonly size: number;
}

/** The minutes of a session: refused for a session the record does not have. */
export function minutesDocument(
  state: State,
  id: string,
  checkpoint?: MinutesCheckpoint,
): MinutesDocument {
  const session = state.sessions.get(id) ?? fail('not-found', `no session '${id}' in the record`);
  const body = bodyAtOpening(state, session);
  const live = session.mode === 'live';
  const chair = session.chair ?? body.chair;
  const items = session.motions.flatMap((k, i) => {
    const m = state.motions.get(k);
    return m ? [minutesItem(state, m, i + 1)] : [];
  });
  const instruments = minutesInstruments(state, session);
  const approval = minutesApproval(state, session, body);
  return {
    format: 'collegium-minutes/1',
    status:
      session.closedAt === undefined ? 'in-progress' : approval.approved ? 'approved' : 'draft',
    organization: {
      id: state.charter?.organization.id ?? '',
      name: state.charter?.organization.name ?? '',
    },
    body: { id: body.id, name: body.name },
    session: {
      id: session.id,
      ...(session.title !== undefined ? { title: session.title } : {}),
      date: sessionDate(session),
      ...(session.place !== undefined ? { place: session.place } : {}),
      mode: session.mode,
      ...(chair !== undefined ? { chair: personRef(state, chair) } : {}),
      ...(body.secretary !== undefined ? { secretary: personRef(state, body.secretary) } : {}),
      ...(live ? { openedTime: session.openedTime } : {}),
      ...(live && session.closedTime !== undefined ? { closedTime: session.closedTime } : {}),
      opened: session.openedAt,
      ...(session.closedAt !== undefined ? { closed: session.closedAt } : {}),
    },
    ...(session.notice
      ? {
          notice: {
            // A transcribed notice gives its day; the time of day the record adds is not history.
            noticed: live ? session.notice.noticed : session.notice.noticed.slice(0, 10),
            date: session.notice.date,
            entry: session.notice.index,
          },
        }
      : {}),
    flags: session.flags.map(sessionFlagInWords),
    attendance: minutesAttendance(state, session, body),
    agenda: (session.notice?.agenda ?? []).map((a, i) => ({
      n: i + 1,
      item: a.item,
      title: a.title,
      ...(a.motion !== undefined ? { motion: a.motion } : {}),
      attachments: a.attachments ?? [],
      motions: items.filter((m) => m.item === a.item).map((m) => m.motion),
    })),
    items,
    instruments,
    approval,
    appendix: {
      logKey: state.logKey ?? '',
      ...(checkpoint ? { checkpoint: checkpoint.note } : {}),
      treeSize: checkpoint?.size ?? state.size,
      proofs: proofLines(session, items, instruments, approval),
    },
  };
}

/** What a ballot chose: aye, nay, abstain, not-voting, or an alternative (abstain when none). */
export function ballotChoice(m: MotionState, b: RecordedBallot): string {
  return m.alternatives ? (b.alternative ?? 'abstain') : (b.choice ?? 'not-voting');
}

/** The ballots by choice, with names, or the counts recorded without them. */
function minutesVote(state: State, m: MotionState): MinutesItem['vote'] {
  if (m.ballots.size > 0) {
    const byChoice = new Map<string, MinutesChoice['voters'][number][]>();
    for (const b of m.ballots.values()) {
      const key = ballotChoice(m, b);
      const voter = personRef(state, b.voter);
      const entry = b.castBy ? { ...voter, byProxy: personRef(state, b.castBy) } : voter;
      const voters = byChoice.get(key);
      if (voters) voters.push(entry);
      else byChoice.set(key, [entry]);
    }
    const choices = inChoiceOrder(byChoice, m.alternatives).map(([choice, voters]) => ({
      choice,
      label: CHOICE_HEADING[choice] ?? choice,
      count: voters.length,
      voters,
    }));
    return { byName: true, choices };
  }
  if (m.counts) {
    const choices = inChoiceOrder(Object.entries(m.counts), m.alternatives).map(
      ([choice, count]) => ({
        choice,
        label: CHOICE_HEADING[choice] ?? choice,
        count,
        voters: [],
      }),
    );
    return { byName: false, choices };
  }
  return undefined;
}

/** What a motion continues, ratifies, answers or carries, in words. */
function motionNotes(state: State, m: MotionState): string[] {
  const named = (ref: DecisionRef): string => decisionInWords(state, ref);
  return [
    // The power a delegated body put it under: what its flag "outside its powers" is about.
    ...(m.power !== undefined ? [`It is put under the delegated power ${m.power}.`] : []),
    ...(m.ratifies ? [ratifyingSentence(state, { ...m, ratifies: m.ratifies })] : []),
    ...(m.follows ? [`It continues ${named(m.follows)}.`] : []),
    ...(m.dispatch ? [`It answers ${dispatchInWords(state, m.dispatch)}.`] : []),
    ...(m.approves
      ? [`It approves the minutes of ${sessionInWords(state, m.approves.session)}.`]
      : []),
    ...(m.amends ? ['It carries the whole charter as amended.'] : []),
    ...(m.invites ? [`It re-invites ${personName(state, m.invites)} to enrol a key.`] : []),
  ];
}

function minutesItem(state: State, m: MotionState, n: number): MinutesItem {
  // Minutes drawn up while a secret vote is open show neither its ballots nor a casting vote.
  const sealed = isSealed(state, m);
  const vote = sealed ? undefined : minutesVote(state, m);
  const d = m.decision;
  const r = m.ratification;
  return {
    n,
    motion: m.id,
    ...(m.item !== undefined ? { item: m.item } : {}),
    text: m.text,
    ...(m.proposer !== undefined ? { proposer: personRef(state, m.proposer) } : {}),
    ...(m.kind !== undefined ? { kind: m.kind } : {}),
    ...(m.alternatives !== undefined ? { alternatives: m.alternatives } : {}),
    notes: motionNotes(state, m),
    status: m.status,
    ...(d ? { quorum: quorumInWords(d.quorum) } : {}),
    ...(vote ? { vote } : {}),
    ...(m.casting && !sealed ? { casting: m.casting } : {}),
    ...(d
      ? {
          decision: {
            outcome: d.outcome,
            // The record's words name members and bodies by id: the minutes, by name.
            explanation: explanationNamed(state, d.explanation),
            ...(m.stated !== undefined ? { stated: m.stated } : {}),
            flags: [...d.flags, ...(m.countFlags ?? [])].map((f) => flagNamed(state, f)),
            ...(r
              ? {
                  ratification:
                    r.status === 'provisional'
                      ? `provisional: awaits ratification by ${bodyName(state, r.by)}`
                      : `${r.status}${r.decidedBy ? ` by ${decisionInWords(state, r.decidedBy)}` : ''}`,
                }
              : {}),
          },
        }
      : {}),
    entries: {
      proposed: m.proposedAt,
      ...(m.openedAt !== undefined ? { opened: m.openedAt } : {}),
      ...(m.closedAt !== undefined ? { closed: m.closedAt } : {}),
    },
  };
}

/** Instruments issued while the session sat, or resting on one of its decisions. */
function minutesInstruments(state: State, session: SessionState): MinutesInstrument[] {
  const end = session.closedAt ?? Number.MAX_SAFE_INTEGER;
  return [...state.instruments.values()].flatMap((i) => {
    const during =
      i.issued !== undefined && i.issued.index > session.openedAt && i.issued.index < end;
    const rests = i.draft.restsOn;
    const onThis = rests !== undefined && !isCirculationRef(rests) && rests.session === session.id;
    if (!during && !onThis) return [];
    return [
      {
        id: i.id,
        number: i.draft.number,
        kind: i.draft.kind,
        ...(i.kindRule?.formula !== undefined ? { formula: i.kindRule.formula } : {}),
        ...(i.draft.to !== undefined ? { to: i.draft.to } : {}),
        text: i.draft.text,
        status: i.status,
        signatures: i.signatures.map((s) => personRef(state, s.signer)),
        ...(onThis ? { restsOn: (rests as { motion: string }).motion } : {}),
        duringSession: during,
        entry: i.issued?.index ?? i.draftedAt,
      },
    ];
  });
}

/** Approval, signatures and objections: what became of the minutes after the session. */
function minutesApproval(state: State, session: SessionState, body: Body): MinutesApproval {
  const decided = session.minutes.approvals.map((ref) => ({ ref, d: findDecision(state, ref) }));
  const adopted = decided.find(
    (x) => x.d?.decision?.outcome === 'adopted' && x.d.ratification?.status !== 'annulled',
  );
  const signed = new Set(session.minutes.signatures.map((s) => s.signer));
  return {
    content: minutesContentHash(state, session),
    ...(adopted ? { approved: approvedBy(state, adopted.ref, adopted.d?.ratification) } : {}),
    pending: decided
      .filter((x) => x !== adopted && !x.d?.decision && !withdrawn(state, x.ref))
      .map((x) => decisionInWords(state, x.ref)),
    signatures: session.minutes.signatures.map((s) => ({
      signer: personRef(state, s.signer),
      role: minutesSignerRole(body, session, s.signer),
      ...(s.recordedBy !== undefined ? { recordedBy: personRef(state, s.recordedBy) } : {}),
      time: s.date ?? s.time,
      entry: s.index,
    })),
    ...stillToSign(state, session, body, signed),
    objections: session.minutes.objections.map((o) => ({
      member: personRef(state, o.member),
      text: o.text,
      time: o.date ?? o.time,
      entry: o.index,
    })),
  };
}

/**
 * Who has still to sign the minutes of a closed session: the chair and the secretary, each; where
 * the body has neither, any one of its members (minutesSigners): no one once one has signed, and
 * until then those of them who sat, where any did.
 */
function stillToSign(
  state: State,
  session: SessionState,
  body: Body,
  signed: ReadonlySet<string>,
): Pick<MinutesApproval, 'unsigned' | 'anyOneSigns'> {
  if (session.closedAt === undefined) return { unsigned: [] };
  const signers = minutesSigners(body, session);
  if (!oneSignsMinutes(body, session))
    return { unsigned: signers.filter((p) => !signed.has(p)).map((p) => personRef(state, p)) };
  if (signed.size > 0) return { unsigned: [] };
  const sat = new Set(session.attendance.map((a) => a.person));
  const satSigners = signers.filter((p) => sat.has(p));
  const unsigned = (satSigners.length > 0 ? satSigners : signers).map((p) => personRef(state, p));
  return { unsigned, ...(unsigned.length > 1 ? { anyOneSigns: true as const } : {}) };
}

/** A question put between sessions and withdrawn since: it will never decide anything. */
function withdrawn(state: State, ref: DecisionRef): boolean {
  return isCirculationRef(ref) && state.circulations.get(ref.circulation)?.status === 'withdrawn';
}

/** The decision that approved the minutes: by which body, on which day, at which entry. */
function approvedBy(
  state: State,
  ref: DecisionRef,
  ratification: Ratification | undefined,
): NonNullable<MinutesApproval['approved']> {
  const body = (id: string): PersonRef => ({ id, name: bodyName(state, id) });
  const date = approvalDay(state, ref);
  // A decision that stands provisionally approves them provisionally: its ratification may fail.
  const provisional =
    ratification?.status === 'provisional'
      ? { provisional: `awaiting ratification by a session of ${bodyName(state, ratification.by)}` }
      : {};
  const decision = { by: ref, decision: decisionInWords(state, ref), date, ...provisional };
  if (isCirculationRef(ref)) {
    const c = state.circulations.get(ref.circulation)!;
    return { ...decision, body: body(c.body), entry: c.closedAt! };
  }
  const s = state.sessions.get(ref.session)!;
  const m = state.motions.get(motionKey(ref.session, ref.motion))!;
  return { ...decision, body: body(s.body), entry: m.closedAt! };
}

/**
 * The day a decision approved the minutes: its session's, or for a question in writing, the day
 * its last counted answer came where that is later than the day it bears (a transcribed question
 * bears the day it was put, and was not decided before its answers were in).
 */
function approvalDay(state: State, ref: DecisionRef): string {
  const day = decisionDate(state, ref)!;
  const c = isCirculationRef(ref) ? state.circulations.get(ref.circulation) : undefined;
  const last = c && lastCountedAnswer(c)?.slice(0, 10);
  return last !== undefined && last > day ? last : day;
}

/** Each part of the minutes and the entry that proves it. */
function proofLines(
  session: SessionState,
  items: readonly MinutesItem[],
  instruments: readonly MinutesInstrument[],
  approval: MinutesApproval,
): MinutesProofLine[] {
  const lines: MinutesProofLine[] = [];
  if (session.notice) lines.push({ label: 'Notice and agenda', entry: session.notice.index });
  lines.push({ label: 'Session opened', entry: session.openedAt });
  for (const i of items) {
    lines.push({ label: `Motion ${i.n} (${i.motion}) put`, entry: i.entries.proposed });
    if (i.entries.closed !== undefined)
      lines.push({ label: `Motion ${i.n} (${i.motion}) decided`, entry: i.entries.closed });
  }
  if (session.closedAt !== undefined)
    lines.push({ label: 'Session closed', entry: session.closedAt });
  for (const i of instruments) lines.push({ label: `Instrument ${i.number}`, entry: i.entry });
  if (approval.approved) lines.push({ label: 'Minutes approved', entry: approval.approved.entry });
  for (const s of approval.signatures)
    lines.push({ label: `Signed by ${s.signer.name} (${s.role})`, entry: s.entry });
  for (const o of approval.objections)
    lines.push({ label: `Objection of ${o.member.name}`, entry: o.entry });
  return lines;
}
