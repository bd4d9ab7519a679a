/**
 * Reads a proceedings file against the charter: every problem at once, with positions. What is
 * wrong with the file (an unknown person, a motion id used twice) stops it; what is wrong with
 * the history it records (a candidate voting, a count that does not add up) is flagged on replay.
 */
import { motionKindOf } from '../charter/model.js';
import type { Charter } from '../charter/model.js';
import { loadYaml } from '../format/yaml-source.js';
import { reservedAlternative } from '../rules/index.js';
import type { FileKind } from '../format/source-bytes.js';
import type { Loaded, Path, PathProblem } from '../format/yaml-source.js';
import { checkBetweenSessions } from './between.js';
import { fileChecks, uniqueIds } from './check-context.js';
import type { FileChecks } from './check-context.js';
import { checkInstruments } from './instruments.js';
import { checkMotionItem, checkSessionNotes } from './notices.js';
import { CHOICE_NAMES, proceedingsSchema } from './schema.js';
import type { MotionFile, ProceedingsFile, SessionFile } from './schema.js';

export type {
  AgendaItemFile,
  AnswerFile,
  ExcusedFile,
  MinutesActsFile,
  NoticeFile,
  CirculationFile,
  DecisionRefFile,
  DispatchFile,
  AnnulFile,
  InstrumentFile,
  InstrumentItemFile,
  MotionFile,
  ProceedingsFile,
  RevokeFile,
  SessionFile,
  SettleFile,
  SignatureFile,
} from './schema.js';
export { agendaFileSchema, proceedingsSchema, CHOICE_NAMES } from './schema.js';
export { givenAnswers } from './between.js';
export type { GivenAnswer } from './between.js';
export { instantOf, replayOrder } from './moments.js';
export { excusedOf } from './notices.js';
export {
  ACTED_BY,
  hasTextOrParticulars,
  isInstrument,
  laterAct,
  signatureOf,
} from './instruments.js';
export type { LaterActFile } from './instruments.js';
export type { FileItem, ItemKind } from './moments.js';

export function isMotion(
  item: ProceedingsFile['sessions'][number]['motions'][number],
): item is MotionFile {
  return 'id' in item;
}

/**
 * A proceedings file: 4 MB holds over a thousand sessions of twenty roll calls. A file is read
 * whole and recorded in one transaction; a longer history goes in several files.
 */
export const PROCEEDINGS_FILE: FileKind = {
  name: 'a proceedings file',
  maxBytes: 4 * 1024 * 1024,
  twice: (path) => (isAnswers(path) ? ONE_ANSWER : undefined),
};

/**
 * A member named twice in a question's `answers:` is most often a changed answer: the format
 * (docs/proceedings.md) gives those as one list under the member, so the refusal says so.
 */
const ONE_ANSWER =
  'a member is named once in answers: a member who changed an answer has the list of their answers, in the order given (trotsky: [nay, aye])';

const isAnswers = (path: Path): boolean =>
  path.length === 3 && path[0] === 'circulations' && path[2] === 'answers';

/**
 * Reads the amended charter a motion's `amends` names (a path relative to the proceedings file):
 * the caller reads the file, this module does no I/O. Undefined when it cannot be read or is not
 * a valid charter; the caller reports why, at that file's own lines.
 */
export type AmendmentReader = (file: string) => Charter | undefined;

/**
 * Reads a proceedings file (bytes or text) against the charter, with positions. People, bodies
 * and kinds may be those of the charter or of a charter the file amends it to (`amendment` reads
 * those): whether each act is allowed when it comes is the replay's to check.
 */
export function parseProceedings(
  source: string | Uint8Array,
  charter: Charter,
  amendment?: AmendmentReader,
): Loaded<ProceedingsFile> {
  return loadYaml(source, PROCEEDINGS_FILE, proceedingsSchema, (file) => {
    const problems: PathProblem[] = [];
    const charters = [charter, ...amendedCharters(file, amendment, problems)];
    return { value: file, problems: [...problems, ...checkReferences(file, charters)] };
  });
}

/** The `amends` of each motion of the file, with where it is written. */
export function amendmentsOf(file: ProceedingsFile): { file: string; path: Path }[] {
  return file.sessions.flatMap((s, si) =>
    s.motions.flatMap((m, mi) =>
      isMotion(m) && m.amends !== undefined
        ? [{ file: m.amends, path: ['sessions', si, 'motions', mi, 'amends'] }]
        : [],
    ),
  );
}

