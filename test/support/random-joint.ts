/**
 * Random joint bodies for the rules oracle: two or three bodies of random rules and overlapping
 * members (a member of one perhaps a candidate of another), sitting together as a joint body that
 * votes jointly or by each body, in session and in writing, its chair perhaps with a casting vote,
 * jointly perhaps with proxies; and what the rules give for each of its motions and questions.
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
  type Grant,
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
  /** Voice, no vote in this body: perhaps a member of another. */
  candidates: string[];
  quorum: QuorumForm;
  majority: MajorityRule;
}

export interface JointMotion {
  id: string;
  /** The chair's casting vote, as the minutes give it. */
  casting?: 'aye' | 'nay';
  /** `VOTER: HOLDER` for this motion. */
  proxies: Record<string, string>;
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
  /** The joint body's own candidates: people on none of its bodies. */
  candidates: string[];
  chair?: string;
  /** The joint body's chair has a casting vote; its bodies never do (ties in their counts fail). */
  castingVote: boolean;
  /**
   * Proxies of the joint body, where it votes jointly: how a body's own count reads a proxy of
   * the joint sitting the rules do not say.
   */
  maxPerHolder?: number;
  circulation?: CirculationRule;
  sessions: {
    id: string;
    date: string;
    present: string[];
    proxies: Record<string, string>;
    motions: JointMotion[];
  }[];
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
    candidates: chance(g, 2)
      ? subset(
          g,
          PEOPLE.filter((p) => !members.includes(p)),
        )
      : [],
    quorum: quorumForm(g, members.length),
    majority: pick(g, MAJORITIES),
  };
}

/** Everyone a joint session may see: members, candidates, a guest. */
const everyone = (s: JointScenario) => [
  ...new Set([...union(s), ...s.bodies.flatMap((b) => b.candidates), ...s.candidates, GUEST]),
];

/**
 * Proxies among anyone (a candidate or guest holding one counts nothing), never to oneself,
 * leaving out the voters in `taken`; none where the joint body has no proxies or votes by body.
 */
function proxies(g: Gen, s: JointScenario, taken: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.maxPerHolder === undefined || chance(g, 2)) return out;
  const holders = [...union(s), ...union(s), ...everyone(s)];
  for (const voter of subset(g, everyone(s)).filter((v) => !taken.has(v))) {
    const holder = pick(g, holders);
    if (holder !== voter && !chance(g, 3)) out[voter] = holder;
  }
  return out;
}

function vote(g: Gen, s: JointScenario, present: readonly string[]): JointMotion['vote'] {
  if (chance(g, 6))
    return { counts: { aye: g(fc.nat, 4), nay: g(fc.nat, 4), abstain: g(fc.nat, 2) } };
  if (chance(g, 4)) {
    const names: Record<string, string[]> = { x: [], y: [], z: [] };
    for (const p of everyone(s).filter(() => !chance(g, 4)))
      names[pick(g, ['x', 'y', 'z'])]!.push(p);
    return { names, method: pick(g, ['plurality', 'absolute'] as const) };
  }
  if (!chance(g, 3)) return { roll: rollCall(g, everyone(s)) };
  // At a threshold of one body's rule (or the joint body's), counted among those present of the
  // whole: ties come up, for the casting vote.
  const b = pick(g, [...s.bodies, { majority: s.majority, members: union(s) }]);
  const inRoom = present.filter((p) => union(s).includes(p));
  const target = boundary(g, b.majority, inRoom.length, b.members.length);
  return { roll: boundaryRoll(g, target, inRoom) };
}

