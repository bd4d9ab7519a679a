/**
 * Random proxies granted until a time and taken back, over a live session whose votes open hour
 * after hour: each grant, revocation and ballot by proxy is recorded or refused as an independent
 * reading of the rules says (test/support/proxy-oracle.ts), and each vote decided as the rules
 * give it (test/support/rules-oracle.ts). Times never fall on a vote: a grant ends half an hour
 * past one.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/app/ledger.js';
import type { DraftSource } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import { DomainError } from '../../src/core/errors.js';
import type { Choice } from '../../src/core/rules/types.js';
import { motionKey } from '../../src/core/state/index.js';
import { charterOf } from '../support/examples.js';
import { GrantBook } from '../support/proxy-oracle.js';
import {
  MAJORITIES,
  chance,
  pick,
  quorumForm,
  quorumValue,
  subset,
} from '../support/random-minutes.js';
import { charterYaml } from '../support/random-charter.js';
import { decideFormula, type OracleBody, type RollChoice } from '../support/rules-oracle.js';
import { sqliteBackend, type StoreHandle } from '../support/stores.js';
import { grantProxy, revokeProxy } from './support.js';

const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5'];
const S = 's1';
const START = Date.parse('2026-11-05T18:00:00.000Z');
const HOUR = 3_600_000;
const CHOICES: readonly RollChoice[] = ['aye', 'aye', 'nay', 'nay', 'abstain'];

interface Round {
  grants: { grantor: string; holder: string; hours: number }[];
  /** Earlier grants (by their number among all asked for) their grantor tries to take back. */
  revokes: number[];
  present: string[];
  inPerson: Partial<Record<string, RollChoice>>;
  /** Absent members whose ballot someone casts: their holder, or someone else. */
  byProxy: { voter: string; byHolder: boolean; other: string; choice: RollChoice }[];
}

interface ProxyScenario {
  body: OracleBody & { maxPerHolder: number };
  rounds: Round[];
}

const arbProxyScenario: fc.Arbitrary<ProxyScenario> = fc.gen().map((g) => {
  const body = {
    members: MEMBERS,
    candidates: [],
    quorum: quorumForm(g, MEMBERS.length),
    majority: pick(g, MAJORITIES),
    castingVote: false,
    maxPerHolder: g(fc.integer, { min: 1, max: 2 }),
  };
  let asked = 0;
  const rounds = Array.from({ length: g(fc.integer, { min: 2, max: 5 }) }, (): Round => {
    const grants = Array.from({ length: g(fc.nat, 3) }, () => ({
      grantor: pick(g, MEMBERS),
      holder: chance(g, 8) ? 'self' : pick(g, MEMBERS),
      hours: g(fc.nat, 3),
    })).map((x) => ({ ...x, holder: x.holder === 'self' ? x.grantor : x.holder }));
    const revokes = asked > 0 && chance(g, 3) ? [g(fc.nat, asked - 1)] : [];
    asked += grants.length;
    const present = subset(g, MEMBERS);
    const absent = MEMBERS.filter((m) => !present.includes(m));
    return {
      grants,
      revokes,
      present,
      inPerson: Object.fromEntries(
        present.filter(() => !chance(g, 4)).map((p) => [p, pick(g, CHOICES)]),
      ),
      byProxy: absent
        .filter(() => !chance(g, 4))
        .map((voter) => ({
          voter,
          byHolder: !chance(g, 4),
          other: pick(g, MEMBERS),
          choice: pick(g, CHOICES),
        })),
    };
  });
  return { body, rounds };
});

function charterText(s: ProxyScenario): string {
  return charterYaml({ id: 'random-proxies', name: 'Proxies until a time' }, [...MEMBERS, 'sec'], {
    board: {
      name: 'Board',
      members: MEMBERS,
      secretary: 'sec',
      quorum: quorumValue(s.body.quorum),
      majority: s.body.majority,
      maxPerHolder: s.body.maxPerHolder,
    },
  });
}

/** Records `source` where `expected`, else expects it refused with the record unchanged. */
async function attempt(ledger: Ledger, source: DraftSource, expected: boolean, what: string) {
  const size = ledger.size;
  const error = await record(ledger, source).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (expected) expect(error, what).toBeUndefined();
  else {
    expect(error, `${what}: expected a refusal`).toBeInstanceOf(DomainError);
    expect(ledger.size, what).toBe(size);
  }
}

