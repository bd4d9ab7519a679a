/**
 * Keys made ready in the background: every key the record holds, a slice at a time between
 * other work, until told to stop; a key made so is the one a member's acts are checked with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { toBase64 } from '../../src/core/bytes.js';
import { PersonKeys } from '../../src/server/keys.js';
import { assemblyCharter, enrolledLedger, votersOf } from './support.js';

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
