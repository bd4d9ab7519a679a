/**
 * The ledger checks the form of every act's payload before it signs or records anything, for
 * every act type and whatever the act comes from; and it still reads records written before that
 * check, whose ids may hold a "/": two motions `a/b` + `c` and `a` + `b/c` stay two motions.
 * On both storage backends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { Ledger } from '../../src/app/ledger.js';
import { signMinutes } from '../../src/app/minutes.js';
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
  recordCounts,
} from '../../src/app/proceedings.js';
import {
  answerCirculation,
  closeCirculation,
  putCirculation,
  withdrawCirculation,
} from '../../src/app/circulations.js';
import { closeDispatch, referDispatch, registerDispatch } from '../../src/app/dispatches.js';
import { ACT_TYPES } from '../../src/core/acts.js';
import type { Act, ActType } from '../../src/core/acts.js';
import { toBase64 } from '../../src/core/bytes.js';
import { DomainError } from '../../src/core/errors.js';
import { motionKey } from '../../src/core/state/index.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, charterFile, editedCharterJson, fixedClock } from '../support/examples.js';
import { BACKENDS, readRecord } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { appendForged } from './support.js';

const clock = fixedClock('2026-11-05T18:00:00.000Z');
const S = 'board-2026-11-05';
const HASH = 'ab'.repeat(32);
const KEY = toBase64(generateKeyPair().publicKey);
/** The cooperative's charter, its board renamed: what motion m3 amends it to. */
const AMENDED = editedCharterJson(COOPERATIVE.charter, (c) => {
  c.bodies['board']!['name'] = 'Board of Trustees';
}) as Record<string, unknown>;

/** An act of any payload, as an entry point would hand it to the ledger. */
function raw(type: ActType, payload: object, actor: string | null = 'hana'): DraftSource {
  return { act: { type, payload } as Act, actor };
}

interface Row {
  readonly type: ActType;
  /** A draft whose payload is of the wrong form, in a state that allows the act otherwise. */
  readonly bad: (ledger: Ledger) => DraftSource;
  /** What the refusal names: the field, and its value when short. */
  readonly names: RegExp;
  /** The acts that are recorded after it, moving the session on to the next row. */
  readonly then: readonly DraftSource[];
}

/**
 * A live board meeting, act type by act type: each wrong payload is one the fold alone would
 * take (an id with a "/", a field too many, a day that does not exist, a count too large).
 */
