/**
 * `collegium serve` instances as processes on one PostgreSQL database, under faults: one is
 * SIGKILLed in the middle of a vote and its voters go on through the others; the database goes
 * away and comes back while ballots are being written; the command line records beside them.
 * In every case each acknowledged ballot is in the record exactly once and the audit passes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { attendance, openSession, openVote, proposeMotion } from '../../src/app/proceedings.js';
import { toBase64 } from '../../src/core/bytes.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { decodeEntry } from '../../src/record/entry.js';
import { cli } from '../support/cli.js';
import { PostgresProxy, throughProxy } from '../support/postgres-proxy.js';
import { postgresBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { serveProcess } from '../server/process.js';
import type { ServeProcess } from '../server/process.js';
import { Browser, enrolledLedger, signAct, assemblyCharter, votersOf } from '../server/support.js';
import type { Answer } from '../server/support.js';

const N = 36;
const voters = votersOf(N);
const CHARTER = assemblyCharter(voters);
const S = 's';
const M = 'm';

let handle: StoreHandle;
/** The codes of the 503 answers the devices met. */
const unavailable: string[] = [];
let keys: Map<string, KeyPair>;
const running: ServeProcess[] = [];

beforeEach(async () => {
  handle = await postgresBackend.fresh();
  const made = await enrolledLedger(
    ['sec', ...voters],
    CHARTER,
    await handle.open({ create: true }),
  );
  keys = made.keys;
  made.ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
  await made.ledger.append([
    openSession({ session: S, body: 'assembly' }),
    ...voters.map((v) => attendance('arrive', S, v, 'sec')),
    proposeMotion({ session: S, motion: M, text: 'Yes?' }),
    openVote(S, M),
  ]);
  await made.ledger.store.close();
}, 60_000);

afterEach(async () => {
  unavailable.length = 0;
  for (const serve of running.splice(0)) if (serve.running()) await serve.stop();
  await handle.dispose();
});

