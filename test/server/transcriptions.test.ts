/**
 * Minutes are transcribed by the body's officers (or the organization, with the custodial key):
 * where a transcription records a breach of the charter, it flags it rather than refusing it.
 * Someone else who signs an act of minutes with their own key acts for themself, and only within
 * their role, as live: an outsider's motion, ballot, question, answer, draft or signature is
 * refused, not recorded and flagged. Their own acts within their role are taken, and an officer
 * transcribing history as it was still records what is flagged.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { motionKey } from '../../src/core/state/index.js';
import type { Answer } from './support.js';
import { enrolledLedger, INSTRUMENT_CHARTER, refusal, Room, testServer } from './support.js';

/** The board issuing instruments, and a committee whose chair, kit, is no one on the board. */
const CHARTER = `${INSTRUMENT_CHARTER.replace(
  '  out: { name: Otto Outsider }\n',
  '  out: { name: Otto Outsider }\n  kit: { name: Kit Chair }\n',
)}  committee:
    name: Committee
    members: [kit]
    chair: kit
    quorum: { count: 1 }
    majority: votes-cast
`;

const PEOPLE = ['sec', 'ada', 'ben', 'cy', 'cand', 'out', 'kit'];
/** A session, a question and instruments transcribed from minutes of last year. */
const T = 'board-t';
const DAY = '2025-03-04';
const DEADLINE = '2025-03-20T12:00:00.000Z';

let ledger: Ledger;
let app: FastifyInstance;
let room: Room;

