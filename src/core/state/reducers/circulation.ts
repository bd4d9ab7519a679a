/**
 * Questions put outside a session: opened by an officer (or a member where the charter lets
 * them), answered in writing by each member asked, closed with the outcome the rule gives at the
 * deadline (by the organization) or as soon as it can no longer change, or withdrawn.
 */
import { circulationRule } from '../../charter/build.js';
import type { Body, Charter } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { sameJson, withoutUndefined } from '../../json.js';
import { timeInWords } from '../../minutes/words.js';
import { namedTwice } from '../../payloads.js';
import { actorName, circulationInWords, grantInWords, personName } from '../names.js';
import { grantHeld } from '../proxies.js';
import { tolerantQuorum } from '../../rules/index.js';
import {
  checkSigner,
  hasKey,
  officers,
  requireOfficer,
  requireOrganizationAct,
  roleRefusal,
  runners,
} from '../authority.js';
import type { RoleRefusal } from '../authority.js';
import { bodyOf } from '../body.js';
import { checkCalendarDate, checkDayAgainstAct, checkDeadlineWithin } from '../bounds.js';
import {
  decideCirculationIn,
  drawInMissing,
  isSettled,
  stillOpenInWords,
} from '../circulations.js';
import { decidedByEachBodyAlone } from '../decide.js';
import { decisionDifference } from '../decision-difference.js';
import { circulationOf, dispatchAnswered } from '../lookup.js';
import { decisionOf, provisionalIf } from '../decisions.js';
import type { CirculationState, State } from '../model.js';
import { checkAtHand, listed, prepareVoteLookups, requirePerson } from '../roster.js';
import { checkEachBodyWithin, checkQuorumWithin } from './circulation-within.js';
import { checkPower } from './motion.js';
import { checkApproval, putForApproval } from './minutes.js';
import type { CharterReducer, RecordedActOf } from './reducer.js';

export const circulationOpen: CharterReducer<'circulation.open'> = (
  state,
  act,
  charter,
  admitting,
) => {
  const p = act.payload;
  const body = bodyOf(charter, p.body);
  if (state.circulations.has(p.circulation))
    fail('conflict', `circulation '${p.circulation}' exists already`);
  if (admitting && state.dispatches.has(p.circulation))
    fail(
      'conflict',
      `'${p.circulation}' is a dispatch's id already: a circulation takes another, as a question is named by either`,
    );
  checkSigner(state, act, body, undefined);
  const live = p.mode === 'live';
  const flags: string[] = [];
  const refuse = roleRefusal(state, act, body, undefined, live, admitting);
  checkPutter(state, act.actor, body, refuse, flags);
  checkTimes(act, admitting);
  const asked = askedOf(charter, body, p.to);
  const notVoting = asked.filter((m) => !mayBeAsked(charter, body, m));
  const drawnIn = asked.filter((m) => !listed(body.votingMembers, m) && !notVoting.includes(m));
  // A transcription keeps them (`notVoting`), flagged once when decided (decideCirculationIn).
  // Refusals are not kept, so they name people and bodies; flags, kept as written, give ids.
  if (live && notVoting.length > 0)
    fail(
      'not-member',
      `${personName(state, notVoting[0]!)} is not a voting member of ${body.name}`,
    );
  const rule = p.rule ? circulationRule(p.rule) : body.circulation?.rule;
  const newRules = live && admitting;
  if (newRules) checkQuorumWithin(body, rule, asked.length - drawnIn.length, drawnIn.length);
  if (newRules) checkEachBodyWithin(charter, body, rule, asked);
  if (live) checkPower(body, p.power);
  if (newRules) checkAtHand(charter, body, p.atHand);
  const missing = drawInMissing({ bodyAtOpen: body, atHand: p.atHand ?? [], asked });
  if (live && missing.length > 0)
    fail(
      'charter-rule',
      `${body.name} must ask the members of its parent who are at hand: ${missing.map((m) => personName(state, m)).join(', ')} not asked`,
    );
  const dispatch =
    p.dispatch === undefined ? undefined : dispatchAnswered(state, p.dispatch, body.id, newRules);
  if (p.follows) decisionOf(state, p.follows);
  const minutes = p.approves && checkApproval(state, charter, body, p.approves);
  state.circulations.set(p.circulation, {
    ...withoutUndefined({
      to: p.to,
      rule,
      date: p.date,
      dispatch: p.dispatch,
      power: p.power,
      atHand: p.atHand,
      follows: p.follows,
      approves: p.approves,
      notVoting: notVoting.length > 0 ? notVoting : undefined,
      drawnIn: drawnIn.length > 0 ? drawnIn : undefined,
      parts: partsOf(charter, body),
    }),
    id: p.circulation,
    body: body.id,
    mode: p.mode,
    text: p.text,
    by: act.actor,
    deadline: p.deadline,
    asked,
    bodyAtOpen: body,
    openedAt: act.index,
    openedTime: act.time,
    status: 'open',
    answers: new Map(),
    flags,
  });
  prepareVoteLookups(asked, body);
  dispatch?.circulations.push(p.circulation);
  if (minutes) putForApproval(minutes, { circulation: p.circulation });
};

