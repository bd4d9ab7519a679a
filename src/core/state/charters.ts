/** The charter over time: the version in force at any entry, and what an amendment may change. */
import { charterSchema } from '../charter/schema.js';
import { buildCharter } from '../charter/build.js';
import type { Charter } from '../charter/model.js';
import { fail } from '../errors.js';
import type { CharterVersion, State } from './model.js';

/** The version of the charter in force once entry `index` is recorded. */
export function charterAt(state: State, index: number): CharterVersion | undefined {
  let found: CharterVersion | undefined;
  for (const version of state.charters) {
    if (version.from > index) break;
    found = version;
  }
  return found;
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

/**
 * A charter carried by a motion, checked as a charter file is, and against the one in force: the
 * organization and its log stay the same (every entry and checkpoint names them).
 */
export function amendedCharter(json: Record<string, unknown>, current: Charter): Charter {
  const parsed = charterSchema.safeParse(json);
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
