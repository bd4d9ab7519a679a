/** Motions put to a session: by their proposer, or by an officer for them. */
import type { Body } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { reservedAlternative } from '../../rules/index.js';
import { checkSigner, requireOfficer } from '../authority.js';
import { outsidePowers } from '../body.js';
import { openSession } from '../lookup.js';
import { motionKey } from '../model.js';
import { requirePerson } from '../roster.js';
import type { CharterReducer } from './reducer.js';

export const motionPropose: CharterReducer<'motion.propose'> = (state, act, charter) => {
  const p = act.payload;
  const { session, body } = openSession(state, charter, p.session);
  checkSigner(state, act, body, session);
  const key = motionKey(p.session, p.motion);
  if (state.motions.has(key))
    fail('conflict', `motion '${p.motion}' exists already in ${p.session}`);
  if (act.actor !== p.proposer) requireOfficer(act.actor, body, session);
  if (p.proposer !== undefined) requirePerson(charter, p.proposer);
  checkAlternatives(p.alternatives);
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
};

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

function checkPower(body: Body, power: string | undefined): void {
  if (outsidePowers(body, power)) {
    fail(
      'charter-rule',
      `${body.id} is a delegated body and decides only under its powers (${body.powers.join(', ')}); name one with power:`,
    );
  }
}
