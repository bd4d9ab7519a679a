/**
 * Every request of between meetings, sent to a `collegium serve` instance while its PostgreSQL
 * database is away (its connections cut) or hangs (its connections frozen): each is answered as
 * JSON, a 503 `database-unavailable` with Retry-After where it needs the database, never a 500;
 * nothing is written meanwhile; and once the database is back the same requests succeed, without
 * a restart.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenHash } from '../../src/app/enrolment.js';
import { putCirculation } from '../../src/app/circulations.js';
import { draftInstrument, issueInstrument, signInstrument } from '../../src/app/instruments.js';
import { toBase64 } from '../../src/core/bytes.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import { PostgresProxy, throughProxy } from '../support/postgres-proxy.js';
import { assemblyCharter, Browser, newToken, signAct, signLogin } from '../server/support.js';
import type { Answer } from '../server/support.js';
import { Cluster } from './cluster.js';
import type { Instance } from './cluster.js';

const voters = ['ann', 'bob', 'cat'];
const CHARTER = assemblyCharter(
  voters,
  `    circulation: { rule: { majority: votes-cast } }
    instruments:
      receipt: { signers: { at-least: 1, of: [officers] }, rests-on: none }
      resolution: { signers: { at-least: 2, of: members }, order: any, rests-on: none }
record: { read: public }`,
);

let cluster: Cluster;
let proxy: PostgresProxy;
afterEach(async () => {
  await cluster?.dispose();
  await proxy?.close();
});

async function record(): Promise<Cluster> {
  return Cluster.create(['sec', ...voters], CHARTER, async (ledger, keys) => {
    ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
    const deadline = new Date(Date.now() + 86_400_000).toISOString();
    const maxBytes = 1024;
    await ledger.append([
      putCirculation({ circulation: 'q', body: 'assembly', text: 'Shall we?', deadline }),
      draftInstrument(
        { instrument: 'r', number: '1', body: 'assembly', kind: 'resolution', text: 'Resolved.' },
        { maxBytes },
      ),
      draftInstrument(
        {
          ...{ instrument: 'rc', number: '2', body: 'assembly', kind: 'receipt' },
          ...{ text: 'Received.', amount: { value: 5, unit: 'EUR' }, from: 'cat' },
        },
        { maxBytes },
      ),
      signInstrument('rc', 'sec'),
      issueInstrument('rc'),
    ]);
  });
}

/** The requests of between meetings, each made anew (fresh signatures) every time it is asked. */
function requests(base: string): Record<string, () => Promise<Answer>> {
  const key = (p: string) => cluster.keys.get(p)!;
  const act = (person: string, type: string, payload: Record<string, unknown>) => async () =>
    (await cluster.as(person, base)).post('/api/acts', signAct(person, key(person), type, payload));
  const token = newToken();
  const device = generateKeyPair();
  const expires = new Date(Date.now() + 3_600_000).toISOString();
  const invitation = signAct('sec', key('sec'), 'member.invite', {
    person: 'cat',
    token: tokenHash(token),
    expires,
  });
  return {
    answer: act('ann', 'circulation.answer', { circulation: 'q', member: 'ann', choice: 'aye' }),
    dispatch: act('sec', 'dispatch.register', {
      ...{ dispatch: `d-${randomBytes(3).toString('hex')}`, body: 'assembly', number: '9' },
      ...{
        from: 'A neighbour',
        channel: 'letter',
        received: new Date().toISOString().slice(0, 10),
      },
      text: 'A letter.',
    }),
    sign: async () => {
      const view = (await (await cluster.as('bob', base)).get('/api/instruments/r')).body;
      return act('bob', 'instrument.sign', {
        instrument: 'r',
        content: view.content,
        after: view.nextAfter,
      })();
    },
    settle: act('sec', 'instrument.settle', { instrument: 'rc', note: 'Paid.' }),
    invite: async () =>
      (await cluster.as('sec', base)).post('/api/invitations', {
        ...{ person: 'cat', token, expires },
        ...{ time: invitation.time, sig: invitation.sig },
      }),
    lookup: async () =>
      (await new Browser(base).visit()).post('/api/invitations/lookup', { token }),
    enrol: async () =>
      (await new Browser(base).visit()).post('/api/enrol', {
        token,
        act: signAct('cat', device, 'member.enrol', {
          person: 'cat',
          key: toBase64(device.publicKey),
          invitation: tokenHash(token),
        }),
      }),
    challenge: async () =>
      (await new Browser(base).visit()).post('/api/login/challenge', { person: 'bob' }),
    me: async () => (await cluster.as('ann', base)).get('/api/me'),
    circulation: async () => (await cluster.as('ann', base)).get('/api/circulations/q'),
    queue: async () => (await cluster.as('bob', base)).get('/api/queue'),
  };
}

