/**
 * Instruments signed and settled through several `collegium serve` instances on one PostgreSQL
 * database: signatures given at different instances at once, one instance SIGKILLed among them;
 * a key revoked on one instance while its holder signs on another; a receipt settled from two
 * instances at once. Each acknowledged signature is in the record once, in a chain the record
 * proves (the audit replays it); nothing is signed with a key after its revocation; one
 * settlement wins and the other is a conflict.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { draftInstrument, issueInstrument, signInstrument } from '../../src/app/instruments.js';
import { toBase64 } from '../../src/core/bytes.js';
import { assemblyCharter, refusal, signAct, votersOf } from '../server/support.js';
import type { Answer } from '../server/support.js';
import { Cluster, connectionFailed, pause } from './cluster.js';

const voters = votersOf(12);
const signing = voters.slice(0, 10);
const CHARTER = assemblyCharter(
  voters,
  `    instruments:
      resolution: { signers: { at-least: 8, of: members }, order: any, rests-on: none }
      receipt: { signers: { at-least: 1, of: [officers] }, rests-on: none }
record: { read: public }`,
);
const R = 'assembly-1';
const RECEIPT = 'assembly-2';

let cluster: Cluster;
afterEach(async () => cluster?.dispose());

async function record(): Promise<Cluster> {
  return Cluster.create(['sec', ...voters], CHARTER, async (ledger, keys) => {
    ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
    const maxBytes = 1024;
    await ledger.append([
      draftInstrument(
        { instrument: R, number: '1', body: 'assembly', kind: 'resolution', text: 'Resolved.' },
        { maxBytes },
      ),
      draftInstrument(
        {
          instrument: RECEIPT,
          number: '2',
          body: 'assembly',
          kind: 'receipt',
          text: 'Received 120 EUR.',
          amount: { value: 120, unit: 'EUR' },
          from: 'v11',
        },
        { maxBytes },
      ),
      signInstrument(RECEIPT, 'sec'),
      issueInstrument(RECEIPT),
    ]);
  });
}

/** `member` signs the resolution as `base` shows it; sent to `base`. */
async function signOn(member: string, base: string) {
  const view = (await (await cluster.as(member, base)).get(`/api/instruments/${R}`)).body;
  return signAct(member, cluster.keys.get(member)!, 'instrument.sign', {
    instrument: R,
    content: view.content,
    after: view.nextAfter,
  });
}

/**
 * The member's device: it signs the resolution as its instance shows it and sends the signature;
 * a signature another overtook (409 conflict) is made again over the instrument read again; a
 * connection that fails sends the same signature to the next instance, where a 409 means it was
 * recorded after all. Answers the entry acknowledged, if any.
 */
async function signThrough(
  member: string,
  live: () => readonly string[],
  first: number,
): Promise<number | undefined> {
  let resent = false;
  let signed: ReturnType<typeof signAct> | undefined;
  for (let attempt = 0; attempt < 200; attempt++) {
    const bases = live();
    const base = bases[(first + attempt) % bases.length]!;
    let answer: Answer;
    try {
      signed ??= await signOn(member, base);
      answer = await (await cluster.as(member, base)).post('/api/acts', signed);
    } catch (error) {
      if (!connectionFailed(error)) throw error;
      cluster.forget(member, base);
      resent = signed !== undefined;
      await pause(100);
      continue;
    }
    if (answer.status === 201) return answer.body.entry as number;
    const { code } = refusal(answer);
    if (resent && (code === 'duplicate-signature' || answer.body.error.message.includes('already')))
      return undefined;
    if (code !== 'conflict') throw new Error(`${member}: ${JSON.stringify(answer.body)}`);
    // Overtaken: sign again what the record now holds.
    signed = undefined;
    resent = false;
    await pause(20 + Math.random() * 60);
  }
  throw new Error(`${member}: never signed`);
}

