/** The repository tests itself: nothing in it reaches for files beside the clone. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);
const OUTSIDE = /\.\.\/shared\b|\bshared\/(test-vectors|scenario)\b/;

describe('the repository', () => {
  it('reads nothing from beside the clone in its code, tests, scripts or CI', () => {
    const files = execFileSync(
      'git',
      ['ls-files', 'src', 'test', 'scripts', 'bench', '.ci', 'bin'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((f) => f && !f.startsWith('test/vectors/') && f !== 'test/repository.test.ts');
    const reaching = files.filter((f) => OUTSIDE.test(readFileSync(new URL(f, ROOT), 'utf8')));
    expect(reaching).toEqual([]);
  });

  it('keeps the published vectors with their sources', () => {
    const index = JSON.parse(readFileSync(new URL('test/vectors/INDEX.json', ROOT), 'utf8')) as {
      files: { file: string; source: string }[];
    };
    expect(index.files.length).toBeGreaterThan(0);
    for (const { file, source } of index.files) {
      expect(source).not.toBe('');
      expect(() => readFileSync(new URL(`test/vectors/${file}`, ROOT))).not.toThrow();
    }
  });
});
