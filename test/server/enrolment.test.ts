/**
 * Re-enrolment from an invitation through the API: a member whose key is lost is invited again,
 * and their new browser key replaces the old one. A refused enrolment leaves the invitation open,
 * in the server's memory as in the record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { enrolMember } from '../../src/app/enrolment.js';
import { Ledger } from '../../src/app/ledger.js';
import { toBase64 } from '../../src/core/bytes.js';
import { parseCharter } from '../../src/core/charter/index.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  Browser,
  newToken,
  refusal,
  signAct,
  TEST_CHARTER,
  testServer,
  tokenHash,
} from './support.js';

const handles: StoreHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.dispose();
});

/** A record on `backend` in which the secretary and ben have keys of their own. */
async function record(backend: (typeof BACKENDS)[number]) {
  const handle = await backend.fresh();
  handles.push(handle);
  const parsed = parseCharter(TEST_CHARTER);
  if (!parsed.ok) throw new Error('invalid charter');
  const keys = { sec: generateKeyPair(), ben: generateKeyPair() };
  const ledger = await Ledger.create(await handle.open(), parsed.json, {}, [
    enrolMember('ben', toBase64(keys.ben.publicKey)),
    enrolMember('sec', toBase64(keys.sec.publicKey)),
  ]);
  return { handle, ledger, keys };
}

/** The secretary's device invites `person`: the token it made. */
async function invite(sec: Browser, pair: KeyPair, person: string): Promise<string> {
  const token = newToken();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const signed = signAct('sec', pair, 'member.invite', {
    person,
    token: tokenHash(token),
    expires,
  });
  const answer = await sec.post('/api/invitations', {
    person,
    token,
    expires,
    time: signed.time,
    sig: signed.sig,
  });
  expect(answer.status).toBe(201);
  return token;
}

describe.each(BACKENDS)('re-enrolment from an invitation ($name)', (backend) => {
  it('a refused enrolment leaves the invitation usable; the new key replaces the old', async () => {
    const { handle, ledger, keys } = await record(backend);
    const app = testServer({ ledger });
    try {
      const sec = new Browser(app);
      expect((await sec.loginAs('sec', keys.sec)).status).toBe(200);
      const token = await invite(sec, keys.sec, 'ben');

      // Ben's new browser: the invitation names the key the enrolment is to replace. Its token
      // travels in a body only: no route takes it in a URL, where proxies and logs keep URLs.
      const ben = await new Browser(app).visit();
      expect(refusal(await ben.get(`/api/invitations/${token}`))).toEqual({
        status: 404,
        code: 'not-found',
      });
      const shown = await ben.post('/api/invitations/lookup', { token });
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ person: 'ben', key: toBase64(keys.ben.publicKey) });

      const fresh = generateKeyPair();
      const payload = {
        person: 'ben',
        key: toBase64(fresh.publicKey),
        invitation: tokenHash(token),
      };
      // Without `replaces` the charter refuses it: ben has a key already.
      const refused = await ben.post('/api/enrol', {
        token,
        act: signAct('ben', fresh, 'member.enrol', payload),
      });
      expect(refusal(refused)).toEqual({ status: 409, code: 'conflict' });
      expect((await ben.post('/api/invitations/lookup', { token })).status).toBe(200);

      const enrolled = await ben.post('/api/enrol', {
        token,
        act: signAct('ben', fresh, 'member.enrol', {
          ...payload,
          replaces: toBase64(keys.ben.publicKey),
        }),
      });
      expect(enrolled.status).toBe(201);
      expect((await ben.get('/api/me')).body).toMatchObject({
        person: 'ben',
        key: toBase64(fresh.publicKey),
      });
      expect(refusal(await ben.post('/api/invitations/lookup', { token }))).toEqual({
        status: 404,
        code: 'not-found',
      });

      // What the server holds in memory is what the record says.
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect([...ledger.state.invitations]).toEqual([...reopened.state.invitations]);
      expect(ledger.state.enrolled).toEqual(reopened.state.enrolled);
    } finally {
      await app.close();
    }
  });
});
