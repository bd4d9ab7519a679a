/**
 * Members' keys: invitations, enrolments (by an officer, or by the person redeeming an
 * invitation) and revocations. Any officer acts for others here, so that no one lost key locks
 * the membership; where none can, an adopted motion authorizes the invitation.
 */
import type { Charter } from '../../charter/model.js';
import { fail } from '../../errors.js';
import {
  allOfficers,
  checkSigner,
  hasKey,
  personKeys,
  requireOrganizationAct,
  requireRegistrar,
} from '../authority.js';
import { timeInWords } from '../../minutes/words.js';
import { checkInvitationWithin } from '../bounds.js';
import { applyKeyChange, invitationUsed } from '../keys.js';
import { motionOf } from '../lookup.js';
import { motionInWords, personName } from '../names.js';
import type { State } from '../model.js';
import { requirePerson } from '../roster.js';
import type { CharterReducer, RecordedActOf } from './reducer.js';

export const memberInvite: CharterReducer<'member.invite'> = (state, act, charter, admitting) => {
  const p = act.payload;
  requirePerson(charter, p.person);
  if (p.decision !== undefined) requireInvitingDecision(state, act, p.decision);
  else if (act.actor === p.person && !allOfficers(charter).has(p.person)) {
    // A member inviting themself, for another device, signs with a key they hold already.
    checkSigner(state, act, undefined, undefined);
    if (!hasKey(state, p.person))
      fail('forbidden', `${p.person} holds no key to invite themself with: ask an officer`);
  } else requireRegistrarSigned(state, charter, act);
  if (state.invitations.has(p.token)) fail('conflict', 'that invitation exists already');
  if (!(p.expires > act.time)) fail('invalid-input', 'an invitation expires after it is issued');
  if (admitting) checkInvitationWithin(p.expires, act.time);
  if (p.decision !== undefined) motionOf(state, p.decision).invitedAt = act.index;
  state.invitations.set(p.token, { person: p.person, expires: p.expires });
};

export const memberEnrol: CharterReducer<'member.enrol'> = (state, act, charter) => {
  const p = act.payload;
  requirePerson(charter, p.person);
  if (p.invitation !== undefined) redeemInvitation(state, act, p.invitation);
  else requireRegistrarSigned(state, charter, act);
  if (state.revoked.get(p.person)?.has(p.key))
    fail('conflict', `that key of ${p.person} was revoked: it cannot be enrolled again`);
  const keys = personKeys(state, p.person);
  if (keys.includes(p.key)) fail('conflict', `that key is ${p.person}'s already`);
  if (p.replaces !== undefined && !keys.includes(p.replaces))
    fail('conflict', `${p.person} holds no key ${p.replaces} to replace`);
  applyKeyChange(state, act.type, p);
  state.keysEnrolled.set(p.key, { index: act.index, time: act.time });
  // Used up only now, with every check passed: a refused enrolment leaves it open.
  const invitation = p.invitation === undefined ? undefined : state.invitations.get(p.invitation);
  if (invitation) invitation.used = { index: act.index, time: act.time };
  state.keyChanges.push(act.index);
};

export const memberRevoke: CharterReducer<'member.revoke'> = (state, act, charter) => {
  const p = act.payload;
  requirePerson(charter, p.person);
  // A member may give up a key of theirs themself (a lost laptop, from the phone).
  if (act.actor === p.person && act.signer === p.person)
    checkSigner(state, act, undefined, undefined);
  else requireRegistrarSigned(state, charter, act);
  if (!personKeys(state, p.person).includes(p.key))
    fail('conflict', `${p.key} is not a key of ${p.person}'s`);
  applyKeyChange(state, act.type, p);
  state.keyChanges.push(act.index);
};

/** An act of a registrar, who signs it themself: with no body named, nobody signs for another. */
function requireRegistrarSigned(
  state: State,
  charter: Charter,
  act: RecordedActOf<'member.invite' | 'member.enrol' | 'member.revoke'>,
): void {
  checkSigner(state, act, undefined, undefined);
  requireRegistrar(state, charter, act.actor);
}

/**
 * An invitation of the organization (signed with the custodial key) on the authority of a motion
 * adopted to re-invite the person, and only one for each such motion.
 */
function requireInvitingDecision(
  state: State,
  act: RecordedActOf<'member.invite'>,
  decision: { session: string; motion: string },
): void {
  requireOrganizationAct(state, act, 'an invitation on a decision');
  const motion = motionOf(state, decision);
  const named = motionInWords(state, motion);
  if (motion.invites !== act.payload.person)
    fail('charter-rule', `${named} does not re-invite ${personName(state, act.payload.person)}`);
  if (motion.decision?.outcome !== 'adopted')
    fail('charter-rule', `${named} was not adopted: it authorizes nothing`);
  if (motion.invitedAt !== undefined)
    fail('conflict', `${named} authorized an invitation already (entry ${motion.invitedAt})`);
}

/** Checks a self-enrolment: signed with the new key itself, on an open invitation for the person. */
function redeemInvitation(state: State, act: RecordedActOf<'member.enrol'>, token: string): void {
  const payload = act.payload;
  const open = state.invitations.get(token);
  if (!open || open.person !== payload.person)
    fail('forbidden', `no open invitation for ${payload.person} with that token`);
  if (open.used) fail('forbidden', invitationUsed(open.used));
  if (act.time > open.expires)
    fail('forbidden', `the invitation expired on ${timeInWords(open.expires)}`);
  if (act.actor !== payload.person || act.signer !== payload.person || act.key !== payload.key) {
    fail('forbidden', 'an invitation is redeemed by the person, signing with the key they enrol');
  }
}
