/** Refusals added after review: a wrong decision, a majority not the charter's, colliding writers. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/app/ledger.js';
import {
  attendance,
  currentDecision,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import { parseCharter } from '../../src/core/charter/index.js';
import { DomainError } from '../../src/core/errors.js';
import { openStore } from '../../src/store/index.js';
import { COOPERATIVE } from '../support/examples.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-hardening-'));
let n = 0;

async function board(): Promise<{ ledger: Ledger; file: string }> {
  const file = join(dir, `board-${n++}.db`);
  const store = await openStore(file, { create: true });
  const charter = parseCharter(readFileSync(COOPERATIVE.charter, 'utf8'));
  if (!charter.ok) throw new Error('invalid example');
  const ledger = await Ledger.create(store, charter.json);
  await record(ledger, openSession({ session: 's', body: 'board' }));
  await ledger.append(['ada', 'ben', 'chen', 'dana'].map((p) => attendance('arrive', 's', p)));
  return { ledger, file };
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('the ledger refuses', () => {
  it('a decision that is not the one the charter gives', async () => {
    const { ledger } = await board();
    await record(ledger, proposeMotion({ session: 's', motion: 'm', text: 'T' }));
    await record(ledger, openVote('s', 'm'));
    const real = currentDecision(ledger.state, 's', 'm');
    const size = ledger.size;
    const error = await refusal(
      record(ledger, {
        act: {
          type: 'vote.close',
          payload: { session: 's', motion: 'm', decision: { ...real, outcome: 'adopted' } },
        },
        actor: 'hana',
      }),
    );
    expect(error.code).toBe('charter-rule');
    expect(error.message).toMatch(
      /not what the charter gives: recorded adopted, the charter gives rejected/,
    );
    expect(ledger.size).toBe(size);
    expect(await ledger.store.size()).toBe(size);
  });

  it("a decision of the same outcome whose flags or explanation are not the charter's, saying which differ", async () => {
    const { ledger } = await board();
    await record(ledger, proposeMotion({ session: 's', motion: 'm', text: 'T' }));
    await record(ledger, openVote('s', 'm'));
    const real = currentDecision(ledger.state, 's', 'm');
    const size = ledger.size;
    const refused = (decision: typeof real) =>
      refusal(
        record(ledger, {
          act: { type: 'vote.close', payload: { session: 's', motion: 'm', decision } },
          actor: 'hana',
        }),
      );
    const flagged = await refused({ ...real, flags: ['counted twice'] });
    expect(flagged.code).toBe('charter-rule');
    expect(flagged.message).toContain(
      `not what the charter gives: both ${real.outcome}, but its flags differ: recorded ["counted twice"]; the charter gives ${JSON.stringify(real.flags)}`,
    );
    const explained = await refused({ ...real, explanation: 'decided by acclaim' });
    expect(explained.message).toContain(
      `not what the charter gives: both ${real.outcome}, but its explanation differs: recorded "decided by acclaim"; the charter gives ${JSON.stringify(real.explanation)}`,
    );
    expect(ledger.size).toBe(size);
  });

  it('a ballot of the other form than its motion, saying which form the motion takes', async () => {
    const { ledger } = await board();
    await record(ledger, proposeMotion({ session: 's', motion: 'm', text: 'T' }));
    const colour = { session: 's', motion: 'c', text: 'Colour', alternatives: ['white', 'grey'] };
    await record(ledger, proposeMotion(colour));
    for (const motion of ['m', 'c']) await record(ledger, openVote('s', motion));
    const size = ledger.size;
    const ballot = (motion: string, vote: Record<string, unknown>) =>
      refusal(
        record(ledger, {
          act: { type: 'ballot.cast', payload: { session: 's', motion, voter: 'ada', ...vote } },
          actor: 'ada',
        }),
      );
    // An abstention on alternatives is no alternative (null), never the choice 'abstain'.
    const abstain = await ballot('c', { choice: 'abstain' });
    expect(abstain.code).toBe('invalid-input');
    expect(abstain.message).toMatch(
      /^motion 2 \("Colour"\) is put as alternatives: a ballot gives an alternative, one of white, grey, or none \(null\) to abstain, not a choice \('abstain'\)$/,
    );
    expect((await ballot('m', { alternative: 'white' })).message).toMatch(
      /^motion 1 \("T"\) is put yes or no: a ballot gives a choice, aye, nay, abstain, not-voting or declined, not an alternative$/,
    );
    expect((await ballot('m', { choice: 'aye', alternative: null })).message).toBe(
      'a ballot gives a choice or an alternative, not both',
    );
    expect((await ballot('c', {})).message).toMatch(/or none \(null\) to abstain$/);
    expect(ledger.size).toBe(size);
  });

  it('in a live session, a majority other than the charter gives', async () => {
    const { ledger } = await board();
    const error = await refusal(
      record(
        ledger,
        proposeMotion({
          session: 's',
          motion: 'm',
          text: 'T',
          kind: 'bylaws',
          majority: 'votes-cast',
        }),
      ),
    );
    expect(error.code).toBe('charter-rule');
    expect(error.message).toMatch(/by two-thirds, not votes-cast/);
    await record(
      ledger,
      proposeMotion({
        session: 's',
        motion: 'm',
        text: 'T',
        kind: 'bylaws',
        majority: 'two-thirds',
      }),
    );
  });
});

describe('two writers on one SQLite file', () => {
  it('both record: the later one catches up under the lock, and the record stays whole', async () => {
    const { ledger, file } = await board();
    await ledger.store.close();
    const [a, b] = [
      await Ledger.open(await openStore(file, { create: false })),
      await Ledger.open(await openStore(file, { create: false })),
    ];
    const size = a!.size;
    await Promise.all([
      record(a!, proposeMotion({ session: 's', motion: 'x', text: 'X' })),
      record(b!, proposeMotion({ session: 's', motion: 'y', text: 'Y' })),
    ]);
    // Whichever came second folded the other's motion before its own.
    expect(Math.max(a!.size, b!.size)).toBe(size + 2);
    await a!.store.close();
    await b!.store.close();
    const reopened = await Ledger.open(await openStore(file, { create: false }));
    expect([...reopened.state.sessions.get('s')!.motions].sort()).toEqual([
      '["s","x"]',
      '["s","y"]',
    ]);
    await reopened.store.close();
    expect((await cli('audit', '--db', file)).code).toBe(0);
  });
});

describe('the command line', () => {
  it('refuses --as on a ballot, which is cast by the voter or a proxy holder', async () => {
    const { ledger, file } = await board();
    await ledger.store.close();
    const r = await cli('ballot', 's', 'm', 'ada', 'aye', '--as', 'ben', '--db', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--by/);
  });

  it('never prints a database password', async () => {
    const r = await cli('audit', '--db', 'postgres://someone:secret-word@127.0.0.1:1/nowhere');
    expect(r.code).toBe(1);
    expect(r.err).not.toContain('secret-word');
  });
});
