/**
 * Provisional decisions from the command line, on both stores: a delegated committee's decisions
 * await the board, which ratifies one and annuls another; the agenda of ratifications when a
 * session opens; a joint session decided body by body; chains through `follows`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, okOn, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-ratification-'));
/** The cooperative, with a joint meeting of its board and finance committee, each body counted. */
const JOINT_CHARTER = join(dir, 'joint.yaml');
writeFileSync(
  JOINT_CHARTER,
  readFileSync(COOPERATIVE.charter, 'utf8').replace(
    '# The demo',
    `  joint-meeting:
    name: Joint Meeting
    joint: { bodies: [board, finance-committee], votes: each-body }
    chair: ada
    secretary: hana
    quorum: majority
    majority: votes-cast
# The demo`,
  ),
);

for (const backend of BACKENDS) {
  describe(`ratification on ${backend.name}`, () => {
    it(
      "lists a committee's decisions for the board, which ratifies one and annuls another",
      { timeout: 60_000 },
      async () => {
        const handle = await backend.fresh();
        const run = (...args: string[]) => cli(...args, '--db', handle.location);
        const ok = okOn(handle.location);
        const vote = async (session: string, motion: string, ayes: string[], nays: string[]) => {
          await ok('vote', 'open', session, motion);
          for (const p of ayes) await ok('ballot', session, motion, p, 'aye');
          for (const p of nays) await ok('ballot', session, motion, p, 'nay');
          return ok('vote', 'close', session, motion);
        };
        try {
          await ok('init', '--charter', JOINT_CHARTER);
          await ok('session', 'open', 'fc1', '--body', 'finance-committee');
          await ok('arrive', 'fc1', 'chen', 'dana', 'gus');
          await ok(
            'motion',
            'fc1',
            'roof',
            '--text',
            'Spend 4000 on the roof.',
            '--power',
            'spend-up-to-5000',
          );
          await ok(
            'motion',
            'fc1',
            'paint',
            '--text',
            'Spend 3000 on paint.',
            '--power',
            'spend-up-to-5000',
          );
          expect(await vote('fc1', 'roof', ['chen', 'dana', 'gus'], [])).toContain(
            'Provisional: awaits ratification by a session of Board of Directors.',
          );
          await vote('fc1', 'paint', ['chen', 'dana'], ['gus']);
          await ok('session', 'close', 'fc1');
          expect(await ok('provisional', '--body', 'board')).toMatch(
            /^fc1\/roof \(motion of finance-committee\) \[entry \d+\]: "Spend 4000 on the roof\.": adopted; provisional: awaits ratification by a session of Board of Directors\nfc1\/paint /,
          );
          const opened = await ok('--json', 'session', 'open', 'b1', '--body', 'board');
          expect(
            (
              JSON.parse(opened) as { awaitingRatification: { ref: unknown }[] }
            ).awaitingRatification.map((d) => d.ref),
          ).toEqual([
            { session: 'fc1', motion: 'roof' },
            { session: 'fc1', motion: 'paint' },
          ]);
          await ok('arrive', 'b1', 'ada', 'ben', 'chen', 'dana');
          await ok('ratify', 'fc1/roof', '--session', 'b1');
          await ok(
            'motion',
            'b1',
            'no-paint',
            '--text',
            'Ratify the paint.',
            '--ratifies',
            'fc1/paint',
          );
          await vote('b1', 'ratify-roof', ['ada', 'ben', 'chen'], ['dana']);
          await vote('b1', 'no-paint', ['dana'], ['ada', 'ben', 'chen']);
          const protocol = await ok('protocol', 'fc1');
          expect(protocol).toMatch(
            /Ratified by motion 1 \("Ratify .+"\) of the session of Board of Directors on .+ \[entry \d+\]\./,
          );
          expect(protocol).toMatch(
            /Annulled by motion 2 \(".+"\) of the session of Board of Directors on .+ \[entry \d+\]\./,
          );
          expect(protocol).toContain(
            'Chain: fc1/paint (adopted, annulled) → b1/no-paint (rejected)',
          );
          expect(await ok('provisional')).toBe('no decision awaits ratification\n');
          // What awaits no ratification by the board cannot be ratified by it.
          await ok('session', 'open', 'b2', '--body', 'board');
          for (const [args, message] of [
            [
              ['ratify', 'fc1/roof', '--session', 'b2'],
              /refused \(charter-rule\): motion 1 \("Spend 4000 on the roof"\) of the session of Finance Committee on .+ awaits no ratification by Board of Directors/,
            ],
            [
              ['ratify', 'nothing', '--session', 'b2'],
              'refused (not-found): no circulation nothing in the record',
            ],
            [
              ['ratify', 'a/b/c', '--session', 'b2'],
              'refused (invalid-input): "a/b/c" names no decision',
            ],
            [['ratify', 'fc1/paint', '--session', 'zz'], "refused (not-found): no session 'zz'"],
          ] as const) {
            const r = await run(...args);
            expect(r.code, r.out).toBe(1);
            expect(r.err).toMatch(message);
            expect(r.err).not.toMatch(STACK_LINE);
          }
          await ok(
            'motion',
            'b2',
            'roof-more',
            '--text',
            'Add 1000 for the gutters.',
            '--follows',
            'fc1/roof',
          );
          expect(await ok('question', 'b2/roof-more')).toContain(
            'Chain: fc1/roof (adopted, ratified) → b1/ratify-roof (adopted) → b2/roof-more (not yet decided)',
          );
          // A joint meeting decides only if each body adopts.
          await ok('session', 'open', 'j1', '--body', 'joint-meeting');
          await ok('arrive', 'j1', 'ada', 'ben', 'chen', 'dana', 'eli', 'gus');
          await ok('motion', 'j1', 'merge', '--text', 'Merge the funds.');
          await vote('j1', 'merge', ['ada', 'ben', 'chen', 'eli'], ['dana', 'gus']);
          const joint = await ok('protocol', 'j1');
          expect(joint).toContain(
            '       Board of Directors: adopted: 4 ayes against 2 nays, majority of votes cast; 6 of 7 voting members present, quorum 4\n       Finance Committee: rejected: 1 aye against 2 nays; majority of votes cast required; 3 of 3 voting members present, quorum 2\n',
          );
          expect(await ok('decisions', '--outcome', 'rejected', '--body', 'joint-meeting')).toMatch(
            /^j1\/merge \(motion of joint-meeting\) \[entry \d+\]: "Merge the funds\.": rejected\n$/,
          );
          expect(await ok('audit')).toMatch(/^audit passed/);
        } finally {
          await handle.dispose();
        }
      },
    );
  });
}
