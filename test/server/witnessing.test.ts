/**
 * The server's side of witnessing (src/server/witnessing.ts), against a real witness over HTTP:
 * checkpoints signed meanwhile are coalesced, and a witness not reached is tried again. (The 409
 * answer, and a refusal, are met in test/server/witness.test.ts, with real processes.)
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { WitnessService } from '../../src/app/witness-service.js';
import { noteVerifier } from '../../src/record/note.js';
import { cosigner } from '../../src/record/witness.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { witnessServer } from '../../src/server/witness-http.js';
import { Witnessing } from '../../src/server/witnessing.js';
import { replayExample } from '../support/records.js';

const folder = mkdtempSync(join(tmpdir(), 'collegium-witnessing-'));
const witness = cosigner('witness.example/w1', new Uint8Array(32).fill(5));
let store: RecordStore;
let logKey: string;

beforeAll(async () => {
  store = await openStore(join(folder, 'r.db'), { create: true });
  logKey = (await replayExample(store)).state.logKey!;
});

afterAll(async () => {
  await store.close();
});

const messages: string[] = [];
const log = {
  info: (_: unknown, message: string) => messages.push(`info ${message}`),
  warn: (_: unknown, message: string) => messages.push(`warn ${message}`),
  error: (_: unknown, message: string) => messages.push(`error ${message}`),
} as unknown as FastifyBaseLogger;

/** A witness over HTTP that drops the first `drops` connections, counting the requests. */
async function runWitness(state: string, drops = 0) {
  const service = new WitnessService(
    witness,
    [{ origin: logKey.split('+')[0]!, verifier: noteVerifier(logKey) }],
    state,
  );
  const inner = witnessServer(service);
  const seen: string[] = [];
  let dropped = 0;
  const server = createServer((request, response) => {
    if (dropped++ < drops) return request.socket.destroy();
    seen.push(request.url ?? '');
    inner.emit('request', request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { service, url, seen, close: () => new Promise((r) => server.close(r)) };
}

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not so in ${ms} ms: ${messages.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('witnessing from the server', () => {
  it('tries a witness not reached again, and coalesces the checkpoints signed meanwhile', async () => {
    const w = await runWitness(join(folder, 'state-1.json'), 2);
    const witnessing = new Witnessing(
      store,
      [{ url: w.url, key: witness.verifierKey, name: witness.name }],
      log,
      { retryMs: 10, maxRetryMs: 50, timeoutMs: 5_000 },
    );
    for (let i = 0; i < 5; i++) witnessing.notify();
    const size = await store.size();
    await until(async () => (await store.cosignatures(size)).length === 1);
    await witnessing.close();
    await w.close();
    // Two dropped connections, then one request: the five notices made one.
    expect(messages.filter((m) => m.startsWith('warn ')).length).toBe(2);
    expect(w.seen).toHaveLength(1);
    expect(w.service.latest(logKey.split('+')[0]!)?.size).toBe(size);
  });
});