beforeAll(async () => {
  const enrolled = await enrolledLedger(PEOPLE, CHARTER);
  ledger = enrolled.ledger;
  app = testServer({ ledger });
  room = await new Room(app, enrolled.keys).signIn(...PEOPLE);
  const steps: [string, string, Record<string, unknown>][] = [
    ['sec', 'session.open', { session: T, body: 'board', mode: 'minutes', date: DAY }],
    ['sec', 'attendance.arrive', { session: T, person: 'ada' }],
    ['sec', 'motion.propose', { session: T, motion: 'm1', text: 'First.' }],
    ['sec', 'vote.open', { session: T, motion: 'm1' }],
    ...['q1', 'q2'].map(
      (q) =>
        [
          'sec',
          'circulation.open',
          {
            circulation: q,
            body: 'board',
            mode: 'minutes',
            text: 'Paint?',
            date: DAY,
            deadline: DEADLINE,
          },
        ] as [string, string, Record<string, unknown>],
    ),
    ...['1', '2'].map(
      (n) =>
        [
          'sec',
          'instrument.draft',
          {
            instrument: `man-${n}`,
            body: 'board',
            kind: 'mandate',
            mode: 'minutes',
            number: n,
            date: DAY,
            text: 'Ben may sign.',
            holder: 'ben',
            scope: 'sign',
          },
        ] as [string, string, Record<string, unknown>],
    ),
  ];
  for (const [p, type, payload] of steps) await room.do(p, type, payload);
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

/** What a device signs for an instrument not signed yet. */
function sign(instrument: string) {
  return { instrument, content: ledger.state.instruments.get(instrument)!.content, after: null };
}

type Payload = Record<string, unknown> | (() => Record<string, unknown>);

interface Row {
  who: string;
  /** The person the officer `who` records the act for. */
  actor?: string;
  type: string;
  payload: Payload;
  /** The refusal's code and status, as live: 403 unless the charter's rule refuses it (422). */
  code: string;
  status?: number;
}

function attempt(row: Row): Promise<Answer> {
  const payload = typeof row.payload === 'function' ? row.payload() : row.payload;
  if (row.actor === undefined) return room.act(row.who, row.type, payload);
  return room.as(row.who).actFor(row.actor, row.who, room.keys.get(row.who)!, row.type, payload);
}

const draft = (instrument: string, number: string, holder: string) => ({
  instrument,
  body: 'board',
  kind: 'mandate',
  mode: 'minutes',
  number,
  date: DAY,
  text: 'A mandate.',
  holder,
  scope: 'sign',
});
const question = (circulation: string) => ({
  circulation,
  body: 'board',
  mode: 'minutes',
  text: 'Mine?',
  date: DAY,
  deadline: DEADLINE,
});

/** Acts of minutes signed by their actor with their own key, outside the actor's role. */
const OUTSIDE: Row[] = [
  {
    who: 'out',
    type: 'motion.propose',
    payload: { session: T, motion: 'x1', text: 'An outsider’s.', proposer: 'out' },
    code: 'not-member',
  },
  {
    who: 'kit',
    type: 'motion.propose',
    payload: { session: T, motion: 'x2', text: 'Another body’s chair’s.', proposer: 'kit' },
    code: 'not-member',
  },
  {
    who: 'out',
    type: 'ballot.cast',
    payload: { session: T, motion: 'm1', voter: 'out', choice: 'aye' },
    code: 'not-member',
  },
  {
    who: 'cand',
    type: 'ballot.cast',
    payload: { session: T, motion: 'm1', voter: 'cand', choice: 'aye' },
    code: 'candidate-no-vote',
  },
  {
    who: 'cy',
    type: 'ballot.cast',
    payload: { session: T, motion: 'm1', voter: 'ben', choice: 'aye', castBy: 'cy' },
    code: 'charter-rule',
    status: 422,
  },
  { who: 'out', type: 'circulation.open', payload: question('x3'), code: 'forbidden' },
  { who: 'ben', type: 'circulation.open', payload: question('x4'), code: 'forbidden' },
  {
    who: 'out',
    type: 'circulation.answer',
    payload: { circulation: 'q1', member: 'out', choice: 'aye' },
    code: 'not-asked',
  },
  {
    who: 'cand',
    type: 'circulation.answer',
    payload: { circulation: 'q1', member: 'cand', choice: 'aye' },
    code: 'not-asked',
  },
  { who: 'out', type: 'instrument.draft', payload: draft('x5', '9', 'out'), code: 'forbidden' },
  { who: 'kit', type: 'instrument.draft', payload: draft('x6', '10', 'kit'), code: 'forbidden' },
  { who: 'out', type: 'instrument.sign', payload: () => sign('man-1'), code: 'not-a-signer' },
  { who: 'kit', type: 'instrument.sign', payload: () => sign('man-1'), code: 'not-a-signer' },
];

/** A refusal names the rule: who transcribes, and that others act only within their role. */
const RULE = /minutes are transcribed by .* of Board or by the organization/;

describe('acts of minutes signed by their actor outside their role', () => {
  it.each(OUTSIDE.map((r) => [`${r.type} by ${r.who}`, r] as const))(
    '%s is refused',
    async (_, row) => {
      const size = ledger.size;
      const answer = await attempt(row);
      expect({ ...refusal(answer), message: answer.body?.error?.message }).toEqual({
        status: row.status ?? 403,
        code: row.code,
        message: expect.stringMatching(RULE),
      });
      expect(ledger.size).toBe(size);
    },
  );
});

describe('acts of minutes within the actor’s role, or transcribed by an officer', () => {
  it('a member, or a candidate, records their own acts within their role with their own key', async () => {
    for (const [who, motion] of [
      ['ben', 'b1'],
      ['cand', 'c1'],
    ] as const)
      await room.do(who, 'motion.propose', { session: T, motion, text: 'Mine.', proposer: who });
    await room.do('ben', 'ballot.cast', { session: T, motion: 'm1', voter: 'ben', choice: 'aye' });
    await room.do('ben', 'circulation.answer', { circulation: 'q1', member: 'ben', choice: 'aye' });
    await room.do('ada', 'instrument.draft', draft('a1', '20', 'cy'));
    await room.do('ada', 'instrument.sign', sign('man-1'));
    expect(ledger.state.motions.get(motionKey(T, 'c1'))?.proposer).toBe('cand');
    expect(ledger.state.motions.get(motionKey(T, 'm1'))?.ballots.get('ben')?.choice).toBe('aye');
    expect(ledger.state.circulations.get('q1')?.answers.get('ben')?.choice).toBe('aye');
    expect(ledger.state.instruments.get('man-1')?.signatures.map((s) => s.signer)).toEqual(['ada']);
  });

  it('an officer transcribes an outsider’s acts as the minutes give them', async () => {
    const sec = room.keys.get('sec')!;
    const recorded = [
      ['motion.propose', { session: T, motion: 'o1', text: 'As given.', proposer: 'out' }],
      ['ballot.cast', { session: T, motion: 'm1', voter: 'out', choice: 'nay' }],
      ['circulation.answer', { circulation: 'q2', member: 'out', choice: 'aye' }],
      ['instrument.sign', sign('man-2')],
    ] as const;
    for (const [type, payload] of recorded) {
      const answer = await room.as('sec').actFor('out', 'sec', sec, type, payload);
      expect([type, answer.status]).toEqual([type, 201]);
    }
    // The signature the charter does not allow is recorded, and flagged.
    expect(ledger.state.instruments.get('man-2')?.flags).toEqual([
      expect.stringMatching(/Otto Outsider/),
    ]);
  });
});
