/**
 * A random scenario of random-instruments.ts replayed through the command line, and what
 * instruments-oracle.ts gives for it: the two sides of the random checks of who may sign what, a
 * delegated body's powers and obligations, and ratification.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './cli.js';
import {
  delegationFlags,
  instrumentFlags,
  instrumentState,
  Ratifications,
  signingRule,
  type DecisionSeen,
  type SigningRule,
} from './instruments-oracle.js';
import {
  charterText,
  proceedingsText,
  type BodySpec,
  type InstrumentsScenario,
} from './random-instruments.js';

/** What the record must show: each decision, each instrument, or the refusal of the file. */
export type Expected =
  | { refused: 'charter' | 'signature-twice' }
  | {
      decisions: Record<string, DecisionExpected>;
      instruments: Record<string, InstrumentExpected>;
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

/** The bureau's session, then the board's: outcomes, flags and ratifications as they fall. */
function decisionsOf(s: InstrumentsScenario, r: Ratifications): Record<string, DecisionExpected> {
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
  for (const session of s.boardSessions) {
    const quorate = 2 * session.present.length > s.board.members.length;
    for (const m of session.motions) {
      const outcome = outcomeOf(quorate, m.aye, m.nay);
      const flags = m.ratifies ? r.ratify(m.ratifies, outcome) : [];
      out[`${session.id}/${m.id}`] = { outcome, flags };
    }
  }
  for (const [key, status] of r.status) out[key]!.ratification = status;
  return out;
}

export function expected(s: InstrumentsScenario): Expected {
  const rules = { board: rulesOf(s.board), bureau: rulesOf(s.bureau) };
  const meetable = [...rules.board.values(), ...rules.bureau.values()].every((x) => x);
  if (!meetable) return { refused: 'charter' };
  if (s.instruments.some((i) => new Set(i.signatures).size < i.signatures.length))
    return { refused: 'signature-twice' };
  const r = new Ratifications();
  const decisions = decisionsOf(s, r);
  const seen = (ref: string): DecisionSeen => ({
    body: ref.startsWith('b1/') ? 'bureau' : 'board',
    outcome: decisions[ref]!.outcome,
    ...(r.status.has(ref) ? { ratification: r.status.get(ref)! } : {}),
  });
  const instruments = Object.fromEntries(
    s.instruments.map((i) => {
      const rule = rules[i.body as 'board' | 'bureau'].get(i.kind) ?? 'no-such-kind';
      const decision = i.restsOn === undefined ? undefined : seen(i.restsOn);
      const flags = instrumentFlags(i, rule, decision, (b) => (b === 'board' ? ['bureau'] : []));
      return [i.id, { state: instrumentState(i), signatures: i.signatures, flags }];
    }),
  );
  return { decisions, instruments };
}

/** A flag of the replay in the oracle's words: what it is about, and whom. */
export function flagWord(flag: string): string {
  const person = /^Person (\S+) (?:is not among the signers|signs before|may not sign yet)/.exec(
    flag,
  );
  if (person) return `${/not among/.test(flag) ? 'not-a-signer' : 'out-of-order'}:${person[1]}`;
  const drawIn = /did not draw in (.*) of its parent/.exec(flag);
  if (drawIn) return `draw-in:${drawIn[1]!.split(', ').join(',')}`;
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
  const here = join(dir, `instruments-${n}`);
  mkdirSync(here, { recursive: true });
  const charter = join(here, 'charter.yaml');
  const minutes = join(here, 'minutes.yaml');
  writeFileSync(charter, charterText(s));
  writeFileSync(minutes, proceedingsText(s));
  const r = await cli(
    'replay',
    minutes,
    '--charter',
    charter,
    '--db',
    join(here, 'r.db'),
    '--json',
  );
  rmSync(here, { recursive: true, force: true });
  if (r.code !== 0) return { code: r.code, err: r.err + r.out };
  const objects = JSON.parse(r.out) as ReplayedObject[];
  const decisions: Record<string, DecisionExpected> = {};
  const instruments: Record<string, InstrumentExpected> = {};
  for (const o of objects) {
    const flags = o.flags.map(flagWord).sort();
    if (o.instrument !== undefined)
      instruments[o.instrument] = { state: o.state!, signatures: o.signatures!, flags };
    else if (o.motion !== undefined)
      decisions[`${o.session}/${o.motion}`] = {
        outcome: o.outcome!,
        flags,
        ...(o.ratification ? { ratification: o.ratification.status } : {}),
      };
  }
  return { code: 0, err: '', record: { decisions, instruments } };
}
