/**
 * What the record accepts, it accepts once, and only what it has written: a signed act replayed
 * (even after a restart) is refused, and an act whose write failed leaves no trace, in the store
 * or in memory, so that the member's retry is recorded. On SQLite and on PostgreSQL.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { Ledger } from '../../src/app/ledger.js';
import { toBase64 } from '../../src/core/bytes.js';
import { motionKey } from '../../src/core/state/index.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import type { AppendBatch, RecordStore } from '../../src/store/index.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import type { Answer } from './support.js';
import {
  Browser,
  enrolledLedger,
  INSTRUMENT_CHARTER,
  newToken,
  refusal,
  signAct,
  testServer,
  tokenHash,
} from './support.js';

/** The test board, issuing instruments, its chair given a casting vote. */
const CHARTER = INSTRUMENT_CHARTER.replace(
  'majority: votes-cast',
  'majority: votes-cast\n    casting-vote: true',
);
const S = 'meeting';

/**
 * A real store that fails on demand: `outage` fails every call, as when the database is gone
 * (reads too, so nothing can be read back to undo a change); `write` fails an append inside its
 * transaction, after its entries and accepted acts were inserted (the checkpoint's note is null).
 */
function failing(store: RecordStore): RecordStore & { mode: 'up' | 'outage' | 'write' } {
  const control = { mode: 'up' as 'up' | 'outage' | 'write' };
  const guard = <T>(call: () => T): T => {
    if (control.mode === 'outage') throw new Error('Connection terminated unexpectedly');
    return call();
  };
  const broken = (batch: AppendBatch): AppendBatch =>
    control.mode === 'write' && batch.checkpoint
      ? { ...batch, checkpoint: { size: batch.checkpoint.size, note: null as never } }
      : batch;
  return Object.assign(control, {
    kind: store.kind,
    size: () => guard(() => store.size()),
    clock: () => guard(() => store.clock()),
    checkSchema: () => guard(() => store.checkSchema()),
    writeFailure: () => store.writeFailure(),
    entries: (from: number, to: number) => guard(() => store.entries(from, to)),
    entryPages: (from: number, to: number) => guard(() => store.entryPages(from, to)),
    append: (size: number, batch: AppendBatch) => guard(() => store.append(size, broken(batch))),
    appendAfter: (known: number, build: Parameters<RecordStore['appendAfter']>[1]) =>
      guard(() =>
        store.appendAfter(known, async (log) => {
          const batch = await build(log);
          return batch && broken(batch);
        }),
      ),
    watch: (wake: () => void) => guard(() => store.watch(wake)),
    acceptedAmong: (acts: Parameters<RecordStore['acceptedAmong']>[0]) =>
      guard(() => store.acceptedAmong(acts)),
    node: (level: number, index: number) => guard(() => store.node(level, index)),
    nodes: (addresses: Parameters<RecordStore['nodes']>[0]) => guard(() => store.nodes(addresses)),
    level: (level: number, from: number, to: number) => guard(() => store.level(level, from, to)),
    levelPages: (level: number, from: number, to: number) =>
      guard(() => store.levelPages(level, from, to)),
    checkpoint: (size?: number) => guard(() => store.checkpoint(size)),
    checkpoints: () => guard(() => store.checkpoints()),
    addCosignature: (c: Parameters<RecordStore['addCosignature']>[0]) =>
      guard(() => store.addCosignature(c)),
    cosignatures: (size: number) => guard(() => store.cosignatures(size)),
    cosignedSizes: () => guard(() => store.cosignedSizes()),
    attachment: (hash: string) => guard(() => store.attachment(hash)),
    attachments: () => guard(() => store.attachments()),
    secrets: () => guard(() => store.secrets()),
    secret: (name: string) => guard(() => store.secret(name)),
    accepted: () => guard(() => store.accepted()),
    forgetAccepted: (time: number) => guard(() => store.forgetAccepted(time)),
    webSessions: () => store.webSessions(),
    create: (...args: Parameters<RecordStore['create']>) => guard(() => store.create(...args)),
    readOnly: store.readOnly,
    snapshot: (size?: number) => guard(() => store.snapshot(size)),
    snapshotSizes: () => guard(() => store.snapshotSizes()),
    snapshotParts: (hashes: readonly Uint8Array[]) => guard(() => store.snapshotParts(hashes)),
    putSnapshot: (...args: Parameters<RecordStore['putSnapshot']>) =>
      guard(() => store.putSnapshot(...args)),
    dropSnapshot: (size: number) => guard(() => store.dropSnapshot(size)),
    close: () => store.close(),
  });
}

