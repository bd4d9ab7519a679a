/**
 * Cases of the tenth set of 1917 to 1921 (test/fixtures/central-committee-1917-1921-tenth) done
 * through the HTTP API, each member acting from a device of their own: the wire from Baku put to
 * Trotsky and Krestinsky, settled by his own nay; a question closed by the server at its
 * deadline; and the Georgia directive signed by Lenin and Stalin. What the API
 * records must decide as the minutes do (replayed through the command line), and leave the room
 * as a bundle the front accepts (exported and verified through the command line).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { cli } from '../support/cli.js';
import { historyFixtures, ok } from '../support/history-fixtures.js';
import { sqliteBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { ORG, Room, enrolledLedger, testServer } from './support.js';

const { fixture, record } = historyFixtures('central-committee-1917-1921-tenth');
/** The fixture's charter under the organization id the devices of test/server sign for. */
const CHARTER = readFileSync(fixture('charter.yaml'), 'utf8').replace(
  'id: cc-1917-1921',
  `id: ${ORG}`,
);
const PEOPLE = ['stassova', 'lenin', 'trotsky', 'stalin', 'krestinsky'];

let handle: StoreHandle;
let ledger: Ledger;
let keys: Map<string, KeyPair>;
let app: FastifyInstance;
let room: Room;

