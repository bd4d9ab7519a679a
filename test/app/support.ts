/**
 * What the ledger tests share: refusals that must leave the record and the state exactly as they
 * were, acts signed on a member's own device, and proxies given.
 */
import { expect } from 'vitest';
import { Frontier } from '../../src/app/frontier.js';
import { CUSTODIAN_SECRET, LOG_SECRET } from '../../src/app/ledger.js';
import type { Draft, DraftSource, Ledger } from '../../src/app/ledger.js';
import { record } from '../../src/app/proceedings.js';
import type { Act, Acts } from '../../src/core/acts.js';
import { toBase64, toHex } from '../../src/core/bytes.js';
import { DomainError } from '../../src/core/errors.js';
import type { ErrorCode } from '../../src/core/errors.js';
import { previousLine, signCheckpoint } from '../../src/record/checkpoint.js';
import { keyPairFromSeed, signBytes } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { decodeEntry, signEntry, signingMessage } from '../../src/record/entry.js';
import { leafHash, nodesToStoreOnAppend, rootAt } from '../../src/record/merkle.js';
import { noteSigner } from '../../src/record/note.js';
import type { RecordStore, StoredEntry, StoredNode } from '../../src/store/index.js';
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

/** An act as a forger writes it: who acted, and who signs it with the custodial key. */
export interface ForgedAct {
  readonly act: Act;
  readonly actor: string | null;
  readonly signer: string | null;
}

/**
 * Appends `acts` past every check of the ledger, as someone holding the database and the keys it
 * keeps could: each entry signed with the custodial key, linked to the one before, its tree nodes
 * stored, under a checkpoint the log key signs. Only the rules can then tell it from the real.
 * Gives the index of the first.
 */
export async function appendForged(
  store: RecordStore,
  acts: readonly ForgedAct[],
  time: string,
): Promise<number> {
  const custodian = (await store.secret(CUSTODIAN_SECRET))!;
  const frontier = new Frontier();
  const size = await store.size();
  let prev: Uint8Array | undefined;
  let org = '';
  let origin = '';
  for await (const stored of store.entries(0, size)) {
    const entry = decodeEntry(stored.bytes);
    if (entry.type === 'charter.adopt') {
      org = entry.org;
      origin = (entry.payload as { log: string }).log.split('+')[0]!;
    }
    prev = leafHash(stored.bytes);
    frontier.append(stored.index, prev, nodesToStoreOnAppend);
  }
  const entries: StoredEntry[] = [];
  const nodes: StoredNode[] = [];
  for (const [i, { act, actor, signer }] of acts.entries()) {
    const index = size + i;
    const bytes = signEntry(
      {
        v: 1,
        org,
        index,
        prev: prev ? toHex(prev) : null,
        time,
        type: act.type,
        actor,
        signer,
        key: toBase64(keyPairFromSeed(custodian).publicKey),
        payload: act.payload,
      },
      custodian,
    );
    prev = leafHash(bytes);
    entries.push({ index, bytes });
    nodes.push(...frontier.append(index, prev, nodesToStoreOnAppend));
  }
  const total = size + acts.length;
  const log = noteSigner(origin, (await store.secret(LOG_SECRET))!);
  const note = signCheckpoint(
    { origin, size: total, rootHash: rootAt(total, frontier), extensions: [previousLine(size)] },
    log,
  );
  await store.append(size, { entries, nodes, checkpoint: { size: total, note } });
  return size;
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
