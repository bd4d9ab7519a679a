/**
 * Random delegated bodies for the rules oracle: a board and a bureau it delegates (powers or none,
 * obliged or not to draw in the board's members at hand and to report to the board), their
 * sessions in turn, and motions that ratify earlier decisions, rightly or not; and what the rules
 * give for each: outcome, counts, quorum, the delegation's flags and where each decision stands.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { RecordedDecision } from './oracle-replay.js';
import { charterYaml, type CharterBody } from './random-charter.js';
import {
  MAJORITIES,
  chance,
  circulationRule,
  pick,
  quorumForm,
  quorumValue,
  rollCall,
  ruleValue,
  subset,
  type Gen,
} from './random-minutes.js';
import {
  delegationBreaches,
  RatificationLedger,
  type Delegation,
  type Ratification,
} from './delegation-oracle.js';
import {
  decideCirculation,
  decideFormula,
  type CirculationRule,
  type MajorityRule,
  type OracleBody,
  type QuorumForm,
  type RollChoice,
} from './rules-oracle.js';

const PEOPLE = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const GUEST = 'g1';
const POWERS = ['pw1', 'pw2'];

interface Rules {
  members: string[];
  quorum: QuorumForm;
  majority: MajorityRule;
}

export interface DelegatedMotion {
  id: string;
  roll: Partial<Record<RollChoice, string[]>>;
  /** The delegated power it is put under (bureau only). */
  power?: string;
  /** `{session, motion}` of an earlier motion it is put to ratify. */
  ratifies?: Ref;
}

export type DelegatedStep = { arrive: string[] } | { motion: DelegatedMotion };

export interface DelegatedSession {
  id: string;
  body: 'board' | 'bureau';
  date: string;
  present: string[];
  /** The board's members at hand, for a bureau obliged to draw them in. */
  atHand: string[];
  steps: DelegatedStep[];
}

/** A question the bureau puts in writing between the sessions, answered in time. */
export interface DelegatedQuestion {
  id: string;
  /** The number of sessions before it: it is put the day after the last of them. */
  after: number;
  /** Every bureau member, and those of the board at hand it asks. */
  to: string[];
  atHand: string[];
  power?: string;
  answers: { person: string; choice: 'aye' | 'nay' | 'abstain' }[];
}

export interface DelegatedScenario {
  board: Rules;
  bureau: Rules & Delegation & { circulation: CirculationRule };
  sessions: DelegatedSession[];
  questions: DelegatedQuestion[];
}

function rules(g: Gen, members: string[]): Rules {
  return { members, quorum: quorumForm(g, members.length), majority: pick(g, MAJORITIES) };
}

/** A roll call of the room: at random, or all aye, or all nay, so that ratifying motions decide. */
function roll(g: Gen, people: readonly string[]): Partial<Record<RollChoice, string[]>> {
  const which = g(fc.nat, 3);
  if (which === 0) return { aye: [...people] };
  if (which === 1) return { nay: [...people] };
  return rollCall(g, people);
}

/** Sessions on even days, the questions between them on odd ones. */
const dayOf = (n: number) => `2021-03-${10 + n}`;

type Ref = { session: string; motion: string } | { circulation: string };

const decisionsOf = (s: DelegatedScenario): Ref[] => [
  ...s.sessions.flatMap((x) =>
    x.steps.flatMap((st) => ('motion' in st ? [{ session: x.id, motion: st.motion.id }] : [])),
  ),
  ...s.questions.map((q) => ({ circulation: q.id })),
];

const keyOf = (r: Ref) => ('circulation' in r ? r.circulation : `${r.session}/${r.motion}`);

/** The power a bureau decision is put under: one of its own, another, or none. */
function powerOf(g: Gen, s: DelegatedScenario): string | undefined {
  if (s.bureau.powers.length === 0 || chance(g, 3)) return undefined;
  return pick(g, [...s.bureau.powers, 'pw3']);
}

/** The board's members who do not sit on the bureau. */
const others = (s: DelegatedScenario) =>
  s.board.members.filter((p) => !s.bureau.members.includes(p));

/** A question of the bureau, put after the sessions so far. */
function question(g: Gen, s: DelegatedScenario): DelegatedQuestion {
  const n = s.sessions.length;
  const atHand = s.bureau.drawIn ? subset(g, others(s)) : [];
  const to = [...s.bureau.members, ...atHand.filter(() => !chance(g, 3))];
  const answers = subset(g, [...to, GUEST]).map((person) => ({
    person,
    choice: pick(g, ['aye', 'aye', 'nay', 'abstain'] as const),
  }));
  const power = powerOf(g, s);
  const id = `q${s.questions.length + 1}`;
  return { id, after: n, to, atHand, answers, ...(power ? { power } : {}) };
}