/** The files the dispatches of the file attach (paths relative to it), with where each is written. */
export function attachmentFiles(file: ProceedingsFile): { file: string; path: Path }[] {
  return file.dispatches.flatMap((d, di) =>
    (d.attachments ?? []).flatMap((a, ai) =>
      typeof a === 'string' ? [{ file: a, path: ['dispatches', di, 'attachments', ai] }] : [],
    ),
  );
}

function amendedCharters(
  file: ProceedingsFile,
  amendment: AmendmentReader | undefined,
  problems: PathProblem[],
): Charter[] {
  if (!amendment) return [];
  return amendmentsOf(file).flatMap(({ file: name, path }) => {
    const amended = amendment(name);
    if (!amended)
      problems.push({ path, message: `amends: '${name}' is not a charter that can be used` });
    return amended ? [amended] : [];
  });
}

function checkReferences(file: ProceedingsFile, charters: readonly Charter[]): PathProblem[] {
  const checks = fileChecks(charters);
  const { problems, person } = checks;
  const fileBody = checks.body(file.body, ['body']);
  const items = [file.sessions, file.circulations, file.dispatches, file.instruments];
  if (items.every((list) => list.length === 0))
    problems.push({
      path: [],
      message: 'nothing to record: give sessions, circulations, dispatches or instruments',
    });
  uniqueIds(file.sessions, 'sessions', 'session', checks);
  file.sessions.forEach((s, si) => {
    const at = ['sessions', si];
    const versions = s.body === undefined ? fileBody : checks.body(s.body, [...at, 'body']);
    const body = s.body ?? file.body;
    const hasKind = (kind: string): boolean => versions.some((b) => motionKindOf(b, kind));
    checks.people(s.present, [...at, 'present']);
    checks.people(s['at-hand'] ?? [], [...at, 'at-hand']);
    checks.atHand(s['at-hand'] ?? [], body, [...at, 'at-hand']);
    checkProxies(s.proxies, at, person, problems);
    checkSessionNotes(s, at, checks);
    if (s.chair) person(s.chair, [...at, 'chair']);
    if (s.chair && versions.length > 0 && !versions.some((b) => b.votingMembers.includes(s.chair!)))
      problems.push({
        path: [...at, 'chair'],
        message: `the chair '${s.chair}' is not a voting member of ${body}`,
      });
    checkChairPresent(s, at, problems);
    const motionIds = new Set<string>();
    const present = new Set(s.present);
    s.motions.forEach((item, mi) => {
      const mat = [...at, 'motions', mi];
      if (!isMotion(item)) {
        checkAttendance(item, mat, present, checks);
        return;
      }
      if (motionIds.has(item.id))
        problems.push({
          path: [...mat, 'id'],
          message: `motion '${item.id}' appears twice in session ${s.id}`,
        });
      motionIds.add(item.id);
      checkMotionItem(s, item, mat, checks);
      checkMotion(item, mat, hasKind, person, problems);
    });
  });
  checkBetweenSessions(file, checks);
  checkInstruments(file, checks);
  return problems;
}

/**
 * A chair presides where they are: the minutes list them present, or arriving at some point of the
 * session; else the minutes would show the one who took the chair among the absent.
 */
function checkChairPresent(s: SessionFile, at: (string | number)[], problems: PathProblem[]): void {
  const chair = s.chair;
  if (chair === undefined || s.present.includes(chair)) return;
  if (s.motions.some((item) => 'arrive' in item && item.arrive.includes(chair))) return;
  problems.push({
    path: [...at, 'chair'],
    message: `the chair '${chair}' is not among those present: the minutes list who took the chair in present, or arriving`,
  });
}

/**
 * An arrival of someone absent, or a departure of someone present, at that point of the session
 * (`present` as it stands, changed here): the minutes' account of who came and went must hold.
 */
