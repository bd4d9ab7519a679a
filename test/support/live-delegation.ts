/**
 * The sessions of a random-instruments.ts scenario held live through the command line: the
 * bureau's motions put under the powers the minutes give, the board's motions ratifying what they
 * name. Live, what minutes flag is refused: a motion outside the bureau's powers, and one put to
 * ratify a decision that does not await the board (never adopted, of a body that does not report,
 * settled already). The decisions and their ratifications must be those the oracle gives.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from './cli.js';
import { delegationFlags, Ratifications } from './instruments-oracle.js';
import { charterText, type InstrumentsScenario } from './random-instruments.js';

/** Each motion's decision and ratification, or that it was refused. */
export type LiveDecisions = Record<string, { outcome: string; ratification?: string } | 'refused'>;

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

type Run = (...args: string[]) => Promise<{ code: number; out: string; err: string }>;

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
  const here = join(dir, `live-delegation-${n}`);
  mkdirSync(here, { recursive: true });
  const db = join(here, 'r.db');
  writeFileSync(join(here, 'charter.yaml'), charterText(s));
  const run: Run = (...args) => cli(...args, '--db', db);
  try {
    const init = await run('init', '--charter', join(here, 'charter.yaml'));
    expect(init.code, init.err).toBe(0);
    const refused = (key: string) => expected[key] === 'refused';
    const b1 = s.bureauSession;
    await holdSession(run, 'b1', 'bureau', b1.present, b1.steps, refused);
    for (const x of s.boardSessions) {
      const steps = x.motions.map((motion) => ({ motion }));
      await holdSession(run, x.id, 'board', x.present, steps, refused);
    }
    const listed = await run('decisions', '--json');
    const rows = JSON.parse(listed.out) as {
      ref: { session: string; motion: string };
      decision: { outcome: string };
      ratification?: { status: string };
    }[];
    const out: LiveDecisions = Object.fromEntries(
      Object.entries(expected).filter(([, e]) => e === 'refused'),
    );
    for (const row of rows)
      out[`${row.ref.session}/${row.ref.motion}`] = {
        outcome: row.decision.outcome,
        ...(row.ratification ? { ratification: row.ratification.status } : {}),
      };
    return out;
  } finally {
    rmSync(here, { recursive: true, force: true });
  }
}

/** The scenario's sessions alone: no instruments (nor their kinds), no question in writing. */
export function sessionsOnly(s: InstrumentsScenario): InstrumentsScenario {
  const boardSessions = s.boardSessions.map((x) => ({
    ...x,
    motions: x.motions.filter((m) => m.ratifies !== 'q1'),
  }));
  return {
    ...s,
    board: { ...s.board, kinds: [] },
    bureau: { ...s.bureau, kinds: [] },
    boardSessions,
    instruments: [],
  };
}
