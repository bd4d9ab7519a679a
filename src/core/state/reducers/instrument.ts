/**
 * Instruments: drafted by an officer (or a signer), signed one by one, each signature over the
 * content's hash and the signature before it, issued once the charter's signing rule is met, and
 * afterwards revoked (mandates), settled (receipts), annulled or superseded by a later decision.
 * Live, a breach of the charter is refused; transcribed from minutes, it is recorded and flagged.
 */
import type { DecisionRef, RecordedAct, SessionMode } from '../../acts.js';
import type { Body, Charter, InstrumentKind } from '../../charter/model.js';
import { dayOf, isDayOrTime } from '../../calendar.js';
import { fail } from '../../errors.js';
import type { ErrorCode } from '../../errors.js';
import { dayInWords, timeInWords } from '../../minutes/words.js';
import { withoutUndefined } from '../../json.js';
import { kindInWords } from '../../words.js';
import {
  admittedSignatures,
  signatureProblem,
  signersInOrder,
  signingRuleMet,
  withArticle,
} from '../../rules/signing.js';
import { checkAttachedOnce } from '../attachments.js';
import { checkSigner, requireOfficer, roleRefusal, runners } from '../authority.js';
import { bodyOf } from '../body.js';
import { checkCalendarDate, checkDayAgainstAct } from '../bounds.js';
import { lastCountedAnswer } from '../circulations.js';
import { findDecision, isCirculationRef } from '../decisions.js';
import {
  actorName,
  bodyName,
  decisionInWords,
  dispatchInWords,
  instrumentInWords,
  instrumentTitled,
  personName,
} from '../names.js';
import {
  instrumentContentHash,
  isMandate,
  isReceipt,
  nextAfter,
  pastLastDay,
  restsOnAnnulled,
  signatureLink,
  signingClosed,
} from '../instruments.js';
import { dispatchAnswered, dispatchOf, instrumentOf } from '../lookup.js';
import type { InstrumentState, State } from '../model.js';
import { requirePerson } from '../roster.js';
import type { RecordedActOf } from './reducer.js';
import type { CharterReducer } from './reducer.js';

type DraftPayload = RecordedActOf<'instrument.draft'>['payload'];

/**
 * Refuses live, flags in minutes. A live act the record holds was admitted: replayed, what a rule
 * added since finds in it is flagged, not refused.
 */
type Breach = (code: ErrorCode, message: string) => void;

function breachOf(refuse: boolean, flags: string[]): Breach {
  return (code, message) => (refuse ? fail(code, message) : flags.push(message));
}

export const instrumentDraft: CharterReducer<'instrument.draft'> = (
  state,
  act,
  charter,
  admitting,
) => {
  const p = act.payload;
  const body = bodyOf(charter, p.body);
  if (state.instruments.has(p.instrument))
    fail('conflict', `instrument '${p.instrument}' exists already`);
  checkSigner(state, act, body, undefined);
  const taken = [...state.instruments.values()].find(
    (i) => i.draft.body === p.body && i.draft.number === p.number,
  );
  if (taken)
    fail(
      'conflict',
      `number ${p.number} is in the register of ${bodyName(state, p.body)} already (${instrumentTitled(state, taken.draft)})`,
    );
  for (const person of [p.holder, p.from]) if (person !== undefined) requirePerson(charter, person);
  const flags: string[] = [];
  const refuse = p.mode === 'live' && admitting;
  const breach = breachOf(refuse, flags);
  if (p.answers !== undefined) checkAnswers(state, p.answers, p.body, refuse, breach);
  const kindRule = body.instruments.get(p.kind);
  if (kindRule === undefined)
    breach(
      'charter-rule',
      `${body.name} issues no ${p.kind}: its charter names ${[...body.instruments.keys()].join(', ') || 'no instruments'}`,
    );
  else if (!transcribed(act, p.mode) && !mayDraft(body, kindRule, act.actor))
    roleBreach(
      state,
      act,
      body,
      p.mode,
      admitting,
      breach,
    )(
      'forbidden',
      `${actorName(state, act.actor)} may not draft ${withArticle(p.kind)} of ${body.name}`,
    );
  checkRestsOn(state, charter, body, p.restsOn, kindRule?.restsOn, breach);
  if (p.restsOn !== undefined && p.date !== undefined)
    checkDatedAfterAnswers(state, p.restsOn, p.date, breach);
  if (admitting) checkAttachedOnce('payload.attachments', p.attachments);
  if (refuse) {
    checkCalendarDate('payload.date', p.date, 'a live instrument');
    checkCalendarDate('payload.until', p.until, 'a live instrument');
  }
  checkLastDay(p, refuse ? act.time : undefined, breach);
  // Minutes, like a live draft, give a day that has come (new acts only: a record written before
  // keeps its days).
  if (admitting) checkDayAgainstAct('by', 'payload.date', p.date, act.time, DONE.drafted);
  state.instruments.set(p.instrument, {
    ...withoutUndefined({ kindRule }),
    id: p.instrument,
    draft: p,
    content: instrumentContentHash(p),
    bodyAtDraft: body,
    draftedBy: act.actor,
    draftedAt: act.index,
    draftedTime: act.time,
    signatures: [],
    status: 'draft',
    flags,
  });
};

