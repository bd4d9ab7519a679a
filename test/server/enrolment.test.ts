/**
 * Keys through the API: a member holds several (one per device), signs in with one of them and
 * signs with that one; a lost key is revoked by any officer (or by the member from another device),
 * which ends the sessions it opened; a new key is added from an invitation, never replacing
 * another. A refused enrolment leaves the invitation open, in the server's memory as in the record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dayInWords } from '../../src/core/minutes/words.js';
import { enrolMember } from '../../src/app/enrolment.js';
import { Ledger } from '../../src/app/ledger.js';
import { toBase64, toHex } from '../../src/core/bytes.js';
import { leafHash } from '../../src/record/merkle.js';
import { parseCharter } from '../../src/core/charter/index.js';
import { personKeys } from '../../src/core/state/index.js';
import { randomBytes } from 'node:crypto';
import { generateKeyPair, keyPairFromSeed } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { StoreUnavailable } from '../../src/store/types.js';
import type { RecordStore } from '../../src/store/types.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  Browser,
  enrolledLedger,
  newLedger,
  newToken,
  refusal,
  signAct,
  signLogin,
  TEST_CHARTER,
  TEST_ORIGIN,
  testServer,
  tokenHash,
} from './support.js';

const handles: StoreHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.dispose();
});

const b64 = (pair: KeyPair) => toBase64(pair.publicKey);

/** Makes the next session kept in `store` fail, once armed, as a database gone away does. */
function sessionsFailing(store: RecordStore): { failNext: () => void } {
  const shared = store.webSessions();
  const put = shared.putSession.bind(shared);
  let failing = false;
  shared.putSession = async (session) => {
    if (!failing) return put(session);
    failing = false;
    throw new StoreUnavailable(new Error('Connection terminated unexpectedly'));
  };
  store.webSessions = () => shared;
  return { failNext: () => void (failing = true) };
}

/** A record on `backend` in which the secretary and ben have keys of their own. */
async function record(backend: (typeof BACKENDS)[number]) {
  const handle = await backend.fresh();
  handles.push(handle);
  const parsed = parseCharter(TEST_CHARTER);
  if (!parsed.ok) throw new Error('invalid charter');
  const keys = { sec: generateKeyPair(), ben: generateKeyPair() };
  const ledger = await Ledger.create(await handle.open(), parsed.json, {}, [
    enrolMember('ben', b64(keys.ben)),
    enrolMember('sec', b64(keys.sec)),
  ]);
  return { handle, ledger, keys };
}

/** `who`'s device invites `person` (an officer, or a member themself): the token it made. */
async function invite(browser: Browser, who: string, pair: KeyPair, person: string) {
  const token = newToken();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const signed = signAct(who, pair, 'member.invite', { person, token: tokenHash(token), expires });
  const answer = await browser.post('/api/invitations', {
    person,
    token,
    expires,
    time: signed.time,
    sig: signed.sig,
  });
  return { answer, token };
}

/** The enrolment act of `pair` for `person` on the invitation `token`. */
function enrolment(person: string, pair: KeyPair, token: string, extra = {}) {
  const payload = { person, key: b64(pair), invitation: tokenHash(token), ...extra };
  return { token, act: signAct(person, pair, 'member.enrol', payload) };
}

