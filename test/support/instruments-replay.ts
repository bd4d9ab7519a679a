/**
 * A random scenario of random-instruments.ts replayed through the command line, and what
 * instruments-oracle.ts gives for it: the two sides of the random checks of who may sign what, a
 * delegated body's powers and obligations, and ratification.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cli } from './cli.js';
import { inRecordDir } from './random-record.js';
import {
  askedBy,
  bundleVerdict,
  delegatedQuestionFlags,
  delegationFlags,
  instrumentFlags,
  instrumentState,
  Ratifications,
  signingRule,
  type DecisionSeen,
  type DelegatedQuestion,
  type SigningRule,
} from './instruments-oracle.js';
import {
  charterText,
  ofBureau,
  proceedingsText,
  type BodySpec,
  type BureauQuestion,
  type InstrumentsScenario,
} from './random-instruments.js';
import { decideCirculation, type CirculationRule } from './rules-oracle.js';

/** What the record must show: each decision, each instrument, or the refusal of the file. */
export type Expected =
  | { refused: 'charter' | 'signature-twice' }
  | {
      decisions: Record<string, DecisionExpected>;
      instruments: Record<string, InstrumentExpected>;
      /** The reasons a policy accepting every kind and asking nothing more refuses each bundle. */
      verdicts: Record<string, string[]>;
    };

export interface DecisionExpected {
  outcome: string;
  flags: string[];
  ratification?: string;
}

export interface InstrumentExpected {
  state: string;
  signatures: string[];
  flags: string[];
}

function rulesOf(body: BodySpec): Map<string, SigningRule | undefined> {
  return new Map(body.kinds.map((k) => [k.kind, signingRule(body, k)]));
}

const outcomeOf = (quorate: boolean, aye: number, nay: number) =>
  !quorate ? 'not-decided' : aye > nay ? 'adopted' : 'rejected';

/** The rule of the question's own, else the bureau's, as rules-oracle.ts reads one. */
export function questionRule(
  s: InstrumentsScenario,
  q: BureauQuestion,
): CirculationRule | undefined {
  const rule = q.rule ?? s.bureau.circulation;
  if (rule === undefined || rule === 'unanimous') return rule;
  return {
    majority: rule.majority,
    ...(rule.quorum !== undefined ? { quorum: { count: rule.quorum } } : {}),
  };
}

/** The bureau's question: those drawn in from the board heard, counted as no one asked. */
export function bureauQuestionOutcome(s: InstrumentsScenario, q: BureauQuestion): string {
  const body = { ...s.bureau, quorum: 'majority' as const, majority: 'votes-cast' as const };
  const answers = Object.entries(q.answers).map(([person, choice]) => ({
    person,
    choice,
    inTime: true,
  }));
  const { voting } = askedBy(s.bureau, s.board.members, questionOf(q));
  return decideCirculation({ ...body, castingVote: false }, voting, questionRule(s, q), answers)
    .outcome;
}

export const questionOf = (q: BureauQuestion): DelegatedQuestion => ({
  ...(q.to ? { to: q.to } : {}),
  atHand: q.atHand,
  ...(q.power ? { power: q.power } : {}),
  answered: Object.keys(q.answers),
});

function bureauQuestionExpected(
  s: InstrumentsScenario,
  q: BureauQuestion,
  r: Ratifications,
): DecisionExpected {
  const outcome = bureauQuestionOutcome(s, q);
  r.decided('bq', outcome, s.bureau.reportTo);
  return { outcome, flags: delegatedQuestionFlags(s.bureau, s.board.members, questionOf(q)) };
}

/**
 * The bureau's session, then the board's: outcomes, flags and ratifications as they fall; and
 * each ratification as the instruments, drafted before s3, find it.
 */
function decisionsOf(s: InstrumentsScenario, r: Ratifications) {
  const out: Record<string, DecisionExpected> = {};
  const present = new Set(s.bureauSession.present);
  for (const step of s.bureauSession.steps) {
    if ('arrive' in step) step.arrive.forEach((p) => present.add(p));
    else if ('depart' in step) step.depart.forEach((p) => present.delete(p));
    else {
      const m = step.motion;
      const quorate = s.bureau.members.some((p) => present.has(p));
      const outcome = outcomeOf(quorate, m.aye, m.nay);
      r.decided(`b1/${m.id}`, outcome, s.bureau.reportTo);
      const flags = delegationFlags(s.bureau, m.power, s.bureauSession.atHand, present);
      out[`b1/${m.id}`] = { outcome, flags: flags.sort() };
    }
  }
  if (s.bureauQuestion) out['bq'] = bureauQuestionExpected(s, s.bureauQuestion, r);
  const answers = Object.values(s.question.answers);
  const ayes = answers.filter((a) => a === 'aye').length;
  const q1 = outcomeOf(true, ayes, answers.length - ayes);
  r.decided('q1', q1, s.question.ratify);
  out['q1'] = { outcome: q1, flags: [] };
  let atInstruments = new Map(r.status);
  for (const session of s.boardSessions) {
    if (session.id === 's3') atInstruments = new Map(r.status);
    const quorate = 2 * session.present.length > s.board.members.length;
    for (const m of session.motions) {
      const outcome = outcomeOf(quorate, m.aye, m.nay);
      const flags = m.ratifies ? r.ratify(m.ratifies, outcome) : [];
      out[`${session.id}/${m.id}`] = { outcome, flags };
    }
  }
  for (const [key, status] of r.status) out[key]!.ratification = status;
  return { decisions: out, atInstruments };
}

