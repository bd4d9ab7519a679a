/**
 * The rehearsal of recording a server runs before it listens: ballots cast on a scratch record
 * through the server's own code and verifying threads, the record itself untouched, and a
 * rehearsal that fails only a warning.
 */
import { describe, expect, it } from 'vitest';
import { inlineSignatureVerifier, signatureVerifier } from '../../src/app/verify-pool.js';
import type { SignatureVerifier } from '../../src/app/verify-pool.js';
import { rehearse, rehearseLogged } from '../../src/server/rehearsal.js';
import { newLedger, testServer } from './support.js';

/** A log that keeps what it is told. */
function keptLog() {
  const lines: { level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: 'info' | 'warn') =>
    (fields: Record<string, unknown>, message: string): void =>
      void lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn') };
}

describe('rehearse', () => {
  it('records every round of ballots, checked on the verifying threads', async () => {
    const verifier = signatureVerifier(2);
    try {
      expect(await rehearse(verifier, { members: 20, rounds: 2 })).toBe(40);
      expect(await rehearse(verifier)).toBe(96);
    } finally {
      await verifier.close();
    }
  });

  it('fails where a ballot is refused: a verifier that refuses every signature', async () => {
    const refusing: SignatureVerifier = {
      verify: async (items) => items.map(() => false),
      close: async () => undefined,
    };
    await expect(rehearse(refusing, { members: 4, rounds: 1 })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('is logged with its ballots and time, or as a warning when it fails', async () => {
    const log = keptLog();
    await rehearseLogged(inlineSignatureVerifier(), log);
    const failing: SignatureVerifier = {
      verify: () => Promise.reject(new Error('threads gone')),
      close: async () => undefined,
    };
    await rehearseLogged(failing, log);
    expect(log.lines.map((l) => [l.level, l.message])).toEqual([
      ['info', 'recording rehearsed'],
      ['warn', 'rehearsing recording failed'],
    ]);
    expect(log.lines[0]!.fields).toMatchObject({ ballots: 96, ms: expect.any(Number) });
    expect(String(log.lines[1]!.fields['err'])).toContain('threads gone');
  });
});

describe('a server that rehearses', () => {
  it('is ready with its record untouched', async () => {
    const ledger = await newLedger();
    const before = { size: await ledger.store.size(), state: ledger.state.size };
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const app = testServer({ ledger, rehearse: true, logger: { level: 'info', stream } });
    try {
      await app.ready();
      expect(lines.map((l) => JSON.parse(l) as object)).toContainEqual(
        expect.objectContaining({ msg: 'recording rehearsed', ballots: 96 }),
      );
      expect(await ledger.store.size()).toBe(before.size);
      expect(ledger.state.size).toBe(before.state);
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await ledger.store.close();
    }
  });
});
