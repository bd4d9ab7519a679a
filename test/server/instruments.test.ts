/**
 * Instruments through the API, on both storage backends: drafted (with files) and signed through
 * POST /api/acts with each member's own key over the content and the signature before it, as the
 * view gives them; the refusals with their codes, the record unchanged after each; the view (the
 * signatures in order, recorded ones, the rule met or not, what the next signature follows); each
 * member's signing queue moving as those before them sign; the register and its filters; issue,
 * revocation and settlement; the live events. Every answer is checked against the contract.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayInWords } from '../../src/core/minutes/words.js';
import { instrumentRegister, instrumentView, signingQueue } from '../../src/api/instruments.js';
import type { InstrumentView } from '../../src/api/instruments.js';
import { enrolMember } from '../../src/app/enrolment.js';
import type { Ledger } from '../../src/app/ledger.js';
import { toBase64 } from '../../src/core/bytes.js';
import { keyPairFromSeed } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { verifyInstrumentBundle } from '../../src/verify/instrument.js';
import { loadTrustPolicy } from '../../src/verify/policy.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  Browser,
  EventStream,
  INSTRUMENT_CHARTER,
  Room,
  enrolledLedger,
  newLedger,
  refusal,
  refuser,
  signAct,
  testServer,
} from './support.js';

const PEOPLE = ['sec', 'ada', 'ben', 'cy', 'cand', 'out'];
const S = 'board-1';
const M = 'roof';
const ADOPTED = { session: S, motion: M };
/** The adopted decision in words: its place in its session, its text, the session by body and day. */
const ADOPTED_NAMED = /^motion 1 \("Fix the roof"\) of the session of Board on \d/;

