/**
 * Histories not seen before: the bundled proceedings files, each changed in one or two places
 * (a value replaced by another of the file's or a hostile one, an entry of a map removed, an item
 * of a list repeated), replayed into a new record. Whatever the change, replay either records the
 * whole file, and the record audits, or refuses it with every problem at its place in the file
 * and creates nothing: never a stack trace, never a record half made.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { EXAMPLES } from '../support/examples.js';
import { cli, STACK_LINE } from '../support/cli.js';
import { change, yamlChange } from '../support/yaml-changes.js';

/** Files that replay on their example's first charter alone. */
const FILES = [
  ...[
    '1917-11-16',
    '1918-01-15',
    '1918-01-24',
    '1918-02-18',
    '1918-02-21',
    '1920-05-05',
    '1920-09-24',
  ].map((day) => ['central-committee-1918', `${day}.yaml`] as const),
  ...['2025-09-10', '2026-06-10'].map((day) => ['cooperative-board', `${day}.yaml`] as const),
];

describe('replay of proceedings changed in one or two places', () => {
  it('records the whole file and audits, or refuses it at its places and creates nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'collegium-mutated-proceedings-'));
    // Beside the examples' own files, so that what a file names relative to itself is there.
    for (const example of new Set(FILES.map(([e]) => e)))
      cpSync(join(EXAMPLES, example), join(work, example), { recursive: true });
    const outcomes = { recorded: 0, refused: 0 };
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES),
        fc.array(yamlChange, { minLength: 1, maxLength: 2 }),
        async ([example, name], changes) => {
          const doc = parseDocument(readFileSync(join(EXAMPLES, example, name), 'utf8'));
          for (const c of changes) change(doc, c);
          const file = join(work, example, `changed-${name}`);
          writeFileSync(file, doc.toString());
          const db = join(work, `run-${run++}.db`);
          const charter = join(work, example, 'charter.yaml');
          const r = await cli('replay', file, '--charter', charter, '--db', db);
          expect(r.err, 'no stack trace').not.toMatch(STACK_LINE);
          if (r.code === 0) {
            outcomes.recorded++;
            const audited = await cli('audit', '--db', db);
            expect(audited.code, audited.err).toBe(0);
          } else {
            outcomes.refused++;
            expect(r.code, r.err).toBe(1);
            expect(existsSync(db), 'a refused file creates no record').toBe(false);
            // Every problem is named at its place: this file's, or a file it names, line and column.
            const located = r.err.split('\n').filter((line) => /:\d+:\d+: /.test(line));
            expect(located.length, r.err).toBeGreaterThan(0);
            expect(r.err).toContain(basename(file));
          }
          rmSync(db, { force: true });
        },
      ),
      { numRuns: 120 },
    );
    // Both outcomes are reached: the changes are neither all harmless nor all caught by the form.
    expect(outcomes.recorded).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 180_000);
});
