/**
 * A real `collegium witness serve` and real `collegium serve` processes on SQLite: the server's
 * checkpoint comes back cosigned after an act, one the command line records beside it too; a rewritten history under the same log key, served
 * from a copy of the record, is refused by the witness.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyCosignatures } from '../../src/verify/cosignature.js';
import { parseVerifierKey, verifyCheckpoint } from '../../src/verify/note.js';
import { DemoClient } from '../e2e/demo-client.js';
import { cli } from '../support/cli.js';
import { cliProcess, serveProcess } from './process.js';
import type { ServeProcess } from './process.js';

const folder = mkdtempSync(join(tmpdir(), 'collegium-witnessed-'));
const running: ServeProcess[] = [];

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

function start(process: ServeProcess): ServeProcess {
  running.push(process);
  return process;
}

interface CheckpointAnswer {
  size: number;
  note: string;
  cosigned: string[];
}

async function checkpoint(url: string): Promise<CheckpointAnswer> {
  const response = await fetch(`${url}/api/checkpoint`);
  expect(response.status).toBe(200);
  return (await response.json()) as CheckpointAnswer;
}

/** Polls until the server's checkpoint of `size` is cosigned, and returns it. */
async function cosignedAt(url: string, size: number, ms = 15_000): Promise<CheckpointAnswer> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await checkpoint(url);
    if (answer.size === size && answer.cosigned.length > 0) return answer;
    if (Date.now() > deadline)
      throw new Error(`not cosigned in ${ms} ms: ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openSession(url: string, session: string, title: string): Promise<void> {
  await (
    await DemoClient.as(url, 'hana')
  ).act('session.open', {
    session,
    body: 'board',
    mode: 'live',
    title,
  });
}

describe('collegium witness serve with collegium serve', () => {
  it(
    'cosigns the server’s checkpoints, and refuses a rewritten history under the same log key',
    { timeout: 120_000 },
    async () => {
      // The demo record, made once; its log key is what the witness is told to trust.
      const data = join(folder, 'a');
      const first = start(serveProcess(['--demo', '--data', data, '--port', '0']));
      const logKey = (
        (await (await fetch(`${await first.url()}api/log-key`)).json()) as { logKey: string }
      ).logKey;
      await first.stop();
      // A copy of the record as it is now: the history that will be rewritten.
      cpSync(data, join(folder, 'b'), { recursive: true });

      const keyFile = join(folder, 'witness.key');
      const made = await cli(
        '--json',
        'witness',
        'key',
        '--name',
        'witness.example/w1',
        '-o',
        keyFile,
      );
      expect(made.code, made.err).toBe(0);
      const witnessKey = (JSON.parse(made.out) as { verifierKey: string }).verifierKey;
      expect((await cli('witness', 'key', '--name', 'w', '-o', keyFile)).err).toMatch(
        /exists already/,
      );
      writeFileSync(join(folder, 'logs.yaml'), `logs:\n  - key: ${logKey}\n`);
      const witness = start(
        cliProcess([
          'witness',
          'serve',
          '--key',
          keyFile,
          '--logs',
          join(folder, 'logs.yaml'),
          '--port',
          '0',
        ]),
      );
      const witnessUrl = await witness.url();
      const witnesses = join(folder, 'witnesses.yaml');
      writeFileSync(witnesses, `witnesses:\n  - url: ${witnessUrl}\n    key: ${witnessKey}\n`);

      // The record served with the witness: its checkpoint is cosigned, and again after an act.
      const a = start(
        serveProcess(['--demo', '--data', data, '--port', '0', '--witnesses', witnesses]),
      );
      const url = (await a.url()).replace(/\/$/, '');
      const initial = await checkpoint(url);
      await cosignedAt(url, initial.size);
      await openSession(url, 'witnessed', 'Witnessed');
      const after = await cosignedAt(url, initial.size + 1);
      expect(after.cosigned).toEqual(['witness.example/w1']);
      const check = await verifyCosignatures(after.note, [witnessKey]);
      expect(check.valid.map((c) => c.name)).toEqual(['witness.example/w1']);
      // Still a checkpoint the log key verifies, the cosignature beside its signature.
      expect((await verifyCheckpoint(after.note, await parseVerifierKey(logKey))).size).toBe(
        after.size,
      );

      // The copy, another act in it: another history of the same size under the same log key.
      const b = start(
        serveProcess([
          '--demo',
          '--data',
          join(folder, 'b'),
          '--port',
          '0',
          '--witnesses',
          witnesses,
        ]),
      );
      const forkUrl = (await b.url()).replace(/\/$/, '');
      await openSession(forkUrl, 'rewritten', 'Rewritten');
      const forked = await checkpoint(forkUrl);
      expect(forked.size).toBe(after.size);
      expect(forked.note).not.toBe(after.note);
      const refusal = new RegExp(
        `witness witness\\.example/w1: refused the checkpoint of size ${forked.size} \\(422\\): log \\S+: checkpoint of size ${forked.size} does not extend the last checkpoint this witness cosigned \\(size ${after.size}\\)`,
      );
      const deadline = Date.now() + 15_000;
      while (!refusal.test(b.output()) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(b.output()).toMatch(refusal);
      expect(witness.output()).toMatch(/422: log \S+: checkpoint of size \d+ does not extend/);
      expect((await checkpoint(forkUrl)).cosigned).toEqual([]);
      // The witness still stands by the first history.
      expect((await checkpoint(url)).cosigned).toEqual(['witness.example/w1']);

      // An act the command line records beside the server: its checkpoint is witnessed too.
      const keys = JSON.parse(readFileSync(join(data, 'demo-keys.json'), 'utf8')) as {
        keys: Record<string, { publicKey: string; privateKey: string }>;
      };
      const hanaKey = join(folder, 'hana.key');
      writeFileSync(
        hanaKey,
        JSON.stringify({ type: 'collegium-ed25519-private-key', ...keys.keys.hana }),
      );
      const beside = await cli(
        ...['session', 'open', 'beside', '--body', 'board', '--key', hanaKey],
        ...['--db', join(data, 'collegium.db')],
      );
      expect(beside.code, beside.err).toBe(0);
      expect((await cosignedAt(url, after.size + 1)).cosigned).toEqual(['witness.example/w1']);
    },
  );
});
