/**
 * The counting readings as a user meets them, live and in replay, on both stores: reserved
 * alternative ids, the casting vote of an absent chair, and candidates listed as not voting.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, STACK_LINE } from '../support/cli.js';
import { CENTRAL_COMMITTEE, COOPERATIVE } from '../support/examples.js';
import { BACKENDS, readRecord } from '../support/stores.js';
import type { Backend } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-counting-'));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** Runs `test` on a fresh record of the cooperative board in `backend`; `record` reads it. */
async function withBoard(
  backend: Backend,
  test: (db: string, record: () => Promise<unknown>) => Promise<void>,
): Promise<void> {
  const handle = await backend.fresh();
  const record = async (): Promise<unknown> => {
    const store = await handle.open();
    try {
      return await readRecord(store);
    } finally {
      await store.close();
    }
  };
  try {
    const init = await cli('init', '--charter', COOPERATIVE.charter, '--db', handle.location);
    expect(init.code, init.err).toBe(0);
    await test(handle.location, record);
  } finally {
    await handle.dispose();
  }
}

async function ok(...argv: string[]): Promise<void> {
  const r = await cli(...argv);
  expect(r.code, r.err).toBe(0);
}

describe('alternatives with reserved ids', () => {
  it('refuses them in a proceedings file at the key, live and with nothing recorded', async () => {
    const file = write(
      'reserved.yaml',
      `body: board
sessions:
  - id: s1
    present: [ada, ben, chen, dana]
    motions:
      - id: colour
        text: The colour of the door.
        alternatives:
          red: [ada, ben]
          adopted: [chen, dana]
`,
    );
    const db = join(dir, 'reserved.db');
    const r = await cli('replay', file, '--charter', COOPERATIVE.charter, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${file}:10:11: 'adopted' cannot name an alternative: aye, nay, abstain, not-voting, declined, adopted, rejected, not-decided are reserved`,
    );
    expect(r.err).not.toMatch(/internal error/);
  });

  for (const backend of BACKENDS) {
    it(`refuses them live, leaving the record as it was, on ${backend.name}`, async () => {
      await withBoard(backend, async (db, record) => {
        await ok('session', 'open', 's1', '--body', 'board', '--db', db);
        const before = await record();
        for (const reserved of ['adopted', 'not-decided', 'aye']) {
          const r = await cli(
            'motion',
            's1',
            'door',
            '--text',
            'The colour of the door.',
            '--alternatives',
            `red,${reserved}`,
            '--db',
            db,
          );
          expect(r.code, r.err).toBe(1);
          expect(r.err).toContain(
            `refused (invalid-input): '${reserved}' cannot name an alternative`,
          );
          expect(r.err).not.toMatch(STACK_LINE);
        }
        expect(await record()).toEqual(before);
      });
    });

    it(`refuses the casting vote of a chair who is not present, on ${backend.name}`, async () => {
      await withBoard(backend, async (db) => {
        await ok('session', 'open', 's1', '--body', 'board', '--db', db);
        await ok('arrive', 's1', 'ben', 'chen', 'dana', 'eli', '--db', db);
        await ok('motion', 's1', 'snow', '--text', 'Clear the snow.', '--db', db);
        await ok('vote', 'open', 's1', 'snow', '--db', db);
        await ok('ballot', 's1', 'snow', 'ben', 'aye', '--db', db);
        await ok('ballot', 's1', 'snow', 'chen', 'nay', '--db', db);
        const r = await cli('vote', 'casting', 's1', 'snow', 'aye', '--as', 'ada', '--db', db);
        expect(r.code, r.err).toBe(1);
        expect(r.err).toContain(
          'refused (absent): the chair, Ada Okafor, was not present when the vote on motion 1 ("Clear the snow") opened',
        );
      });
    });
  }
});

describe('replay', () => {
  it('flags the casting vote of an absent chair and does not count it', async () => {
    const file = write(
      'absent-chair.yaml',
      `body: board
sessions:
  - id: s1
    present: [ben, chen, dana, eli]
    motions:
      - id: snow
        text: Clear the snow.
        vote: { aye: [ben, chen], nay: [dana, eli] }
        casting-vote: aye
        stated: adopted
`,
    );
    const db = join(dir, 'absent-chair.db');
    const r = await cli('replay', file, '--charter', COOPERATIVE.charter, '--db', db, '--json');
    expect(r.code, r.err).toBe(0);
    const [snow] = JSON.parse(r.out) as { outcome: string; flags: string[] }[];
    expect(snow!.outcome).toBe('rejected');
    expect(snow!.flags).toEqual([
      'casting vote (aye) ignored: the chair ada was not present when the vote opened',
      'the minutes state adopted; the rules give rejected',
    ]);
  });

  it('flags a candidate only for a counted choice, not when listed as not voting', async () => {
    const members = 'lenin, trotsky, stalin, sverdlov, zinoviev, krestinsky, bukharin, uritsky';
    const file = write(
      'candidate.yaml',
      `body: central-committee
sessions:
  - id: s1
    present: [${members}, yakovleva]
    motions:
      - id: first
        text: A motion.
        vote: { aye: [${members}], not-voting: [yakovleva] }
      - id: second
        text: Another.
        vote: { aye: [${members}], declined: [yakovleva] }
      - id: third
        text: A third.
        vote: { aye: [${members}, yakovleva] }
`,
    );
    const db = join(dir, 'candidate.db');
    const r = await cli(
      'replay',
      file,
      '--charter',
      CENTRAL_COMMITTEE.charter,
      '--db',
      db,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { flags: string[] }[]).map((m) => m.flags)).toEqual([
      [],
      [],
      ['yakovleva is a candidate (voice, no vote): ballot not counted'],
    ]);
  });
});