/**
 * The dispatch an instrument answers: live, as a motion's (still open, in the body's register or
 * referred to it); in minutes, one of another register, not referred, or closed, is recorded and
 * flagged.
 */
function checkAnswers(state: State, id: string, body: string, live: boolean, breach: Breach) {
  if (live) {
    dispatchAnswered(state, id, body, true);
    return;
  }
  const dispatch = dispatchOf(state, id);
  if (dispatch.body !== body && !dispatch.referrals.some((r) => r.body === body))
    breach(
      'charter-rule',
      `${dispatchInWords(state, id)} is in the register of ${bodyName(state, dispatch.body)}, not ${bodyName(state, body)}`,
    );
  if (dispatch.closed)
    breach(
      'charter-rule',
      `${dispatchInWords(state, id)} was closed (${dispatch.closed.reason}) before this answer`,
    );
}

/** Officers draft, and so may anyone the kind's rule names as a signer. */
function mayDraft(body: Body, kind: InstrumentKind, actor: string | null): boolean {
  return actor !== null && (runners(body).has(actor) || signersInOrder(kind, body).includes(actor));
}

/**
 * A breach of who may do what: told as `breach` tells any other (refused live, flagged in
 * minutes), except an act of minutes its actor records themself outside their role, refused
 * (roleRefusal).
 */
function roleBreach(
  state: State,
  act: RecordedAct,
  body: Body,
  mode: SessionMode,
  admitting: boolean,
  breach: Breach,
): Breach {
  const refuse =
    mode === 'live' ? undefined : roleRefusal(state, act, body, undefined, false, admitting);
  return refuse ?? breach;
}

/** Minutes transcribed by the record itself: the organization's act, with the custodial key. */
function transcribed(act: { actor: string | null }, mode: SessionMode): boolean {
  return mode === 'minutes' && act.actor === null;
}

/** The decision an instrument rests on: of its body, and adopted. */
function checkRestsOn(
  state: State,
  charter: Charter,
  body: Body,
  ref: DecisionRef | undefined,
  rule: 'decision' | 'none' | undefined,
  breach: Breach,
): void {
  if (ref === undefined) {
    if (rule === 'decision')
      breach('charter-rule', `an instrument of this kind rests on a decision of ${body.name}`);
    return;
  }
  const decision = findDecision(state, ref);
  if (decision === undefined)
    return fail('not-found', `no ${decisionInWords(state, ref)} in the record`);
  if (decision.body !== body.id && bodyOf(charter, decision.body).parent !== body.id)
    breach(
      'charter-rule',
      `${decisionInWords(state, ref)} is a decision of ${bodyName(state, decision.body)}, not of ${body.name}`,
    );
  // Adopted, then annulled by a failed ratification: the flag says so, not that it never was.
  if (decision.decision?.outcome !== 'adopted')
    breach('charter-rule', `${decisionInWords(state, ref)} was not adopted`);
  else if (decision.ratification?.status === 'annulled')
    breach(
      'charter-rule',
      `${decisionInWords(state, ref)} was adopted, then annulled when its ratification failed`,
    );
}