const ROWS: readonly Row[] = [
  {
    type: 'charter.adopt',
    bad: (ledger) =>
      raw(
        'charter.adopt',
        {
          charter: charterFile(COOPERATIVE.charter).json,
          custodian: 'me',
          log: ledger.state.logKey,
        },
        null,
      ),
    names: /custodian "me": a public key/,
    then: [],
  },
  {
    type: 'member.invite',
    // 31 November: the fold compares times as text, so only the form can refuse it.
    bad: () =>
      raw('member.invite', { person: 'eli', token: HASH, expires: '2026-11-31T18:00:00.000Z' }),
    names: /expires "2026-11-31T18:00:00\.000Z": not a real time/,
    then: [
      raw('member.invite', { person: 'eli', token: HASH, expires: '2026-11-30T18:00:00.000Z' }),
    ],
  },
  {
    type: 'member.enrol',
    bad: () => raw('member.enrol', { person: 'fay', key: KEY, device: 'phone' }),
    names: /unknown field "device"/,
    then: [raw('member.enrol', { person: 'fay', key: KEY })],
  },
  {
    type: 'member.revoke',
    bad: () => raw('member.revoke', { person: 'fay', key: KEY, reason: '' }),
    names: /reason "": at least/,
    then: [raw('member.revoke', { person: 'fay', key: KEY, reason: 'lost her phone' })],
  },
  {
    type: 'session.convene',
    bad: () =>
      raw('session.convene', {
        session: S,
        body: 'board',
        date: '2026-11-05',
        agenda: [{ item: 'roof', title: '' }],
      }),
    names: /agenda\.0\.title "": at least/,
    then: [
      raw('session.convene', {
        session: S,
        body: 'board',
        date: '2026-11-05',
        agenda: [{ item: 'roof', title: 'The roof' }],
      }),
    ],
  },
  {
    type: 'session.open',
    bad: () => openSession({ session: 'a/b', body: 'board' }),
    names: /session "a\/b": an id is lowercase Latin letters \(a-z\), digits/,
    then: [openSession({ session: S, body: 'board' })],
  },
  {
    type: 'attendance.arrive',
    bad: () => raw('attendance.arrive', { session: S, person: 'ada', seat: 3 }, 'ada'),
    names: /unknown field "seat"/,
    then: ['ada', 'ben', 'chen', 'dana', 'eli'].map((p) => attendance('arrive', S, p)),
  },
  {
    type: 'attendance.excuse',
    bad: () => raw('attendance.excuse', { session: S, person: 'gus', reason: '' }),
    names: /reason "": at least/,
    then: [raw('attendance.excuse', { session: S, person: 'gus', reason: 'ill' })],
  },
  {
    type: 'attendance.depart',
    bad: () => raw('attendance.depart', { session: S, person: 'eli', at: 'noon' }, 'eli'),
    names: /unknown field "at"/,
    then: [attendance('depart', S, 'eli')],
  },
  {
    type: 'proxy.grant',
    bad: () =>
      raw(
        'proxy.grant',
        { grant: 'g1', body: 'board', holder: 'gus', until: '2026-11-31T18:00:00.000Z' },
        'fay',
      ),
    names: /until "2026-11-31T18:00:00\.000Z": not a real time/,
    then: [
      raw(
        'proxy.grant',
        { grant: 'g1', body: 'board', holder: 'gus', until: '2026-11-30T18:00:00.000Z' },
        'fay',
      ),
    ],
  },
  {
    type: 'proxy.revoke',
    bad: () => raw('proxy.revoke', { grant: 'g1', reason: '' }, 'fay'),
    names: /reason "": at least/,
    then: [raw('proxy.revoke', { grant: 'g1', reason: 'back in town' }, 'fay')],
  },
  {
    type: 'motion.propose',
    bad: () => proposeMotion({ session: S, motion: 'b/c', text: 'Paint the hall.' }),
    names: /motion "b\/c": an id is lowercase/,
    then: [
      proposeMotion({ session: S, motion: 'm1', text: 'Paint the hall.', proposer: 'ben' }),
      proposeMotion({ session: S, motion: 'm2', text: 'Fix the roof.' }),
      proposeMotion({ session: S, motion: 'm3', text: 'Rename the board.', amends: AMENDED }),
    ],
  },
  {
    type: 'vote.open',
    bad: () => raw('vote.open', { session: S, motion: 'm1', now: true }),
    names: /unknown field "now"/,
    then: [openVote(S, 'm1'), openVote(S, 'm2'), openVote(S, 'm3')],
  },
  {
    type: 'ballot.cast',
    bad: () =>
      raw(
        'ballot.cast',
        { session: S, motion: 'm1', voter: 'ada', choice: 'aye', weight: 2 },
        'ada',
      ),
    names: /unknown field "weight"/,
    then: [
      castBallot({ session: S, motion: 'm1', voter: 'ada', choice: 'aye' }),
      castBallot({ session: S, motion: 'm1', voter: 'ben', choice: 'nay' }),
      castBallot({ session: S, motion: 'm3', voter: 'ada', choice: 'aye' }),
      castBallot({ session: S, motion: 'm3', voter: 'ben', choice: 'aye' }),
    ],
  },
  {
    type: 'vote.count',
    bad: () => recordCounts(S, 'm2', { aye: 2_000_000_000 }),
    names: /counts\.aye: at most/,
    then: [recordCounts(S, 'm2', { aye: 3, nay: 1 })],
  },
  {
    type: 'vote.casting',
    bad: () => raw('vote.casting', { session: S, motion: 'm1', choice: 'abstain' }, 'ada'),
    names: /choice "abstain": /,
    then: [castingVote(S, 'm1', 'aye')],
  },
  {
    type: 'vote.close',
    bad: () => closeVote(S, 'm1', { stated: 'x'.repeat(201) }),
    names: /stated: at most/,
    then: [closeVote(S, 'm1'), closeVote(S, 'm2'), closeVote(S, 'm3')],
  },
  {
    type: 'charter.amend',
    // The ledger put m3's amendment in force with its vote's close: the form is refused first.
    bad: () => raw('charter.amend', { session: S, motion: 'm3', charter: AMENDED }, null),
    names: /unknown field "charter"/,
    then: [],
  },
  {
    type: 'dispatch.register',
    bad: () =>
      registerDispatch(
        {
          dispatch: 'd1',
          body: 'board',
          received: '2026-11-05',
          from: 'A member',
          channel: 'pigeon' as never,
          text: 'Please',
        },
        { maxBytes: 1000 },
      ),
    names: /channel "pigeon": /,
    then: [
      registerDispatch(
        {
          dispatch: 'd1',
          body: 'board',
          received: '2026-11-05',
          from: 'A member',
          channel: 'letter',
          text: 'Please',
        },
        { maxBytes: 1000 },
      ),
    ],
  },
  {
    type: 'dispatch.refer',
    bad: () => referDispatch('d1', { inscription: 'To the board', people: [] }),
    names: /people: at least/,
    then: [referDispatch('d1', { inscription: 'To ada', people: ['ada'] })],
  },
  {
    type: 'circulation.open',
    bad: () =>
      putCirculation({
        circulation: 'c1',
        body: 'board',
        text: 'Agree?',
        deadline: '2026-11-31T18:00:00.000Z',
      }),
    names: /deadline "2026-11-31T18:00:00\.000Z": not a real time/,
    then: [
      putCirculation({
        circulation: 'c1',
        body: 'board',
        text: 'Agree?',
        deadline: '2026-11-30T18:00:00.000Z',
        dispatch: 'd1',
      }),
      putCirculation({
        circulation: 'c2',
        body: 'board',
        text: 'Withdraw me',
        deadline: '2026-11-30T18:00:00.000Z',
      }),
    ],
  },
  {
    type: 'circulation.answer',
    bad: () =>
      raw('circulation.answer', { circulation: 'c1', member: 'ada', choice: 'maybe' }, 'ada'),
    names: /choice "maybe": /,
    then: [
      answerCirculation({
        circulation: 'c1',
        member: 'ada',
        choice: 'aye',
        recorder: 'hana',
        channel: 'telephone',
      }),
    ],
  },
  {
    type: 'circulation.confirm',
    bad: () => raw('circulation.confirm', { circulation: 'c1', member: 'ada', ok: true }, 'ada'),
    names: /unknown field "ok"/,
    then: [],
  },
  {
    type: 'circulation.dispute',
    bad: () => raw('circulation.dispute', { circulation: 'c1', member: 'ada', reason: '' }, 'ada'),
    names: /reason "": at least/,
    then: [],
  },
  {
    type: 'circulation.withdraw',
    bad: () => raw('circulation.withdraw', { circulation: 'c 2' }),
    names: /circulation "c 2": an id is lowercase/,
    then: [withdrawCirculation('c2', 'hana', 'asked by mistake')],
  },
  {
    type: 'circulation.close',
    bad: () => closeCirculation('c1', { actor: 'hana', stated: 'x'.repeat(201) }),
    names: /stated: at most/,
    then: [],
  },
  {
    type: 'dispatch.close',
    bad: () => closeDispatch('d1', ''),
    names: /reason "": at least/,
    then: [closeDispatch('d1', 'answered by the circulation')],
  },
  // Instruments: each payload refused by its form before any rule of the record is asked.
  {
    type: 'instrument.draft',
    bad: () =>
      raw('instrument.draft', {
        instrument: 'i 1',
        body: 'board',
        kind: 'order',
        mode: 'live',
        number: '1',
        text: 'T',
      }),
    names: /instrument "i 1"/,
    then: [],
  },
  {
    type: 'instrument.sign',
    bad: () => raw('instrument.sign', { instrument: 'i1', content: 'abc', after: null }),
    names: /content "abc"/,
    then: [],
  },
  {
    type: 'instrument.issue',
    bad: () => raw('instrument.issue', { instrument: 'i1', issued: true }),
    names: /unknown field "issued"/,
    then: [],
  },
  {
    type: 'instrument.revoke',
    bad: () => raw('instrument.revoke', { instrument: 'i1', reason: '' }),
    names: /reason "": at least/,
    then: [],
  },
  {
    type: 'instrument.settle',
    bad: () => raw('instrument.settle', { instrument: 'i1', note: 'x'.repeat(1001) }),
    names: /note/,
    then: [],
  },
  {
    type: 'instrument.annul',
    bad: () => raw('instrument.annul', { instrument: 'i1' }),
    names: /by/,
    then: [],
  },
  {
    type: 'session.close',
    bad: () => raw('session.close', { session: S, adjourned: true }),
    names: /unknown field "adjourned"/,
    then: [closeSession(S)],
  },
  {
    type: 'minutes.sign',
    bad: () => raw('minutes.sign', { session: S, content: HASH.toUpperCase() }),
    names: /content "AB.*": a SHA-256 hash/,
    then: [signMinutes(S, 'hana')],
  },
  {
    type: 'minutes.object',
    bad: () => raw('minutes.object', { session: S, text: '' }, 'ben'),
    names: /text "": at least/,
    then: [raw('minutes.object', { session: S, text: 'The roof vote was closer.' }, 'ben')],
  },
];

