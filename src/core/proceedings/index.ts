/**
 * Reads a proceedings file against the charter: every problem at once, with positions. What is
 * wrong with the file (an unknown person, a motion id used twice) stops it; what is wrong with
 * the history it records (a candidate voting, a count that does not add up) is flagged on replay.
 */
import type { Charter } from '../charter/model.js';
import { loadYaml } from '../format/yaml-source.js';
import { reservedAlternative } from '../rules/index.js';
import type { FileKind } from '../format/source-bytes.js';
import type { Loaded, PathProblem } from '../format/yaml-source.js';
import { CHOICE_NAMES, proceedingsSchema } from './schema.js';
import type { MotionFile, ProceedingsFile } from './schema.js';

export type { MotionFile, ProceedingsFile, SessionFile } from './schema.js';
export { proceedingsSchema, CHOICE_NAMES } from './schema.js';

export function isMotion(
  item: ProceedingsFile['sessions'][number]['motions'][number],
): item is MotionFile {
  return 'id' in item;
}

/**
 * A proceedings file: 4 MB holds over a thousand sessions of twenty roll calls. A file is read
 * whole and recorded in one transaction; a longer history goes in several files.
 */
export const PROCEEDINGS_FILE: FileKind = { name: 'a proceedings file', maxBytes: 4 * 1024 * 1024 };

/** Reads a proceedings file (bytes or text) against the charter, with positions. */
export function parseProceedings(
  source: string | Uint8Array,
  charter: Charter,
): Loaded<ProceedingsFile> {
  return loadYaml(source, PROCEEDINGS_FILE, proceedingsSchema, (file) => ({
    value: file,
    problems: checkReferences(file, charter),
  }));
}

function checkReferences(file: ProceedingsFile, charter: Charter): PathProblem[] {
  const problems: PathProblem[] = [];
  const person = (pid: string, path: (string | number)[]): void => {
    if (!charter.people.has(pid))
      problems.push({ path, message: `no person '${pid}' in the charter` });
  };
  const body = charter.bodies.get(file.body);
  if (!body)
    problems.push({
      path: ['body'],
      message: `no body '${file.body}' in the charter (${[...charter.bodies.keys()].join(', ')})`,
    });
  const sessionIds = new Set<string>();
  file.sessions.forEach((s, si) => {
    const at = ['sessions', si];
    if (sessionIds.has(s.id))
      problems.push({ path: [...at, 'id'], message: `session '${s.id}' appears twice` });
    sessionIds.add(s.id);
    s.present.forEach((p, i) => person(p, [...at, 'present', i]));
    s['at-hand']?.forEach((p, i) => person(p, [...at, 'at-hand', i]));
    if (s.chair) person(s.chair, [...at, 'chair']);
    if (s.chair && body && !body.votingMembers.includes(s.chair))
      problems.push({
        path: [...at, 'chair'],
        message: `the chair '${s.chair}' is not a voting member of ${body.id}`,
      });
    const motionIds = new Set<string>();
    s.motions.forEach((item, mi) => {
      const mat = [...at, 'motions', mi];
      if (!isMotion(item)) {
        ('arrive' in item ? item.arrive : item.depart).forEach((p, i) =>
          person(p, [...mat, 'arrive' in item ? 'arrive' : 'depart', i]),
        );
        return;
      }
      if (motionIds.has(item.id))
        problems.push({
          path: [...mat, 'id'],
          message: `motion '${item.id}' appears twice in session ${s.id}`,
        });
      motionIds.add(item.id);
      checkMotion(item, mat, body?.motionKinds ?? {}, person, problems);
    });
  });
  return problems;
}

function checkMotion(
  m: MotionFile,
  at: (string | number)[],
  kinds: Readonly<Record<string, unknown>>,
  person: (pid: string, path: (string | number)[]) => void,
  problems: PathProblem[],
): void {
  if (m.proposer) person(m.proposer, [...at, 'proposer']);
  if (m.kind && !(m.kind in kinds))
    problems.push({ path: [...at, 'kind'], message: `the body has no motion kind '${m.kind}'` });
  const named = new Map<string, string>();
  const name = (pid: string, path: (string | number)[], where: string): void => {
    person(pid, path);
    const before = named.get(pid);
    if (before !== undefined)
      problems.push({
        path,
        message: `'${pid}' is named twice in this vote (${before} and ${where})`,
      });
    named.set(pid, where);
  };
  if (m.alternatives) {
    if (m.vote)
      problems.push({
        path: [...at, 'vote'],
        message: 'a motion has either a vote (one formula) or alternatives, not both',
      });
    const alternatives = Object.entries(m.alternatives);
    if (alternatives.length < 2)
      problems.push({ path: [...at, 'alternatives'], message: 'alternatives: name at least two' });
    const named_ = alternatives.filter(([, v]) => Array.isArray(v)).length;
    if (named_ !== 0 && named_ !== alternatives.length)
      problems.push({
        path: [...at, 'alternatives'],
        message: 'alternatives: give names for all or counts for all',
      });
    if (m.abstain !== undefined && Array.isArray(m.abstain) !== named_ > 0)
      problems.push({
        path: [...at, 'abstain'],
        message: 'abstain: names where the alternatives have names, a count where they have counts',
      });
    for (const [alt, v] of alternatives) {
      const reserved = reservedAlternative(alt);
      if (reserved)
        problems.push({ path: [...at, 'alternatives', alt], message: reserved, atKey: true });
      if (Array.isArray(v)) v.forEach((p, i) => name(p, [...at, 'alternatives', alt, i], alt));
    }
    if (Array.isArray(m.abstain))
      m.abstain.forEach((p, i) => name(p, [...at, 'abstain', i], 'abstain'));
  } else {
    for (const key of ['method', 'abstain'] as const)
      if (m[key] !== undefined)
        problems.push({
          path: [...at, key],
          message: `${key}: only for a motion with alternatives`,
        });
  }
  if (m.vote) {
    for (const choice of CHOICE_NAMES) {
      const v = m.vote[choice];
      if (Array.isArray(v)) v.forEach((p, i) => name(p, [...at, 'vote', choice, i], choice));
    }
  }
  for (const [voter, holder] of Object.entries(m.proxies ?? {})) {
    person(voter, [...at, 'proxies', voter]);
    person(holder, [...at, 'proxies', voter]);
  }
  if (m.counts && !(m.vote && Object.values(m.vote).some(Array.isArray)))
    problems.push({
      path: [...at, 'counts'],
      message:
        'counts: the totals to check a roll call by name against; give the names under vote:',
    });
}