/**
 * An instrument that rests on a question decided in writing, dated before the last answer counted
 * came: drawn up before the question was decided, so the date the minutes give it, or the answers',
 * is wrong (a transcription records the question whole at its opening, so nothing else tells).
 * A day alone is the whole of that day.
 */
function checkDatedAfterAnswers(
  state: State,
  ref: DecisionRef,
  date: string,
  breach: Breach,
): void {
  if (!isCirculationRef(ref) || !isDayOrTime(date)) return;
  const c = state.circulations.get(ref.circulation);
  const last = c && lastCountedAnswer(c);
  if (last === undefined) return;
  // Minutes write times without a zone, compared as written: to the precision the date gives.
  if (/(?:Z|[+-]\d{2}:\d{2})$/.test(date)) return;
  const before = date < last.slice(0, date.length);
  if (before)
    breach(
      'charter-rule',
      `dated ${timeInWords(date)}, before the answers to ${decisionInWords(state, ref)} were in: the last counted came on ${timeInWords(last)}`,
    );
}

/**
 * A last day (a mandate's `until`) before the date the document bears would make it void from the
 * start; refused live, flagged in minutes. Live, a last day already past `now`, when it is drafted,
 * too: minutes are transcribed after the fact, so only the dates they give are compared there.
 */
function checkLastDay(p: DraftPayload, now: string | undefined, breach: Breach): void {
  const until = p.until;
  if (until === undefined) return;
  if (p.date !== undefined && pastLastDay(until, p.date))
    breach(
      'invalid-input',
      `the last day, ${timeInWords(until)}, comes before the date the document bears, ${timeInWords(p.date)}: it would never be in force`,
    );
  else if (now !== undefined && pastLastDay(until, now))
    fail(
      'deadline-passed',
      `the last day, ${timeInWords(until)}, is past already: it would never be in force`,
    );
}

export const instrumentSign: CharterReducer<'instrument.sign'> = (state, act, _, admitting) => {
  const p = act.payload;
  const instrument = unissued(state, p.instrument);
  const body = instrument.bodyAtDraft;
  const signer = act.actor ?? fail('forbidden', 'a signature is a person’s');
  checkSigner(state, act, body, undefined, true);
  if (p.content !== instrument.content)
    fail(
      'content-mismatch',
      `the signature covers content ${p.content.slice(0, 12)}…, but ${instrumentTitled(state, instrument.draft)} is ${instrument.content.slice(0, 12)}…: the text signed is not the instrument's`,
    );
  // A second signature is told as such before the chain, which it would break too.
  const signed = instrument.signatures.map((s) => s.signer);
  if (signed.includes(signer))
    fail(
      'duplicate-signature',
      `${actorName(state, signer)} has signed ${instrumentTitled(state, instrument.draft)} already`,
    );
  const closed = admitting ? signingClosed(state, instrument, act.time) : undefined;
  if (closed !== undefined) fail(closed.code, closed.message);
  const after = nextAfter(instrument);
  if (p.after !== after)
    fail(
      'conflict',
      after === null
        ? `the first signature of ${instrumentTitled(state, instrument.draft)} follows no other`
        : `the signature does not follow the last one given (${actorName(state, instrument.signatures.at(-1)!.signer)}'s): another was recorded since it was made; sign ${instrumentTitled(state, instrument.draft)} again`,
    );
  // Told against the signatures the rule admitted before it: one out of order is flagged once,
  // not again with each that follows it in its right place.
  const rule = instrument.kindRule;
  const admitted = rule && admittedSignatures(rule, body, signed);
  const problem =
    rule &&
    signatureProblem(
      rule,
      body,
      admitted!,
      signer,
      (p) => personName(state, p),
      signed.filter((p) => !admitted!.includes(p)),
    );
  if (problem) {
    const breach = breachOf(instrument.draft.mode === 'live', instrument.flags);
    const told =
      problem.code === 'not-a-signer'
        ? roleBreach(state, act, body, instrument.draft.mode, admitting, breach)
        : breach;
    told(problem.code, problem.message);
  }
  const recordedBy = act.signer !== act.actor ? (act.signer ?? undefined) : undefined;
  if (instrument.draft.mode === 'live' && recordedBy !== undefined && p.channel === undefined)
    fail('invalid-input', 'a signature recorded for its signer says how it was given (channel)');
  instrument.signatures.push({
    ...withoutUndefined({ recordedBy, channel: p.channel }),
    signer,
    custodial: act.key === state.custodian,
    index: act.index,
    time: act.time,
    link: signatureLink(act),
  });
  instrument.status = 'signing';
};

