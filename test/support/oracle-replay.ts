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
  type Scenario,
  type SessionSpec,
} from './random-minutes.js';
import {
  decideAlternatives,
  decideCirculation,
  decideFormula,
  type Grant,
  type MotionSetting,
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
}

const grantsOf = (proxies: Record<string, string>, scope: Grant['scope']): Grant[] =>
  Object.entries(proxies).map(([voter, holder]) => ({ voter, holder, scope }));

/** What the rules give for each motion of a session, following who is in the room. */
function sessionExpected(s: Scenario, session: SessionSpec, inForce: { body: Body }): Expected[] {
  const present = new Set(session.present);
  const out: Expected[] = [];
  for (const step of session.steps) {
    if ('arrive' in step) step.arrive.forEach((p) => present.add(p));
    else if ('depart' in step) step.depart.forEach((p) => present.delete(p));
    else {
      const m = step.motion;
      const body = inForce.body;
      const kind = m.kind ? body.kind : undefined;
      const setting: MotionSetting = {
        body,
        present: new Set(present),
        chair: session.chair,
        grants: [...grantsOf(session.proxies, 'session'), ...grantsOf(m.proxies, 'motion')],
        quorum: kind?.quorum ?? body.quorum,
        majority: kind?.majority ?? body.majority,
      };
      const v = m.vote;
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
      if (m.amends !== undefined && decided.outcome === 'adopted')
        inForce.body = s.amendments[m.amends]!;
    }
  }
  return out;
}

export function expected(s: Scenario): Expected[] {
  const inForce = { body: s.body };
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

interface DecisionRow {
  ref: { session?: string; motion?: string; circulation?: string };
  decision: {
    /** The flags the replay printed for it. */
    flags: string[];
    outcome: string;
    tally: Record<string, number>;
    quorum: Record<string, number | boolean>;
  };
}

/** The record's decisions as `collegium decisions --json` reads them back. */
export async function recorded(
  s: Scenario,
  n: number,
): Promise<Map<string, DecisionRow['decision']>> {
  const here = join(dir, `run-${n}`);
  mkdirSync(here, { recursive: true });
  const charter = join(here, 'charter.yaml');
  const minutes = join(here, 'minutes.yaml');
  const db = join(here, 'record.db');
  writeFileSync(charter, charterText(s));
  s.amendments.forEach((b, i) => writeFileSync(join(here, amendmentFile(i)), charterText(s, b)));
  writeFileSync(minutes, proceedingsText(s));
  const replay = await cli('replay', minutes, '--charter', charter, '--db', db, '--json');
  expect(replay.code, `${replay.err}\n${charterText(s)}\n${proceedingsText(s)}`).toBe(0);
  const listed = await cli('decisions', '--db', db, '--json');
  expect(listed.code, listed.err).toBe(0);
  const rows = JSON.parse(listed.out) as DecisionRow[];
  rmSync(here, { recursive: true, force: true });
  const replayed = JSON.parse(replay.out) as Record<string, unknown>[];
  const flags = new Map(
    replayed.map((r) => [r.circulation ?? `${String(r.session)}/${String(r.motion)}`, r.flags]),
  );
  return new Map(
    rows.map((r) => {
      const key = r.ref.circulation ?? `${r.ref.session}/${r.ref.motion}`;
      return [key, { ...r.decision, flags: (flags.get(key) as string[] | undefined) ?? [] }];
    }),
  );
}

/** The part of a recorded decision the oracle speaks to. */
export function comparable(e: Expected, d: DecisionRow['decision'] | undefined) {
  if (!d) return undefined;
  const tally = Object.fromEntries(Object.keys(e.tally).map((k) => [k, d.tally[k] ?? 0]));
  const quorum = Object.fromEntries(Object.keys(e.quorum ?? {}).map((k) => [k, d.quorum[k]]));
  const misstated = d.flags.some((f) => f.startsWith('the minutes state '));
  return { key: e.key, outcome: d.outcome, misstated, tally, quorum };
}