describe('instruments on instances sharing one PostgreSQL database', () => {
  it('signatures given at three instances at once, one SIGKILLed: each once, in a chain the record proves', async () => {
    cluster = await record();
    const instances = await Promise.all([1, 2, 3].map(() => cluster.instance()));
    for (const { base } of instances)
      await Promise.all(signing.map((member) => cluster.as(member, base)));
    const live = () => instances.filter((i) => i.serve.running()).map((i) => i.base);
    const acknowledged = new Map<string, number>();
    const killing = pause(300).then(async () => {
      instances[0]!.serve.child.kill('SIGKILL');
      await instances[0]!.serve.exited;
    });
    await Promise.all(
      signing.map(async (member, i) => {
        const entry = await signThrough(member, live, i);
        if (entry !== undefined) acknowledged.set(member, entry);
      }),
    );
    await killing;

    const signs = (await cluster.entries()).filter((e) => e.type === 'instrument.sign');
    const resolution = signs.filter((e) => (e.payload as { instrument: string }).instrument === R);
    const signers = resolution.map((e) => e.actor);
    expect([...signers].sort()).toEqual(signing);
    for (const [member, entry] of acknowledged)
      expect(resolution.find((e) => e.actor === member)?.index).toBe(entry);
    // Each instance left shows them in the record's order.
    for (const base of live())
      await expect
        .poll(
          async () =>
            (
              (await (await fetch(`${base}/api/instruments/${R}`)).json()).signatures as {
                signer: string;
              }[]
            ).map((s) => s.signer),
          { timeout: 5000 },
        )
        .toEqual(signers);
    const store = await cluster.handle.open({ create: false });
    expect(await audit(store)).toMatchObject({ ok: true });
  }, 180_000);

  it('a key revoked on one instance while its holder signs on the other: no signature after the revocation, the session ends on both', async () => {
    cluster = await record();
    const [a, b] = await Promise.all([cluster.instance(), cluster.instance()]);
    const holders = ['v10', 'v11'];
    for (const member of holders) for (const { base } of [a, b]) await cluster.as(member, base);
    const sec = await cluster.as('sec', b.base);
    await Promise.all(
      holders.map(async (member, i) => {
        const key = toBase64(cluster.keys.get(member)!.publicKey);
        const revoke = signAct('sec', cluster.keys.get('sec')!, 'member.revoke', {
          person: member,
          key,
        });
        // One holder's signature goes a little before the revocation, the other's a little after.
        const signed = await signOn(member, a.base);
        const [signature, revoked] = await Promise.all([
          pause(i * 15).then(async () =>
            (await cluster.as(member, a.base)).post('/api/acts', signed),
          ),
          sec.post(`/api/people/${member}/revoke`, { key, time: revoke.time, sig: revoke.sig }),
        ]);
        expect(revoked.status, JSON.stringify(revoked.body)).toBe(201);
        if (signature.status !== 201)
          expect([401, 403, 409], JSON.stringify(signature.body)).toContain(signature.status);
        const entries = await cluster.entries();
        const sign = entries.find((e) => e.type === 'instrument.sign' && e.actor === member);
        expect(sign?.index).toBe(signature.status === 201 ? signature.body.entry : undefined);
        if (sign) expect(sign.index).toBeLessThan(revoked.body.entry);
        // Signed out on both instances: the key that signed the session in is revoked.
        for (const { base } of [a, b])
          await expect
            .poll(async () => (await (await cluster.as(member, base)).get('/api/me')).body.person, {
              timeout: 5000,
            })
            .toBeNull();
      }),
    );
    const store = await cluster.handle.open({ create: false });
    expect(await audit(store)).toMatchObject({ ok: true });
  }, 180_000);

  it('a receipt settled from two instances at once: one settlement, the other a conflict', async () => {
    cluster = await record();
    const [a, b] = await Promise.all([cluster.instance(), cluster.instance()]);
    const onA = await cluster.as('sec', a.base);
    const onB = await cluster.as('sec', b.base);
    const settle = (note: string) =>
      signAct('sec', cluster.keys.get('sec')!, 'instrument.settle', { instrument: RECEIPT, note });
    const answers = await Promise.all([
      onA.post('/api/acts', settle('Paid in cash.')),
      onB.post('/api/acts', settle('Paid by transfer.')),
    ]);
    expect(answers.map((x) => x.status).sort()).toEqual([201, 409]);
    const lost = answers.find((x) => x.status === 409)!;
    expect(lost.body.error).toEqual({
      code: 'conflict',
      message: expect.stringContaining('settled already'),
    });
    const settles = (await cluster.entries()).filter((e) => e.type === 'instrument.settle');
    expect(settles).toHaveLength(1);
    for (const { base } of [a, b])
      await expect
        .poll(
          async () => (await (await fetch(`${base}/api/instruments/${RECEIPT}`)).json()).status,
          {
            timeout: 5000,
          },
        )
        .toBe('settled');
  }, 180_000);
});