function checkAttendance(
  item: { arrive: readonly string[] } | { depart: readonly string[] },
  at: (string | number)[],
  present: Set<string>,
  checks: FileChecks,
): void {
  const arriving = 'arrive' in item;
  const [key, people] = arriving ? ['arrive', item.arrive] : ['depart', item.depart];
  checks.people(people, [...at, key]);
  people.forEach((pid, pi) => {
    // A name given twice in the list is told as such (checks.people), not again here.
    if (people.indexOf(pid) !== pi) return;
    if (arriving === present.has(pid))
      checks.problems.push({
        path: [...at, key, pi],
        message: `${pid} is ${arriving ? 'present already' : 'not present'} at this point of the session`,
      });
    if (arriving) present.add(pid);
    else present.delete(pid);
  });
}

/** Proxies, voter → holder: both people, and no one their own proxy. */
function checkProxies(
  proxies: Readonly<Record<string, string>> | undefined,
  at: (string | number)[],
  person: (pid: string, path: Path) => void,
  problems: PathProblem[],
): void {
  for (const [voter, holder] of Object.entries(proxies ?? {})) {
    person(voter, [...at, 'proxies', voter]);
    person(holder, [...at, 'proxies', voter]);
    if (voter === holder)
      problems.push({
        path: [...at, 'proxies', voter],
        message: `${voter} cannot give a proxy to themself`,
      });
  }
}

function checkMotion(
  m: MotionFile,
  at: (string | number)[],
  hasKind: (kind: string) => boolean,
  person: (pid: string, path: Path) => void,
  problems: PathProblem[],
): void {
  if (m.proposer) person(m.proposer, [...at, 'proposer']);
  if (m.kind && !hasKind(m.kind))
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
    // Ayes and nays are what a casting vote and a required majority weigh: alternatives have none.
    for (const key of ['casting-vote', 'majority'] as const)
      if (m[key] !== undefined)
        problems.push({
          path: [...at, key],
          message: `${key}: only for a motion of one formula (aye or nay), not alternatives`,
        });
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
  checkProxies(m.proxies, at, person, problems);
  checkSpecial(m, at, person, problems);
  checkStated(m, at, problems);
  if (m.counts && !(m.vote && Object.values(m.vote).some(Array.isArray)))
    problems.push({
      path: [...at, 'counts'],
      message:
        'counts: the totals to check a roll call by name against; give the names under vote:',
    });
}

/**
 * What the minutes state is an outcome the motion could have: of one formula, adopted, rejected
 * or not decided; of alternatives, one of them or not decided. Anything else is a slip of the
 * file (`adoptd`), which would be signed into the record, not a disagreement with the rules.
 */
function checkStated(m: MotionFile, at: (string | number)[], problems: PathProblem[]): void {
  if (m.stated === undefined) return;
  const alternatives = m.alternatives ? Object.keys(m.alternatives) : undefined;
  const outcomes = alternatives ? [...alternatives, 'not-decided'] : FORMULA_OUTCOMES;
  if (outcomes.includes(m.stated)) return;
  const quoted = (ids: readonly string[]) => ids.map((o) => `'${o}'`).join(', ');
  problems.push({
    path: [...at, 'stated'],
    message: alternatives
      ? `stated: an alternative (${quoted(alternatives)}) or 'not-decided', not '${m.stated}'`
      : `stated: 'adopted', 'rejected' or 'not-decided' for one formula, not '${m.stated}'`,
  });
}

const FORMULA_OUTCOMES: readonly string[] = ['adopted', 'rejected', 'not-decided'];

/**
 * A motion that amends the charter or re-invites a person: one of the two, put as one formula,
 * as a motion that ratifies is.
 * Whether the body may decide it is the replay's to check, under the charter then in force.
 */
function checkSpecial(
  m: MotionFile,
  at: (string | number)[],
  person: (pid: string, path: Path) => void,
  problems: PathProblem[],
): void {
  if (m.invites !== undefined) person(m.invites, [...at, 'invites']);
  if (m.amends !== undefined && m.invites !== undefined)
    problems.push({
      path: [...at, 'invites'],
      message: 'a motion amends the charter or re-invites a person, not both',
    });
  if ((m.amends ?? m.invites) !== undefined && m.alternatives)
    problems.push({
      path: [...at, 'alternatives'],
      message: 'a motion that amends or re-invites is put as one formula, not alternatives',
    });
  for (const key of ['ratifies', 'approves-minutes'] as const)
    if (m[key] !== undefined && m.alternatives)
      problems.push({
        path: [...at, 'alternatives'],
        message: `a motion that ${key === 'ratifies' ? 'ratifies' : 'approves minutes'} is put as one formula, not alternatives`,
      });
}
