/**
 * Random joint bodies for the rules oracle: two or three bodies of random rules and overlapping
 * members, sitting together as a joint body that votes jointly or by each body, in session and
 * in writing; and what the rules give for each of its motions and questions.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { charterYaml, type CharterBody } from './random-charter.js';
import {
  MAJORITIES,
  boundary,
  boundaryRoll,
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
import type { Expected } from './oracle-replay.js';
import {
  decideAlternatives,
  decideCirculation,
  decideFormula,
  jointOutcome,
  type CirculationRule,
  type MajorityRule,
  type MotionSetting,
  type OracleBody,
  type QuorumForm,
  type RollChoice,
} from './rules-oracle.js';

const PEOPLE = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
const GUEST = 'g1';

export interface JointBody {
  id: string;
  members: string[];
  quorum: QuorumForm;
  majority: MajorityRule;
}

export interface JointMotion {
  id: string;
  vote:
    | { roll: Partial<Record<RollChoice, string[]>> }
    /** Counts name no voters: the joint count alone decides. */
    | { counts: Partial<Record<RollChoice, number>> }
    | { names: Record<string, string[]>; method: 'plurality' | 'absolute' };
}

export interface JointScenario {
  bodies: JointBody[];
  votes: 'jointly' | 'each-body';
  quorum: QuorumForm;
  majority: MajorityRule;
  circulation?: CirculationRule;
  sessions: { id: string; date: string; present: string[]; motions: JointMotion[] }[];
  questions: {
    id: string;
    /** The members asked, where not every one. */
    to?: string[];
    answers: { person: string; choice: 'aye' | 'nay' | 'abstain' }[];
  }[];
}

/** The joint body's members: those of its bodies, each once, in the order first named. */
const union = (s: JointScenario) => [...new Set(s.bodies.flatMap((b) => b.members))];

function jointBody(g: Gen, i: number): JointBody {
  const members = subset(g, PEOPLE);
  if (members.length === 0) members.push(pick(g, PEOPLE));
  return {
    id: `b${i}`,
    members,
    quorum: quorumForm(g, members.length),
    majority: pick(g, MAJORITIES),
  };
}

function motion(g: Gen, s: JointScenario, present: readonly string[], i: number): JointMotion {
  const voters = [...union(s), GUEST];
  if (chance(g, 6)) {
    const counts = { aye: g(fc.nat, 4), nay: g(fc.nat, 4), abstain: g(fc.nat, 2) };
    return { id: `m${i}`, vote: { counts } };
  }
  if (chance(g, 4)) {
    const names: Record<string, string[]> = { x: [], y: [], z: [] };
    for (const p of voters.filter(() => !chance(g, 4))) names[pick(g, ['x', 'y', 'z'])]!.push(p);
    return { id: `m${i}`, vote: { names, method: pick(g, ['plurality', 'absolute'] as const) } };
  }
  if (!chance(g, 3)) return { id: `m${i}`, vote: { roll: rollCall(g, voters) } };
  // At a threshold of one body's rule, counted among those present of the whole.
  const b = pick(g, s.bodies);
  const inRoom = present.filter((p) => union(s).includes(p));
  const target = boundary(g, b.majority, inRoom.length, b.members.length);
  return { id: `m${i}`, vote: { roll: boundaryRoll(g, target, inRoom) } };
}

export const arbJointScenario: fc.Arbitrary<JointScenario> = fc.gen().map((g) => {
  const bodies = Array.from({ length: g(fc.integer, { min: 2, max: 3 }) }, (_, i) =>
    jointBody(g, i + 1),
  );
  const smallest = Math.min(...bodies.map((b) => b.members.length));
  const s: JointScenario = {
    bodies,
    votes: pick(g, ['jointly', 'each-body'] as const),
    quorum: 'majority',
    majority: pick(g, MAJORITIES),
    sessions: [],
    questions: [],
  };
  s.quorum = quorumForm(g, union(s).length);
  // A count of answers no greater than the smallest body's, which each body's count can reach
  // (a greater one is refused live).
  if (g(fc.boolean)) s.circulation = circulationRule(g, smallest);
  const sessions = g(fc.integer, { min: 1, max: 2 });
  for (let n = 1; n <= sessions; n++) {
    const present = subset(g, [...union(s), GUEST]);
    const motions = Array.from({ length: g(fc.integer, { min: 1, max: 4 }) }, (_, i) =>
      motion(g, s, present, i + 1),
    );
    s.sessions.push({ id: `j${n}`, date: `2021-01-1${n}`, present, motions });
  }
  const questions = g(fc.integer, { min: 0, max: 2 });
  for (let n = 1; n <= questions; n++) {
    const answers = subset(g, [...union(s), GUEST]).map((person) => ({
      person,
      choice: pick(g, ['aye', 'nay', 'abstain'] as const),
    }));
    const to = chance(g, 3) ? subset(g, union(s)) : [];
    s.questions.push({ id: `q${n}`, ...(to.length > 0 ? { to } : {}), answers });
  }
  return s;
});

