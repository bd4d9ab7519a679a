/**
 * The organization over time, through the command line: the cooperative example replayed whole,
 * its board re-elected by an amendment of the charter in 2026, the new board deciding with a
 * proxy; and amendments refused at their place in the amended charter's own file.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOPERATIVE, EXAMPLES } from '../support/examples.js';
import { cli, okOn } from '../support/cli.js';

const FOLDER = join(EXAMPLES, 'cooperative-board');
const FILES = ['2025-09-10', '2025-10-08', '2026-06-10', '2026-09-09'].map((f) =>
  join(FOLDER, `${f}.yaml`),
);
const AMENDED = join(FOLDER, 'charter-2026-06.yaml');

interface Replayed {
  motion: string;
  outcome: string;
  explanation: string;
  stated?: string;
  flags: string[];
  amendedAt?: number;
}

interface Shown {
  at: number;
  from: number;
  motion?: { session: string; motion: string };
  charter: { bodies: { board: { chair: string; members: string[]; candidates?: string[] } } };
}

describe('the cooperative example over time', () => {
  it('replays every year, the board re-elected by amendment, and audits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-amend-'));
    const db = join(dir, 'coop.db');
    const ok = okOn(db);
    const motions: Replayed[] = [];
    for (const file of FILES)
      motions.push(
        ...(JSON.parse(
          await ok('replay', file, '--charter', COOPERATIVE.charter, '--json'),
        ) as Replayed[]),
      );
    expect(await ok('audit')).toMatch(/^audit passed/);
    // Every decision is what the minutes state, none flagged: the 2025 proxy under its grant too.
    for (const m of motions) {
      expect(m.outcome, m.motion).toBe(m.stated);
      expect(m.flags, m.motion).toEqual([]);
    }
    const byId = new Map(motions.map((m) => [m.motion, m]));
    expect(byId.get('gus-proxy')?.explanation).toBe(
      'adopted: 5 ayes against 1 nay, 1 abstention, majority of votes cast; 7 of 7 voting members present (1 by proxy), quorum 4',
    );
    // The amendment: two thirds of the votes cast (the board's amendment kind), then in force.
    const amendment = byId.get('board-2026')!;
    expect(amendment.explanation).toBe(
      'adopted: 5 ayes against 2 nays, two thirds of votes cast; 7 of 7 voting members present, quorum 4',
    );
    const from = amendment.amendedAt!;
    expect(from).toBeGreaterThan(0);
    // In words, the replay says so under the motion.
    const words = okOn(join(dir, 'words.db'));
    for (const file of FILES.slice(0, 2))
      await words('replay', file, '--charter', COOPERATIVE.charter);
    expect(await words('replay', FILES[2]!)).toContain(
      `board-2026-06-10/board-2026: adopted: 5 ayes against 2 nays, two thirds of votes cast; 7 of 7 voting members present, quorum 4\n  charter amended: in force from entry ${from}\n`,
    );
    // Decided by the new board: Ivo Petrov votes, Fay Osei (present) no longer does; in
    // September Ben is represented by Chen's proxy, and Ivo is one of the directors present.
    expect(byId.get('thanks-fay')?.explanation).toBe(
      'adopted: 7 ayes against 0 nays, majority of votes cast; 7 of 7 voting members present, quorum 4',
    );
    expect(byId.get('boiler')?.explanation).toBe(
      'adopted: 4 ayes against 1 nay, majority of votes cast; 5 of 7 voting members present (1 by proxy), quorum 4',
    );
    expect(byId.get('bylaw-bikes')?.explanation).toBe(
      'rejected: 3 ayes against 2 nays; two thirds of votes cast required; 5 of 7 voting members present (1 by proxy), quorum 4',
    );

    await checkVersions(ok, from);
    await checkProtocols(ok, from);
  });

  it('refuses a file dated before the amendment the record holds, and records nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-amend-order-'));
    const db = join(dir, 'coop.db');
    const ok = okOn(db);
    await ok('replay', FILES[0]!, '--charter', COOPERATIVE.charter);
    await ok('replay', FILES[2]!);
    const size = (await ok('log')).trim().split('\n').length;
    // October 2025, recorded after the board re-elected in June 2026, would be decided by the
    // new board: refused at its date.
    const r = await cli('replay', FILES[1]!, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${FILES[1]}:8:11: session 'board-2025-10-08' is dated 8 October 2025, before the charter of the record was amended by motion 2 ("Amend the charter as the annual meeting elected the board: Ivo Petrov joins it…") of the session of Board of Directors on 10 June 2026 (Annual meeting)`,
    );
    expect((await ok('log')).trim().split('\n')).toHaveLength(size);
    await ok('replay', FILES[3]!);
  });

  it('refuses an amended charter at its own line, and records nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-amend-'));
    const proceedings = join(dir, 'amend.yaml');
    writeFileSync(
      proceedings,
      `body: board
sessions:
  - id: s1
    present: [ada, ben, chen, dana]
    motions:
      - id: m1
        text: Re-elect the board.
        amends: other.yaml
        vote: {aye: [ada, ben, chen, dana]}
`,
    );
    const db = join(dir, 'refused.db');
    const replay = () => cli('replay', proceedings, '--charter', COOPERATIVE.charter, '--db', db);

    // Another organization's charter: an amendment keeps the organization's id.
    writeFileSync(
      join(dir, 'other.yaml'),
      amendedText().replace('id: maple-court-coop', 'id: elm'),
    );
    let r = await replay();
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${join(dir, 'other.yaml')}:7:7: an amendment keeps the organization's id (maple-court-coop), which every entry names`,
    );
    expect(r.err).toContain(`${proceedings}:8:17: the motion that carries it is refused`);
    expect(r.err).toMatch(/refused, nothing recorded/);
    expect(existsSync(db)).toBe(false);

    // A charter with problems: each at its line in its file, and the motion that names it.
    writeFileSync(
      join(dir, 'other.yaml'),
      amendedText().replace('quorum: { count: 4 }', 'quorum: { count: 40 }'),
    );
    r = await replay();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(`${escape(join(dir, 'other.yaml'))}:\\d+:\\d+: quorum 40 is larger than the body`),
    );
    expect(r.err).toContain(
      `${proceedings}:8:17: amends: 'other.yaml' is not a charter that can be used`,
    );

    // No such file.
    writeFileSync(
      proceedings,
      readFileSync(proceedings, 'utf8').replace('other.yaml', 'missing.yaml'),
    );
    r = await replay();
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(dir, 'missing.yaml')}: no such file`);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses an amendment that takes away a body whose session is open, at that body', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-amend-'));
    const db = join(dir, 'open.db');
    const ok = okOn(db);
    await ok('init', '--charter', COOPERATIVE.charter);
    await ok('session', 'open', 'fc-1', '--body', 'finance-committee');
    writeFileSync(
      join(dir, 'no-committee.yaml'),
      amendedText().replace(/ {2}finance-committee:[^]*?(?=record:)/, ''),
    );
    const proceedings = join(dir, 'amend.yaml');
    writeFileSync(
      proceedings,
      `body: board
sessions:
  - id: s1
    present: [ada, ben, chen, dana]
    motions:
      - id: m1
        text: Dissolve the finance committee.
        amends: no-committee.yaml
        vote: {aye: [ada, ben, chen, dana]}
`,
    );
    const size = (await ok('log')).trim().split('\n').length;
    const r = await cli('replay', proceedings, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `${escape(join(dir, 'no-committee.yaml'))}:\\d+:\\d+: the amended charter has no body 'finance-committee' \\(.+\\), and the session of .+ is open`,
      ),
    );
    expect((await ok('log')).trim().split('\n')).toHaveLength(size);
  });

  it('records proxies of a session as grants, and a re-invitation the organization acts on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-amend-'));
    const db = join(dir, 'grants.db');
    const ok = okOn(db);
    const proceedings = join(dir, 'grants.yaml');
    writeFileSync(
      proceedings,
      `body: board
sessions:
  - id: s
    present: [ada, ben, chen]
    proxies: {eli: ada}
    motions:
      - id: m1
        text: Eli away, Ada votes for him.
        vote: {aye: [ada, ben, chen, eli]}
      - arrive: [eli]
      - id: m2
        text: Eli here, he votes in person.
        vote: {aye: [ada, ben, chen, eli]}
      - id: back
        text: Invite Ben to enrol a new key.
        invites: ben
        vote: {aye: [ada, ben, chen, eli]}
        stated: adopted
`,
    );
    const results = JSON.parse(
      await ok('replay', proceedings, '--charter', COOPERATIVE.charter, '--json'),
    ) as Replayed[];
    expect(results.map((r) => r.explanation)).toEqual([
      'adopted: 4 ayes against 0 nays, majority of votes cast; 4 of 7 voting members present (1 by proxy), quorum 4',
      'adopted: 4 ayes against 0 nays, majority of votes cast; 4 of 7 voting members present, quorum 4',
      'adopted: 4 ayes against 0 nays, majority of votes cast; 4 of 7 voting members present, quorum 4',
    ]);
    const protocol = await ok('protocol', 's');
    expect(protocol).toMatch(/Proxy of Eli Novak to Ada Okafor for the session \[entry \d+\]/);
    expect(protocol).toContain(
      'Ayes (4): Ada Okafor, Ben Lindqvist, Chen Wei, Eli Novak (by proxy: Ada Okafor)\n',
    );
    expect(protocol).toContain('Ayes (4): Ada Okafor, Ben Lindqvist, Chen Wei, Eli Novak\n');
    expect(protocol).toContain('It re-invites Ben Lindqvist to enrol a key.');
    expect(await ok('invite', 'ben', '--decision', 's/back')).toMatch(
      /^Ben Lindqvist invited to enrol a key until \d+ \w+ \d{4}, \d\d:\d\d UTC \[entry \d+\]/,
    );
    expect(await ok('audit')).toMatch(/^audit passed/);
  });
});

/** The versions of the charter in the record, shown and compared. */
async function checkVersions(ok: (...args: string[]) => Promise<string>, from: number) {
  const before = JSON.parse(
    await ok('charter', 'show', '--at', String(from - 1), '--json'),
  ) as Shown;
  const after = JSON.parse(await ok('charter', 'show', '--at', String(from), '--json')) as Shown;
  expect(before).toMatchObject({ at: from - 1, from: 0 });
  expect(before.motion).toBeUndefined();
  expect(before.charter.bodies.board.chair).toBe('ada');
  expect(before.charter.bodies.board.members).toContain('fay');
  expect(after).toMatchObject({
    at: from,
    from,
    motion: { session: 'board-2026-06-10', motion: 'board-2026' },
  });
  expect(after.charter.bodies.board.chair).toBe('dana');
  expect(after.charter.bodies.board.members).toEqual([
    'ada',
    'ben',
    'chen',
    'dana',
    'eli',
    'gus',
    'ivo',
  ]);
  expect(after.charter.bodies.board.candidates).toEqual(['jun']);
  // Now, as YAML with where it comes from; read back, it is the amended charter file's data.
  const now = await ok('charter', 'show');
  expect(now).toMatch(
    new RegExp(
      `^# The charter in force at entry \\d+: in force from entry ${from}, as amended by motion \\d+ \\("[^"\\n]+"\\) of the session of Board of Directors on 10 June 2026 \\(Annual meeting\\)\\.\ncollegium: 1\norganization:\n`,
    ),
  );
  expect(now).toContain('    chair: dana\n');
  const diff = await ok('charter', 'diff', String(from - 1), String(from));
  expect(diff).toBe(
    [
      `from the charter in force at entry ${from - 1} (from entry 0) to the charter in force at entry ${from} (from entry ${from}):`,
      '  person added: Ivo Petrov (ivo)',
      '  person added: Jun Park (jun)',
      '  board: members in: Ivo Petrov (ivo)',
      '  board: members out: Fay Osei (fay)',
      '  board: candidates in: Jun Park (jun)',
      '  board: chair: Ada Okafor (ada) replaced by Dana Morales (dana)',
      '  board: officers in: Chen Wei (chen)',
      '  board: deciding between sessions: none → unanimous consent of the members asked (an aye from each), ratified at the next session',
      '  board: notice of a session: none required → 7 days',
      '  board: instrument payment-order: signed by Ada Okafor (ada), Chen Wei (chen), every one of them, in the order listed, resting on a decision, "Pay as the Board ordered" → signed by Dana Morales (dana), Chen Wei (chen), every one of them, in the order listed, resting on a decision, "Pay as the Board ordered"',
      '',
    ].join('\n'),
  );
  // The file amended to is the version in force: nothing between them.
  expect(await ok('charter', 'diff', String(from), AMENDED)).toMatch(/:\n {2}no change\n$/);
  const people = await ok('people');
  expect(people).toContain('ivo: Ivo Petrov (board: member)');
  expect(people).toContain('chen: Chen Wei (board: officer, member; finance-committee: member)');
  expect(people).toContain('jun: Jun Park (board: candidate)');
}

