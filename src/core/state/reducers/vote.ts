/**
 * A motion's vote, run by its officers: opened, recorded as counts (else by ballots, ballot.ts),
 * given the chair's casting vote, and closed with the decision the charter gives.
 */
import { motionKindOf } from '../../charter/model.js';
import type { Body } from '../../charter/model.js';
import type { Choice } from '../../rules/types.js';
import { fail } from '../../errors.js';
import { rollDigest } from '../../minutes/content.js';
import { sameJson } from '../../json.js';
import { decisionDifference } from '../decision-difference.js';
import { inChoiceOrder } from '../../words.js';
import { checkSigner, requireOfficer } from '../authority.js';
import { drawInMissing } from '../body.js';
import { checkAmendmentVote, checkOpenQuestions, checkOpenSessions } from '../charters.js';
import { decideMotion, decidedByEachBodyAlone } from '../decide.js';
import {
  awaits,
  decisionOf,
  provisionalIf,
  ratifiedBeforeAnswersFlag,
  settleRatification,
} from '../decisions.js';
import { motionIn, requireOpenVote } from '../lookup.js';
import type { MotionState, SessionState, State } from '../model.js';
import { actorName, motionInWords, notAwaitingInWords, personName } from '../names.js';
import { listed, prepareVoteLookups } from '../roster.js';
import type { CharterReducer } from './reducer.js';

export const voteOpen: CharterReducer<'vote.open'> = (state, act, charter, admitting) => {
  const { session, body, motion } = motionIn(state, charter, act.payload);
  checkSigner(state, act, body, session);
  requireOfficer(state, act, body, session);
  if (motion.status !== 'proposed')
    fail('conflict', `the vote on ${motionInWords(state, motion, false)} has been opened already`);
  if (session.mode === 'live') checkDrawnIn(state, body, session);
  const newRules = session.mode === 'live' && admitting;
  if (newRules && motion.amends) checkAmendmentVote(state, motion);
  // A ratifying vote opens only while its decision still awaits the body: once another motion
  // ratified or annulled it, its outcome would change nothing.
  if (newRules && motion.ratifies && !awaits(decisionOf(state, motion.ratifies), motion.body))
    fail('conflict', notAwaitingInWords(state, motion.ratifies, motion.body));
  // The rules the vote is decided by are fixed now: amendments later change other votes only.
  const kind = motion.kind === undefined ? undefined : motionKindOf(body, motion.kind);
  motion.majority = kind?.majority ?? body.majority;
  motion.quorum = kind?.quorum ?? body.quorum;
  motion.bodyAtOpen = body;
  motion.charterAtOpen = state.charters[state.charters.length - 1]!.from;
  motion.status = 'open';
  motion.openedAt = act.index;
  motion.presentAtOpen = [...session.present];
  prepareVoteLookups(motion.presentAtOpen, body);
};

export const voteCount: CharterReducer<'vote.count'> = (state, act, charter) => {
  const { session, body, motion } = motionIn(state, charter, act.payload);
  checkSigner(state, act, body, session);
  requireOfficer(state, act, body, session);
  requireOpenVote(state, motion);
  if (motion.ballots.size > 0 || motion.counts)
    fail(
      'conflict',
      `the vote on ${motionInWords(state, motion, false)} has been recorded already`,
    );
  const allowed = motion.alternatives
    ? [...motion.alternatives, 'abstain']
    : ['aye', 'nay', 'abstain', 'not-voting', 'declined'];
  for (const [k, n] of Object.entries(act.payload.counts)) {
    if (!allowed.includes(k)) fail('invalid-input', `'${k}' is not one of ${allowed.join(', ')}`);
    if (!Number.isSafeInteger(n) || n < 0)
      fail('invalid-input', `the count for ${k} must be a whole number, 0 or more`);
  }
  motion.counts = act.payload.counts;
};

