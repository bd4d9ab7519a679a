/**
 * The reducer of every act type, one module per family of acts (the prefix of the type), each
 * reducer named after its act type: `vote.open` is `voteOpen` of vote.ts.
 */
import type { ActType } from '../../acts.js';
import { attendanceArrive, attendanceDepart, attendanceExcuse } from './attendance.js';
import { ballotCast } from './ballot.js';
import { charterAdopt, charterAmend } from './charter.js';
import {
  circulationAnswer,
  circulationClose,
  circulationConfirm,
  circulationDispute,
  circulationOpen,
  circulationWithdraw,
} from './circulation.js';
import { dispatchClose, dispatchRefer, dispatchRegister } from './dispatch.js';
import {
  instrumentAnnul,
  instrumentDraft,
  instrumentIssue,
  instrumentRevoke,
  instrumentSettle,
  instrumentSign,
} from './instrument.js';
import { memberEnrol, memberInvite, memberRevoke } from './member.js';
import { motionPropose } from './motion.js';
import { proxyGrant, proxyRevoke } from './proxy.js';
import { underCharter, type Reducer } from './reducer.js';
import { minutesObject, minutesSign } from './minutes.js';
import { sessionClose, sessionConvene, sessionOpen } from './session.js';
import { voteCasting, voteClose, voteCount, voteOpen } from './vote.js';

export type { CharterReducer, Reducer, RecordedActOf } from './reducer.js';

/**
 * The reducer of each act type, through which `applyAct` folds every entry. Typed over all of
 * `ActType`, so an act type without a reducer here does not compile.
 *
 * @example Adding a family of acts, say a register of complaints:
 * ```ts
 * // 1. core/acts.ts: the act type and its payload, in `Acts` and in `ACT_TYPES`.
 * 'complaint.register': { complaint: string; body: string; text: string };
 *
 * // 2. core/payloads.ts: its payload's schema, in `ACT_PAYLOADS` (checked on every new act).
 * 'complaint.register': z.strictObject({ complaint: id, body: id, text: text(10_000) }),
 *
 * // 3. core/state/reducers/complaint.ts: its checks, then its change (the state it changes
 * //    goes in core/state/model.ts). Every check comes before the first change; the shared ones
 * //    are in core/state (authority.ts, body.ts, lookup.ts, roster.ts). A rule added later to a
 * //    type that records hold already is asked of new acts only: `if (admitting) check(...)`,
 * //    the reducer's fourth argument (reducer.ts), so that those records still open.
 * export const complaintRegister: CharterReducer<'complaint.register'> = (state, act, charter) => {
 *   const body = bodyOf(charter, act.payload.body);
 *   checkSigner(state, act, body, undefined);
 *   requireOfficer(state, act, body);
 *   if (state.complaints.has(act.payload.complaint))
 *     fail('conflict', `complaint '${act.payload.complaint}' exists already`);
 *   state.complaints.set(act.payload.complaint, { ...act.payload, registeredAt: act.index });
 * };
 *
 * // 4. here: its entry, under the charter like every act but the charter's adoption.
 * 'complaint.register': underCharter(complaintRegister),
 * ```
 */
export const REDUCERS: { readonly [T in ActType]: Reducer<T> } = {
  'charter.adopt': charterAdopt,
  'charter.amend': underCharter(charterAmend),
  'member.invite': underCharter(memberInvite),
  'member.enrol': underCharter(memberEnrol),
  'member.revoke': underCharter(memberRevoke),
  'session.open': underCharter(sessionOpen),
  'session.close': underCharter(sessionClose),
  'session.convene': underCharter(sessionConvene),
  'attendance.excuse': underCharter(attendanceExcuse),
  'attendance.arrive': underCharter(attendanceArrive),
  'attendance.depart': underCharter(attendanceDepart),
  'motion.propose': underCharter(motionPropose),
  'vote.open': underCharter(voteOpen),
  'ballot.cast': underCharter(ballotCast),
  'vote.count': underCharter(voteCount),
  'vote.casting': underCharter(voteCasting),
  'vote.close': underCharter(voteClose),
  'proxy.grant': underCharter(proxyGrant),
  'proxy.revoke': underCharter(proxyRevoke),
  'circulation.open': underCharter(circulationOpen),
  'circulation.answer': underCharter(circulationAnswer),
  'circulation.confirm': underCharter(circulationConfirm),
  'circulation.dispute': underCharter(circulationDispute),
  'circulation.withdraw': underCharter(circulationWithdraw),
  'circulation.close': underCharter(circulationClose),
  'dispatch.register': underCharter(dispatchRegister),
  'dispatch.refer': underCharter(dispatchRefer),
  'dispatch.close': underCharter(dispatchClose),
  'instrument.draft': underCharter(instrumentDraft),
  'instrument.sign': underCharter(instrumentSign),
  'instrument.issue': underCharter(instrumentIssue),
  'instrument.revoke': underCharter(instrumentRevoke),
  'instrument.settle': underCharter(instrumentSettle),
  'instrument.annul': underCharter(instrumentAnnul),
  'minutes.sign': underCharter(minutesSign),
  'minutes.object': underCharter(minutesObject),
};
