/**
 * Proxies as acts, on both storage backends: grants and revocations within the charter's rules,
 * and ballots by proxy counted only under a grant in force for that vote. A live session refuses
 * what a transcription of minutes records and flags.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { enrolMember } from '../../src/app/enrolment.js';
import { Ledger } from '../../src/app/ledger.js';
import type { DraftSource } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  closeSession,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import type { SessionMode } from '../../src/core/acts.js';
import { toBase64 } from '../../src/core/bytes.js';
import type { ErrorCode } from '../../src/core/errors.js';
import type { Choice } from '../../src/core/rules/types.js';
import { grantInForce, motionKey } from '../../src/core/state/index.js';
import type { MotionState } from '../../src/core/state/index.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, charterFile, editedCharterJson } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { expectRefused as refused, grantProxy, revokeProxy } from './support.js';

const S = 'board-2026-11-05';
const PRESENT = ['ada', 'ben', 'chen', 'dana', 'eli'];

/** A clock the test moves on. */
function movableClock(start: string): { clock: () => Date; set: (iso: string) => void } {
  let now = start;
  return { clock: () => new Date(now), set: (iso) => (now = iso) };
}

function ballot(motion: string, voter: string, choice: Choice, castBy?: string): DraftSource {
  return castBallot({ session: S, motion, voter, choice, ...(castBy ? { castBy } : {}) });
}

/** A board meeting of the cooperative with `present` there and motions m1 to m3 put. */
async function meeting(
  ledger: Ledger,
  present: readonly string[] = PRESENT,
  mode: SessionMode = 'live',
): Promise<void> {
  await record(ledger, openSession({ session: S, body: 'board', mode }));
  await ledger.append(present.map((p) => attendance('arrive', S, p)));
  await ledger.append(
    ['m1', 'm2', 'm3'].map((motion) =>
      proposeMotion({ session: S, motion, text: `Motion ${motion}.` }),
    ),
  );
}

function motionOf(ledger: Ledger, motion: string): MotionState {
  return ledger.state.motions.get(motionKey(S, motion))!;
}