const oracleBody = (members: readonly string[], quorum: QuorumForm, majority: MajorityRule) =>
  ({ members, candidates: [], quorum, majority, castingVote: false }) satisfies OracleBody;

/** What the rules give each motion and question of the joint body. */
export function jointExpected(s: JointScenario): Expected[] {
  const joint = oracleBody(union(s), s.quorum, s.majority);
  const setting = (b: OracleBody, present: ReadonlySet<string>): MotionSetting => ({
    body: b,
    present,
    grants: [],
    quorum: b.quorum,
    majority: b.majority,
  });
  const motions = s.sessions.flatMap((session) =>
    session.motions.map((m) => {
      const present = new Set(session.present);
      const v = m.vote;
      const decided =
        'roll' in v || 'counts' in v
          ? decideFormula(setting(joint, present), v)
          : decideAlternatives(setting(joint, present), { names: v.names }, v.method);
      const each =
        'roll' in v && s.votes === 'each-body'
          ? s.bodies.map(
              (b) =>
                decideFormula(setting(oracleBody(b.members, b.quorum, b.majority), present), v)
                  .outcome,
            )
          : [];
      const outcome = jointOutcome(decided.outcome, each);
      return {
        key: `${session.id}/${m.id}`,
        ...decided,
        outcome,
        misstated: false,
        quorum: { ...decided.quorum },
      };
    }),
  );
  const questions = s.questions.map((q) => {
    const rule = s.circulation;
    const asked = (b: OracleBody) =>
      decideCirculation(
        b,
        q.to,
        rule,
        q.answers.map((a) => ({ ...a, inTime: true })),
      );
    const r = asked(joint);
    const each =
      s.votes === 'each-body' && rule !== undefined
        ? s.bodies.map((b) => asked(oracleBody(b.members, b.quorum, b.majority)).outcome)
        : [];
    return {
      key: q.id,
      outcome: jointOutcome(r.outcome, each),
      misstated: false,
      tally: { aye: r.aye, nay: r.nay },
      quorum: { presentVoting: r.answered, votingMembers: r.asked },
    };
  });
  return [...motions, ...questions];
}

/** The charter: the bodies, and `joint` sitting as all of them; members listed or left out. */
export function jointCharterText(s: JointScenario): string {
  const bodies: Record<string, CharterBody> = {};
  for (const b of s.bodies)
    bodies[b.id] = {
      name: `Body ${b.id}`,
      members: b.members,
      secretary: 'sec',
      quorum: quorumValue(b.quorum),
      majority: b.majority,
    };
  bodies.joint = {
    name: 'Joint session',
    joint: { bodies: s.bodies.map((b) => b.id), votes: s.votes },
    secretary: 'sec',
    quorum: quorumValue(s.quorum),
    majority: s.majority,
    ...(s.circulation ? { circulation: { rule: ruleValue(s.circulation) } } : {}),
  };
  return charterYaml(
    { id: 'random-joint', name: 'Bodies sitting jointly' },
    [...PEOPLE, GUEST, 'sec'],
    bodies,
  );
}

/** The joint body's proceedings. */
export function jointProceedingsText(s: JointScenario): string {
  const sessions = s.sessions.map((x) => ({
    id: x.id,
    date: x.date,
    present: x.present,
    motions: x.motions.map((m) => ({
      id: m.id,
      text: `Motion ${m.id}.`,
      ...('names' in m.vote
        ? { alternatives: m.vote.names, method: m.vote.method }
        : { vote: 'roll' in m.vote ? m.vote.roll : m.vote.counts }),
    })),
  }));
  const circulations = s.questions.map((q, i) => ({
    id: q.id,
    opened: `2021-03-0${2 * i + 1}`,
    by: 'sec',
    text: `Question ${q.id}?`,
    deadline: `2021-03-0${2 * i + 2}`,
    ...(q.to ? { to: q.to } : {}),
    answers: Object.fromEntries(q.answers.map((a) => [a.person, a.choice])),
  }));
  return stringify({
    body: 'joint',
    sessions,
    ...(circulations.length > 0 ? { circulations } : {}),
  });
}
