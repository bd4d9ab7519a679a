/**
 * The checks of what a proceedings file records between sessions: the register of dispatches
 * and the circulations. As for sessions, what is wrong with the file stops it; what the history
 * it records does against the rules (a late answer, an answer by someone not asked) is flagged
 * on replay.
 */
import type { FileChecks } from './check-context.js';
import { uniqueIds } from './check-context.js';
import { instantOf } from './moments.js';
import type { CirculationFile, DispatchFile, ProceedingsFile } from './schema.js';

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
  for (const [member, answer] of Object.entries(c.answers)) {
    checks.person(member, [...at, 'answers', member]);
    if (typeof answer !== 'string' && answer['recorded-by'] !== undefined)
      checks.person(answer['recorded-by'], [...at, 'answers', member, 'recorded-by']);
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
  for (const [member, answer] of Object.entries(c.answers)) {
    const given = typeof answer === 'string' ? undefined : answer.at;
    if (given === undefined) continue;
    const before = given.includes('T')
      ? instantOf(given) < opened
      : given < c.opened.slice(0, given.length);
    if (before)
      checks.problems.push({
        path: [...at, 'answers', member, 'at'],
        message: `${member} answered at ${given}, before the question was put (${c.opened})`,
      });
  }
}
