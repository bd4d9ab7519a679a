/**
 * A random scenario replayed through the command line and read back, and what an independent
 * reading of the rules (rules-oracle.ts) gives for it: the two sides of the random rule checks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from './cli.js';
import {
  amendmentFile,
  charterText,
  proceedingsText,
  type Body,
  type MotionSpec,
  type Scenario,
  type SessionSpec,
} from './random-minutes.js';
import {
  decideAlternatives,
  decideCirculation,
  decideFormula,
  type Grant,
  type MotionSetting,
  type RollChoice,
} from './rules-oracle.js';

/** Where the files of each random record are written; `recorded` removes each record. */
export const dir = mkdtempSync(join(tmpdir(), 'collegium-random-rules-'));

export interface Expected {
  key: string;
  outcome: string;
  /** Whether the replay flags the outcome the minutes state as not the one the rules give. */
  misstated: boolean;
  tally: Record<string, number>;
  quorum?: Record<string, number | boolean>;
  runoff?: [string, string];
}

const grantsOf = (proxies: Record<string, string>, scope: Grant['scope']): Grant[] =>
  Object.entries(proxies).map(([voter, holder]) => ({ voter, holder, scope }));

/**
 * The roll call with the ballots cast again live: where the charter lets a later ballot replace
 * the earlier, the voter's last choice counts; otherwise the second is refused.
 */
function lastBallots(m: MotionSpec, body: Body): MotionSpec['vote'] {
  const v = m.vote;
  if (!('roll' in v) || m.revotes === undefined || body.secondBallot !== 'replace') return v;
  const roll: Partial<Record<RollChoice, string[]>> = {};
  for (const [choice, voters] of Object.entries(v.roll) as [RollChoice, string[]][])
    roll[choice] = voters.filter((p) => !m.revotes!.some(([voter]) => voter === p));
  for (const [voter, choice] of m.revotes) (roll[choice] ??= []).push(voter);
  return { roll };
}

/** What the rules give for each motion of a session, following who is in the room. */
interface InForce {
  body: Body;
  /** The body before the amendment the last motion adopted, for a vote opened before it. */
  before?: Body | undefined;
}

function sessionExpected(s: Scenario, session: SessionSpec, inForce: InForce): Expected[] {
  const present = new Set(session.present);
  const out: Expected[] = [];
  for (const step of session.steps) {
    if ('arrive' in step) step.arrive.forEach((p) => present.add(p));
    else if ('depart' in step) step.depart.forEach((p) => present.delete(p));
    else {
      const m = step.motion;
      // A vote is decided by the charter in force when it opened.
      const body = (m.openedEarly && inForce.before) || inForce.body;
      inForce.before = undefined;
      // A body that names its kind `amendment` decides every amendment as that kind.
      const asKind = m.kind || (m.amends !== undefined && body.kindName === 'amendment');
      const kind = asKind ? body.kind : undefined;
      const setting: MotionSetting = {
        body,
        present: new Set(present),
        chair: session.chair,
        grants: [...grantsOf(session.proxies, 'session'), ...grantsOf(m.proxies, 'motion')],
        quorum: kind?.quorum ?? body.quorum,
        majority: kind?.majority ?? body.majority,
      };
      const v = lastBallots(m, body);
      const decided =
        'roll' in v
          ? decideFormula(setting, { roll: v.roll }, m.casting)
          : 'counts' in v
            ? decideFormula(setting, { counts: v.counts }, m.casting)
            : 'names' in v
              ? decideAlternatives(setting, v, v.method ?? 'plurality')
              : decideAlternatives(
                  setting,
                  { counts: v.altCounts, abstain: v.abstain ?? 0 },
                  v.method ?? 'plurality',
                );
      out.push({
        key: `${session.id}/${m.id}`,
        ...decided,
        misstated: m.stated !== undefined && m.stated !== decided.outcome,
        quorum: { ...decided.quorum },
      });
      // Adopted, the amended charter decides the votes opened after it.
      if (m.amends !== undefined && decided.outcome === 'adopted') {
        inForce.before = inForce.body;
        inForce.body = s.amendments[m.amends]!;
      }
    }
  }
  return out;
}

export function expected(s: Scenario): Expected[] {
  const inForce: InForce = { body: s.body };
  const motions = s.sessions.flatMap((session) => sessionExpected(s, session, inForce));
  const questions = s.circulations.map((c) => {
    const body = inForce.body;
    const r = decideCirculation(body, c.to, c.rule ?? body.circulation, c.answers);
    return {
      key: c.id,
      outcome: r.outcome,
      misstated: c.stated !== undefined && c.stated !== r.outcome,
      tally: { aye: r.aye, nay: r.nay },
      quorum: { presentVoting: r.answered, votingMembers: r.asked },
    };
  });
  return [...motions, ...questions];
}