beforeAll(async () => {
  handle = await sqliteBackend.fresh();
  ({ ledger, keys } = await enrolledLedger(PEOPLE, CHARTER, await handle.open()));
  app = testServer({ ledger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  room = await new Room(app, keys).signIn(...PEOPLE);
});

afterAll(async () => {
  await app.close();
  await handle.dispose();
});

interface Decision {
  readonly decision: { outcome: string; explanation: string; flags: string[] };
}

describe('the wire from Baku through the API (September 1920)', () => {
  it('is decided as the minutes decide it, each answer from its member’s own device', async () => {
    // The Politburo has no officers: Lenin, a voting member, puts the question.
    await room.do('lenin', 'circulation.open', {
      circulation: 'enzeli',
      body: 'politburo',
      mode: 'live',
      text: 'Permit a destroyer to be sent to Enzeli?',
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      to: ['trotsky', 'krestinsky'],
      rule: { majority: 'votes-cast' },
    });
    // Trotsky's nay, from his own device: he cannot dispute it, and Krestinsky's answer could at
    // most make it 1 against 1, a tie, which fails. Settled: the organization closes it at once.
    await room.do('trotsky', 'circulation.answer', {
      circulation: 'enzeli',
      member: 'trotsky',
      choice: 'nay',
    });
    const view = (await room.as('lenin').get('/api/circulations/enzeli')).body as {
      status: string;
      decision: Decision['decision'];
    };
    expect(view.status).toBe('closed');
    const late = await room.act('krestinsky', 'circulation.answer', {
      circulation: 'enzeli',
      member: 'krestinsky',
      choice: 'nay',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conflict');
    // The minutes in which only Trotsky answered give the same decision, word for word.
    const file = join(handle.location, '..', 'trotsky-only.yaml');
    writeFileSync(
      file,
      readFileSync(fixture('politburo-1920-09.yaml'), 'utf8').replace(
        '      krestinsky: { choice: nay }\n',
        '',
      ),
    );
    const { db } = await record();
    await ok('replay', file, '--db', db);
    const [transcribed] = JSON.parse(await ok('--json', 'decisions', '--db', db)) as Decision[];
    expect(view.decision).toMatchObject(transcribed!.decision);
    expect(view.decision.explanation).toBe(
      'rejected: 1 nay (trotsky), no answer from krestinsky; 1 of 2 asked answered; majority of votes cast required',
    );
  });
});

describe('a question on the destroyer through the API, closed at its deadline', () => {
  it('is closed by the server when its deadline comes, and takes no answer after it', async () => {
    const deadline = new Date(Date.now() + 1_500).toISOString();
    await room.do('lenin', 'circulation.open', {
      circulation: 'enzeli-wire',
      body: 'politburo',
      mode: 'live',
      text: 'Permit a destroyer to be sent to Enzeli by wire?',
      deadline,
      to: ['trotsky', 'krestinsky'],
      rule: { majority: 'votes-cast' },
    });
    // Recorded for Trotsky by Lenin: he may still dispute it, so nothing is settled before the
    // deadline.
    await room.as('lenin').actFor('trotsky', 'lenin', keys.get('lenin')!, 'circulation.answer', {
      circulation: 'enzeli-wire',
      member: 'trotsky',
      choice: 'nay',
      channel: 'direct-wire',
    });
    const view = async () =>
      (await room.as('lenin').get('/api/circulations/enzeli-wire')).body as {
        status: string;
        decision?: Decision['decision'];
      };
    expect((await view()).status).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(deadline) - Date.now() + 1_000));
    const closed = await view();
    expect(closed.status).toBe('closed');
    // 1 nay, Krestinsky silent: rejected, as the command line and the minutes give it when his
    // answer came late (test/cli/history-tenth.test.ts).
    expect(closed.decision!.explanation).toBe(
      'rejected: 1 nay (trotsky), no answer from krestinsky; 1 of 2 asked answered; majority of votes cast required',
    );
    const late = await room.act('krestinsky', 'circulation.answer', {
      circulation: 'enzeli-wire',
      member: 'krestinsky',
      choice: 'aye',
    });
    // Closed already by the deadline: refused as closed, nothing recorded.
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conflict');
    expect(late.body.error.message).toMatch(/ is closed$/);
  }, 15_000);
});

describe('the Georgia directive through the API (5 May 1920)', () => {
  it('is signed by Lenin and Stalin on their devices and accepted by the front offline', async () => {
    const S = 'pb-1920-05-05';
    await room.do('lenin', 'session.open', { session: S, body: 'politburo', mode: 'live' });
    for (const p of ['lenin', 'trotsky', 'stalin', 'krestinsky'])
      await room.do(p, 'attendance.arrive', { session: S, person: p });
    await room.do('lenin', 'motion.propose', {
      session: S,
      motion: 'georgia',
      text: 'To order the Revolutionary Council of War of the Caucasian Front to remove all units from the territory of Georgia.',
    });
    await room.do('lenin', 'vote.open', { session: S, motion: 'georgia' });
    for (const p of ['lenin', 'trotsky', 'stalin', 'krestinsky'])
      await room.do(p, 'ballot.cast', { session: S, motion: 'georgia', voter: p, choice: 'aye' });
    await room.close('lenin', S, 'georgia');
    await room.do('lenin', 'instrument.draft', {
      instrument: 'georgia-directive',
      body: 'politburo',
      kind: 'directive',
      mode: 'live',
      number: '004/109',
      to: 'Revolutionary Council of War, Caucasian Front',
      text: 'The Central Committee orders you to remove all units from the territory of Georgia ...',
      restsOn: { session: S, motion: 'georgia' },
    });
    for (const p of ['lenin', 'stalin']) {
      const { content, nextAfter } = (await room.as(p).get('/api/instruments/georgia-directive'))
        .body as { content: string; nextAfter: string | null };
      await room.do(p, 'instrument.sign', {
        instrument: 'georgia-directive',
        content,
        after: nextAfter,
      });
    }
    await room.do('lenin', 'instrument.issue', { instrument: 'georgia-directive' });
    // Exported and verified from the command line, under the design's policy with own-keys:
    // both signatures were made with their signers' own keys, as from the command line.
    const dir = join(handle.location, '..');
    const bundle = join(dir, 'georgia-directive.json');
    await ok('export', 'instrument', 'georgia-directive', '--db', handle.location, '-o', bundle);
    const policy = join(dir, 'front.yaml');
    writeFileSync(
      policy,
      readFileSync(fixture('policy-in-force.yaml'), 'utf8')
        .replace('LOGKEY', (await ok('log-key', '--db', handle.location)).trim())
        .replace('own-keys: false', 'own-keys: true'),
    );
    const r = await cli('--json', 'verify', bundle, '--trust', policy);
    expect(r.code, r.out).toBe(0);
    const verdict = JSON.parse(r.out) as {
      accepted: boolean;
      instrument: { signatures: { signer: string; ownKey: boolean }[] };
    };
    expect(verdict.accepted).toBe(true);
    expect(verdict.instrument.signatures.map((s) => [s.signer, s.ownKey])).toEqual([
      ['lenin', true],
      ['stalin', true],
    ]);
  });
});