function motion(
  g: Gen,
  s: JointScenario,
  session: { present: readonly string[]; proxies: Record<string, string> },
  i: number,
): JointMotion {
  const v = vote(g, s, session.present);
  const formula = !('names' in v);
  return {
    id: `m${i}`,
    vote: v,
    ...(formula && s.chair !== undefined && g(fc.boolean)
      ? { casting: pick(g, ['aye', 'nay'] as const) }
      : {}),
    proxies: 'counts' in v ? {} : proxies(g, s, new Set(Object.keys(session.proxies))),
  };
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
    candidates: [],
    castingVote: false,
    sessions: [],
    questions: [],
  };
  s.quorum = quorumForm(g, union(s).length);
  s.candidates = subset(
    g,
    PEOPLE.filter((p) => !union(s).includes(p)),
  );
  if (!chance(g, 3)) s.chair = pick(g, union(s));
  s.castingVote = s.chair !== undefined && g(fc.boolean);
  if (s.votes === 'jointly' && g(fc.boolean)) s.maxPerHolder = g(fc.integer, { min: 1, max: 2 });
  // A count of answers no greater than the smallest body's, which each body's count can reach
  // (a greater one is refused live).
  if (g(fc.boolean)) s.circulation = circulationRule(g, smallest);
  const sessions = g(fc.integer, { min: 1, max: 2 });
  for (let n = 1; n <= sessions; n++) {
    const present = subset(g, everyone(s));
    const session = { present, proxies: proxies(g, s, new Set()) };
    const motions = Array.from({ length: g(fc.integer, { min: 1, max: 4 }) }, (_, i) =>
      motion(g, s, session, i + 1),
    );
    s.sessions.push({ id: `j${n}`, date: `2021-01-1${n}`, ...session, motions });
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

const oracleBody = (b: Pick<JointBody, 'members' | 'quorum' | 'majority'>): OracleBody => ({
  members: b.members,
  candidates: [],
  quorum: b.quorum,
  majority: b.majority,
  castingVote: false,
});

const grantsOf = (proxies: Record<string, string>, scope: Grant['scope']): Grant[] =>
  Object.entries(proxies).map(([voter, holder]) => ({ voter, holder, scope }));

/** What the rules give each motion and question of the joint body. */
export function jointExpected(s: JointScenario): Expected[] {
  const joint: OracleBody = {
    ...oracleBody({ members: union(s), quorum: s.quorum, majority: s.majority }),
    chair: s.chair,
    castingVote: s.castingVote,
    maxPerHolder: s.maxPerHolder,
  };
  const setting = (b: OracleBody, present: ReadonlySet<string>, grants: Grant[]) =>
    ({ body: b, present, grants, quorum: b.quorum, majority: b.majority }) satisfies MotionSetting;
  const motions = s.sessions.flatMap((session) =>
    session.motions.map((m) => {
      const present = new Set(session.present);
      const grants = [...grantsOf(session.proxies, 'session'), ...grantsOf(m.proxies, 'motion')];
      const v = m.vote;
      const decided =
        'roll' in v || 'counts' in v
          ? decideFormula(setting(joint, present, grants), v, m.casting)
          : decideAlternatives(setting(joint, present, grants), { names: v.names }, v.method);
      // Each body by its own roster, quorum and majority: its charter gives no casting vote.
      const each =
        'roll' in v && s.votes === 'each-body'
          ? s.bodies.map((b) => decideFormula(setting(oracleBody(b), present, []), v).outcome)
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
        ? s.bodies.map((b) => asked(oracleBody(b)).outcome)
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
      candidates: b.candidates,
      secretary: 'sec',
      quorum: quorumValue(b.quorum),
      majority: b.majority,
    };
  bodies.joint = {
    name: 'Joint session',
    joint: { bodies: s.bodies.map((b) => b.id), votes: s.votes },
    candidates: s.candidates,
    chair: s.chair,
    castingVote: s.castingVote,
    maxPerHolder: s.maxPerHolder,
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
    ...(Object.keys(x.proxies).length > 0 ? { proxies: x.proxies } : {}),
    motions: x.motions.map((m) => ({
      id: m.id,
      text: `Motion ${m.id}.`,
      ...(Object.keys(m.proxies).length > 0 ? { proxies: m.proxies } : {}),
      ...(m.casting ? { 'casting-vote': m.casting } : {}),
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
