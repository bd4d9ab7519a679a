/** The charter over time: the version in force at any entry, and what an amendment may change. */
import { charterSchema } from '../charter/schema.js';
import { buildCharter } from '../charter/build.js';
import type { Body, Charter } from '../charter/model.js';
import { fail } from '../errors.js';
import { plainWords } from '../issue-words.js';
import type { CharterVersion, MotionState, SessionState, State } from './model.js';

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

/** A body's name in the latest version of the charter that has it, else its id. */
export function bodyName(state: State, body: string): string {
  for (let i = state.charters.length - 1; i >= 0; i--) {
    const found = state.charters[i]!.charter.bodies.get(body);
    if (found) return found.name;
  }
  return body;
}

/** A person's name in the latest version of the charter that has them: people come and go. */
export function personName(state: State, person: string): string {
  for (let i = state.charters.length - 1; i >= 0; i--) {
    const found = state.charters[i]!.charter.people.get(person);
    if (found) return found.name;
  }
  return person;
}

/** Who acted, by name as refusals say it: "nobody" for an act transcribed from minutes. */
export function actorName(state: State, person: string | null): string {
  return person === null ? 'nobody' : personName(state, person);
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
  const built = buildCharter(parsed.data);
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
        `the amended charter has no body '${session.body}', whose session ${session.id} is open`,
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
          `the vote on the amendment ${other.id} of session ${other.session} is open: amendments are voted on one at a time, since each carries the whole charter`,
        );
    }
  }
  const last = state.charters[state.charters.length - 1]!;
  if (last.motion && last.from > motion.proposedAt)
    fail(
      'conflict',
      `the charter was amended by motion ${last.motion.motion} of session ${last.motion.session} (entry ${last.from}) after ${motion.id} was put, which would undo that amendment: put it again as an amendment of the charter in force`,
    );
}
