/**
 * Proxies, granted and revoked by the member who gives them (or recorded for them by an officer),
 * within the charter's `proxies` rules. A transcription of minutes records a grant as stated;
 * what breaks a rule is then flagged in the decisions it touches.
 */
import type { Body } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { checkSigner } from '../authority.js';
import { bodyOf } from '../body.js';
import { motionOf } from '../lookup.js';
import { bodyName, motionInWords, personName, sessionInWords } from '../names.js';
import type { ProxyGrant, SessionState, State } from '../model.js';
import { overlapping } from '../proxies.js';
import { listed, requirePerson } from '../roster.js';
import type { CharterReducer, RecordedActOf } from './reducer.js';

export const proxyGrant: CharterReducer<'proxy.grant'> = (state, act, charter) => {
  const p = act.payload;
  const body = bodyOf(charter, p.body);
  const session = scopeSession(state, act);
  checkSigner(state, act, body, session);
  const grantor =
    act.actor ?? fail('forbidden', 'a proxy is given by a member, not the organization');
  if (state.grants.has(p.grant)) fail('conflict', `proxy grant '${p.grant}' exists already`);
  requirePerson(charter, p.holder);
  if (p.holder === grantor)
    fail('invalid-input', `${personName(state, grantor)} cannot give a proxy to themself`);
  if ((p.session === undefined) === (p.until === undefined))
    fail(
      'invalid-input',
      'a proxy is for one session (or one motion of it) or until a time: give one',
    );
  if (p.until !== undefined && !(p.until > act.time))
    fail('invalid-input', 'a proxy given until a time ends after it is given');
  const grant: ProxyGrant = {
    id: p.grant,
    body: p.body,
    grantor,
    holder: p.holder,
    ...(p.session !== undefined ? { session: p.session } : {}),
    ...(p.motion !== undefined ? { motion: p.motion } : {}),
    ...(p.until !== undefined ? { until: p.until } : {}),
    grantedAt: act.index,
  };
  if (session?.mode !== 'minutes') checkCharterRules(state, body, grant, act.time);
  state.grants.set(grant.id, grant);
};

export const proxyRevoke: CharterReducer<'proxy.revoke'> = (state, act, charter) => {
  const grant =
    state.grants.get(act.payload.grant) ??
    fail('not-found', `no proxy grant '${act.payload.grant}'`);
  const session = grant.session === undefined ? undefined : state.sessions.get(grant.session);
  checkSigner(state, act, bodyOf(charter, grant.body), session);
  if (act.actor !== grant.grantor)
    fail(
      'forbidden',
      `only ${personName(state, grant.grantor)}, who gave it, takes back proxy ${grant.id}`,
    );
  if (grant.revokedAt !== undefined)
    fail('conflict', `proxy ${grant.id} was revoked already (entry ${grant.revokedAt})`);
  grant.revokedAt = act.index;
};

/** The session a grant is for, open, with the motion it names still to be decided. */
function scopeSession(state: State, act: RecordedActOf<'proxy.grant'>): SessionState | undefined {
  const p = act.payload;
  if (p.session === undefined) {
    if (p.motion !== undefined) fail('invalid-input', 'a proxy for one motion names its session');
    return undefined;
  }
  const session = state.sessions.get(p.session) ?? fail('not-found', `no session '${p.session}'`);
  if (session.body !== p.body)
    fail(
      'invalid-input',
      `${sessionInWords(state, session.id)} is a session of ${bodyName(state, session.body)}, not ${bodyName(state, p.body)}`,
    );
  if (session.closedAt !== undefined)
    fail('conflict', `${sessionInWords(state, session.id)} is closed`);
  if (p.motion !== undefined) {
    const motion = motionOf(state, { session: p.session, motion: p.motion });
    if (motion.status === 'closed')
      fail('conflict', `the vote on ${motionInWords(state, motion, false)} is closed`);
  }
  return session;
}

/** The charter's `proxies` rules: allowed at all, between voting members, within the limit. */
function checkCharterRules(state: State, body: Body, grant: ProxyGrant, time: string): void {
  const rule =
    body.proxies ?? fail('charter-rule', `the charter allows no proxies in ${body.name}`);
  const name = (person: string) => personName(state, person);
  for (const [who, person] of [
    ['grantor', grant.grantor],
    ['holder', grant.holder],
  ] as const) {
    if (!listed(body.votingMembers, person) || listed(body.candidates, person))
      fail('not-member', `the ${who}, ${name(person)}, is not a voting member of ${body.name}`);
  }
  const others = overlapping(state, grant, time);
  const given = others.find((g) => g.grantor === grant.grantor);
  if (given)
    fail(
      'conflict',
      `${name(grant.grantor)} has given a proxy that covers this already (${given.id}, to ${name(given.holder)}): revoke it first`,
    );
  const held = others.filter((g) => g.holder === grant.holder).length;
  if (held >= rule.maxPerHolder)
    fail(
      'charter-rule',
      `${name(grant.holder)} holds ${held} ${held === 1 ? 'proxy' : 'proxies'} already, the most ${body.name} allows (max-per-holder: ${rule.maxPerHolder})`,
    );
}
