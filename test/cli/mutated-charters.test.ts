/**
 * Charters not seen before: the bundled ones, each changed in one or two places (a value replaced
 * by another of the file's or a hostile one, an entry of a map removed, an item of a list
 * repeated). Whatever the change, `init` either creates a record that audits and that `people`,
 * `charter show` and `log` read, or refuses the charter with every problem at its place and
 * creates nothing: never a stack trace.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { EXAMPLES } from '../support/examples.js';
import { cli, STACK_LINE } from '../support/cli.js';
import { change, yamlChange } from '../support/yaml-changes.js';

const CHARTERS = [
  'central-committee-1918/charter.yaml',
  'cooperative-board/charter.yaml',
  'cooperative-board/charter-2026-06.yaml',
];

describe('init with a charter changed in one or two places', () => {
  it('makes a record that audits and reads, or refuses the charter at its places', async () => {
    const work = mkdtempSync(join(tmpdir(), 'collegium-mutated-charters-'));
    const outcomes = { created: 0, refused: 0 };
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CHARTERS),
        fc.array(yamlChange, { minLength: 1, maxLength: 2 }),
        async (name, changes) => {
          const doc = parseDocument(readFileSync(join(EXAMPLES, name), 'utf8'));
          for (const c of changes) change(doc, c);
          const file = join(work, `charter-${run}.yaml`);
          const db = join(work, `record-${run++}.db`);
          writeFileSync(file, doc.toString());
          const made = await cli('init', '--charter', file, '--db', db);
          expect(made.err, 'no stack trace').not.toMatch(STACK_LINE);
          if (made.code !== 0) {
            outcomes.refused++;
            expect(made.code, made.err).toBe(1);
            expect(existsSync(db), 'a refused charter creates no record').toBe(false);
            const located = made.err.split('\n').filter((line) => line.startsWith(`${file}:`));
            expect(
              located.some((line) => /^:\d+:\d+: /.test(line.slice(file.length))),
              made.err,
            ).toBe(true);
            return;
          }
          outcomes.created++;
          for (const args of [['audit'], ['people'], ['charter', 'show'], ['log']]) {
            const read = await cli(...args, '--db', db);
            expect(read.code, `${args.join(' ')}: ${read.err}`).toBe(0);
          }
        },
      ),
      { numRuns: 100 },
    );
    // Both outcomes are reached: the changes are neither all harmless nor all caught.
    expect(outcomes.created).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 180_000);
});
