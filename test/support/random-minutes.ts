/**
 * Random charters and proceedings for checking the replay against the rules oracle: a body of
 * random size and rules, sessions with arrivals and departures between motions, roll calls by
 * anyone (members, candidates, guests, by proxy), counts, alternatives, casting votes, and
 * questions put in writing with answers before, at and after their deadline, some changed.
 * Boundaries come up on purpose: as many present (or answering) as the quorum needs or one
 * fewer, ayes and nays at a majority's threshold, alternatives at half the votes. Amendments
 * change the rules, proxies and the rule for questions, and make a candidate a member or a
 * member a candidate.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { charterYaml } from './random-charter.js';
import {
  quorumRequired,
  type CirculationRule,
  type MajorityRule,
  type OracleBody,
  type QuorumForm,
  type RollChoice,
} from './rules-oracle.js';

export const MAJORITIES: readonly MajorityRule[] = [
  'votes-cast',
  'present',
  'membership',
  'two-thirds',
  'three-quarters',
  'unanimous',
];
const CHOICES: readonly RollChoice[] = ['aye', 'nay', 'abstain', 'not-voting', 'declined'];
/**
 * Decimals whose product with a small whole number is where floating point goes wrong, and some
 * that come just over or under a whole number (two thirds, rounded up or down).
 */
const FRACTIONS = [
  '0.1',
  '0.2',
  '0.25',
  '0.3',
  '0.35',
  '0.5',
  '0.55',
  '0.6',
  '0.7',
  '0.9',
  '1',
  '0.66666666667',
  '0.6666666666',
  '0.8333333333333334',
  '0.33333333334',
  '0.4',
  '0.45',
  '0.51',
  '0.75',
  '0.15',
];
const GUESTS = ['g1', 'g2'];
const SECRETARY = 'sec';

export interface Body extends OracleBody {
  kind?: { majority?: MajorityRule; quorum?: QuorumForm };
  /** The kind's name: `amendment` makes it the kind every amendment is decided as. */
  kindName?: 'k' | 'amendment';
  circulation?: CirculationRule;
  /** `replace`: a later answer to a question replaces the member's first. */
  secondBallot?: 'replace';
}

export type Step = { arrive: string[] } | { depart: string[] } | { motion: MotionSpec };

export interface MotionSpec {
  id: string;
  kind: boolean;
  vote:
    | { roll: Partial<Record<RollChoice, string[]>> }
    | { counts: Partial<Record<RollChoice, number>> }
    | { names: Record<string, string[]>; abstain: string[]; method?: 'plurality' | 'absolute' }
    | { altCounts: Record<string, number>; abstain?: number; method?: 'plurality' | 'absolute' };
  casting?: 'aye' | 'nay';
  proxies: Record<string, string>;
  /** The charter as amended (an index into the scenario's amendments), put as this motion. */
  amends?: number;
  /** What the minutes say was decided, right or wrong. */
  stated?: string;
  /** Live, its vote opened while the amendment moved before it was still open. */
  openedEarly?: boolean;
  /** Live, ballots cast again after every named voter has voted, in this order. */
  revotes?: [string, RollChoice][];
}

export interface SessionSpec {
  id: string;
  date: string;
  chair?: string;
  present: string[];
  proxies: Record<string, string>;
  steps: Step[];
}

export interface CirculationSpec {
  id: string;
  opened: string;
  deadline: string;
  to?: string[];
  rule?: CirculationRule;
  stated?: string;
  answers: { person: string; choice: 'aye' | 'nay' | 'abstain'; at?: string; inTime: boolean }[];
}

export interface Scenario {
  body: Body;
  /** Each body as a motion amends the charter to: other rules, a candidate made a member. */
  amendments: Body[];
  sessions: SessionSpec[];
  circulations: CirculationSpec[];
}

export type Gen = fc.GeneratorValue;

export const pick = <T>(g: Gen, items: readonly T[]): T => items[g(fc.nat, items.length - 1)]!;
export const subset = <T>(g: Gen, items: readonly T[]): T[] => items.filter(() => g(fc.boolean));
export const chance = (g: Gen, outOf: number) => g(fc.nat, outOf - 1) === 0;

