/**
 * Folds one act into the state, after checking that the charter and the state allow it. A refused
 * act throws a DomainError and leaves the state as it was: every check comes before any change.
 */
import type { Acts, RecordedAct } from '../acts.js';
import { charterFromJson } from '../charter/index.js';
import type { Body, Charter } from '../charter/model.js';
import { fail } from '../errors.js';
import { checkSigner, personKey, requireOfficer, requireRegistrar } from './authority.js';
import { fromBase64 } from '../bytes.js';
import { applyKeyChange } from './keys.js';
import { bodyOf, drawInMissing } from './body.js';
import { decideMotion } from './decide.js';
import { sameJson } from '../json.js';
import { motionKey } from './model.js';
import { reservedAlternative } from '../rules/index.js';
import type { MotionState, SessionState, State } from './model.js';

export function applyAct(state: State, act: RecordedAct): void {
  if (act.index !== state.size)
    fail('conflict', `entry ${act.index} arrives where entry ${state.size} belongs`);
  if (act.type === 'charter.adopt') {
    adoptCharter(state, act.payload, act);
  } else {
    const charter = state.charter ?? fail('conflict', 'the record has no charter yet');
    apply(state, charter, act);
  }
  state.size += 1;
}

function adoptCharter(state: State, p: Acts['charter.adopt'], act: RecordedAct): void {
  if (state.size !== 0)
    fail('conflict', 'the charter is adopted by the first entry; amendments are decisions');
  if (act.actor !== null || act.signer !== null)
    fail('forbidden', 'the charter is adopted by the organization, signed with the custodial key');
  if (act.key !== p.custodian)
    fail('forbidden', 'the charter entry is not signed with the custodial key it names');
  state.charter = charterFromJson(p.charter);
  state.custodian = p.custodian;
  state.logKey = p.log;
}

