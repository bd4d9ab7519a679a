/**
 * A demo start that loses the race to create its record opens it again, a few times: a race that
 * never settles (the place always taken, no record ever there) ends in the conflict, not a loop.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDemo } from '../../src/app/demo.js';
import { StoreConflict } from '../../src/store/index.js';

const opened = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../src/store/index.js', async (original) => {
  const real = await original<typeof import('../../src/store/index.js')>();
  return {
    ...real,
    openStore: async (...args: Parameters<typeof real.openStore>) => {
      opened.count++;
      const store = await real.openStore(...args);
      // Another start always creates it first, and never finishes.
      store.create = () => Promise.reject(new real.StoreConflict('another start made it'));
      return store;
    },
  };
});

describe('the demo’s creation, raced for ever', () => {
  const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-race-'));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gives up after five attempts with the conflict, leaving no keys behind', async () => {
    const db = join(folder, 'demo.db');
    const start = openDemo({ db, folder, example: 'cooperative-board' });
    await expect(start).rejects.toBeInstanceOf(StoreConflict);
    expect(opened.count).toBe(5);
    expect(readdirSync(folder).filter((name) => name.includes('key'))).toEqual([]);
  });
});