export function quorumForm(g: Gen, members: number): QuorumForm {
  const which = g(fc.nat, 2);
  if (which === 0) return 'majority';
  if (which === 1) return { count: g(fc.integer, { min: 1, max: members }) };
  return { fraction: pick(g, FRACTIONS) };
}

export function circulationRule(g: Gen, members: number): CirculationRule {
  if (chance(g, 4)) return 'unanimous';
  const majority = pick(g, MAJORITIES);
  return chance(g, 2) ? { majority } : { majority, quorum: quorumForm(g, members) };
}

function body(g: Gen, large: boolean): Body {
  // Now and then a larger body, where a fraction's product strays further from a whole number.
  const size = large && chance(g, 10) ? pick(g, [20, 40]) : g(fc.integer, { min: 1, max: 12 });
  const members = Array.from({ length: size }, (_, i) => `m${i + 1}`);
  const candidates = ['c1', 'c2'].slice(0, g(fc.nat, 2));
  const chair = chance(g, 4) ? undefined : pick(g, members);
  const b: Body = {
    members,
    candidates,
    chair,
    quorum: quorumForm(g, size),
    majority: pick(g, MAJORITIES),
    castingVote: chair !== undefined && g(fc.boolean),
    maxPerHolder: chance(g, 3) ? undefined : g(fc.integer, { min: 1, max: 2 }),
  };
  if (g(fc.boolean)) {
    const kind: Body['kind'] = {};
    if (g(fc.boolean)) kind.majority = pick(g, MAJORITIES);
    if (g(fc.boolean) || kind.majority === undefined) kind.quorum = quorumForm(g, size);
    b.kind = kind;
    if (chance(g, 3)) b.kindName = 'amendment';
  }
  if (g(fc.boolean)) b.circulation = circulationRule(g, size);
  if (chance(g, 3)) b.secondBallot = 'replace';
  return b;
}

/** Whether every count of a quorum the body names is at most `members`. */
function countsFit(b: Body, members: number): boolean {
  const rule = b.circulation;
  const forms = [
    b.kind?.quorum,
    rule !== undefined && rule !== 'unanimous' ? rule.quorum : undefined,
  ];
  return forms.every(
    (q) => q === undefined || q === 'majority' || !('count' in q) || q.count <= members,
  );
}

/** The member an amendment may make a candidate: the last, where they are not the chair. */
function demotable(b: Body): string | undefined {
  const last = b.members[b.members.length - 1];
  return b.members.length > 1 && last !== b.chair ? last : undefined;
}

/** Everyone a session may see: members, candidates, and guests who sit on no body. */
function everyone(b: Body): string[] {
  return [...b.members, ...b.candidates, ...GUESTS];
}

/** Proxies among anyone, never to oneself, leaving out the voters in `taken`. */
function proxies(g: Gen, b: Body, taken: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (chance(g, 2)) return out;
  const holders = [...b.members, ...b.members, 'c1', 'g1'].filter((p) => everyone(b).includes(p));
  for (const voter of subset(g, everyone(b)).filter((v) => !taken.has(v))) {
    if (chance(g, 3)) continue;
    const holder = pick(g, holders);
    if (holder !== voter) out[voter] = holder;
  }
  return out;
}

/** Ayes and nays most often, so that ties and bare majorities come up. */
const LEANING: readonly RollChoice[] = ['aye', 'aye', 'aye', 'nay', 'nay', 'nay', ...CHOICES];

/**
 * Ayes and nays exactly at the rule's threshold, or one short of or over it: ties (0 to 0
 * included), a two-thirds or three-quarters share that the counts reach exactly, half of those
 * present or of all members and one more.
 */
export function boundary(g: Gen, rule: MajorityRule, present: number, members: number) {
  const k = g(fc.integer, { min: 0, max: 3 });
  const off = g(fc.integer, { min: -1, max: 1 });
  const at = (aye: number, nay: number) => ({ aye: Math.max(0, aye), nay: Math.max(0, nay) });
  switch (rule) {
    case 'votes-cast':
      return at(k + off, k);
    case 'two-thirds':
      return at(2 * k + off, k);
    case 'three-quarters':
      return at(3 * k + off, k);
    case 'unanimous':
      return at(k, off === 1 ? 1 : 0);
    case 'present':
      return at(Math.floor(present / 2) + off + 1, k);
    case 'membership':
      return at(Math.floor(members / 2) + off + 1, k);
  }
}