/**
 * Appends `acts` as a version of the ledger that checked no payload's form wrote them: each
 * signed by the secretary with the custodial key, linked, in the tree, under a signed checkpoint.
 */
async function appendUnchecked(store: RecordStore, acts: readonly Act[]): Promise<void> {
  const forged = acts.map((act) => ({ act, actor: 'hana', signer: 'hana' }));
  await appendForged(store, forged, clock().toISOString());
}

for (const backend of BACKENDS) {
  describe(`payloads on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;

    beforeEach(async () => {
      handle = await backend.fresh();
      store = await handle.open({ create: true });
    });

    afterEach(async () => {
      await handle?.dispose();
    });

    it('has a row for every act type', () => {
      expect(ROWS.map((r) => r.type).sort()).toEqual([...ACT_TYPES].sort());
    });

    it('refuses a wrong payload of every act type, the record and the state unchanged', async () => {
      const ledger = await Ledger.create(store, charterFile(COOPERATIVE.charter).json, { clock });
      for (const row of ROWS) {
        const dump = await handle.dump();
        const before = await readRecord(store);
        const state = structuredClone(ledger.state);
        const error = await record(ledger, row.bad(ledger)).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `${row.type}: expected a refusal`).toBeInstanceOf(DomainError);
        expect((error as DomainError).code, row.type).toBe('invalid-input');
        expect((error as DomainError).message).toMatch(new RegExp(`^${row.type}: `));
        expect((error as DomainError).message).toMatch(row.names);
        expect(await readRecord(store)).toEqual(before);
        expect(await handle.dump()).toEqual(dump);
        expect(ledger.state).toEqual(state);
        // The state allowed the act: the same act of the right form is recorded.
        await ledger.append(row.then);
      }
      const closed = ledger.state.sessions.get(S)!;
      expect(closed.closedAt).toBe(ledger.size - 3);
      expect(closed.notice?.agenda.map((i) => i.item)).toEqual(['roof']);
      expect(closed.minutes.signatures.map((x) => x.signer)).toEqual(['hana']);
      expect(closed.minutes.objections.map((x) => x.member)).toEqual(['ben']);
      expect(ledger.state.charters.map((v) => v.charter.bodies.get('board')?.name)).toEqual([
        'Board of Directors',
        'Board of Trustees',
      ]);
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('reads and audits a record written before, where a/b + c and a + b/c are two motions', async () => {
      const created = await Ledger.create(store, charterFile(COOPERATIVE.charter).json, { clock });
      await appendUnchecked(store, [
        { type: 'session.open', payload: { session: 'a/b', body: 'board', mode: 'minutes' } },
        { type: 'session.open', payload: { session: 'a', body: 'board', mode: 'minutes' } },
        { type: 'motion.propose', payload: { session: 'a/b', motion: 'c', text: 'First.' } },
        { type: 'motion.propose', payload: { session: 'a', motion: 'b/c', text: 'Second.' } },
      ]);
      expect(await audit(store)).toMatchObject({ ok: true, size: created.size + 4 });
      const ledger = await Ledger.open(store, { clock });
      expect(ledger.state.motions.get(motionKey('a/b', 'c'))?.text).toBe('First.');
      expect(ledger.state.motions.get(motionKey('a', 'b/c'))?.text).toBe('Second.');
      // Read as written, but no new act names such an id.
      const error = await record(ledger, openVote('a/b', 'c')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toMatch(/^vote\.open: session "a\/b": an id/);
      expect(await audit(store)).toMatchObject({ ok: true, size: created.size + 4 });
    });

    it('reads and audits a record written before whose texts hold a noncharacter', async () => {
      const created = await Ledger.create(store, charterFile(COOPERATIVE.charter).json, { clock });
      const title = 'Budget\ufffe 2027';
      await appendUnchecked(store, [
        { type: 'session.open', payload: { session: S, body: 'board', mode: 'minutes', title } },
        { type: 'motion.propose', payload: { session: S, motion: 'm1', text: 'Roof\u{10ffff}.' } },
      ]);
      expect(await audit(store)).toMatchObject({ ok: true, size: created.size + 2 });
      const ledger = await Ledger.open(store, { clock });
      expect(ledger.state.sessions.get(S)?.title).toBe(title);
      expect(ledger.state.motions.get(motionKey(S, 'm1'))?.text).toBe('Roof\u{10ffff}.');
      // Read as written, but no new act's text holds one.
      const error = await record(
        ledger,
        proposeMotion({ session: S, motion: 'm2', text: 'Paint\ufdd0.' }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toMatch(/a noncharacter \(U\+FDD0\) at character 6/);
      expect(await audit(store)).toMatchObject({ ok: true, size: created.size + 2 });
    });
  });
}
