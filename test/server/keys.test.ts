/**
 * Keys made ready in the background: every key the record holds, a slice at a time between
 * other work, until told to stop; a key made so is the one a member's acts are checked with.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { toBase64 } from '../../src/core/bytes.js';
import { PersonKeys } from '../../src/server/keys.js';
import { assemblyCharter, enrolledLedger, testServer, votersOf } from './support.js';

describe('keys made ready in the background', () => {
  const voters = votersOf(80);
  let ledger: Ledger;
  let publicKeys: Map<string, string>;

  beforeAll(async () => {
    const made = await enrolledLedger([...voters, 'sec'], assemblyCharter(voters));
    ledger = made.ledger;
    publicKeys = new Map([...made.keys].map(([p, pair]) => [p, toBase64(pair.publicKey)]));
  });
  afterAll(() => ledger.store.close());

  it('are every key the record holds, made once, in slices with turns between them', async () => {
    const keys = new PersonKeys();
    let turns = 0;
    let counting = true;
    const count = (): void => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    expect(
      await keys.makeAllReady(
        () => ledger.state,
        () => false,
      ),
    ).toBe(voters.length + 1);
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(
      await keys.makeAllReady(
        () => ledger.state,
        () => false,
      ),
    ).toBe(0);
    const ready = keys.of(ledger.state, 'v07', publicKeys.get('v07')!);
    expect(ready?.object.asymmetricKeyType).toBe('ed25519');
    expect(ready?.object.export({ format: 'der', type: 'spki' }).subarray(-32)).toEqual(
      Buffer.from(publicKeys.get('v07')!, 'base64'),
    );
  });

  it('stop when told, between slices', async () => {
    const keys = new PersonKeys();
    let slices = 0;
    const made = await keys.makeAllReady(
      () => ledger.state,
      () => ++slices > 1,
    );
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(voters.length);
  });
});

describe('a server whose keys cannot all be made ready', () => {
  it('logs a warning and goes on serving', async () => {
    const { ledger } = await enrolledLedger(['sec', 'ada']);
    // A key no record holds (charters and enrolments are checked before they are recorded): the
    // background work fails on it, which must cost the server a warning and nothing else.
    ledger.state.enrolled.set('ada', ['not base64!']);
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const app = testServer({ ledger, logger: { level: 'warn', stream } });
    const warned = () =>
      lines
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .some((l) => l.level === 40 && l.msg === 'making keys ready failed');
    try {
      await app.ready();
      await vi.waitFor(() => expect(warned()).toBe(true));
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await ledger.store.close();
    }
  });
});