/**
 * A roll call of the members in the room at a threshold: the first give the ayes, the next the
 * nays (as far as they go), and the rest abstain, or (everyone abstaining) all of them.
 */
export function boundaryRoll(
  g: Gen,
  target: { aye: number; nay: number },
  inRoom: readonly string[],
) {
  const aye = inRoom.slice(0, target.aye);
  const nay = inRoom.slice(aye.length, aye.length + target.nay);
  const rest = inRoom.slice(aye.length + nay.length);
  const roll: Partial<Record<RollChoice, string[]>> = { aye, nay };
  roll[pick(g, ['abstain', 'not-voting', 'declined'] as const)] = rest;
  return roll;
}

export function rollCall(g: Gen, people: readonly string[]) {
  const roll: Partial<Record<RollChoice, string[]>> = {};
  for (const person of people) {
    if (chance(g, 4)) continue;
    const choice = pick(g, LEANING);
    (roll[choice] ??= []).push(person);
  }
  return roll;
}

/** Counts for alternatives where the first has exactly half of the votes, or one short of it. */
function halfCounts(g: Gen, alts: readonly string[]): Record<string, number> {
  const first = g(fc.integer, { min: 1, max: 4 });
  let rest = first - g(fc.integer, { min: 0, max: 1 });
  const counts: Record<string, number> = { [alts[0]!]: first };
  for (const a of alts.slice(1)) {
    const n = a === alts[alts.length - 1] ? rest : g(fc.integer, { min: 0, max: rest });
    counts[a] = n;
    rest -= n;
  }
  return counts;
}

function vote(g: Gen, b: Body, rule: MajorityRule, inRoom: readonly string[]): MotionSpec['vote'] {
  const people = everyone(b);
  const method = pick(g, ['plurality', 'absolute', undefined] as const);
  const alts = ['a', 'b', 'c', 'd'].slice(0, g(fc.integer, { min: 2, max: 4 }));
  const members = inRoom.filter((p) => b.members.includes(p));
  switch (g(fc.nat, 7)) {
    case 6:
      return { counts: boundary(g, rule, members.length, b.members.length) };
    case 7:
      return {
        roll: boundaryRoll(g, boundary(g, rule, members.length, b.members.length), members),
      };
    case 5:
      return {
        altCounts: halfCounts(g, alts),
        ...(g(fc.boolean) ? { abstain: g(fc.integer, { min: 0, max: 3 }) } : {}),
        method: 'absolute',
      };
    case 0:
      return {
        counts: Object.fromEntries(
          subset(g, CHOICES).map((c) => [c, g(fc.integer, { min: 0, max: 6 })]),
        ),
      };
    case 1: {
      const names: Record<string, string[]> = Object.fromEntries(alts.map((a) => [a, []]));
      const abstain: string[] = [];
      for (const p of people) {
        if (chance(g, 4)) continue;
        const choice = pick(g, [...alts, 'abstain']);
        (choice === 'abstain' ? abstain : names[choice]!).push(p);
      }
      return { names, abstain, ...(method ? { method } : {}) };
    }
    case 2:
      return {
        altCounts: Object.fromEntries(alts.map((a) => [a, g(fc.integer, { min: 0, max: 5 })])),
        ...(g(fc.boolean) ? { abstain: g(fc.integer, { min: 0, max: 3 }) } : {}),
        ...(method ? { method } : {}),
      };
    default:
      return { roll: rollCall(g, people) };
  }
}

/**
 * Who is present at the opening: anyone, or (one time in three) exactly as many members as the
 * quorum requires, or one fewer, and anyone else who is no member.
 */
