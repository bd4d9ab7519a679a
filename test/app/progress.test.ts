/** Progress of long work: the audit reports each phase, and the CLI prints at most once a second. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { audit } from '../../src/app/audit.js';
import type { AuditProgress } from '../../src/app/audit.js';
import { progressPrinter } from '../../src/cli/progress.js';
import { openStore } from '../../src/store/index.js';
import { replayExample } from '../support/records.js';

describe('progress', () => {
  it('of an audit: the entries to the last, then the tree', async () => {
    const store = await openStore(
      join(mkdtempSync(join(tmpdir(), 'collegium-progress-')), 'r.db'),
      { create: true },
    );
    try {
      await replayExample(store);
      const size = await store.size();
      const seen: AuditProgress[] = [];
      expect((await audit(store, { onProgress: (p) => seen.push(p) })).ok).toBe(true);
      const entries = seen.filter((p) => p.phase === 'entries');
      expect(entries.at(-1)).toEqual({ phase: 'entries', done: size, total: size });
      expect(seen.some((p) => p.phase === 'tree')).toBe(true);
      expect(seen.findIndex((p) => p.phase === 'tree')).toBeGreaterThan(
        seen.lastIndexOf(entries.at(-1)!),
      );
    } finally {
      await store.close();
    }
  });

  it('printed at most once a second, and not at all for work done within one', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const quick = progressPrinter((t) => lines.push(t), false);
      quick.update('a');
      quick.done();
      expect(lines).toEqual([]);
      const slow = progressPrinter((t) => lines.push(t), true);
      vi.advanceTimersByTime(1100);
      slow.update('b');
      slow.update('c');
      vi.advanceTimersByTime(1100);
      slow.update('d');
      slow.done();
      expect(lines).toEqual(['\rb', '\rd', '\n']);
    } finally {
      vi.useRealTimers();
    }
  });
});
