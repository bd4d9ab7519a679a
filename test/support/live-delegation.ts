/**
 * The sessions of a random-instruments.ts scenario held live through the command line: the
 * bureau's motions put under the powers the minutes give, the board's motions ratifying what they
 * name. Live, what minutes flag is refused: a motion outside the bureau's powers, and one put to
 * ratify a decision that does not await the board (never adopted, of a body that does not report,
 * settled already). The decisions and their ratifications must be those the oracle gives.
 */
import { expect } from 'vitest';
import { cli } from './cli.js';
import { inRecordDir } from './random-record.js';
import {
  askedBy,
  delegatedQuestionRefusal,
  delegationFlags,
  Ratifications,
} from './instruments-oracle.js';
import { bureauQuestionOutcome, flagWord, questionOf } from './instruments-replay.js';
import {
  charterText,
  type BureauQuestion,
  type InstrumentsScenario,
} from './random-instruments.js';

/**
 * Each motion's decision and ratification, or that it was refused; the bureau's question `bq`,
 * its outcome and flags (an answer of one drawn in, heard and not counted, flagged `no-vote`).
 */
export type LiveDecisions = Record<
  string,
  { outcome: string; ratification?: string; flags?: string[] } | 'refused'
>;

const outcomeOf = (quorate: boolean, aye: number, nay: number) =>
  !quorate ? 'not-decided' : aye > nay ? 'adopted' : 'rejected';

/** What the rules give live: the bureau's session, then the board's, in turn. */
export function liveExpected(s: InstrumentsScenario): LiveDecisions {
  const out: LiveDecisions = {};
  const r = new Ratifications();
  const present = new Set(s.bureauSession.present);
  for (const step of s.bureauSession.steps) {
    if ('arrive' in step) step.arrive.forEach((p) => present.add(p));
    else if ('depart' in step) step.depart.forEach((p) => present.delete(p));
    else {
      const m = step.motion;
      const key = `b1/${m.id}`;
      if (delegationFlags(s.bureau, m.power, [], present).includes('outside-powers')) {
        out[key] = 'refused';
        continue;
      }
      const outcome = outcomeOf(
        s.bureau.members.some((p) => present.has(p)),
        m.aye,
        m.nay,
      );
      r.decided(key, outcome, s.bureau.reportTo);
      out[key] = { outcome };
    }
  }
  if (s.bureauQuestion) out['bq'] = liveQuestionExpected(s, s.bureauQuestion);
  for (const session of s.boardSessions) {
    const quorate = 2 * session.present.length > s.board.members.length;
    for (const m of session.motions) {
      const key = `${session.id}/${m.id}`;
      if (m.ratifies !== undefined && r.status.get(m.ratifies) !== 'provisional') {
        out[key] = 'refused';
        continue;
      }
      const outcome = outcomeOf(quorate, m.aye, m.nay);
      if (m.ratifies !== undefined) r.ratify(m.ratifies, outcome);
      out[key] = { outcome };
    }
  }
  for (const [key, status] of r.status)
    (out[key] as { ratification?: string }).ratification = status;
  return out;
}

/**
 * The bureau's question put live: refused where the rules refuse it; else every answer of those
 * asked taken (and no other), those drawn in heard and not counted.
 */
function liveQuestionExpected(s: InstrumentsScenario, q: BureauQuestion): LiveDecisions[string] {
  const question = questionOf(q);
  const refusal = delegatedQuestionRefusal(
    s.bureau,
    s.board.members,
    question,
    q.rule ?? s.bureau.circulation,
  );
  if (refusal !== undefined) return 'refused';
  const { drawnIn } = askedBy(s.bureau, s.board.members, question);
  const flags = question.answered.filter((p) => drawnIn.includes(p)).map((p) => `no-vote:${p}`);
  return { outcome: bureauQuestionOutcome(s, q), flags: flags.sort() };
}

type Run = (...args: string[]) => Promise<{ code: number; out: string; err: string }>;

/** `bq` put live by the bureau's secretary, and each answer recorded for whoever gave it. */
async function putQuestion(
  run: Run,
  s: InstrumentsScenario,
  q: BureauQuestion,
  refused: boolean,
): Promise<LiveDecisions[string]> {
  const rule = q.rule && questionRuleArg(q.rule);
  const put = await run(
    'circulate',
    'bureau',
    'Bureau question bq?',
    '--deadline',
    '2d',
    '--id',
    'bq',
    ...(q.to ? ['--to', q.to.join(',')] : []),
    ...(rule ? ['--rule', rule] : []),
    ...(q.power ? ['--power', q.power] : []),
    ...(q.atHand.length > 0 ? ['--at-hand', q.atHand.join(', ')] : []),
  );
  expect(put.code === 0, `circulate bq: ${put.err}`).toBe(!refused);
  if (put.code !== 0) return 'refused';
  const { asked } = askedBy(s.bureau, s.board.members, questionOf(q));
  for (const [person, choice] of Object.entries(q.answers)) {
    const r = await run('answer', 'bq', choice, '--for', person, '--channel', 'letter');
    // One asked is heard unless the question closed, its outcome settled, before they answered.
    const taken = r.code === 0 || (asked.includes(person) && / is closed/.test(r.err));
    expect(taken && asked.includes(person), `answer of ${person}: ${r.err}`).toBe(
      asked.includes(person),
    );
  }
  const shown = await run('circulation', 'show', 'bq', '--json');
  const c = JSON.parse(shown.out) as Record<'decision' | 'forming', Decided | undefined>;
  const decided = (c.decision ?? c.forming)!;
  return { outcome: decided.outcome, flags: decided.flags.map(flagWord).sort() };
}