function opening(g: Gen, b: Body): Set<string> {
  const people = everyone(b);
  if (!chance(g, 3)) return new Set(subset(g, people));
  const required = quorumRequired(b.quorum, b.members.length) - g(fc.integer, { min: 0, max: 1 });
  const others = subset(
    g,
    people.filter((p) => !b.members.includes(p)),
  );
  return new Set([...b.members.slice(0, Math.max(0, required)), ...others]);
}

function session(g: Gen, b: Body, n: number, amendments: Body[]): SessionSpec {
  const people = everyone(b);
  const present = opening(g, b);
  const s: SessionSpec = {
    id: `s${n}`,
    date: `2021-01-${String(10 + n).padStart(2, '0')}`,
    present: [...present],
    proxies: b.maxPerHolder !== undefined || chance(g, 4) ? proxies(g, b, new Set()) : {},
    steps: [],
  };
  // A chair the minutes name presided, and so was there (they may leave before a vote); never
  // one an amendment may make a candidate.
  const chairs = b.members.filter((m) => m !== demotable(b));
  if (chance(g, 3)) s.chair = pick(g, chairs);
  if (s.chair !== undefined && !present.has(s.chair)) {
    present.add(s.chair);
    s.present.push(s.chair);
  }
  const motions = g(fc.integer, { min: 1, max: 6 });
  for (let i = 1; i <= motions; i++) {
    const moving = subset(g, people).filter(() => chance(g, 3));
    const arrive = moving.filter((p) => !present.has(p));
    const depart = moving.filter((p) => present.has(p));
    if (arrive.length > 0) s.steps.push({ arrive });
    if (depart.length > 0) s.steps.push({ depart });
    arrive.forEach((p) => present.add(p));
    depart.forEach((p) => present.delete(p));
    const kind = b.kind !== undefined && g(fc.boolean);
    const v = vote(g, b, (kind && b.kind?.majority) || b.majority, [...present]);
    const formula = 'roll' in v || 'counts' in v;
    const hasChair = (s.chair ?? b.chair) !== undefined;
    const amends = formula && chance(g, 5) ? amendments.push(amended(g, b)) - 1 : undefined;
    s.steps.push({
      motion: {
        id: `m${i}`,
        kind,
        vote: v,
        ...(formula && hasChair && g(fc.boolean)
          ? { casting: pick(g, ['aye', 'nay'] as const) }
          : {}),
        proxies: 'roll' in v || 'names' in v ? proxies(g, b, new Set(Object.keys(s.proxies))) : {},
        ...(amends !== undefined ? { amends } : {}),
        ...(g(fc.boolean) ? { stated: pick(g, outcomes(v)) } : {}),
      },
    });
  }
  return s;
}

/** What minutes may state a vote of this form decided. */
function outcomes(v: MotionSpec['vote']): string[] {
  if ('names' in v) return [...Object.keys(v.names), 'not-decided'];
  if ('altCounts' in v) return [...Object.keys(v.altCounts), 'not-decided'];
  return ['adopted', 'rejected', 'not-decided'];
}

/**
 * The body as an amendment puts it: new quorum, majority and casting vote, c1 perhaps a member,
 * the last member perhaps a candidate, the chair, proxies and the rule for questions in writing
 * perhaps changed.
 */
function amended(g: Gen, b: Body): Body {
  const promote = b.candidates.includes('c1') && g(fc.boolean);
  const demote = chance(g, 3) && countsFit(b, b.members.length - 1) ? demotable(b) : undefined;
  const members = [...b.members.filter((m) => m !== demote), ...(promote ? ['c1'] : [])];
  const candidates = [
    ...b.candidates.filter((c) => !promote || c !== 'c1'),
    ...(demote ? [demote] : []),
  ];
  const a: Body = {
    ...b,
    members,
    candidates,
    quorum: quorumForm(g, members.length),
    majority: pick(g, MAJORITIES),
    castingVote: b.chair !== undefined && g(fc.boolean),
  };
  if (chance(g, 3)) a.maxPerHolder = chance(g, 3) ? undefined : g(fc.integer, { min: 1, max: 3 });
  // Another chair, never one an amendment may make a candidate.
  if (b.chair !== undefined && chance(g, 4))
    a.chair = pick(
      g,
      b.members.filter((m) => m !== demotable(b)),
    );
  if (chance(g, 3)) a.circulation = chance(g, 3) ? undefined : circulationRule(g, members.length);
  return a;
}