/** Where a decision that needs confirming stands, as the replay says it. */
export interface RecordedRatification {
  by: string;
  status: string;
  decidedBy?: { session?: string; motion?: string; circulation?: string };
}

interface DecisionRow {
  ref: { session?: string; motion?: string; circulation?: string };
  decision: {
    /** The flags the replay printed for it. */
    flags: string[];
    ratification?: RecordedRatification;
    outcome: string;
    tally: Record<string, number>;
    quorum: Record<string, number | boolean>;
    runoff?: string[];
  };
}

/** A decision as the record gives it back, with the flags the replay printed for it. */
export type RecordedDecision = DecisionRow['decision'];

/** The record's decisions as `collegium decisions --json` reads them back. */
export async function recorded(
  s: Scenario,
  n: number,
): Promise<Map<string, DecisionRow['decision']>> {
  const amended = s.amendments.map((b) => charterText(s, b));
  return recordedFiles(charterText(s), proceedingsText(s), amended, n);
}

/** The decisions of a charter and its proceedings replayed, amendments beside them. */
export async function recordedFiles(
  charterYaml: string,
  proceedings: string,
  amendments: readonly string[],
  n: number,
): Promise<Map<string, DecisionRow['decision']>> {
  const here = join(dir, `run-${n}`);
  mkdirSync(here, { recursive: true });
  const charter = join(here, 'charter.yaml');
  const minutes = join(here, 'minutes.yaml');
  const db = join(here, 'record.db');
  writeFileSync(charter, charterYaml);
  amendments.forEach((text, i) => writeFileSync(join(here, amendmentFile(i)), text));
  writeFileSync(minutes, proceedings);
  const replay = await cli('replay', minutes, '--charter', charter, '--db', db, '--json');
  expect(replay.code, `${replay.err}\n${charterYaml}\n${proceedings}`).toBe(0);
  const listed = await cli('decisions', '--db', db, '--json');
  expect(listed.code, listed.err).toBe(0);
  const rows = JSON.parse(listed.out) as DecisionRow[];
  rmSync(here, { recursive: true, force: true });
  const replayed = JSON.parse(replay.out) as Record<string, unknown>[];
  const byKey = new Map(
    replayed.map((r) => [r.circulation ?? `${String(r.session)}/${String(r.motion)}`, r]),
  );
  return new Map(
    rows.map((r) => {
      const key = r.ref.circulation ?? `${r.ref.session}/${r.ref.motion}`;
      const said = byKey.get(key);
      const flags = (said?.flags as string[] | undefined) ?? [];
      const ratification = said?.ratification as RecordedRatification | undefined;
      return [key, { ...r.decision, flags, ...(ratification ? { ratification } : {}) }];
    }),
  );
}

/** The part of a recorded decision the oracle speaks to. */
export function comparable(e: Expected, d: DecisionRow['decision'] | undefined) {
  if (!d) return undefined;
  const tally = Object.fromEntries(Object.keys(e.tally).map((k) => [k, d.tally[k] ?? 0]));
  const quorum = Object.fromEntries(Object.keys(e.quorum ?? {}).map((k) => [k, d.quorum[k]]));
  const misstated = d.flags.some((f) => f.startsWith('the minutes state '));
  const runoff = d.runoff ? { runoff: d.runoff } : {};
  return { key: e.key, outcome: d.outcome, misstated, tally, quorum, ...runoff };
}

/**
 * The same sessions held live through the command line (session open, arrive, motion, vote
 * open, ballot, vote casting, vote close), without proxies or stated outcomes: each vote opens,
 * then the arrivals and departures the minutes give before the next motion happen while it is
 * open (too late to vote, or already counted present), then everyone named tries to vote. A
 * ballot the rules refuse live is refused; the decisions must be those the oracle gives.
 */
export function liveScenario(s: Scenario): Scenario {
  const sessions = s.sessions.map(({ chair: _, ...session }) => {
    let afterAmendment = false;
    const steps = session.steps.map((step) => {
      if (!('motion' in step)) return step;
      const m = step.motion;
      // The vote after an amendment opens while the amendment's is still open.
      const openedEarly = afterAmendment && m.amends === undefined;
      afterAmendment = m.amends !== undefined;
      // The first to vote aye votes again, nay; the first to vote nay, abstain.
      const v = m.vote;
      const again = 'roll' in v ? { aye: v.roll.aye?.[0], nay: v.roll.nay?.[0] } : {};
      const revotes: [string, RollChoice][] = [];
      if (again.aye !== undefined) revotes.push([again.aye, 'nay']);
      if (again.nay !== undefined) revotes.push([again.nay, 'abstain']);
      return { motion: { ...m, proxies: {}, stated: undefined, openedEarly, revotes } };
    });
    return { ...session, proxies: {}, steps };
  });
  // The chair stays who it was: the one who gives the casting vote live.
  const amendments = s.amendments.map((a) => ({ ...a, chair: s.body.chair }));
  return { ...s, amendments, sessions, circulations: [] };
}

