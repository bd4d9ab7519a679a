/**
 * Minutes as use cases, on both storage backends: a session convened with a notice and agenda,
 * apologies, motions under agenda items, the minutes as a document, signed by the chair and the
 * secretary over their content hash, approved by the next session, objected to; and every
 * refusal leaving the record as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { putCirculation, withdrawCirculation } from '../../src/app/circulations.js';
import { Ledger } from '../../src/app/ledger.js';
import type { DraftSource } from '../../src/app/ledger.js';
import {
  conveneSession,
  excuseAbsence,
  minutesOf,
  minutesRefOf,
  motionUnderItem,
  objectToMinutes,
  signMinutes,
} from '../../src/app/minutes.js';
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
import type { AgendaItem } from '../../src/core/acts.js';
import type { ErrorCode } from '../../src/core/errors.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, charterFile, editedCharterJson } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { appendForged, expectRefused as refused } from './support.js';

const S1 = 'board-2027-11-20';
const S2 = 'board-2027-12-18';
const DAY = 86_400_000;

for (const backend of BACKENDS) {
  describe(`Minutes on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;
    let now = Date.parse('2027-11-01T09:00:00.000Z');
    const clock = () => new Date(now);

    beforeEach(async () => {
      now = Date.parse('2027-11-01T09:00:00.000Z');
      handle = await backend.fresh();
      store = await handle.open({ create: true });
    });
    afterEach(async () => {
      await handle?.dispose();
    });

    const expectRefused = (ledger: Ledger, source: DraftSource, code: ErrorCode) =>
      refused(handle, ledger, source, code);

    /** The board, with a notice period of seven days. */
    async function board(): Promise<Ledger> {
      const json = editedCharterJson(COOPERATIVE.charter, (c) => {
        c.bodies['board']!['notice'] = { days: 7 };
      });
      return Ledger.create(store, json, { clock });
    }

    /** A meeting of S1 held under its agenda: two motions, one under each item, and closed. */
    async function meeting(ledger: Ledger): Promise<void> {
      await record(ledger, openSession({ session: S1, body: 'board' }));
      await ledger.append(['ada', 'ben', 'chen', 'dana'].map((p) => attendance('arrive', S1, p)));
      await record(ledger, excuseAbsence({ session: S1, person: 'fay', reason: 'travelling' }));
      await record(
        ledger,
        proposeMotion({
          session: S1,
          motion: 'roof',
          item: 'roof',
          text: 'Repair the roof.',
          proposer: 'ben',
        }),
      );
      await record(ledger, openVote(S1, 'roof'));
      for (const [voter, choice] of [
        ['ada', 'aye'],
        ['ben', 'aye'],
        ['chen', 'nay'],
        ['dana', 'aye'],
      ] as const)
        await record(ledger, castBallot({ session: S1, motion: 'roof', voter, choice }));
      await record(ledger, closeVote(S1, 'roof'));
      await record(ledger, attendance('depart', S1, 'dana'));
      await record(ledger, closeSession(S1));
    }

    const convene = (
      session: string,
      agenda: AgendaItem[] = [{ item: 'roof', title: 'The barn roof' }],
    ) =>
      conveneSession(
        { session, body: 'board', date: '2027-11-20T18:00', place: 'The barn', agenda },
        { maxBytes: 1 << 20 },
      );

    it('builds minutes from the record: notice, agenda, attendance, the vote by name, the decision', async () => {
      const ledger = await board();
      await record(
        ledger,
        convene(S1, [
          { item: 'roof', title: 'The barn roof', motion: 'Repair the roof.' },
          { item: 'other', title: 'Any other business' },
        ]),
      );
      now += 19 * DAY;
      await meeting(ledger);
      const doc = await minutesOf(ledger.state, store, S1);
      expect(doc.status).toBe('draft');
      expect(doc.flags).toEqual([]);
      expect(doc.session).toMatchObject({ date: '2027-11-20', place: 'The barn', mode: 'live' });
      expect(doc.session.chair?.name).toBe('Ada Okafor');
      expect(doc.notice?.noticed).toBe('2027-11-01T09:00:00.000Z');
      expect(doc.agenda.map((a) => [a.item, a.motions])).toEqual([
        ['roof', ['roof']],
        ['other', []],
      ]);
      expect(doc.attendance.present.map((p) => p.id)).toEqual(['ada', 'ben', 'chen', 'dana']);
      expect(doc.attendance.excused).toEqual([
        { id: 'fay', name: expect.any(String), reason: 'travelling' },
      ]);
      expect(doc.attendance.absent.map((p) => p.id)).toEqual(['eli', 'gus']);
      expect(doc.attendance.movements.map((m) => [m.person.id, m.kind])).toEqual([
        ['dana', 'depart'],
      ]);
      const [item] = doc.items;
      expect(item?.proposer?.name).toBe('Ben Lindqvist');
      expect(item?.quorum).toBe('4 of 7 voting members present, quorum 4');
      expect(item?.vote?.choices.map((c) => [c.label, c.voters.map((v) => v.id)])).toEqual([
        ['Ayes', ['ada', 'ben', 'dana']],
        ['Nays', ['chen']],
      ]);
      expect(item?.decision?.outcome).toBe('adopted');
      expect(doc.approval.unsigned.map((p) => p.id)).toEqual(['ada', 'hana']);
      expect(doc.appendix.proofs.map((p) => p.label)).toContain('Motion 1 (roof) decided');
      expect(doc.appendix.checkpoint).toMatch(/^maple-court\.example\/board\n/);
    });

    it('takes apologies sent before the opening, keeps them through a revised notice, and refuses a stranger', async () => {
      const ledger = await board();
      await expectRefused(ledger, excuseAbsence({ session: S1, person: 'fay' }), 'not-found');
      await record(ledger, convene(S1));
      await record(ledger, excuseAbsence({ session: S1, person: 'fay', reason: 'travelling' }));
      // Sent by the member themself, not through an officer.
      await record(ledger, excuseAbsence({ session: S1, person: 'gus' }, 'gus'));
      await expectRefused(
        ledger,
        excuseAbsence({ session: S1, person: 'fay' }, 'eli'),
        'forbidden',
      );
      await record(ledger, convene(S1, [{ item: 'budget', title: 'The budget' }]));
      now += 8 * DAY;
      await record(ledger, openSession({ session: S1, body: 'board' }));
      expect([...ledger.state.sessions.get(S1)!.excused.keys()]).toEqual(['fay', 'gus']);
      // gus comes after all, and the contractor attends as a guest.
      await ledger.append(['ada', 'ben', 'nora', 'gus'].map((p) => attendance('arrive', S1, p)));
      const doc = await minutesOf(ledger.state, store, S1);
      expect(doc.attendance.excused.map((e) => [e.id, e.reason])).toEqual([['fay', 'travelling']]);
      expect(doc.attendance.present.map((p) => p.id)).toEqual(['ada', 'ben', 'gus']);
      expect(doc.attendance.alsoPresent).toEqual([{ id: 'nora', name: 'Nora Lund' }]);
      expect(doc.attendance.absent.map((p) => p.id)).not.toContain('fay');
      // The same record folded again from the store says the same.
      const reopened = await Ledger.open(store);
      expect([...reopened.state.sessions.get(S1)!.excused.keys()]).toEqual(['fay', 'gus']);
    });

    it('flags a session opened sooner than the notice period, and one opened without notice', async () => {
      const ledger = await board();
      await record(ledger, convene(S1));
      now += 3 * DAY;
      await record(ledger, openSession({ session: S1, body: 'board' }));
      expect(ledger.state.sessions.get(S1)?.flags).toEqual([
        "opened 3 days after its notice of 1 November 2027: the charter requires 7 days' notice",
      ]);
      await record(ledger, openSession({ session: S2, body: 'board' }));
      expect(ledger.state.sessions.get(S2)?.flags).toEqual([
        "opened without notice: the charter requires 7 days' notice",
      ]);
      await expectRefused(ledger, convene(S1), 'conflict');
    });

    it('reads a session opened within a day of its notice as such, the record keeping its words', async () => {
      const ledger = await board();
      await record(ledger, convene(S1));
      now += DAY / 4;
      await record(ledger, openSession({ session: S1, body: 'board' }));
      await record(ledger, closeSession(S1));
      await record(ledger, signMinutes(S1, 'ada'));
      const doc = await minutesOf(ledger.state, store, S1);
      expect(doc.flags).toEqual([
        "opened less than a day after its notice of 1 November 2027: the charter requires 7 days' notice",
      ]);
      // The minutes' content, which the signature covers, holds the flag as records always wrote it.
      expect(ledger.state.sessions.get(S1)?.flags).toEqual([
        "opened 0 days after its notice of 1 November 2027: the charter requires 7 days' notice",
      ]);
      const reopened = await Ledger.open(store);
      expect(reopened.state.sessions.get(S1)?.minutes.signatures[0]?.content).toBe(
        doc.approval.content,
      );
    });

    it('refuses a motion under an item the agenda does not have, and a notice listing an item twice', async () => {
      const ledger = await board();
      await expectRefused(
        ledger,
        convene(S1, [
          { item: 'roof', title: 'a' },
          { item: 'roof', title: 'b' },
        ]),
        'conflict',
      );
      await record(ledger, convene(S1));
      await record(ledger, openSession({ session: S1, body: 'board' }));
      await expectRefused(
        ledger,
        proposeMotion({ session: S1, motion: 'm', item: 'paint', text: 'Paint.' }),
        'not-found',
      );
    });

    it('signs, approves and records objections to the minutes, and says so', async () => {
      const ledger = await board();
      await record(ledger, convene(S1));
      now += 19 * DAY;
      await meeting(ledger);
      await expectRefused(ledger, signMinutes(S1, 'ben'), 'not-a-signer');
      await expectRefused(
        ledger,
        signMinutes(S1, 'ada', { content: '0'.repeat(64) }),
        'content-mismatch',
      );
      await record(ledger, signMinutes(S1, 'ada'));
      await expectRefused(ledger, signMinutes(S1, 'ada'), 'duplicate-signature');
      await record(ledger, signMinutes(S1, 'hana'));
      await record(ledger, objectToMinutes(S1, 'chen', 'I voted nay on the roof for its cost.'));
      // The next meeting approves them: a decision over their content hash.
      now += 28 * DAY;
      await record(ledger, openSession({ session: S2, body: 'board' }));
      const draft = await minutesOf(ledger.state, store, S2);
      expect(draft.status).toBe('in-progress');
      await ledger.append(['ada', 'ben', 'chen', 'eli'].map((p) => attendance('arrive', S2, p)));
      await record(
        ledger,
        proposeMotion({
          session: S2,
          motion: 'approve',
          text: 'Approve the minutes of 20 November.',
          approves: minutesRefOf(ledger.state, S1),
        }),
      );
      await record(ledger, openVote(S2, 'approve'));
      for (const voter of ['ada', 'ben', 'chen', 'eli'])
        await record(ledger, castBallot({ session: S2, motion: 'approve', voter, choice: 'aye' }));
      await record(ledger, closeVote(S2, 'approve'));
      const doc = await minutesOf(ledger.state, store, S1);
      expect(doc.status).toBe('approved');
      expect(doc.approval.approved).toMatchObject({
        decision:
          'motion 1 ("Approve the minutes of 20 November") of the session of Board of Directors on 18 December 2027',
        date: '2027-12-18',
        body: { id: 'board', name: 'Board of Directors' },
      });
      expect(doc.approval.signatures.map((s) => [s.signer.id, s.role])).toEqual([
        ['ada', 'chair'],
        ['hana', 'secretary'],
      ]);
      expect(doc.approval.unsigned).toEqual([]);
      expect(doc.approval.objections.map((o) => [o.member.id, o.text])).toEqual([
        ['chen', 'I voted nay on the roof for its cost.'],
      ]);
      // What was signed and approved is still the minutes' content: later acts do not change it.
      expect(doc.approval.content).toBe(
        ledger.state.sessions.get(S1)!.minutes.signatures[0]!.content,
      );
    });

    it('lists a question put to approve the minutes as pending until decided, but not once withdrawn', async () => {
      const ledger = await board();
      await record(ledger, convene(S1));
      now += 19 * DAY;
      await meeting(ledger);
      const put = (circulation: string) =>
        putCirculation({
          circulation,
          body: 'board',
          text: 'Approve the minutes of 20 November?',
          deadline: new Date(now + 7 * DAY).toISOString(),
          approves: minutesRefOf(ledger.state, S1),
        });
      await record(ledger, put('approve-first'));
      await record(ledger, put('approve-again'));
      const pending = async () => (await minutesOf(ledger.state, store, S1)).approval.pending;
      const question =
        'the question "Approve the minutes of 20 November?" put to Board of Directors (20 November 2027)';
      expect(await pending()).toEqual([question, question]);
      // Withdrawn, the first will never decide anything: the minutes no longer wait on it.
      await record(ledger, withdrawCirculation('approve-first', 'hana', 'Put in error.'));
      expect(await pending()).toEqual([question]);
    });

    it('fails the audit at a signature of the minutes forged over other content', async () => {
      const ledger = await board();
      await record(ledger, convene(S1));
      now += 19 * DAY;
      await meeting(ledger);
      const time = clock().toISOString();
      const { content } = minutesRefOf(ledger.state, S1);
      const sign = (over: string) => ({
        act: { type: 'minutes.sign' as const, payload: { session: S1, content: over } },
        actor: 'hana',
        signer: 'hana',
      });
      // The forger's means are sound: a signature over the record's minutes passes the audit.
      const control = await appendForged(store, [sign(content)], time);
      expect(await audit(store)).toMatchObject({ ok: true, size: control + 1 });
      const forged = await appendForged(
        store,
        [{ ...sign('f'.repeat(64)), actor: 'ada', signer: 'hana' }],
        time,
      );
      const report = await audit(store);
      expect(report.ok).toBe(false);
      expect(report.failure).toMatchObject({ index: forged });
      expect(report.failure?.reason).toMatch(
        /the minutes of the session of Board of Directors on 20 November 2027 have content/,
      );
    });

    it('refuses to approve or sign the minutes of a session still sitting, or over other content', async () => {
      const ledger = await board();
      await record(ledger, openSession({ session: S1, body: 'board' }));
      await expectRefused(ledger, signMinutes(S1, 'ada', { content: 'a'.repeat(64) }), 'conflict');
      await record(ledger, closeSession(S1));
      await record(ledger, openSession({ session: S2, body: 'board' }));
      await expectRefused(
        ledger,
        proposeMotion({
          session: S2,
          motion: 'approve',
          text: 'Approve.',
          approves: { session: S1, content: 'b'.repeat(64) },
        }),
        'content-mismatch',
      );
    });
  });
}

