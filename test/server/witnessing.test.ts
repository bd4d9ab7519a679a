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
    const warned = messages.filter((m) => m.startsWith('warn '));
    expect(warned.length).toBe(2);
    // Each says why, not only fetch's "fetch failed".
    for (const warning of warned) expect(warning).toMatch(/not reached \(fetch failed: \w.+\)/);
    expect(w.seen).toHaveLength(1);
    expect(w.service.latest(logKey.split('+')[0]!)?.size).toBe(size);
  });

  it('reads no more of an answer than a witness gives, and logs a refusal on one short line', async () => {
    const answers = [
      { status: 200, body: 'x'.repeat(10 * 1024 * 1024) },
      { status: 200, body: 'no signature line' },
      { status: 422, body: `no\n${'forged log line\n'.repeat(1000)}` },
    ];
    const hostile = cosigner('witness.example/w2', new Uint8Array(32).fill(6));
    for (const answer of answers) {
      const server = createServer((request, response) => {
        request.resume();
        response.writeHead(answer.status, { 'content-type': 'text/plain' });
        response.end(answer.body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      messages.length = 0;
      const witnessing = new Witnessing(
        store,
        // Another witness than the one above, which cosigned the latest checkpoint already.
        [{ url, key: hostile.verifierKey, name: hostile.name }],
        log,
        { retryMs: 10, maxRetryMs: 50, timeoutMs: 5_000 },
      );
      witnessing.notify();
      await until(() => messages.some((m) => m.startsWith('error ')));
      await witnessing.close();
      await new Promise((resolve) => server.close(resolve));
      const [refused] = messages.filter((m) => m.startsWith('error '));
      expect(refused!.length).toBeLessThan(400);
      expect(refused).not.toContain('\n');
      expect(refused).toMatch(
        answer.status === 422
          ? /refused the checkpoint of size \d+ \(422\): no forged log line forged .*…$/
          : answer.body.length > 1000
            ? /: answered 200 with more than the 64 KiB a witness answers$/
            : /: answered without a valid cosignature of size \d+$/,
      );
      // Refused, it is not taken for a witness not reached, and not asked again and again.
      expect(messages.filter((m) => m.startsWith('warn '))).toEqual([]);
    }
  });
});