for (const backend of BACKENDS) {
  describe(`instruments on ${backend.name}`, () => {
    let handle: StoreHandle;
    let ledger: Ledger;
    let keys: Map<string, KeyPair>;
    let app: FastifyInstance;
    let base: string;
    let room: Room;
    let numbers = 0;

    beforeAll(async () => {
      handle = await backend.fresh();
      ({ ledger, keys } = await enrolledLedger(PEOPLE, INSTRUMENT_CHARTER, await handle.open()));
      app = testServer({ ledger, maxAttachmentBytes: 2000 });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      room = await new Room(app, keys).signIn(...PEOPLE);
      // The board adopts the motion the orders rest on.
      await room.do('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
      for (const p of ['ada', 'ben', 'cy'])
        await room.do(p, 'attendance.arrive', { session: S, person: p });
      await room.do('sec', 'motion.propose', { session: S, motion: M, text: 'Fix the roof.' });
      await room.do('sec', 'vote.open', { session: S, motion: M });
      for (const p of ['ada', 'ben', 'cy'])
        await room.do(p, 'ballot.cast', { session: S, motion: M, voter: p, choice: 'aye' });
      await room.close('ada', S, M);
    });

    afterAll(async () => {
      await app.close();
      await handle.dispose();
    });

    /** An instrument.draft payload of `kind`, with a number of its own. */
    const draft = (instrument: string, kind: string, extra: Record<string, unknown> = {}) => ({
      instrument,
      body: 'board',
      kind,
      mode: 'live',
      number: `2026/${++numbers}`,
      text: `${instrument}: the roof is to be fixed.`,
      ...(kind === 'order' ? { restsOn: ADOPTED } : {}),
      ...extra,
    });

    const view = async (id: string, as = 'ada'): Promise<InstrumentView> => {
      const answer = await room.as(as).get(`/api/instruments/${id}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return instrumentView.parse(answer.body);
    };

    /** What `person`'s device signs: the content and the signature before it, from the view. */
    const signature = async (id: string, extra: Record<string, unknown> = {}) => {
      const { content, nextAfter } = await view(id);
      return { instrument: id, content, after: nextAfter, ...extra };
    };
    const sign = async (person: string, id: string) =>
      room.do(person, 'instrument.sign', await signature(id));

    /** Where `person` stands in each instrument of their queue. */
    const queue = async (person: string) => {
      const answer = await room.as(person).get('/api/queue');
      expect(answer.status).toBe(200);
      return Object.fromEntries(
        signingQueue.parse(answer.body).instruments.map((i) => [i.id, i.position]),
      );
    };

    const refused = refuser(() => handle);

    it('drafts an order on the decision, signed in the listed order, each queue moving', async () => {
      // Dated before it is issued, on the 5th.
      const drafted = await room.do(
        'sec',
        'instrument.draft',
        draft('o1', 'order', { date: '2026-11-02' }),
      );
      const fresh = await view('o1');
      expect(fresh).toMatchObject({
        id: 'o1',
        body: 'board',
        bodyName: 'Board',
        kind: 'order',
        status: 'draft',
        formula: 'By order of the Board',
        signatureLine: 'By order of the Board: not signed yet',
        signatures: [],
        inForce: false,
        flags: [],
        draftedAt: drafted.entry,
        nextAfter: null,
        mode: 'live',
        restsOn: ADOPTED,
        restsOnText: 'Fix the roof.',
        restsOnNamed: expect.stringMatching(ADOPTED_NAMED),
        attachments: [],
        rule: {
          inWords: 'Ada Chair, Ben Member, Cy Member, every one of them, in the order listed',
          order: 'as-listed',
          atLeast: 3,
          met: false,
          explanation:
            '0 of the 3 signatures needed: Ada Chair, Ben Member, Cy Member, every one of them, in the order listed',
          signers: ['ada', 'ben', 'cy'],
        },
        // Every one signs, in the listed order: only ada may sign first.
        mayNowSign: ['ada'],
        draftedBy: 'sec',
        draftedByName: 'Sam Secretary',
        verifyUrl: '/verify?instrument=o1',
      });
      expect(fresh.content).toMatch(/^[0-9a-f]{64}$/);
      expect([await queue('ada'), await queue('ben'), await queue('cy')]).toEqual([
        { o1: 1 },
        {},
        {},
      ]);
      expect(await queue('sec')).toEqual({});

      const first = await sign('ada', 'o1');
      const once = await view('o1');
      expect(once.status).toBe('signing');
      expect(once.signatures).toEqual([
        expect.objectContaining({
          signer: 'ada',
          signerName: 'Ada Chair',
          index: first.entry,
          ownKey: true,
        }),
      ]);
      expect(once.nextAfter).toMatch(/^[0-9a-f]{64}$/);
      expect(once.mayNowSign).toEqual(['ben']);
      expect([await queue('ada'), await queue('ben'), await queue('cy')]).toEqual([
        {},
        { o1: 1 },
        {},
      ]);
      await sign('ben', 'o1');
      expect(await queue('cy')).toEqual({ o1: 1 });
      await sign('cy', 'o1');
      const signed = await view('o1');
      expect(signed.signatures.map((s) => s.signer)).toEqual(['ada', 'ben', 'cy']);
      expect(signed.rule).toMatchObject({
        met: true,
        explanation:
          'signed as the charter requires: Ada Chair, Ben Member, Cy Member, every one of them, in the order listed',
      });
      expect(signed.signatureLine).toBe('By order of the Board: Ada Chair. Ben Member. Cy Member');
      expect(signed.mayNowSign).toEqual([]);
      const issued = await room.do('sec', 'instrument.issue', {
        instrument: 'o1',
        date: '2026-11-05',
      });
      expect(await view('o1')).toMatchObject({
        status: 'issued',
        inForce: true,
        issued: { index: issued.entry, by: 'sec', byName: 'Sam Secretary', date: '2026-11-05' },
      });
      await refused(
        async () => room.act('cand', 'instrument.sign', await signature('o1')),
        409,
        'conflict',
      );
    });

    it('refuses a signature the rule or the chain does not allow, and an issue short of the rule', async () => {
      await room.do('sec', 'instrument.draft', draft('o2', 'order'));
      expect(
        (
          await refused(
            async () => room.act('cand', 'instrument.sign', await signature('o2')),
            403,
            'not-a-signer',
          )
        ).body.error.message,
      ).toMatch(/Cass Candidate is not among the signers/);
      await refused(
        async () =>
          room.act('ben', 'instrument.sign', await signature('o2', { content: 'f'.repeat(64) })),
        409,
        'content-mismatch',
      );
      const stale = await signature('o2');
      await sign('ada', 'o2');
      // Signed over the chain as it was: someone signed since.
      await refused(async () => room.act('ben', 'instrument.sign', stale), 409, 'conflict');
      await refused(
        async () => room.act('ada', 'instrument.sign', await signature('o2')),
        409,
        'duplicate-signature',
      );
      expect(
        (
          await refused(
            () => room.act('sec', 'instrument.issue', { instrument: 'o2' }),
            422,
            'signing-rule',
          )
        ).body.error.message,
      ).toMatch(/1 of the 3 signatures needed/);
      // Cy may not sign before Ben: Ben could then never sign, and every one of them must.
      expect(await queue('cy')).not.toHaveProperty('o2');
      expect((await view('o2')).mayNowSign).toEqual(['ben']);
      expect(
        (
          await refused(
            async () => room.act('cy', 'instrument.sign', await signature('o2')),
            409,
            'out-of-order',
          )
        ).body.error.message,
      ).toMatch(/Cy Member may not sign yet: Ben Member must sign first/);
      expect(refusal(await room.as('ada').get('/api/instruments/nowhere'))).toEqual({
        status: 404,
        code: 'not-found',
      });
      await refused(
        async () =>
          room.act('ben', 'instrument.sign', { ...(await signature('o2')), instrument: 'nowhere' }),
        404,
        'not-found',
      );
    });

    it('shows a signature an officer recorded, and how it was given', async () => {
      await room.do('sec', 'instrument.draft', draft('o3', 'order'));
      const forAda = (payload: Record<string, unknown>) =>
        room.as('sec').actFor('ada', 'sec', keys.get('sec')!, 'instrument.sign', payload);
      await refused(async () => forAda(await signature('o3')), 400, 'invalid-input');
      expect((await forAda(await signature('o3', { channel: 'letter' }))).status).toBe(201);
      const recorded = await view('o3');
      expect(recorded.signatures).toEqual([
        expect.objectContaining({
          signer: 'ada',
          recordedBy: 'sec',
          recordedByName: 'Sam Secretary',
          channel: 'letter',
          ownKey: false,
        }),
      ]);
      expect(recorded.signatureLine).toBe(
        'By order of the Board: Ada Chair (recorded by Sam Secretary)',
      );
    });

    it('revokes a mandate and settles a receipt, each refusing the other', async () => {
      await room.do(
        'sec',
        'instrument.draft',
        draft('m1', 'mandate', { holder: 'cy', scope: 'The roof.', until: '2099-12-31' }),
      );
      await sign('ben', 'm1');
      await room.do('ben', 'instrument.issue', { instrument: 'm1' });
      expect(await view('m1')).toMatchObject({
        status: 'issued',
        inForce: true,
        holder: 'cy',
        holderName: 'Cy Member',
        until: '2099-12-31',
      });
      await refused(
        () => room.act('sec', 'instrument.settle', { instrument: 'm1' }),
        409,
        'wrong-kind',
      );
      // Not on a day before the date the mandate bears: it would end before it began.
      const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
      const before = (
        await refused(
          () => room.act('ada', 'instrument.revoke', { instrument: 'm1', date: yearAgo }),
          400,
          'invalid-input',
        )
      ).body.error.message;
      expect(before).toContain(
        `payload.date: mandate no. 2026/4 of Board is revoked on ${dayInWords(yearAgo)}, before the date it bears`,
      );
      // Nor on a day to come: the record says what was done, once it was.
      const yearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
      const ahead = (
        await refused(
          () => room.act('ada', 'instrument.revoke', { instrument: 'm1', date: yearAhead }),
          400,
          'invalid-input',
        )
      ).body.error.message;
      expect(ahead).toContain('is after the day its revocation is recorded');
      const dated = draft('far', 'mandate', { holder: 'cy', date: '9999-12-31' });
      expect(
        (await refused(() => room.act('sec', 'instrument.draft', dated), 400, 'invalid-input')).body
          .error.message,
      ).toContain('payload.date: 31 December 9999 is after the day it is drafted');
      const revoked = await room.do('ada', 'instrument.revoke', {
        instrument: 'm1',
        reason: 'Done.',
        by: ADOPTED,
      });
      expect(await view('m1')).toMatchObject({
        status: 'revoked',
        inForce: false,
        revoked: {
          index: revoked.entry,
          by: 'ada',
          byName: 'Ada Chair',
          reason: 'Done.',
          decision: ADOPTED,
          decisionNamed: expect.stringMatching(ADOPTED_NAMED),
        },
      });

      const amount = { value: 120, unit: 'EUR' };
      await room.do(
        'sec',
        'instrument.draft',
        draft('r1', 'receipt', { amount, from: 'out', to: 'Otto Outsider' }),
      );
      // Receipts are signed by an officer or ben: ada is the chair.
      expect((await view('r1')).rule?.signers).toEqual(['ada', 'sec', 'ben']);
      await sign('ben', 'r1');
      await refused(
        () => room.act('sec', 'instrument.issue', { instrument: 'r1', date: yearAgo }),
        400,
        'invalid-input',
      );
      await refused(
        () => room.act('sec', 'instrument.issue', { instrument: 'r1', date: yearAhead }),
        400,
        'invalid-input',
      );
      await room.do('sec', 'instrument.issue', { instrument: 'r1' });
      await refused(
        () => room.act('sec', 'instrument.revoke', { instrument: 'r1' }),
        409,
        'wrong-kind',
      );
      await refused(
        () => room.act('sec', 'instrument.settle', { instrument: 'r1', date: yearAgo }),
        400,
        'invalid-input',
      );
      await refused(
        () => room.act('sec', 'instrument.settle', { instrument: 'r1', date: yearAhead }),
        400,
        'invalid-input',
      );
      await room.do('sec', 'instrument.settle', { instrument: 'r1', note: 'Paid in cash.' });
      expect(await view('r1')).toMatchObject({
        status: 'settled',
        amount,
        from: 'out',
        fromName: 'Otto Outsider',
        settled: { by: 'sec', reason: 'Paid in cash.' },
      });
    });

    it('lists the register, filtered, and refuses a bad query', async () => {
      const list = async (query = '') => {
        const answer = await room.as('cand').get(`/api/instruments${query}`);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        return instrumentRegister.parse(answer.body).instruments.map((i) => i.id);
      };
      expect(await list()).toEqual(['o1', 'o2', 'o3', 'm1', 'r1']);
      expect(await list('?body=board&kind=order')).toEqual(['o1', 'o2', 'o3']);
      expect(await list('?state=signing')).toEqual(['o2', 'o3']);
      expect(await list('?kind=receipt&state=settled')).toEqual(['r1']);
      expect(await list(`?question=${S}/${M}`)).toEqual(['o1', 'o2', 'o3']);
      expect(await list('?text=O3%20ROOF')).toEqual(['o3']);
      expect(refusal(await room.as('ada').get('/api/instruments?body=nobody'))).toEqual({
        status: 404,
        code: 'not-found',
      });
      for (const bad of ['?state=lost', '?kind=No!', '?q=roof', '?text='])
        expect(refusal(await room.as('ada').get(`/api/instruments${bad}`)), bad).toEqual({
          status: 400,
          code: 'invalid-input',
        });
      expect(refusal(await room.as('ada').get('/api/instruments?question=nothing'))).toEqual({
        status: 404,
        code: 'not-found',
      });
      const question = (await room.as('ada').get(`/api/question?name=${S}/${M}`)).body;
      expect(question.instruments.map((i: { id: string }) => i.id)).toEqual(['o1', 'o2', 'o3']);
    });

    it('drafts with files, kept by their hash and served under their name', async () => {
      const bytes = Buffer.from('Estimate: 120 EUR for the roof.');
      const attachment = {
        name: 'estimate.txt',
        hash: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
      };
      const payload = draft('m2', 'mandate', { attachments: [attachment] });
      const file = { name: 'estimate.txt', data: bytes.toString('base64') };
      await refused(
        () =>
          room
            .as('sec')
            .post('/api/acts', signAct('sec', keys.get('sec')!, 'instrument.draft', payload)),
        400,
        'invalid-input',
      );
      const sent = await room.as('sec').post('/api/acts', {
        ...signAct('sec', keys.get('sec')!, 'instrument.draft', payload),
        files: [file],
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect((await view('m2')).attachments).toEqual([attachment]);
      const got = await app.inject({
        url: `/api/attachments/${attachment.hash}`,
        headers: { cookie: room.as('ben').cookie! },
      });
      expect(got.body).toBe(bytes.toString());
      expect(got.headers['content-disposition']).toMatch(/filename="estimate.txt"/);
    });

    it('tells listeners where an instrument stands after each of its acts', async () => {
      const live = new EventStream(`${base}/api/events`, undefined, room.as('ada').cookie);
      try {
        while (live.status === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
        const drafted = await room.do('sec', 'instrument.draft', draft('m3', 'mandate'));
        const signed = await sign('cy', 'm3');
        expect(await live.until((e) => e.id === drafted.entry)).toEqual({
          id: drafted.entry,
          event: 'instrument',
          data: { id: 'm3', status: 'draft', signatures: 0 },
        });
        expect(await live.until((e) => e.id === signed.entry)).toEqual({
          id: signed.entry,
          event: 'instrument',
          data: { id: 'm3', status: 'signing', signatures: 1 },
        });
      } finally {
        live.close();
      }
    });

    it('gives an instrument’s bundle as a download that verifies offline, so many a minute', async () => {
      const answer = await room.as('cand').get('/api/instruments/o1/bundle');
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.headers['content-disposition']).toMatch(
        /^attachment; filename="o1.bundle.json"/,
      );
      expect(answer.body).toMatchObject({
        format: 'collegium-instrument-bundle/1',
        instrument: 'o1',
      });
      const { logKey } = (await room.as('cand').get('/api/log-key')).body;
      const policy = loadTrustPolicy(`logs: [${logKey}]\naccept:\n  - kind: order\n`);
      if (!policy.ok) throw new Error(JSON.stringify(policy.problems));
      const verdict = await verifyInstrumentBundle(answer.body, policy.value);
      expect(verdict.reasons).toEqual([]);
      expect(verdict.instrument?.signatures.map((s) => s.signer)).toEqual(['ada', 'ben', 'cy']);
      expect(refusal(await room.as('ada').get('/api/instruments/nowhere/bundle'))).toEqual({
        status: 404,
        code: 'not-found',
      });
      expect(refusal(await room.as('ada').get('/api/instruments/o1/bundle?size=x'))).toEqual({
        status: 400,
        code: 'invalid-input',
      });
      expect((await new Browser(app).get('/api/instruments/o1/bundle')).status).toBe(401);

      // The limit counts the requests of every instance of the record together: another
      // instance allowing two more than this one has served allows exactly two more.
      const last = await room.as('ben').get('/api/instruments/o1/bundle');
      const served = 300 - Number(last.headers['x-ratelimit-remaining']);
      expect(served).toBeGreaterThan(0);
      const limited = testServer({ ledger, bundlesPerMinute: served + 2 });
      try {
        const b = new Room(limited, keys);
        await b.signIn('ben');
        for (let i = 0; i < 2; i++)
          expect((await b.as('ben').get('/api/instruments/o1/bundle')).status).toBe(200);
        const third = await b.as('ben').get('/api/instruments/o1/bundle');
        expect(refusal(third)).toEqual({ status: 429, code: 'rate-limited' });
      } finally {
        await limited.close();
      }
    });

    it('documents every instrument route in the OpenAPI document', async () => {
      const doc = JSON.parse((await app.inject({ url: '/api/openapi.json' })).body);
      const paths = ['/api/instruments', '/api/instruments/{id}', '/api/instruments/{id}/bundle'];
      for (const path of [...paths, '/api/queue'])
        expect(doc.paths[path]?.get?.tags, path).toEqual(['instruments']);
      const query = doc.paths['/api/instruments'].get.parameters.map(
        (p: { name: string }) => p.name,
      );
      expect(query).toEqual(['body', 'kind', 'state', 'question', 'text']);
      expect(doc.paths['/api/queue'].get.security).toEqual([{ session: [] }]);
    });
  });
}

describe('instruments in demo mode', () => {
  it('signs for the visitor, and records a signature an officer took down on paper', async () => {
    // The registrar, sec, last: until they have a key, the custodial key signs for them.
    const seeds = new Map(['ada', 'ben', 'cy', 'sec'].map((p) => [p, randomBytes(32)] as const));
    const ledger = await newLedger(INSTRUMENT_CHARTER, () =>
      [...seeds].map(([p, seed]) => enrolMember(p, toBase64(keyPairFromSeed(seed).publicKey))),
    );
    const app = testServer({ ledger, demo: { keys: seeds } });
    try {
      const b = await new Browser(app).visit();
      const as = async (person: string) =>
        expect((await b.post('/api/demo/login', { person })).status).toBe(200);
      const act = async (type: string, payload: Record<string, unknown>, actor?: string) => {
        const answer = await b.post('/api/acts', { type, payload, ...(actor ? { actor } : {}) });
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      };
      const signature = async () => {
        const { content, nextAfter } = instrumentView.parse(
          (await b.get('/api/instruments/m1')).body,
        );
        return { instrument: 'm1', content, after: nextAfter };
      };
      await as('sec');
      const mandate = { instrument: 'm1', body: 'board', kind: 'mandate', mode: 'live' };
      await act('instrument.draft', { ...mandate, number: '2026/1', text: 'Cy mends the roof.' });
      await act('instrument.sign', { ...(await signature()), channel: 'letter' }, 'ben');
      await as('cy');
      expect(signingQueue.parse((await b.get('/api/queue')).body).instruments).toEqual([
        expect.objectContaining({ id: 'm1', position: 2 }),
      ]);
      await act('instrument.sign', await signature());
      const signed = instrumentView.parse((await b.get('/api/instruments/m1')).body);
      expect(signed.signatures).toEqual([
        expect.objectContaining({ signer: 'ben', recordedBy: 'sec', channel: 'letter' }),
        expect.objectContaining({ signer: 'cy', ownKey: true }),
      ]);
    } finally {
      await app.close();
      await ledger.store.close();
    }
  });
});
