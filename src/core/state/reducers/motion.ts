/** Motions put to a session: by their proposer, or by an officer for them. */
import type { Acts } from '../../acts.js';
import { motionKindOf } from '../../charter/model.js';
import type { Body, Charter, MotionKind } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { reservedAlternative } from '../../rules/index.js';
import { checkSigner, requireOfficer, roleRefusal, sitsOn } from '../authority.js';
import type { RoleRefusal } from '../authority.js';
import { outsidePowers } from '../body.js';
import { amendedCharter, checkOpenQuestions, checkOpenSessions } from '../charters.js';
import { dispatchAnswered, openSession } from '../lookup.js';
import { motionKey } from '../model.js';
import type { DispatchState, MotionState, SessionState, State } from '../model.js';
import { awaits, decisionOf } from '../decisions.js';
import { decisionInWords, notAwaitingInWords, personName, sessionInWords } from '../names.js';
import { withoutUndefined } from '../../json.js';
import { requirePerson } from '../roster.js';
import { checkApproval, putForApproval } from './minutes.js';
import type { CharterReducer } from './reducer.js';
import { checkAgendaItem } from './session.js';

/**
 * A motion is put by someone with a voice in the body: a member, a candidate, one who runs it, or
 * a member of a parent it draws in who is at hand. Not by someone from outside it.
 */
function requireVoice(
  state: State,
  body: Body,
  session: SessionState,
  person: string,
  refuse: RoleRefusal,
): void {
  const drawnIn =
    body.obligations.some((o) => o.kind === 'draw-in-present-members-of') &&
    (session.atHand ?? []).includes(person);
  if (!sitsOn(body, person, session) && !drawnIn)
    refuse(
      'not-member',
      `${personName(state, person)} may not propose a motion in ${body.name}: only its members, candidates and officers do`,
    );
}

/** The motion kind that amendments of the charter are decided as, where a body defines it. */
export const AMENDMENT_KIND = 'amendment';

export const motionPropose: CharterReducer<'motion.propose'> = (state, act, charter, admitting) => {
  const p = act.payload;
  const { session, body } = openSession(state, charter, p.session);
  checkSigner(state, act, body, session);
  const key = motionKey(p.session, p.motion);
  if (state.motions.has(key))
    fail('conflict', `motion '${p.motion}' exists already in ${sessionInWords(state, p.session)}`);
  if (act.actor !== p.proposer) requireOfficer(state, act, body, session);
  if (p.proposer !== undefined) requirePerson(charter, p.proposer);
  // New motions only, and live: minutes name the proposers they name (unless the proposer records
  // their own, roleRefusal), and records keep theirs.
  const refuse = roleRefusal(state, act, body, session, session.mode === 'live', admitting);
  if (admitting && p.proposer !== undefined && refuse)
    requireVoice(state, body, session, p.proposer, refuse);
  checkAlternatives(p.alternatives);
  const special = specialMotion(state, charter, body, p);
  if (admitting && special.fields.amends) checkOpenQuestions(state, special.fields.amends.built);
  const links = checkLinks(state, body, session.mode === 'live', admitting, p);
  checkAgendaItem(state, session, p);
  const minutes = p.approves && checkApproval(state, charter, body, p.approves);
  const kind = kindOf(body, special.kind, admitting);
  const majority = kind?.majority ?? body.majority;
  if (session.mode === 'live') {
    checkPower(body, p.power);
    if (p.majority !== undefined && p.majority !== majority) {
      fail(
        'charter-rule',
        `the charter decides ${special.kind ?? 'such'} motions of ${body.name} by ${majority}, not ${p.majority}`,
      );
    }
  }
  state.motions.set(key, {
    key,
    id: p.motion,
    session: p.session,
    body: body.id,
    text: p.text,
    ...(p.proposer !== undefined ? { proposer: p.proposer } : {}),
    ...(special.kind !== undefined ? { kind: special.kind } : {}),
    ...(p.alternatives !== undefined
      ? { alternatives: p.alternatives, method: p.method ?? 'plurality' }
      : {}),
    ...(p.power !== undefined ? { power: p.power } : {}),
    ...special.fields,
    ...withoutUndefined({
      ratifies: p.ratifies,
      follows: p.follows,
      dispatch: p.dispatch,
      item: p.item,
      approves: p.approves,
    }),
    ...(p.majority !== undefined ? { statedMajority: p.majority } : {}),
    majority,
    quorum: kind?.quorum ?? body.quorum,
    status: 'proposed',
    proposedAt: act.index,
    presentAtOpen: [],
    ballots: new Map(),
  });
  session.motions.push(key);
  links.dispatch?.motions.push(key);
  if (minutes) putForApproval(minutes, { session: p.session, motion: p.motion });
};

