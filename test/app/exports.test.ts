/**
 * Exports on both storage backends: the cooperative's meetings replayed from their minutes
 * (ballots by name, one by proxy, counts without names, arrivals and departures) and a meeting
 * recorded live (an apology, a proxy ballot, times); rows as the minutes say, CSV that a
 * spreadsheet opens safely, and the filters by session, body and day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attendanceRows,
  decisionRows,
  exportCsv,
  exportFileName,
  voteRows,
} from '../../src/app/exports.js';
import { Ledger } from '../../src/app/ledger.js';
import { excuseAbsence } from '../../src/app/minutes.js';
import { grantProxy } from '../../src/app/proxies.js';
import {
  attendance,
  castBallot,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import { decisionRegister } from '../../src/app/registers.js';
import { replay } from '../../src/app/replay.js';
import { DomainError } from '../../src/core/errors.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, charterFile, proceedingsFile } from '../support/examples.js';
import { csvRows } from '../support/csv.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

const LIVE = 'board-2027-11-20';
/** A motion's text as people type it: a comma, quotes, a line break, and a formula's sign. */
const AWKWARD = '=HYPERLINK("x"), then "repair", the roof\nand the gutters';

for (const backend of BACKENDS) {
  describe(`Exports on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;
    let ledger: Ledger;
    let now = Date.parse('2027-11-20T18:00:00.000Z');
    const clock = () => new Date((now += 1000));

    beforeEach(async () => {
      handle = await backend.fresh();
      store = await handle.open({ create: true });
      ledger = await Ledger.create(store, charterFile(COOPERATIVE.charter).json, { clock });
      for (const file of COOPERATIVE.proceedings)
        await replay(ledger, proceedingsFile(file, ledger.state.charter!));
      await liveMeeting(ledger);
    });
    afterEach(async () => {
      await handle?.dispose();
    });

    it('gives one row per ballot of each closed vote, with names, proxies and live times only', () => {
      const rows = voteRows(ledger.state);
      const proxied = rows.find((r) => r.motion === 'gus-proxy' && r.voter === 'gus');
      expect(proxied).toMatchObject({
        session: 'board-2025-09-10',
        body: 'board',
        date: '2025-09-10',
        voterName: 'Gus Tanaka',
        choice: 'aye',
        byProxy: 'eli',
        byProxyName: 'Eli Novak',
        // Transcribed from minutes: the replay's clock is no time of the meeting.
        time: '',
      });
      const runoff = rows.filter((r) => r.motion === 'contractor-runoff').map((r) => r.choice);
      expect(runoff.sort()).toEqual([
        'apex',
        'apex',
        'north-roofing',
        'north-roofing',
        'north-roofing',
        'north-roofing',
      ]);
      // Counts without names give no rows.
      expect(rows.some((r) => r.motion === 'laundry-hours')).toBe(false);
      const live = rows.filter((r) => r.session === LIVE);
      expect(live.map((r) => [r.voter, r.choice, r.byProxy])).toEqual([
        ['ada', 'aye', ''],
        ['ben', 'nay', ''],
        ['eli', 'aye', ''],
        ['gus', 'abstain', 'eli'],
      ]);
      for (const r of live) expect(r.time).toMatch(/^2027-11-20T18:\d\d:\d\d\.000Z$/);
      // Each row's entry is the ballot's own, in record order.
      const ballots = live.map((r) => r.entry);
      expect([...ballots].sort((a, b) => a - b)).toEqual(ballots);
      expect(new Set(ballots).size).toBe(4);
    });

    it('gives one row per decision taken, with its date, counts and explanation', () => {
      const rows = decisionRows(ledger.state);
      expect(rows.map((r) => r.motion)).toEqual([
        'minutes-august',
        'bylaw-pets',
        'roof-budget',
        'gus-proxy',
        'contractor',
        'contractor-runoff',
        'laundry-hours',
        'minutes-september',
        'laundry-hours-again',
        'bylaw-video',
        'roof',
      ]);
      const budget = rows.find((r) => r.motion === 'roof-budget')!;
      expect(budget).toMatchObject({
        session: 'board-2025-09-10',
        circulation: '',
        bodyName: 'Board of Directors',
        date: '2025-09-10',
        outcome: 'adopted',
        ayes: 3,
        nays: 3,
      });
      expect(budget.explanation).toMatch(/casting/i);
      expect(rows.find((r) => r.motion === 'laundry-hours')).toMatchObject({
        outcome: 'not-decided',
        ayes: 3,
      });
      const roof = rows.at(-1)!;
      expect(roof).toMatchObject({ session: LIVE, date: '2027-11-20', text: AWKWARD });
      const closed = ledger.state.motions.get(
        [...ledger.state.sessions.get(LIVE)!.motions][0]!,
      )!.closedAt;
      expect(roof.entry).toBe(closed);
      // The motion proposed and never voted on is no decision.
      expect(rows.some((r) => r.motion === 'gutters')).toBe(false);
    });

    it('gives one row per person per session: present, excused, absent, comings and goings', () => {
      const rows = attendanceRows(ledger.state, { session: 'board-2025-10-08' });
      expect(rows.map((r) => [r.person, r.status])).toEqual([
        ['ada', 'present'],
        ['ben', 'present'],
        ['fay', 'present'],
        ['gus', 'present'],
        ['chen', 'present'],
        ['dana', 'excused'],
        ['eli', 'excused'],
      ]);
      expect(rows.every((r) => r.arrived === '' && r.departed === '')).toBe(true);
      // Ben left before the last vote: the entry says when, where the minutes give no time.
      expect(rows.filter((r) => r.departedEntry !== '').map((r) => r.person)).toEqual(['ben']);
      // An apology's row is its entry.
      expect(rows.find((r) => r.person === 'dana')).toMatchObject({
        name: 'Dana Morales',
        entry: ledger.state.sessions.get('board-2025-10-08')!.excused.get('dana')!.index,
      });
      const live = attendanceRows(ledger.state, { session: LIVE });
      expect(live.map((r) => [r.person, r.status])).toEqual([
        ['ada', 'present'],
        ['ben', 'present'],
        ['chen', 'present'],
        ['eli', 'present'],
        ['fay', 'excused'],
        ['dana', 'absent'],
        ['gus', 'absent'],
      ]);
      const chen = live.find((r) => r.person === 'chen')!;
      expect(chen.arrived).toMatch(/^2027-11-20T/);
      expect(chen.departed > chen.arrived).toBe(true);
      expect(live.find((r) => r.person === 'ada')!.departed).toBe('');
      // Absent without apology: no entry says so.
      expect(live.find((r) => r.person === 'dana')).toMatchObject({ status: 'absent', entry: '' });
      const fay = live.find((r) => r.person === 'fay')!;
      expect(fay.entry).toBe(ledger.state.sessions.get(LIVE)!.excused.get('fay')!.index);
    });

    it('gives the tally in the order the minutes give it, whether folded live or read back', async () => {
      // Alternatives put in an order that is not the alphabet's, which canonical JSON sorts by.
      const colour = { session: LIVE, motion: 'colour', text: 'Paint the hall.', proposer: 'ada' };
      await record(ledger, proposeMotion({ ...colour, alternatives: ['white', 'grey'] }));
      await record(ledger, openVote(LIVE, 'colour'));
      for (const [voter, alternative] of [
        ['ada', 'white'],
        ['ben', 'grey'],
        ['eli', 'grey'],
      ] as const)
        await record(ledger, castBallot({ session: LIVE, motion: 'colour', voter, alternative }));
      await record(ledger, closeVote(LIVE, 'colour'));
      const reopened = await Ledger.open(await handle.open({ create: false }));
      for (const state of [ledger.state, reopened.state])
        expect(decisionRows(state, { session: LIVE }).map((r) => r.tally)).toEqual([
          'aye 2; nay 1; abstain 1; not-voting 0; declined 0',
          'white 1; grey 2; abstain 0',
        ]);
    });

    it('writes CSV with a snake_case header, CRLF line ends, quoting and formulas neutralised', () => {
      const csv = exportCsv(ledger.state, 'decisions', { session: LIVE });
      expect(csv.split('\r\n')[0]).toBe(
        'session,circulation,body,body_name,date,motion,text,outcome,ayes,nays,abstentions,tally,explanation,ratification,entry,stated,flags',
      );
      expect(csv.endsWith('\r\n')).toBe(true);
      const rows = csvRows(csv);
      expect(rows).toHaveLength(2);
      expect(rows[1]![6]).toBe(`'${AWKWARD}`);
      expect(rows[1]![0]).toBe(LIVE);
      const votes = csvRows(exportCsv(ledger.state, 'votes', { session: LIVE }));
      expect(votes[0]).toEqual([
        'session',
        'body',
        'date',
        'motion',
        'voter',
        'voter_name',
        'choice',
        'by_proxy',
        'by_proxy_name',
        'time',
        'entry',
        'seat',
      ]);
      expect(votes.at(-1)!.slice(4, 9)).toEqual([
        'gus',
        'Gus Tanaka',
        'abstain',
        'eli',
        'Eli Novak',
      ]);
      const budget = csvRows(exportCsv(ledger.state, 'decisions', { session: 'board-2025-09-10' }));
      expect(budget.find((r) => r[5] === 'roof-budget')![6]).toBe(
        'Spend 42,000 on the roof repair this year rather than next.',
      );
      expect(exportCsv(ledger.state, 'attendance', { session: LIVE })).toMatch(
        /^session,body,date,person,name,status,arrived,departed,departed_entry,entry,seat\r\n/,
      );
      expect(exportFileName('votes')).toBe('votes.csv');
      expect(exportFileName('votes', { session: LIVE })).toBe(`votes-${LIVE}.csv`);
    });

    it('filters by session, body and days, and refuses a bad day, range, session or body', () => {
      const sessionsOf = (rows: readonly { session: string }[]) => [
        ...new Set(rows.map((r) => r.session)),
      ];
      expect(sessionsOf(voteRows(ledger.state, { from: '2025-10-01', to: '2025-12-31' }))).toEqual([
        'board-2025-10-08',
      ]);
      expect(sessionsOf(attendanceRows(ledger.state, { from: '2027-01-01' }))).toEqual([LIVE]);
      expect(sessionsOf(decisionRows(ledger.state, { to: '2025-09-10' }))).toEqual([
        'board-2025-09-10',
      ]);
      expect(voteRows(ledger.state, { body: 'finance-committee' })).toEqual([]);
      expect(decisionRows(ledger.state, { from: '2030-01-01' })).toEqual([]);
      const refused = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          return [(e as DomainError).code, (e as DomainError).message];
        }
        return undefined;
      };
      expect(refused(() => voteRows(ledger.state, { from: '2027-02-30' }))).toEqual([
        'invalid-input',
        "from '2027-02-30' is not a day: give one as 2027-11-20",
      ]);
      expect(refused(() => decisionRows(ledger.state, { to: 'yesterday' }))?.[0]).toBe(
        'invalid-input',
      );
      expect(
        refused(() => attendanceRows(ledger.state, { from: '2027-02-01', to: '2027-01-01' })),
      ).toEqual(['invalid-input', 'to 2027-01-01 is before from 2027-02-01']);
      expect(refused(() => voteRows(ledger.state, { session: 'no-such' }))).toEqual([
        'not-found',
        "no session 'no-such' in the record",
      ]);
      expect(refused(() => decisionRows(ledger.state, { body: 'no-such' }))?.[0]).toBe('not-found');
    });

    it('the register of decisions filters by the day of each decision', () => {
      const days = (from?: string, to?: string) =>
        decisionRegister(ledger.state, { ...(from ? { from } : {}), ...(to ? { to } : {}) }).map(
          (d) => ('motion' in d.ref ? d.ref.motion : d.ref.circulation),
        );
      expect(days('2025-10-08', '2025-10-08')).toEqual([
        'laundry-hours',
        'minutes-september',
        'laundry-hours-again',
        'bylaw-video',
      ]);
      // The register lists questions not yet decided; `decided` leaves them out.
      expect(days('2027-11-20')).toEqual(['roof', 'gutters']);
      expect(
        decisionRegister(ledger.state, { from: '2027-11-20', decided: true }).map((d) => d.text),
      ).toEqual([AWKWARD]);
    });
  });
}

