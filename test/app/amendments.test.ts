/**
 * Amendments of the charter by adopted motion, on both storage backends: in force from the entry
 * after the vote's close, every later act checked under them, every vote decided by the rules of
 * its opening; refused where the amended charter is no charter, or could not be in force; and an
 * amendment put in force by a forged entry, properly signed, caught by the audit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { Ledger } from '../../src/app/ledger.js';
import type { DraftSource } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  castingVote,
  closeSession,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import type { Acts } from '../../src/core/acts.js';
import type { ErrorCode } from '../../src/core/errors.js';
import type { Choice } from '../../src/core/rules/types.js';
import { charterAt, motionKey, sessionInWords } from '../../src/core/state/index.js';
import type { MotionState } from '../../src/core/state/index.js';
import { decodeEntry } from '../../src/record/entry.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, editedCharterJson, fixedClock } from '../support/examples.js';
import type { CharterJson } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { appendForged, expectRefused as refused } from './support.js';

const clock = fixedClock();
const S = 'board-2026-11-05';
/** The directors who come to the meeting: fay does not. */
const DIRECTORS = ['ada', 'ben', 'chen', 'dana', 'eli', 'gus'];

/** The cooperative, whose board decides amendments of its charter by two thirds of votes cast. */
const AMENDABLE = editedCharterJson(COOPERATIVE.charter, (c) => {
  (c.bodies['board']!['motion-kinds'] as Record<string, unknown>)['amendment'] = {
    majority: 'two-thirds',
  };
}) as CharterJson;

/** AMENDABLE changed by `edit`, unchecked: amendments the ledger must refuse too. */
function amended(edit: (c: CharterJson) => void): Record<string, unknown> {
  const json = structuredClone(AMENDABLE);
  edit(json);
  return json;
}

/** gus leaves the board and hana joins it; ben chairs it; five make a quorum. */
const RESHUFFLE = amended((c) => {
  const board = c.bodies['board']!;
  board['members'] = ['ada', 'ben', 'chen', 'dana', 'eli', 'fay', 'hana'];
  board['chair'] = 'ben';
  board['quorum'] = { count: 5 };
  c.bodies['finance-committee']!['members'] = ['chen', 'dana', 'hana'];
});

/** The finance committee is wound up. */
const NO_COMMITTEE = amended((c) => {
  delete c.bodies['finance-committee'];
});

function ballot(motion: string, voter: string, choice: Choice, session = S): DraftSource {
  return castBallot({ session, motion, voter, choice });
}

function amendment(
  motion: string,
  amends: Record<string, unknown>,
  extra: Partial<Acts['motion.propose']> = {},
  session = S,
): DraftSource {
  return proposeMotion({
    session,
    motion,
    text: 'Amend the charter.',
    proposer: 'ada',
    amends,
    ...extra,
  });
}

/** Opens a live board meeting with the directors (and the secretary, hana) present. */
async function meeting(ledger: Ledger): Promise<void> {
  await record(ledger, openSession({ session: S, body: 'board' }));
  await ledger.append([...DIRECTORS, 'hana'].map((p) => attendance('arrive', S, p)));
}

/** Opens the vote on `motion`, casts the ayes and nays given, and closes it. */
async function decide(
  ledger: Ledger,
  motion: string,
  ayes: readonly string[],
  nays: readonly string[],
): Promise<number> {
  await record(ledger, openVote(S, motion));
  await ledger.append([
    ...ayes.map((v) => ballot(motion, v, 'aye')),
    ...nays.map((v) => ballot(motion, v, 'nay')),
  ]);
  return (await record(ledger, closeVote(S, motion))).index;
}

function motionOf(ledger: Ledger, motion: string, session = S): MotionState {
  return ledger.state.motions.get(motionKey(session, motion))!;
}

async function entryAt(store: RecordStore, index: number) {
  for await (const stored of store.entries(index, index + 1)) return decodeEntry(stored.bytes);
  throw new Error(`no entry ${index}`);
}

