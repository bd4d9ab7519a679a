/**
 * Long work shows its progress on standard error, at most once a second: export and verify as the
 * audit does. The clock is made to run fast so that a small record is long enough.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';

/** Every reading of the clock is two seconds after the one before. */
function fastClock(): void {
  let now = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => (now += 2000));
}

afterEach(() => {
  vi.restoreAllMocks();
});

for (const backend of BACKENDS) {
  describe(`progress on ${backend.name}`, () => {
    it('of export bundle and of verify: entries done of all, on standard error only', async () => {
      const handle = await backend.fresh();
      const dir = mkdtempSync(join(tmpdir(), 'collegium-long-'));
      try {
        const db = ['--db', handle.location];
        const replay = await cli(
          'replay',
          COOPERATIVE.proceedings[0]!,
          '--charter',
          COOPERATIVE.charter,
          ...db,
        );
        expect(replay.code, replay.err).toBe(0);
        const size = Number((await cli('checkpoint', ...db)).out.split('\n')[1]);
        const logKey = (await cli('log-key', ...db)).out.trim();
        const file = join(dir, 'bundle.json');

        fastClock();
        const exported = await cli('export', 'bundle', '-o', file, ...db);
        expect(exported.code, exported.err).toBe(0);
        const exportLines = exported.err.trimEnd().split('\n');
        expect(exportLines.length).toBeGreaterThan(2);
        for (const line of exportLines) expect(line).toMatch(/^export: \d+ of \d+ entries proven$/);
        expect(exportLines.at(-1)).toBe(`export: ${size} of ${size} entries proven`);
        expect(exported.out).not.toMatch(/export:/);

        const verified = await cli('verify', file, '--log-key', logKey);
        expect(verified.code, verified.err).toBe(0);
        const verifyLines = verified.err.trimEnd().split('\n');
        expect(verifyLines.length).toBeGreaterThan(2);
        for (const line of verifyLines)
          expect(line).toMatch(/^verify: \d+ of \d+ entries verified$/);
        expect(verifyLines.at(-1)).toBe(`verify: ${size} of ${size} entries verified`);
        expect(verified.out).toMatch(/the bundle verifies/);
      } finally {
        vi.restoreAllMocks();
        rmSync(dir, { recursive: true, force: true });
        await handle.dispose();
      }
    });
  });
}