export const circulationAnswer: CharterReducer<'circulation.answer'> = (
  state,
  act,
  _,
  admitting,
) => {
  const p = act.payload;
  const c = openCirculation(state, p.circulation);
  const live = c.mode === 'live';
  if (act.actor !== p.member)
    fail('forbidden', `an answer of ${personName(state, p.member)} is theirs to give`);
  refuseAnswerByProxy(state, act, c);
  checkSigner(state, act, c.bodyAtOpen, undefined, true);
  const recordedBy = act.signer !== act.actor ? (act.signer ?? undefined) : undefined;
  if (live && recordedBy !== undefined && p.channel === undefined)
    fail('invalid-input', 'an answer recorded for a member says how it came (channel)');
  // Minutes record the answers they give; one's own answer recorded in them is one asked for.
  const refuse = roleRefusal(state, act, c.bodyAtOpen, undefined, live, admitting);
  if (refuse && !listed(c.asked, p.member))
    refuse(
      'not-asked',
      `${personName(state, p.member)} was not asked ${circulationInWords(state, c.id)}`,
    );
  // An answer recorded for a member was given before it is recorded. Minutes give times as they
  // were, and are left alone.
  if (admitting && live && p.at !== undefined && p.at > act.time)
    fail(
      'invalid-input',
      `the answer is said to be given at ${timeInWords(p.at)}, later than it is recorded (${timeInWords(act.time)}): an answer is recorded once given`,
    );
  if (admitting && !live)
    checkDayAgainstAct('by', 'payload.at', p.at, act.time, {
      what: 'it is recorded',
      why: 'minutes transcribe an answer that has been given',
    });
  const at = p.at ?? act.time;
  if (live && (act.time > c.deadline || at > c.deadline))
    fail(
      'deadline-passed',
      `${circulationInWords(state, c.id)} took answers until ${timeInWords(c.deadline)}`,
    );
  // Only a time claimed for the answer is held to the question's: an entry's own time is the
  // signing device's, which may run a little behind the one that timed the question.
  if (live && p.at !== undefined && p.at < c.openedTime)
    fail(
      'invalid-input',
      `an answer comes after its question, put on ${timeInWords(c.openedTime)}`,
    );
  const before = c.answers.get(p.member);
  if (before && before.disputed === undefined && c.bodyAtOpen.secondBallot === 'refuse')
    fail(
      'duplicate-answer',
      `${personName(state, p.member)} has answered ${circulationInWords(state, c.id)} already`,
    );
  // Where a second answer replaces the first, the member's own signed answer is theirs alone to
  // change: an officer recording one for them would set it aside.
  const ownAnswer = before !== undefined && before.recordedBy === undefined && !before.disputed;
  if (admitting && live && ownAnswer && recordedBy !== undefined)
    fail(
      'forbidden',
      `${personName(state, p.member)} gave their answer to ${circulationInWords(state, c.id)} themself: only they may change it`,
    );
  c.answers.delete(p.member);
  c.answers.set(p.member, {
    ...withoutUndefined({
      comment: p.comment,
      channel: p.channel,
      recordedBy,
      at: live ? at : p.at,
    }),
    member: p.member,
    choice: p.choice,
    // Live, a late answer was refused above; minutes that give no time list it among those in time.
    late: p.at !== undefined && p.at > c.deadline,
    index: act.index,
    ...(before ? { replaced: { choice: before.choice, index: before.index } } : {}),
  });
};

