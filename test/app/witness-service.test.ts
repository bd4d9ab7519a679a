/**
 * The witness at work (src/app/witness-service.ts): answers with the spec's statuses, keeps its
 * state across a restart, and takes one request of a log at a time.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWitnessList, loadWitnessLogs, witnessState } from '../../src/app/witness-files.js';
import { WitnessService } from '../../src/app/witness-service.js';
import { signCheckpoint } from '../../src/record/checkpoint.js';
import { consistencyProof, leafHash, MemoryNodes, rootAt } from '../../src/record/merkle.js';
import { formatVerifierKey, noteSigner, noteVerifier, utf8 } from '../../src/record/note.js';
import { cosigner, formatAddCheckpoint } from '../../src/record/witness.js';
import { verifyCosignatures } from '../../src/verify/cosignature.js';
import { formatProblem } from '../../src/core/format/yaml-source.js';

const logKey = noteSigner('collegium.example/log', new Uint8Array(32).fill(7));
const logVkey = formatVerifierKey(logKey.name, logKey.publicKey);
const witness = cosigner('witness.example/w1', new Uint8Array(32).fill(9));
const nodes = new MemoryNodes();
for (let i = 0; i < 20; i++) nodes.append(leafHash(utf8(`entry ${i}`)));

function body(oldSize: number, size: number): string {
  const checkpoint = signCheckpoint(
    { origin: logKey.name, size, rootHash: rootAt(size, nodes), extensions: [] },
    logKey,
  );
  const proof = oldSize === 0 || oldSize === size ? [] : consistencyProof(oldSize, size, nodes);
  return formatAddCheckpoint({ oldSize, proof, checkpoint });
}

/** The state a file holds, as the command line reads it (strictly: test/cli/witness.test.ts). */
function readState(file: string) {
  const state = witnessState(JSON.parse(readFileSync(file, 'utf8')));
  if (!state.ok) throw new Error(state.message);
  return state.value;
}

/** A witness starting from what `stateFile` holds, if it exists. */
function service(stateFile: string): WitnessService {
  const log = { origin: logKey.name, verifier: noteVerifier(logVkey) };
  const state = existsSync(stateFile) ? readState(stateFile) : new Map();
  return new WitnessService(witness, [log], stateFile, state, () => 1_760_000_000_000);
}

const stateFile = () => join(mkdtempSync(join(tmpdir(), 'collegium-witness-')), 'state.json');

describe('the witness service', () => {
  it('keeps what it cosigned across a restart, in a file only its owner reads', async () => {
    const file = stateFile();
    const first = await service(file).addCheckpoint(body(0, 5));
    expect(first.status).toBe(200);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readState(file).get(logKey.name)?.size).toBe(5);

    const restarted = service(file);
    expect(await restarted.addCheckpoint(body(0, 8))).toEqual({
      status: 409,
      contentType: 'text/x.tlog.size',
      body: '5\n',
    });
    const next = await restarted.addCheckpoint(body(5, 8));
    expect(next.status).toBe(200);
    const note = restarted.latest(logKey.name)?.note ?? '';
    expect((await verifyCosignatures(note, [witness.verifierKey])).valid).toHaveLength(1);
    expect(note.endsWith(next.body)).toBe(true);
  });

  it('lets only one of two requests from the same old size advance', async () => {
    const witnessing = service(stateFile());
    const answers = await Promise.all([
      witnessing.addCheckpoint(body(0, 5)),
      witnessing.addCheckpoint(body(0, 9)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 409]);
    expect(answers[1]?.body).toBe('5\n');
    expect(witnessing.latest(logKey.name)?.size).toBe(5);
  });

  it('answers 404 for an unknown log and 400 for a malformed body', async () => {
    const witnessing = service(stateFile());
    const other = noteSigner('other.example/log', new Uint8Array(32).fill(1));
    const checkpoint = signCheckpoint(
      { origin: other.name, size: 1, rootHash: rootAt(1, nodes), extensions: [] },
      other,
    );
    const unknown = await witnessing.addCheckpoint(
      formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint }),
    );
    expect(unknown).toMatchObject({
      status: 404,
      body: expect.stringMatching(/other\.example\/log/),
    });
    expect((await witnessing.addCheckpoint('hello')).status).toBe(400);
  });

  it('refuses a state that is not one, saying where', () => {
    expect(witnessState({ logs: 3 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^logs: /),
    });
    // In plain words, as every file's problems are, never the schema library's.
    expect(witnessState({})).toEqual({ ok: false, message: 'logs: missing' });
    expect(witnessState({ logs: { a: { size: '1', root: 'AAAA', note: 'n' } } })).toEqual({
      ok: false,
      message: 'logs.a.size "1": a number expected, not a text',
    });
    const root = { logs: { a: { size: 1, root: 'AAAA', note: 'n' } } };
    expect(witnessState(root)).toEqual({
      ok: false,
      message: 'logs.a.root: not a hash of 32 bytes in base64',
    });
  });
});