interface Decided {
  outcome: string;
  flags: string[];
}

/** A rule as `--rule` takes it. */
function questionRuleArg(rule: NonNullable<BureauQuestion['rule']>): string {
  if (rule === 'unanimous') return rule;
  return `majority:${rule.majority}${rule.quorum !== undefined ? `,quorum:${rule.quorum}` : ''}`;
}

/** One session held live: opened, attended, each motion put, counted and closed (or refused). */
async function holdSession(
  run: Run,
  id: string,
  body: string,
  present: readonly string[],
  steps: readonly (
    | { arrive: string[] }
    | { depart: string[] }
    | { motion: { id: string; power?: string; ratifies?: string; aye: number; nay: number } }
  )[],
  refused: (key: string) => boolean,
): Promise<void> {
  const must = async (...args: string[]) => {
    const r = await run(...args);
    expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  };
  await must('session', 'open', id, '--body', body);
  if (present.length > 0) await must('arrive', id, ...present);
  for (const step of steps) {
    if ('arrive' in step) await must('arrive', id, ...step.arrive);
    else if ('depart' in step) await must('depart', id, ...step.depart);
    else {
      const m = step.motion;
      const put = await run(
        'motion',
        id,
        m.id,
        '--text',
        `Motion ${m.id}.`,
        ...(m.power ? ['--power', m.power] : []),
        ...(m.ratifies ? ['--ratifies', m.ratifies] : []),
      );
      expect(put.code === 0, `motion ${id}/${m.id}: ${put.err}`).toBe(!refused(`${id}/${m.id}`));
      if (put.code !== 0) continue;
      await must('vote', 'open', id, m.id);
      await must('vote', 'count', id, m.id, '--aye', String(m.aye), '--nay', String(m.nay));
      await must('vote', 'close', id, m.id);
    }
  }
  await must('session', 'close', id);
}

/** The scenario's sessions held live, and their decisions as `collegium decisions` reads them. */
export async function heldLive(
  s: InstrumentsScenario,
  dir: string,
  n: number,
  expected: LiveDecisions,
): Promise<LiveDecisions> {
  return inRecordDir(dir, `live-delegation-${n}`, charterText(s), async ({ charter, db }) => {
    const run: Run = (...args) => cli(...args, '--db', db);
    const init = await run('init', '--charter', charter);
    expect(init.code, init.err).toBe(0);
    const refused = (key: string) => expected[key] === 'refused';
    const b1 = s.bureauSession;
    await holdSession(run, 'b1', 'bureau', b1.present, b1.steps, refused);
    const question =
      s.bureauQuestion && (await putQuestion(run, s, s.bureauQuestion, refused('bq')));
    for (const x of s.boardSessions) {
      const steps = x.motions.map((motion) => ({ motion }));
      await holdSession(run, x.id, 'board', x.present, steps, refused);
    }
    const listed = await run('decisions', '--json');
    const rows = JSON.parse(listed.out) as {
      ref: { session?: string; motion?: string };
      decision: { outcome: string };
      ratification?: { status: string };
    }[];
    const out: LiveDecisions = Object.fromEntries(
      Object.entries(expected).filter(([, e]) => e === 'refused'),
    );
    if (question) out['bq'] = question;
    for (const row of rows.filter((r) => r.ref.session !== undefined))
      out[`${row.ref.session}/${row.ref.motion}`] = {
        outcome: row.decision.outcome,
        ...(row.ratification ? { ratification: row.ratification.status } : {}),
      };
    return out;
  });
}

/**
 * The scenario's sessions and the bureau's question, which stays open (its answers recorded for
 * members who may still confirm them): no instruments (nor their kinds), no question of the
 * board, no motion ratifying a question.
 */
export function sessionsOnly(s: InstrumentsScenario): InstrumentsScenario {
  const boardSessions = s.boardSessions.map((x) => ({
    ...x,
    motions: x.motions.filter((m) => m.ratifies !== 'q1' && m.ratifies !== 'bq'),
  }));
  return {
    ...s,
    board: { ...s.board, kinds: [] },
    bureau: { ...s.bureau, kinds: [] },
    boardSessions,
    instruments: [],
  };
}
