/**
 * The server and the snapshots of the state: it logs how it opened the record (and a snapshot it
 * did not use, with the reason, as a warning), logs each snapshot its ledger writes as it records,
 * and lets one being written finish before it closes.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_SECRET, Ledger } from '../../src/app/ledger.js';
import { attendance, openSession, record } from '../../src/app/proceedings.js';
import { snapshotDigest } from '../../src/app/snapshots.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { recordFile, testServer } from './support.js';

/** Pino's JSON lines, as the server writes them. */
function logLines(): { stream: Writable; lines: { level: number; msg: string }[] } {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { stream, lines };
}

const INFO = 30;
const WARN = 40;

describe('the server and snapshots', () => {
  const stores: RecordStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  const open = async (path: string) => {
    const store = await openStore(path, { create: false });
    stores.push(store);
    return store;
  };

  it('logs the opening and each snapshot written, and waits for one being written to close', async () => {
    const path = await recordFile();
    const ledger = await Ledger.open(await open(path), { snapshotEvery: 2 });
    const { stream, lines } = logLines();
    const app = testServer({ ledger, logger: { level: 'info', stream } });
    await app.ready();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: INFO, msg: 'record opened', size: 1, folded: 1 }),
    );
    await record(ledger, openSession({ session: 's1', body: 'board', title: 'Meeting' }));
    for (const person of ['ada', 'ben', 'cy'])
      await record(ledger, attendance('arrive', 's1', person));
    // Closing waits for the snapshot being written: the store is closed after the server.
    await app.close();
    const written = lines.filter((l) => l.msg === 'snapshot written');
    expect(written.length).toBeGreaterThanOrEqual(1);
    const store = await open(path);
    expect((await store.snapshotSizes()).at(-1)).toBeGreaterThanOrEqual(3);
    expect(lines.filter((l) => l.level >= WARN)).toEqual([]);
  });

  it('warns of a snapshot it could not use, with the reason', async () => {
    const path = await recordFile();
    const first = await Ledger.open(await open(path), { snapshotEvery: 1 });
    await record(first, openSession({ session: 's1', body: 'board', title: 'Meeting' }));
    const store = await open(path);
    const written = (await Ledger.open(store, { snapshotEvery: 1 })).opening!;
    expect(written.written).toBe(2);
    const snapshot = (await store.snapshot())!;
    const stale = { ...snapshot, version: 'collegium 0.0.0; snapshot format 0; code 0' };
    const key = (await store.secret(LOG_SECRET))!;
    await store.putSnapshot({ ...stale, digest: snapshotDigest(key, stale) }, [], 2);

    const ledger = await Ledger.open(await open(path), { snapshotEvery: 1 });
    const { stream, lines } = logLines();
    const app = testServer({ ledger, logger: { level: 'warn', stream } });
    await app.ready();
    await app.close();
    expect(lines).toEqual([
      expect.objectContaining({
        level: WARN,
        msg: expect.stringMatching(
          /^the latest snapshot \(size 2\) was not used: it was made by another version \(collegium 0\.0\.0; .*\); the state was folded from entry 0$/,
        ),
      }),
    ]);
    expect(ledger.opening).toMatchObject({ folded: 2, written: 2 });
  });
});
