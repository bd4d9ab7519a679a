/**
 * Proxies through the API: a member gives their proxy (proxy.grant, signed on their device), an
 * officer records one for a member without a key, the grants in force are read for a session
 * with the open votes each may be used in, the holder casts the grantor's ballot, and the grantor
 * takes it back. Every refusal with its stable code.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { deriveEvents } from '../../src/server/event-derivation.js';
import { Browser, enrolledLedger, refusal, Room, TEST_CHARTER, testServer } from './support.js';

/** The board, with a fourth member who has no key, and a proxy each at most. */
const PROXY_CHARTER = TEST_CHARTER.replace('  cand: {', '  dee: { name: Dee Member }\n  cand: {')
  .replace('members: [ada, ben, cy]', 'members: [ada, ben, cy, dee]')
  .replace(
    '    majority: votes-cast\n',
    '    majority: votes-cast\n    proxies: { max-per-holder: 1 }\n',
  );

let ledger: Ledger;
let app: FastifyInstance;
let room: Room;
const S = 'board-1';
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

beforeAll(async () => {
  const enrolled = await enrolledLedger(['sec', 'ada', 'ben', 'cy'], PROXY_CHARTER);
  ledger = enrolled.ledger;
  app = testServer({ ledger });
  room = await new Room(app, enrolled.keys).signIn('sec', 'ada', 'ben', 'cy');
  await room.do('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

const grant = (id: string, holder: string, scope: Record<string, unknown> = { session: S }) => ({
  grant: id,
  body: 'board',
  holder,
  ...scope,
});

describe('proxies', () => {
  it('are given, read in force, used by the holder, and taken back', async () => {
    await room.do('ben', 'proxy.grant', grant('ben-to-cy', 'cy'));
    // Dee has no key: the secretary records the grant for her, signing it herself.
    const forDee = await room
      .as('sec')
      .actFor(
        'dee',
        'sec',
        room.keys.get('sec')!,
        'proxy.grant',
        grant('dee-to-ada', 'ada', { until: tomorrow() }),
      );
    expect(forDee.status).toBe(201);
    const entry = (await room.as('sec').get(`/api/log?from=${forDee.body.entry}&limit=1`)).body
      .entries[0].entry;
    expect(entry).toMatchObject({ type: 'proxy.grant', actor: 'dee', signer: 'sec' });

    const all = (await room.as('ada').get('/api/proxies')).body;
    expect(all).toEqual([
      {
        id: 'ben-to-cy',
        body: 'board',
        grantor: 'ben',
        holder: 'cy',
        session: S,
        motion: null,
        until: null,
        // The session it is for in words, by its body and day, not its id.
        named: expect.stringMatching(/^the session of Board on \d{1,2} [A-Z][a-z]+ \d{4}$/),
        entry: expect.any(Number),
      },
      {
        id: 'dee-to-ada',
        body: 'board',
        grantor: 'dee',
        holder: 'ada',
        session: null,
        motion: null,
        until: expect.any(String),
        named: null,
        entry: forDee.body.entry,
      },
    ]);

    // The vote opens with the holders present and the grantors absent.
    for (const p of ['ada', 'cy']) await room.do(p, 'attendance.arrive', { session: S, person: p });
    await room.do('sec', 'motion.propose', { session: S, motion: 'm1', text: 'Paint?' });
    const before = (await room.as('cy').get(`/api/sessions/${S}/proxies`)).body;
    expect(before.map((g: { id: string; motions: string[] }) => [g.id, g.motions])).toEqual([
      ['ben-to-cy', []],
      ['dee-to-ada', []],
    ]);
    await room.do('sec', 'vote.open', { session: S, motion: 'm1' });
    const open = (await room.as('cy').get(`/api/sessions/${S}/proxies`)).body;
    expect(open.map((g: { id: string; motions: string[] }) => [g.id, g.motions])).toEqual([
      ['ben-to-cy', ['m1']],
      ['dee-to-ada', ['m1']],
    ]);

    const ballot = { session: S, motion: 'm1', choice: 'aye' };
    await room.do('cy', 'ballot.cast', { ...ballot, voter: 'ben', castBy: 'cy' });
    await room.do('ada', 'ballot.cast', { ...ballot, voter: 'dee', castBy: 'ada' });
    // Without a grant: refused.
    expect(
      refusal(await room.act('ada', 'ballot.cast', { ...ballot, voter: 'ben', castBy: 'ada' })),
    ).toEqual({ status: 422, code: 'no-proxy' });
    const motion = (await room.as('ada').get(`/api/sessions/${S}/motions/m1`)).body;
    expect(motion.voted).toEqual(['ben', 'dee']);

    await room.do('ben', 'proxy.revoke', { grant: 'ben-to-cy' });
    // A grant for one motion names it by its place and text, and its session by body and day.
    await room.do('ben', 'proxy.grant', grant('ben-m1', 'cy', { session: S, motion: 'm1' }));
    const forMotion = (await room.as('ben').get('/api/proxies')).body.find(
      (g: { id: string }) => g.id === 'ben-m1',
    );
    expect(forMotion.named).toMatch(/^motion 1 \("Paint\?"\) of the session of Board on \d/);
    await room.do('ben', 'proxy.revoke', { grant: 'ben-m1' });
    const left = (await room.as('ben').get('/api/proxies')).body;
    expect(left.map((g: { id: string }) => g.id)).toEqual(['dee-to-ada']);
    expect((await room.as('ben').get(`/api/sessions/${S}/proxies`)).body).toHaveLength(1);
    expect(refusal(await room.as('ben').get('/api/sessions/nope/proxies'))).toEqual({
      status: 404,
      code: 'not-found',
    });
  });

  it('refuses a proxy to oneself, one overlapping, one past the limit, one recorded for a member with a key', async () => {
    expect(refusal(await room.act('ada', 'proxy.grant', grant('self', 'ada')))).toEqual({
      status: 400,
      code: 'invalid-input',
    });
    await room.do('ada', 'proxy.grant', grant('ada-to-ben', 'ben', { until: tomorrow() }));
    expect(refusal(await room.act('ada', 'proxy.grant', grant('again', 'cy')))).toEqual({
      status: 409,
      code: 'conflict',
    });
    // Ben holds one already, the most the board allows.
    expect(refusal(await room.act('cy', 'proxy.grant', grant('cy-to-ben', 'ben')))).toEqual({
      status: 422,
      code: 'charter-rule',
    });
    // Cy has a key of his own: he gives his proxy himself.
    const forCy = await room
      .as('sec')
      .actFor('cy', 'sec', room.keys.get('sec')!, 'proxy.grant', grant('for-cy', 'ada'));
    expect(refusal(forCy)).toEqual({ status: 403, code: 'forbidden' });
    // Only the grantor takes a proxy back.
    expect(refusal(await room.act('ben', 'proxy.revoke', { grant: 'ada-to-ben' }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it('in demo mode, an act for another and a signed act of a demo login are refused', async () => {
    const demo = testServer({ ledger, demo: { keys: new Map() } });
    try {
      const b = await new Browser(demo).visit();
      expect((await b.post('/api/demo/login', { person: 'sec' })).body).toMatchObject({
        person: 'sec',
        key: null,
      });
      const unsigned = await b.post('/api/acts', {
        type: 'proxy.grant',
        payload: grant('demo', 'ada'),
        actor: 'dee',
      });
      expect(refusal(unsigned)).toEqual({ status: 400, code: 'invalid-input' });
      const signed = await b.act('sec', room.keys.get('sec')!, 'session.open', {
        session: 'demo',
        body: 'board',
        mode: 'live',
      });
      expect(refusal(signed)).toEqual({ status: 401, code: 'unauthenticated' });
    } finally {
      await demo.close();
    }
  });
  it('are told to listeners as they are given and taken back', () => {
    // Derived from the record as the hub derives them: ben gave cy his proxy for the session,
    // then took it back (the first test).
    const grantedAt = ledger.state.grants.get('ben-to-cy')!.grantedAt;
    const revokedAt = ledger.state.grants.get('ben-to-cy')!.revokedAt!;
    const events = deriveEvents(
      [
        { index: grantedAt, type: 'proxy.grant', payload: grant('ben-to-cy', 'cy') },
        { index: revokedAt, type: 'proxy.revoke', payload: { grant: 'ben-to-cy' } },
      ],
      ledger.state,
    );
    const data = { grant: 'ben-to-cy', body: 'board', session: S };
    expect(events).toEqual([
      { id: grantedAt, kind: 'proxies', data: { ...data, granted: true } },
      { id: revokedAt, kind: 'proxies', data: { ...data, granted: false } },
    ]);
  });
});
