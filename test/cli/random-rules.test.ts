/**
 * Random charters and minutes, replayed through the command line and read back, against an
 * independent reading of the rules (test/support/rules-oracle.ts): every outcome, count and
 * quorum must agree; the same sessions held live too, bodies sitting jointly, and a bureau whose
 * decisions its board ratifies.
 * COLLEGIUM_ORACLE_RUNS sets how many random records (default a few dozen).
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  comparable,
  dir,
  expected,
  liveScenario,
  recorded,
  recordedFiles,
  recordedLive,
} from '../support/oracle-replay.js';
import {
  arbDelegatedScenario,
  delegatedCharterText,
  delegatedComparable,
  delegatedExpected,
  delegatedProceedingsText,
} from '../support/random-delegated.js';
import {
  arbJointScenario,
  jointCharterText,
  jointExpected,
  jointProceedingsText,
} from '../support/random-joint.js';
import {
  arbScenario,
  arbSmallScenario,
  charterText,
  proceedingsText,
  type Scenario,
} from '../support/random-minutes.js';

const RUNS = Number(process.env.COLLEGIUM_ORACLE_RUNS ?? 30);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A body of three: m1 in the chair, one proxy a holder. */
const THREE: Scenario['body'] = {
  members: ['m1', 'm2', 'm3'],
  candidates: ['c1'],
  chair: 'm1',
  quorum: 'majority',
  majority: 'votes-cast',
  castingVote: false,
  maxPerHolder: 1,
};

/** Disagreements the random checks found once, kept as cases of their own. */
const FOUND: Scenario[] = [
  // A guest held m3's proxy: no voting member, no proxy (the quorum was 1 of 3, not 2).
  {
    body: THREE,
    amendments: [],
    sessions: [
      {
        id: 's1',
        date: '2021-01-11',
        present: ['m1', 'g1'],
        proxies: {},
        steps: [
          {
            motion: {
              id: 'm1',
              kind: false,
              vote: { names: { a: ['m1', 'm3'], b: [] }, abstain: [] },
              proxies: { m3: 'g1' },
            },
          },
        ],
      },
    ],
    circulations: [],
  },
  // m4 held m2's grant first (m2 present, unused); m3's came over the limit of one.
  {
    body: { ...THREE, members: ['m1', 'm2', 'm3', 'm4'], quorum: { count: 1 } },
    amendments: [],
    sessions: [
      {
        id: 's1',
        date: '2021-01-11',
        present: ['m1', 'm2', 'm4'],
        proxies: { m2: 'm4', m3: 'm4' },
        steps: [
          {
            motion: {
              id: 'x',
              kind: false,
              vote: { roll: { aye: ['m3', 'm2'], nay: ['m1'] } },
              proxies: {},
            },
          },
        ],
      },
    ],
    circulations: [],
  },
  // 0.66666666667 of three is just over two: the quorum is three.
  {
    body: { ...THREE, quorum: { fraction: '0.66666666667' } },
    amendments: [],
    sessions: [
      {
        id: 's1',
        date: '2021-01-11',
        present: ['m1', 'm2'],
        proxies: {},
        steps: [
          { motion: { id: 'x', kind: false, vote: { roll: { aye: ['m1', 'm2'] } }, proxies: {} } },
        ],
      },
    ],
    circulations: [
      {
        id: 'q1',
        opened: '2021-03-04',
        deadline: '2021-03-05',
        rule: { majority: 'votes-cast', quorum: { fraction: '0.66666666667' } },
        answers: [
          { person: 'm1', choice: 'aye', inTime: true },
          { person: 'm2', choice: 'aye', inTime: true },
        ],
      },
    ],
  },
];

describe('replayed minutes against an independent reading of the rules', () => {
  it('gives every motion and question the outcome, counts and quorum the rules give', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arbScenario, async (scenario) => {
        n += 1;
        const record = await recorded(scenario, n);
        for (const e of expected(scenario)) {
          const context = `${e.key}\n${charterText(scenario)}\n${proceedingsText(scenario)}`;
          expect(comparable(e, record.get(e.key)), context).toEqual({ quorum: {}, ...e });
        }
      }),
      { numRuns: RUNS, examples: FOUND.map((s) => [s]) },
    );
  }, 600_000);

  it('gives a joint body, voting jointly or by each body, the decisions the rules give', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arbJointScenario, async (scenario) => {
        n += 1;
        const charter = jointCharterText(scenario);
        const minutes = jointProceedingsText(scenario);
        const record = await recordedFiles(charter, minutes, [], 10_000 + n);
        for (const e of jointExpected(scenario)) {
          const context = `${e.key}\n${charter}\n${minutes}`;
          expect(comparable(e, record.get(e.key)), context).toEqual({ quorum: {}, ...e });
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, 600_000);

  it('gives a delegated body and the parent that ratifies its decisions what the rules give', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arbDelegatedScenario, async (scenario) => {
        n += 1;
        const charter = delegatedCharterText(scenario);
        const minutes = delegatedProceedingsText(scenario);
        const record = await recordedFiles(charter, minutes, [], 20_000 + n);
        for (const e of delegatedExpected(scenario)) {
          const context = `${e.key}\n${charter}\n${minutes}`;
          expect(delegatedComparable(e, record.get(e.key)), context).toEqual(e);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, 600_000);

  it('gives the same sessions held live the decisions the rules give', async () => {
    let n = 0;
    const live = arbSmallScenario.map(liveScenario);
    await fc.assert(
      fc.asyncProperty(live, async (scenario) => {
        n += 1;
        const record = await recordedLive(scenario, n);
        for (const e of expected(scenario)) {
          const context = `${e.key}\n${charterText(scenario)}\n${proceedingsText(scenario)}`;
          expect(comparable(e, record.get(e.key)), context).toEqual({ quorum: {}, ...e });
        }
      }),
      // A live record takes many commands: report the first counterexample as it is.
      { numRuns: Math.ceil(RUNS / 3), endOnFailure: true },
    );
  }, 600_000);
});