function session(g: Gen, s: DelegatedScenario, body: 'board' | 'bureau'): DelegatedSession {
  const n = s.sessions.length + 1;
  const own = body === 'board' ? s.board.members : s.bureau.members;
  const atHand = body === 'bureau' && s.bureau.drawIn ? subset(g, others(s)) : [];
  const present = chance(g, 2) ? [...own] : subset(g, [...own, ...atHand, GUEST]);
  const x: DelegatedSession = {
    id: `s${n}`,
    body,
    date: dayOf(2 * n),
    present,
    atHand,
    steps: [],
  };
  // The first session is the bureau's, its first motion adopted by all; the second, the board's,
  // first puts it to ratification: every record has a delegated decision put to its parent.
  const count = g(fc.integer, { min: 1, max: 3 });
  const earlier = decisionsOf(s);
  const inRoom = new Set(present);
  for (let i = 1; i <= count; i++) {
    const arrive = i > 1 && chance(g, 3) ? subset(g, atHand).filter((p) => !inRoom.has(p)) : [];
    if (arrive.length > 0) x.steps.push({ arrive });
    arrive.forEach((p) => inRoom.add(p));
    const voters = new Set([...inRoom, ...subset(g, [...atHand, GUEST])]);
    const m: DelegatedMotion = { id: `m${i}`, roll: roll(g, [...voters]) };
    const power = body === 'bureau' ? powerOf(g, s) : undefined;
    if (power) m.power = power;
    if (n === 1 && i === 1) {
      own.forEach((p) => inRoom.add(p));
      x.present = [...new Set([...present, ...own])];
      m.roll = { aye: [...own] };
    }
    if (n === 2 && i === 1) m.ratifies = { session: 's1', motion: 'm1' };
    else if (earlier.length > 0 && (body === 'board' ? !chance(g, 3) : chance(g, 4)))
      m.ratifies = pick(g, earlier);
    x.steps.push({ motion: m });
  }
  return x;
}

export const arbDelegatedScenario: fc.Arbitrary<DelegatedScenario> = fc.gen().map((g) => {
  const board = subset(g, PEOPLE);
  while (board.length < 3) board.push(PEOPLE.find((p) => !board.includes(p))!);
  const bureau = subset(g, board);
  if (bureau.length === 0) bureau.push(pick(g, board));
  const s: DelegatedScenario = {
    board: rules(g, board),
    bureau: {
      ...rules(g, bureau),
      parent: 'board',
      powers: chance(g, 3)
        ? []
        : subset(g, POWERS)
            .concat(['pw1'])
            .filter((p, i, a) => a.indexOf(p) === i),
      drawIn: !chance(g, 3),
      reportTo: !chance(g, 4),
      circulation: 'unanimous',
    },
    sessions: [],
    questions: [],
  };
  s.bureau.circulation = circulationRule(g, bureau.length);
  const sessions = g(fc.integer, { min: 2, max: 4 });
  for (let n = 1; n <= sessions; n++) {
    const body = n === 1 ? 'bureau' : n === 2 ? 'board' : pick(g, ['board', 'bureau'] as const);
    s.sessions.push(session(g, s, body));
    if (n < sessions && g(fc.boolean)) s.questions.push(question(g, s));
  }
  return s;
});

export interface DelegatedExpected {
  key: string;
  outcome: string;
  tally: { aye: number; nay: number };
  /** Of a motion, who counted as present, and the quorum; of a question, who answered of those asked. */
  quorum: Record<string, number | boolean>;
  outsidePowers: boolean;
  notDrawnIn: string[];
  /** Flagged as put to ratify what awaits no ratification by its body. */
  ratifiesNothing: boolean;
  ratification?: Ratification;
}

const oracleBody = (r: Rules): OracleBody => ({
  members: r.members,
  candidates: [],
  quorum: r.quorum,
  majority: r.majority,
  castingVote: false,
});

/** What the rules give each motion of a session. */
function sessionExpected(
  s: DelegatedScenario,
  x: DelegatedSession,
  ledger: RatificationLedger,
): DelegatedExpected[] {
  const r = x.body === 'board' ? s.board : s.bureau;
  const present = new Set(x.present);
  const out: DelegatedExpected[] = [];
  for (const step of x.steps) {
    if ('arrive' in step) {
      step.arrive.forEach((p) => present.add(p));
      continue;
    }
    const m = step.motion;
    const key = `${x.id}/${m.id}`;
    const setting = {
      body: oracleBody(r),
      present,
      grants: [],
      quorum: r.quorum,
      majority: r.majority,
    };
    const d = decideFormula(setting, { roll: m.roll });
    const breaches =
      x.body === 'bureau'
        ? delegationBreaches(s.bureau, m.power, x.atHand, present)
        : { outsidePowers: false, notDrawnIn: [] };
    const target = m.ratifies && keyOf(m.ratifies);
    const ratifiesNothing =
      target !== undefined && ledger.ratifying(key, x.body, target, d.outcome);
    ledger.decided(key, d.outcome, x.body === 'bureau' && s.bureau.reportTo ? 'board' : undefined);
    const { presentVoting, required, met } = d.quorum;
    out.push({
      key,
      outcome: d.outcome,
      tally: { aye: d.tally.aye!, nay: d.tally.nay! },
      quorum: { presentVoting, required, met },
      ...breaches,
      ratifiesNothing,
    });
  }
  return out;
}