/** A meeting recorded live: Fay sends apologies, Gus gives Eli his proxy, Chen leaves early. */
async function liveMeeting(ledger: Ledger): Promise<void> {
  await record(ledger, openSession({ session: LIVE, body: 'board', date: '2027-11-20' }));
  await ledger.append(['ada', 'ben', 'chen', 'eli'].map((p) => attendance('arrive', LIVE, p)));
  await record(ledger, excuseAbsence({ session: LIVE, person: 'fay', reason: 'travelling' }));
  await record(
    ledger,
    grantProxy('gus', { grant: 'g1', body: 'board', holder: 'eli', session: LIVE }),
  );
  await record(
    ledger,
    proposeMotion({ session: LIVE, motion: 'roof', text: AWKWARD, proposer: 'ben' }),
  );
  await record(ledger, openVote(LIVE, 'roof'));
  for (const [voter, choice, castBy] of [
    ['ada', 'aye', undefined],
    ['ben', 'nay', undefined],
    ['eli', 'aye', undefined],
    ['gus', 'abstain', 'eli'],
  ] as const)
    await record(
      ledger,
      castBallot({ session: LIVE, motion: 'roof', voter, choice, ...(castBy ? { castBy } : {}) }),
    );
  await record(ledger, closeVote(LIVE, 'roof'));
  await record(ledger, attendance('depart', LIVE, 'chen'));
  await record(
    ledger,
    proposeMotion({
      session: LIVE,
      motion: 'gutters',
      text: 'Clean the gutters.',
      proposer: 'ada',
    }),
  );
}