export function expected(s: InstrumentsScenario): Expected {
  const rules = { board: rulesOf(s.board), bureau: rulesOf(s.bureau) };
  const meetable = [...rules.board.values(), ...rules.bureau.values()].every((x) => x);
  if (!meetable) return { refused: 'charter' };
  if (s.instruments.some((i) => new Set(i.signatures).size < i.signatures.length))
    return { refused: 'signature-twice' };
  const r = new Ratifications();
  const { decisions, atInstruments } = decisionsOf(s, r);
  const seen = (ref: string, status: ReadonlyMap<string, DecisionSeen['ratification']>) => ({
    body: ofBureau(ref) ? 'bureau' : 'board',
    outcome: decisions[ref]!.outcome,
    ...(status.has(ref) ? { ratification: status.get(ref)! } : {}),
  });
  const instruments: Record<string, InstrumentExpected> = {};
  const verdicts: Record<string, string[]> = {};
  for (const i of s.instruments) {
    const rule = rules[i.body as 'board' | 'bureau'].get(i.kind) ?? 'no-such-kind';
    const at = (status: ReadonlyMap<string, DecisionSeen['ratification']>) =>
      i.restsOn === undefined ? undefined : seen(i.restsOn, status);
    const delegates = (b: string) => (b === 'board' ? ['bureau'] : []);
    const flags = instrumentFlags(i, rule, at(atInstruments), delegates);
    instruments[i.id] = { state: instrumentState(i), signatures: i.signatures, flags };
    verdicts[i.id] = bundleVerdict(i, rule, at(r.status), delegates).sort();
  }
  return { decisions, instruments, verdicts };
}

/** A flag of the replay in the oracle's words: what it is about, and whom. */
export function flagWord(flag: string): string {
  const person =
    /^Person (\S+) (?:is not among the signers|signs after|signs out of the listed order|may not sign yet)/.exec(
      flag,
    );
  if (person) return `${/not among/.test(flag) ? 'not-a-signer' : 'out-of-order'}:${person[1]}`;
  const drawIn = /did not draw in (.*) of its parent/.exec(flag);
  if (drawIn) return `draw-in:${drawIn[1]!.split(', ').join(',')}`;
  const noVote = /^(\S+) is not a voting member(?: of \S+|: answer not counted)$/.exec(flag);
  if (noVote) return `no-vote:${noVote[1]}`;
  const notAsked = /^(\S+) answered without being asked: answer not counted$/.exec(flag);
  if (notAsked) return `not-asked:${notAsked[1]}`;
  const words: [RegExp, string][] = [
    [/ issues no /, 'unknown-kind'],
    [/^issued short of its signing rule/, 'short'],
    [/rests on a decision of/, 'needs-decision'],
    [/ is a decision of .*, not of /, 'other-body'],
    [/ was not adopted$/, 'not-adopted'],
    [/annulled when its ratification failed/, 'annulled'],
    [/decided outside its delegated powers/, 'outside-powers'],
    [/which awaits no ratification by/, 'awaits-none'],
  ];
  return words.find(([re]) => re.test(flag))?.[1] ?? flag;
}

interface ReplayedObject {
  session?: string;
  motion?: string;
  instrument?: string;
  circulation?: string;
  outcome?: string;
  state?: string;
  signatures?: string[];
  flags: string[];
  ratification?: { status: string };
}

/** The scenario replayed: the refusal's message, or every decision and instrument as recorded. */
export async function replayed(
  s: InstrumentsScenario,
  dir: string,
  n: number,
): Promise<{ code: number; err: string; record?: Expected }> {
  return inRecordDir(dir, `instruments-${n}`, charterText(s), async ({ here, charter, db }) => {
    const minutes = join(here, 'minutes.yaml');
    writeFileSync(minutes, proceedingsText(s));
    const r = await cli('replay', minutes, '--charter', charter, '--db', db, '--json');
    if (r.code !== 0) return { code: r.code, err: r.err + r.out };
    const objects = JSON.parse(r.out) as ReplayedObject[];
    const decisions: Record<string, DecisionExpected> = {};
    const instruments: Record<string, InstrumentExpected> = {};
    for (const o of objects) {
      const flags = o.flags.map(flagWord).sort();
      if (o.instrument !== undefined)
        instruments[o.instrument] = { state: o.state!, signatures: o.signatures!, flags };
      else if (o.motion !== undefined || o.circulation !== undefined)
        decisions[o.circulation ?? `${o.session}/${o.motion}`] = {
          outcome: o.outcome!,
          flags,
          ...(o.ratification ? { ratification: o.ratification.status } : {}),
        };
    }
    const verdicts = await verifiedBundles(s, here, db);
    return { code: 0, err: '', record: { decisions, instruments, verdicts } };
  });
}

/** Each instrument exported and verified under a policy accepting every kind, asking nothing. */
async function verifiedBundles(s: InstrumentsScenario, here: string, db: string) {
  const logKey = (await cli('log-key', '--db', db)).out.trim();
  const kinds = new Set([
    'memo',
    ...[s.board, s.bureau].flatMap((b) => b.kinds.map((k) => k.kind)),
  ]);
  const policy = join(here, 'policy.yaml');
  const accept = [...kinds].map((kind) => ({ kind, 'in-force': false }));
  writeFileSync(policy, stringify({ logs: [logKey], accept }));
  const verdicts: Record<string, string[]> = {};
  for (const i of s.instruments) {
    const bundle = join(here, `${i.id}.json`);
    const exported = await cli('export', 'instrument', i.id, '--db', db, '-o', bundle);
    if (exported.code !== 0) throw new Error(exported.err);
    const r = await cli('--json', 'verify', bundle, '--trust', policy);
    const verdict = JSON.parse(r.out) as { reasons: { code: string }[] };
    verdicts[i.id] = verdict.reasons.map((x) => x.code).sort();
  }
  return verdicts;
}