for (const backend of BACKENDS) {
  describe(`proxies on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;
    const time = movableClock('2026-11-05T18:00:00.000Z');

    beforeEach(async () => {
      handle = await backend.fresh();
      store = await handle.open({ create: true });
      time.set('2026-11-05T18:00:00.000Z');
    });

    afterEach(async () => {
      await handle?.dispose();
    });

    const expectRefused = (ledger: Ledger, source: DraftSource, code: ErrorCode) =>
      refused(handle, ledger, source, code);

    async function board(): Promise<Ledger> {
      return Ledger.create(store, charterFile(COOPERATIVE.charter).json, { clock: time.clock });
    }

    it('refuses grants and revocations that the charter or the record do not allow', async () => {
      const ledger = await board();
      await meeting(ledger);
      const until = '2026-11-30T18:00:00.000Z';
      // The finance committee's charter allows no proxies.
      await expectRefused(
        ledger,
        grantProxy('g0', 'chen', 'dana', { until }, 'finance-committee'),
        'charter-rule',
      );
      // hana is the secretary, not a director; zed is no one.
      await expectRefused(ledger, grantProxy('g0', 'hana', 'eli', { session: S }), 'not-member');
      await expectRefused(ledger, grantProxy('g0', 'gus', 'hana', { session: S }), 'not-member');
      await expectRefused(ledger, grantProxy('g0', 'gus', 'zed', { session: S }), 'not-found');
      await expectRefused(ledger, grantProxy('g0', 'gus', 'gus', { session: S }), 'invalid-input');
      // One session (or a motion of it), or until a time: exactly one of them, the time to come.
      await expectRefused(ledger, grantProxy('g0', 'gus', 'eli', {}), 'invalid-input');
      await expectRefused(
        ledger,
        grantProxy('g0', 'gus', 'eli', { session: S, until }),
        'invalid-input',
      );
      await expectRefused(
        ledger,
        grantProxy('g0', 'gus', 'eli', { motion: 'm1', until }),
        'invalid-input',
      );
      await expectRefused(
        ledger,
        grantProxy('g0', 'gus', 'eli', { until: '2026-11-05T17:59:59.999Z' }),
        'invalid-input',
      );
      await expectRefused(
        ledger,
        grantProxy('g0', 'gus', 'eli', { session: 'no-such-session' }),
        'not-found',
      );
      await expectRefused(
        ledger,
        grantProxy('g0', 'gus', 'eli', { session: S, motion: 'no-such-motion' }),
        'not-found',
      );

      await record(ledger, grantProxy('g1', 'gus', 'eli', { session: S }));
      await expectRefused(ledger, grantProxy('g1', 'fay', 'ben', { session: S }), 'conflict');
      // gus has given a proxy for the session: none for it, a motion of it, or any time.
      for (const scope of [{ session: S }, { session: S, motion: 'm1' }, { until }]) {
        const error = await expectRefused(
          ledger,
          grantProxy('g2', 'gus', 'ben', scope),
          'conflict',
        );
        expect(error.message).toMatch(
          /Gus Tanaka has given a proxy that covers this already \(g1, to Eli Novak\)/,
        );
      }
      // eli holds one proxy, the most the board allows.
      const error = await expectRefused(
        ledger,
        grantProxy('g2', 'fay', 'eli', { session: S, motion: 'm2' }),
        'charter-rule',
      );
      expect(error.message).toMatch(/max-per-holder: 1/);

      // Only gus takes his proxy back, and only once.
      await expectRefused(ledger, revokeProxy('g1', 'eli'), 'forbidden');
      await expectRefused(ledger, revokeProxy('g1', 'hana'), 'forbidden');
      await expectRefused(ledger, revokeProxy('g9', 'gus'), 'not-found');
      await record(ledger, revokeProxy('g1', 'gus', 'back in town'));
      expect(ledger.state.grants.get('g1')?.revokedAt).toBe(ledger.size - 1);
      await expectRefused(ledger, revokeProxy('g1', 'gus'), 'conflict');
      // Revoked, it is in no one's way.
      await record(ledger, grantProxy('g2', 'fay', 'eli', { session: S, motion: 'm2' }));
      await record(ledger, grantProxy('g3', 'gus', 'ben', { until }));

      // No proxy for a motion already decided, or for a closed session.
      await record(ledger, openVote(S, 'm3'));
      await record(ledger, closeVote(S, 'm3'));
      await expectRefused(
        ledger,
        grantProxy('g4', 'dana', 'chen', { session: S, motion: 'm3' }),
        'conflict',
      );
      await record(ledger, closeSession(S));
      await expectRefused(ledger, grantProxy('g4', 'dana', 'chen', { session: S }), 'conflict');
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('takes a grant from a member who holds a key only signed by them', async () => {
      const ledger = await board();
      const gus = generateKeyPair();
      await record(ledger, enrolMember('gus', toBase64(gus.publicKey)));
      await meeting(ledger);
      // The secretary records grants for members without a key of their own, not for gus now.
      await record(ledger, { ...grantProxy('g1', 'fay', 'ben', { session: S }), signer: 'hana' });
      await expectRefused(
        ledger,
        { ...grantProxy('g2', 'gus', 'eli', { session: S }), signer: 'hana' },
        'forbidden',
      );
      ledger.useKeys(new Map([['gus', gus.privateKey]]));
      await record(ledger, grantProxy('g2', 'gus', 'eli', { session: S }));
      expect(ledger.state.grants.get('g2')).toMatchObject({ grantor: 'gus', holder: 'eli' });
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('lets a grant spent with its session or motion stand in the way of no other', async () => {
      const ledger = await board();
      await meeting(ledger);
      await record(ledger, grantProxy('g1', 'gus', 'eli', { session: S }));
      await record(ledger, grantProxy('g2', 'fay', 'ben', { session: S, motion: 'm1' }));
      await record(ledger, openVote(S, 'm1'));
      await record(ledger, closeVote(S, 'm1'));
      // While the session is open, gus's grant covers its votes: no other of his, none to eli.
      const until = '2026-11-30T18:00:00.000Z';
      await expectRefused(ledger, grantProxy('g3', 'gus', 'ben', { until }), 'conflict');
      await expectRefused(ledger, grantProxy('g3', 'dana', 'eli', { until }), 'charter-rule');
      // fay's grant for m1 was spent when its vote closed.
      await record(ledger, grantProxy('g3', 'fay', 'ben', { session: S }));
      await record(ledger, closeSession(S));
      // With the session closed, gus's grant covers nothing more.
      await record(ledger, grantProxy('g4', 'gus', 'ben', { until }));
      await record(ledger, grantProxy('g5', 'dana', 'eli', { until }));
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('refuses, live, a ballot under a grant given after the first N its holder holds for the vote', async () => {
      const max = (n: number) =>
        editedCharterJson(COOPERATIVE.charter, (c) => {
          c.bodies['board']!['proxies'] = { 'max-per-holder': n };
        }) as Record<string, unknown>;
      const ledger = await Ledger.create(store, max(2), { clock: time.clock });
      await meeting(ledger);
      const until = '2026-11-05T20:00:00.000Z';
      await record(ledger, grantProxy('g1', 'fay', 'ada', { until }));
      await record(ledger, grantProxy('g2', 'gus', 'ada', { until }));
      // The board lowers the limit to one: ada holds two grants, given under the old one.
      await record(
        ledger,
        proposeMotion({ session: S, motion: 'one', text: 'One.', amends: max(1) }),
      );
      await record(ledger, openVote(S, 'one'));
      await ledger.append(PRESENT.map((p) => ballot('one', p, 'aye')));
      await record(ledger, closeVote(S, 'one'));
      await record(ledger, openVote(S, 'm1'));
      // The count keeps the first grant given, g1: a ballot under g2 would not be counted.
      const error = await expectRefused(ledger, ballot('m1', 'gus', 'aye', 'ada'), 'charter-rule');
      expect(error.message).toBe(
        'Ada Okafor was given 1 proxy for motion 1 ("Motion m1") before g2 (g1, of Fay Osei), the most Board of Directors allows as the vote opened (max-per-holder: 1): a ballot under g2 would not be counted',
      );
      await record(ledger, ballot('m1', 'fay', 'aye', 'ada'));
      await record(ledger, closeVote(S, 'm1'));
      expect(motionOf(ledger, 'm1').decision?.quorum.representedByProxy).toBe(1);
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('counts a ballot by proxy only under a grant in force for that vote', async () => {
      const ledger = await board();
      await meeting(ledger);
      await ledger.append([openVote(S, 'm1'), openVote(S, 'm2')]);
      // No grant: eli may not vote for gus.
      const refusal = await expectRefused(ledger, ballot('m1', 'gus', 'aye', 'eli'), 'no-proxy');
      expect(refusal.message).toBe(
        'Gus Tanaka has given Eli Novak no proxy in force for motion 1 ("Motion m1")',
      );

      // A grant for m1 covers m1 only.
      await record(ledger, grantProxy('g-gus', 'gus', 'eli', { session: S, motion: 'm1' }));
      await record(ledger, ballot('m1', 'gus', 'aye', 'eli'));
      expect(motionOf(ledger, 'm1').ballots.get('gus')).toMatchObject({
        castBy: 'eli',
        grant: 'g-gus',
      });
      await expectRefused(ledger, ballot('m2', 'gus', 'aye', 'eli'), 'no-proxy');

      // A grant taken back covers nothing.
      await record(ledger, grantProxy('g-fay', 'fay', 'chen', { session: S }));
      await record(ledger, revokeProxy('g-fay', 'fay'));
      await expectRefused(ledger, ballot('m1', 'fay', 'aye', 'chen'), 'no-proxy');

      // dana was present when the vote opened: she votes in person, not through ben.
      await record(ledger, grantProxy('g-dana', 'dana', 'ben', { session: S }));
      const present = await expectRefused(
        ledger,
        ballot('m1', 'dana', 'aye', 'ben'),
        'charter-rule',
      );
      expect(present.message).toBe(
        'Dana Morales was present when the vote opened and votes in person',
      );

      await ledger.append([
        ballot('m1', 'ada', 'aye'),
        ballot('m1', 'eli', 'aye'),
        ballot('m1', 'ben', 'nay'),
        ballot('m1', 'chen', 'nay'),
      ]);
      await record(ledger, closeVote(S, 'm1'));
      // gus's aye decides it: 3 to 2.
      expect(motionOf(ledger, 'm1').decision).toMatchObject({ outcome: 'adopted', excluded: [] });
      expect(motionOf(ledger, 'm1').decision?.explanation).toBe(
        'adopted: 3 ayes against 2 nays, majority of votes cast; 6 of 7 voting members present (1 by proxy), quorum 4',
      );
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect(reopened.state).toEqual(ledger.state);
    });

    it('covers ballots until the time a grant gives, and none after, towards the quorum too', async () => {
      const ledger = await board();
      // Three of seven directors: one short of the quorum of four.
      await meeting(ledger, ['ada', 'ben', 'chen']);
      await record(ledger, grantProxy('g1', 'gus', 'ada', { until: '2026-11-05T19:00:00.000Z' }));
      await ledger.append(['m1', 'm2', 'm3'].map((m) => openVote(S, m)));
      time.set('2026-11-05T18:30:00.000Z');
      const occasion = { body: 'board', session: S, motion: 'm1' };
      expect(
        grantInForce(ledger.state, 'gus', 'ada', { ...occasion, time: '2026-11-05T19:00:00.000Z' })
          ?.id,
      ).toBe('g1');
      expect(
        grantInForce(ledger.state, 'gus', 'ada', { ...occasion, time: '2026-11-05T19:00:00.001Z' }),
      ).toBeUndefined();
      expect(
        grantInForce(ledger.state, 'gus', 'ben', { ...occasion, time: '2026-11-05T18:30:00.000Z' }),
      ).toBeUndefined();
      await ledger.append([ballot('m1', 'gus', 'aye', 'ada'), ballot('m1', 'ben', 'aye')]);
      time.set('2026-11-05T19:00:00.000Z');
      await record(ledger, ballot('m2', 'gus', 'aye', 'ada'));
      time.set('2026-11-05T19:00:00.001Z');
      await expectRefused(ledger, ballot('m3', 'gus', 'aye', 'ada'), 'no-proxy');

      await record(ledger, closeVote(S, 'm1'));
      // gus, represented by ada, makes the quorum.
      expect(motionOf(ledger, 'm1').decision?.explanation).toBe(
        'adopted: 2 ayes against 0 nays, majority of votes cast; 4 of 7 voting members present (1 by proxy), quorum 4',
      );
      await record(ledger, closeVote(S, 'm3'));
      expect(motionOf(ledger, 'm3').decision?.outcome).toBe('not-decided');
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('records in minutes a ballot by proxy without a grant, and the decision leaves it out', async () => {
      const ledger = await board();
      await meeting(ledger, PRESENT, 'minutes');
      await ledger.append(['m1', 'm2'].map((m) => openVote(S, m)));
      // As the minutes have it: gus voted through eli, though he gave him no proxy.
      await ledger.append([
        ballot('m1', 'ada', 'aye'),
        ballot('m1', 'ben', 'aye'),
        ballot('m1', 'chen', 'nay'),
        ballot('m1', 'dana', 'nay'),
        ballot('m1', 'gus', 'aye', 'eli'),
      ]);
      expect(motionOf(ledger, 'm1').ballots.get('gus')).toMatchObject({ castBy: 'eli' });
      expect(motionOf(ledger, 'm1').ballots.get('gus')?.grant).toBeUndefined();
      await record(ledger, closeVote(S, 'm1'));
      const decision = motionOf(ledger, 'm1').decision!;
      // Without gus's ballot, a tie: no casting vote given, it fails.
      expect(decision.outcome).toBe('rejected');
      expect(decision.excluded).toEqual([{ voter: 'gus', reason: 'proxy-without-grant' }]);
      expect(decision.flags).toContain(
        'gus voted by proxy without a grant in force: ballot not counted',
      );

      // The minutes record a grant as stated; under it, the same ballot counts.
      await record(ledger, grantProxy('g1', 'gus', 'eli', { session: S, motion: 'm2' }));
      await record(ledger, grantProxy('g2', 'dana', 'ben', { session: S, motion: 'm2' }));
      await ledger.append([
        ballot('m2', 'ada', 'aye'),
        ballot('m2', 'chen', 'nay'),
        ballot('m2', 'gus', 'aye', 'eli'),
        // dana was there: her ballot through ben does not count, grant or not.
        ballot('m2', 'dana', 'nay', 'ben'),
      ]);
      await record(ledger, closeVote(S, 'm2'));
      const second = motionOf(ledger, 'm2').decision!;
      expect(second.outcome).toBe('adopted');
      expect(second.excluded).toEqual([{ voter: 'dana', reason: 'grantor-present' }]);
      expect(second.flags).toContain(
        'dana voted by proxy while present when the vote opened (one present votes in person): ballot not counted',
      );
      expect(second.quorum.representedByProxy).toBe(1);
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect(reopened.state).toEqual(ledger.state);
    });
  });
}