export const instrumentIssue: CharterReducer<'instrument.issue'> = (state, act, _, admitting) => {
  const instrument = unissued(state, act.payload.instrument);
  const body = instrument.bodyAtDraft;
  checkSigner(state, act, body, undefined);
  const signers = instrument.signatures.map((s) => s.signer);
  const live = instrument.draft.mode === 'live';
  const mayIssue =
    act.actor !== null && (runners(body).has(act.actor) || signers.includes(act.actor));
  if (!transcribed(act, instrument.draft.mode) && !mayIssue)
    fail(
      'forbidden',
      `${actorName(state, act.actor)} may not issue ${instrumentTitled(state, instrument.draft)}: an officer of ${body.name} or a signer does`,
    );
  const refuse = live && admitting;
  const breach = breachOf(refuse, instrument.flags);
  if (instrument.kindRule) {
    const rule = signingRuleMet(instrument.kindRule, body, signers, (p) => personName(state, p));
    // Refused, it is not issued; transcribed, it was, and the flag says it was issued short.
    const what = refuse ? 'not issued' : 'issued short of its signing rule';
    if (!rule.met) breach('signing-rule', `${what}: ${rule.explanation}`);
  }
  const annulled = restsOnAnnulled(state, instrument, refuse);
  if (annulled !== undefined) breach('charter-rule', annulled);
  // A day in words, first: compared with the last day, it would be past or not by its letters.
  if (refuse) checkCalendarDate('payload.date', act.payload.date, 'a live instrument');
  checkIssueDay(instrument, act.payload.date, refuse ? act.time : undefined, breach);
  if (refuse) checkActDay(state, instrument, act.payload.date, act.time, 'issued');
  instrument.status = 'issued';
  instrument.issued = event(act, act.payload.date);
  const answers = instrument.draft.answers;
  const dispatch = answers === undefined ? undefined : state.dispatches.get(answers);
  if (dispatch && !dispatch.closed)
    dispatch.closed = {
      // Kept in the state: the kind by its id, as records written before hold it.
      reason: `answered by ${instrumentInWords(state, instrument)}`,
      index: act.index,
      by: act.actor,
    };
};

/** An instrument is not issued after its last day: on the date the issue gives, or (live) now. */
function checkIssueDay(
  instrument: InstrumentState,
  date: string | undefined,
  now: string | undefined,
  breach: Breach,
): void {
  const until = instrument.draft.until;
  if (until === undefined) return;
  if (date !== undefined && pastLastDay(until, date))
    breach(
      'deadline-passed',
      `issued on ${timeInWords(date)}, after the last day, ${timeInWords(until)}`,
    );
  else if (now !== undefined && pastLastDay(until, now))
    fail(
      'deadline-passed',
      `the last day, ${timeInWords(until)}, is past: the instrument is not issued after it`,
    );
}

/**
 * An instrument is not issued, revoked or settled on a day before the date the document bears
 * (its draft's; live, else the day it was drafted), nor revoked or settled before the day it was
 * issued on: the record would say it ended before it began. Days are compared, a time of day by
 * its day; a date in words (old minutes) is not checked.
 */
