/**
 * What the ledger tests share: refusals that must leave the record and the state exactly as they
 * were, acts signed on a member's own device, and proxies given.
 */
import { expect } from 'vitest';
import type { Draft, DraftSource, Ledger } from '../../src/app/ledger.js';
import { record } from '../../src/app/proceedings.js';
import type { Act, Acts } from '../../src/core/acts.js';
import { toBase64 } from '../../src/core/bytes.js';
import { DomainError } from '../../src/core/errors.js';
import type { ErrorCode } from '../../src/core/errors.js';
import { signBytes } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { signingMessage } from '../../src/record/entry.js';
import { readRecord } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

/**
 * Expects `source` to be refused with `code`, the record (every table, every byte) and the
 * ledger's state unchanged; gives the refusal, to check its message.
 */
export async function expectRefused(
  handle: StoreHandle,
  ledger: Ledger,
  source: DraftSource,
  code: ErrorCode,
): Promise<DomainError> {
  const dump = await handle.dump();
  const before = await readRecord(ledger.store);
  const state = structuredClone(ledger.state);
  const error = await record(ledger, source).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a refusal with code ${code}`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code, (error as DomainError).message).toBe(code);
  expect((error as DomainError).message.length).toBeGreaterThan(0);
  expect(await readRecord(ledger.store)).toEqual(before);
  expect(await handle.dump()).toEqual(dump);
  expect(ledger.size).toBe(before.size);
  expect(ledger.state).toEqual(state);
  return error as DomainError;
}

/** What a member's device does: sign the act with its own key, then send it to the ledger. */
export function signedBy(
  org: string,
  person: string,
  pair: KeyPair,
  act: Act,
  time = new Date().toISOString(),
): Draft {
  const key = toBase64(pair.publicKey);
  const message = signingMessage({
    v: 1,
    org,
    time,
    type: act.type,
    actor: person,
    signer: person,
    key,
    payload: act.payload,
  });
  return {
    act,
    actor: person,
    signed: { time, signer: person, key, sig: toBase64(signBytes(pair.privateKey, message)) },
  };
}

/** A proxy `grantor` gives `holder`: for a session (or one motion of it), or until a time. */
export function grantProxy(
  grant: string,
  grantor: string,
  holder: string,
  scope: Pick<Acts['proxy.grant'], 'session' | 'motion' | 'until'>,
  body = 'board',
): Draft {
  return {
    act: { type: 'proxy.grant', payload: { grant, body, holder, ...scope } },
    actor: grantor,
  };
}

/** The grantor (or, with `actor`, someone else) takes a proxy back. */
export function revokeProxy(grant: string, actor: string, reason?: string): Draft {
  return {
    act: { type: 'proxy.revoke', payload: { grant, ...(reason ? { reason } : {}) } },
    actor,
  };
}
