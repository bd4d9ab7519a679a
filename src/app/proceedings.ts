/**
 * The acts of a session as use cases: each makes the draft of one entry, to be recorded alone
 * (`record`) or with others in one transaction (`Ledger.append`, as replay does). The CLI, the
 * HTTP API and the tests all go through these.
 */
import type { Acts, SessionMode } from '../core/acts.js';
import type { Body } from '../core/charter/model.js';
import { fail } from '../core/errors.js';
import { withoutUndefined } from '../core/json.js';
import type { Choice, Decision } from '../core/rules/types.js';
import { bodyOf, decideMotion, motionIn, requireOpenVote } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import type { AppendedEntry, DraftSource, Ledger } from './ledger.js';

/** Records one act on its own. */
export async function record(ledger: Ledger, source: DraftSource): Promise<AppendedEntry> {
  const [entry] = await ledger.append([source]);
  return entry ?? fail('conflict', 'nothing was recorded');
}

/** Who acts for the body when no one is named: its secretary, else its chair, else the session's chair. */
export function defaultOfficer(body: Body, sessionChair?: string): string {
  return (
    body.secretary ??
    body.chair ??
    sessionChair ??
    body.votingMembers[0] ??
    fail('invalid-input', `${body.name} has no members`)
  );
}

export function officerOfSession(state: State, session: string): string {
  // A session convened and not opened yet has its officers too (apologies come before it opens).
  const s =
    state.sessions.get(session) ??
    state.convened.get(session) ??
    fail('not-found', `no session '${session}'`);
  return defaultOfficer(bodyOf(charterOf(state), s.body), s.chair);
}

function charterOf(state: State) {
  return state.charter ?? fail('conflict', 'the record has no charter');
}

export function openSession(
  input: Omit<Acts['session.open'], 'mode'> & { mode?: SessionMode },
  actor?: string,
): DraftSource {
  return (state) => ({
    act: { type: 'session.open', payload: { ...input, mode: input.mode ?? 'live' } },
    actor: actor ?? defaultOfficer(bodyOf(charterOf(state), input.body), input.chair),
  });
}

export function closeSession(session: string, actor?: string): DraftSource {
  return (state) => ({
    act: { type: 'session.close', payload: { session } },
    actor: actor ?? officerOfSession(state, session),
  });
}

export function attendance(
  kind: 'arrive' | 'depart',
  session: string,
  person: string,
  actor?: string,
): DraftSource {
  return (state) => ({
    act: {
      type: kind === 'arrive' ? 'attendance.arrive' : 'attendance.depart',
      payload: { session, person },
    },
    actor:
      actor ??
      (state.sessions.get(session)?.mode === 'minutes' ? officerOfSession(state, session) : person),
  });
}

export function proposeMotion(input: Acts['motion.propose'], actor?: string): DraftSource {
  return (state) => ({
    act: { type: 'motion.propose', payload: input },
    actor: actor ?? input.proposer ?? officerOfSession(state, input.session),
  });
}

export function openVote(session: string, motion: string, actor?: string): DraftSource {
  return (state) => ({
    act: { type: 'vote.open', payload: { session, motion } },
    actor: actor ?? officerOfSession(state, session),
  });
}

export interface BallotInput {
  readonly session: string;
  readonly motion: string;
  readonly voter: string;
  readonly choice?: Choice;
  readonly alternative?: string | null;
  /** The proxy holder casting it for the voter. */
  readonly castBy?: string;
}

export function castBallot(input: BallotInput): DraftSource {
  const payload: Acts['ballot.cast'] = {
    session: input.session,
    motion: input.motion,
    voter: input.voter,
    ...(input.choice !== undefined ? { choice: input.choice } : {}),
    ...(input.alternative !== undefined ? { alternative: input.alternative } : {}),
    ...(input.castBy !== undefined && input.castBy !== input.voter ? { castBy: input.castBy } : {}),
  };
  return { act: { type: 'ballot.cast', payload }, actor: payload.castBy ?? input.voter };
}

export function recordCounts(
  session: string,
  motion: string,
  counts: Record<string, number>,
  actor?: string,
): DraftSource {
  return (state) => ({
    act: { type: 'vote.count', payload: { session, motion, counts } },
    actor: actor ?? officerOfSession(state, session),
  });
}

export function castingVote(
  session: string,
  motion: string,
  choice: 'aye' | 'nay',
  actor?: string,
): DraftSource {
  return (state) => {
    const s = state.sessions.get(session) ?? fail('not-found', `no session '${session}'`);
    const body = bodyOf(charterOf(state), s.body);
    const chair = s.chair ?? body.chair;
    // Only a chair gives a casting vote: minutes of a body without one say who chaired.
    const noChair = () =>
      fail(
        'charter-rule',
        `a casting vote is the chair's, and neither the session nor ${body.name} has a chair: name who chaired the session`,
      );
    return {
      act: { type: 'vote.casting', payload: { session, motion, choice } },
      actor: actor ?? chair ?? noChair(),
    };
  };
}

/** Closes the vote and records the decision the charter gives, as the chair announces it. */
export function closeVote(
  session: string,
  motion: string,
  options: {
    stated?: string;
    statedCounts?: Acts['vote.close']['statedCounts'];
    actor?: string;
  } = {},
): DraftSource {
  return (state) => {
    const decision = currentDecision(state, session, motion);
    const payload: Acts['vote.close'] = {
      session,
      motion,
      decision,
      ...withoutUndefined({ stated: options.stated, statedCounts: options.statedCounts }),
    };
    return {
      act: { type: 'vote.close', payload },
      actor: options.actor ?? officerOfSession(state, session),
    };
  };
}

/** The decision the vote would give if it closed now. */
export function currentDecision(state: State, session: string, motion: string): Decision {
  // As the close itself will be refused: an unknown or closed session before its motion.
  const charter = charterOf(state);
  const m = motionIn(state, charter, { session, motion }).motion;
  requireOpenVote(state, m);
  return decideMotion(state, charter, m);
}
