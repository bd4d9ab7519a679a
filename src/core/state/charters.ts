/** The charter over time: the version in force at any entry, and what an amendment may change. */
import { charterSchema } from '../charter/schema.js';
import { buildNewCharter } from '../charter/index.js';
import type { Body, Charter } from '../charter/model.js';
import { fail } from '../errors.js';
import { plainWords } from '../issue-words.js';
import type { CharterVersion, MotionState, SessionState, State } from './model.js';
import { bodyName, decisionInWords, motionInWords, sessionInWords } from './names.js';

/** The version of the charter in force once entry `index` is recorded. */
export function charterAt(state: State, index: number): CharterVersion | undefined {
  let found: CharterVersion | undefined;
  for (const version of state.charters) {
    if (version.from > index) break;
    found = version;
  }
  return found;
}

/** The body as the charter in force when the session opened defined it: as it sat. */
export function bodyAtOpening(state: State, session: SessionState): Body {
  const charter = charterAt(state, session.openedAt)?.charter ?? state.charter;
  return (
    charter?.bodies.get(session.body) ??
    fail('not-found', `no body '${session.body}' in the charter`)
  );
}

/**
 * A charter carried by a motion, checked as a charter file is, and against the one in force: the
 * organization and its log stay the same (every entry and checkpoint names them).
 */
export function amendedCharter(json: Record<string, unknown>, current: Charter): Charter {
  const parsed = charterSchema.safeParse(json, { error: plainWords });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(
      'invalid-charter',
      `the amended charter is not valid: ${issue.path.join('.') || 'charter'}: ${issue.message}`,
    );
  }
  const built = buildNewCharter(parsed.data);
  const problem = built.problems[0];
  if (problem)
    fail(
      'invalid-charter',
      `the amended charter is not valid: ${problem.path.join('.')}: ${problem.message}`,
    );
  const charter = built.value;
  for (const key of ['id', 'log'] as const) {
    if (charter.organization[key] !== current.organization[key])
      fail(
        'invalid-charter',
        `an amendment keeps the organization's ${key} (${current.organization[key]}), which every entry names`,
      );
  }
  return charter;
}

/** Refuses an amendment that would take away a body whose session is still open. */
export function checkOpenSessions(state: State, charter: Charter): void {
  for (const session of state.sessions.values()) {
    if (session.closedAt === undefined && !charter.bodies.has(session.body))
      fail(
        'conflict',
        `the amended charter has no body '${session.body}' (${bodyName(state, session.body)}), and ${sessionInWords(state, session.id)} is open`,
      );
  }
}

/**
 * Refuses, at admission, an amendment that would take away a body with a question in writing
 * still open: it would close, at its deadline, as a decision of a body gone. (A record written
 * before this may hold such a question: replayed, it stands as recorded.)
 */
export function checkOpenQuestions(state: State, charter: Charter): void {
  for (const c of state.circulations.values()) {
    if (c.status === 'open' && !charter.bodies.has(c.body))
      fail(
        'conflict',
        `the amended charter has no body '${c.body}' (${bodyName(state, c.body)}), and ${decisionInWords(state, { circulation: c.id })} is open: withdraw it, or let it close, first`,
      );
  }
}

/**
 * Refuses, live, the vote on an amendment while another's is open, or once the charter was amended
 * after it was put: each carries the whole charter, so adopting it would undo the other.
 */
export function checkAmendmentVote(state: State, motion: MotionState): void {
  for (const session of state.sessions.values()) {
    if (session.closedAt !== undefined) continue;
    for (const key of session.motions) {
      const other = state.motions.get(key);
      if (other?.amends && other.status === 'open')
        fail(
          'conflict',
          `the vote on ${motionInWords(state, { session: other.session, motion: other.id })}, an amendment, is open: amendments are voted on one at a time, since each carries the whole charter`,
        );
    }
  }
  const last = state.charters[state.charters.length - 1]!;
  if (last.motion && last.from > motion.proposedAt)
    fail(
      'conflict',
      `the charter was amended by ${decisionInWords(state, last.motion)} (entry ${last.from}) after ${motionInWords(state, { session: motion.session, motion: motion.id })} was put, which would undo that amendment: put it again as an amendment of the charter in force`,
    );
}
