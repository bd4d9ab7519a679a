/**
 * The CSV exports say who sat on the body with a vote and who as a candidate, with a voice and no
 * vote (the column `seat`, last): in attendance, and beside each ballot, where minutes
 * transcribed record a candidate's. The decisions' rows are counts, in which no candidate is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attendanceRows, decisionRows, exportCsv, voteRows } from '../../src/app/exports.js';
import { Ledger } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import type { RecordStore } from '../../src/store/index.js';
import { CENTRAL_COMMITTEE, charterFile } from '../support/examples.js';
import { csvRows } from '../support/csv.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

const S = 'cc-1918-03-03';
const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
const PRESENT = ['lenin', 'stalin', 'sverdlov', 'trotsky', 'smilga', 'sokolnikov', 'uritsky'];

describe('the seat of each person in the exports', () => {
  let handle: StoreHandle;
  let store: RecordStore;
  let ledger: Ledger;

  beforeEach(async () => {
    handle = await sqlite.fresh();
    store = await handle.open({ create: true });
    let now = Date.parse('2026-11-05T18:00:00.000Z');
    ledger = await Ledger.create(store, charterFile(CENTRAL_COMMITTEE.charter).json, {
      clock: () => new Date((now += 1000)),
    });
    // Minutes transcribed: a candidate's ballot is recorded as the minutes give it.
    await record(
      ledger,
      openSession({ session: S, body: 'central-committee', mode: 'minutes', date: '1918-03-03' }),
    );
    const arrivals = [...PRESENT, 'lomov', 'yakovleva', 'pestkovsky'];
    await ledger.append(arrivals.map((p) => attendance('arrive', S, p)));
    await record(ledger, proposeMotion({ session: S, motion: 'm', text: 'Ratify the treaty.' }));
    await record(ledger, openVote(S, 'm'));
    for (const voter of [...PRESENT, 'yakovleva'])
      await record(ledger, castBallot({ session: S, motion: 'm', voter, choice: 'aye' }));
    await record(ledger, closeVote(S, 'm'));
  });
  afterEach(async () => {
    await handle?.dispose();
  });

  it('in attendance: a voting member, a candidate (voice, no vote), or no seat', () => {
    const seats = Object.fromEntries(
      attendanceRows(ledger.state, { session: S }).map((r) => [r.person, [r.status, r.seat]]),
    );
    expect(seats['lenin']).toEqual(['present', 'voting member']);
    expect(seats['yakovleva']).toEqual(['present', 'candidate']);
    expect(seats['dzerzhinsky']).toEqual(['absent', 'candidate']);
    expect(seats['kamenev']).toEqual(['absent', 'voting member']);
    expect(seats['pestkovsky']).toEqual(['also-present', '']);
    const csv = csvRows(exportCsv(ledger.state, 'attendance', { session: S }));
    expect(csv[0]!.join(',')).toBe(
      'session,body,date,person,name,status,arrived,departed,departed_entry,entry,seat',
    );
    expect(csv.find((r) => r[3] === 'yakovleva')!.at(-1)).toBe('candidate');
  });

  it('beside each ballot: a candidate’s is no vote', () => {
    const seats = Object.fromEntries(voteRows(ledger.state).map((r) => [r.voter, r.seat]));
    expect(seats['yakovleva']).toBe('candidate');
    expect(seats['lenin']).toBe('voting member');
    const csv = csvRows(exportCsv(ledger.state, 'votes', { session: S }));
    expect(csv[0]!.at(-1)).toBe('seat');
    expect(csv.find((r) => r[4] === 'yakovleva')!.at(-1)).toBe('candidate');
    // The decision's row counts votes only, and its flags say whose ballot was no vote.
    const [decision] = decisionRows(ledger.state, { session: S });
    expect(decision).toMatchObject({ ayes: PRESENT.length });
    expect(decision!.flags).toMatch(
      /yakovleva is a candidate \(voice, no vote\): ballot not counted/,
    );
  });
});