function checkNotBeforeDocument(
  state: State,
  instrument: InstrumentState,
  date: string | undefined,
  what: 'issued' | 'revoked' | 'settled',
): void {
  const day = dayOf(date);
  const drafted = instrument.draft.mode === 'live' ? instrument.draftedTime : undefined;
  const bears = dayOf(instrument.draft.date ?? drafted);
  const issuedOn = what === 'issued' ? undefined : dayOf(instrument.issued?.date);
  const since = issuedOn ?? bears;
  if (day === undefined || since === undefined || day >= since) return;
  const when = issuedOn === undefined ? 'the date it bears,' : 'it was issued on';
  fail(
    'invalid-input',
    `payload.date: ${instrumentTitled(state, instrument.draft)} is ${what} on ${timeInWords(date ?? day)}, before ${when} ${dayInWords(since)}`,
  );
}

/**
 * The day an issue, revocation or settlement gives: not before the document, and not after the
 * day of the act that records it (asked of new acts only: minutes record what has happened, and a
 * record written before keeps its days).
 */
function checkActDay(
  state: State,
  instrument: InstrumentState,
  date: string | undefined,
  time: string,
  what: 'issued' | 'revoked' | 'settled',
): void {
  checkNotBeforeDocument(state, instrument, date, what);
  if (instrument.draft.mode === 'live')
    checkCalendarDate('payload.date', date, 'a live instrument');
  checkDayAgainstAct('by', 'payload.date', date, time, DONE[what]);
}

/**
 * The days a live instrument's acts give say when it was written, issued, revoked or settled:
 * not a day after the act that records them (a mandate's last day, ahead, is not one of them).
 */
const DONE = {
  drafted: { what: 'it is drafted', why: 'a document bears a day it was written on' },
  issued: { what: 'its issue is recorded', why: 'an instrument is recorded as issued once it is' },
  revoked: {
    what: 'its revocation is recorded',
    why: 'a mandate is recorded as revoked once it is',
  },
  settled: {
    what: 'its settlement is recorded',
    why: 'a receipt is recorded as settled once it is',
  },
};

export const instrumentRevoke: CharterReducer<'instrument.revoke'> = (
  state,
  act,
  charter,
  admitting,
) => {
  const p = act.payload;
  const instrument = ofKind(
    state,
    p.instrument,
    isMandate,
    'a mandate is revoked; a receipt is settled',
  );
  officerOf(state, act, instrument, charter, admitting);
  requireIssued(state, instrument);
  if (admitting) checkActDay(state, instrument, p.date, act.time, 'revoked');
  if (p.by) adoptedDecision(state, p.by);
  instrument.status = 'revoked';
  instrument.revoked = { ...event(act, p.date, p.reason), ...withoutUndefined({ decision: p.by }) };
};

export const instrumentSettle: CharterReducer<'instrument.settle'> = (
  state,
  act,
  charter,
  admitting,
) => {
  const p = act.payload;
  const instrument = ofKind(state, p.instrument, isReceipt, 'only a receipt is settled');
  const creditor = instrument.draft.from;
  byBodyActing(charter, instrument, admitting, (body) => {
    checkSigner(state, act, body, undefined);
    const officer = act.actor !== null && runners(body).has(act.actor);
    if (act.actor !== creditor && !officer && !transcribed(act, instrument.draft.mode))
      fail(
        'forbidden',
        `${actorName(state, act.actor)} may not settle ${instrumentTitled(state, instrument.draft)}: an officer of ${body.name}${creditor === undefined ? '' : ` or its creditor, ${personName(state, creditor)},`} does`,
      );
  });
  requireIssued(state, instrument);
  if (admitting) checkActDay(state, instrument, p.date, act.time, 'settled');
  instrument.status = 'settled';
  instrument.settled = event(act, p.date, p.note);
};

export const instrumentAnnul: CharterReducer<'instrument.annul'> = (
  state,
  act,
  charter,
  admitting,
) => {
  const p = act.payload;
  const instrument = instrumentOf(state, p.instrument);
  officerOf(state, act, instrument, charter, admitting);
  if (instrument.status === 'annulled' || instrument.status === 'superseded')
    fail(
      'conflict',
      `${instrumentTitled(state, instrument.draft)} is ${instrument.status} already`,
    );
  const decision = adoptedDecision(state, p.by);
  if (decision.index < instrument.draftedAt)
    fail(
      'charter-rule',
      `${decisionInWords(state, p.by)} came before ${instrumentTitled(state, instrument.draft)}: a later decision annuls it`,
    );
  if (p.supersededBy !== undefined) {
    const next = instrumentOf(state, p.supersededBy);
    if (next.id === instrument.id) fail('invalid-input', 'an instrument does not supersede itself');
  }
  instrument.status = p.supersededBy === undefined ? 'annulled' : 'superseded';
  instrument.annulled = {
    ...event(act, undefined, p.reason),
    decision: p.by,
    ...withoutUndefined({ supersededBy: p.supersededBy }),
  };
};

