/**
 * The worker threads that check signatures: a thread that fails or stops is replaced, and the
 * checks it was doing are done again on another, so one failure never breaks every later check.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { signatureVerifier, verifyWorker } from '../../src/app/verify-pool.js';
import type { SignatureVerifier, SignedMessage } from '../../src/app/verify-pool.js';
import { generateKeyPair, publicKeyObject, signBytes } from '../../src/record/ed25519.js';

/** `n` signed messages, every third with a wrong signature: the answers a check must give. */
function signedMessages(n: number): { items: SignedMessage[]; valid: boolean[] } {
  const pair = generateKeyPair();
  const key = publicKeyObject(pair.publicKey);
  const items: SignedMessage[] = [];
  const valid: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const message = new TextEncoder().encode(`message ${i}`);
    const signature = signBytes(pair.privateKey, message);
    if (i % 3 === 2) signature[0]! ^= 1;
    items.push({ key, message, signature });
    valid.push(i % 3 !== 2);
  }
  return { items, valid };
}

/** A thread that fails on the first request it is given. */
const failingWorker = () =>
  new Worker(
    `require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });`,
    { eval: true },
  );

let verifier: SignatureVerifier | undefined;
afterEach(async () => {
  await verifier?.close();
  verifier = undefined;
});

describe('the verifying threads', () => {
  it('replace a thread that fails, and check its share again on another', async () => {
    const started: Worker[] = [];
    let first = true;
    verifier = signatureVerifier(2, () => {
      const worker = first ? failingWorker() : verifyWorker();
      first = false;
      started.push(worker);
      return worker;
    });
    const { items, valid } = signedMessages(40);
    expect(await verifier.verify(items)).toEqual(valid);
    expect(await verifier.verify(items)).toEqual(valid);
    expect(started).toHaveLength(3);
  }, 30_000);

  it('replace a thread that stops while it checks, and answer every request', async () => {
    const started: Worker[] = [];
    verifier = signatureVerifier(2, () => {
      const worker = verifyWorker();
      started.push(worker);
      return worker;
    });
    const { items, valid } = signedMessages(2000);
    expect(await verifier.verify(items.slice(0, 10))).toEqual(valid.slice(0, 10));
    const checking = verifier.verify(items);
    await started[0]!.terminate();
    expect(await checking).toEqual(valid);
    expect(await verifier.verify(items)).toEqual(valid);
    expect(started).toHaveLength(3);
  }, 30_000);

  it('refuse a check that fails on every thread it is given to, and go on checking others', async () => {
    let failing = true;
    const started: Worker[] = [];
    verifier = signatureVerifier(1, () => {
      const worker = failing ? failingWorker() : verifyWorker();
      started.push(worker);
      return worker;
    });
    const { items, valid } = signedMessages(3);
    await expect(verifier.verify(items)).rejects.toThrow();
    // It was tried on three threads in turn, then refused: no endless replacing.
    expect(started.length).toBeGreaterThanOrEqual(3);
    failing = false;
    expect(await verifier.verify(items)).toEqual(valid);
  }, 30_000);

  it('refuse a check once they are closed', async () => {
    const closing = signatureVerifier(1);
    await closing.close();
    await expect(closing.verify(signedMessages(1).items)).rejects.toThrow(/closed/);
  });
});
