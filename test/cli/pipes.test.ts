/**
 * Files given as pipes: a named pipe no program writes to is refused in words at once (a plain
 * opening would wait for a writer forever), and a pipe a program writes to, however slowly (as
 * `<(cat file)` gives one), is read to its end. Run as processes: a read that hangs would hang
 * the test's own process.
 */
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'collegium-pipes-'));

/** The command run as a process by bash (for `<(…)`), killed if it runs 20 s. */
function run(command: string) {
  const entry = join(ROOT, 'test/server/cli-entry.ts');
  const script = `exec "$0" --import tsx "${entry}" ${command}`;
  const child = spawn('bash', ['-c', script, process.execPath], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, out });
    }),
  );
}

it('refuses a named pipe that no program writes to, at once, exit 1', async () => {
  const fifo = join(dir, 'charter.yaml');
  execFileSync('mkfifo', [fifo]);
  const r = await run(`charter check "${fifo}"`);
  expect(r.code, r.out).toBe(1);
  expect(r.out).toContain(`${fifo}: a pipe that gave nothing to read (no program writes to it)`);
  expect(r.out).not.toMatch(STACK_LINE);
}, 30_000);

it('reads a pipe whose writer is slow to write, to its end', async () => {
  // Half the file at once, the rest after a pause: the command waits for it, as cat would.
  const half = Math.floor(readFileSync(COOPERATIVE.charter).length / 2);
  const file = COOPERATIVE.charter;
  const r = await run(
    `charter check <(head -c ${half} "${file}"; sleep 0.5; tail -c +${half + 1} "${file}")`,
  );
  expect(r.code, r.out).toBe(0);
  expect(r.out).toMatch(/^\/dev\/fd\/\d+: valid$/m);
}, 30_000);

it('refuses a named pipe given as a record, to read or to copy into, at once, exit 1', async () => {
  const fifo = join(dir, 'record.db');
  execFileSync('mkfifo', [fifo]);
  const source = join(dir, 'source.db');
  expect((await run(`init --charter "${COOPERATIVE.charter}" --db "${source}"`)).code).toBe(0);
  for (const command of [`log --db "${fifo}"`, `migrate --from "${source}" --to "${fifo}"`]) {
    const r = await run(command);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(`${fifo} is a named pipe, not a Collegium record`);
    expect(r.out).not.toMatch(STACK_LINE);
  }
}, 60_000);

describe('a file written (-o) that is a pipe or a link', () => {
  it('writes into a named pipe a program reads slowly, whole, and leaves it a pipe', async () => {
    // A record whose bundle is larger than a pipe holds (64 KiB): the writer waits on its reader.
    const db = join(dir, 'written.db');
    expect((await run(`demo --db "${db}"`)).code).toBe(0);
    const fifo = join(dir, 'bundle.fifo');
    const out = join(dir, 'bundle.json');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('sh', ['-c', `cat "${fifo}" | (sleep 1; cat) > "${out}"`]);
    const done = new Promise((resolve) => reader.on('exit', resolve));
    try {
      const r = await run(`export bundle --db "${db}" --from 0 -o "${fifo}"`);
      expect(r.code, r.out).toBe(0);
      await done;
    } finally {
      reader.kill();
    }
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as { entries: unknown[] };
    expect(readFileSync(out).length).toBeGreaterThan(1 << 16);
    expect(bundle.entries.length).toBeGreaterThan(100);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    // No program reads it now: refused at once, the pipe left as it is.
    const unread = await cli('export', 'bundle', '--db', db, '--from', '0', '-o', fifo);
    expect(unread.code).toBe(1);
    expect(unread.err).toBe(
      `collegium: ${fifo}: a pipe that no program reads from: nothing written\n`,
    );
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 60_000);

  it('writes through a link to the file it names, and leaves the link', async () => {
    const db = join(dir, 'linked.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
    const target = join(dir, 'target.json');
    const link = join(dir, 'link.json');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    expect((await cli('export', 'bundle', '--db', db, '--from', '0', '-o', link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ range: { first: 0 } });
  });
});