/**
 * What a motion continues, checked: a provisional decision it ratifies (live, one awaiting this
 * body, put yes or no), a decision it follows, a dispatch it answers (live and admitting, one
 * still open, of this body's register or referred to it). All must be in the record.
 */
function checkLinks(
  state: State,
  body: Body,
  live: boolean,
  admitting: boolean,
  p: Acts['motion.propose'],
): { dispatch?: DispatchState } {
  if (p.follows) decisionOf(state, p.follows);
  if (p.ratifies) {
    const target = decisionOf(state, p.ratifies);
    if (p.alternatives !== undefined)
      fail('invalid-input', 'a motion that ratifies is put as one formula, not alternatives');
    // A question still open is not yet a decision: say so, not that it needs no ratification.
    if (live && !awaits(target, body.id))
      fail(
        'charter-rule',
        target.decision
          ? notAwaitingInWords(state, p.ratifies, body.id)
          : `${decisionInWords(state, p.ratifies)} is not decided yet: only a decision adopted awaits ratification`,
      );
  }
  return p.dispatch === undefined
    ? {}
    : { dispatch: dispatchAnswered(state, p.dispatch, body.id, live && admitting) };
}

/**
 * The body's rules for a kind of motion; refused when the body names no such kind. A record may
 * hold a motion of a kind named 'constructor' the body never gave, admitted while kinds were looked
 * up among every object's names: it is read as it was, by the body's own rules.
 */
export function kindOf(
  body: Body,
  kind: string | undefined,
  admitting: boolean,
): MotionKind | undefined {
  if (kind === undefined) return undefined;
  const rules = motionKindOf(body, kind);
  if (rules === undefined && (admitting || !(kind in body.motionKinds)))
    fail('invalid-input', `${body.name} has no motion kind '${kind}'`, 'payload.kind');
  return rules;
}

/**
 * What an amendment or a re-invitation adds to a motion, checked: put by a body that is nobody's
 * delegate, as a formula (aye or nay), and an amendment as a valid charter, decided as the body's
 * `amendment` kind of motion where it defines one.
 */
function specialMotion(
  state: State,
  charter: Charter,
  body: Body,
  p: Acts['motion.propose'],
): { kind: string | undefined; fields: Partial<MotionState> } {
  if (p.amends === undefined && p.invites === undefined) return { kind: p.kind, fields: {} };
  if (p.amends !== undefined && p.invites !== undefined)
    fail('invalid-input', 'a motion amends the charter or re-invites a person, not both');
  if (body.parent !== undefined)
    fail(
      'charter-rule',
      `${body.name} is a delegated body: only a body that is no one's delegate decides this`,
    );
  if (p.alternatives !== undefined)
    fail(
      'invalid-input',
      'a motion that amends or re-invites is put as one formula, not alternatives',
    );
  if (p.invites !== undefined) {
    requirePerson(charter, p.invites);
    return { kind: p.kind, fields: { invites: p.invites } };
  }
  const built = amendedCharter(p.amends!, charter);
  checkOpenSessions(state, built);
  const forced = motionKindOf(body, AMENDMENT_KIND) ? AMENDMENT_KIND : undefined;
  if (forced && p.kind !== undefined && p.kind !== forced)
    fail(
      'charter-rule',
      `${body.name} decides amendments of the charter as '${forced}' motions, not '${p.kind}'`,
    );
  return { kind: p.kind ?? forced, fields: { amends: { json: p.amends!, built } } };
}

/** Alternatives, when a motion has them: at least two, each named once, none a reserved name. */
function checkAlternatives(alternatives: readonly string[] | undefined): void {
  if (alternatives === undefined) return;
  if (alternatives.length < 2 || new Set(alternatives).size !== alternatives.length)
    fail('invalid-input', 'a motion with alternatives needs at least two, each named once');
  for (const alternative of alternatives) {
    const reserved = reservedAlternative(alternative);
    if (reserved) fail('invalid-input', reserved);
  }
}

/** Refuses a delegated body's decision that names none of its powers. */
export function checkPower(body: Body, power: string | undefined): void {
  if (outsidePowers(body, power)) {
    fail(
      'charter-rule',
      `${body.name} is a delegated body and decides only under its powers (${body.powers.join(', ')}); name one with power:`,
    );
  }
}