/** Everyone named in a vote, with what they try to cast. */
function attempts(vote: MotionSpec['vote']): [string, string][] {
  if ('roll' in vote)
    return Object.entries(vote.roll).flatMap(([c, voters]) =>
      voters.map((v): [string, string] => [v, c]),
    );
  if ('names' in vote)
    return [
      ...Object.entries(vote.names).flatMap(([a, voters]) =>
        voters.map((v): [string, string] => [v, a]),
      ),
      ...vote.abstain.map((v): [string, string] => [v, 'abstain']),
    ];
  return [];
}

/** Puts a motion live and opens its vote. */
async function putLive(
  must: (...args: string[]) => Promise<void>,
  s: Scenario,
  here: string,
  session: string,
  m: MotionSpec,
): Promise<void> {
  const v = m.vote;
  const alternatives =
    'names' in v ? Object.keys(v.names) : 'altCounts' in v ? Object.keys(v.altCounts) : undefined;
  await must(
    'motion',
    session,
    m.id,
    '--text',
    `Motion ${m.id}.`,
    ...(m.kind ? ['--kind', s.body.kindName ?? 'k'] : []),
    ...(alternatives ? ['--alternatives', alternatives.join(',')] : []),
    ...('method' in v && v.method ? ['--method', v.method] : []),
    ...(m.amends !== undefined ? ['--amends', join(here, amendmentFile(m.amends))] : []),
  );
  await must('vote', 'open', session, m.id);
}

async function holdLive(s: Scenario, here: string, db: string): Promise<void> {
  const run = (...args: string[]) => cli(...args, '--db', db);
  const must = async (...args: string[]) => {
    const r = await run(...args);
    expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  };
  // Amendments keep the chair: the one who may give the casting vote.
  const chair = s.body.chair;
  for (const session of s.sessions) {
    await must('session', 'open', session.id, '--body', 'board');
    if (session.present.length > 0) await must('arrive', session.id, ...session.present);
    const steps = session.steps;
    const move = async (step: (typeof steps)[number]) => {
      if ('arrive' in step) await must('arrive', session.id, ...step.arrive);
      else if ('depart' in step) await must('depart', session.id, ...step.depart);
    };
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      // Moves before the first motion are made before it; later ones while a vote is open.
      if (!('motion' in step)) {
        if (!steps.slice(0, i).some((x) => 'motion' in x)) await move(step);
        continue;
      }
      const m = step.motion;
      const v = m.vote;
      const put = (x: MotionSpec) => putLive(must, s, here, session.id, x);
      if (!m.openedEarly) await put(m);
      // The moves before the next motion, made while this vote is open.
      let j = i + 1;
      for (; j < steps.length && !('motion' in steps[j]!); j++) await move(steps[j]!);
      const next = steps[j];
      if (next && 'motion' in next && next.motion.openedEarly) await put(next.motion);
      if ('counts' in v || 'altCounts' in v) {
        const counts =
          'counts' in v
            ? Object.entries(v.counts).flatMap(([c, n]) => [`--${c}`, String(n)])
            : [
                '--for',
                ...Object.entries(v.altCounts).map(([a, n]) => `${a}=${n}`),
                ...(v.abstain !== undefined ? ['--abstain', String(v.abstain)] : []),
              ];
        await must('vote', 'count', session.id, m.id, ...counts);
      }
      for (const [voter, choice] of [...attempts(v), ...(m.revotes ?? [])])
        await run('ballot', session.id, m.id, voter, choice);
      if (m.casting && chair)
        await run('vote', 'casting', session.id, m.id, m.casting, '--as', chair);
      await must('vote', 'close', session.id, m.id);
    }
    await must('session', 'close', session.id);
  }
}

/** The live record's decisions, as `collegium decisions --json` reads them back. */
export async function recordedLive(
  s: Scenario,
  n: number,
): Promise<Map<string, DecisionRow['decision']>> {
  const here = join(dir, `live-${n}`);
  mkdirSync(here, { recursive: true });
  const charter = join(here, 'charter.yaml');
  const db = join(here, 'record.db');
  writeFileSync(charter, charterText(s));
  s.amendments.forEach((b, i) => writeFileSync(join(here, amendmentFile(i)), charterText(s, b)));
  const init = await cli('init', '--charter', charter, '--db', db);
  expect(init.code, init.err).toBe(0);
  await holdLive(s, here, db);
  const listed = await cli('decisions', '--db', db, '--json');
  expect(listed.code, listed.err).toBe(0);
  rmSync(here, { recursive: true, force: true });
  const rows = JSON.parse(listed.out) as DecisionRow[];
  return new Map(
    rows.map((r) => [`${r.ref.session}/${r.ref.motion}`, { ...r.decision, flags: [] }]),
  );
}
