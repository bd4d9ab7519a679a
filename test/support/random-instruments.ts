/**
 * Random charters and proceedings for checking who may sign what, and a delegated body's powers,
 * obligations and ratification, against instruments-oracle.ts: a board and a bureau it delegates,
 * each issuing random kinds of instrument under random signing rules; a session of the bureau
 * deciding under powers it holds or not, with the board's members at hand drawn in or not; the
 * board's sessions deciding and ratifying; then instruments with random signatures (members,
 * candidates, officers, guests, repeated, out of order) resting on decisions of every outcome.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { charterYaml } from './random-charter.js';
import {
  signingRule,
  type Delegation,
  type InstrumentSpec,
  type KindSpec,
  type SigningBody,
} from './instruments-oracle.js';

export const PEOPLE = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'c1', 'c2', 'g1', 'sec', 't1'];
export const SECRETARY = 'sec';

export interface BodySpec extends SigningBody {
  kinds: KindSpec[];
}

export interface BureauMotion {
  id: string;
  power?: string;
  aye: number;
  nay: number;
}

export type BureauStep = { arrive: string[] } | { depart: string[] } | { motion: BureauMotion };

export interface BoardMotion {
  id: string;
  aye: number;
  nay: number;
  /** The motion it ratifies: `SESSION/MOTION`. */
  ratifies?: string;
}

/** A rule for questions in writing: unanimous, or a majority of votes cast with a quorum of answers. */
export type QuestionRule = 'unanimous' | { majority: 'votes-cast'; quorum?: number };

/** bq, a question the bureau puts in writing the day of its session, by the secretary. */
export interface BureauQuestion {
  /** The members it names (a consultation); absent, every member of the bureau. */
  to?: string[];
  atHand: string[];
  power?: string;
  rule?: QuestionRule;
  answers: Record<string, 'aye' | 'nay' | 'abstain'>;
}

export interface InstrumentsScenario {
  board: BodySpec;
  /** `circulation`: the bureau's own rule for questions in writing, where it has one. */
  bureau: BodySpec & Delegation & { circulation?: QuestionRule };
  bureauSession: { present: string[]; atHand: string[]; steps: BureauStep[] };
  bureauQuestion?: BureauQuestion;
  /** s1, everyone present; s2, no one; s3, everyone, the day after the instruments. */
  boardSessions: { id: 's1' | 's2' | 's3'; present: string[]; motions: BoardMotion[] }[];
  /**
   * q1, a question the board puts to every member the morning of s1, by votes cast; where its
   * charter says `ratify: next-session`, adopted, it awaits a session of the board.
   */
  question: { ratify: boolean; answers: Record<string, 'aye' | 'nay'> };
  instruments: InstrumentSpec[];
}