function event(
  act: RecordedActOf<
    'instrument.issue' | 'instrument.revoke' | 'instrument.settle' | 'instrument.annul'
  >,
  date: string | undefined,
  reason?: string,
): { index: number; by: string | null; date?: string; reason?: string } {
  return { index: act.index, by: act.actor, ...withoutUndefined({ date, reason }) };
}

/** An instrument not yet issued: still drafted or being signed. */
function unissued(state: State, id: string): InstrumentState {
  const instrument = instrumentOf(state, id);
  if (instrument.status !== 'draft' && instrument.status !== 'signing')
    fail(
      'conflict',
      `${instrumentTitled(state, instrument.draft)} is ${instrument.status}: its signatures are closed`,
    );
  return instrument;
}

/** An issued instrument of the nature an act needs (a mandate to revoke, a receipt to settle). */
function ofKind(
  state: State,
  id: string,
  isKind: (i: InstrumentState) => boolean,
  why: string,
): InstrumentState {
  const instrument = instrumentOf(state, id);
  if (!isKind(instrument))
    fail('wrong-kind', `${id} is ${withArticle(kindInWords(instrument.draft.kind))}: ${why}`);
  return instrument;
}

/** Only an instrument in force is revoked or settled; asked once the actor may act on it at all. */
function requireIssued(state: State, instrument: InstrumentState): void {
  if (instrument.status === 'issued') return;
  const unissued = instrument.status === 'signing' || instrument.status === 'draft';
  fail(
    'conflict',
    `${instrumentTitled(state, instrument.draft)} is ${unissued ? 'not issued yet' : `${instrument.status} already`}`,
  );
}

/** A later act on an instrument: its revocation, settlement or annulment. */
type LaterAct = RecordedActOf<'instrument.revoke' | 'instrument.settle' | 'instrument.annul'>;

/**
 * The act is an officer's (or one recording it in minutes) of the instrument's body as
 * byBodyActing reads it: in force when admitted, as drafted for records written before.
 */
function officerOf(
  state: State,
  act: LaterAct,
  instrument: InstrumentState,
  charter: Charter,
  admitting: boolean,
): void {
  byBodyActing(charter, instrument, admitting, (body) => {
    checkSigner(state, act, body, undefined);
    if (!transcribed(act, instrument.draft.mode)) requireOfficer(state, act, body);
  });
}

/**
 * Runs `check` (which throws a refusal) against the issuing body a later act on an instrument
 * (its revocation, settlement or annulment) answers to. Admitted, that is the body as the charter
 * in force has it, as for every act: who sits on it now acts for it, not who sat when it was
 * drafted (the body as drafted where the charter no longer has it). Replayed, an act passes as it
 * was admitted: by the body as drafted, as records written before were, or as in force.
 */
function byBodyActing(
  charter: Charter,
  instrument: InstrumentState,
  admitting: boolean,
  check: (body: Body) => void,
): void {
  const now = charter.bodies.get(instrument.draft.body);
  if (admitting || now === undefined) return check(now ?? instrument.bodyAtDraft);
  try {
    check(instrument.bodyAtDraft);
  } catch {
    check(now);
  }
}

/** The adopted decision `ref` names: a later act on an instrument rests on nothing less. */
export function adoptedDecision(state: State, ref: DecisionRef) {
  const decision =
    findDecision(state, ref) ??
    fail('not-found', `no ${decisionInWords(state, ref)} in the record`);
  if (decision.decision?.outcome !== 'adopted')
    fail('charter-rule', `${decisionInWords(state, ref)} was not adopted`);
  return decision;
}
