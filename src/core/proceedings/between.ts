/**
 * The checks of what a proceedings file records between sessions: the register of dispatches
 * and the circulations. As for sessions, what is wrong with the file stops it; what the history
 * it records does against the rules (a late answer, an answer by someone not asked) is flagged
 * on replay.
 */
import type { FileChecks } from './check-context.js';
import { uniqueIds } from './check-context.js';
import { instantOf } from './moments.js';
import type { AnswerFile, CirculationFile, DispatchFile, ProceedingsFile } from './schema.js';

export function checkBetweenSessions(file: ProceedingsFile, checks: FileChecks): void {
  uniqueIds(file.dispatches, 'dispatches', 'dispatch', checks);
  uniqueIds(file.circulations, 'circulations', 'circulation', checks);
  const numbers = new Map<string, string>();
  file.dispatches.forEach((d, i) => {
    checkDispatch(d, ['dispatches', i], checks);
    const key = JSON.stringify([d.body ?? file.body, d.number]);
    const before = numbers.get(key);
    if (d.number !== undefined && before !== undefined)
      checks.problems.push({
        path: ['dispatches', i, 'number'],
        message: `number ${d.number} is given to ${before} already`,
      });
    if (d.number !== undefined && before === undefined) numbers.set(key, d.id);
  });
  file.circulations.forEach((c, i) =>
    checkCirculation(c, c.body ?? file.body, ['circulations', i], checks),
  );
}

function checkDispatch(d: DispatchFile, at: (string | number)[], checks: FileChecks): void {
  if (d.body !== undefined) checks.body(d.body, [...at, 'body']);
  d.referrals?.forEach((r, ri) => {
    const rat = [...at, 'referrals', ri];
    if (r.by !== undefined) checks.person(r.by, [...rat, 'by']);
    if (typeof r.to === 'string') checks.body(r.to, [...rat, 'to']);
    else checks.people(r.to, [...rat, 'to']);
  });
}

function checkCirculation(
  c: CirculationFile,
  body: string,
  at: (string | number)[],
  checks: FileChecks,
): void {
  if (c.body !== undefined) checks.body(c.body, [...at, 'body']);
  checks.person(c.by, [...at, 'by']);
  checks.people(c.to ?? [], [...at, 'to']);
  checks.people(c['at-hand'] ?? [], [...at, 'at-hand']);
  checks.atHand(c['at-hand'] ?? [], body, [...at, 'at-hand']);
  for (const { member, answer, path } of givenAnswers(c)) {
    checks.person(member, [...at, 'answers', ...path]);
    if (typeof answer !== 'string' && answer['recorded-by'] !== undefined)
      checks.person(answer['recorded-by'], [...at, 'answers', ...path, 'recorded-by']);
  }
  checkCirculationTimes(c, at, checks);
  if (c.withdrawn !== undefined && c.stated !== undefined)
    checks.problems.push({
      path: [...at, 'stated'],
      message: 'a withdrawn question has no outcome to state',
    });
}

/**
 * A question's deadline comes after it was put, and its answers no earlier than that: a time
 * against its time, an answer given as a day alone against the day it was put.
 */
function checkCirculationTimes(
  c: CirculationFile,
  at: (string | number)[],
  checks: FileChecks,
): void {
  const opened = instantOf(c.opened);
  if (instantOf(c.deadline, true) <= opened)
    checks.problems.push({
      path: [...at, 'deadline'],
      message: `the deadline ${c.deadline} is not after the question was put (${c.opened})`,
    });
  for (const { member, answer, path } of givenAnswers(c)) {
    const given = typeof answer === 'string' ? undefined : answer.at;
    if (given === undefined) continue;
    const before = given.includes('T')
      ? instantOf(given) < opened
      : given < c.opened.slice(0, given.length);
    if (before)
      checks.problems.push({
        path: [...at, 'answers', ...path, 'at'],
        message: `${member} answered at ${given}, before the question was put (${c.opened})`,
      });
  }
  checkChangedAnswers(c, at, checks);
}

/**
 * A member's answers given in turn come in the order of their times, and a later one replaces an
 * answer in time only by the deadline: after it the question took no more answers, so it could
 * not replace the one that counts (a late answer on its own is recorded and flagged).
 */
function checkChangedAnswers(
  c: CirculationFile,
  at: (string | number)[],
  checks: FileChecks,
): void {
  const deadline = instantOf(c.deadline, true);
  for (const [member, given] of Object.entries(c.answers)) {
    if (!Array.isArray(given)) continue;
    const times = given.map((a) => (typeof a === 'string' ? undefined : a.at));
    times.forEach((time, i) => {
      const previous = times[i - 1];
      if (i === 0 || time === undefined) return;
      const path = [...at, 'answers', member, i, 'at'];
      if (previous !== undefined && instantOf(time) < instantOf(previous))
        checks.problems.push({
          path,
          message: `${member}'s answers come in the order given: this one, at ${time}, is before the one it follows (${previous})`,
        });
      else if (
        instantOf(time) > deadline &&
        (previous === undefined || instantOf(previous) <= deadline)
      )
        checks.problems.push({
          path,
          message: `${member} changed the answer at ${time}, after the deadline (${c.deadline}): a later answer replaces the one in time only while the question takes answers; give the one in time, and the later one in its comment`,
        });
    });
  }
}

/** One answer a circulation of the file gives: whose, and its path under `answers`. */
export interface GivenAnswer {
  readonly member: string;
  readonly answer: AnswerFile;
  /** Under `answers`: the member, and the answer's place where they gave several. */
  readonly path: readonly (string | number)[];
}

/** Every answer a circulation of the file gives, in the file's order, a member's in turn. */
export function givenAnswers(c: CirculationFile): GivenAnswer[] {
  return Object.entries(c.answers).flatMap(([member, given]) =>
    Array.isArray(given)
      ? given.map((answer, i) => ({ member, answer, path: [member, i] }))
      : [{ member, answer: given, path: [member] }],
  );
}