/** Signs in each person with their key: their browsers. */
async function browsersOf(
  app: FastifyInstance,
  keys: Map<string, KeyPair>,
): Promise<Map<string, Browser>> {
  const browsers = new Map<string, Browser>();
  for (const [person, pair] of keys) {
    const b = new Browser(app);
    expect((await b.loginAs(person, pair)).status).toBe(200);
    browsers.set(person, b);
  }
  return browsers;
}

for (const backend of BACKENDS) {
  describe(`on ${backend.name}`, () => {
    let handle: StoreHandle;
    const closing: (() => Promise<unknown>)[] = [];

    beforeEach(async () => {
      handle = await backend.fresh();
    });

    afterEach(async () => {
      for (const close of closing.splice(0).reverse()) await close();
      await handle.dispose();
    });

    async function serve(ledger: Ledger): Promise<FastifyInstance> {
      const app = testServer({ ledger });
      closing.push(() => app.close());
      return app;
    }

    it('accepts a signed act once, ever: replayed after a restart it is refused', async () => {
      const store = await handle.open({ create: true });
      const { ledger, keys } = await enrolledLedger(['sec', 'ada'], CHARTER, store);
      let browsers = await browsersOf(await serve(ledger), keys);
      const send = (p: string, body: unknown) => browsers.get(p)!.post('/api/acts', body);
      const presence = { session: S, person: 'ada' };
      expect(
        (
          await send(
            'sec',
            signAct('sec', keys.get('sec')!, 'session.open', {
              session: S,
              body: 'board',
              mode: 'live',
            }),
          )
        ).status,
      ).toBe(201);
      const arrival = signAct('ada', keys.get('ada')!, 'attendance.arrive', presence);
      expect((await send('ada', arrival)).status).toBe(201);
      expect(
        (await send('ada', signAct('ada', keys.get('ada')!, 'attendance.depart', presence))).status,
      ).toBe(201);
      expect(refusal(await send('ada', arrival))).toEqual({ status: 409, code: 'conflict' });

      // The server stops and starts again over the same record; the captured arrival comes back.
      for (const close of closing.splice(0)) await close();
      await store.close();
      const reopened = await Ledger.open(await handle.open({ create: false }));
      browsers = await browsersOf(await serve(reopened), keys);
      const replayed = await send('ada', arrival);
      expect(refusal(replayed)).toEqual({ status: 409, code: 'conflict' });
      expect(replayed.body.error.message).toMatch(/sent already/);
      expect(reopened.state.sessions.get(S)!.present.has('ada')).toBe(false);
      expect((await handle.dump())['accepted']).toHaveLength(3);
      expect((await audit(reopened.store)).ok).toBe(true);
      await reopened.store.close();
    });

    it('remembers only the acts it recorded: not a forged one, not one the charter refused', async () => {
      const store = await handle.open({ create: true });
      const { ledger, keys } = await enrolledLedger(['sec', 'ada', 'ben'], CHARTER, store);
      const browsers = await browsersOf(await serve(ledger), keys);
      const send = (p: string, body: unknown) => browsers.get(p)!.post('/api/acts', body);
      const presence = { session: S, person: 'ada' };
      expect(
        (
          await send(
            'sec',
            signAct('sec', keys.get('sec')!, 'session.open', {
              session: S,
              body: 'board',
              mode: 'live',
            }),
          )
        ).status,
      ).toBe(201);
      const before = (await handle.dump())['accepted'];
      // Signed with another's key: it does not verify.
      expect(
        refusal(await send('ada', signAct('ada', keys.get('ben')!, 'attendance.arrive', presence))),
      ).toEqual({ status: 401, code: 'unauthenticated' });
      // Signed rightly, but ada is not present yet: the charter refuses it.
      const departure = signAct('ada', keys.get('ada')!, 'attendance.depart', presence);
      expect(refusal(await send('ada', departure))).toEqual({ status: 409, code: 'conflict' });
      expect((await handle.dump())['accepted']).toEqual(before);
      // Once she is present, the very same departure is recorded.
      expect(
        (await send('ada', signAct('ada', keys.get('ada')!, 'attendance.arrive', presence))).status,
      ).toBe(201);
      expect((await send('ada', departure)).status).toBe(201);
    });

    it('leaves no trace of an act whose write failed, for every act type; the retry is recorded', async () => {
      const store = failing(await handle.open({ create: true }));
      const { ledger, keys } = await enrolledLedger(['sec', 'ada', 'ben'], CHARTER, store);
      const app = await serve(ledger);
      const browsers = await browsersOf(app, keys);
      const as = (p: string) => browsers.get(p)!;
      const signed = (p: string, type: string, payload: Record<string, unknown>) => {
        const body = signAct(p, keys.get(p)!, type, payload);
        return () => as(p).post('/api/acts', body);
      };

      /** Sends the request while the store fails each way, then while it works. */
      async function failThenRecord(name: string, send: () => Promise<Answer>): Promise<Answer> {
        for (const mode of ['outage', 'write'] as const) {
          const dump = await handle.dump();
          const state = structuredClone(ledger.state);
          store.mode = mode;
          const failed = await send();
          store.mode = 'up';
          expect(
            failed.status,
            `${name} (${mode}): ${JSON.stringify(failed.body)}`,
          ).toBeGreaterThanOrEqual(500);
          expect(await handle.dump(), `${name} (${mode})`).toEqual(dump);
          expect(ledger.state, `${name} (${mode})`).toEqual(state);
        }
        const recorded = await send();
        expect(recorded.status, `${name}: ${JSON.stringify(recorded.body)}`).toBe(201);
        return recorded;
      }

      // member.invite, signed on the secretary's device; member.enrol, by the invited member.
      const token = newToken();
      const expires = new Date(Date.now() + 86_400_000).toISOString();
      const invitation = signAct('sec', keys.get('sec')!, 'member.invite', {
        person: 'cy',
        token: tokenHash(token),
        expires,
      });
      await failThenRecord('member.invite', () =>
        as('sec').post('/api/invitations', {
          person: 'cy',
          token,
          expires,
          time: invitation.time,
          sig: invitation.sig,
        }),
      );
      const cy = generateKeyPair();
      keys.set('cy', cy);
      const enrolment = signAct('cy', cy, 'member.enrol', {
        person: 'cy',
        key: toBase64(cy.publicKey),
        invitation: tokenHash(token),
      });
      const visitor = await new Browser(app).visit();
      await failThenRecord('member.enrol', () =>
        visitor.post('/api/enrol', { token, act: enrolment }),
      );
      browsers.set('cy', visitor);

      await failThenRecord(
        'session.open',
        signed('sec', 'session.open', { session: S, body: 'board', mode: 'live' }),
      );
      for (const p of ['ada', 'ben', 'cy'])
        await failThenRecord(
          'attendance.arrive',
          signed(p, 'attendance.arrive', { session: S, person: p }),
        );
      await failThenRecord(
        'motion.propose',
        signed('sec', 'motion.propose', { session: S, motion: 'm', text: 'Yes?' }),
      );
      await failThenRecord('vote.open', signed('sec', 'vote.open', { session: S, motion: 'm' }));
      await failThenRecord(
        'ballot.cast',
        signed('ada', 'ballot.cast', { session: S, motion: 'm', voter: 'ada', choice: 'aye' }),
      );
      await failThenRecord(
        'ballot.cast',
        signed('ben', 'ballot.cast', { session: S, motion: 'm', voter: 'ben', choice: 'nay' }),
      );
      await failThenRecord(
        'vote.casting',
        signed('ada', 'vote.casting', { session: S, motion: 'm', choice: 'aye' }),
      );
      const closingOf = async (motion: string) =>
        (await as('sec').get(`/api/sessions/${S}/motions/${motion}/closing`)).body.payload;
      await failThenRecord('vote.close', signed('sec', 'vote.close', await closingOf('m')));
      expect(ledger.state.motions.get(motionKey(S, 'm'))!.decision!.outcome).toBe('adopted');
      await failThenRecord(
        'motion.propose',
        signed('sec', 'motion.propose', { session: S, motion: 'n', text: 'No?' }),
      );
      await failThenRecord('vote.open', signed('sec', 'vote.open', { session: S, motion: 'n' }));
      await failThenRecord(
        'vote.count',
        signed('sec', 'vote.count', { session: S, motion: 'n', counts: { aye: 1, nay: 2 } }),
      );
      await failThenRecord('vote.close', signed('sec', 'vote.close', await closingOf('n')));
      await instrumentActs(failThenRecord, keys, as);
      await failThenRecord(
        'attendance.depart',
        signed('ben', 'attendance.depart', { session: S, person: 'ben' }),
      );
      await failThenRecord('session.close', signed('sec', 'session.close', { session: S }));
      const revocation = signAct('sec', keys.get('sec')!, 'member.revoke', {
        person: 'ben',
        key: toBase64(keys.get('ben')!.publicKey),
      });
      await failThenRecord('member.revoke', () =>
        as('sec').post('/api/people/ben/revoke', { time: revocation.time, sig: revocation.sig }),
      );

      expect((await audit(store)).ok).toBe(true);
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect(reopened.state).toEqual(ledger.state);
      await reopened.store.close();
    });
  });
}

