/**
 * Amendments of the charter through the API: a motion carrying the whole amended charter (up to
 * a charter file's size, while every other act keeps the usual limit), refused as
 * `invalid-charter` with the path when the charter is not valid; adopted, it comes into force
 * with the close of its vote, listeners are told the organization changed, and the views show
 * what it amends and which votes were decided under an earlier version.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { parseCharter } from '../../src/core/charter/index.js';
import {
  enrolledLedger,
  EventStream,
  refusal,
  Room,
  signAct,
  TEST_CHARTER,
  testServer,
} from './support.js';

let ledger: Ledger;
let app: FastifyInstance;
let room: Room;
let live: EventStream;
let base: string;
const S = 'board-1';

/** The charter as data, as a motion carries it. */
function charterJson(yaml: string): Record<string, unknown> {
  const parsed = parseCharter(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.json as Record<string, unknown>;
}

/** The board with Dot as a fourth member, and `extra` more people on no body. */
function amended(extra = 0): Record<string, unknown> {
  const json = charterJson(
    TEST_CHARTER.replace('  out: {', '  dot: { name: Dot Newcomer }\n  out: {').replace(
      'members: [ada, ben, cy]',
      'members: [ada, ben, cy, dot]',
    ),
  );
  const people = json['people'] as Record<string, unknown>;
  for (let i = 0; i < extra; i++) people[`p${i}`] = { name: `Person ${i} ${'x'.repeat(100)}` };
  return json;
}

beforeAll(async () => {
  const enrolled = await enrolledLedger(['sec', 'ada', 'ben', 'cy']);
  ledger = enrolled.ledger;
  app = testServer({ ledger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  room = await new Room(base, enrolled.keys).signIn('sec', 'ada', 'ben', 'cy');
  live = new EventStream(`${base}/api/events`, undefined, room.as('sec').cookie);
  await room.do('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
  for (const p of ['ada', 'ben', 'cy'])
    await room.do(p, 'attendance.arrive', { session: S, person: p });
});

afterAll(async () => {
  live.close();
  await app.close();
  await ledger.store.close();
});

const propose = (motion: string, amends: unknown, extra = {}) =>
  room.act('sec', 'motion.propose', {
    session: S,
    motion,
    text: 'Amend the charter.',
    amends,
    ...extra,
  });

describe('amendments through the API', () => {
  it('refuses an amended charter that is not valid: invalid-charter, naming the path', async () => {
    const noBodies = await propose('bad-1', {
      ...amended(),
      bodies: { board: { name: 'Board', quorum: 'majority', majority: 'votes-cast' } },
    });
    expect(refusal(noBodies)).toEqual({ status: 400, code: 'invalid-charter' });
    expect(noBodies.body.error.message).toMatch(
      /the amended charter is not valid: bodies\.board: members: required/,
    );

    const json = amended();
    const moved = await propose('bad-2', {
      ...json,
      organization: { ...(json['organization'] as object), id: 'another-org' },
    });
    expect(refusal(moved)).toEqual({ status: 400, code: 'invalid-charter' });
    expect(moved.body.error.message).toMatch(/keeps the organization's id \(test-org\)/);

    // Not an object at all: the payload's form.
    expect(refusal(await propose('bad-3', 'bodies: {}'))).toEqual({
      status: 400,
      code: 'invalid-input',
    });
    expect(ledger.state.motions.size).toBe(0);
  });

  it('refuses values nested deeper than any charter, and a body too deep to measure', async () => {
    // 65 arrays one inside another, under a member the charter format does not know.
    let deep: unknown = [];
    for (let i = 1; i < 65; i++) deep = [deep];
    const nested = await propose('nested', { ...amended(), note: deep });
    expect(refusal(nested)).toEqual({ status: 400, code: 'invalid-input' });
    expect(nested.body.error.message).toBe(
      'payload.amends: objects and arrays nested more than 64 deep',
    );
    // A body sent without its length (chunked), nested thousands deep: refused by its form, and
    // nothing writes it again to measure it.
    const body = `{"type":"ballot.cast","payload":{"x":${'['.repeat(8000)}${']'.repeat(8000)}}}`;
    const answer = await sendChunked(body);
    expect(answer.status).toBe(400);
    const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid-input');
    // The payload's schema names what is wrong with it.
    expect(error.message).toMatch(/^payload\./);
    expect(ledger.state.motions.has('nested')).toBe(false);
  });

  it('measures a body sent in chunks by the bytes received, whitespace included', async () => {
    // A motion of a few hundred bytes once written again, padded past the usual limit.
    const act = signAct('sec', room.keys.get('sec')!, 'motion.propose', {
      session: S,
      motion: 'padded',
      text: 'Pad.',
    });
    const padded = JSON.stringify(act).replace('{', `{${' '.repeat(70 * 1024)}`);
    const answer = await sendChunked(padded);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'too-large' } });
    expect((JSON.parse(answer.body) as { error: { message: string } }).error.message).toMatch(
      new RegExp(`^an act of ${Buffer.byteLength(padded)} bytes`),
    );
    expect(ledger.state.motions.has('padded')).toBe(false);
    // The same act, unpadded and chunked, is taken.
    expect((await sendChunked(JSON.stringify(act))).status).toBe(201);
  });

  it('takes a charter larger than the usual limit, and no other act that large', async () => {
    const big = amended(800);
    expect(JSON.stringify(big).length).toBeGreaterThan(64 * 1024);
    // Put and then withdrawn by a vote against it: it is the size that is tried here.
    expect((await propose('big', big)).status).toBe(201);
    const long = await room.act('sec', 'motion.propose', {
      session: S,
      motion: 'long',
      text: 'x'.repeat(70 * 1024),
    });
    expect(refusal(long)).toEqual({ status: 413, code: 'too-large' });
    expect(long.body.error.message).toMatch(/only a motion that amends the charter may be larger/);
    // Past the limit of an amendment, the route refuses the body before reading it.
    const huge = await propose('huge', amended(20_000));
    expect(refusal(huge)).toEqual({ status: 413, code: 'too-large' });
    await room.do('sec', 'vote.open', { session: S, motion: 'big' });
    await room.do('ada', 'ballot.cast', { session: S, motion: 'big', voter: 'ada', choice: 'nay' });
    await room.close('sec', S, 'big');
    expect(ledger.state.charters).toHaveLength(1);
  });

  it('in force once adopted: listeners told, views changed, a vote open meanwhile said so', async () => {
    // A vote opened under the charter as adopted, still open when the amendment comes into force.
    await room.do('sec', 'motion.propose', { session: S, motion: 'other', text: 'Paint?' });
    await room.do('sec', 'vote.open', { session: S, motion: 'other' });

    await room.do('sec', 'motion.propose', {
      session: S,
      motion: 'dot',
      text: 'Shall Dot join the board?',
      amends: amended(),
    });
    await room.do('sec', 'vote.open', { session: S, motion: 'dot' });
    for (const voter of ['ada', 'ben', 'cy'])
      await room.do(voter, 'ballot.cast', { session: S, motion: 'dot', voter, choice: 'aye' });
    const closed = await room.close('sec', S, 'dot');

    const event = await live.until(
      (e) => e.event === 'organization' && e.data.change === 'charter',
    );
    expect(event).toMatchObject({ id: closed.entry + 1, data: { session: S, motion: 'dot' } });
    // Once: the amendment's entry is reported with the close that brought it about.
    await live.until((e) => e.event === 'decision' && e.data.motion === 'dot');
    expect(
      live.events.filter((e) => e.event === 'organization' && e.data.change === 'charter'),
    ).toHaveLength(1);
    const org = (await room.as('ben').get('/api/organization')).body;
    expect(org.people.map((p: { id: string }) => p.id)).toContain('dot');
    expect(org.bodies[0].members).toEqual(['ada', 'ben', 'cy', 'dot']);
    const dot = (await room.as('ben').get(`/api/sessions/${S}/motions/dot`)).body;
    // What it changed from the charter it replaced, as `collegium charter diff` says it.
    expect(dot.amendment.changes).toEqual([
      'person added: Dot Newcomer (dot)',
      'board: members in: Dot Newcomer (dot)',
      'board: quorum: 2 of 3 voting members → 2 of 4 voting members',
    ]);
    expect(dot).toMatchObject({
      amends: true,
      amendment: {
        inForce: closed.entry + 1,
        bodies: [{ id: 'board', members: ['ada', 'ben', 'cy', 'dot'] }],
      },
      charter: { atOpen: 0, atClose: 0, amendedWhileOpen: false },
    });

    await room.do('ada', 'ballot.cast', {
      session: S,
      motion: 'other',
      voter: 'ada',
      choice: 'aye',
    });
    await room.close('sec', S, 'other');
    const other = (await room.as('ben').get(`/api/sessions/${S}/motions/other`)).body;
    expect(other).toMatchObject({
      amends: false,
      amendment: null,
      charter: { atOpen: 0, atClose: closed.entry + 1, amendedWhileOpen: true },
    });
  });

  it('tells listeners when a key is enrolled or revoked', async () => {
    const revoked = await room.do('sec', 'member.revoke', {
      person: 'cy',
      key: ledger.state.enrolled.get('cy')![0],
    });
    const event = await live.until((e) => e.event === 'organization' && e.id === revoked.entry);
    expect(event.data).toEqual({ change: 'keys', person: 'cy' });
  });
});

/** Sends `body` as the secretary's act in two chunks, without a Content-Length. */
function sendChunked(body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      new URL(`${base}/api/acts`),
      {
        method: 'POST',
        headers: {
          cookie: room.as('sec').cookie!,
          'x-csrf-token': room.as('sec').csrf!,
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    sent.on('error', reject);
    sent.write(body.slice(0, 100));
    sent.end(body.slice(100));
  });
}