/** One round: grants and revocations at the hour, then a vote opened and closed at it. */
async function round(
  ledger: Ledger,
  s: ProxyScenario,
  book: GrantBook,
  r: { round: Round; n: number; now: number; asked: { count: number } },
): Promise<void> {
  const { round: x, n, now } = r;
  for (const grant of x.grants) {
    const id = `g${(r.asked.count += 1)}`;
    const until = now + grant.hours * HOUR + HOUR / 2;
    const ok = book.grant({ id, ...grant, until }, now);
    const draft = grantProxy(id, grant.grantor, grant.holder, {
      until: new Date(until).toISOString(),
    });
    await attempt(ledger, () => draft, ok, `grant ${id} ${JSON.stringify(grant)}`);
  }
  for (const i of x.revokes) {
    const id = `g${i + 1}`;
    const can = book.revocable(id, now);
    if (can === 'lapsed') continue;
    if (can === 'yes') book.revoke(id);
    const grantor = s.rounds.flatMap((y) => y.grants)[i]!.grantor;
    await attempt(ledger, () => revokeProxy(id, grantor), can === 'yes', `revoke ${id}`);
  }
  const here = new Set(ledger.state.sessions.get(S)?.present ?? []);
  for (const p of MEMBERS.filter((m) => here.has(m) && !x.present.includes(m)))
    await record(ledger, attendance('depart', S, p));
  for (const p of x.present.filter((m) => !here.has(m)))
    await record(ledger, attendance('arrive', S, p));
  const motion = `v${n}`;
  await record(ledger, proposeMotion({ session: S, motion, text: `Vote ${n}.` }));
  await record(ledger, openVote(S, motion));
  const roll: Partial<Record<RollChoice, string[]>> = {};
  for (const [voter, choice] of Object.entries(x.inPerson)) {
    await record(ledger, castBallot({ session: S, motion, voter, choice: choice as Choice }));
    (roll[choice!] ??= []).push(voter);
  }
  for (const b of x.byProxy) {
    const holder = book.holderFor(b.voter, now);
    const by = b.byHolder ? (book.lastHolderOf(b.voter) ?? b.other) : b.other;
    const ok = holder !== undefined && by === holder && x.present.includes(holder);
    const ballot = castBallot({ session: S, motion, voter: b.voter, choice: b.choice, castBy: by });
    await attempt(ledger, ballot, ok, `${b.voter}'s ballot by ${by} on ${motion}`);
    if (ok) (roll[b.choice] ??= []).push(b.voter);
  }
  await record(ledger, closeVote(S, motion));
  const grants = book
    .inForce(now)
    .map((g) => ({ ...g, voter: g.grantor, scope: 'session' as const }));
  const present = new Set(x.present);
  const want = decideFormula(
    { body: s.body, present, grants, quorum: s.body.quorum, majority: s.body.majority },
    { roll },
  );
  const got = ledger.state.motions.get(motionKey(S, motion))!.decision!;
  expect(
    {
      outcome: got.outcome,
      tally: { aye: got.tally.aye, nay: got.tally.nay, abstain: got.tally.abstain },
      quorum: {
        presentVoting: got.quorum.presentVoting,
        representedByProxy: got.quorum.representedByProxy,
        met: got.quorum.met,
      },
    },
    motion,
  ).toEqual({
    outcome: want.outcome,
    tally: { aye: want.tally.aye, nay: want.tally.nay, abstain: want.tally.abstain },
    quorum: {
      presentVoting: want.quorum.presentVoting,
      representedByProxy: want.quorum.representedByProxy,
      met: want.quorum.met,
    },
  });
}

describe('proxies granted until a time and taken back, against an independent reading', () => {
  let handle: StoreHandle | undefined;
  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });

  it('records or refuses each grant, revocation and ballot by proxy, and decides each vote, as the rules say', async () => {
    await fc.assert(
      fc.asyncProperty(arbProxyScenario, async (s) => {
        await handle?.dispose();
        handle = await sqliteBackend.fresh();
        const store = await handle.open({ create: true });
        let now = START;
        const ledger = await Ledger.create(store, charterOf(charterText(s)).json, {
          clock: () => new Date(now),
        });
        await record(ledger, openSession({ session: S, body: 'board' }));
        const book = new GrantBook(s.body.maxPerHolder);
        const asked = { count: 0 };
        for (const [i, x] of s.rounds.entries()) {
          now = START + (i + 1) * HOUR;
          await round(ledger, s, book, { round: x, n: i + 1, now, asked });
        }
      }),
      // Half the replayed checks' runs: each record here takes a few dozen acts.
      { numRuns: Math.ceil(Number(process.env.COLLEGIUM_ORACLE_RUNS ?? 30) / 2) },
    );
  }, 120_000);
});
