/**
 * A live session that amends the charter from the command line: the motion carries a charter
 * file, its adoption puts it in force, and a vote opened before is decided by the rules of its
 * opening, which the protocol says.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOPERATIVE, EXAMPLES } from '../support/examples.js';
import { cli, okOn } from '../support/cli.js';

const AMENDED = join(EXAMPLES, 'cooperative-board', 'charter-2026-06.yaml');

describe('motion --amends', () => {
  it('puts the amended charter in force on adoption; a vote opened before keeps its rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-live-amend-'));
    const db = join(dir, 'board.db');
    const ok = okOn(db);
    await ok('init', '--charter', COOPERATIVE.charter);
    await ok('session', 'open', 's1', '--body', 'board');
    await ok('arrive', 's1', 'ada', 'ben', 'chen', 'dana', 'eli', 'fay');
    await ok('motion', 's1', 'paint', '--text', 'Paint the hall.');
    expect(
      await ok('motion', 's1', 'elect', '--text', 'Re-elect the board.', '--amends', AMENDED),
    ).toMatch(/^motion elect put, carrying the charter as amended \[entry \d+\]\n$/);
    await ok('vote', 'open', 's1', 'paint');
    await ok('vote', 'open', 's1', 'elect');
    for (const p of ['ada', 'ben', 'chen', 'dana']) await ok('ballot', 's1', 'elect', p, 'aye');
    for (const p of ['eli', 'fay']) await ok('ballot', 's1', 'elect', p, 'nay');
    const closed = await ok('vote', 'close', 's1', 'elect');
    const from = Number(/in force from entry (\d+)\./.exec(closed)?.[1]);
    expect(closed).toContain('two thirds of votes cast');
    expect(closed).toContain(
      `The charter as amended by this motion is in force from entry ${from}.`,
    );
    // Fay, no longer a director under the charter in force, still votes on the vote opened before.
    await ok('ballot', 's1', 'paint', 'fay', 'aye');
    await ok('ballot', 's1', 'paint', 'ada', 'aye');
    await ok('ballot', 's1', 'paint', 'ben', 'nay');
    const paint = await ok('vote', 'close', 's1', 'paint');
    // Counted: under the new board, Fay's ballot would not be, and the vote would tie.
    expect(paint).toContain('Decision: adopted: 2 ayes against 1 nay, majority of votes cast');
    expect(paint).toContain(
      'Decided by the roster and rules in force when its vote opened (charter of entry 0).',
    );
    // A vote opened now is the new board's: Fay's ballot is refused.
    await ok('motion', 's1', 'thanks', '--text', 'Thank Fay.');
    await ok('vote', 'open', 's1', 'thanks');
    const refused = await cli('ballot', 's1', 'thanks', 'fay', 'aye', '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not-member/);
    const protocol = await ok('protocol', 's1');
    expect(protocol).toContain('  Chair: Ada Okafor\n');
    expect(protocol).toContain('Decided by the roster and rules in force when its vote opened');
    expect(protocol).toContain(
      `The charter as amended by this motion is in force from entry ${from}.`,
    );
    expect(await ok('audit')).toMatch(/^audit passed/);
  });

  it('reads the file as a charter, and refuses one the record cannot take', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-live-amend-'));
    const db = join(dir, 'board.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
    expect((await cli('session', 'open', 's1', '--body', 'board', '--db', db)).code).toBe(0);
    const size = async () => (await cli('log', '--db', db)).out.trim().split('\n').length;
    const before = await size();
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(AMENDED, 'utf8').replace('chair: dana', 'chair: nobody'));
    let r = await cli('motion', 's1', 'm', '--text', 'T', '--amends', broken, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${broken}:\\d+:\\d+: no person 'nobody' in people`));
    const other = join(dir, 'other.yaml');
    writeFileSync(
      other,
      readFileSync(AMENDED, 'utf8').replace('log: maple-court.example/board', 'log: elm.example'),
    );
    r = await cli('motion', 's1', 'm', '--text', 'T', '--amends', other, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused \(invalid-charter\): an amendment keeps the organization's log/);
    r = await cli(
      'motion',
      's1',
      'm',
      '--text',
      'T',
      '--amends',
      AMENDED,
      '--kind',
      'bylaws',
      '--db',
      db,
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/decides amendments of the charter as 'amendment' motions, not 'bylaws'/);
    expect(await size()).toBe(before);
  });
});
