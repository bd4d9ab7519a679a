/**
 * Keys and sign-ins through several `collegium serve` instances on one PostgreSQL database: an
 * invitation made on one instance is looked up and redeemed on another, once, though two devices
 * redeem it at two instances at once; one that expired is refused on every instance; a login
 * limit counts across instances; a sign-out on one instance ends the session on the other.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenHash } from '../../src/app/enrolment.js';
import { toBase64 } from '../../src/core/bytes.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import { PostgresProxy, throughProxy } from '../support/postgres-proxy.js';
import {
  assemblyCharter,
  Browser,
  newToken,
  refusal,
  signAct,
  signLogin,
} from '../server/support.js';
import { Cluster, pause } from './cluster.js';

const CHARTER = assemblyCharter(['ann', 'bob', 'cat'], 'record: { read: public }');

let cluster: Cluster;
afterEach(async () => cluster?.dispose());

/** The secretary invites `person` on `base`, signing on their device; answers the token. */
async function invite(base: string, person: string, expiresInMs: number): Promise<string> {
  const token = newToken();
  const expires = new Date(Date.now() + expiresInMs).toISOString();
  const act = signAct('sec', cluster.keys.get('sec')!, 'member.invite', {
    person,
    token: tokenHash(token),
    expires,
  });
  const sec = await cluster.as('sec', base);
  const answer = await sec.post('/api/invitations', {
    person,
    token,
    expires,
    time: act.time,
    sig: act.sig,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return token;
}

/** A new device of `person` redeems `token` on `base`. */
async function enrol(base: string, person: string, token: string) {
  const device = generateKeyPair();
  const act = signAct(person, device, 'member.enrol', {
    person,
    key: toBase64(device.publicKey),
    invitation: tokenHash(token),
  });
  const browser = await new Browser(base).visit();
  return { device, browser, answer: await browser.post('/api/enrol', { token, act }) };
}

const lookup = async (base: string, token: string) =>
  (await new Browser(base).visit()).post('/api/invitations/lookup', { token });

describe('keys and sign-ins on instances sharing one PostgreSQL database', () => {
  it('an invitation redeemed at two instances at once enrols one key; an expired one is refused on both', async () => {
    cluster = await Cluster.create(['sec', 'ann', 'bob'], CHARTER);
    const [a, b] = await Promise.all([cluster.instance(), cluster.instance()]);
    const token = await invite(a.base, 'cat', 60_000);
    await expect.poll(async () => (await lookup(b.base, token)).status).toBe(200);
    const [onA, onB] = await Promise.all([
      enrol(a.base, 'cat', token),
      enrol(b.base, 'cat', token),
    ]);
    const won = [onA, onB].filter((e) => e.answer.status === 201);
    expect(won).toHaveLength(1);
    const lost = [onA, onB].find((e) => e.answer.status !== 201)!;
    expect(lost.answer.status, JSON.stringify(lost.answer.body)).toBeLessThan(500);
    expect(lost.answer.body.error.message).toMatch(/used/);
    const enrols = (await cluster.entries()).filter(
      (e) => e.type === 'member.enrol' && e.actor === 'cat',
    );
    expect(enrols).toHaveLength(1);
    // The key that won signs in on either instance; the other was never enrolled.
    for (const { base } of [a, b]) {
      expect((await new Browser(base).loginAs('cat', won[0]!.device, base)).status).toBe(200);
      const other = await new Browser(base).loginAs('cat', lost.device, base);
      expect(refusal(other)).toEqual({ status: 401, code: 'unauthenticated' });
      expect((await lookup(base, token)).status).toBe(404);
    }

    const brief = await invite(b.base, 'cat', 2_000);
    await pause(2_500);
    for (const { base } of [a, b]) {
      const looked = await lookup(base, brief);
      expect(looked.status).toBe(404);
      expect(looked.body.error.message).toMatch(/expired/);
      const late = await enrol(base, 'cat', brief);
      expect(refusal(late.answer).status, JSON.stringify(late.answer.body)).toBe(403);
      expect(late.answer.body.error.message).toMatch(/expired/);
    }
    const all = await cluster.entries();
    expect(all.filter((e) => e.type === 'member.enrol' && e.actor === 'cat')).toHaveLength(1);
  }, 120_000);

  it('a login limit counts across instances; a sign-out on one ends the session on the other', async () => {
    cluster = await Cluster.create(['sec', 'ann'], CHARTER);
    const limited = ['--logins-per-minute', '3'];
    const [a, b] = await Promise.all([
      cluster.instance(undefined, ...limited),
      cluster.instance(undefined, ...limited),
    ]);
    // Signed in on A (a challenge A gave, answered on B); the same cookie serves on both.
    const onA = await new Browser(a.base).visit();
    const challenge = (await onA.post('/api/login/challenge', { person: 'ann' })).body.challenge;
    const onB = Object.assign(new Browser(b.base), { cookie: onA.cookie, csrf: onA.csrf });
    const login = await onB.post('/api/login', {
      person: 'ann',
      challenge,
      signature: signLogin(cluster.keys.get('ann')!, b.base, challenge),
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const cookie = onB.cookie;
    const sameOnA = Object.assign(new Browser(a.base), { cookie, csrf: onB.csrf });
    expect((await sameOnA.get('/api/me')).body.person).toBe('ann');
    expect((await onB.get('/api/me')).body.person).toBe('ann');
    expect((await sameOnA.post('/api/logout')).status).toBe(200);
    const after = Object.assign(new Browser(b.base), { cookie });
    await expect
      .poll(async () => (await after.get('/api/me')).body.person, { timeout: 3000 })
      .toBeNull();

    // Three challenges a minute from one address in all, not three on each: one was given above.
    const statuses: number[] = [];
    for (const { base } of [b, a, b]) {
      const browser = await new Browser(base).visit();
      statuses.push((await browser.post('/api/login/challenge', { person: 'sec' })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  }, 120_000);

  it('a sign-out whose connection is lost midway leaves the session ended on both instances or on neither', async () => {
    cluster = await Cluster.create(['sec', 'ann'], CHARTER);
    const proxies = [new PostgresProxy(), new PostgresProxy()];
    try {
      const [a, b] = await Promise.all(
        proxies.map(async (proxy) =>
          cluster.instance(
            throughProxy(cluster.handle.location, await proxy.listen(), {
              application_name: `collegium-sign-out-${randomBytes(4).toString('hex')}`,
              connect_timeout: '1',
              statement_timeout: '1000',
              query_timeout: '1500',
            }),
          ),
        ),
      );
      const onA = await cluster.as('ann', a!.base);
      const onB = Object.assign(new Browser(b!.base), { cookie: onA.cookie, csrf: onA.csrf });
      const signedIn = async () => [
        (await onA.get('/api/me')).body.person,
        (await onB.get('/api/me')).body.person,
      ];
      // B has read the session, and keeps it until it is told it ended.
      expect(await signedIn()).toEqual(['ann', 'ann']);
      const cut = proxies[0]!.cutAt('pg_notify');
      const out = await onA.post('/api/logout');
      await cut;
      expect(out.status).toBe(503);
      await pause(1500);
      const [onInstanceA, onInstanceB] = await signedIn();
      expect(onInstanceB).toBe(onInstanceA);
      // Sent again, it ends the session on both.
      expect((await onA.post('/api/logout')).status).toBe(200);
      await expect.poll(signedIn, { timeout: 3000 }).toEqual([null, null]);
    } finally {
      for (const proxy of proxies) await proxy.close();
    }
  }, 120_000);
});
