/** collegium witness key and witness serve, and serve --witnesses, as an operator uses them. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatVerifierKey, noteSigner } from '../../src/record/note.js';
import { parseCosignerKey } from '../../src/record/witness.js';
import { cliProcess } from '../server/process.js';
import { cli, STACK_LINE } from '../support/cli.js';

const folder = mkdtempSync(join(tmpdir(), 'collegium-witness-cli-'));

describe('collegium witness key', () => {
  it('writes a key only its owner reads, prints its verifier key, and never overwrites it', async () => {
    const file = join(folder, 'w.key');
    const made = await cli('witness', 'key', '--name', 'witness.example/w1', '-o', file);
    expect(made.code, made.err).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = parseCosignerKey(readFileSync(file, 'utf8').trim());
    expect(made.out).toContain(`verifier key: ${key.verifierKey}`);
    expect(key.verifierKey).toMatch(/^witness\.example\/w1\+[0-9a-f]{8}\+B/);
    const again = await cli('witness', 'key', '--name', 'witness.example/w1', '-o', file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/exists already: a key file is never overwritten/);
    expect(parseCosignerKey(readFileSync(file, 'utf8').trim()).verifierKey).toBe(key.verifierKey);
  });

  it('refuses a name that is not a key name', async () => {
    const made = await cli('witness', 'key', '--name', 'two words', '-o', join(folder, 'x.key'));
    expect(made.code).toBe(2);
    expect(made.err).toMatch(/--name: invalid key name/);
  });

  it('has help that says what the commands do', async () => {
    const help = await cli('witness', 'serve', '--help');
    expect(help.out).toMatch(/--logs <file>/);
    expect(help.out).toMatch(/--state <file>/);
    expect((await cli('witness', '--help')).out).toMatch(/rewritten history is refused/);
  });
});

describe('collegium witness serve at work', () => {
  it('logs what a client sent as text to read: an escape sequence is shown, not obeyed', async () => {
    const key = join(folder, 'logging.key');
    await cli('witness', 'key', '--name', 'w.example/l', '-o', key);
    const log = noteSigner('log.example/a', new Uint8Array(32).fill(3));
    const logs = join(folder, 'logging.yaml');
    writeFileSync(logs, `logs:\n  - key: ${formatVerifierKey(log.name, log.publicKey)}\n`);
    const witness = cliProcess(['witness', 'serve', '--key', key, '--logs', logs, '--port', '0']);
    try {
      const url = await witness.url();
      const origin = 'log.example/\u001b]0;owned\u0007\u001b[2J';
      const answer = await fetch(`${url}add-checkpoint`, {
        method: 'POST',
        body: `old 0\n\n${origin}\n1\nAAAA\n\n`,
      });
      expect(answer.status).toBe(404);
      await answer.text();
      await until(() => witness.output().includes('404: '));
      expect(witness.output()).toContain(
        'witness: 404: this witness does not witness the log log.example/\\x1b]0;owned\\x07\\x1b[2J\n',
      );
      expect(witness.output()).not.toContain('\u001b');
      expect(witness.output()).not.toContain('\u0007');
    } finally {
      await witness.stop();
    }
  });
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !check();) {
    if (Date.now() > deadline) throw new Error(`not so in ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the witness files, read by the commands', () => {
  it('witness serve locates each problem of its logs file', async () => {
    const key = join(folder, 'serve.key');
    await cli('witness', 'key', '--name', 'w.example/s', '-o', key);
    const logs = join(folder, 'logs.yaml');
    writeFileSync(logs, 'logs:\n  - key: nonsense\n');
    const run = await cli('witness', 'serve', '--key', key, '--logs', logs, '--port', '0');
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${logs}:2:10: malformed verifier key`);
    expect(run.err).not.toMatch(STACK_LINE);
  });

  it('witness serve refuses an empty --host (every interface, unsaid) and an empty --state', async () => {
    const key = join(folder, 'empty.key');
    await cli('witness', 'key', '--name', 'w.example/e', '-o', key);
    const log = noteSigner('log.example/e', new Uint8Array(32).fill(5));
    const logs = join(folder, 'empty-logs.yaml');
    writeFileSync(logs, `logs:\n  - key: ${formatVerifierKey(log.name, log.publicKey)}\n`);
    const serve = (...more: string[]) =>
      cli('witness', 'serve', '--key', key, '--logs', logs, '--port', '0', ...more);
    expect(await serve('--host', '')).toEqual({
      code: 2,
      out: '',
      err: "collegium: --host: '' is no address: give one (0.0.0.0 for every interface)\n",
    });
    expect(await serve('--state', '')).toEqual({
      code: 2,
      out: '',
      err: "collegium: '' is no file name: give the file's name\n",
    });
  });

  it('witness serve refuses a key file that is not a witness key', async () => {
    const file = join(folder, 'not.key');
    writeFileSync(file, 'hello\n');
    const run = await cli('witness', 'serve', '--key', file, '--logs', join(folder, 'logs.yaml'));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/not\.key: not a witness key/);
  });

  it('serve --witnesses locates each problem of its file', async () => {
    const witnesses = join(folder, 'witnesses.yaml');
    writeFileSync(witnesses, 'witnesses:\n  - url: http://127.0.0.1:9\n    kee: x\n');
    const run = await cli('serve', '--witnesses', witnesses, '--db', join(folder, 'none.db'));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${witnesses}:3:5: unknown key 'kee'`);
  });
});