export const voteCasting: CharterReducer<'vote.casting'> = (state, act, charter, admitting) => {
  const { session, body, motion } = motionIn(state, charter, act.payload);
  checkSigner(state, act, body, session);
  requireOpenVote(state, motion);
  // A casting vote is an aye or a nay on a tie of them; a record written before keeps its own.
  if (admitting && motion.alternatives)
    fail(
      'invalid-input',
      `${motionInWords(state, motion, false)} is put as alternatives: a casting vote breaks a tie of ayes and nays only`,
    );
  const rules = motion.bodyAtOpen ?? body;
  const chair = session.chair ?? rules.chair;
  if (act.actor !== chair)
    fail(
      'forbidden',
      `only the chair${chair ? `, ${personName(state, chair)},` : ''} gives a casting vote`,
    );
  if (!rules.castingVote && session.mode === 'live')
    fail('charter-rule', `the charter gives the chair of ${body.name} no casting vote`);
  // Minutes record an absent chair's casting vote as written; the decision flags and ignores it.
  if (session.mode === 'live' && !listed(motion.presentAtOpen, act.actor))
    fail(
      'absent',
      `the chair, ${actorName(state, act.actor)}, was not present when the vote on ${motionInWords(state, motion, false)} opened`,
    );
  motion.casting = act.payload.choice;
};

export const voteClose: CharterReducer<'vote.close'> = (state, act, charter, admitting) => {
  const { session, body, motion } = motionIn(state, charter, act.payload);
  checkSigner(state, act, body, session);
  requireOfficer(state, act, body, session);
  requireOpenVote(state, motion);
  // The decision is the charter's, not the closer's: what is recorded must be what it gives, or
  // (replayed) what it gave when the record was written.
  const given = decideMotion(state, charter, motion);
  // Replayed, a decision stands as the rules read it when it was recorded: the earlier readings
  // are worked out only for a decision the rules of now do not give.
  const recorded = act.payload.decision;
  const earlier = () => {
    // The minutes' majority decided before, with each body's alone too where it was read so.
    const stated = decideMotion(state, charter, motion, 'stated');
    // A ratification dated before the answers it confirms, closed before such were flagged: the
    // decision of now without that flag (decisionFlags adds it to the reading of now only).
    const early = ratifiedBeforeAnswersFlag(state, motion);
    return [
      ...(early ? [{ ...given, flags: given.flags.filter((f) => f !== early) }] : []),
      decidedByEachBodyAlone(given),
      decideMotion(state, charter, motion, 'earlier'),
      stated,
      decidedByEachBodyAlone(stated),
    ];
  };
  const decision =
    admitting || sameJson(given, recorded)
      ? given
      : (earlier().find((d) => sameJson(d, recorded)) ?? given);
  if (!sameJson(decision, act.payload.decision)) {
    fail(
      'charter-rule',
      `the decision recorded for ${motionInWords(state, motion, false)} is not what the charter gives: ${decisionDifference(act.payload.decision, given)}`,
    );
  }
  // An adopted amendment comes into force next: nothing may stand in its way by then.
  if (motion.amends && decision.outcome === 'adopted') {
    checkOpenSessions(state, motion.amends.built);
    if (admitting) checkOpenQuestions(state, motion.amends.built);
  }
  motion.status = 'closed';
  motion.closedAt = act.index;
  // The roll of the vote, fixed now: the audit lets ballots go once a vote is closed.
  motion.roll = rollDigest(motion);
  motion.decision = act.payload.decision;
  settleRatification(state, motion, decision, act.index);
  const ratification = provisionalIf(motion.bodyAtOpen ?? body, 'motion', decision);
  if (ratification) motion.ratification = ratification;
  if (motion.amends && decision.outcome === 'adopted')
    state.pendingAmendment = { session: motion.session, motion: motion.id };
  if (act.payload.stated !== undefined) motion.stated = act.payload.stated;
  if (act.payload.statedCounts !== undefined)
    motion.countFlags = countsAgainstNames(act.payload.statedCounts, motion);
};

/**
 * Each total the minutes state beside a roll call, against the names it gives for that choice, in
 * the order of the choices (ayes, nays, abstaining, ...): the record keeps the totals in the order
 * of their keys, which a replay's own fold and a fold of the stored entry need not share.
 */
function countsAgainstNames(
  stated: Partial<Record<Choice, number>>,
  motion: MotionState,
): string[] {
  const ballots = [...motion.ballots.values()];
  return inChoiceOrder(Object.entries(stated)).flatMap(([choice, given]) => {
    const named = ballots.filter((b) => b.choice === choice).length;
    return named === given ? [] : [`the minutes give ${given} ${choice} but name ${named}`];
  });
}

function checkDrawnIn(state: State, body: Body, session: SessionState): void {
  const missing = drawInMissing(body, session);
  if (missing.length > 0)
    fail(
      'charter-rule',
      `${body.name} must draw in the members of its parent who are at hand: ${missing.map((p) => personName(state, p)).join(', ')} not present`,
    );
}
