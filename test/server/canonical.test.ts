/**
 * Base64 is taken in its one canonical spelling only. The last character of a signature or a key
 * carries unused bits; a spelling with any of them set decodes to the same bytes, but stored as
 * sent it would fail the audit forever, and it would pass for another act than the one it spells.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { invite } from '../../src/app/enrolment.js';
import type { Ledger } from '../../src/app/ledger.js';
import { attendance, openSession, openVote, proposeMotion } from '../../src/app/proceedings.js';
import { toBase64 } from '../../src/core/bytes.js';
import { DomainError } from '../../src/core/errors.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { otherSpellings } from '../support/base64.js';
import {
  Browser,
  enrolledLedger,
  newToken,
  refusal,
  signAct,
  signLogin,
  testServer,
  tokenHash,
  TEST_ORIGIN,
} from './support.js';

const S = 's';
const ballot = (voter: string) => ({ session: S, motion: 'm', voter, choice: 'aye' });
let ledger: Ledger;
let keys: Map<string, KeyPair>;
let app: FastifyInstance;

beforeAll(async () => {
  ({ ledger, keys } = await enrolledLedger(['sec', 'ada', 'ben']));
  ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
  await ledger.append([
    openSession({ session: S, body: 'board' }),
    attendance('arrive', S, 'ada', 'sec'),
    attendance('arrive', S, 'ben', 'sec'),
    proposeMotion({ session: S, motion: 'm', text: 'Yes?' }),
    openVote(S, 'm'),
  ]);
  app = testServer({ ledger });
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

describe('base64 spelled otherwise than canonically', () => {
  it('a signature: 400 invalid-input for each of its 15 other spellings; the canonical one is recorded once', async () => {
    const ada = new Browser(app);
    expect((await ada.loginAs('ada', keys.get('ada')!)).status).toBe(200);
    const signed = signAct('ada', keys.get('ada')!, 'ballot.cast', ballot('ada'));
    const size = ledger.size;
    const spellings = otherSpellings(signed.sig);
    expect(spellings).toHaveLength(15);
    for (const sig of spellings) {
      const answer = await ada.post('/api/acts', { ...signed, sig });
      expect(refusal(answer), sig).toEqual({ status: 400, code: 'invalid-input' });
      expect(answer.body.error.message).toMatch(/canonical base64/);
    }
    expect(ledger.size).toBe(size);
    expect((await ada.post('/api/acts', signed)).status).toBe(201);
    for (const sig of spellings.slice(0, 3))
      expect((await ada.post('/api/acts', { ...signed, sig })).status).toBe(400);
    expect(ledger.size).toBe(size + 1);
    expect((await audit(ledger.store)).ok).toBe(true);
  });

  it('a key to enrol, sent before anyone signs in: 400 invalid-input, never a 500', async () => {
    const token = newToken();
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    await ledger.append([invite('ben', tokenHash(token), expires, 'sec')]);
    const pair = generateKeyPair();
    const [key] = otherSpellings(toBase64(pair.publicKey));
    const act = signAct('ben', pair, 'member.enrol', {
      person: 'ben',
      key,
      replaces: toBase64(keys.get('ben')!.publicKey),
      invitation: tokenHash(token),
    });
    const answer = await (await new Browser(app).visit()).post('/api/enrol', { token, act });
    expect(refusal(answer)).toEqual({ status: 400, code: 'invalid-input' });
    expect(answer.body.error.message).toMatch(/^payload\.key "[^"]+": not canonical base64/);
  });

  it('a key of small order, whose signatures anyone can make: 400 invalid-input, nothing recorded', async () => {
    const token = newToken();
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    await ledger.append([invite('ben', tokenHash(token), expires, 'sec')]);
    const size = ledger.size;
    // The identity point, and a signature by it made without any private key: R = B, s = 1.
    const identity = `AQ${'A'.repeat(41)}=`;
    const base = Buffer.from('58' + '66'.repeat(31), 'hex');
    const forged = Buffer.concat([base, Buffer.from([1]), Buffer.alloc(31)]).toString('base64');
    const payload = { person: 'ben', key: identity, invitation: tokenHash(token) };
    const act = { type: 'member.enrol', payload, time: new Date().toISOString(), sig: forged };
    const answer = await (await new Browser(app).visit()).post('/api/enrol', { token, act });
    expect(refusal(answer)).toEqual({ status: 400, code: 'invalid-input' });
    expect(answer.body.error.message).toMatch(
      /^payload\.key "[^"]+": not a usable Ed25519 public key/,
    );
    expect(ledger.size).toBe(size);
  });

  it('a login signature: 400 invalid-input', async () => {
    const b = await new Browser(app).visit();
    const { body } = await b.post('/api/login/challenge', { person: 'ben' });
    const signature = signLogin(keys.get('ben')!, TEST_ORIGIN, body.challenge);
    const answer = await b.post('/api/login', {
      person: 'ben',
      challenge: body.challenge,
      signature: otherSpellings(signature)[0],
    });
    expect(refusal(answer)).toEqual({ status: 400, code: 'invalid-input' });
  });

  it('the ledger refuses a signature spelled otherwise, even one checked already', async () => {
    const signed = signAct('ben', keys.get('ben')!, 'ballot.cast', ballot('ben'));
    const size = ledger.size;
    const draft = (sig: string) => ({
      act: { type: 'ballot.cast', payload: ballot('ben') } as never,
      actor: 'ben',
      signed: {
        time: signed.time,
        signer: 'ben',
        key: toBase64(keys.get('ben')!.publicKey),
        sig,
        verified: true,
      },
    });
    const refused = ledger.append([draft(otherSpellings(signed.sig)[4]!)]);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'invalid-input' });
    expect(ledger.size).toBe(size);
    await ledger.append([draft(signed.sig)]);
    expect((await audit(ledger.store)).ok).toBe(true);
  });
});