/**
 * A proxy holder, no officer, recording the grantor's answer is refused as checkSigner refuses
 * anyone else, saying why the proxy does not let them: it is for votes in session.
 */
function refuseAnswerByProxy(
  state: State,
  act: RecordedActOf<'circulation.answer'>,
  c: CirculationState,
): void {
  const holder = act.signer;
  if (holder === null || act.actor === null || holder === act.actor) return;
  if (runners(c.bodyAtOpen).has(holder)) return;
  const grant = grantHeld(state, act.actor, holder, c.body, act.time);
  if (grant)
    fail(
      'forbidden',
      `${personName(state, holder)} may not answer for ${personName(state, act.actor)}: ${grantInWords(state, grant.id)} is for votes in session, not for answers in writing, which are the member's own or recorded by the chair or secretary of ${c.bodyAtOpen.name}`,
    );
}

export const circulationConfirm: CharterReducer<'circulation.confirm'> = (
  state,
  act,
  _,
  admitting,
) => {
  const answer = recordedAnswer(state, act, admitting);
  answer.confirmedAt = act.index;
};

export const circulationDispute: CharterReducer<'circulation.dispute'> = (
  state,
  act,
  _,
  admitting,
) => {
  const c = openCirculation(state, act.payload.circulation);
  const answer = recordedAnswer(state, act, admitting);
  // A disputed answer stops counting, and the member may answer again only by the deadline: past
  // it, a dispute would change the outcome its answers gave, before or after the server's close.
  if (admitting && c.mode === 'live' && act.time > c.deadline)
    fail(
      'deadline-passed',
      `${circulationInWords(state, c.id)} took answers until ${timeInWords(c.deadline)}: the answer recorded for ${personName(state, act.payload.member)} stands`,
    );
  answer.disputed = { ...withoutUndefined({ reason: act.payload.reason }), index: act.index };
};

export const circulationWithdraw: CharterReducer<'circulation.withdraw'> = (
  state,
  act,
  _,
  admitting,
) => {
  const c = openCirculation(state, act.payload.circulation);
  checkSigner(state, act, c.bodyAtOpen, undefined);
  if (act.actor === null || act.actor !== c.by) requireOfficer(state, act, c.bodyAtOpen);
  // Past its deadline the answers have decided it: withdrawing would set aside their outcome.
  if (admitting && c.mode === 'live' && act.time >= c.deadline)
    fail(
      'deadline-passed',
      `${circulationInWords(state, c.id)} took answers until ${timeInWords(c.deadline)}: it is closed with the outcome they give, not withdrawn`,
    );
  c.status = 'withdrawn';
  c.withdrawn = { ...withoutUndefined({ reason: act.payload.reason }), index: act.index };
};

export const circulationClose: CharterReducer<'circulation.close'> = (state, act, _, admitting) => {
  const p = act.payload;
  const c = openCirculation(state, p.circulation);
  if (act.actor === null)
    requireOrganizationAct(state, act, 'closing a circulation at its deadline');
  else {
    checkSigner(state, act, c.bodyAtOpen, undefined);
    requireOfficer(state, act, c.bodyAtOpen);
  }
  if (c.mode === 'live' && act.time < c.deadline && !isSettled(c))
    fail(
      'conflict',
      `the outcome of ${circulationInWords(state, c.id)} can still change until it closes on ${timeInWords(c.deadline)}: ${stillOpenInWords(state, c)}`,
    );
  if (admitting && c.mode === 'minutes') checkTranscribedClose(state, c, act.time);
  const decision = decideCirculationIn(c);
  if (!sameJson(decision, p.decision) && !countedBefore(c, p.decision, admitting))
    fail(
      'charter-rule',
      `the decision recorded for ${circulationInWords(state, c.id)} is not what the rule gives: ${decisionDifference(p.decision, decision, 'the rule')}`,
    );
  const ratification = provisionalIf(c.bodyAtOpen, 'circulation', decision);
  c.status = 'closed';
  c.closedAt = act.index;
  c.closedTime = act.time;
  c.decision = p.decision;
  if (p.stated !== undefined) c.stated = p.stated;
  if (ratification) c.ratification = ratification;
};

