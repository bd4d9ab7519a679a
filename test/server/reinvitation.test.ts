/**
 * Re-invitation by decision through the API: once the body adopts a motion that re-invites a
 * person, any member of it may have the organization's invitation recorded (signed with the
 * custodial key), once, and pass the link on. Every refusal with its stable code.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { Browser, enrolledLedger, refusal, Room, testServer, TEST_ORIGIN } from './support.js';

let ledger: Ledger;
let app: FastifyInstance;
let room: Room;
const S = 'board-1';

beforeAll(async () => {
  const enrolled = await enrolledLedger(['sec', 'ada', 'ben', 'cy', 'cand', 'out']);
  ledger = enrolled.ledger;
  app = testServer({ ledger });
  room = await new Room(app, enrolled.keys).signIn('sec', 'ada', 'ben', 'cy', 'cand', 'out');
  await room.do('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
  for (const p of ['ada', 'ben', 'cy'])
    await room.do(p, 'attendance.arrive', { session: S, person: p });
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

/** A motion put and voted on as `choices` say, then closed. */
async function decide(motion: string, choices: Record<string, string>, extra = {}) {
  await room.do('sec', 'motion.propose', { session: S, motion, text: `${motion}?`, ...extra });
  await room.do('sec', 'vote.open', { session: S, motion });
  for (const [voter, choice] of Object.entries(choices))
    await room.do(voter, 'ballot.cast', { session: S, motion, voter, choice });
  await room.close('sec', S, motion);
}

const ask = (person: string, motion: string) =>
  room.as(person).post('/api/invitations/decision', { session: S, motion });

describe('POST /api/invitations/decision', () => {
  it('records the organization’s invitation on an adopted motion, once, for any member', async () => {
    await room.do('sec', 'motion.propose', {
      session: S,
      motion: 'reinvite-cy',
      text: 'Shall Cy be invited to enrol a key again?',
      invites: 'cy',
    });
    // Not decided yet: it authorizes nothing.
    expect(refusal(await ask('ben', 'reinvite-cy'))).toEqual({ status: 422, code: 'charter-rule' });
    await room.do('sec', 'vote.open', { session: S, motion: 'reinvite-cy' });
    for (const voter of ['ada', 'ben', 'cy'])
      await room.do(voter, 'ballot.cast', {
        session: S,
        motion: 'reinvite-cy',
        voter,
        choice: 'aye',
      });
    await room.close('sec', S, 'reinvite-cy');

    // Someone who does not sit on the board may not have it issued.
    expect(refusal(await ask('out', 'reinvite-cy'))).toEqual({ status: 403, code: 'forbidden' });

    const issued = await ask('ben', 'reinvite-cy');
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      person: 'cy',
      url: `${TEST_ORIGIN}/enrol#${issued.body.token}`,
    });
    const entry = (await room.as('ben').get(`/api/log?from=${issued.body.entry}&limit=1`)).body
      .entries[0].entry;
    expect(entry).toMatchObject({
      type: 'member.invite',
      actor: null,
      signer: null,
      key: ledger.state.custodian,
      payload: { person: 'cy', decision: { session: S, motion: 'reinvite-cy' } },
    });
    const shown = await room
      .as('out')
      .post('/api/invitations/lookup', { token: issued.body.token });
    expect(shown.body).toMatchObject({ person: 'cy', expires: issued.body.expires });
    const motion = (await room.as('ben').get(`/api/sessions/${S}/motions/reinvite-cy`)).body;
    expect(motion).toMatchObject({ invites: 'cy', invited: issued.body.entry, amends: false });

    // Once per motion, whoever asks (a candidate sits on the board too).
    expect(refusal(await ask('cand', 'reinvite-cy'))).toEqual({ status: 409, code: 'conflict' });
  });

  it('refuses a motion that re-invites no one, one rejected, and one that does not exist', async () => {
    await decide('plain', { ada: 'aye' });
    const plain = await ask('ada', 'plain');
    expect(refusal(plain)).toEqual({ status: 422, code: 'charter-rule' });
    expect(plain.body.error.message).toMatch(/re-invites no one/);

    await decide('reinvite-ben', { ada: 'nay', ben: 'nay', cy: 'aye' }, { invites: 'ben' });
    const rejected = await ask('ada', 'reinvite-ben');
    expect(refusal(rejected)).toEqual({ status: 422, code: 'charter-rule' });
    expect(rejected.body.error.message).toMatch(/not adopted/);

    expect(refusal(await ask('ada', 'no-such-motion'))).toEqual({ status: 404, code: 'not-found' });
    expect(refusal(await room.as('ada').post('/api/invitations/decision', { session: S }))).toEqual(
      { status: 400, code: 'invalid-input' },
    );
    // Signed in first.
    const visitor = await new Browser(app).visit();
    expect(
      refusal(await visitor.post('/api/invitations/decision', { session: S, motion: 'plain' })),
    ).toEqual({ status: 401, code: 'unauthenticated' });
  });
});
