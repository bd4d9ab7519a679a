/**
 * Only enrolled members act, and only within their roles: every act type the API takes, sent by
 * someone whose role does not allow it, is refused with a stable code, a message in names, and
 * the record unchanged. Table-driven: who tries what, and the refusal it gets.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { minutesRefOf } from '../../src/app/minutes.js';
import { toBase64 } from '../../src/core/bytes.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { Answer } from './support.js';
import { enrolledLedger, INSTRUMENT_CHARTER, refusal, Room, testServer } from './support.js';

/**
 * The board with proxies and circulations, and a committee of its own (kit its chair, lee and
 * rev its members): kit is an officer of another body than the board.
 */
const CHARTER = `${INSTRUMENT_CHARTER.replace(
  '  out: { name: Otto Outsider }\n',
  '  out: { name: Otto Outsider }\n  kit: { name: Kit Chair }\n  lee: { name: Lee Member }\n  rev: { name: Rex Revoked }\n',
).replace(
  '    majority: votes-cast\n',
  '    majority: votes-cast\n    proxies: { max-per-holder: 1 }\n    circulation: { rule: unanimous }\n',
)}  committee:
    name: Committee
    members: [kit, lee, rev]
    chair: kit
    quorum: { count: 1 }
    majority: votes-cast
`;

const PEOPLE = ['sec', 'ada', 'ben', 'cy', 'cand', 'out', 'kit', 'lee', 'rev'];
const S = 'board-1';
const PAST = 'board-0';
const C = 'committee-1';
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

let ledger: Ledger;
let app: FastifyInstance;
let room: Room;

