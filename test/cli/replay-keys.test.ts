/**
 * Who signs a replay: the secretary (or the custodial key, where they have none) transcribes
 * history as it was, breaches flagged; a key given for someone who is no officer makes their acts
 * in the file their own, held to their role, and one outside it is refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

/** What `collegium log --json` gives of an entry. */
interface Entry {
  readonly type: string;
  readonly actor: string | null;
  readonly signer: string | null;
  readonly key: string;
}

const dir = mkdtempSync(join(tmpdir(), 'collegium-replay-keys-'));

/** Nora, the contractor, on no body, proposes a motion the minutes record. */
const PROCEEDINGS = join(dir, 'outsider.yaml');
writeFileSync(
  PROCEEDINGS,
  `body: board
sessions:
  - id: board-1
    date: 2025-09-10
    present: [ada, ben, chen, dana]
    motions:
      - id: roof
        text: Repair the roof.
        proposer: nora
        vote:
          aye: [ada, ben, chen, dana]
`,
);

/** A record of the cooperative in which Nora holds a key of her own: its file. */
async function withNoraKey(name: string): Promise<{ db: string; key: string }> {
  const db = join(dir, `${name}.db`);
  const key = join(dir, `${name}-nora.key`);
  expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
  const publicKey = (await cli('keygen', '-o', key)).out.split('\n')[0]!;
  expect((await cli('enrol', 'nora', publicKey, '--db', db)).code).toBe(0);
  return { db, key };
}

describe('replay keys', () => {
  it('transcribes an outsider’s motion as the minutes give it, signed by the secretary with the custodial key', async () => {
    const { db } = await withNoraKey('custodial');
    const r = await cli('replay', PROCEEDINGS, '--db', db, '--json');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { outcome: string }[]).map((m) => m.outcome)).toEqual(['adopted']);
    const log = JSON.parse((await cli('log', '--json', '--db', db)).out) as Entry[];
    const proposed = log.find((e) => e.type === 'motion.propose');
    expect(proposed).toMatchObject({ actor: 'nora', signer: 'hana', key: log[0]!.key });
  });

  it('refuses it signed with the outsider’s own key, saying who transcribes', async () => {
    const { db, key } = await withNoraKey('own');
    const r = await cli('replay', PROCEEDINGS, '--db', db, '--key', key);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'Nora Lund may not propose a motion in Board of Directors: only its members, candidates and officers do (minutes are transcribed by Ada Okafor or Hana Kowalski of Board of Directors or by the organization',
    );
  });
});
