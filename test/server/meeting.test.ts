/**
 * A whole live meeting through the API on a real port, with keys made here as members' devices
 * make them: invitations, enrolment by a signed act, logins by a signed challenge, a session,
 * a vote and its decision; and the live events as a listener receives them.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { toBase64 } from '../../src/core/bytes.js';
import { verifyBundle } from '../../src/verify/bundle.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { buildServer } from '../../src/server/index.js';
import { Ledger } from '../../src/app/ledger.js';
import { openStore } from '../../src/store/index.js';
import { cli } from '../support/cli.js';
import {
  Browser,
  EventStream,
  recordFile,
  newToken,
  refusal,
  signAct,
  tokenHash,
} from './support.js';

let ledger: Ledger;
let app: FastifyInstance;
let base: string;
const keys = new Map<string, KeyPair>();
const browsers = new Map<string, Browser>();
const streams: EventStream[] = [];
const S = 'board-2026-12-03';
const M = 'snow';

let secretaryToken: string;

beforeAll(async () => {
  // A new record: the secretary, who has no key yet, is invited from the command line.
  const path = await recordFile();
  const invited = await cli('--json', 'invite', 'sec', '--db', path, '--origin', 'https://x.test');
  expect(invited.code, invited.err).toBe(0);
  const answer = JSON.parse(invited.out) as { url: string; token: string };
  expect(answer.url).toBe(`https://x.test/enrol#${answer.token}`);
  secretaryToken = answer.token;
  ledger = await Ledger.open(await openStore(path, { create: false }));
  // Verification on worker threads, as served; the origin as each request gives it.
  app = buildServer({ ledger, verifyThreads: 2, ballotEventMs: 50 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of streams) s.close();
  await app.close();
  await ledger.store.close();
});

const as = (p: string) => browsers.get(p)!;
const act = (p: string, type: string, payload: Record<string, unknown>) =>
  as(p).act(p, keys.get(p)!, type, payload);

describe('a live meeting', () => {
  it('runs from invitations to the decision, and every listener sees it', async () => {
    // The secretary redeems the invitation with a key made in their browser, then signs in with
    // a signed challenge.
    const sec = await new Browser(base).visit();
    browsers.set('sec', sec);
    keys.set('sec', generateKeyPair());
    const secKey = toBase64(keys.get('sec')!.publicKey);
    const redeemed = await sec.post('/api/enrol', {
      token: secretaryToken,
      act: signAct('sec', keys.get('sec')!, 'member.enrol', {
        person: 'sec',
        key: secKey,
        invitation: tokenHash(secretaryToken),
      }),
    });
    expect(redeemed.status).toBe(201);
    await sec.post('/api/logout');
    const login = await sec.loginAs('sec', keys.get('sec')!, base);
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      person: 'sec',
      roles: [{ body: 'board', role: 'secretary' }],
    });
    // The record is its members' (the charter's default): the listener is the secretary's page.
    const live = new EventStream(`${base}/api/events`, undefined, sec.cookie);
    streams.push(live);

    // Invitations: the secretary's device makes each token and signs the invitation.
    for (const person of ['ada', 'ben', 'cy']) {
      const token = newToken();
      const expires = new Date(Date.now() + 86_400_000).toISOString();
      const signed = signAct('sec', keys.get('sec')!, 'member.invite', {
        person,
        token: tokenHash(token),
        expires,
      });
      const invited = await sec.post('/api/invitations', {
        person,
        token,
        expires,
        time: signed.time,
        sig: signed.sig,
      });
      expect(invited.status).toBe(201);
      expect(invited.body.url).toBe(`${base}/enrol#${token}`);

      // The member opens the link: their browser makes a key and redeems the invitation with it.
      const b = await new Browser(base).visit();
      browsers.set(person, b);
      const shown = await b.post('/api/invitations/lookup', { token });
      expect(shown.body).toMatchObject({ person, organization: { id: 'test-org' } });
      const pair = generateKeyPair();
      keys.set(person, pair);
      const enrol = signAct(person, pair, 'member.enrol', {
        person,
        key: toBase64(pair.publicKey),
        invitation: tokenHash(token),
      });
      const enrolled = await b.post('/api/enrol', { token, act: enrol });
      expect(enrolled.status).toBe(201);
      b.csrf = enrolled.body.csrf;
      expect((await b.get('/api/me')).body).toMatchObject({
        person,
        key: toBase64(pair.publicKey),
      });
      // The invitation is used up.
      expect(refusal(await b.post('/api/invitations/lookup', { token }))).toEqual({
        status: 404,
        code: 'not-found',
      });
    }
    // Signing in again later, with the key alone.
    await as('ada').post('/api/logout');
    expect((await as('ada').loginAs('ada', keys.get('ada')!, base)).status).toBe(200);

    const organization = (await sec.get('/api/organization')).body;
    expect(
      organization.people
        .filter((p: { enrolled: boolean }) => p.enrolled)
        .map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual(['ada', 'ben', 'cy', 'sec']);

    // The meeting.
    expect(
      (
        await act('sec', 'session.open', {
          session: S,
          body: 'board',
          mode: 'live',
          title: 'December',
        })
      ).status,
    ).toBe(201);
    for (const person of ['ada', 'ben', 'cy'])
      expect((await act(person, 'attendance.arrive', { session: S, person })).status).toBe(201);
    expect(
      (
        await act('sec', 'motion.propose', {
          session: S,
          motion: M,
          text: 'Hire a snow-clearing service.',
          proposer: 'ben',
        })
      ).status,
    ).toBe(201);
    const opened = await act('sec', 'vote.open', { session: S, motion: M });
    expect(opened.status).toBe(201);

    // Three ballots at once: one batch, each answered with its own receipt.
    const votes = { ada: 'aye', ben: 'aye', cy: 'nay' } as const;
    const receipts = await Promise.all(
      Object.entries(votes).map(([voter, choice]) =>
        act(voter, 'ballot.cast', { session: S, motion: M, voter, choice }),
      ),
    );
    expect(receipts.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(receipts.map((r) => r.body.entry)).size).toBe(3);

    // While the vote is open: who has voted, never how (no running tally on this board).
    const during = (await sec.get(`/api/sessions/${S}/motions/${M}`)).body;
    expect(during.voted.sort()).toEqual(['ada', 'ben', 'cy']);
    expect(during.tally).toBeNull();

    // The chair closes: signs the payload with the decision the server would record now.
    const closing = (await as('ada').get(`/api/sessions/${S}/motions/${M}/closing`)).body;
    expect(closing.payload.decision.outcome).toBe('adopted');
    const closed = await act('ada', 'vote.close', closing.payload);
    expect(closed.status).toBe(201);
    expect((await act('sec', 'session.close', { session: S })).status).toBe(201);

    const motion = (await sec.get(`/api/sessions/${S}/motions/${M}`)).body;
    expect(motion).toMatchObject({
      status: 'closed',
      tally: { aye: 2, nay: 1 },
      decision: { outcome: 'adopted', entry: closed.body.entry },
      entries: { opened: opened.body.entry, closed: closed.body.entry },
    });
    expect(motion.decision.explanation).toMatch(/adopted/);

    // The listener saw the meeting as it happened, the decision last of the vote.
    const decision = await live.until((e) => e.event === 'decision');
    expect(decision).toMatchObject({
      id: closed.body.entry,
      data: { session: S, motion: M, outcome: 'adopted', entry: closed.body.entry },
    });
    await live.until((e) => e.event === 'session' && e.data.open === false);
    const kinds = live.events.map((e) => e.event);
    expect(kinds.filter((k) => k === 'attendance')).toHaveLength(3);
    expect(kinds.indexOf('motion')).toBeLessThan(kinds.indexOf('vote-opened'));
    expect(kinds.indexOf('vote-opened')).toBeLessThan(kinds.indexOf('decision'));
    const lastArrival = live.events.filter((e) => e.event === 'attendance').at(-1)!;
    expect(lastArrival.data).toMatchObject({
      present: 3,
      quorum: { required: 2, presentVoting: 3, met: true },
    });
    // Ballot events count who has voted; no tally while the vote is open (only the one sent
    // as the decision is recorded may carry it).
    const ballots = live.events.filter((e) => e.event === 'ballot');
    expect(ballots.at(-1)!.data).toMatchObject({ session: S, motion: M, voted: 3 });
    const beforeDecision = live.events[live.events.indexOf(decision) - 1];
    for (const b of ballots) if (b !== beforeDecision) expect(b.data.tally).toBeUndefined();
    const ids = live.events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    // A listener that reconnects after the vote opened is sent what it missed.
    const late = new EventStream(`${base}/api/events`, opened.body.entry, sec.cookie);
    streams.push(late);
    await late.until((e) => e.event === 'session');
    expect(late.events.map((e) => e.event)).toEqual(['ballot', 'decision', 'session']);
    expect(late.events[0]!.data).toMatchObject({ voted: 3, tally: { aye: 2, nay: 1 } });

    // The session's bundle verifies offline against the log key alone; the audit passes.
    const logKey = (await sec.get('/api/log-key')).body.logKey;
    const bundle = (await sec.get(`/api/bundle?session=${S}`)).body;
    expect((await verifyBundle(bundle, logKey)).ok).toBe(true);
    const proof = (await sec.get(`/api/proofs/inclusion/${closed.body.entry}`)).body;
    expect(proof.leafHash).toBe(closed.body.leafHash);
    expect((await audit(ledger.store)).ok).toBe(true);
  });

  it('revokes a lost key: the member cannot sign in with it again', async () => {
    const sec = as('sec');
    const revoke = signAct('sec', keys.get('sec')!, 'member.revoke', {
      person: 'cy',
      key: toBase64(keys.get('cy')!.publicKey),
      reason: 'lost phone',
    });
    const answer = await sec.post('/api/people/cy/revoke', {
      reason: 'lost phone',
      time: revoke.time,
      sig: revoke.sig,
    });
    expect(answer.status).toBe(201);
    const b = await new Browser(base).visit();
    expect(refusal(await b.post('/api/login/challenge', { person: 'cy' }))).toEqual({
      status: 409,
      code: 'conflict',
    });
    // Signed-in sessions act no more with the old key.
    const refused = await act('cy', 'attendance.depart', { session: S, person: 'cy' });
    expect(refused.status).toBe(401);
  });
});
