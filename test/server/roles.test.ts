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

/** The status each refusal comes with: the actor's role or key, the act's state, a rule. */
const STATUS = {
  forbidden: 403,
  'not-member': 403,
  'not-asked': 403,
  'not-a-signer': 403,
  'no-proxy': 422,
  conflict: 409,
  unauthenticated: 401,
} as const;

/** `by` (or `[by, actor]`: by, for actor) tries `type` with `payload`, refused with `code`. */
function row(
  by: string | [string, string],
  type: string,
  payload: Payload,
  code: keyof typeof STATUS = 'forbidden',
): Row {
  const [who, actor] = typeof by === 'string' ? [by] : by;
  return { who, ...(actor ? { actor } : {}), type, payload, status: STATUS[code], code };
}

const closing = async () =>
  (await room.as('sec').get(`/api/sessions/${S}/motions/m1/closing`)).body.payload;
const fresh = () => generateKeyPair();
/** A question to the board put live, its deadline tomorrow as the act is sent. */
const question = (circulation: string, text: string) => () => ({
  circulation,
  body: 'board',
  mode: 'live',
  text,
  deadline: tomorrow(),
});

const ROWS: Row[] = [
  // session.open / convene / close
  ...['ben', 'kit', 'cand', 'out'].map((who, i) =>
    row(who, 'session.open', { session: `x${i + 1}`, body: 'board', mode: 'live' }),
  ),
  ...['ben', 'kit'].map((who, i) =>
    row(who, 'session.convene', () => ({
      session: `x${i + 5}`,
      body: 'board',
      date: tomorrow().slice(0, 10),
      agenda: [],
    })),
  ),
  row('ben', 'session.close', { session: S }),
  row('kit', 'session.close', { session: S }),
  row('sec', 'session.close', { session: C }),
  // attendance for another
  row('ben', 'attendance.arrive', { session: S, person: 'ben2' }),
  row('cy', 'attendance.depart', { session: S, person: 'ada' }),
  row('kit', 'attendance.depart', { session: S, person: 'ada' }),
  row('cy', 'attendance.excuse', { session: S, person: 'ben' }),
  row(['cy', 'ben'], 'attendance.arrive', { session: S, person: 'ben' }),
  // motions and votes
  row('ben', 'motion.propose', { session: S, motion: 'x7', text: 'By no one.' }),
  row('ben', 'motion.propose', { session: S, motion: 'x8', text: 'For Ada.', proposer: 'ada' }),
  row(
    'out',
    'motion.propose',
    { session: S, motion: 'x9', text: 'An outsider’s.', proposer: 'out' },
    'not-member',
  ),
  row(
    'kit',
    'motion.propose',
    { session: S, motion: 'x10', text: 'Another body’s chair’s.', proposer: 'kit' },
    'not-member',
  ),
  row('ben', 'vote.open', { session: S, motion: 'm1' }),
  row('kit', 'vote.open', { session: S, motion: 'm1' }),
  row(
    'kit',
    'ballot.cast',
    { session: S, motion: 'm1', voter: 'kit', choice: 'aye' },
    'not-member',
  ),
  row(
    'cy',
    'ballot.cast',
    { session: S, motion: 'm2', voter: 'ben', choice: 'aye', castBy: 'cy' },
    'no-proxy',
  ),
  row(
    'cy',
    'ballot.cast',
    { session: S, motion: 'm1', voter: 'ada', choice: 'aye', castBy: 'cy' },
    'no-proxy',
  ),
  row(['ada', 'cy'], 'ballot.cast', { session: S, motion: 'm1', voter: 'cy', choice: 'aye' }),
  row('ben', 'vote.count', { session: S, motion: 'm2', counts: { aye: 3 } }),
  row('kit', 'vote.casting', { session: S, motion: 'm1', choice: 'aye' }),
  row('ben', 'vote.close', closing),
  row('kit', 'vote.close', closing),
  // proxies
  ...['cand', 'out', 'kit'].map((who, i) =>
    row(
      who,
      'proxy.grant',
      { grant: `x${i + 11}`, body: 'board', holder: 'ada', session: S },
      'not-member',
    ),
  ),
  row(['cy', 'ada'], 'proxy.grant', { grant: 'x14', body: 'board', holder: 'cy', session: S }),
  row('cy', 'proxy.revoke', { grant: 'ben-cy' }),
  row('sec', 'proxy.revoke', { grant: 'ben-cy' }),
  // circulations
  row('ben', 'circulation.open', question('x15', 'Mine?')),
  row('kit', 'circulation.open', question('x16', 'Kit’s?')),
  ...['out', 'cand', 'kit'].map((who) =>
    row(who, 'circulation.answer', { circulation: 'q1', member: who, choice: 'aye' }, 'not-asked'),
  ),
  row('ben', 'circulation.answer', { circulation: 'q1', member: 'ada', choice: 'aye' }),
  row(['ben', 'ada'], 'circulation.answer', {
    circulation: 'q1',
    member: 'ada',
    choice: 'aye',
    channel: 'letter',
  }),
  row('ben', 'circulation.confirm', { circulation: 'q1', member: 'ada' }),
  row('ben', 'circulation.dispute', { circulation: 'q1', member: 'ada' }),
  row('ben', 'circulation.withdraw', { circulation: 'q1' }),
  row('kit', 'circulation.withdraw', { circulation: 'q1' }),
  // Refused as early before whose close it is: once its outcome cannot change, the server closes
  // it itself, so no member's close is ever taken.
  row(
    'ben',
    'circulation.close',
    { circulation: 'q1', decision: { outcome: 'adopted', explanation: 'so' } },
    'conflict',
  ),
  // dispatches
  row('ben', 'dispatch.register', {
    dispatch: 'x17',
    body: 'board',
    number: '9',
    received: new Date().toISOString().slice(0, 10),
    from: 'X',
    channel: 'letter',
    text: 'T.',
  }),
  row('kit', 'dispatch.refer', { dispatch: 'd1', inscription: 'To me.', people: ['kit'] }),
  row('ben', 'dispatch.close', { dispatch: 'd1', reason: 'Done.' }),
  // instruments
  row('out', 'instrument.draft', {
    instrument: 'x18',
    body: 'board',
    kind: 'mandate',
    mode: 'live',
    number: '9',
    text: 'T.',
    holder: 'out',
    scope: 's',
  }),
  row('kit', 'instrument.draft', {
    instrument: 'x19',
    body: 'board',
    kind: 'receipt',
    mode: 'live',
    number: '9',
    text: 'T.',
  }),
  row('cy', 'instrument.sign', () => sign('rec-2'), 'not-a-signer'),
  ...['out', 'cand', 'kit'].map((who) =>
    row(who, 'instrument.sign', () => sign('man-2'), 'not-a-signer'),
  ),
  row(['cy', 'ben'], 'instrument.sign', () => ({ ...sign('rec-2'), channel: 'letter' })),
  row('ben', 'instrument.issue', { instrument: 'man-2' }),
  row('ben', 'instrument.revoke', { instrument: 'man-1' }),
  row('kit', 'instrument.revoke', { instrument: 'man-1' }),
  row('cy', 'instrument.settle', { instrument: 'rec-1' }),
  row('ben', 'instrument.annul', { instrument: 'man-1', by: { session: S, motion: 'm1' } }),
  // minutes
  ...['ben', 'kit'].map((who) =>
    row(
      who,
      'minutes.sign',
      () => ({ session: PAST, content: minutesRefOf(ledger.state, PAST).content }),
      'not-a-signer',
    ),
  ),
  ...['out', 'kit'].map((who) =>
    row(who, 'minutes.object', { session: PAST, text: 'Not so.' }, 'not-member'),
  ),
  // membership and the organization's acts
  row('ben', 'member.invite', () => ({ person: 'cy', token: 'a'.repeat(64), expires: tomorrow() })),
  row('ben', 'member.enrol', () => ({ person: 'cy', key: toBase64(fresh().publicKey) })),
  row('ben', 'member.revoke', () => ({
    person: 'ada',
    key: toBase64(room.keys.get('ada')!.publicKey),
  })),
  row('sec', 'charter.amend', { session: S, motion: 'm1' }),
  // a revoked key
  row('rev', 'attendance.arrive', { session: C, person: 'rev' }, 'unauthenticated'),
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