/** An instance on `db`, listening; its base URL. */
async function instance(db = handle.location): Promise<{ serve: ServeProcess; base: string }> {
  const data = mkdtempSync(join(tmpdir(), 'collegium-instance-'));
  const serve = serveProcess([
    '--port',
    '0',
    '--db',
    db,
    '--data',
    data,
    '--logins-per-minute',
    '100000',
  ]);
  running.push(serve);
  // Started from the sources: on a busy machine compiling them takes a while.
  return { serve, base: (await serve.url(90_000)).replace(/\/$/, '') };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A voter's device: it signs its ballot once, sends it to its own instance, and on a connection
 * that fails or a 503 sends the same signed ballot to the next one (signing in there first if
 * needed). A 409 to a ballot sent again means the first sending was recorded after all.
 */
class Device {
  private readonly browsers = new Map<string, Browser>();
  readonly ballot: ReturnType<typeof signAct>;

  constructor(readonly voter: string) {
    this.ballot = signAct(voter, keys.get(voter)!, 'ballot.cast', {
      session: S,
      motion: M,
      voter,
      choice: 'aye',
    });
  }

  async cast(bases: () => readonly string[], first: number): Promise<{ entry?: number }> {
    let resent = false;
    for (let attempt = 0; attempt < 60; attempt++) {
      const live = bases();
      const base = live[(first + attempt) % live.length]!;
      let answer: Answer;
      try {
        const signedIn = await this.on(base);
        answer =
          signedIn instanceof Browser ? await signedIn.post('/api/acts', this.ballot) : signedIn;
      } catch (error) {
        // Only a connection that failed (the instance is gone) is met here; anything else is a bug.
        if (!(error instanceof TypeError && error.message === 'fetch failed')) throw error;
        // The next instance, after a pause (without one, every attempt is spent within the outage).
        resent = true;
        await pause(100);
        continue;
      }
      if (answer.status === 201) return { entry: answer.body.entry as number };
      if (answer.status === 409 && resent) return {};
      if (answer.status === 503) {
        unavailable.push(answer.body?.error?.code);
        resent = true;
        await pause(250);
        continue;
      }
      throw new Error(`${this.voter}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    throw new Error(`${this.voter}: no instance took the ballot`);
  }

  /** The device signed in on `base`, or the answer that refused its sign-in. */
  private async on(base: string): Promise<Browser | Answer> {
    let browser = this.browsers.get(base);
    if (!browser) {
      browser = new Browser(base);
      const login = await browser.loginAs(this.voter, keys.get(this.voter)!, base);
      if (login.status !== 200) return login;
      this.browsers.set(base, browser);
    }
    return browser;
  }
}

/** Sends the devices' ballots `parallel` at a time; `between` runs once half are answered. */
async function castAll(
  devices: readonly Device[],
  bases: () => readonly string[],
  between: () => Promise<void>,
): Promise<Map<string, number>> {
  const acknowledged = new Map<string, number>();
  let next = 0;
  let fault: Promise<void> | undefined;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < devices.length) {
        const i = next++;
        if (i === devices.length / 2) fault = between();
        if (i > devices.length / 2) await fault;
        const { entry } = await devices[i]!.cast(bases, i);
        if (entry !== undefined) acknowledged.set(devices[i]!.voter, entry);
      }
    }),
  );
  return acknowledged;
}

/** Each voter's ballot once in the record, where its receipt says; the audit passes. */
async function expectEachBallotOnce(acknowledged: ReadonlyMap<string, number>): Promise<void> {
  const store = await handle.open({ create: false });
  const found = new Map<string, number[]>();
  for await (const stored of store.entries(0, await store.size())) {
    const entry = decodeEntry(stored.bytes);
    if (entry.type !== 'ballot.cast') continue;
    const voter = (entry.payload as { voter: string }).voter;
    found.set(voter, [...(found.get(voter) ?? []), stored.index]);
  }
  expect([...found.keys()].sort()).toEqual(voters);
  for (const [voter, entries] of found) expect(entries, voter).toHaveLength(1);
  for (const [voter, entry] of acknowledged) expect(found.get(voter)).toEqual([entry]);
  expect(await audit(store)).toMatchObject({ ok: true });
}

/** The secretary, signed in on instance `base`. */
async function secretaryOn(base: string): Promise<Browser> {
  const sec = new Browser(base);
  expect((await sec.loginAs('sec', keys.get('sec')!, base)).status).toBe(200);
  return sec;
}

/** How many have voted, as instance `base` sees it (the secretary's view of the open vote). */
async function votedAt(base: string): Promise<number> {
  const motion = await (await secretaryOn(base)).get(`/api/sessions/${S}/motions/${M}`);
  return (motion.body.voted as string[]).length;
}

describe('instances as processes on one PostgreSQL database', () => {
  it('an instance SIGKILLed in the middle of a vote: its voters go on through the others, nothing acknowledged is lost', async () => {
    const instances = await Promise.all([instance(), instance(), instance()]);
    const live = () => instances.filter((i) => i.serve.running()).map((i) => i.base);
    const devices = voters.map((v) => new Device(v));
    const acknowledged = await castAll(devices, live, async () => {
      instances[0]!.serve.child.kill('SIGKILL');
      await instances[0]!.serve.exited;
    });
    expect(acknowledged.size).toBeGreaterThan(N / 2);
    await expectEachBallotOnce(acknowledged);
    // The two left have followed each other's ballots.
    for (const base of live()) await expect.poll(() => votedAt(base), { timeout: 5000 }).toBe(N);
  }, 240_000);

  it('PostgreSQL goes away during writes: clear 503s, then both instances recover without a restart', async () => {
    const proxy = new PostgresProxy();
    const port = await proxy.listen();
    try {
      const db = throughProxy(handle.location, port, {
        application_name: `collegium-instances-${randomBytes(4).toString('hex')}`,
        connect_timeout: '1',
        statement_timeout: '1000',
        query_timeout: '1500',
      });
      const instances = await Promise.all([instance(db), instance(db)]);
      const bases = () => instances.map((i) => i.base);
      const devices = voters.map((v) => new Device(v));
      const acknowledged = await castAll(devices, bases, async () => {
        proxy.set('down');
        const ready = await fetch(`${instances[0]!.base}/api/ready`);
        expect(ready.status).toBe(503);
        await pause(1500);
        proxy.set('forward');
      });
      // While it was away, ballots were answered 503 database-unavailable (and sent again).
      expect(unavailable.length).toBeGreaterThan(0);
      expect(new Set(unavailable)).toEqual(new Set(['database-unavailable']));
      await expectEachBallotOnce(acknowledged);
      for (const { base } of instances)
        await expect.poll(() => votedAt(base), { timeout: 8000 }).toBe(N);
      for (const { serve } of instances) expect(serve.running()).toBe(true);
    } finally {
      for (const serve of running.splice(0)) if (serve.running()) await serve.stop();
      await proxy.close();
    }
  }, 240_000);

  it('the command line records while the instances take ballots: no conflict, both follow it', async () => {
    const instances = await Promise.all([instance(), instance()]);
    const bases = () => instances.map((i) => i.base);
    const keyFile = join(mkdtempSync(join(tmpdir(), 'collegium-key-')), 'sec.key');
    const pair = keys.get('sec')!;
    writeFileSync(
      keyFile,
      JSON.stringify({
        type: 'collegium-ed25519-private-key',
        publicKey: `ed25519:${toBase64(pair.publicKey)}`,
        privateKey: toBase64(pair.privateKey),
      }),
      { mode: 0o600 },
    );
    const devices = voters.map((v) => new Device(v));
    const acknowledged = await castAll(devices, bases, async () => {
      const opened = await cli(
        'session',
        'open',
        's2',
        '--body',
        'assembly',
        '--db',
        handle.location,
        '--key',
        keyFile,
      );
      expect(opened.code, opened.err).toBe(0);
    });
    expect(acknowledged.size).toBe(N);
    await expectEachBallotOnce(acknowledged);
    for (const { base } of instances)
      await expect
        .poll(async () => (await (await secretaryOn(base)).get('/api/sessions/s2')).status, {
          timeout: 5000,
        })
        .toBe(200);
  }, 240_000);
});