function apply(
  state: State,
  charter: Charter,
  act: Exclude<RecordedAct, { type: 'charter.adopt' }>,
): void {
  switch (act.type) {
    case 'member.invite': {
      const p = act.payload;
      if (!charter.people.has(p.person))
        fail('not-found', `no person '${p.person}' in the charter`);
      checkSigner(state, act, undefined, undefined);
      requireRegistrar(state, charter, act.actor);
      if (!/^[0-9a-f]{64}$/.test(p.token))
        fail('invalid-input', 'an invitation token is given as its hex SHA-256');
      if (state.invitations.has(p.token)) fail('conflict', 'that invitation exists already');
      if (!(p.expires > act.time))
        fail('invalid-input', 'an invitation expires after it is issued');
      state.invitations.set(p.token, { person: p.person, expires: p.expires });
      return;
    }
    case 'member.enrol':
    case 'member.revoke': {
      const p = act.payload;
      if (!charter.people.has(p.person))
        fail('not-found', `no person '${p.person}' in the charter`);
      const invitation = act.type === 'member.enrol' ? act.payload.invitation : undefined;
      if (invitation !== undefined) {
        redeemInvitation(state, act, invitation);
      } else {
        checkSigner(state, act, undefined, undefined);
        requireRegistrar(state, charter, act.actor);
      }
      const current = personKey(state, p.person);
      if (act.type === 'member.revoke') {
        if (current !== p.key) fail('conflict', `${p.person}'s key is not ${p.key}`);
        applyKeyChange(state, act.type, act.payload);
        state.keyChanges.push(act.index);
        return;
      }
      const enrol = act.payload;
      if (!isPublicKey(enrol.key))
        fail('invalid-input', 'a key is 32 bytes of Ed25519 public key, in base64');
      if (state.revoked.get(p.person)?.has(enrol.key))
        fail('conflict', `that key of ${p.person} was revoked: it cannot be enrolled again`);
      if (current !== enrol.replaces) {
        fail(
          'conflict',
          current
            ? `${p.person} has a key already: enrolling a new one replaces ${current}`
            : `${p.person} has no key to replace`,
        );
      }
      applyKeyChange(state, act.type, enrol);
      // Used up only now, with every check passed: a refused enrolment leaves it open.
      if (enrol.invitation !== undefined) state.invitations.delete(enrol.invitation);
      state.keyChanges.push(act.index);
      return;
    }
    case 'session.open': {
      const p = act.payload;
      const body = bodyOf(charter, p.body);
      if (state.sessions.has(p.session)) fail('conflict', `session '${p.session}' exists already`);
      if (p.chair && !body.votingMembers.includes(p.chair))
        fail('not-member', `the chair '${p.chair}' is not a voting member of ${body.id}`);
      checkSigner(state, act, body, undefined);
      requireOfficer(act.actor, body, p.chair ? ({ chair: p.chair } as SessionState) : undefined);
      state.sessions.set(p.session, {
        id: p.session,
        body: p.body,
        mode: p.mode,
        ...(p.title !== undefined ? { title: p.title } : {}),
        ...(p.date !== undefined ? { date: p.date } : {}),
        ...(p.place !== undefined ? { place: p.place } : {}),
        ...(p.chair !== undefined ? { chair: p.chair } : {}),
        ...(p.atHand !== undefined ? { atHand: p.atHand } : {}),
        openedAt: act.index,
        present: new Set(),
        attendance: [],
        motions: [],
      });
      return;
    }
    case 'session.close': {
      const { session, body } = openSession(state, charter, act.payload.session);
      checkSigner(state, act, body, session);
      requireOfficer(act.actor, body, session);
      const open = session.motions.flatMap((k) => {
        const motion = state.motions.get(k);
        return motion?.status === 'open' ? [motion.id] : [];
      });
      if (open.length > 0) fail('conflict', `close the vote on ${open.join(', ')} first`);
      session.closedAt = act.index;
      return;
    }
    case 'attendance.arrive':
    case 'attendance.depart': {
      const p = act.payload;
      const { session, body } = openSession(state, charter, p.session);
      checkSigner(state, act, body, session);
      if (act.actor !== p.person) requireOfficer(act.actor, body, session);
      if (!charter.people.has(p.person))
        fail('not-found', `no person '${p.person}' in the charter`);
      const arriving = act.type === 'attendance.arrive';
      if (session.mode === 'live' && arriving === session.present.has(p.person)) {
        fail(
          'conflict',
          `${p.person} is ${arriving ? 'present already' : 'not present'} at ${session.id}`,
        );
      }
      if (arriving) session.present.add(p.person);
      else session.present.delete(p.person);
      session.attendance.push({
        person: p.person,
        kind: arriving ? 'arrive' : 'depart',
        index: act.index,
      });
      return;
    }
    case 'motion.propose': {
      const p = act.payload;
      const { session, body } = openSession(state, charter, p.session);
      checkSigner(state, act, body, session);
      const key = motionKey(p.session, p.motion);
      if (state.motions.has(key))
        fail('conflict', `motion '${p.motion}' exists already in ${p.session}`);
      if (act.actor !== p.proposer) requireOfficer(act.actor, body, session);
      if (p.proposer !== undefined && !charter.people.has(p.proposer))
        fail('not-found', `no person '${p.proposer}' in the charter`);
      if (
        p.alternatives !== undefined &&
        (p.alternatives.length < 2 || new Set(p.alternatives).size !== p.alternatives.length)
      ) {
        fail('invalid-input', 'a motion with alternatives needs at least two, each named once');
      }
      for (const alternative of p.alternatives ?? []) {
        const reserved = reservedAlternative(alternative);
        if (reserved) fail('invalid-input', reserved);
      }
      const kind =
        p.kind === undefined
          ? undefined
          : (body.motionKinds[p.kind] ??
            fail('invalid-input', `${body.id} has no motion kind '${p.kind}'`));
      const majority = kind?.majority ?? body.majority;
      if (session.mode === 'live') {
        checkPower(body, p.power);
        if (p.majority !== undefined && p.majority !== majority) {
          fail(
            'charter-rule',
            `the charter decides ${p.kind ?? 'such'} motions of ${body.id} by ${majority}, not ${p.majority}`,
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
        ...(p.kind !== undefined ? { kind: p.kind } : {}),
        ...(p.alternatives !== undefined
          ? { alternatives: p.alternatives, method: p.method ?? 'plurality' }
          : {}),
        ...(p.power !== undefined ? { power: p.power } : {}),
        majority: p.majority ?? majority,
        quorum: kind?.quorum ?? body.quorum,
        status: 'proposed',
        proposedAt: act.index,
        presentAtOpen: [],
        ballots: new Map(),
      });
      session.motions.push(key);
      return;
    }
    case 'vote.open': {
      const { session, body, motion } = motionIn(state, charter, act.payload);
      checkSigner(state, act, body, session);
      requireOfficer(act.actor, body, session);
      if (motion.status !== 'proposed')
        fail('conflict', `the vote on ${motion.id} has been opened already`);
      if (session.mode === 'live') checkDrawnIn(body, session);
      motion.status = 'open';
      motion.openedAt = act.index;
      motion.presentAtOpen = [...session.present];
      return;
    }
    case 'ballot.cast': {
      const p = act.payload;
      const { session, body, motion } = motionIn(state, charter, p);
      checkSigner(state, act, body, session);
      if (act.actor !== (p.castBy ?? p.voter))
        fail('forbidden', `a ballot for ${p.voter} must come from ${p.castBy ?? p.voter}`);
      openVote(motion);
      if (motion.counts) fail('conflict', `the vote on ${motion.id} is recorded as counts`);
      if (
        (p.choice === undefined) === (p.alternative === undefined) ||
        (motion.alternatives === undefined) !== (p.alternative === undefined)
      ) {
        fail(
          'invalid-input',
          motion.alternatives
            ? `choose one of ${motion.alternatives.join(', ')} (or abstain)`
            : 'choose aye, nay, abstain, not-voting or declined',
        );
      }
      if (typeof p.alternative === 'string' && !motion.alternatives?.includes(p.alternative)) {
        fail('invalid-input', `'${p.alternative}' is not an alternative of ${motion.id}`);
      }
      if (session.mode === 'live') checkLiveBallot(body, motion, p);
      motion.ballots.delete(p.voter);
      motion.ballots.set(p.voter, {
        voter: p.voter,
        ...(p.choice !== undefined ? { choice: p.choice } : {}),
        ...(p.alternative !== undefined ? { alternative: p.alternative } : {}),
        ...(p.castBy !== undefined ? { castBy: p.castBy } : {}),
        index: act.index,
      });
      return;
    }
    case 'vote.count': {
      const { session, body, motion } = motionIn(state, charter, act.payload);
      checkSigner(state, act, body, session);
      requireOfficer(act.actor, body, session);
      openVote(motion);
      if (motion.ballots.size > 0 || motion.counts)
        fail('conflict', `the vote on ${motion.id} has been recorded already`);
      const allowed = motion.alternatives
        ? [...motion.alternatives, 'abstain']
        : ['aye', 'nay', 'abstain', 'not-voting', 'declined'];
      for (const [k, n] of Object.entries(act.payload.counts)) {
        if (!allowed.includes(k))
          fail('invalid-input', `'${k}' is not one of ${allowed.join(', ')}`);
        if (!Number.isSafeInteger(n) || n < 0)
          fail('invalid-input', `the count for ${k} must be a whole number, 0 or more`);
      }
      motion.counts = act.payload.counts;
      return;
    }
    case 'vote.casting': {
      const { session, body, motion } = motionIn(state, charter, act.payload);
      checkSigner(state, act, body, session);
      const chair = session.chair ?? body.chair;
      if (act.actor !== chair)
        fail('forbidden', `only the chair${chair ? ` (${chair})` : ''} gives a casting vote`);
      if (!body.castingVote && session.mode === 'live')
        fail('charter-rule', `the charter gives the chair of ${body.id} no casting vote`);
      openVote(motion);
      // Minutes record an absent chair's casting vote as written; the decision flags and ignores it.
      if (session.mode === 'live' && !listed(motion.presentAtOpen, act.actor))
        fail(
          'absent',
          `the chair ${act.actor} was not present when the vote on ${motion.id} opened`,
        );
      motion.casting = act.payload.choice;
      return;
    }
    case 'vote.close': {
      const { session, body, motion } = motionIn(state, charter, act.payload);
      checkSigner(state, act, body, session);
      requireOfficer(act.actor, body, session);
      openVote(motion);
      // The decision is the charter's, not the closer's: what is recorded must be what it gives.
      const decision = decideMotion(state, charter, motion);
      if (!sameJson(decision, act.payload.decision)) {
        fail(
          'charter-rule',
          `the decision recorded for ${motion.id} (${String(act.payload.decision?.outcome)}) is not what the charter gives (${decision.outcome})`,
        );
      }
      motion.status = 'closed';
      motion.closedAt = act.index;
      motion.decision = act.payload.decision;
      if (act.payload.stated !== undefined) motion.stated = act.payload.stated;
      return;
    }
  }
}

function openSession(
  state: State,
  charter: Charter,
  id: string,
): { session: SessionState; body: Body } {
  const session = state.sessions.get(id) ?? fail('not-found', `no session '${id}'`);
  if (session.closedAt !== undefined) fail('conflict', `session '${id}' is closed`);
  return { session, body: bodyOf(charter, session.body) };
}

function motionIn(
  state: State,
  charter: Charter,
  p: { session: string; motion: string },
): { session: SessionState; body: Body; motion: MotionState } {
  const { session, body } = openSession(state, charter, p.session);
  const motion =
    state.motions.get(motionKey(p.session, p.motion)) ??
    fail('not-found', `no motion '${p.motion}' in session ${p.session}`);
  return { session, body, motion };
}

function openVote(motion: MotionState): void {
  if (motion.status !== 'open')
    fail(
      'vote-not-open',
      `the vote on ${motion.id} is ${motion.status === 'closed' ? 'closed' : 'not open yet'}`,
    );
}

function checkPower(body: Body, power: string | undefined): void {
  if (body.parent === undefined || body.powers.length === 0) return;
  if (power === undefined || !body.powers.includes(power)) {
    fail(
      'charter-rule',
      `${body.id} is a delegated body and decides only under its powers (${body.powers.join(', ')}); name one with power:`,
    );
  }
}

function checkDrawnIn(body: Body, session: SessionState): void {
  const missing = drawInMissing(body, session);
  if (missing.length > 0)
    fail(
      'charter-rule',
      `${body.id} must draw in the members of its parent who are at hand: ${missing.join(', ')} not present`,
    );
}

function checkLiveBallot(body: Body, motion: MotionState, p: Acts['ballot.cast']): void {
  if (listed(body.candidates, p.voter))
    fail('candidate-no-vote', `${p.voter} is a candidate of ${body.id}: voice, no vote`);
  if (!listed(body.votingMembers, p.voter))
    fail('not-member', `${p.voter} is not a voting member of ${body.id}`);
  if (p.castBy !== undefined && p.castBy !== p.voter) {
    if (!body.proxies) fail('charter-rule', `the charter allows no proxies in ${body.id}`);
    if (!listed(motion.presentAtOpen, p.castBy))
      fail('absent', `the proxy holder ${p.castBy} was not present when the vote opened`);
    const held = [...motion.ballots.values()].filter(
      (b) => b.castBy === p.castBy && b.voter !== p.voter,
    ).length;
    if (held >= body.proxies.maxPerHolder)
      fail('charter-rule', `${p.castBy} holds ${held} proxies already, the most ${body.id} allows`);
  } else if (!listed(motion.presentAtOpen, p.voter)) {
    fail('absent', `${p.voter} was not present when the vote on ${motion.id} opened`);
  }
  if (motion.ballots.has(p.voter) && body.secondBallot === 'refuse') {
    fail('duplicate-ballot', `${p.voter} has voted on ${motion.id} already`);
  }
}

/**
 * Whether `id` is in `list`, by a set made once per list: an assembly's members, and who was
 * present when its vote opened, are looked up for every ballot. The lists are never changed once
 * made (the charter's; a motion's presentAtOpen is replaced, not changed), so a set stays true.
 */
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
function listed(list: readonly string[], id: string): boolean {
  if (list.length < 16) return list.includes(id);
  let set = sets.get(list);
  if (!set) sets.set(list, (set = new Set(list)));
  return set.has(id);
}

/** Checks a self-enrolment: signed with the new key itself, on an open invitation for the person. */
function redeemInvitation(state: State, act: RecordedAct, token: string): void {
  const payload = act.payload as Acts['member.enrol'];
  const open = state.invitations.get(token);
  if (!open || open.person !== payload.person)
    fail('forbidden', `no open invitation for ${payload.person} with that token`);
  if (act.time > open.expires) fail('forbidden', `the invitation expired at ${open.expires}`);
  if (act.actor !== payload.person || act.signer !== payload.person || act.key !== payload.key) {
    fail('forbidden', 'an invitation is redeemed by the person, signing with the key they enrol');
  }
}

function isPublicKey(text: string): boolean {
  try {
    return fromBase64(text).length === 32;
  } catch {
    return false;
  }
}
