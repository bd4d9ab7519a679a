/**
 * A body's register of dispatches: incoming requests entered by an officer with their number,
 * referred by inscriptions to people or a body, and closed once answered or set aside.
 */
import { fail } from '../../errors.js';
import { withoutUndefined } from '../../json.js';
import { checkAttachedOnce } from '../attachments.js';
import { checkSigner, requireOfficer } from '../authority.js';
import { bodyOf } from '../body.js';
import { checkCalendarDate, checkDayAgainstAct } from '../bounds.js';
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
  requireOfficer(state, act, body);
  if (admitting) {
    // A file's dispatches give ISO days too: words are only in records written before this rule.
    checkCalendarDate('payload.received', p.received, 'a dispatch registered now');
    checkAttachedOnce('payload.attachments', p.attachments);
    checkDayAgainstAct('by', 'payload.received', p.received, act.time, {
      what: 'the dispatch is registered',
      why: 'a dispatch is registered once received',
    });
  }
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

export const dispatchRefer: CharterReducer<'dispatch.refer'> = (state, act, charter) => {
  const p = act.payload;
  const dispatch = openDispatch(state, p.dispatch);
  const body = bodyOf(charter, dispatch.body);
  checkSigner(state, act, body, undefined);
  requireOfficer(state, act, body);
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
  requireOfficer(state, act, body);
  dispatch.closed = { reason: act.payload.reason, index: act.index, by: act.actor };
};

function openDispatch(state: State, id: string): DispatchState {
  const d = dispatchOf(state, id);
  if (d.closed) fail('conflict', `dispatch '${id}' is closed`);
  return d;
}
