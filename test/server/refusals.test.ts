/** Every refusal of docs/api.md through the API, each with its code and status. */
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { motionKey } from '../../src/core/state/index.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import {
  Browser,
  enrolledLedger,
  refusal,
  signAct,
  signLogin,
  TEST_ORIGIN,
  testServer,
} from './support.js';

const PEOPLE = ['sec', 'ada', 'ben', 'cy', 'cand', 'out'];
let ledger: Ledger;
let keys: Map<string, KeyPair>;
let app: FastifyInstance;
const browsers = new Map<string, Browser>();
const S = 'meeting-1';

const key = (p: string): KeyPair => keys.get(p)!;
const as = (p: string): Browser => browsers.get(p)!;
const act = (p: string, type: string, payload: Record<string, unknown>) =>
  as(p).act(p, key(p), type, payload);

beforeAll(async () => {
  ({ ledger, keys } = await enrolledLedger(PEOPLE));
  app = testServer({ ledger });
  for (const p of PEOPLE) {
    const b = new Browser(app);
    expect((await b.loginAs(p, key(p))).status).toBe(200);
    browsers.set(p, b);
  }
  // A live session: ada and ben and the candidate present, cy absent; one open vote.
  for (const [p, type, payload] of [
    ['sec', 'session.open', { session: S, body: 'board', mode: 'live' }],
    ['ada', 'attendance.arrive', { session: S, person: 'ada' }],
    ['ben', 'attendance.arrive', { session: S, person: 'ben' }],
    ['cand', 'attendance.arrive', { session: S, person: 'cand' }],
    ['sec', 'motion.propose', { session: S, motion: 'open-one', text: 'Open.' }],
    ['sec', 'vote.open', { session: S, motion: 'open-one' }],
    ['sec', 'motion.propose', { session: S, motion: 'closed-one', text: 'Closed.' }],
    ['sec', 'vote.open', { session: S, motion: 'closed-one' }],
    ['ada', 'ballot.cast', { session: S, motion: 'closed-one', voter: 'ada', choice: 'aye' }],
  ] as const) {
    expect((await act(p, type, payload)).status, `${type} by ${p}`).toBe(201);
  }
  const closing = await as('sec').get(`/api/sessions/${S}/motions/closed-one/closing`);
  expect((await act('sec', 'vote.close', closing.body.payload)).status).toBe(201);
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

const ballot = (voter: string, motion = 'open-one', choice = 'aye') => ({
  session: S,
  motion,
  voter,
  choice,
});

describe('ballots the charter refuses', () => {
  it('by a non-member: 403 not-member', async () => {
    expect(refusal(await act('out', 'ballot.cast', ballot('out')))).toEqual({
      status: 403,
      code: 'not-member',
    });
  });

  it('by a candidate: 403 candidate-no-vote', async () => {
    expect(refusal(await act('cand', 'ballot.cast', ballot('cand')))).toEqual({
      status: 403,
      code: 'candidate-no-vote',
    });
  });

  it('by a member absent when the vote opened: 422 absent', async () => {
    expect(refusal(await act('cy', 'ballot.cast', ballot('cy')))).toEqual({
      status: 422,
      code: 'absent',
    });
  });

  it('on a closed vote: 409 vote-not-open', async () => {
    expect(refusal(await act('ben', 'ballot.cast', ballot('ben', 'closed-one')))).toEqual({
      status: 409,
      code: 'vote-not-open',
    });
  });

  it('a second ballot: 409 duplicate-ballot', async () => {
    expect((await act('ben', 'ballot.cast', ballot('ben'))).status).toBe(201);
    expect(refusal(await act('ben', 'ballot.cast', ballot('ben', 'open-one', 'nay')))).toEqual({
      status: 409,
      code: 'duplicate-ballot',
    });
  });

  it('for someone else: 403 forbidden', async () => {
    expect(refusal(await act('ada', 'ballot.cast', ballot('ben')))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it('an officer’s act by a member: 403 forbidden', async () => {
    expect(refusal(await act('ben', 'vote.open', { session: S, motion: 'open-one' }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it('a casting vote the charter does not give: 422 charter-rule', async () => {
    expect(
      refusal(await act('ada', 'vote.casting', { session: S, motion: 'open-one', choice: 'aye' })),
    ).toEqual({ status: 422, code: 'charter-rule' });
  });
});

describe('signatures and time', () => {
  it('a bad signature: 401 unauthenticated, and nothing is recorded', async () => {
    const size = ledger.size;
    const signed = signAct('ada', key('ben'), 'ballot.cast', ballot('ada'));
    expect(refusal(await as('ada').post('/api/acts', signed))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    const tampered = signAct('ada', key('ada'), 'ballot.cast', ballot('ada'));
    tampered.payload = { ...tampered.payload, choice: 'nay' };
    expect(refusal(await as('ada').post('/api/acts', tampered))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    expect(ledger.size).toBe(size);
  });

  it('a stale time: 400 invalid-input', async () => {
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    const signed = signAct('ada', key('ada'), 'ballot.cast', ballot('ada'), old);
    const answer = await as('ada').post('/api/acts', signed);
    expect(refusal(answer)).toEqual({ status: 400, code: 'invalid-input' });
    expect(answer.body.error.message).toMatch(/minutes from the server/);
  });

  it('the same signed act twice: 409 conflict', async () => {
    const signed = signAct('sec', key('sec'), 'motion.propose', {
      session: S,
      motion: 'twice',
      text: 'Once only.',
    });
    expect((await as('sec').post('/api/acts', signed)).status).toBe(201);
    const again = await as('sec').post('/api/acts', signed);
    expect(refusal(again)).toEqual({ status: 409, code: 'conflict' });
    expect(again.body.error.message).toMatch(/sent already/);
  });

  it('an accepted act sent again as other JSON of the same act, or through another’s session: refused, nothing recorded', async () => {
    const signed = signAct('sec', key('sec'), 'motion.propose', {
      session: S,
      motion: 'reencoded',
      text: 'Once, «only».',
    });
    expect((await as('sec').post('/api/acts', signed)).status).toBe(201);
    const size = ledger.size;
    // The same act, its fields in another order, spaced, its characters escaped.
    const { session, motion, text } = signed.payload as Record<string, string>;
    const escaped = JSON.stringify(text).replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const body = `{ "sig" : "${signed.sig}", "time":"${signed.time}",\n "payload": { "text": ${escaped}, "motion": "${motion}", "session": "${session}" }, "type": "motion.propose" }`;
    const again = await app.inject({
      method: 'POST',
      url: '/api/acts',
      payload: body,
      headers: {
        'content-type': 'application/json',
        cookie: as('sec').cookie!,
        'x-csrf-token': as('sec').csrf!,
      },
    });
    expect({ status: again.statusCode, code: again.json().error?.code }).toEqual({
      status: 409,
      code: 'conflict',
    });
    // Sent by another member, it is taken as theirs, and the signature is not.
    expect(refusal(await as('ben').post('/api/acts', signed))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    expect(ledger.size).toBe(size);
  });

  it('a time past the skew ahead of the server’s clock: 400 invalid-input', async () => {
    const ahead = new Date(Date.now() + 10 * 60_000).toISOString();
    const signed = signAct('ada', key('ada'), 'ballot.cast', ballot('ada'), ahead);
    const answer = await as('ada').post('/api/acts', signed);
    expect(refusal(answer)).toEqual({ status: 400, code: 'invalid-input' });
    expect(answer.body.error.message).toMatch(/minutes from the server/);
  });

  it('an unsigned act outside demo mode: 400 invalid-input', async () => {
    expect(
      refusal(await as('ada').post('/api/acts', { type: 'ballot.cast', payload: ballot('ada') })),
    ).toEqual({ status: 400, code: 'invalid-input' });
  });

  it('a close signed over a decision that has changed: 409 conflict', async () => {
    await act('sec', 'motion.propose', { session: S, motion: 'changing', text: 'Changing.' });
    await act('sec', 'vote.open', { session: S, motion: 'changing' });
    const closing = await as('sec').get(`/api/sessions/${S}/motions/changing/closing`);
    await act('ada', 'ballot.cast', ballot('ada', 'changing'));
    expect(refusal(await act('sec', 'vote.close', closing.body.payload))).toEqual({
      status: 409,
      code: 'conflict',
    });
  });

  it('a close whose signature verifies over no decision: 401, over the one sent and no longer given: 409', async () => {
    await act('sec', 'motion.propose', { session: S, motion: 'forged-close', text: 'Forged.' });
    await act('sec', 'vote.open', { session: S, motion: 'forged-close' });
    const closing = await as('sec').get(`/api/sessions/${S}/motions/forged-close/closing`);
    const signed = signAct('sec', key('sec'), 'vote.close', closing.body.payload);
    const forged = {
      ...signed,
      sig: signAct('sec', key('ben'), 'vote.close', closing.body.payload).sig,
    };
    expect(refusal(await as('sec').post('/api/acts', forged))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    await act('ada', 'ballot.cast', ballot('ada', 'forged-close'));
    expect(refusal(await as('sec').post('/api/acts', signed))).toEqual({
      status: 409,
      code: 'conflict',
    });
    // Without the decision it signed, a close that changed cannot be told from a forged one.
    const { decision: _signedOver, ...bare } = closing.body.payload;
    expect(refusal(await as('sec').post('/api/acts', { ...signed, payload: bare }))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    expect(ledger.state.motions.get(motionKey(S, 'forged-close'))?.status).toBe('open');
  });

  it('a close by someone who is no officer: 403 forbidden', async () => {
    const closing = await as('sec').get(`/api/sessions/${S}/motions/open-one/closing`);
    expect(refusal(await act('ben', 'vote.close', closing.body.payload))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });
});

describe('sessions, CSRF and logins', () => {
  it('no session: 401 unauthenticated', async () => {
    const stranger = await new Browser(app).visit();
    expect(
      refusal(
        await stranger.post('/api/acts', signAct('ada', key('ada'), 'ballot.cast', ballot('ada'))),
      ),
    ).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    const noCookie = new Browser(app);
    expect(refusal(await noCookie.post('/api/invitations', { person: 'cy' }))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
  });

  it('every route that writes: refused without a session where it needs a person, and without the token whoever sends it, nothing recorded', async () => {
    const doc = (await as('ada').get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(doc.paths)
      .filter(([, methods]) => Object.keys(methods).some((m) => m !== 'get' && m !== 'head'))
      .map(([path]) => path.replace(/\{\w+\}/g, 'ada'));
    expect(writes.length).toBeGreaterThan(8);
    const size = ledger.size;
    const stranger = await new Browser(app).visit();
    for (const path of writes) {
      // No route that writes is open to a request without the cookie's token.
      expect(refusal(await as('ada').post(path, {}, { csrf: false })), path).toEqual({
        status: 403,
        code: 'csrf',
      });
      const anonymous = refusal(await stranger.post(path, {}, { csrf: false }));
      expect([401, 403], path).toContain(anonymous.status);
    }
    expect(ledger.size).toBe(size);
  });

  it('no CSRF header, or another cookie’s: 403 csrf', async () => {
    const signed = signAct('ada', key('ada'), 'ballot.cast', ballot('ada'));
    expect(refusal(await as('ada').post('/api/acts', signed, { csrf: false }))).toEqual({
      status: 403,
      code: 'csrf',
    });
    const other = new Browser(app);
    other.cookie = as('ada').cookie;
    other.csrf = as('ben').csrf;
    expect(refusal(await other.post('/api/acts', signed))).toEqual({ status: 403, code: 'csrf' });
    // As many characters as the token, more bytes: refused like any other wrong token.
    other.csrf = `${as('ada').csrf!.slice(0, -1)}é`;
    expect(refusal(await other.post('/api/acts', signed))).toEqual({ status: 403, code: 'csrf' });
    // A login needs the token too: a page elsewhere cannot sign anyone in.
    expect(refusal(await new Browser(app).post('/api/login/challenge', { person: 'ada' }))).toEqual(
      {
        status: 403,
        code: 'csrf',
      },
    );
  });

  it('a login with a wrong signature, or a challenge used twice: 401 unauthenticated', async () => {
    const b = await new Browser(app).visit();
    const { body } = await b.post('/api/login/challenge', { person: 'ada' });
    const wrong = await b.post('/api/login', {
      person: 'ada',
      challenge: body.challenge,
      signature: signAct('ada', key('ben'), 'x', {}).sig,
    });
    expect(refusal(wrong)).toEqual({ status: 401, code: 'unauthenticated' });
    // The challenge is used up by the failed attempt.
    const again = await b.post('/api/login', {
      person: 'ada',
      challenge: body.challenge,
      signature: signLogin(key('ada'), TEST_ORIGIN, body.challenge),
    });
    expect(refusal(again)).toEqual({ status: 401, code: 'unauthenticated' });
    // Signed for another origin: refused.
    const fresh = await b.post('/api/login/challenge', { person: 'ada' });
    const elsewhere = await b.post('/api/login', {
      person: 'ada',
      challenge: fresh.body.challenge,
      signature: signLogin(key('ada'), 'https://evil.example', fresh.body.challenge),
    });
    expect(refusal(elsewhere)).toEqual({ status: 401, code: 'unauthenticated' });
  });

  it('a login for an unknown person: 404 not-found', async () => {
    const b = await new Browser(app).visit();
    expect(refusal(await b.post('/api/login/challenge', { person: 'nobody' }))).toEqual({
      status: 404,
      code: 'not-found',
    });
  });

  it('too many logins: 429 rate-limited, per address', async () => {
    // A record of its own: the limits are counted in the record's database, for all its servers.
    const own = (await enrolledLedger(PEOPLE)).ledger;
    const limited = testServer({ ledger: own, loginsPerMinute: 3 });
    try {
      const b = await new Browser(limited).visit();
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await b.post('/api/login/challenge', { person: 'ben' })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const last = await b.post('/api/login/challenge', { person: 'ben' });
      expect(refusal(last)).toEqual({ status: 429, code: 'rate-limited' });
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
      await own.store.close();
    }
  });

  it('behind a proxy, logins are counted by the address the proxy saw, not one the client wrote', async () => {
    const own = (await enrolledLedger(PEOPLE)).ledger;
    const limited = testServer({ ledger: own, loginsPerMinute: 3, trustProxy: true });
    try {
      const b = await new Browser(limited).visit();
      const statuses = [];
      // The client writes an address of its choice each time; the proxy appends the one it saw.
      for (let i = 0; i < 4; i++) {
        const answer = await limited.inject({
          method: 'POST',
          url: '/api/login/challenge',
          payload: { person: 'ben' },
          remoteAddress: '127.0.0.1',
          headers: {
            cookie: b.cookie!,
            'x-csrf-token': b.csrf!,
            'x-forwarded-for': `203.0.113.${i}, 192.0.2.66`,
          },
        });
        statuses.push(answer.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
      await own.store.close();
    }
  });

  it('behind two proxies (a CDN, then a balancer), logins are counted by the address the first saw, trusted by their number or their addresses', async () => {
    // The balancer connects from 127.0.0.1; the CDN, at 192.0.2.66, appended what it saw.
    const cdn = '192.0.2.66';
    for (const trustProxy of [2, ['127.0.0.1', '192.0.2.0/24']]) {
      const own = (await enrolledLedger(PEOPLE)).ledger;
      const limited = testServer({ ledger: own, loginsPerMinute: 3, trustProxy });
      try {
        const b = await new Browser(limited).visit();
        const challenge = (forwardedFor: string) =>
          limited.inject({
            method: 'POST',
            url: '/api/login/challenge',
            payload: { person: 'ben' },
            remoteAddress: '127.0.0.1',
            headers: {
              cookie: b.cookie!,
              'x-csrf-token': b.csrf!,
              'x-forwarded-for': forwardedFor,
            },
          });
        const statuses = async (forwardedFor: (i: number) => string) => {
          const answers = [];
          for (let i = 0; i < 4; i++) answers.push((await challenge(forwardedFor(i))).statusCode);
          return answers;
        };
        // Four clients, each once: none is counted at the CDN's address.
        expect(await statuses((i) => `203.0.113.${i}, ${cdn}`)).toEqual([200, 200, 200, 200]);
        // One client, writing an address of its choice each time: counted at its own.
        const written = (i: number) => `198.51.100.${i}, 203.0.113.9, ${cdn}`;
        expect(await statuses(written)).toEqual([200, 200, 200, 429]);
      } finally {
        await limited.close();
        await own.store.close();
      }
    }
  });

  it('acts of one member refused too often: 429 rate-limited for the rest of the minute, theirs only; acts accepted are not counted', async () => {
    const { ledger: own, keys: theirs } = await enrolledLedger(PEOPLE);
    let now = Date.now();
    const limited = testServer({
      ledger: own,
      refusedActsPerMinute: 3,
      clock: () => new Date(now),
    });
    try {
      const signIn = async (p: string) => {
        const b = new Browser(limited);
        expect((await b.loginAs(p, theirs.get(p)!)).status).toBe(200);
        return (type: string, payload: Record<string, unknown>) =>
          b.act(p, theirs.get(p)!, type, payload);
      };
      const [sec, ada] = [await signIn('sec'), await signIn('ada')];
      // Many acts accepted in a row, as a secretary entering minutes sends them.
      for (let i = 0; i < 6; i++)
        expect(
          (await sec('session.open', { session: `s${i}`, body: 'board', mode: 'live' })).status,
        ).toBe(201);
      const opened = { session: 's0', body: 'board', mode: 'live' };
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await sec('session.open', opened)).status);
      expect(statuses).toEqual([409, 409, 409, 429]);
      // Even an act that would be accepted, until the minute is over.
      const next = await sec('session.open', { session: 's6', body: 'board', mode: 'live' });
      expect(refusal(next)).toEqual({ status: 429, code: 'rate-limited' });
      expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
      expect(next.body.error.message).toMatch(
        /more than 3 of your acts were refused within a minute/,
      );
      // Another member acts on.
      expect((await ada('attendance.arrive', { session: 's1', person: 'ada' })).status).toBe(201);
      now += 61_000;
      expect(
        (await sec('session.open', { session: 's6', body: 'board', mode: 'live' })).status,
      ).toBe(201);
    } finally {
      await limited.close();
      await own.store.close();
    }
  });

  it('logins that one address used up keep no one else from signing in: a person is no one’s to lock out', async () => {
    const { ledger: own, keys: theirs } = await enrolledLedger(PEOPLE);
    const limited = testServer({ ledger: own, loginsPerMinute: 3 });
    const from = (remoteAddress: string) => (url: string, payload: object, b: Browser) =>
      limited.inject({
        method: 'POST',
        url,
        payload,
        remoteAddress,
        headers: { cookie: b.cookie!, 'x-csrf-token': b.csrf! },
      });
    try {
      const attacker = from('192.0.2.66');
      const visitor = await new Browser(limited).visit();
      const tries = [];
      for (let i = 0; i < 4; i++)
        tries.push((await attacker('/api/login/challenge', { person: 'ben' }, visitor)).statusCode);
      expect(tries).toEqual([200, 200, 200, 429]);
      // Ben, at his own address, signs in.
      const ben = await new Browser(limited).visit();
      const asBen = from('198.51.100.7');
      const challenge = await asBen('/api/login/challenge', { person: 'ben' }, ben);
      expect(challenge.statusCode, challenge.body).toBe(200);
      const { challenge: c } = challenge.json() as { challenge: string };
      const signature = signLogin(theirs.get('ben')!, TEST_ORIGIN, c);
      const login = await asBen('/api/login', { person: 'ben', challenge: c, signature }, ben);
      expect(login.statusCode, login.body).toBe(200);
    } finally {
      await limited.close();
      await own.store.close();
    }
  });

  it('demo login outside demo mode: 404 not-found', async () => {
    const b = await new Browser(app).visit();
    expect(refusal(await b.post('/api/demo/login', { person: 'ada' }))).toEqual({
      status: 404,
      code: 'not-found',
    });
  });

  it('after logout the session is gone: 401', async () => {
    const b = new Browser(app);
    await b.loginAs('cy', key('cy'));
    // A body it does not know is refused, as on every route, and the session kept.
    expect(refusal(await b.post('/api/logout', { everywhere: true }))).toEqual({
      status: 400,
      code: 'invalid-input',
    });
    expect((await b.get('/api/me')).body.person).toBe('cy');
    const out = await b.post('/api/logout');
    expect(out.status).toBe(200);
    expect(out.body.person).toBeNull();
    b.csrf = out.body.csrf;
    expect(
      refusal(await b.act('cy', key('cy'), 'attendance.arrive', { session: S, person: 'cy' })),
    ).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
  });
});

it('logout takes no body: an empty one said to be JSON is no error', async () => {
  const b = new Browser(app);
  await b.loginAs('ben', key('ben'));
  const out = await app.inject({
    method: 'POST',
    url: '/api/logout',
    headers: { cookie: b.cookie!, 'x-csrf-token': b.csrf!, 'content-type': 'application/json' },
    payload: '',
  });
  expect(out.statusCode, out.body).toBe(200);
  expect(JSON.parse(out.body).person).toBeNull();
});

it('logout takes an empty body of any type, or of none named, as none; text is still refused', async () => {
  const b = new Browser(app);
  await b.loginAs('ben', key('ben'));
  const logout = (type: string | undefined, payload: string) =>
    app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: {
        cookie: b.cookie!,
        'x-csrf-token': b.csrf!,
        ...(type === undefined ? {} : { 'content-type': type }),
      },
      payload,
    });
  const text = await logout('text/plain', 'bye');
  expect(text.statusCode).toBe(415);
  expect(JSON.parse(text.body).error).toEqual({
    code: 'unsupported-media-type',
    message: 'bodies are JSON (application/json)',
  });
  for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/octet-stream']) {
    const out = await logout(type, '');
    expect(out.statusCode, `${type}: ${out.body}`).toBe(200);
  }
  expect(JSON.parse((await logout(undefined, '')).body).person).toBeNull();
  // Revoking (of no one here) answers an empty text body as it answers {}.
  const revoke = (type: string, payload: string) =>
    app.inject({
      method: 'POST',
      url: '/api/people/nobody/revoke',
      headers: { cookie: as('ada').cookie!, 'x-csrf-token': as('ada').csrf!, 'content-type': type },
      payload,
    });
  const [json, empty] = [await revoke('application/json', '{}'), await revoke('text/plain', '')];
  expect([empty.statusCode, empty.body]).toEqual([json.statusCode, json.body]);
  expect(empty.body).not.toContain('bodies are JSON');
});

describe('bad input is a 4xx, never a 500', () => {
  const post = (body: string | Buffer | object, type = 'application/json', more = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/acts',
      headers: {
        cookie: as('ada').cookie!,
        'x-csrf-token': as('ada').csrf!,
        'content-type': type,
        ...more,
      },
      payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
  const code = async (r: Promise<{ statusCode: number; body: string }>) => {
    const answer = await r;
    return { status: answer.statusCode, code: JSON.parse(answer.body).error?.code };
  };

  it('malformed JSON, wrong types, unknown fields, unknown act types: 400 invalid-input', async () => {
    const invalid = { status: 400, code: 'invalid-input' };
    expect(await code(post('{"type": "ballot.cast", '))).toEqual(invalid);
    expect(await code(post({ type: 'ballot.cast', payload: 'aye' }))).toEqual(invalid);
    expect(
      await code(post({ type: 'ballot.cast', payload: { ...ballot('ada'), choice: 7 } })),
    ).toEqual(invalid);
    expect(
      await code(post({ type: 'ballot.cast', payload: { ...ballot('ada'), extra: 1 } })),
    ).toEqual(invalid);
    expect(await code(post({ type: 'no.such', payload: {} }))).toEqual(invalid);
    expect(await code(post({ type: 'charter.adopt', payload: {} }))).toEqual(invalid);
    expect(await code(post({ type: 'ballot.cast', payload: ballot('ada'), sig: 'x' }))).toEqual(
      invalid,
    );
    expect(await code(post('{"__proto__": {"x": 1}}'))).toEqual(invalid);
    expect(await code(post('type=ballot', 'application/x-www-form-urlencoded'))).toEqual({
      status: 415,
      code: 'unsupported-media-type',
    });
    expect(await code(post(''))).toEqual(invalid);
  });

  it('a body that is not UTF-8, or says it is another charset, or names a prototype: told so', async () => {
    const message = async (r: Promise<{ statusCode: number; body: string }>) => {
      const answer = await r;
      const error = JSON.parse(answer.body).error as { code: string; message: string };
      expect(answer.statusCode).toBe(error.code === 'unsupported-media-type' ? 415 : 400);
      return error;
    };
    const act = JSON.stringify({
      type: 'motion.propose',
      payload: { session: S, motion: 'cafe', text: 'café' },
    });
    // é as Latin-1: one byte that is no UTF-8, which would be recorded as U+FFFD.
    const latin1 = Buffer.from(act, 'latin1');
    expect(await message(post(latin1))).toEqual({
      code: 'invalid-input',
      message: 'the body is not UTF-8 text',
    });
    expect(await message(post(act, 'application/json; charset=utf-16'))).toEqual({
      code: 'unsupported-media-type',
      message: 'bodies are JSON in UTF-8, not utf-16',
    });
    // Spelled plainly, with escapes, or as constructor.prototype.
    for (const named of [
      '{"type": "x", "payload": {"__proto__": {"x": 1}}}',
      '{"type": "x", "payload": {"\\u005f_proto__": {"x": 1}}}',
      '{"type": "x", "payload": {"constructor": {"prototype": {"x": 1}}}}',
    ])
      expect(await message(post(named))).toEqual({
        code: 'invalid-input',
        message: 'a body may not name __proto__ or constructor.prototype',
      });
    expect(await message(post(act, 'text/plain'))).toEqual({
      code: 'unsupported-media-type',
      message: 'bodies are JSON (application/json)',
    });
    // JSON that breaks off or goes wrong is told where, not in the parser's generic words.
    expect(await message(post('{"type": "ballot.cast", '))).toEqual({
      code: 'invalid-input',
      message: 'the body is not JSON: expected double-quoted property name at line 1, column 25',
    });
    expect(await message(post('{\n  "type": x\n}'))).toEqual({
      code: 'invalid-input',
      message: "the body is not JSON: unexpected token 'x' at line 2, column 11",
    });
    expect(await message(post(''))).toEqual({
      code: 'invalid-input',
      message: 'the body is empty: bodies are JSON',
    });
    const none = await app.inject({
      method: 'POST',
      url: '/api/acts',
      headers: { cookie: as('ada').cookie!, 'x-csrf-token': as('ada').csrf! },
    });
    expect(await message(Promise.resolve(none))).toEqual({
      code: 'invalid-input',
      message: 'no body was sent: this request takes JSON',
    });
    expect(await message(post('null'))).toMatchObject({
      message: 'body: an object expected, not null',
    });
    expect(await message(post(`\uFEFF${act}`))).toEqual({
      code: 'invalid-input',
      message: 'the body begins with a byte order mark (U+FEFF): JSON is sent without one',
    });
    // A key twice: JSON.parse would keep the last, another reader the first.
    const twice = act.replace('"text":"café"', '"text":"café","text":"tea"');
    expect(await message(post(twice))).toEqual({
      code: 'invalid-input',
      message:
        "the body is refused at line 1, column 89: the key 'text' is given twice in one object (first at line 1, column 75)",
    });
    // Compressed, or said to be: refused by its coding, never recorded as the bytes came.
    const gzipped = (body: string | Buffer, encoding: string) =>
      post(body, 'application/json', { 'content-encoding': encoding });
    expect(await message(gzipped(gzipSync(act), 'gzip'))).toEqual({
      code: 'unsupported-media-type',
      message: 'bodies are sent as they are, not with Content-Encoding gzip',
    });
    expect(await message(gzipped(act, 'identity, BR'))).toEqual({
      code: 'unsupported-media-type',
      message: 'bodies are sent as they are, not with Content-Encoding br',
    });
    const plain = await gzipped(act, 'identity');
    expect(JSON.parse(plain.body).error?.message ?? '').not.toMatch(/Content-Encoding/);
    // UTF-8 said so, in any case, is taken.
    const taken = await post(act, 'application/json; charset=UTF-8');
    expect(JSON.parse(taken.body).error?.message ?? '').not.toMatch(/UTF-8|charset/);
  });

  it('an oversized body: 413 too-large', async () => {
    const text = 'x'.repeat(200_000);
    expect(
      await code(post({ type: 'motion.propose', payload: { session: S, motion: 'big', text } })),
    ).toEqual({
      status: 413,
      code: 'too-large',
    });
  });

  it('a query parameter given twice: told so, not that its value is of the wrong kind', async () => {
    for (const [url, field] of [
      ['/api/dispatches?state=open&state=closed', 'querystring.state'],
      ['/api/log?from=0&limit=1&limit=2', 'querystring.limit'],
      ['/api/circulations?q=a&q=b&q=c', 'querystring.q'],
    ] as const) {
      const answer = await as('ada').get(url);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toEqual({
        code: 'invalid-input',
        message: `${field}: given ${url.split(`${field.split('.')[1]}=`).length - 1} times: a parameter is given once`,
        field,
      });
    }
  });

  it('a question named by anything but ids: 400, the name shown escaped, never echoed as sent', async () => {
    for (const [url, field, shown] of [
      ['/api/question?name=a%00', 'querystring.name', '"a\\u0000"'],
      ['/api/question?name=s%2F%E2%80%AEm', 'querystring.name', '"s/\\u202em"'],
      ['/api/instruments?question=Dispatch-1', 'querystring.question', '"Dispatch-1"'],
    ] as const) {
      const answer = await as('ada').get(url);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toEqual({
        code: 'invalid-input',
        message: `${field} ${shown}: a dispatch id, a circulation id or SESSION/MOTION, of ids: lowercase letters, digits, ".", "_" or "-"`,
        field,
      });
    }
  });

  it('unknown ids: 404 not-found', async () => {
    const missing = { status: 404, code: 'not-found' };
    expect(
      refusal(await act('ada', 'attendance.arrive', { session: 'nope', person: 'ada' })),
    ).toEqual(missing);
    expect(refusal(await act('ada', 'ballot.cast', ballot('ada', 'nope')))).toEqual(missing);
    const b = as('ada');
    for (const url of [
      '/api/sessions/nope',
      `/api/sessions/${S}/motions/nope`,
      `/api/sessions/nope/motions/open-one/closing`,
      '/api/invitations/no-such-token',
      '/api/proofs/inclusion/99999',
      '/api/bundle?session=nope',
      '/api/no-such-route',
    ])
      expect(refusal(await b.get(url)), url).toEqual(missing);
    expect(refusal(await b.post('/api/no-such-route', {}))).toEqual(missing);
    expect(refusal(await b.post('/api/invitations/lookup', { token: 'no-such-token' }))).toEqual(
      missing,
    );
    expect(refusal(await b.post('/api/people/nobody/revoke', {}))).toEqual(missing);
  });

  it('bad parameters: 400 invalid-input', async () => {
    const invalid = { status: 400, code: 'invalid-input' };
    const b = as('ada');
    for (const url of [
      '/api/proofs/inclusion/abc',
      '/api/log?limit=501',
      '/api/log?from=-1',
      '/api/proofs/consistency',
      '/api/sessions/Not%20An%20Id',
      '/api/bundle?session=x&from=1',
      '/api/events?lastEventId=x',
      // A query a route does not take, whether it takes one or none.
      '/api/log?x=1',
      '/api/me?x=1',
      '/api/circulations/c1?x=1',
      // Refused by the router itself, before any route: the same answer all the same.
      '/api/sessions/%E0%A4%A',
      '/%FF',
    ])
      expect(refusal(await b.get(url)), url).toEqual(invalid);
    // (A GET of such a path is the web app's, whose paths are any: a 404 from there.)
    const long = await b.post(`/api/people/${'x'.repeat(5000)}/revoke`, {});
    expect(refusal(long)).toEqual(invalid);
    expect(long.body.error.message).toBe(
      'a part of the path is longer than any id (100 characters)',
    );
  });
});