/** When an answer came, against a deadline of a whole day or a time of it. */
function answerTime(g: Gen, day: number, timed: boolean): { at?: string; inTime: boolean } {
  const d = (n: number) => `2021-03-${String(n).padStart(2, '0')}`;
  const options = timed
    ? [
        { at: `${d(day)}T11:59`, inTime: true },
        { at: `${d(day)}T12:00`, inTime: true },
        { at: `${d(day)}T12:01`, inTime: false },
        { at: d(day), inTime: true },
        { at: d(day + 1), inTime: false },
      ]
    : [
        { at: `${d(day)}T23:59`, inTime: true },
        { at: d(day), inTime: true },
        { at: d(day + 1), inTime: false },
        { at: `${d(day - 1)}T08:00`, inTime: true },
      ];
  return chance(g, 3) ? { inTime: true } : pick(g, options);
}

/**
 * Who answers: anyone, or (one time in three) exactly as many of those asked as the rule's
 * quorum requires, or one fewer.
 */
function answering(g: Gen, b: Body, to: string[] | undefined, rule: CirculationRule | undefined) {
  const quorum = rule !== undefined && rule !== 'unanimous' ? rule.quorum : undefined;
  if (quorum === undefined || !chance(g, 3)) return subset(g, everyone(b));
  const asked = (to ?? b.members).filter((p) => b.members.includes(p));
  const required = quorumRequired(quorum, asked.length) - g(fc.integer, { min: 0, max: 1 });
  return asked.slice(0, Math.max(0, required));
}

function circulation(g: Gen, b: Body, n: number): CirculationSpec {
  const day = 2 + 3 * n;
  const timed = g(fc.boolean);
  const named = chance(g, 2) ? undefined : subset(g, everyone(b));
  const to = named && named.length > 0 ? named : undefined;
  const rule = chance(g, 3) ? circulationRule(g, b.members.length) : undefined;
  const answers = answering(g, b, to, rule ?? b.circulation).flatMap((person) => {
    const answer = {
      person,
      choice: pick(g, ['aye', 'nay', 'abstain'] as const),
      ...answerTime(g, day, timed),
    };
    // Where a later answer replaces the first, a member may change theirs before the deadline.
    if (b.secondBallot !== 'replace' || !answer.inTime || chance(g, 2)) return [answer];
    const first = { ...answer, at: `2021-03-${String(day - 1).padStart(2, '0')}T07:00` };
    const at = answer.at ?? `2021-03-${String(day).padStart(2, '0')}T11:00`;
    return [first, { ...answer, at, choice: pick(g, ['aye', 'nay', 'abstain'] as const) }];
  });
  return {
    id: `q${n}`,
    opened: `2021-03-${String(day - 1).padStart(2, '0')}`,
    deadline: `2021-03-${String(day).padStart(2, '0')}${timed ? 'T12:00' : ''}`,
    ...(to ? { to } : {}),
    ...(rule ? { rule } : {}),
    ...(g(fc.boolean)
      ? { stated: pick(g, ['adopted', 'rejected', 'not-decided', 'advisory']) }
      : {}),
    answers,
  };
}

/** Scenarios; `large`: now and then of a body of 20 or 40 (too many ballots to cast live). */
const scenarios = (large: boolean): fc.Arbitrary<Scenario> =>
  fc.gen().map((g) => {
    const b = body(g, large);
    const amendments: Body[] = [];
    const sessions = Array.from({ length: g(fc.integer, { min: 0, max: 3 }) }, (_, i) =>
      session(g, b, i + 1, amendments),
    );
    const circulations = Array.from(
      { length: g(fc.integer, { min: sessions.length === 0 ? 1 : 0, max: 2 }) },
      (_, i) => circulation(g, b, i + 1),
    );
    return { body: b, amendments, sessions, circulations };
  });

export const arbScenario = scenarios(true);
export const arbSmallScenario = scenarios(false);

