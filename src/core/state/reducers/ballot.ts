/** Ballots of a roll-call vote: cast by the voter, or by their proxy holder where allowed. */
import type { Acts } from '../../acts.js';
import type { Body } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { checkSigner } from '../authority.js';
import { motionIn, requireOpenVote } from '../lookup.js';
import type { MotionState, ProxyGrant } from '../model.js';
import { grantInForce } from '../proxies.js';
import { listed } from '../roster.js';
import type { CharterReducer } from './reducer.js';

export const ballotCast: CharterReducer<'ballot.cast'> = (state, act, charter) => {
  const p = act.payload;
  const { session, body, motion } = motionIn(state, charter, p);
  checkSigner(state, act, body, session);
  if (act.actor !== (p.castBy ?? p.voter))
    fail('forbidden', `a ballot for ${p.voter} must come from ${p.castBy ?? p.voter}`);
  requireOpenVote(motion);
  if (motion.counts) fail('conflict', `the vote on ${motion.id} is recorded as counts`);
  checkChoice(motion, p);
  // Who may vote, and by proxy, is the roster of the vote's opening, whatever was amended since.
  const rules = motion.bodyAtOpen ?? body;
  const grant =
    p.castBy === undefined
      ? undefined
      : grantInForce(state, p.voter, p.castBy, { ...p, body: motion.body, time: act.time });
  if (session.mode === 'live') checkLiveBallot(rules, motion, p, grant);
  motion.ballots.delete(p.voter);
  motion.ballots.set(p.voter, {
    voter: p.voter,
    ...(p.choice !== undefined ? { choice: p.choice } : {}),
    ...(p.alternative !== undefined ? { alternative: p.alternative } : {}),
    ...(p.castBy !== undefined ? { castBy: p.castBy } : {}),
    ...(grant ? { grant: grant.id } : {}),
    index: act.index,
    time: act.time,
  });
};

/** A choice of the vote's form: a formula's choice, or one of the motion's alternatives. */
function checkChoice(motion: MotionState, p: Acts['ballot.cast']): void {
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
}

/** The charter's rules on who votes, live: members present, proxies granted and within limits. */
function checkLiveBallot(
  body: Body,
  motion: MotionState,
  p: Acts['ballot.cast'],
  grant: ProxyGrant | undefined,
): void {
  if (listed(body.candidates, p.voter))
    fail('candidate-no-vote', `${p.voter} is a candidate of ${body.id}: voice, no vote`);
  if (!listed(body.votingMembers, p.voter))
    fail('not-member', `${p.voter} is not a voting member of ${body.id}`);
  if (p.castBy !== undefined && p.castBy !== p.voter) {
    if (!body.proxies) fail('charter-rule', `the charter allows no proxies in ${body.id}`);
    if (!grant)
      fail('no-proxy', `${p.voter} has given ${p.castBy} no proxy in force for ${motion.id}`);
    if (listed(motion.presentAtOpen, p.voter))
      fail('charter-rule', `${p.voter} was present when the vote opened and votes in person`);
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