/** Signs in `person` on `base` through a challenge: answers the login's answer. */
async function login(person: string, base: string): Promise<Answer> {
  const browser = await new Browser(base).visit();
  const asked = await browser.post('/api/login/challenge', { person });
  if (asked.status !== 200) return asked;
  return browser.post('/api/login', {
    person,
    challenge: asked.body.challenge,
    signature: signLogin(cluster.keys.get(person)!, base, asked.body.challenge),
  });
}

/** Each answer is JSON; a refusal by the server is a 503 database-unavailable, never a 500. */
function expectUnavailableOrServed(answers: Record<string, Answer>): string[] {
  const unavailable: string[] = [];
  for (const [name, answer] of Object.entries(answers)) {
    expect(typeof answer.body, `${name}: ${String(answer.body)}`).toBe('object');
    expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).not.toBe(500);
    if (answer.status >= 500) {
      expect(answer.status, name).toBe(503);
      expect(answer.body.error.code, name).toBe('database-unavailable');
      expect(answer.headers['retry-after'], name).toBeDefined();
      unavailable.push(name);
    }
  }
  return unavailable;
}

async function ask(instance: Instance): Promise<Record<string, Answer>> {
  const answers: Record<string, Answer> = {};
  for (const [name, request] of Object.entries(requests(instance.base)))
    answers[name] = await request();
  answers['login'] = await login('bob', instance.base);
  answers['logout'] = await (await cluster.as('cat', instance.base)).post('/api/logout');
  return answers;
}

describe('between meetings, the database away', () => {
  for (const mode of ['down', 'stall'] as const) {
    it(`(${mode}): every request is a 503 JSON or served, nothing is written, all succeed once it is back`, async () => {
      cluster = await record();
      proxy = new PostgresProxy();
      const port = await proxy.listen();
      const db = throughProxy(cluster.handle.location, port, {
        application_name: `collegium-outage-${randomBytes(4).toString('hex')}`,
        connect_timeout: '1',
        statement_timeout: '1000',
        query_timeout: '1500',
      });
      const instance = await cluster.instance(db);
      for (const person of ['sec', ...voters]) await cluster.as(person, instance.base);
      const before = (await cluster.entries()).length;

      proxy.set(mode);
      const during = await ask(instance);
      const unavailable = expectUnavailableOrServed(during);
      // Everything that writes, or signs in, waits for the database.
      for (const name of ['answer', 'dispatch', 'settle', 'invite', 'enrol', 'login', 'logout'])
        expect(unavailable, name).toContain(name);
      proxy.set('forward');
      expect((await cluster.entries()).length).toBe(before);

      await expect
        .poll(async () => (await fetch(`${instance.base}/api/ready`)).status, { timeout: 10_000 })
        .toBe(200);
      const after = await ask(instance);
      for (const [name, answer] of Object.entries(after))
        expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      expect(instance.serve.running()).toBe(true);
    }, 120_000);
  }

  it('an answer whose commit was made but never acknowledged by the database is answered with its receipt', async () => {
    cluster = await record();
    proxy = new PostgresProxy();
    const db = throughProxy(cluster.handle.location, await proxy.listen(), {
      application_name: `collegium-commit-lost-${randomBytes(4).toString('hex')}`,
      connect_timeout: '1',
      statement_timeout: '1000',
      query_timeout: '1500',
    });
    const instance = await cluster.instance(db);
    const ann = await cluster.as('ann', instance.base);
    const signed = signAct('ann', cluster.keys.get('ann')!, 'circulation.answer', {
      circulation: 'q',
      member: 'ann',
      choice: 'aye',
    });
    const frozen = proxy.freezeAfter('commit\u0000');
    const answer = await ann.post('/api/acts', signed);
    await frozen;
    const recorded = (await cluster.entries()).filter((e) => e.type === 'circulation.answer');
    expect(recorded).toHaveLength(1);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.entry).toBe(recorded[0]!.index);
  }, 120_000);
});
