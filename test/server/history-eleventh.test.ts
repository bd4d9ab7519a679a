/**
 * Cases of the eleventh set of 1917 to 1921 (test/fixtures/central-committee-1917-1921-eleventh)
 * done through the HTTP API, each member acting from a device of their own: the Central Committee
 * makes Krestinsky a candidate of the Politburo (the charter as amended carried by the motion); the
 * Politburo, which reports every decision to it, then decides without counting him; and the Central
 * Committee declines to confirm that decision, after which it takes no motion to confirm it. Each
 * outcome was worked out by hand from DESIGN.md and docs/charter.md before it was run.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCharter } from '../../src/core/charter/index.js';
import type { Ledger } from '../../src/app/ledger.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { historyFixtures } from '../support/history-fixtures.js';
import { sqliteBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { ORG, Room, enrolledLedger, testServer } from './support.js';

const { fixture } = historyFixtures('central-committee-1917-1921-eleventh');
/** A fixture charter under the organization id the devices of test/server sign for. */
const charterText = (name: string) =>
  readFileSync(fixture(name), 'utf8').replace('id: cc-1917-1921', `id: ${ORG}`);
const CC = ['lenin', 'trotsky', 'stalin', 'zinoviev', 'kamenev'];
const PEOPLE = ['stassova', ...CC, 'krestinsky'];

let handle: StoreHandle;
let ledger: Ledger;
let keys: Map<string, KeyPair>;
let app: FastifyInstance;
let room: Room;

beforeAll(async () => {
  handle = await sqliteBackend.fresh();
  ({ ledger, keys } = await enrolledLedger(
    PEOPLE,
    charterText('charter.yaml'),
    await handle.open(),
  ));
  app = testServer({ ledger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  room = await new Room(app, keys).signIn(...PEOPLE);
});

afterAll(async () => {
  await app.close();
  await handle.dispose();
});

/** A motion put by `by` and voted on by each of `ballots` from their own device, then closed. */
async function decide(
  by: string,
  session: string,
  motion: string,
  extra: Record<string, unknown>,
  ballots: Record<string, 'aye' | 'nay'>,
) {
  await room.do(by, 'motion.propose', { session, motion, ...extra });
  await room.do(by, 'vote.open', { session, motion });
  for (const [voter, choice] of Object.entries(ballots))
    await room.do(voter, 'ballot.cast', { session, motion, voter, choice });
  await room.close(by, session, motion);
  return (await room.as(by).get(`/api/sessions/${session}/motions/${motion}`)).body;
}

describe('Krestinsky made a candidate, and the Politburo refused confirmation, through the API', () => {
  it('decides the Politburo without him, provisionally, and annuls its decision once refused', async () => {
    await room.do('stassova', 'session.open', {
      session: 'cc-1',
      body: 'central-committee',
      mode: 'live',
    });
    for (const p of CC) await room.do(p, 'attendance.arrive', { session: 'cc-1', person: p });
    const parsed = parseCharter(charterText('charter-1921-03.yaml'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    // 5 of 8 present, quorum 5: adopted 5 to 0.
    const amended = await decide(
      'stassova',
      'cc-1',
      'krestinsky-candidate',
      {
        text: 'N. N. Krestinsky to remain a candidate of the Politburo only.',
        amends: parsed.json,
      },
      Object.fromEntries(CC.map((p) => [p, 'aye'])),
    );
    expect(amended.decision.outcome).toBe('adopted');

    // The Politburo has no officers: Lenin, a voting member, opens its sitting.
    await room.do('lenin', 'session.open', { session: 'pb-1', body: 'politburo', mode: 'live' });
    for (const p of ['lenin', 'stalin', 'kamenev', 'krestinsky'])
      await room.do(p, 'attendance.arrive', { session: 'pb-1', person: p });
    await room.do('lenin', 'motion.propose', {
      session: 'pb-1',
      motion: 'tax-in-kind',
      text: 'Publish the decree on the tax in kind.',
      power: 'political-affairs',
    });
    await room.do('lenin', 'vote.open', { session: 'pb-1', motion: 'tax-in-kind' });
    const candidate = await room.act('krestinsky', 'ballot.cast', {
      session: 'pb-1',
      motion: 'tax-in-kind',
      voter: 'krestinsky',
      choice: 'nay',
    });
    expect(candidate.status).toBe(403);
    expect(candidate.body.error.code).toBe('candidate-no-vote');
    for (const voter of ['lenin', 'stalin', 'kamenev'])
      await room.do(voter, 'ballot.cast', {
        session: 'pb-1',
        motion: 'tax-in-kind',
        voter,
        choice: 'aye',
      });
    await room.close('lenin', 'pb-1', 'tax-in-kind');
    const decided = (await room.as('lenin').get('/api/sessions/pb-1/motions/tax-in-kind')).body;
    // Four members (Krestinsky no longer one), three of them present and for it.
    expect(decided.decision.explanation).toBe(
      'adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present, quorum 3',
    );
    expect(decided.ratification).toMatchObject({ by: 'central-committee', status: 'provisional' });

    // The Central Committee declines, 2 ayes to 3 nays: the decision is annulled.
    const ratifies = { session: 'pb-1', motion: 'tax-in-kind' };
    const refusedConfirmation = await decide(
      'stassova',
      'cc-1',
      'confirm',
      { text: "Confirm the Politburo's decision on the tax in kind.", ratifies },
      { lenin: 'aye', stalin: 'aye', trotsky: 'nay', zinoviev: 'nay', kamenev: 'nay' },
    );
    expect(refusedConfirmation).toMatchObject({ ratifies, ratifying: 'annuls' });
    const annulled = (await room.as('lenin').get('/api/sessions/pb-1/motions/tax-in-kind')).body;
    expect(annulled.ratification).toMatchObject({ status: 'annulled' });
    const again = await room.act('stassova', 'motion.propose', {
      session: 'cc-1',
      motion: 'confirm-again',
      text: 'Confirm it after all.',
      ratifies,
    });
    expect(again.body.error.code).toBe('charter-rule');
    expect(again.body.error.message).toContain(
      'awaits no ratification by Central Committee any more: it was annulled by motion 2',
    );
  });
});