export function quorumValue(q: QuorumForm): unknown {
  return q === 'majority' || 'count' in q ? q : { fraction: Number(q.fraction) };
}

export function ruleValue(rule: CirculationRule): unknown {
  return rule === 'unanimous'
    ? rule
    : { majority: rule.majority, ...(rule.quorum ? { quorum: quorumValue(rule.quorum) } : {}) };
}

/** The scenario's charter, as a user writes one; `b` the body as amended. */
export function charterText(s: Scenario, b: Body = s.body): string {
  const kinds = b.kind && {
    [b.kindName ?? 'k']: {
      ...(b.kind.majority ? { majority: b.kind.majority } : {}),
      ...(b.kind.quorum ? { quorum: quorumValue(b.kind.quorum) } : {}),
    },
  };
  return charterYaml(
    { id: 'random-org', name: 'A body of random rules' },
    [...everyone(b), SECRETARY],
    {
      board: {
        name: 'Board',
        members: b.members,
        candidates: b.candidates,
        chair: b.chair,
        secretary: SECRETARY,
        quorum: quorumValue(b.quorum),
        majority: b.majority,
        castingVote: b.castingVote,
        maxPerHolder: b.maxPerHolder,
        motionKinds: kinds,
        secondBallot: b.secondBallot,
        ...(b.circulation ? { circulation: { rule: ruleValue(b.circulation) } } : {}),
      },
    },
  );
}

function motionValue({ motion: m }: { motion: MotionSpec }, kindName: string): unknown {
  const v = m.vote;
  const vote =
    'roll' in v
      ? { vote: v.roll }
      : 'counts' in v
        ? { vote: v.counts }
        : 'names' in v
          ? { alternatives: v.names, abstain: v.abstain, ...(v.method ? { method: v.method } : {}) }
          : {
              alternatives: v.altCounts,
              ...(v.abstain !== undefined ? { abstain: v.abstain } : {}),
              ...(v.method ? { method: v.method } : {}),
            };
  return {
    id: m.id,
    text: `Motion ${m.id}.`,
    ...(m.kind ? { kind: kindName } : {}),
    ...(Object.keys(m.proxies).length > 0 ? { proxies: m.proxies } : {}),
    ...vote,
    ...(m.casting ? { 'casting-vote': m.casting } : {}),
    ...(m.amends !== undefined ? { amends: amendmentFile(m.amends) } : {}),
    ...(m.stated ? { stated: m.stated } : {}),
  };
}

/** The file of the charter as amended, beside the proceedings. */
export const amendmentFile = (i: number) => `amended-${i}.yaml`;

/** Each member's answer, or the list of them for one who changed it. */
function answersValue(answers: CirculationSpec['answers']): Record<string, unknown> {
  const out: Record<string, unknown[]> = {};
  for (const a of answers)
    (out[a.person] ??= []).push(a.at ? { choice: a.choice, at: a.at } : a.choice);
  return Object.fromEntries(
    Object.entries(out).map(([p, list]) => [p, list.length === 1 ? list[0] : list]),
  );
}

/** The scenario's proceedings, as minutes are transcribed. */
export function proceedingsText(s: Scenario): string {
  const sessions = s.sessions.map((x) => ({
    id: x.id,
    date: x.date,
    ...(x.chair ? { chair: x.chair } : {}),
    present: x.present,
    ...(Object.keys(x.proxies).length > 0 ? { proxies: x.proxies } : {}),
    motions: x.steps.map((step) =>
      'motion' in step ? motionValue(step, s.body.kindName ?? 'k') : step,
    ),
  }));
  const circulations = s.circulations.map((c) => ({
    id: c.id,
    opened: c.opened,
    by: SECRETARY,
    text: `Question ${c.id}?`,
    ...(c.to ? { to: c.to } : {}),
    deadline: c.deadline,
    ...(c.rule ? { rule: ruleValue(c.rule) } : {}),
    ...(c.stated ? { stated: c.stated } : {}),
    answers: answersValue(c.answers),
  }));
  return stringify({
    body: 'board',
    ...(sessions.length > 0 ? { sessions } : {}),
    ...(circulations.length > 0 ? { circulations } : {}),
  });
}