/** The protocols: each session under the officers of its time, the amendment, the proxies. */
async function checkProtocols(ok: (...args: string[]) => Promise<string>, from: number) {
  const annual = await ok('protocol', 'board-2026-06-10');
  expect(annual).toContain('  Chair: Ada Okafor\n');
  expect(annual).toContain('     It carries the whole charter as amended.\n');
  expect(annual).toContain(
    `     The charter as amended by this motion is in force from entry ${from}.\n`,
  );
  expect(annual).not.toContain('Decided by the roster');
  const september = await ok('protocol', 'board-2026-09-09');
  expect(september).toContain('  Chair: Dana Morales\n');
  expect(september).toMatch(
    / {2}Proxy of Ben Lindqvist to Chen Wei for the session \[entry \d+\]\n/,
  );
  expect(september).toContain('Ben Lindqvist (by proxy: Chen Wei)');
  const first = await ok('protocol', 'board-2025-09-10');
  expect(first).toContain('  Chair: Ada Okafor\n');
  // The tie broken by the chair, said with the choice's label as everywhere else.
  expect(first).toContain("The chair's casting vote: Aye\n");
  expect(first).toMatch(/ {5}Proxy of Gus Tanaka to Eli Novak for this motion \[entry \d+\]\n/);
  const log = await ok('log');
  expect(log).toMatch(
    new RegExp(
      `\\n\\s+${from}  \\S+  charter\\.amend\\s+the organization: the charter as amended by board-2026-06-10/board-2026 in force\\n`,
    ),
  );
  expect(log).toMatch(
    /proxy\.grant\s+ben, recorded by hana: proxy board-2026-09-09-ben-proxy in board to chen, for board-2026-09-09\n/,
  );
}

function amendedText(): string {
  return readFileSync(AMENDED, 'utf8');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