describe('the witness files', () => {
  it('reads a logs file, the origin defaulting to the key name', () => {
    const loaded = loadWitnessLogs(
      `logs:\n  - key: ${logVkey}\n  - key: ${logVkey}\n    origin: other\n`,
    );
    expect(loaded.ok && loaded.value.map((l) => l.origin)).toEqual([logKey.name, 'other']);
  });

  it('locates each problem of a logs file', () => {
    const problems = (source: string) => {
      const loaded = loadWitnessLogs(source);
      return loaded.ok ? [] : loaded.problems.map((p) => formatProblem('logs.yaml', p));
    };
    expect(problems(`logs:\n  - key: ${logVkey}\n    colour: red\n`)).toEqual([
      "logs.yaml:3:5: unknown key 'colour'",
    ]);
    expect(
      problems(`logs:\n  - key: not-a-key\n  - key: ${logVkey}\n  - key: ${logVkey}\n`),
    ).toEqual([
      'logs.yaml:2:10: malformed verifier key',
      `logs.yaml:4:5: a second log of origin ${logKey.name}`,
    ]);
    expect(problems('logs: []\n')).toHaveLength(1);
    // No checkpoint's first line could name an origin of two lines: the log would never be cosigned.
    expect(problems(`logs:\n  - key: ${logVkey}\n    origin: "a\\nb"\n`)).toEqual([
      "logs.yaml:3:13: one line of text, as a checkpoint's first line: no line break or other control character",
    ]);
  });

  it('reads a witness list, and locates a log key given for a witness key', () => {
    const good = loadWitnessList(
      `witnesses:\n  - url: http://127.0.0.1:8/\n    key: ${witness.verifierKey}\n`,
    );
    expect(good.ok && good.value).toEqual([
      { url: 'http://127.0.0.1:8', key: witness.verifierKey, name: witness.name },
    ]);
    const bad = loadWitnessList(`witnesses:\n  - url: ftp://x\n    key: ${logVkey}\n`);
    expect(!bad.ok && bad.problems.map((p) => formatProblem('w.yaml', p))).toEqual([
      'w.yaml:2:10: not an http(s) URL: ftp://x',
      `w.yaml:3:10: ${logKey.name} is not an Ed25519 cosigner key`,
    ]);
    // URLs fetch refuses, or that add-checkpoint cannot be added to: refused here, at their line.
    const refusedAt = (url: string) => {
      const loaded = loadWitnessList(
        `witnesses:\n  - {url: '${url}', key: ${witness.verifierKey}}\n`,
      );
      return !loaded.ok && loaded.problems.map((p) => formatProblem('w.yaml', p));
    };
    expect(
      [
        'http://[::1',
        'http://a:99999/',
        'http://u:secret@a/',
        'http://a/w?x',
        'http://a/#w',
        'http://127.0.0.1:4190/w',
      ].map(refusedAt),
    ).toEqual([
      ['w.yaml:2:11: not an http(s) URL: http://[::1'],
      ['w.yaml:2:11: not an http(s) URL: http://a:99999/'],
      ['w.yaml:2:11: a witness URL carries no user or password: a'],
      [
        'w.yaml:2:11: a witness URL has no query or fragment: /add-checkpoint is added to it (http://a/w?x)',
      ],
      [
        'w.yaml:2:11: a witness URL has no query or fragment: /add-checkpoint is added to it (http://a/#w)',
      ],
      [
        'w.yaml:2:11: a witness URL on port 4190, which fetch never connects to (a bad port of the Fetch standard): serve the witness on another port (http://127.0.0.1:4190/w)',
      ],
    ]);
  });
});
