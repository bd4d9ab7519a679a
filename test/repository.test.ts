/** The repository tests itself: nothing in it reaches for files beside the clone. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import semver from 'semver';
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

  const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
    engines: { node: string };
    dependencies: Record<string, string>;
  };

  it('runs on every Node.js version it declares: no installed dependency asks for more', () => {
    const oldest = semver.minVersion(manifest.engines.node)!.version;
    const lock = JSON.parse(readFileSync(new URL('package-lock.json', ROOT), 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean; engines?: { node?: string } }>;
    };
    const demanding = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !p.dev && p.engines?.node !== undefined)
      .filter(([, p]) => !semver.satisfies(oldest, p.engines!.node!))
      .map(([path, p]) => `${path} needs node ${p.engines!.node}`);
    expect(demanding).toEqual([]);
  });

  it('depends at run time only on what its code imports', () => {
    const code = execFileSync('git', ['grep', '-h', '-o', "from '[^']*'", '--', 'src', 'bin'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const unused = Object.keys(manifest.dependencies).filter(
      (name) => !code.includes(`from '${name}'`) && !code.includes(`from '${name}/`),
    );
    expect(unused).toEqual([]);
  });
});