/**
 * Minutes transcribe what has happened: a question whose deadline is still to come is closed
 * only where the answers not given could no longer change its outcome (new acts only: a record
 * written before keeps its closes).
 */
function checkTranscribedClose(state: State, c: CirculationState, now: string): void {
  if (now >= c.deadline) return;
  const missing = c.asked.filter((m) => !c.answers.has(m));
  if (isSettled(c, missing)) return;
  fail(
    'conflict',
    `${circulationInWords(state, c.id)} takes answers until ${timeInWords(c.deadline)}, and ${missing.map((m) => personName(state, m)).join(', ')} may still answer and change its outcome: minutes transcribe a question once its deadline has passed, or once its outcome can no longer change`,
  );
}

/**
 * A question put now takes answers until a deadline to come, within a year; one transcribed from
 * minutes was put on a day that has come (new acts only: a record written before keeps its days).
 */
function checkTimes(act: RecordedActOf<'circulation.open'>, admitting: boolean): void {
  const p = act.payload;
  if (p.mode !== 'live') {
    if (admitting)
      checkDayAgainstAct('by', 'payload.date', p.date, act.time, {
        what: 'it is recorded',
        why: 'minutes transcribe a question that has been put',
      });
    return;
  }
  if (admitting) {
    // The register of decisions dates a question by it: a live one bears the day it is put.
    checkCalendarDate('payload.date', p.date, 'a question put now');
    checkDayAgainstAct('on', 'payload.date', p.date, act.time, {
      what: 'the question is put',
      why: 'a question is dated the day it is put',
    });
  }
  if (p.deadline <= act.time)
    fail(
      'deadline-passed',
      `the deadline, ${timeInWords(p.deadline)}, is in the past (it is ${timeInWords(act.time)})`,
    );
  if (admitting) checkDeadlineWithin(p.deadline, act.time);
}

/**
 * A record written before the answers of those asked without a vote stopped counting, before
 * they were flagged once, before a joint body's question was counted by each body, before a
 * fraction quorum was exact, before a question to a whole body without a rule was told from a
 * consultation (its advice explained as a consultation's), or before the answers of members drawn
 * in from the parent stopped counting, holds the decision counted so: replayed, it stands as
 * written.
 */
function countedBefore(c: CirculationState, recorded: unknown, admitting: boolean): boolean {
  if (admitting) return false;
  const counted = c.drawnIn === undefined ? [c] : [c, { ...c, drawnIn: undefined }];
  const readings = counted.flatMap((was) =>
    was.rule === undefined && was.to === undefined ? [was, { ...was, to: was.asked }] : [was],
  );
  return readings.some((was) => countedSo(was, recorded));
}

/** Whether the decision recorded is the one of the earlier readings of `c`'s count. */
function countedSo(c: CirculationState, recorded: unknown): boolean {
  if (sameJson(decideCirculationIn(c), recorded)) return true;
  const quorum = c.rule?.kind === 'majority' ? c.rule.quorum : undefined;
  if (quorum?.kind === 'fraction') {
    const tolerant = { ...c, rule: { ...c.rule!, quorum: tolerantQuorum(quorum) } };
    if (sameJson(decideCirculationIn(tolerant), recorded)) return true;
  }
  if (c.notVoting === undefined && c.parts === undefined) return false;
  const { notVoting: _, ...counting } = c;
  const { parts: __, ...jointly } = c;
  const { notVoting: ___, parts: ____, ...both } = c;
  const now = decideCirculationIn(c);
  if (sameJson(decidedByEachBodyAlone(now), recorded)) return true;
  if (sameJson(decideCirculationIn(c, true), recorded)) return true;
  return [counting, jointly, both].some((was) => sameJson(decideCirculationIn(was), recorded));
}

