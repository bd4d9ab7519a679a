/**
 * The minutes of a closed session: signed by its chair and the body's secretary over their
 * content hash, approved by a decision (a motion or circulation that `approves` them), objected
 * to by a member who disagrees with them.
 */
import type { DecisionRef, MinutesRef } from '../../acts.js';
import type { Body, Charter } from '../../charter/model.js';
import { dayOf, withinADay } from '../../calendar.js';
import { fail } from '../../errors.js';
import { dayInWords } from '../../minutes/words.js';
import { minutesContentHash } from '../../minutes/content.js';
import { checkSigner, minutesSigners, sitsOn } from '../authority.js';
import { bodyOf } from '../body.js';
import { checkDayAgainstAct } from '../bounds.js';
import { bodyAtOpening } from '../charters.js';
import { actorName, bodyName, sessionInWords } from '../names.js';
import type { SessionState, State } from '../model.js';
import type { CharterReducer } from './reducer.js';

/** A closed session, with its body under the charter in force. */
function closedSession(
  state: State,
  charter: Charter,
  id: string,
): { session: SessionState; body: Body } {
  const session = state.sessions.get(id) ?? fail('not-found', `no session '${id}'`);
  if (session.closedAt === undefined)
    fail('conflict', `${sessionInWords(state, id)} is still in progress: its minutes are a draft`);
  return { session, body: bodyOf(charter, session.body) };
}

/** Refuses minutes whose content hash is not that of the session's minutes in the record. */
function checkContent(state: State, session: SessionState, content: string): void {
  const actual = minutesContentHash(state, session);
  if (content !== actual)
    fail(
      'content-mismatch',
      `the minutes of ${sessionInWords(state, session.id)} have content ${actual.slice(0, 16)}…, not ${content.slice(0, 16)}…`,
    );
}

/**
 * Refuses a day the minutes are said to be signed or objected to on that cannot be: before the
 * session met (its day, or a live one's opening; a day either way for the office's own calendar),
 * or after the act that records it.
 */
function checkMinutesDay(
  state: State,
  session: SessionState,
  day: string | undefined,
  time: string,
  done: string,
): void {
  if (day === undefined) return;
  checkDayAgainstAct('by', 'payload.date', day, time, {
    what: `it is recorded`,
    why: `minutes are recorded as ${done} once they are`,
  });
  const met =
    dayOf(session.date) ?? (session.mode === 'live' ? session.openedTime.slice(0, 10) : undefined);
  if (met !== undefined && day < met && !withinADay(day, met))
    fail(
      'invalid-input',
      `payload.date: ${dayInWords(day)} is before ${sessionInWords(state, session.id)} met: its minutes are ${done} after it`,
    );
}

export const minutesSign: CharterReducer<'minutes.sign'> = (state, act, charter, admitting) => {
  const p = act.payload;
  const { session, body } = closedSession(state, charter, p.session);
  checkSigner(state, act, body, session);
  // Those who sat sign, as the minutes say: an amendment since changes later sessions' officers.
  const signers = minutesSigners(bodyAtOpening(state, session), session);
  const named = (person: string | null) => actorName(state, person);
  // Records written before took the officers of the charter in force at the signature.
  const allowed = admitting ? signers : [...signers, ...minutesSigners(body, session)];
  if (act.actor === null || !allowed.includes(act.actor))
    fail(
      'not-a-signer',
      `${named(act.actor)} may not sign the minutes of ${sessionInWords(state, session.id)}: ${signers.map(named).join(' and ')} ${signers.length === 1 ? 'signs' : 'sign'} them`,
    );
  if (session.minutes.signatures.some((s) => s.signer === act.actor))
    fail(
      'duplicate-signature',
      `${named(act.actor)} has signed the minutes of ${sessionInWords(state, session.id)} already`,
    );
  checkContent(state, session, p.content);
  if (admitting) checkMinutesDay(state, session, p.date, act.time, 'signed');
  session.minutes.signatures.push({
    signer: act.actor,
    ...(act.signer !== act.actor && act.signer !== null ? { recordedBy: act.signer } : {}),
    content: p.content,
    index: act.index,
    time: act.time,
    ...(p.date !== undefined ? { date: p.date } : {}),
  });
};

export const minutesObject: CharterReducer<'minutes.object'> = (state, act, charter, admitting) => {
  const p = act.payload;
  const { session, body } = closedSession(state, charter, p.session);
  checkSigner(state, act, body, session);
  if (act.actor === null || !sitsOn(body, act.actor, session))
    fail('not-member', `${actorName(state, act.actor)} is not a member of ${body.name}`);
  if (admitting) checkMinutesDay(state, session, p.date, act.time, 'objected to');
  session.minutes.objections.push({
    member: act.actor,
    text: p.text,
    index: act.index,
    time: act.time,
    ...(p.date !== undefined ? { date: p.date } : {}),
  });
};

/**
 * Minutes put for approval by a motion or circulation of `body`: of a closed session of the same
 * body, over the content the record gives them. Refused otherwise, live or transcribed alike: the
 * content hash is computed, not copied from the minutes.
 */
export function checkApproval(
  state: State,
  charter: Charter,
  body: Body,
  approves: MinutesRef,
): SessionState {
  const { session } = closedSession(state, charter, approves.session);
  checkApprovingBody(state, session, body.id);
  checkContent(state, session, approves.content);
  return session;
}

/** Refuses minutes put for approval by a body other than the one that sat: each approves its own. */
export function checkApprovingBody(state: State, session: SessionState, body: string): void {
  if (session.body !== body)
    fail(
      'charter-rule',
      `the minutes of ${sessionInWords(state, session.id)} are approved by ${bodyName(state, session.body)}, not ${bodyName(state, body)}`,
    );
}

/** Records that a decision was put to approve the minutes (checked by checkApproval). */
export function putForApproval(session: SessionState, ref: DecisionRef): void {
  session.minutes.approvals.push(ref);
}