/**
 * What the rules give a question of the bureau: those of the board it asks are heard, not
 * counted; those at hand it did not ask, not drawn in.
 */
function questionExpected(
  s: DelegatedScenario,
  q: DelegatedQuestion,
  ledger: RatificationLedger,
): DelegatedExpected {
  const answers = q.answers.map((a) => ({ ...a, inTime: true }));
  const d = decideCirculation(oracleBody(s.bureau), q.to, s.bureau.circulation, answers);
  ledger.decided(q.id, d.outcome, s.bureau.reportTo ? 'board' : undefined);
  return {
    key: q.id,
    outcome: d.outcome,
    tally: { aye: d.aye, nay: d.nay },
    quorum: { presentVoting: d.answered, votingMembers: d.asked },
    ...delegationBreaches(s.bureau, q.power, q.atHand, new Set(q.to)),
    ratifiesNothing: false,
  };
}

/** What the rules give each motion and question, in the order of the record. */
export function delegatedExpected(s: DelegatedScenario): DelegatedExpected[] {
  const ledger = new RatificationLedger();
  const out: DelegatedExpected[] = [];
  s.sessions.forEach((x, i) => {
    out.push(...sessionExpected(s, x, ledger));
    for (const q of s.questions.filter((y) => y.after === i + 1))
      out.push(questionExpected(s, q, ledger));
  });
  return out.map((e) => {
    const r = ledger.of(e.key);
    return r ? { ...e, ratification: r } : e;
  });
}

/** The charter: the board and the bureau it delegates. */
export function delegatedCharterText(s: DelegatedScenario): string {
  const b = s.bureau;
  const obligations = [
    ...(b.drawIn ? [{ 'draw-in-present-members-of': 'board' }] : []),
    ...(b.reportTo ? [{ 'report-to': 'board' }] : []),
  ];
  const bodies: Record<string, CharterBody> = {
    board: {
      name: 'Board',
      members: s.board.members,
      secretary: 'sec',
      quorum: quorumValue(s.board.quorum),
      majority: s.board.majority,
    },
    bureau: {
      name: 'Bureau',
      parent: 'board',
      members: b.members,
      secretary: 'sec',
      powers: b.powers,
      obligations,
      quorum: quorumValue(b.quorum),
      majority: b.majority,
      circulation: { rule: ruleValue(b.circulation) },
    },
  };
  return charterYaml(
    { id: 'random-delegated', name: 'A board and its bureau' },
    [...PEOPLE, GUEST, 'sec'],
    bodies,
  );
}

/** The proceedings: the board's file, the bureau's sessions naming their body. */
export function delegatedProceedingsText(s: DelegatedScenario): string {
  const sessions = s.sessions.map((x) => ({
    id: x.id,
    ...(x.body === 'bureau' ? { body: 'bureau' } : {}),
    date: x.date,
    present: x.present,
    ...(x.atHand.length > 0 ? { 'at-hand': x.atHand } : {}),
    motions: x.steps.map((st) =>
      'arrive' in st
        ? st
        : {
            id: st.motion.id,
            text: `Motion ${st.motion.id}.`,
            ...(st.motion.power ? { power: st.motion.power } : {}),
            ...(st.motion.ratifies ? { ratifies: st.motion.ratifies } : {}),
            vote: st.motion.roll,
          },
    ),
  }));
  const circulations = s.questions.map((q) => ({
    id: q.id,
    body: 'bureau',
    opened: dayOf(2 * q.after + 1),
    by: 'sec',
    text: `Question ${q.id}?`,
    deadline: dayOf(2 * q.after + 1),
    to: q.to,
    ...(q.power ? { power: q.power } : {}),
    ...(q.atHand.length > 0 ? { 'at-hand': q.atHand } : {}),
    answers: Object.fromEntries(q.answers.map((a) => [a.person, a.choice])),
  }));
  return stringify({
    body: 'board',
    sessions,
    ...(circulations.length > 0 ? { circulations } : {}),
  });
}

/** The part of a recorded decision the oracle speaks to, in the oracle's terms. */
export function delegatedComparable(e: DelegatedExpected, d: RecordedDecision | undefined) {
  if (!d) return undefined;
  const drawIn = d.flags
    .map((f) => /did not draw in (.+) of its parent/.exec(f)?.[1])
    .find(Boolean);
  const r = d.ratification;
  const by = r?.decidedBy;
  return {
    key: e.key,
    outcome: d.outcome,
    tally: { aye: d.tally.aye ?? 0, nay: d.tally.nay ?? 0 },
    quorum: Object.fromEntries(Object.keys(e.quorum).map((k) => [k, d.quorum[k]])),
    outsidePowers: d.flags.some((f) => f.includes('decided outside its delegated powers')),
    notDrawnIn: drawIn ? drawIn.split(/, | and /) : [],
    ratifiesNothing: d.flags.some((f) => f.includes('which awaits no ratification by')),
    ...(r
      ? {
          ratification: {
            by: r.by,
            status: r.status,
            ...(by ? { decidedBy: by.circulation ?? `${by.session}/${by.motion}` } : {}),
          },
        }
      : {}),
  };
}