/** The bodies of a joint body that votes by each body, with their voting members. */
function partsOf(charter: Charter, body: Body): CirculationState['parts'] {
  if (body.joint?.votes !== 'each-body') return undefined;
  return body.joint.bodies.flatMap((id) => {
    const part = charter.bodies.get(id);
    return part ? [{ body: id, votingMembers: [...part.votingMembers] }] : [];
  });
}

/** Who may put a question: the body's officers, and its voting members where the charter says. */
/**
 * Refuses (`refuse`: live, or in minutes held to the actor's role) a question put by someone who
 * may not put one, saying who may; a transcription records it and flags it (with ids, as its
 * flags are written).
 */
function checkPutter(
  state: State,
  actor: string | null,
  body: Body,
  refuse: RoleRefusal | undefined,
  flags: string[],
): void {
  if (mayPut(body, actor)) return;
  if (refuse)
    refuse(
      'forbidden',
      `${actorName(state, actor)} may not put a question to ${body.name}: ${whoMayPut(state, body)}`,
    );
  flags.push(`${actor ?? 'nobody'} may not put a question to ${body.id}`);
}

/** Who may put a question to `body`, in words: its officers, and its voting members if they may. */
function whoMayPut(state: State, body: Body): string {
  const names = [...officers(body)].map((p) => personName(state, p)).join(' or ');
  if (!names) return 'only its voting members may';
  return body.circulation?.putBy === 'members'
    ? `only ${names} or a voting member may`
    : `only ${names} may (its officers; the charter's put-by: members would let its voting members)`;
}

function mayPut(body: Body, actor: string | null): boolean {
  if (actor === null) return false;
  const o = officers(body);
  if (o.has(actor)) return true;
  return (
    listed(body.votingMembers, actor) && (o.size === 0 || body.circulation?.putBy === 'members')
  );
}

/** The members asked: those named (each once), or every voting member of the body. */
function askedOf(charter: Charter, body: Body, to: readonly string[] | undefined): string[] {
  if (to === undefined) return [...body.votingMembers];
  const twice = namedTwice(to);
  if (twice !== undefined)
    fail('invalid-input', `payload.to: '${twice}' is named twice: a member is asked once`);
  for (const m of to) requirePerson(charter, m);
  return [...to];
}

/** A voting member of the body, or of its parent where it must draw in the parent's members. */
function mayBeAsked(charter: Charter, body: Body, person: string): boolean {
  if (listed(body.votingMembers, person)) return true;
  return body.obligations.some(
    (o) =>
      o.kind === 'draw-in-present-members-of' &&
      listed(charter.bodies.get(o.body)?.votingMembers ?? [], person),
  );
}

function openCirculation(state: State, id: string): CirculationState {
  const c = circulationOf(state, id);
  if (c.status !== 'open') fail('conflict', `${circulationInWords(state, id)} is ${c.status}`);
  return c;
}

/** The answer an officer recorded for the member, which the member alone confirms or disputes. */
function recordedAnswer(
  state: State,
  act: RecordedActOf<'circulation.confirm' | 'circulation.dispute'>,
  admitting: boolean,
) {
  const { circulation, member } = act.payload;
  const c = circulationOf(state, circulation);
  // A question withdrawn decides nothing: there is no answer of it left to stand by or dispute.
  if (admitting && c.status === 'withdrawn')
    fail('conflict', `${circulationInWords(state, circulation)} is withdrawn`);
  if (act.actor !== member || act.signer !== member || !hasKey(state, member))
    fail(
      'forbidden',
      `only ${personName(state, member)}, with a key of their own, confirms or disputes their answer`,
    );
  checkSigner(state, act, c.bodyAtOpen, undefined);
  const answer =
    c.answers.get(member) ??
    fail(
      'not-found',
      `${personName(state, member)} has no answer to ${circulationInWords(state, c.id)}`,
    );
  if (answer.recordedBy === undefined)
    fail(
      'conflict',
      `${personName(state, member)} gave that answer themself: there is nothing to ${act.type === 'circulation.confirm' ? 'confirm' : 'dispute'}`,
    );
  if (answer.confirmedAt !== undefined || answer.disputed !== undefined)
    fail('conflict', `${personName(state, member)} has confirmed or disputed that answer already`);
  return answer;
}