describe.each(BACKENDS)('keys through the API ($name)', (backend) => {
  it('a lost key: revoked by an officer, its session ends; a new key is added from an invitation', async () => {
    const { handle, ledger, keys } = await record(backend);
    const app = testServer({ ledger });
    try {
      const sec = new Browser(app);
      expect((await sec.loginAs('sec', keys.sec)).status).toBe(200);
      // Ben's old device, still signed in with the key he has lost.
      const old = new Browser(app);
      expect((await old.loginAs('ben', keys.ben)).body).toMatchObject({
        person: 'ben',
        key: b64(keys.ben),
        keys: [b64(keys.ben)],
      });

      const revoked = await sec.act('sec', keys.sec, 'member.revoke', {
        person: 'ben',
        key: b64(keys.ben),
      });
      expect(revoked.status).toBe(201);
      // The session of that key has ended: its acts are refused, and it is signed out.
      const session = { session: 's1', body: 'board', mode: 'live' };
      expect(refusal(await old.act('ben', keys.ben, 'session.open', session))).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
      expect((await old.get('/api/me')).body).toMatchObject({ person: null, key: null, keys: [] });

      const { answer, token } = await invite(sec, 'sec', keys.sec, 'ben');
      expect(answer.status).toBe(201);
      // Ben's new browser: the invitation names the keys he holds (none now). Its token travels
      // in a body only: no route takes it in a URL, where proxies and logs keep URLs.
      const ben = await new Browser(app).visit();
      expect(refusal(await ben.get(`/api/invitations/${token}`))).toEqual({
        status: 404,
        code: 'not-found',
      });
      const shown = await ben.post('/api/invitations/lookup', { token });
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ person: 'ben', keys: [] });
      expect(shown.body.key).toBeUndefined();

      // A refused enrolment (it names a key to replace that he does not hold) leaves it open.
      const fresh = generateKeyPair();
      const refused = await ben.post(
        '/api/enrol',
        enrolment('ben', fresh, token, { replaces: b64(generateKeyPair()) }),
      );
      expect(refusal(refused)).toEqual({ status: 409, code: 'conflict' });
      expect((await ben.post('/api/invitations/lookup', { token })).status).toBe(200);
      // The lost key cannot come back.
      expect(refusal(await ben.post('/api/enrol', enrolment('ben', keys.ben, token)))).toEqual({
        status: 409,
        code: 'conflict',
      });

      expect((await ben.post('/api/enrol', enrolment('ben', fresh, token))).status).toBe(201);
      expect((await ben.get('/api/me')).body).toMatchObject({
        person: 'ben',
        key: b64(fresh),
        keys: [b64(fresh)],
      });
      // The new key signs his acts.
      const open = { session: 's1', body: 'board', mode: 'live' };
      expect((await sec.act('sec', keys.sec, 'session.open', open)).status).toBe(201);
      const arrived = await ben.act('ben', fresh, 'attendance.arrive', {
        session: 's1',
        person: 'ben',
      });
      expect(arrived.status).toBe(201);
      const entry = (await sec.get(`/api/log?from=${arrived.body.entry}&limit=1`)).body.entries[0];
      expect(entry.entry).toMatchObject({ signer: 'ben', key: b64(fresh) });
      expect(refusal(await ben.post('/api/invitations/lookup', { token }))).toEqual({
        status: 404,
        code: 'not-found',
      });

      // What the server holds in memory is what the record says.
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect([...ledger.state.invitations]).toEqual([...reopened.state.invitations]);
      expect(ledger.state.enrolled).toEqual(reopened.state.enrolled);
      expect(ledger.state.revoked).toEqual(reopened.state.revoked);
    } finally {
      await app.close();
    }
  });

  it('a member adds a device: each signs in with its own key and signs with it', async () => {
    const { ledger, keys } = await record(backend);
    const app = testServer({ ledger });
    try {
      const laptop = new Browser(app);
      expect((await laptop.loginAs('ben', keys.ben)).status).toBe(200);
      // He invites himself, signing with the key he holds; the link is opened on his phone.
      const { answer, token } = await invite(laptop, 'ben', keys.ben, 'ben');
      expect(answer.status).toBe(201);
      const phone = await new Browser(app).visit();
      expect((await phone.post('/api/invitations/lookup', { token })).body.keys).toEqual([
        b64(keys.ben),
      ]);
      const second = generateKeyPair();
      expect((await phone.post('/api/enrol', enrolment('ben', second, token))).status).toBe(201);
      const both = [b64(second), b64(keys.ben)];
      expect((await phone.get('/api/me')).body).toMatchObject({ key: b64(second), keys: both });
      expect((await laptop.get('/api/me')).body).toMatchObject({ key: b64(keys.ben), keys: both });
      const org = (await laptop.get('/api/organization')).body;
      expect(org.people.find((p: { id: string }) => p.id === 'ben')).toMatchObject({
        key: b64(second),
        keys: both,
      });

      // Each device signs with its own key; one signing with the other's is refused.
      const sec = new Browser(app);
      await sec.loginAs('sec', keys.sec);
      const S = 'devices';
      expect(
        (
          await sec.act('sec', keys.sec, 'session.open', {
            session: S,
            body: 'board',
            mode: 'live',
          })
        ).status,
      ).toBe(201);
      const arrive = { session: S, person: 'ben' };
      expect(refusal(await laptop.act('ben', second, 'attendance.arrive', arrive))).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
      const fromLaptop = await laptop.act('ben', keys.ben, 'attendance.arrive', arrive);
      expect(fromLaptop.status).toBe(201);
      const fromPhone = await phone.act('ben', second, 'attendance.depart', arrive);
      expect(fromPhone.status).toBe(201);
      const log = (await sec.get(`/api/log?from=${fromLaptop.body.entry}&limit=2`)).body.entries;
      expect(log.map((e: { entry: { key: string } }) => e.entry.key)).toEqual([
        b64(keys.ben),
        b64(second),
      ]);

      // A login names the key it proves once there are several.
      const c = await new Browser(app).visit();
      const { body } = await c.post('/api/login/challenge', { person: 'ben' });
      const signature = signLogin(second, TEST_ORIGIN, body.challenge);
      const unnamed = await c.post('/api/login', {
        person: 'ben',
        challenge: body.challenge,
        signature,
      });
      expect(refusal(unnamed)).toEqual({ status: 400, code: 'invalid-input' });
      expect(unnamed.body.error.message).toMatch(/holds 2 keys: name the one/);
      const again = await c.post('/api/login/challenge', { person: 'ben' });
      const otherKey = await c.post('/api/login', {
        person: 'ben',
        challenge: again.body.challenge,
        signature: signLogin(keys.sec, TEST_ORIGIN, again.body.challenge),
        key: b64(keys.sec),
      });
      expect(refusal(otherKey)).toEqual({ status: 401, code: 'unauthenticated' });
      // Said of the person by name, with what to do: the sign-in page shows it as it is.
      expect(otherKey.body.error.message).toBe(
        "this key is not one of Ben Member's (revoked, or never enrolled): sign in from another device of theirs, or ask an officer for an invitation and open it on this one",
      );

      // Revoking: the key is named when there are several, and must be one of his.
      expect(refusal(await laptop.post('/api/people/ben/revoke', {}))).toEqual({
        status: 400,
        code: 'invalid-input',
      });
      expect(refusal(await laptop.post('/api/people/ben/revoke', { key: b64(keys.sec) }))).toEqual({
        status: 409,
        code: 'conflict',
      });
      // He gives up the laptop's key from his phone: the laptop is signed out, the phone is not.
      const given = signAct('ben', second, 'member.revoke', { person: 'ben', key: b64(keys.ben) });
      const revoke = await phone.post('/api/people/ben/revoke', {
        key: b64(keys.ben),
        time: given.time,
        sig: given.sig,
      });
      expect(revoke.status).toBe(201);
      expect(refusal(await laptop.act('ben', keys.ben, 'attendance.arrive', arrive))).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
      expect((await phone.act('ben', second, 'attendance.arrive', arrive)).status).toBe(201);
      expect((await phone.get('/api/me')).body.keys).toEqual([b64(second)]);

      // A member invites only themself: another person is an officer's to invite.
      const { answer: other } = await invite(phone, 'ben', second, 'cy');
      expect(refusal(other)).toEqual({ status: 403, code: 'forbidden' });
    } finally {
      await app.close();
    }
  });

  it('an enrolment recorded whose answer was lost: sent again, signed afresh with its key, it signs the person in', async () => {
    const { ledger, keys } = await record(backend);
    const sessions = sessionsFailing(ledger.store);
    const app = testServer({ ledger });
    try {
      const sec = new Browser(app);
      expect((await sec.loginAs('sec', keys.sec)).status).toBe(200);
      const { token } = await invite(sec, 'sec', keys.sec, 'cy');
      const device = generateKeyPair();
      const first = enrolment('cy', device, token);
      // Recorded; then the database goes away before the session is kept: 503.
      const cy = await new Browser(app).visit();
      sessions.failNext();
      const lost = await cy.post('/api/enrol', first);
      expect(refusal(lost)).toEqual({ status: 503, code: 'database-unavailable' });
      expect(personKeys(ledger.state, 'cy')).toEqual([b64(device)]);
      const entry = ledger.state.keysEnrolled.get(b64(device))!.index;

      // The same signed act again proves nothing (the log shows it to its readers): refused.
      const resent = await cy.post('/api/enrol', first);
      expect(refusal(resent)).toEqual({ status: 409, code: 'conflict' });
      expect((await cy.get('/api/me')).body.person).toBeNull();
      // Nor does the act signed with another key, or with the key for another payload.
      const other = await cy.post('/api/enrol', enrolment('cy', generateKeyPair(), token));
      expect(refusal(other)).toEqual({ status: 403, code: 'forbidden' });
      const differs = enrolment('cy', device, token, { replaces: b64(keys.ben) });
      expect(refusal(await cy.post('/api/enrol', differs))).toEqual({
        status: 403,
        code: 'forbidden',
      });
      expect((await cy.get('/api/me')).body.person).toBeNull();

      // Signed again with the key enrolled: the recorded entry's receipt, and signed in with it.
      const again = await cy.post('/api/enrol', enrolment('cy', device, token));
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ entry, type: 'member.enrol' });
      const log = (await sec.get(`/api/log?from=${entry}&limit=1`)).body.entries[0];
      expect(again.body.leafHash).toBe(toHex(leafHash(Buffer.from(log.leaf, 'base64'))));
      expect(log.entry).toMatchObject({ type: 'member.enrol', key: b64(device) });
      expect((await cy.get('/api/me')).body).toMatchObject({ person: 'cy', key: b64(device) });
      const open = { session: 'after', body: 'board', mode: 'live' };
      expect((await sec.act('sec', keys.sec, 'session.open', open)).status).toBe(201);
      const arrive = { session: 'after', person: 'cy' };
      expect((await cy.act('cy', device, 'attendance.arrive', arrive)).status).toBe(201);
      // Recorded once.
      expect(personKeys(ledger.state, 'cy')).toEqual([b64(device)]);
    } finally {
      await app.close();
    }
  });
});