/**
 * An order on the adopted motion drafted with its file (stored in the entry's transaction), signed
 * by each member in turn over what the view gives, and issued: each write failing first.
 */
async function instrumentActs(
  failThenRecord: (name: string, send: () => Promise<Answer>) => Promise<Answer>,
  keys: ReadonlyMap<string, KeyPair>,
  as: (p: string) => Browser,
): Promise<void> {
  const act = (p: string, type: string, payload: Record<string, unknown>, extra = {}) => {
    const body = { ...signAct(p, keys.get(p)!, type, payload), ...extra };
    return () => as(p).post('/api/acts', body);
  };
  const bytes = Buffer.from('The order, as signed on paper.');
  const attachment = {
    name: 'order.txt',
    hash: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  };
  const order = {
    instrument: 'o1',
    body: 'board',
    kind: 'order',
    mode: 'live',
    number: '2026/1',
    text: 'Yes.',
    restsOn: { session: S, motion: 'm' },
    attachments: [attachment],
  };
  const files = { files: [{ name: attachment.name, data: bytes.toString('base64') }] };
  await failThenRecord('instrument.draft', act('sec', 'instrument.draft', order, files));
  for (const p of ['ada', 'ben', 'cy']) {
    const { content, nextAfter } = (await as(p).get('/api/instruments/o1')).body;
    const signature = { instrument: 'o1', content, after: nextAfter };
    await failThenRecord('instrument.sign', act(p, 'instrument.sign', signature));
  }
  await failThenRecord('instrument.issue', act('sec', 'instrument.issue', { instrument: 'o1' }));
}
