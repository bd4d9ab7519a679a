/**
 * A body's register of dispatches: incoming requests entered by an officer with their number,
 * referred by inscriptions to people or a body, and closed once answered or set aside.
 */
import { dayAfter, dayOf, isIsoDay } from '../../calendar.js';
import { dayInWords } from '../../minutes/words.js';
import { fail } from '../../errors.js';
import { withoutUndefined } from '../../json.js';
import { checkSigner, requireOfficer } from '../authority.js';
import { bodyOf } from '../body.js';
import { dispatchOf } from '../lookup.js';
import type { DispatchState, State } from '../model.js';
import { requirePerson } from '../roster.js';
import type { CharterReducer } from './reducer.js';

export const dispatchRegister: CharterReducer<'dispatch.register'> = (
  state,
  act,
  charter,
  admitting,
) => {
  const p = act.payload;
  const body = bodyOf(charter, p.body);
  checkSigner(state, act, body, undefined);
  requireOfficer(state, act.actor, body);
  if (admitting) checkReceived(p.received, act.time);
  if (state.dispatches.has(p.dispatch))
    fail('conflict', `dispatch '${p.dispatch}' is in the register already`);
  // A question is named by its dispatch's id or a circulation's: one name, one of them.
  if (admitting && state.circulations.has(p.dispatch))
    fail(
      'conflict',
      `'${p.dispatch}' is a circulation's id already: a dispatch takes another, as a question is named by either`,
    );
  const same = [...state.dispatches.values()].find(
    (d) => d.body === p.body && d.number === p.number,
  );
  if (same)
    fail('conflict', `number ${p.number} is in the register of ${p.body} already (${same.id})`);
  state.dispatches.set(p.dispatch, {
    id: p.dispatch,
    body: p.body,
    number: p.number,
    received: p.received,
    from: p.from,
    channel: p.channel,
    text: p.text,
    attachments: p.attachments ?? [],
    registeredBy: act.actor,
    registeredAt: act.index,
    referrals: [],
    circulations: [],
    motions: [],
  });
};

/**
 * A dispatch is registered once it came: a day it was received that is later than the day it is
 * registered (a year mistyped, 2062 for 2026) is refused rather than kept for ever. The day of
 * the act is UTC's, and the received day the office's own, which may be a day ahead of it (east
 * of Greenwich): that day is taken too. A date in words (old minutes) is not checked.
 */
function checkReceived(received: string, time: string): void {
  const day = dayOf(received);
  const today = time.slice(0, 10);
  if (day !== undefined && isIsoDay(today) && day > dayAfter(today))
    fail(
      'invalid-input',
      `payload.received: ${dayInWords(day)} is after the day the dispatch is registered (${dayInWords(today)}): a dispatch is registered once received`,
    );
}

export const dispatchRefer: CharterReducer<'dispatch.refer'> = (state, act, charter) => {
  const p = act.payload;
  const dispatch = openDispatch(state, p.dispatch);
  const body = bodyOf(charter, dispatch.body);
  checkSigner(state, act, body, undefined);
  requireOfficer(state, act.actor, body);
  if (p.people === undefined && p.body === undefined)
    fail('invalid-input', 'a referral is to people, to a body, or both');
  for (const person of p.people ?? []) requirePerson(charter, person);
  if (p.body !== undefined) bodyOf(charter, p.body);
  dispatch.referrals.push({
    ...withoutUndefined({ body: p.body }),
    by: act.actor,
    inscription: p.inscription,
    people: p.people ?? [],
    index: act.index,
  });
};

export const dispatchClose: CharterReducer<'dispatch.close'> = (state, act, charter) => {
  const dispatch = openDispatch(state, act.payload.dispatch);
  const body = bodyOf(charter, dispatch.body);
  checkSigner(state, act, body, undefined);
  requireOfficer(state, act.actor, body);
  dispatch.closed = { reason: act.payload.reason, index: act.index, by: act.actor };
};

function openDispatch(state: State, id: string): DispatchState {
  const d = dispatchOf(state, id);
  if (d.closed) fail('conflict', `dispatch '${id}' is closed`);
  return d;
}