/** The board with a treasurer among its officers, besides its chair and its secretary. */
const OFFICERS_CHARTER = TEST_CHARTER.replace(
  '    secretary: sec\n',
  '    secretary: sec\n    officers: [cy]\n',
);

describe('any officer enrols and revokes', () => {
  it('the chair and an officer the charter names invite and revoke; a member does not', async () => {
    const { ledger, keys } = await enrolledLedger(['ada', 'ben', 'cy', 'sec'], OFFICERS_CHARTER);
    const app = testServer({ ledger });
    try {
      const cy = new Browser(app);
      expect((await cy.loginAs('cy', keys.get('cy')!)).body.roles).toEqual([
        { body: 'board', role: 'officer' },
        { body: 'board', role: 'member' },
      ]);
      const { answer } = await invite(cy, 'cy', keys.get('cy')!, 'cand');
      expect(answer.status).toBe(201);
      expect(answer.body.url).toBe(`${TEST_ORIGIN}/enrol#${answer.body.token}`);

      // Ben, a member only, may neither invite nor revoke another's key.
      const member = new Browser(app);
      await member.loginAs('ben', keys.get('ben')!);
      const { answer: refused } = await invite(member, 'ben', keys.get('ben')!, 'cand');
      expect(refusal(refused)).toEqual({ status: 403, code: 'forbidden' });
      const cyKey = b64(keys.get('cy')!);
      const notHis = signAct('ben', keys.get('ben')!, 'member.revoke', {
        person: 'cy',
        key: cyKey,
      });
      expect(
        refusal(await member.post('/api/people/cy/revoke', { time: notHis.time, sig: notHis.sig })),
      ).toEqual({ status: 403, code: 'forbidden' });

      const ada = new Browser(app);
      await ada.loginAs('ada', keys.get('ada')!);
      const ben = b64(keys.get('ben')!);
      const signed = signAct('ada', keys.get('ada')!, 'member.revoke', { person: 'ben', key: ben });
      const revoked = await ada.post('/api/people/ben/revoke', {
        time: signed.time,
        sig: signed.sig,
      });
      expect(revoked.status).toBe(201);
      const org = (await ada.get('/api/organization')).body;
      expect(org.people.find((p: { id: string }) => p.id === 'ben')).toMatchObject({
        key: null,
        keys: [],
      });
      expect(org.bodies[0].officers).toEqual(['cy']);
      // Ben's session, of the key revoked, has ended.
      expect((await member.get('/api/me')).body.person).toBeNull();
    } finally {
      await app.close();
    }
  });
});