for (const backend of BACKENDS) {
  describe(`amendments of the charter on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;

    beforeEach(async () => {
      handle = await backend.fresh();
      store = await handle.open({ create: true });
    });

    afterEach(async () => {
      await handle?.dispose();
    });

    const expectRefused = (ledger: Ledger, source: DraftSource, code: ErrorCode) =>
      refused(handle, ledger, source, code);

    it('puts an adopted amendment in force from the next entry, and checks later acts under it', async () => {
      const ledger = await Ledger.create(store, AMENDABLE, { clock });
      await meeting(ledger);
      // A vote opened before the amendment, and decided after it.
      await record(
        ledger,
        proposeMotion({ session: S, motion: 'before', text: 'Paint the hall.', proposer: 'ben' }),
      );
      await record(ledger, openVote(S, 'before'));

      await record(ledger, amendment('reshuffle', RESHUFFLE));
      // Decided as the board's amendments are: two thirds of the votes cast.
      expect(motionOf(ledger, 'reshuffle')).toMatchObject({
        kind: 'amendment',
        majority: 'two-thirds',
      });
      const adopted = ledger.state.charter;
      const closed = await decide(ledger, 'reshuffle', ['ada', 'ben', 'chen', 'dana', 'eli'], []);
      expect(motionOf(ledger, 'reshuffle').decision?.outcome).toBe('adopted');

      // The organization's act, right after the close, signed with the custodial key.
      expect(ledger.size).toBe(closed + 2);
      expect(await entryAt(store, closed + 1)).toMatchObject({
        type: 'charter.amend',
        actor: null,
        signer: null,
        key: ledger.state.custodian,
        payload: { session: S, motion: 'reshuffle' },
      });
      const versions = ledger.state.charters;
      expect(versions.map((v) => v.from)).toEqual([0, closed + 1]);
      expect(versions[1]).toMatchObject({
        json: RESHUFFLE,
        motion: { session: S, motion: 'reshuffle' },
      });
      expect(ledger.state.charter).toBe(versions[1]!.charter);
      expect(motionOf(ledger, 'reshuffle').amendedAt).toBe(closed + 1);
      const board = ledger.state.charter!.bodies.get('board')!;
      expect(board.votingMembers).toEqual(['ada', 'ben', 'chen', 'dana', 'eli', 'fay', 'hana']);
      expect(board.chair).toBe('ben');
      // The version in force once each entry is recorded.
      expect(charterAt(ledger.state, 0)?.charter).toBe(adopted);
      expect(charterAt(ledger.state, closed)?.charter).toBe(adopted);
      expect(charterAt(ledger.state, closed + 1)?.charter).toBe(versions[1]!.charter);
      expect(charterAt(ledger.state, closed + 100)?.from).toBe(closed + 1);

      // A vote opened after it: gus is no longer a director, hana is, and ben chairs.
      await record(
        ledger,
        proposeMotion({ session: S, motion: 'after', text: 'Fix the gate.', proposer: 'chen' }),
      );
      await record(ledger, openVote(S, 'after'));
      await expectRefused(ledger, ballot('after', 'gus', 'aye'), 'not-member');
      await record(ledger, ballot('after', 'hana', 'aye'));
      await ledger.append([
        ballot('after', 'ben', 'aye'),
        ballot('after', 'ada', 'nay'),
        ballot('after', 'chen', 'nay'),
      ]);
      await expectRefused(ledger, castingVote(S, 'after', 'nay', 'ada'), 'forbidden');
      await record(ledger, castingVote(S, 'after', 'aye'));
      await record(ledger, closeVote(S, 'after'));
      expect(motionOf(ledger, 'after').decision).toMatchObject({
        outcome: 'adopted',
        castingVote: 'aye',
      });
      // gus is in the room but no director: 6 of the 7 directors are present; 5 make a quorum.
      expect(motionOf(ledger, 'after').decision?.explanation).toMatch(
        /6 of 7 voting members present, quorum 5$/,
      );

      // The vote opened before: the roster and rules of its opening, gus in, hana out.
      await expectRefused(ledger, ballot('before', 'hana', 'aye'), 'not-member');
      await ledger.append([
        ballot('before', 'gus', 'aye'),
        ballot('before', 'ada', 'aye'),
        ballot('before', 'ben', 'nay'),
      ]);
      await record(ledger, closeVote(S, 'before'));
      const before = motionOf(ledger, 'before');
      expect(before.charterAtOpen).toBe(0);
      expect(before.ballots.has('gus')).toBe(true);
      expect(before.decision?.outcome).toBe('adopted');
      expect(before.decision?.explanation).toBe(
        'adopted: 2 ayes against 1 nay, majority of votes cast; 6 of 7 voting members present, quorum 4',
      );

      await record(ledger, closeSession(S));
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect(reopened.state).toEqual(ledger.state);
    });

    it('changes nothing on a rejected amendment, and records no charter.amend', async () => {
      const ledger = await Ledger.create(store, AMENDABLE, { clock });
      await meeting(ledger);
      await record(ledger, amendment('reshuffle', RESHUFFLE));
      const charter = ledger.state.charter;
      // 3 ayes of 5 votes cast: short of two thirds.
      const closed = await decide(ledger, 'reshuffle', ['ada', 'ben', 'chen'], ['dana', 'eli']);
      expect(motionOf(ledger, 'reshuffle').decision?.outcome).toBe('rejected');
      expect(ledger.size).toBe(closed + 1);
      expect(await store.size()).toBe(closed + 1);
      expect(ledger.state.charters).toHaveLength(1);
      expect(ledger.state.charter).toBe(charter);
      expect(motionOf(ledger, 'reshuffle').amendedAt).toBeUndefined();
      // gus is still a director.
      await record(
        ledger,
        proposeMotion({ session: S, motion: 'next', text: 'Fix the gate.', proposer: 'chen' }),
      );
      await record(ledger, openVote(S, 'next'));
      await record(ledger, ballot('next', 'gus', 'aye'));
      await expectRefused(ledger, ballot('next', 'hana', 'aye'), 'not-member');
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('refuses an amended charter that is not valid, or not one that could be in force, recording nothing', async () => {
      const ledger = await Ledger.create(store, AMENDABLE, { clock });
      await meeting(ledger);
      const invalid: [Record<string, unknown>, RegExp][] = [
        [
          { collegium: 1, organization: AMENDABLE['organization'] },
          /^the amended charter is not valid: people: /,
        ],
        [
          amended((c) => {
            c.bodies['board']!['quorum'] = { count: 9 };
          }),
          /^the amended charter is not valid: bodies\.board\.quorum: quorum 9 is larger than the body \(7 voting members\)$/,
        ],
        [
          amended((c) => {
            (c['organization'] as Record<string, unknown>)['id'] = 'oak-court-coop';
          }),
          /keeps the organization's id \(maple-court-coop\)/,
        ],
        [
          amended((c) => {
            (c['organization'] as Record<string, unknown>)['log'] = 'oak-court.example/board';
          }),
          /keeps the organization's log \(maple-court\.example\/board\)/,
        ],
      ];
      for (const [amends, message] of invalid) {
        const error = await expectRefused(ledger, amendment('bad', amends), 'invalid-charter');
        expect(error.message).toMatch(message);
      }

      // A body with a session open cannot be taken away under it.
      await record(ledger, openSession({ session: 'fc-1', body: 'finance-committee' }));
      const error = await expectRefused(ledger, amendment('wind-up', NO_COMMITTEE), 'conflict');
      expect(error.message).toMatch(
        /the amended charter has no body 'finance-committee' \(.+\), and the session of .+ is open/,
      );

      // Amendments are decided as the board's amendment kind, as one formula.
      await expectRefused(
        ledger,
        amendment('bylaw', RESHUFFLE, { kind: 'bylaws' }),
        'charter-rule',
      );
      await expectRefused(
        ledger,
        amendment('choice', RESHUFFLE, { alternatives: ['green', 'blue'] }),
        'invalid-input',
      );
      await expectRefused(
        ledger,
        amendment('both', RESHUFFLE, { invites: 'hana' }),
        'invalid-input',
      );
      // A delegated body amends nothing, and re-invites no one.
      await ledger.append(['chen', 'dana'].map((p) => attendance('arrive', 'fc-1', p)));
      await expectRefused(
        ledger,
        amendment('ours', RESHUFFLE, { proposer: 'chen' }, 'fc-1'),
        'charter-rule',
      );
      await expectRefused(
        ledger,
        proposeMotion({
          session: 'fc-1',
          motion: 'ours',
          text: 'Re-invite hana.',
          proposer: 'chen',
          invites: 'hana',
        }),
        'charter-rule',
      );
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('closes an adopted amendment only once no session of a body it takes away is open', async () => {
      const ledger = await Ledger.create(store, AMENDABLE, { clock });
      await meeting(ledger);
      await record(ledger, amendment('wind-up', NO_COMMITTEE));
      await record(ledger, openVote(S, 'wind-up'));
      await ledger.append(['ada', 'ben', 'chen'].map((v) => ballot('wind-up', v, 'aye')));
      // The committee meets while the board votes to wind it up.
      await record(ledger, openSession({ session: 'fc-1', body: 'finance-committee' }));
      await expectRefused(ledger, closeVote(S, 'wind-up'), 'conflict');
      await record(ledger, closeSession('fc-1', 'chen'));
      const closed = (await record(ledger, closeVote(S, 'wind-up'))).index;
      expect(ledger.state.charters.map((v) => v.from)).toEqual([0, closed + 1]);
      expect(ledger.state.charter!.bodies.has('finance-committee')).toBe(false);
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('votes on one amendment at a time, and never on one the charter was amended under', async () => {
      const ledger = await Ledger.create(store, AMENDABLE, { clock });
      await meeting(ledger);
      // Both carry the whole charter as it stands now: the later would undo the earlier.
      const QUORUM_FIVE = amended((c) => {
        c.bodies['board']!['quorum'] = { count: 5 };
      });
      await record(ledger, amendment('quorum', QUORUM_FIVE));
      await record(ledger, amendment('wind-up', NO_COMMITTEE));
      await record(ledger, openVote(S, 'quorum'));
      const open = await expectRefused(ledger, openVote(S, 'wind-up'), 'conflict');
      expect(open.message).toBe(
        `the vote on motion 1 ("Amend the charter") of ${sessionInWords(ledger.state, S)}, an amendment, is open: amendments are voted on one at a time, since each carries the whole charter`,
      );
      await ledger.append(['ada', 'ben', 'chen', 'dana'].map((v) => ballot('quorum', v, 'aye')));
      const closed = (await record(ledger, closeVote(S, 'quorum'))).index;
      expect(ledger.state.charter!.bodies.get('board')!.quorum).toEqual({
        kind: 'count',
        count: 5,
      });
      const stale = await expectRefused(ledger, openVote(S, 'wind-up'), 'conflict');
      expect(stale.message).toBe(
        `the charter was amended by motion 1 ("Amend the charter") of ${sessionInWords(ledger.state, S)} (entry ${closed + 1}) after motion 2 ("Amend the charter") of ${sessionInWords(ledger.state, S)} was put, which would undo that amendment: put it again as an amendment of the charter in force`,
      );
      expect(ledger.state.charter!.bodies.get('board')!.quorum).toMatchObject({ count: 5 });
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('fails the audit at a charter.amend forged onto a rejected amendment, signed and in the tree', async () => {
      const ledger = await Ledger.create(store, AMENDABLE, { clock });
      await meeting(ledger);
      await record(ledger, amendment('reshuffle', RESHUFFLE));
      await decide(ledger, 'reshuffle', ['ada', 'ben', 'chen'], ['dana', 'eli']);
      expect(motionOf(ledger, 'reshuffle').decision?.outcome).toBe('rejected');
      const time = clock().toISOString();

      // The forger's means are sound: an act the rules allow, forged so, passes the audit.
      const control = await appendForged(
        store,
        [
          {
            act: { type: 'session.close', payload: { session: S } },
            actor: 'hana',
            signer: 'hana',
          },
        ],
        time,
      );
      expect(await audit(store)).toMatchObject({ ok: true, size: control + 1 });

      const forged = await appendForged(
        store,
        [
          {
            act: { type: 'charter.amend', payload: { session: S, motion: 'reshuffle' } },
            actor: null,
            signer: null,
          },
        ],
        time,
      );
      const report = await audit(store);
      expect(report.ok).toBe(false);
      expect(report.failure).toMatchObject({ item: `entry ${forged}`, index: forged });
      expect(report.failure?.reason).toMatch(
        /motion 1 \("Amend the charter"\) of the session of Board of Directors on 5 November 2026 was not adopted \(rejected\): the charter stays as it is/,
      );
    });

    it('fails the audit where an adopted amendment is not put in force by the next entry', async () => {
      const ledger = await Ledger.create(store, AMENDABLE, { clock });
      await meeting(ledger);
      await record(ledger, amendment('reshuffle', RESHUFFLE));
      await record(ledger, openVote(S, 'reshuffle'));
      await ledger.append(['ada', 'ben', 'chen'].map((v) => ballot('reshuffle', v, 'aye')));
      // The close as the ledger would record it, but written without the amendment after it:
      // the acts that follow would be judged under a charter no longer in force.
      const close = closeVote(S, 'reshuffle');
      const draft = typeof close === 'function' ? close(ledger.state) : close;
      const forged = await appendForged(
        store,
        [
          { act: draft.act, actor: 'hana', signer: 'hana' },
          {
            act: { type: 'session.close', payload: { session: S } },
            actor: 'hana',
            signer: 'hana',
          },
        ],
        clock().toISOString(),
      );
      const report = await audit(store);
      expect(report.ok).toBe(false);
      expect(report.failure).toMatchObject({ item: `entry ${forged + 1}` });
      expect(report.failure?.reason).toMatch(
        /the amendment adopted by motion \d+ \("Amend the charter"\) of the session of .+ comes into force with the next entry, before anything else: not a session's close/,
      );
    });
  });
}