export type Gen = fc.GeneratorValue;
export const pick = <T>(g: Gen, items: readonly T[]): T => items[g(fc.nat, items.length - 1)]!;
export const subset = <T>(g: Gen, items: readonly T[]): T[] => items.filter(() => g(fc.boolean));
export const chance = (g: Gen, outOf: number) => g(fc.nat, outOf - 1) === 0;
export const shuffled = <T>(g: Gen, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = g(fc.nat, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/** A random signing rule over the body's groups and anyone in the charter. */
export function kindSpec(g: Gen, kind: string, size: number): KindSpec {
  const which = g(fc.nat, 4);
  const every = subset(g, PEOPLE).slice(0, 3);
  // Now and then a list naming someone twice: a rule that can never be met.
  if (every.length > 0 && chance(g, 8)) every.push(every[0]!);
  const of = pick(g, [
    'members',
    'candidates',
    'officers',
    ['members', 'candidates'],
    ['candidates', 'members'],
    ['members', 'g1'],
    ['t1', 'members', 'officers'],
    shuffled(g, subset(g, PEOPLE)).slice(0, 4),
  ] as const);
  const signers: KindSpec['signers'] =
    which === 0 || (which === 1 && every.length === 0)
      ? undefined
      : which === 1
        ? { every }
        : {
            atLeast: g(fc.integer, { min: 1, max: Math.min(3, Math.max(1, size)) }),
            of: of.length === 0 ? 'members' : of,
          };
  return {
    kind,
    ...(chance(g, 2) ? { formula: `By order, ${kind}` } : {}),
    signers,
    ...(chance(g, 3) ? {} : { order: pick(g, ['any', 'as-listed', 'as-listed'] as const) }),
    ...(chance(g, 2) ? { restsOn: pick(g, ['decision', 'none'] as const) } : {}),
  };
}

function kinds(g: Gen, size: number): KindSpec[] {
  return subset(g, ['directive', 'mandate', 'receipt']).map((k) => kindSpec(g, k, size));
}

function bureauSession(
  g: Gen,
  board: BodySpec,
  bureau: BodySpec,
): InstrumentsScenario['bureauSession'] {
  const present = new Set(subset(g, [...bureau.members, ...board.members, 'g1']));
  const atHand = subset(g, board.members);
  const steps: BureauStep[] = [];
  const motions = g(fc.integer, { min: 1, max: 4 });
  for (let i = 1; i <= motions; i++) {
    const moving = subset(g, atHand).filter(() => chance(g, 3));
    const arrive = moving.filter((p) => !present.has(p));
    const depart = moving.filter((p) => present.has(p));
    if (arrive.length > 0) steps.push({ arrive });
    if (depart.length > 0) steps.push({ depart });
    arrive.forEach((p) => present.add(p));
    depart.forEach((p) => present.delete(p));
    const voting = bureau.members.filter((m) => present.has(m)).length;
    const aye = g(fc.integer, { min: 0, max: voting });
    const nay = g(fc.integer, { min: 0, max: voting - aye });
    const power = chance(g, 4) ? undefined : pick(g, ['p1', 'p2', 'p3']);
    steps.push({ motion: { id: `b${i}`, ...(power ? { power } : {}), aye, nay } });
  }
  return { present: [...initialPresent(present, steps)], atHand, steps };
}

/**
 * The bureau's question: to its members, or to those it names (now all at hand with its members,
 * now one of them left out, now any of the board's members); answered by any of them, or a guest.
 */
function bureauQuestion(g: Gen, board: BodySpec, bureau: BodySpec): BureauQuestion | undefined {
  if (chance(g, 3)) return undefined;
  const atHand = subset(g, board.members);
  const everyone = [...new Set([...bureau.members, ...atHand])];
  const which = g(fc.nat, 3);
  const leftOut = pick(g, everyone);
  const named =
    which === 0
      ? []
      : which === 1
        ? everyone
        : which === 2
          ? everyone.filter((p) => p !== leftOut)
          : shuffled(g, subset(g, board.members));
  const rules: (QuestionRule | undefined)[] = [
    undefined,
    'unanimous',
    { majority: 'votes-cast' },
    { majority: 'votes-cast', quorum: g(fc.integer, { min: 1, max: 3 }) },
  ];
  const answers = shuffled(g, subset(g, [...board.members, 'g1'])).map((p) => [
    p,
    pick(g, ['aye', 'aye', 'nay', 'abstain'] as const),
  ]);
  const power = chance(g, 4) ? undefined : pick(g, ['p1', 'p2', 'p3']);
  const rule = pick(g, rules);
  return {
    ...(named.length > 0 ? { to: named } : {}),
    atHand,
    ...(power ? { power } : {}),
    ...(rule ? { rule } : {}),
    answers: Object.fromEntries(answers) as BureauQuestion['answers'],
  };
}

/** Who was present at the opening: those present at the end, the moves undone. */
function initialPresent(end: Set<string>, steps: BureauStep[]): Set<string> {
  const present = new Set(end);
  for (const step of [...steps].reverse()) {
    if ('arrive' in step) step.arrive.forEach((p) => present.delete(p));
    if ('depart' in step) step.depart.forEach((p) => present.add(p));
  }
  return present;
}

/** The decisions instruments may rest on: adopted, rejected, not decided, the bureau's. */
export function decisionRefs(s: InstrumentsScenario): string[] {
  const bureau = s.bureauSession.steps.flatMap((x) => ('motion' in x ? [`b1/${x.motion.id}`] : []));
  return ['s1/yes', 's1/no', 's2/und', 'q1', ...bureau, ...(s.bureauQuestion ? ['bq'] : [])];
}

/** Whether a decision of the scenario is the bureau's: its session's or its question's. */
export function ofBureau(ref: string): boolean {
  return ref.startsWith('b1/') || ref === 'bq';
}

function instrument(g: Gen, s: InstrumentsScenario, n: number): InstrumentSpec {
  const issuer = chance(g, 3) ? s.bureau : s.board;
  const body = issuer === s.bureau ? 'bureau' : 'board';
  const kind = chance(g, 8)
    ? 'memo'
    : issuer.kinds.length > 0
      ? pick(g, issuer.kinds).kind
      : 'memo';
  const refs = decisionRefs(s);
  const bureauRefs = refs.filter(ofBureau);
  const restsOn = chance(g, 4) ? undefined : pick(g, chance(g, 2) ? bureauRefs : refs);
  const spec = issuer.kinds.find((k) => k.kind === kind);
  const rule = spec && signingRule(issuer, spec);
  const listed = rule?.listed ?? [];
  // Half the time as the rule asks, in its order; else mostly those it names, in any order, and
  // now and then someone it does not name.
  const named = chance(g, 3) ? subset(g, PEOPLE) : subset(g, listed);
  if (chance(g, 3))
    named.push(
      pick(
        g,
        PEOPLE.filter((p) => !named.includes(p)),
      ),
    );
  const signatures =
    rule && g(fc.boolean)
      ? listed.slice(0, rule.atLeast)
      : shuffled(g, named).slice(0, g(fc.integer, { min: 0, max: 5 }));
  // Now and then a signature given twice: the file is refused at it.
  if (signatures.length > 0 && chance(g, 20)) signatures.push(pick(g, signatures));
  return {
    id: `i${n}`,
    body,
    kind,
    ...(restsOn ? { restsOn } : {}),
    signatures,
    issued: !chance(g, 5),
  };
}

export const arbInstrumentsScenario: fc.Arbitrary<InstrumentsScenario> = fc.gen().map((g) => {
  const size = g(fc.integer, { min: 2, max: 6 });
  const members = PEOPLE.slice(0, size);
  const chair = chance(g, 3) ? undefined : pick(g, members);
  const board: BodySpec = {
    members,
    candidates: ['c1', 'c2'].slice(0, g(fc.nat, 2)),
    ...(chair ? { chair } : {}),
    secretary: SECRETARY,
    officers: chance(g, 2) ? ['t1'] : [],
    kinds: kinds(g, size),
  };
  const bureauMembers = subset(g, members);
  const bureau: InstrumentsScenario['bureau'] = {
    members: bureauMembers.length > 0 ? bureauMembers : [members[0]!],
    candidates: [],
    secretary: SECRETARY,
    officers: [],
    kinds: kinds(g, bureauMembers.length),
    powers: subset(g, ['p1', 'p2']),
    drawIn: g(fc.boolean),
    reportTo: !chance(g, 3),
    ...(chance(g, 2)
      ? { circulation: pick(g, ['unanimous', { majority: 'votes-cast' }] as const) }
      : {}),
  };
  const s: InstrumentsScenario = {
    board,
    bureau,
    bureauSession: bureauSession(g, board, bureau),
    boardSessions: [],
    question: {
      ratify: g(fc.boolean),
      answers: Object.fromEntries(
        subset(g, members).map((m) => [m, pick(g, ['aye', 'aye', 'nay'] as const)]),
      ),
    },
    instruments: [],
  };
  const question = bureauQuestion(g, board, bureau);
  if (question) s.bureauQuestion = question;
  const refs = decisionRefs(s).filter((r) => ofBureau(r) || r === 'q1');
  const ratifying = (outcomes: [number, number][]) =>
    Array.from({ length: g(fc.nat, 2) }, (_, i) => {
      const [aye, nay] = pick(g, outcomes);
      const target = chance(g, 6) ? 's1/yes' : pick(g, refs);
      return { id: `r${i + 1}`, aye, nay, ratifies: target };
    });
  s.boardSessions = [
    {
      id: 's1',
      present: [...members],
      motions: [
        { id: 'yes', aye: 1, nay: 0 },
        { id: 'no', aye: 0, nay: 1 },
        ...ratifying([
          [1, 0],
          [0, 1],
        ]),
      ],
    },
    {
      id: 's2',
      present: [],
      motions: [{ id: 'und', aye: 0, nay: 0 }, ...ratifying([[0, 0]])],
    },
    {
      id: 's3',
      present: [...members],
      motions: ratifying([
        [1, 0],
        [0, 1],
      ]),
    },
  ];
  s.instruments = Array.from({ length: g(fc.integer, { min: 1, max: 4 }) }, (_, i) =>
    instrument(g, s, i + 1),
  );
  return s;
});

export function charterText(s: InstrumentsScenario): string {
  const b = s.board;
  const d = s.bureau;
  const obligations = [
    ...(d.drawIn ? [{ 'draw-in-present-members-of': 'board' }] : []),
    ...(d.reportTo ? [{ 'report-to': 'board' }] : []),
  ];
  return charterYaml({ id: 'random-org', name: 'Random signers' }, PEOPLE, {
    board: {
      name: 'Board',
      members: b.members,
      candidates: b.candidates,
      chair: b.chair,
      secretary: SECRETARY,
      officers: b.officers,
      quorum: 'majority',
      majority: 'votes-cast',
      ...(s.question.ratify
        ? { circulation: { rule: { majority: 'votes-cast' }, ratify: 'next-session' } }
        : {}),
      instruments: b.kinds,
    },
    bureau: {
      name: 'Bureau',
      parent: 'board',
      members: d.members,
      secretary: SECRETARY,
      powers: d.powers,
      obligations,
      quorum: { count: 1 },
      majority: 'votes-cast',
      ...(d.circulation ? { circulation: { rule: questionRuleValue(d.circulation) } } : {}),
      instruments: d.kinds,
    },
  });
}

/** A rule for questions in writing, as a charter or a question writes it. */
export function questionRuleValue(rule: QuestionRule): unknown {
  if (rule === 'unanimous') return rule;
  return {
    majority: rule.majority,
    ...(rule.quorum !== undefined ? { quorum: { count: rule.quorum } } : {}),
  };
}

/** bq as minutes give it: put by the secretary, answered before its deadline that evening. */
function bureauQuestionValue(q: BureauQuestion) {
  return {
    id: 'bq',
    body: 'bureau',
    opened: '2021-01-10',
    by: SECRETARY,
    text: 'Bureau question bq?',
    ...(q.to ? { to: q.to } : {}),
    deadline: '2021-01-10T20:00',
    ...(q.rule ? { rule: questionRuleValue(q.rule) } : {}),
    ...(q.power ? { power: q.power } : {}),
    ...(q.atHand.length > 0 ? { 'at-hand': q.atHand } : {}),
    answers: q.answers,
  };
}

const refValue = (ref: string) => {
  const [session, motion] = ref.split('/');
  return motion === undefined ? { circulation: session } : { session, motion };
};

export function proceedingsText(s: InstrumentsScenario): string {
  const b1 = s.bureauSession;
  const bureau = {
    id: 'b1',
    body: 'bureau',
    date: '2021-01-10',
    present: b1.present,
    ...(b1.atHand.length > 0 ? { 'at-hand': b1.atHand } : {}),
    motions: b1.steps.map((step) =>
      'motion' in step
        ? {
            id: step.motion.id,
            text: `Bureau motion ${step.motion.id}.`,
            ...(step.motion.power ? { power: step.motion.power } : {}),
            vote: { aye: step.motion.aye, nay: step.motion.nay },
          }
        : step,
    ),
  };
  const board = s.boardSessions.map((x) => ({
    id: x.id,
    date: x.id === 's3' ? '2021-01-13' : '2021-01-11',
    present: x.present,
    motions: x.motions.map((m) => ({
      id: m.id,
      text: `Board motion ${m.id}.`,
      vote: { aye: m.aye, nay: m.nay },
      ...(m.ratifies ? { ratifies: refValue(m.ratifies) } : {}),
    })),
  }));
  const instruments = s.instruments.map((i) => ({
    id: i.id,
    kind: i.kind,
    body: i.body,
    date: '2021-01-12',
    text: `Instrument ${i.id}.`,
    ...(i.restsOn ? { 'rests-on': refValue(i.restsOn) } : {}),
    signatures: i.signatures,
    ...(i.issued ? {} : { issued: false }),
  }));
  const question = {
    id: 'q1',
    opened: '2021-01-11',
    by: SECRETARY,
    text: 'Question q1?',
    deadline: '2021-01-11T08:00',
    rule: { majority: 'votes-cast' },
    answers: s.question.answers,
  };
  return stringify({
    body: 'board',
    sessions: [bureau, ...board],
    circulations: [...(s.bureauQuestion ? [bureauQuestionValue(s.bureauQuestion)] : []), question],
    instruments,
  });
}