describe('a revocation’s body, whose fields are all optional', () => {
  it('may be left out, or sent empty: it stands for {}', async () => {
    const seeds = new Map(['ben', 'cy', 'sec'].map((p) => [p, randomBytes(32)] as const));
    // The registrar, sec, last: until they have a key, the custodial key signs for them.
    const ledger = await newLedger(TEST_CHARTER, () =>
      [...seeds].map(([p, seed]) => enrolMember(p, toBase64(keyPairFromSeed(seed).publicKey))),
    );
    const app = testServer({ ledger, demo: { keys: seeds } });
    try {
      const b = await new Browser(app).visit();
      expect((await b.post('/api/demo/login', { person: 'sec' })).status).toBe(200);
      // The server signs in demo mode: each of these revokes the person's one key.
      for (const [person, headers] of [
        ['ben', {}],
        ['cy', { 'content-type': 'application/json' }],
      ] as const) {
        const answer = await app.inject({
          method: 'POST',
          url: `/api/people/${person}/revoke`,
          headers: { cookie: b.cookie!, 'x-csrf-token': b.csrf!, ...headers },
          payload: '',
        });
        expect(answer.statusCode, answer.body).toBe(201);
        expect(personKeys(ledger.state, person)).toEqual([]);
      }
    } finally {
      await app.close();
      await ledger.store.close();
    }
  });
});