beforeAll(async () => {
  const enrolled = await enrolledLedger(PEOPLE, CHARTER);
  ledger = enrolled.ledger;
  app = testServer({ ledger });
  room = await new Room(app, enrolled.keys).signIn(...PEOPLE);
  const steps: [string, string, Record<string, unknown>][] = [
    ['sec', 'session.open', { session: PAST, body: 'board', mode: 'live' }],
    ['sec', 'session.close', { session: PAST }],
    ['sec', 'session.open', { session: S, body: 'board', mode: 'live' }],
    ['kit', 'session.open', { session: C, body: 'committee', mode: 'live' }],
    ...['ada', 'cy', 'cand'].map(
      (p) =>
        [p, 'attendance.arrive', { session: S, person: p }] as [
          string,
          string,
          Record<string, unknown>,
        ],
    ),
    ['sec', 'motion.propose', { session: S, motion: 'm1', text: 'First.' }],
    ['sec', 'motion.propose', { session: S, motion: 'm2', text: 'Second.' }],
    [
      'ben',
      'proxy.grant',
      { grant: 'ben-cy', body: 'board', holder: 'cy', session: S, motion: 'm1' },
    ],
    ['sec', 'vote.open', { session: S, motion: 'm1' }],
    ['sec', 'vote.open', { session: S, motion: 'm2' }],
    [
      'sec',
      'circulation.open',
      { circulation: 'q1', body: 'board', mode: 'live', text: 'Paint?', deadline: tomorrow() },
    ],
    [
      'sec',
      'dispatch.register',
      {
        dispatch: 'd1',
        body: 'board',
        number: '1',
        received: new Date().toISOString().slice(0, 10),
        from: 'A bank',
        channel: 'letter',
        text: 'A request.',
      },
    ],
    [
      'sec',
      'instrument.draft',
      {
        instrument: 'man-1',
        body: 'board',
        kind: 'mandate',
        mode: 'live',
        number: '1',
        text: 'Ben may sign.',
        holder: 'ben',
        scope: 'sign',
        until: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    ],
    [
      'sec',
      'instrument.draft',
      {
        instrument: 'rec-1',
        body: 'board',
        kind: 'receipt',
        mode: 'live',
        number: '2',
        text: 'Received.',
        from: 'ben',
        amount: { value: 5, unit: 'EUR' },
      },
    ],
    [
      'sec',
      'instrument.draft',
      {
        instrument: 'rec-2',
        body: 'board',
        kind: 'receipt',
        mode: 'live',
        number: '3',
        text: 'Received too.',
        from: 'ben',
        amount: { value: 7, unit: 'EUR' },
      },
    ],
    [
      'sec',
      'instrument.draft',
      {
        instrument: 'man-2',
        body: 'board',
        kind: 'mandate',
        mode: 'live',
        number: '4',
        text: 'Cy may sign.',
        holder: 'cy',
        scope: 'sign',
        until: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    ],
  ];
  for (const [p, type, payload] of steps) await room.do(p, type, payload);
  for (const id of ['man-1', 'rec-1']) {
    await room.do('ada', 'instrument.sign', sign(id));
    await room.do('sec', 'instrument.issue', { instrument: id });
  }
  // Rex's key is revoked after he signed in: his session is still open.
  const rev = toBase64(room.keys.get('rev')!.publicKey);
  await room.do('sec', 'member.revoke', { person: 'rev', key: rev, reason: 'lost' });
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

/** What a device signs for an instrument not signed yet. */
function sign(instrument: string) {
  return { instrument, content: ledger.state.instruments.get(instrument)!.content, after: null };
}

type Payload =
  Record<string, unknown> | (() => Promise<Record<string, unknown>> | Record<string, unknown>);
/** Who tries what (for whom, when `actor` is given), and how it is refused. */
interface Row {
  who: string;
  actor?: string;
  type: string;
  payload: Payload;
  status: number;
  code: string;
}

const closing = async () =>
  (await room.as('sec').get(`/api/sessions/${S}/motions/m1/closing`)).body.payload;
const fresh = () => generateKeyPair();

const ROWS: Row[] = [
  // session.open / convene / close
  {
    who: 'ben',
    type: 'session.open',
    payload: { session: 'x1', body: 'board', mode: 'live' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'session.open',
    payload: { session: 'x2', body: 'board', mode: 'live' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'cand',
    type: 'session.open',
    payload: { session: 'x3', body: 'board', mode: 'live' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'out',
    type: 'session.open',
    payload: { session: 'x4', body: 'board', mode: 'live' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'session.convene',
    payload: () => ({ session: 'x5', body: 'board', date: tomorrow().slice(0, 10), agenda: [] }),
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'session.convene',
    payload: () => ({ session: 'x6', body: 'board', date: tomorrow().slice(0, 10), agenda: [] }),
    status: 403,
    code: 'forbidden',
  },
  { who: 'ben', type: 'session.close', payload: { session: S }, status: 403, code: 'forbidden' },
  { who: 'kit', type: 'session.close', payload: { session: S }, status: 403, code: 'forbidden' },
  { who: 'sec', type: 'session.close', payload: { session: C }, status: 403, code: 'forbidden' },
  // attendance for another
  {
    who: 'ben',
    type: 'attendance.arrive',
    payload: { session: S, person: 'ben2' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'cy',
    type: 'attendance.depart',
    payload: { session: S, person: 'ada' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'attendance.depart',
    payload: { session: S, person: 'ada' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'cy',
    type: 'attendance.excuse',
    payload: { session: S, person: 'ben' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'cy',
    actor: 'ben',
    type: 'attendance.arrive',
    payload: { session: S, person: 'ben' },
    status: 403,
    code: 'forbidden',
  },
  // motions and votes
  {
    who: 'ben',
    type: 'motion.propose',
    payload: { session: S, motion: 'x7', text: 'By no one.' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'motion.propose',
    payload: { session: S, motion: 'x8', text: 'For Ada.', proposer: 'ada' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'out',
    type: 'motion.propose',
    payload: { session: S, motion: 'x9', text: 'An outsider’s.', proposer: 'out' },
    status: 403,
    code: 'not-member',
  },
  {
    who: 'kit',
    type: 'motion.propose',
    payload: { session: S, motion: 'x10', text: 'Another body’s chair’s.', proposer: 'kit' },
    status: 403,
    code: 'not-member',
  },
  {
    who: 'ben',
    type: 'vote.open',
    payload: { session: S, motion: 'm1' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'vote.open',
    payload: { session: S, motion: 'm1' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'ballot.cast',
    payload: { session: S, motion: 'm1', voter: 'kit', choice: 'aye' },
    status: 403,
    code: 'not-member',
  },
  {
    who: 'cy',
    type: 'ballot.cast',
    payload: { session: S, motion: 'm2', voter: 'ben', choice: 'aye', castBy: 'cy' },
    status: 422,
    code: 'no-proxy',
  },
  {
    who: 'cy',
    type: 'ballot.cast',
    payload: { session: S, motion: 'm1', voter: 'ada', choice: 'aye', castBy: 'cy' },
    status: 422,
    code: 'no-proxy',
  },
  {
    who: 'ada',
    actor: 'cy',
    type: 'ballot.cast',
    payload: { session: S, motion: 'm1', voter: 'cy', choice: 'aye' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'vote.count',
    payload: { session: S, motion: 'm2', counts: { aye: 3 } },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'vote.casting',
    payload: { session: S, motion: 'm1', choice: 'aye' },
    status: 403,
    code: 'forbidden',
  },
  { who: 'ben', type: 'vote.close', payload: closing, status: 403, code: 'forbidden' },
  { who: 'kit', type: 'vote.close', payload: closing, status: 403, code: 'forbidden' },
  // proxies
  {
    who: 'cand',
    type: 'proxy.grant',
    payload: { grant: 'x11', body: 'board', holder: 'ada', session: S },
    status: 403,
    code: 'not-member',
  },
  {
    who: 'out',
    type: 'proxy.grant',
    payload: { grant: 'x12', body: 'board', holder: 'ada', session: S },
    status: 403,
    code: 'not-member',
  },
  {
    who: 'kit',
    type: 'proxy.grant',
    payload: { grant: 'x13', body: 'board', holder: 'ada', session: S },
    status: 403,
    code: 'not-member',
  },
  {
    who: 'cy',
    actor: 'ada',
    type: 'proxy.grant',
    payload: { grant: 'x14', body: 'board', holder: 'cy', session: S },
    status: 403,
    code: 'forbidden',
  },
  { who: 'cy', type: 'proxy.revoke', payload: { grant: 'ben-cy' }, status: 403, code: 'forbidden' },
  {
    who: 'sec',
    type: 'proxy.revoke',
    payload: { grant: 'ben-cy' },
    status: 403,
    code: 'forbidden',
  },
  // circulations
  {
    who: 'ben',
    type: 'circulation.open',
    payload: () => ({
      circulation: 'x15',
      body: 'board',
      mode: 'live',
      text: 'Mine?',
      deadline: tomorrow(),
    }),
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'circulation.open',
    payload: () => ({
      circulation: 'x16',
      body: 'board',
      mode: 'live',
      text: 'Kit’s?',
      deadline: tomorrow(),
    }),
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'out',
    type: 'circulation.answer',
    payload: { circulation: 'q1', member: 'out', choice: 'aye' },
    status: 403,
    code: 'not-asked',
  },
  {
    who: 'cand',
    type: 'circulation.answer',
    payload: { circulation: 'q1', member: 'cand', choice: 'aye' },
    status: 403,
    code: 'not-asked',
  },
  {
    who: 'kit',
    type: 'circulation.answer',
    payload: { circulation: 'q1', member: 'kit', choice: 'aye' },
    status: 403,
    code: 'not-asked',
  },
  {
    who: 'ben',
    type: 'circulation.answer',
    payload: { circulation: 'q1', member: 'ada', choice: 'aye' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    actor: 'ada',
    type: 'circulation.answer',
    payload: { circulation: 'q1', member: 'ada', choice: 'aye', channel: 'letter' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'circulation.confirm',
    payload: { circulation: 'q1', member: 'ada' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'circulation.dispute',
    payload: { circulation: 'q1', member: 'ada' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'circulation.withdraw',
    payload: { circulation: 'q1' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'circulation.withdraw',
    payload: { circulation: 'q1' },
    status: 403,
    code: 'forbidden',
  },
  // Refused as early before whose close it is: once its outcome cannot change, the server closes
  // it itself, so no member's close is ever taken.
  {
    who: 'ben',
    type: 'circulation.close',
    payload: { circulation: 'q1', decision: { outcome: 'adopted', explanation: 'so' } },
    status: 409,
    code: 'conflict',
  },
  // dispatches
  {
    who: 'ben',
    type: 'dispatch.register',
    payload: {
      dispatch: 'x17',
      body: 'board',
      number: '9',
      received: new Date().toISOString().slice(0, 10),
      from: 'X',
      channel: 'letter',
      text: 'T.',
    },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'dispatch.refer',
    payload: { dispatch: 'd1', inscription: 'To me.', people: ['kit'] },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'dispatch.close',
    payload: { dispatch: 'd1', reason: 'Done.' },
    status: 403,
    code: 'forbidden',
  },
  // instruments
  {
    who: 'out',
    type: 'instrument.draft',
    payload: {
      instrument: 'x18',
      body: 'board',
      kind: 'mandate',
      mode: 'live',
      number: '9',
      text: 'T.',
      holder: 'out',
      scope: 's',
    },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'instrument.draft',
    payload: {
      instrument: 'x19',
      body: 'board',
      kind: 'receipt',
      mode: 'live',
      number: '9',
      text: 'T.',
    },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'cy',
    type: 'instrument.sign',
    payload: () => sign('rec-2'),
    status: 403,
    code: 'not-a-signer',
  },
  {
    who: 'out',
    type: 'instrument.sign',
    payload: () => sign('man-2'),
    status: 403,
    code: 'not-a-signer',
  },
  {
    who: 'cand',
    type: 'instrument.sign',
    payload: () => sign('man-2'),
    status: 403,
    code: 'not-a-signer',
  },
  {
    who: 'kit',
    type: 'instrument.sign',
    payload: () => sign('man-2'),
    status: 403,
    code: 'not-a-signer',
  },
  {
    who: 'cy',
    actor: 'ben',
    type: 'instrument.sign',
    payload: () => ({ ...sign('rec-2'), channel: 'letter' }),
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'instrument.issue',
    payload: { instrument: 'man-2' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'instrument.revoke',
    payload: { instrument: 'man-1' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'kit',
    type: 'instrument.revoke',
    payload: { instrument: 'man-1' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'cy',
    type: 'instrument.settle',
    payload: { instrument: 'rec-1' },
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'instrument.annul',
    payload: { instrument: 'man-1', by: { session: S, motion: 'm1' } },
    status: 403,
    code: 'forbidden',
  },
  // minutes
  {
    who: 'ben',
    type: 'minutes.sign',
    payload: () => ({ session: PAST, content: minutesRefOf(ledger.state, PAST).content }),
    status: 403,
    code: 'not-a-signer',
  },
  {
    who: 'kit',
    type: 'minutes.sign',
    payload: () => ({ session: PAST, content: minutesRefOf(ledger.state, PAST).content }),
    status: 403,
    code: 'not-a-signer',
  },
  {
    who: 'out',
    type: 'minutes.object',
    payload: { session: PAST, text: 'Not so.' },
    status: 403,
    code: 'not-member',
  },
  {
    who: 'kit',
    type: 'minutes.object',
    payload: { session: PAST, text: 'Not so.' },
    status: 403,
    code: 'not-member',
  },
  // membership and the organization's acts
  {
    who: 'ben',
    type: 'member.invite',
    payload: () => ({ person: 'cy', token: 'a'.repeat(64), expires: tomorrow() }),
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'member.enrol',
    payload: () => ({ person: 'cy', key: toBase64(fresh().publicKey) }),
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'ben',
    type: 'member.revoke',
    payload: () => ({ person: 'ada', key: toBase64(room.keys.get('ada')!.publicKey) }),
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'sec',
    type: 'charter.amend',
    payload: { session: S, motion: 'm1' },
    status: 403,
    code: 'forbidden',
  },
  // a revoked key
  {
    who: 'rev',
    type: 'attendance.arrive',
    payload: { session: C, person: 'rev' },
    status: 401,
    code: 'unauthenticated',
  },
];

/** The names of the charter's people and bodies, and the organization's own acts. */
const NAMES =
  /Sam Secretary|Ada Chair|Ben Member|Cy Member|Cass Candidate|Otto Outsider|Kit Chair|Board|Committee|organization/;

async function attempt(row: Row): Promise<Answer> {
  const payload = typeof row.payload === 'function' ? await row.payload() : row.payload;
  if (row.actor === undefined) return room.act(row.who, row.type, payload);
  return room.as(row.who).actFor(row.actor, row.who, room.keys.get(row.who)!, row.type, payload);
}

describe('acts outside the actor’s role', () => {
  it.each(
    ROWS.map((r) => [`${r.type} by ${r.who}${r.actor ? ` for ${r.actor}` : ''}`, r] as const),
  )('%s is refused', async (_, row) => {
    const size = ledger.size;
    const answer = await attempt(row);
    expect({ ...refusal(answer), message: answer.body?.error?.message }).toEqual({
      status: row.status,
      code: row.code,
      message: expect.any(String),
    });
    // A refusal of the actor's role says whose and which body's, as the charter names them.
    if (row.status === 403) expect(answer.body.error.message).toMatch(NAMES);
    expect(ledger.size).toBe(size);
  });
});
