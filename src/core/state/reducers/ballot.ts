/** Ballots of a roll-call vote: cast by the voter, or by their proxy holder where allowed. */
import type { Acts } from '../../acts.js';
import type { Body } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { checkSigner, roleRefusal } from '../authority.js';
import type { RoleRefusal } from '../authority.js';
import { motionIn, requireOpenVote } from '../lookup.js';
import type { MotionState, ProxyGrant, State } from '../model.js';
import { motionInWords, personName } from '../names.js';
import { grantInForce, limitFilledBefore, occasionOf } from '../proxies.js';
import { listed } from '../roster.js';
import type { CharterReducer } from './reducer.js';

export const ballotCast: CharterReducer<'ballot.cast'> = (state, act, charter, admitting) => {
  const p = act.payload;
  const { session, body, motion } = motionIn(state, charter, p);
  checkSigner(state, act, body, session);
  if (act.actor !== (p.castBy ?? p.voter))
    fail(
      'forbidden',
      `a ballot for ${personName(state, p.voter)} must come from ${personName(state, p.castBy ?? p.voter)}`,
    );
  requireOpenVote(state, motion);
  if (motion.counts)
    fail('conflict', `the vote on ${motionInWords(state, motion, false)} is recorded as counts`);
  checkChoice(state, motion, p);
  // Who may vote, and by proxy, is the roster of the vote's opening, whatever was amended since.
  const rules = motion.bodyAtOpen ?? body;
  const grant =
    p.castBy === undefined
      ? undefined
      : grantInForce(state, p.voter, p.castBy, occasionOf(motion, act.time));
  if (session.mode === 'live') {
    checkLiveBallot(state, rules, motion, p, grant, admitting);
    if (admitting && grant) checkFirstGrants(state, rules, motion, grant, act.time);
  } else {
    // Minutes record the ballots they give, unless the voter records their own (roleRefusal).
    const refuse = roleRefusal(state, act, body, session, false, admitting);
    if (refuse) checkVoterRole(state, rules, motion, p, grant, admitting, refuse);
  }
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
function checkChoice(state: State, motion: MotionState, p: Acts['ballot.cast']): void {
  // Words for refusals only: a ballot that passes never needs them.
  const named = () => motionInWords(state, motion, false);
  if (p.choice !== undefined && p.alternative !== undefined)
    fail('invalid-input', 'a ballot gives a choice or an alternative, not both');
  if (motion.alternatives && p.alternative === undefined)
    fail(
      'invalid-input',
      `${named()} is put as alternatives: a ballot gives an alternative, one of ${motion.alternatives.join(', ')}, or none (null) to abstain${p.choice === undefined ? '' : `, not a choice ('${p.choice}')`}`,
    );
  if (!motion.alternatives && p.choice === undefined)
    fail(
      'invalid-input',
      `${named()} is put yes or no: a ballot gives a choice, aye, nay, abstain, not-voting or declined${p.alternative === undefined ? '' : ', not an alternative'}`,
    );
  if (typeof p.alternative === 'string' && !motion.alternatives?.includes(p.alternative)) {
    fail('invalid-input', `'${p.alternative}' is not an alternative of ${named()}`);
  }
}

/**
 * Who votes: a voting member, in person or by a proxy holder they gave a proxy in force, where the
 * charter allows proxies.
 */
function checkVoterRole(
  state: State,
  body: Body,
  motion: MotionState,
  p: Acts['ballot.cast'],
  grant: ProxyGrant | undefined,
  admitting: boolean,
  refuse: RoleRefusal,
): void {
  // Names for refusals only: a ballot that passes never needs them.
  const voter = () => personName(state, p.voter);
  if (listed(body.candidates, p.voter))
    refuse('candidate-no-vote', `${voter()} is a candidate of ${body.name}: voice, no vote`);
  if (!listed(body.votingMembers, p.voter))
    refuse('not-member', `${voter()} is not a voting member of ${body.name}`);
  if (p.castBy === undefined || p.castBy === p.voter) return;
  const holder = () => personName(state, p.castBy!);
  if (!body.proxies) refuse('charter-rule', `the charter allows no proxies in ${body.name}`);
  if (!grant)
    refuse(
      'no-proxy',
      `${voter()} has given ${holder()} no proxy in force for ${motionInWords(state, motion, false)}`,
    );
  if (admitting) checkHolderVotes(body, p.castBy, holder, refuse);
}

/** The charter's rules on who votes, live: members present, proxies granted and within limits. */
function checkLiveBallot(
  state: State,
  body: Body,
  motion: MotionState,
  p: Acts['ballot.cast'],
  grant: ProxyGrant | undefined,
  admitting: boolean,
): void {
  checkVoterRole(state, body, motion, p, grant, admitting, fail);
  const voter = () => personName(state, p.voter);
  const on = () => motionInWords(state, motion, false);
  const by = p.castBy ?? p.voter;
  if (by !== p.voter) {
    const holder = personName(state, by);
    if (listed(motion.presentAtOpen, p.voter))
      fail('charter-rule', `${voter()} was present when the vote opened and votes in person`);
    if (!listed(motion.presentAtOpen, by))
      fail('absent', `the proxy holder ${holder} was not present when the vote opened`);
    const held = [...motion.ballots.values()].filter(
      (b) => b.castBy === by && b.voter !== p.voter,
    ).length;
    if (held >= body.proxies!.maxPerHolder)
      fail('charter-rule', `${holder} holds ${held} proxies already, the most ${body.name} allows`);
  } else if (!listed(motion.presentAtOpen, p.voter)) {
    fail('absent', `${voter()} was not present when the vote on ${on()} opened`);
  }
  if (motion.ballots.has(p.voter) && body.secondBallot === 'refuse') {
    fail('duplicate-ballot', `${voter()} has voted on ${on()} already`);
  }
}

/**
 * Live, a holder votes only under the first N grants they were given for the vote, used or not, as
 * the count reads them: under a later one (N lowered by an amendment since they were given), the
 * ballot would not be counted. (Records written before this rule hold such ballots: replayed, they
 * stand, and the count leaves them out.)
 */
function checkFirstGrants(
  state: State,
  body: Body,
  motion: MotionState,
  grant: ProxyGrant,
  time: string,
): void {
  const before = limitFilledBefore(state, grant, motion, body, time);
  if (!before) return;
  const name = (person: string) => personName(state, person);
  const given = before.map((g) => `${g.id}, of ${name(g.grantor)}`).join('; ');
  fail(
    'charter-rule',
    `${name(grant.holder)} was given ${before.length} ${before.length === 1 ? 'proxy' : 'proxies'} for ${motionInWords(state, motion, false)} before ${grant.id} (${given}), the most ${body.name} allows as the vote opened (max-per-holder: ${body.proxies?.maxPerHolder ?? 0}): a ballot under ${grant.id} would not be counted`,
  );
}

/**
 * A proxy holder is a voting member of the body as the vote opened, as the count reads it: one an
 * amendment since the grant made a candidate, or took off the body, would cast a ballot that is
 * not counted. (Records written before this rule hold such ballots: replayed, they stand.)
 */
function checkHolderVotes(
  body: Body,
  holder: string,
  name: () => string,
  refuse: RoleRefusal,
): void {
  if (listed(body.candidates, holder))
    refuse(
      'candidate-no-vote',
      `the proxy holder ${name()} is a candidate of ${body.name} as the vote opened: voice, no vote, and no proxy`,
    );
  if (!listed(body.votingMembers, holder))
    refuse(
      'not-member',
      `the proxy holder ${name()} is not a voting member of ${body.name} as the vote opened: a proxy is held by one`,
    );
}