describe('an invitation that cannot be used', () => {
  it('says it expired, and on which day, that it was used, and on which day, or that there is none', async () => {
    const { ledger, keys } = await enrolledLedger(['sec', 'ben', 'cy']);
    let now = Date.now();
    const app = testServer({ ledger, clock: () => new Date(now) });
    try {
      const sec = new Browser(app);
      await sec.loginAs('sec', keys.get('sec')!);
      const { answer, token } = await invite(sec, 'sec', keys.get('sec')!, 'cy');
      expect(answer.status).toBe(201);
      const day = (answer.body.expires as string).slice(0, 10);
      const visitor = await new Browser(app).visit();
      expect((await visitor.post('/api/invitations/lookup', { token })).status).toBe(200);

      now += 2 * 86_400_000;
      const expired = await visitor.post('/api/invitations/lookup', { token });
      expect(expired.body.error).toMatchObject({
        code: 'not-found',
        message: `the invitation expired on ${dayInWords(day)}`,
      });
      const unknown = await visitor.post('/api/invitations/lookup', { token: newToken() });
      expect(unknown.body.error).toMatchObject({
        code: 'not-found',
        message: 'no invitation with that token',
      });

      // Used, it says so, and a second enrolment on it is refused in the same words.
      now = Date.now();
      const again = await invite(sec, 'sec', keys.get('sec')!, 'cy');
      const cy = await new Browser(app).visit();
      const enrolled = await cy.post('/api/enrol', enrolment('cy', generateKeyPair(), again.token));
      expect(enrolled.status).toBe(201);
      const today = new Date(now).toISOString().slice(0, 10);
      const used = `the invitation was used on ${dayInWords(today)}: it enrols one key`;
      const lookup = await visitor.post('/api/invitations/lookup', { token: again.token });
      expect(lookup.body.error).toMatchObject({
        code: 'not-found',
        message: used,
      });
      const second = await cy.post('/api/enrol', enrolment('cy', generateKeyPair(), again.token));
      expect(second.body.error).toMatchObject({ code: 'forbidden', message: used });
    } finally {
      await app.close();
    }
  });
});