describe('motionUnderItem', () => {
  it('drafts the motion an agenda item puts, and what is given wins', async () => {
    const handle = await BACKENDS[0]!.fresh();
    try {
      const store = await handle.open({ create: true });
      const clock = () => new Date('2027-11-01T09:00:00.000Z');
      const { json } = charterFile(COOPERATIVE.charter);
      const ledger = await Ledger.create(store, json, { clock });
      await record(ledger, openSession({ session: S1, body: 'board' }));
      await record(ledger, closeSession(S1));
      await record(
        ledger,
        conveneSession(
          {
            session: S2,
            body: 'board',
            date: '2027-12-18',
            agenda: [
              {
                item: 'minutes',
                title: 'Minutes of 20 November',
                motion: 'Approve them.',
                minutes: S1,
              },
            ],
          },
          { maxBytes: 1 << 20 },
        ),
      );
      await record(ledger, openSession({ session: S2, body: 'board' }));
      expect(motionUnderItem(ledger.state, S2, 'minutes')).toEqual({
        text: 'Approve them.',
        item: 'minutes',
        approves: minutesRefOf(ledger.state, S1),
      });
      expect(motionUnderItem(ledger.state, S2, 'minutes', { text: 'Approve.' }).text).toBe(
        'Approve.',
      );
      expect(() => motionUnderItem(ledger.state, S2, 'roof')).toThrow(/has no item 'roof'/);
    } finally {
      await handle.dispose();
    }
  });
});
