/** Acts signed on members' own devices: invitations redeemed, ballots placed, each on its own. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { invite } from '../../src/app/enrolment.js';
import { Ledger } from '../../src/app/ledger.js';
import type { Draft } from '../../src/app/ledger.js';
import {
  attendance,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import type { Act } from '../../src/core/acts.js';
import { toBase64 } from '../../src/core/bytes.js';
import { parseCharter } from '../../src/core/charter/index.js';
import { DomainError } from '../../src/core/errors.js';
import { motionKey, personKeys } from '../../src/core/state/index.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { openStore } from '../../src/store/index.js';
import { COOPERATIVE } from '../support/examples.js';
import { signedBy as sign } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-presigned-'));
let n = 0;

async function board(): Promise<Ledger> {
  const store = await openStore(join(dir, `r${n++}.db`), { create: true });
  const charter = parseCharter(readFileSync(COOPERATIVE.charter, 'utf8'));
  if (!charter.ok) throw new Error('invalid example');
  return Ledger.create(store, charter.json);
}

/** What a member's device does: sign the act with its own key, then send it. */
function signedBy(person: string, pair: KeyPair, act: Act, time?: string): Draft {
  return sign('maple-court-coop', person, pair, act, time);
}

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
/** An invitation's expiry a week from now: one is good for a year at most. */
const inAWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString();

async function enrolled(ledger: Ledger, person: string): Promise<KeyPair> {
  const token = randomBytes(16).toString('hex');
  await record(ledger, invite(person, tokenHash(token), inAWeek()));
  const pair = generateKeyPair();
  await record(
    ledger,
    signedBy(person, pair, {
      type: 'member.enrol',
      payload: { person, key: toBase64(pair.publicKey), invitation: tokenHash(token) },
    }),
  );
  return pair;
}

async function refused(work: Promise<unknown>, code: string): Promise<void> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

describe('invitations', () => {
  it('are redeemed once, by the person, with the key they enrol, before they expire', async () => {
    const ledger = await board();
    const token = 'a'.repeat(32);
    await record(ledger, invite('ada', tokenHash(token), inAWeek()));
    const pair = generateKeyPair();
    const key = toBase64(pair.publicKey);
    const enrol = (person: string, hash: string): Act => ({
      type: 'member.enrol',
      payload: { person, key, invitation: hash },
    });
    await refused(
      record(ledger, signedBy('ada', pair, enrol('ada', tokenHash('wrong')))),
      'forbidden',
    );
    await refused(
      record(ledger, signedBy('ben', pair, enrol('ben', tokenHash(token)))),
      'forbidden',
    );
    // Signed with another key than the one enrolled: no proof of possession.
    await refused(
      record(ledger, signedBy('ada', generateKeyPair(), enrol('ada', tokenHash(token)))),
      'forbidden',
    );
    await record(ledger, signedBy('ada', pair, enrol('ada', tokenHash(token))));
    expect(ledger.state.enrolled.get('ada')).toEqual([key]);
    expect(personKeys(ledger.state, 'ada')).toEqual([key]);
    await refused(
      record(ledger, signedBy('ada', pair, enrol('ada', tokenHash(token)))),
      'forbidden',
    );
    await refused(
      record(ledger, invite('ben', tokenHash('b'), '2020-01-01T00:00:00.000Z')),
      'invalid-input',
    );
    expect((await audit(ledger.store)).ok).toBe(true);
  });
});

describe('ballots signed on members’ devices', () => {
  it('are placed each on its own: the valid recorded, the others refused with their reason', async () => {
    const ledger = await board();
    const keys = { ada: await enrolled(ledger, 'ada'), ben: await enrolled(ledger, 'ben') };
    await record(ledger, openSession({ session: 's', body: 'board' }));
    await ledger.append(
      ['ada', 'ben', 'chen', 'dana'].map((p) => attendance('arrive', 's', p, 'hana')),
    );
    await record(ledger, proposeMotion({ session: 's', motion: 'm', text: 'Paint it.' }));
    await record(ledger, openVote('s', 'm'));
    const ballot = (voter: string, choice: 'aye' | 'nay'): Act => ({
      type: 'ballot.cast',
      payload: { session: 's', motion: 'm', voter, choice },
    });
    const forged: Draft = { ...signedBy('ben', keys.ada, ballot('ben', 'nay')) };
    const before = ledger.size;
    const results = await ledger.appendEach([
      signedBy('ada', keys.ada, ballot('ada', 'aye')),
      forged,
      signedBy('ada', keys.ada, ballot('ada', 'nay')),
      signedBy('ben', keys.ben, ballot('ben', 'nay')),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect(results[1]!.ok ? '' : String((results[1] as { error: Error }).error.message)).toMatch(
      /not Ben Lindqvist's|does not verify/,
    );
    expect(results[2]!.ok ? '' : (results[2] as { error: DomainError }).error.code).toBe(
      'duplicate-ballot',
    );
    expect(ledger.size).toBe(before + 2);
    expect(await ledger.store.size()).toBe(before + 2);
    const reopened = await Ledger.open(ledger.store);
    expect([...reopened.state.motions.get(motionKey('s', 'm'))!.ballots.keys()]).toEqual([
      'ada',
      'ben',
    ]);
    expect((await audit(ledger.store)).ok).toBe(true);
  });
});
