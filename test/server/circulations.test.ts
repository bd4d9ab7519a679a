/**
 * Circulations through the API: putting a question to a board that decides by unanimous consent
 * and ratifies at its next session, answering it (on the member's device, or recorded by the
 * secretary from a telephone call and then confirmed or disputed by the member), the refusals
 * with their codes and the record unchanged after each, the register, the inbox, the close (by
 * the organization once settled, by an officer over the decision the server gives), ratification
 * at the next session, and the live events.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeInWords } from '../../src/core/minutes/words.js';
import type { Ledger } from '../../src/app/ledger.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { sqliteBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  Browser,
  EventStream,
  Room,
  TEST_CHARTER,
  enrolledLedger,
  refusal,
  refuser,
  signAct,
  testServer,
} from './support.js';

const PEOPLE = ['sec', 'ada', 'ben', 'cy', 'cand', 'out'];
/** The test board (its block is the charter's last), deciding between sessions by consent. */
const CHARTER = `${TEST_CHARTER}    circulation: { rule: unanimous, ratify: next-session }\n`;

let handle: StoreHandle;
let ledger: Ledger;
let keys: Map<string, KeyPair>;
let app: FastifyInstance;
let base: string;
let room: Room;

beforeAll(async () => {
  handle = await sqliteBackend.fresh();
  ({ ledger, keys } = await enrolledLedger(PEOPLE, CHARTER, await handle.open()));
  app = testServer({ ledger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  room = await new Room(app, keys).signIn(...PEOPLE);
});

afterAll(async () => {
  await app.close();
  await handle.dispose();
});

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

/** The payload that puts question `id` to the whole board, due in a week unless told. */
const question = (id: string, extra: Record<string, unknown> = {}) => ({
  circulation: id,
  body: 'board',
  mode: 'live',
  text: `Question ${id}?`,
  deadline: inDays(7),
  ...extra,
});

/** The secretary puts it. */
const put = (id: string, extra: Record<string, unknown> = {}) =>
  room.do('sec', 'circulation.open', question(id, extra));

function answer(member: string, circulation: string, choice = 'aye', extra = {}) {
  return room.act(member, 'circulation.answer', { circulation, member, choice, ...extra });
}

/** The secretary records `member`'s answer, signing it on their own device. */
function recordFor(member: string, circulation: string, payload: Record<string, unknown>) {
  return room.as('sec').actFor(member, 'sec', keys.get('sec')!, 'circulation.answer', {
    circulation,
    member,
    ...payload,
  });
}

/** Expects the refusal, and every table of the record as it was before it, byte for byte. */
const refused = refuser(() => handle);

const view = async (id: string) => (await room.as('ben').get(`/api/circulations/${id}`)).body;
const memberOf = (v: { members: { id: string }[] }, id: string) =>
  v.members.find((m) => m.id === id) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the register of circulations', () => {
  it('lists a question as it is put, filtered and searched, and shows it whole', async () => {
    await put('roof', { text: 'Mend the roof before winter?' });
    const all = (await room.as('ada').get('/api/circulations')).body;
    expect(all.find((c: { id: string }) => c.id === 'roof')).toEqual({
      id: 'roof',
      body: 'board',
      bodyName: 'Board',
      text: 'Mend the roof before winter?',
      by: 'sec',
      byName: 'Sam Secretary',
      deadline: expect.any(String),
      status: 'open',
      asked: 3,
      answered: 0,
      forming: { outcome: 'rejected', explanation: expect.any(String), settled: false },
      overdue: false,
    });
    const ids = async (query: string) =>
      (await room.as('ada').get(`/api/circulations${query}`)).body.map((c: { id: string }) => c.id);
    expect(await ids('?state=open')).toContain('roof');
    expect(await ids('?state=closed')).not.toContain('roof');
    expect(await ids('?state=overdue')).not.toContain('roof');
    expect(await ids('?q=ROOF%20winter')).toEqual(['roof']);
    expect(await ids('?q=roof%20summer')).toEqual([]);
    expect(await ids('?body=board')).toContain('roof');
    expect(refusal(await room.as('ada').get('/api/circulations?body=other'))).toEqual({
      status: 404,
      code: 'not-found',
    });
    expect(refusal(await room.as('ada').get('/api/circulations?state=soon'))).toEqual({
      status: 400,
      code: 'invalid-input',
    });
    // A query whose percent-encoding is not UTF-8 is refused, not searched for as written.
    for (const malformed of ['?q=%ZZ', '?q=roof%', '?q=%C3'])
      expect((await room.as('ada').get(`/api/circulations${malformed}`)).body).toEqual({
        error: { code: 'invalid-input', message: 'the query is not valid: percent-encoded UTF-8' },
      });
    expect(await ids('?q=%C3%A9t%C3%A9')).toEqual([]);

    const roof = await view('roof');
    expect(roof).toMatchObject({
      mode: 'live',
      rule: { kind: 'unanimous', words: expect.stringMatching(/unanimous consent/) },
      members: [
        { id: 'ada', name: 'Ada Chair' },
        { id: 'ben', name: 'Ben Member' },
        { id: 'cy', name: 'Cy Member' },
      ],
      openedAt: expect.any(Number),
      flags: [],
      chain: [
        {
          ref: { circulation: 'roof' },
          body: 'board',
          text: roof.text,
          named: expect.stringMatching(/^the question ".+" put to Board \(/),
        },
      ],
      forming: {
        outcome: 'rejected',
        tally: { aye: 0, nay: 0, abstain: 0, 'no-answer': 3 },
        settled: false,
      },
    });
    expect(roof.members[0].answer).toBeUndefined();
    expect(refusal(await room.as('ada').get('/api/circulations/nowhere'))).toEqual({
      status: 404,
      code: 'not-found',
    });
  });
});

describe('answers', () => {
  it('are taken from those asked, once, until the deadline; anything else is refused', async () => {
    await put('paint');
    expect((await answer('ada', 'paint', 'aye', { comment: 'Blue, please.' })).status).toBe(201);
    expect(memberOf(await view('paint'), 'ada').answer).toEqual({
      choice: 'aye',
      comment: 'Blue, please.',
      at: expect.any(String),
      index: expect.any(Number),
      late: false,
      confirmed: false,
    });
    await refused(() => answer('ada', 'paint', 'nay'), 409, 'duplicate-answer');
    await refused(() => answer('out', 'paint'), 403, 'not-asked');
    await refused(() => answer('cand', 'paint'), 403, 'not-asked');
    // An answer's time is when it was given: never one still to come (past the deadline or not).
    await refused(() => answer('ben', 'paint', 'aye', { at: inDays(8) }), 400, 'invalid-input');
    await refused(() => answer('ben', 'paint', 'perhaps'), 400, 'invalid-input');
    await refused(() => answer('ben', 'nowhere'), 404, 'not-found');
    // An answer is the member's own: ben cannot give cy's.
    await refused(
      () =>
        room.act('ben', 'circulation.answer', {
          circulation: 'paint',
          member: 'cy',
          choice: 'aye',
        }),
      403,
      'forbidden',
    );
    // A question is put with a deadline to come, by an officer.
    const past = question('past', { deadline: inDays(-1) });
    await refused(() => room.act('sec', 'circulation.open', past), 409, 'deadline-passed');
    // And at most a year ahead: 9999 is a year mistyped, not a question anyone waits for.
    const far = question('far', { deadline: '9999-12-31T23:59:59.000Z' });
    const tooFar = await refused(
      () => room.act('sec', 'circulation.open', far),
      400,
      'invalid-input',
    );
    expect(JSON.stringify(tooFar.body)).toContain(
      'payload.deadline: 31 December 9999, 23:59 UTC is more than a year after the question is put',
    );
    const later = question('later', { deadline: inDays(367) });
    await refused(() => room.act('sec', 'circulation.open', later), 400, 'invalid-input');
    await refused(() => room.act('ben', 'circulation.open', question('bens')), 403, 'forbidden');
    expect(memberOf(await view('paint'), 'ben').answer).toBeUndefined();
  });

  it('are taken from a device whose clock runs a little behind the one that put the question', async () => {
    const opened = await put('skew');
    const log = (await room.as('sec').get(`/api/log?from=${opened.entry}&limit=1`)).body;
    const openedTime = Date.parse(log.entries[0].entry.time);
    // ben's phone is a minute slow: within the clock skew the server takes.
    const payload = { circulation: 'skew', member: 'ben', choice: 'aye' };
    const time = new Date(openedTime - 60_000).toISOString();
    const sent = signAct('ben', keys.get('ben')!, 'circulation.answer', payload, time);
    const answered = await room.as('ben').post('/api/acts', sent);
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    expect(memberOf(await view('skew'), 'ben').answer).toMatchObject({ choice: 'aye', at: time });
    // A time claimed for an answer is still held to the question's.
    const early = { choice: 'aye', at: new Date(openedTime - 1).toISOString() };
    await refused(() => answer('cy', 'skew', 'aye', early), 400, 'invalid-input');
  });

  it('recorded by the secretary from a call are confirmed or disputed by the member, on their own key', async () => {
    await put('call');
    // ben has a key of his own: the secretary may still record the answer he telephoned.
    expect((await recordFor('ben', 'call', { choice: 'aye', channel: 'telephone' })).status).toBe(
      201,
    );
    expect(memberOf(await view('call'), 'ben').answer).toMatchObject({
      choice: 'aye',
      channel: 'telephone',
      recordedBy: 'sec',
      confirmed: false,
    });
    // Recorded live, an answer says how it came.
    await refused(() => recordFor('cy', 'call', { choice: 'aye' }), 400, 'invalid-input');
    // It was given before it is recorded: never at a time still to come.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const phoned = { choice: 'nay', channel: 'telephone', at: later };
    const future = await refused(() => recordFor('cy', 'call', phoned), 400, 'invalid-input');
    expect(future.body.error.message).toContain(
      `the answer is said to be given at ${timeInWords(later)}, later than it is recorded (`,
    );
    // Only ben confirms his answer: not the secretary for him, not someone else.
    await refused(
      () =>
        room.as('sec').actFor('ben', 'sec', keys.get('sec')!, 'circulation.confirm', {
          circulation: 'call',
          member: 'ben',
        }),
      403,
      'forbidden',
    );
    const inbox = async (person: string) =>
      (await room.as(person).get('/api/inbox')).body.questions.find(
        (q: { id: string }) => q.id === 'call',
      );
    expect(await inbox('ben')).toMatchObject({
      toConfirm: true,
      toAnswer: false,
      myAnswer: { choice: 'aye', recordedBy: 'sec' },
    });
    await room.do('ben', 'circulation.confirm', { circulation: 'call', member: 'ben' });
    expect(memberOf(await view('call'), 'ben').answer.confirmed).toBe(true);
    expect(await inbox('ben')).toMatchObject({ toConfirm: false });
    await refused(
      () => room.act('ben', 'circulation.confirm', { circulation: 'call', member: 'ben' }),
      409,
      'conflict',
    );

    // cy disputes what the secretary recorded for him: it no longer counts, and he answers again.
    await recordFor('cy', 'call', { choice: 'aye', channel: 'in-person' });
    await room.do('cy', 'circulation.dispute', {
      circulation: 'call',
      member: 'cy',
      reason: 'I said I would think about it.',
    });
    const disputed = await view('call');
    expect(memberOf(disputed, 'cy').answer.disputed).toEqual({
      reason: 'I said I would think about it.',
    });
    expect(disputed.answered).toBe(1);
    expect(await inbox('cy')).toMatchObject({ toConfirm: false, toAnswer: true });
    expect((await answer('cy', 'call', 'abstain')).status).toBe(201);
    // The answer he gave again says which it replaced.
    expect(memberOf(await view('call'), 'cy').answer).toMatchObject({
      choice: 'abstain',
      replaced: { choice: 'aye', index: memberOf(disputed, 'cy').answer.index },
    });
  });
});

describe('the inbox', () => {
  it('lists what a member is asked: unanswered first, then by deadline', async () => {
    await put('later', { deadline: inDays(9) });
    await put('sooner', { deadline: inDays(2) });
    await put('answered', { deadline: inDays(1) });
    await put('not-ben', { deadline: inDays(1), to: ['ada', 'cy'] });
    await answer('ben', 'answered');
    const mine = (await room.as('ben').get('/api/inbox')).body.questions.filter(
      (q: { id: string }) => ['later', 'sooner', 'answered', 'not-ben'].includes(q.id),
    );
    expect(mine.map((q: { id: string }) => q.id)).toEqual(['sooner', 'later', 'answered']);
    expect(mine[0]).toMatchObject({
      toAnswer: true,
      toConfirm: false,
      asked: 3,
      bodyName: 'Board',
    });
    expect(mine[0].myAnswer).toBeUndefined();
    expect(mine[2]).toMatchObject({ toAnswer: false, myAnswer: { choice: 'aye' } });
    expect(refusal(await new Browser(app).get('/api/inbox'))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
  });
});

describe('closing', () => {
  it('a motion put to ratify a question and rejected is said to annul it', async () => {
    await put('annulled-hedge');
    for (const m of ['ada', 'ben', 'cy']) await answer(m, 'annulled-hedge');
    const S = 'annulled-hedge-meeting';
    await room.do('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
    for (const p of ['ada', 'ben', 'cy'])
      await room.do(p, 'attendance.arrive', { session: S, person: p });
    const M = 'ratify-annulled-hedge';
    const ratifies = { circulation: 'annulled-hedge' };
    await room.do('sec', 'motion.propose', { session: S, motion: M, text: 'Ratify.', ratifies });
    const motion = async () => (await room.as('ada').get(`/api/sessions/${S}/motions/${M}`)).body;
    expect((await motion()).ratifying).toBe('ratifies');
    await room.do('sec', 'vote.open', { session: S, motion: M });
    for (const p of ['ada', 'ben', 'cy'])
      await room.do(p, 'ballot.cast', { session: S, motion: M, voter: p, choice: 'nay' });
    await room.close('sec', S, M);
    expect(await motion()).toMatchObject({ ratifies, ratifying: 'annuls' });
    expect((await view('annulled-hedge')).ratification).toMatchObject({ status: 'annulled' });
  });

  it('a settled question closes at once, by the organization, and waits for the next session to ratify it', async () => {
    await put('fence');
    for (const m of ['ada', 'ben']) await answer(m, 'fence');
    const last = await room.do('cy', 'circulation.answer', {
      circulation: 'fence',
      member: 'cy',
      choice: 'aye',
    });
    const fence = await view('fence');
    expect(fence).toMatchObject({
      status: 'closed',
      closedAt: last.entry + 1,
      answered: 3,
      decision: { outcome: 'adopted', explanation: expect.stringMatching(/unanimous consent/) },
      ratification: { by: 'board', byName: 'Board', status: 'provisional' },
      forming: { outcome: 'adopted', settled: true },
    });
    const close = (await room.as('sec').get(`/api/log?from=${last.entry + 1}&limit=1`)).body;
    expect(close.entries[0].entry).toMatchObject({
      type: 'circulation.close',
      actor: null,
      signer: null,
    });
    await refused(() => answer('ada', 'fence', 'nay'), 409, 'conflict');

    const provisional = async () =>
      (await room.as('ada').get('/api/decisions/provisional?body=board')).body.filter(
        (d: { ref: { circulation?: string } }) => d.ref.circulation === 'fence',
      );
    expect(await provisional()).toEqual([
      {
        ref: { circulation: 'fence' },
        body: 'board',
        bodyName: 'Board',
        text: 'Question fence?',
        named: expect.stringMatching(/^the question "Question fence\?" put to Board \(/),
        index: fence.openedAt,
        decision: fence.decision,
        ratification: { by: 'board', byName: 'Board', status: 'provisional' },
      },
    ]);

    // The next session has it on its agenda, and ratifies it.
    const S = 'next-meeting';
    await room.do('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
    const agenda = (await room.as('ada').get(`/api/sessions/${S}`)).body.awaitingRatification;
    expect(agenda.map((d: { ref: unknown }) => d.ref)).toContainEqual({ circulation: 'fence' });
    for (const p of ['ada', 'ben', 'cy'])
      await room.do(p, 'attendance.arrive', { session: S, person: p });
    // Only what awaits this body's ratification may be ratified.
    await refused(
      () =>
        room.act('sec', 'motion.propose', {
          session: S,
          motion: 'ratify-roof',
          text: 'Ratify the roof.',
          ratifies: { circulation: 'roof' },
        }),
      422,
      'charter-rule',
    );
    const M = 'ratify-fence';
    await room.do('sec', 'motion.propose', {
      session: S,
      motion: M,
      text: 'Ratify the fence.',
      ratifies: { circulation: 'fence' },
    });
    await room.do('sec', 'vote.open', { session: S, motion: M });
    for (const p of ['ada', 'ben', 'cy'])
      await room.do(p, 'ballot.cast', { session: S, motion: M, voter: p, choice: 'aye' });
    await room.close('sec', S, M);

    expect(await provisional()).toEqual([]);
    const session = (await room.as('ada').get(`/api/sessions/${S}`)).body;
    expect(session.awaitingRatification.map((d: { ref: unknown }) => d.ref)).not.toContainEqual({
      circulation: 'fence',
    });
    expect(session.motions[0]).toMatchObject({
      ratifies: { circulation: 'fence' },
      ratifiesNamed: expect.stringMatching(/^the question ".+" put to Board \(\d+ \w+ \d{4}\)$/),
      ratifying: 'ratifies',
    });
    const ratified = await view('fence');
    expect(ratified.ratification).toMatchObject({
      status: 'ratified',
      decidedBy: { session: S, motion: M },
      // Named for a page as the record names it, not by the ids.
      decidedByNamed: expect.stringMatching(
        /^motion 1 \("Ratify the fence"\) of the session of Board on \d+ \w+ \d{4}/,
      ),
    });
    expect(ratified.chain.map((d: { ref: unknown }) => d.ref)).toEqual([
      { circulation: 'fence' },
      { session: S, motion: M },
    ]);
    const question = (await room.as('ada').get('/api/question?name=fence')).body;
    expect(question.dispatch).toBeUndefined();
    expect(question.decisions.map((d: { ref: unknown }) => d.ref)).toEqual([
      { circulation: 'fence' },
      { session: S, motion: M },
    ]);
    expect((await room.as('ada').get(`/api/question?name=${S}/${M}`)).body.decisions).toHaveLength(
      2,
    );
    expect(refusal(await room.as('ada').get('/api/question?name=nothing'))).toEqual({
      status: 404,
      code: 'not-found',
    });
  });

  it('refuses a close signed by a device whose clock runs ahead, before the deadline', async () => {
    const C = 'ahead';
    const deadline = new Date(Date.now() + 120_000).toISOString();
    await put(C, { deadline });
    const closing = (await room.as('sec').get(`/api/circulations/${C}/closing`)).body.payload;
    // A minute past the deadline by the device's clock, three ahead of the server's: within the
    // skew the server allows.
    const ahead = new Date(Date.parse(deadline) + 60_000).toISOString();
    const early = await room
      .as('sec')
      .post('/api/acts', signAct('sec', keys.get('sec')!, 'circulation.close', closing, ahead));
    expect(refusal(early)).toEqual({ status: 409, code: 'conflict' });
    expect(early.body.error.message).toContain(
      `can still change: it closes on ${timeInWords(deadline)}, and by the server's clock it is `,
    );
    expect((await view(C)).status).toBe('open');
  });

  it('an officer closes a transcription with the decision …/closing gives, and not a stale one', async () => {
    // Minutes of a consent the board gave in writing last week: the server leaves its close to
    // the transcription, whatever its deadline.
    const C = 'minuted';
    await put(C, { mode: 'minutes', deadline: inDays(-1) });
    const at = inDays(-2);
    for (const m of ['ada', 'ben']) await recordFor(m, C, { choice: 'aye', at });
    const stale = (await room.as('sec').get(`/api/circulations/${C}/closing`)).body.payload;
    expect(stale).toMatchObject({ circulation: C, decision: { outcome: 'rejected' } });
    await recordFor('cy', C, { choice: 'aye', at });
    await refused(() => room.act('sec', 'circulation.close', stale), 409, 'conflict');
    await refused(
      () => room.act('sec', 'circulation.close', { circulation: C }),
      400,
      'invalid-input',
    );
    const closing = (await room.as('sec').get(`/api/circulations/${C}/closing`)).body.payload;
    expect(closing.decision).toEqual(
      Object.fromEntries(Object.entries((await view(C)).forming).filter(([k]) => k !== 'settled')),
    );
    await room.do('sec', 'circulation.close', { ...closing, stated: 'adopted' });
    expect(await view(C)).toMatchObject({
      status: 'closed',
      stated: 'adopted',
      decision: { outcome: 'adopted' },
    });
    expect(refusal(await room.as('sec').get(`/api/circulations/${C}/closing`))).toEqual({
      status: 409,
      code: 'conflict',
    });
  });

  it('a question withdrawn takes no more answers', async () => {
    await put('wall');
    await refused(
      () => room.act('ben', 'circulation.withdraw', { circulation: 'wall' }),
      403,
      'forbidden',
    );
    const withdrawn = await room.do('sec', 'circulation.withdraw', {
      circulation: 'wall',
      reason: 'Put to the meeting instead.',
    });
    expect(await view('wall')).toMatchObject({
      status: 'withdrawn',
      withdrawn: { reason: 'Put to the meeting instead.', index: withdrawn.entry },
    });
    await refused(() => answer('ada', 'wall'), 409, 'conflict');
    const ids = (await room.as('ada').get('/api/circulations?state=withdrawn')).body.map(
      (c: { id: string }) => c.id,
    );
    expect(ids).toEqual(['wall']);
  });
});

describe('live events', () => {
  it('tell of every act of a circulation, its close by the organization included', async () => {
    const live = new EventStream(`${base}/api/events`, undefined, room.as('ada').cookie);
    try {
      while (live.status === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      const opened = await put('gate');
      await answer('ada', 'gate');
      await answer('ben', 'gate');
      const last = await room.do('cy', 'circulation.answer', {
        circulation: 'gate',
        member: 'cy',
        choice: 'nay',
      });
      const closed = await live.until((e) => e.event === 'circulation' && e.id === last.entry + 1);
      expect(closed.data).toEqual({
        id: 'gate',
        status: 'closed',
        answered: 3,
        asked: 3,
        outcome: 'rejected',
      });
      const gate = live.events.filter((e) => e.event === 'circulation' && e.data.id === 'gate');
      expect(gate.map((e) => e.id)).toEqual([
        opened.entry,
        opened.entry + 1,
        opened.entry + 2,
        last.entry,
        last.entry + 1,
      ]);
      expect(gate[1]!.data).toEqual({ id: 'gate', status: 'open', answered: 1, asked: 3 });
    } finally {
      live.close();
    }
  });
});

describe('in demo mode', () => {
  it('the secretary records an answer that came by telephone with their own demo key', async () => {
    const own = await enrolledLedger(PEOPLE, CHARTER);
    const seeds = new Map([...own.keys].map(([p, pair]) => [p, pair.privateKey] as const));
    const demo = testServer({ ledger: own.ledger, demo: { keys: seeds } });
    try {
      const b = await new Browser(demo).visit();
      await b.post('/api/demo/login', { person: 'sec' });
      const act = (type: string, payload: Record<string, unknown>, actor?: string) =>
        b.post('/api/acts', { type, payload, ...(actor ? { actor } : {}) });
      const put = { body: 'board', mode: 'live', text: 'Lend the hall?', deadline: inDays(3) };
      expect((await act('circulation.open', { circulation: 'phoned', ...put })).status).toBe(201);
      const call = { circulation: 'phoned', member: 'ben', choice: 'nay', channel: 'telephone' };
      const recorded = await act('circulation.answer', call, 'ben');
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      const entry = (await b.get(`/api/log?from=${recorded.body.entry}&limit=1`)).body.entries[0];
      expect(entry.entry).toMatchObject({ actor: 'ben', signer: 'sec' });
      const phoned = (await b.get('/api/circulations/phoned')).body;
      expect(memberOf(phoned, 'ben').answer).toMatchObject({ recordedBy: 'sec' });
      // Any other act for another is signed on the officer's own device.
      const confirm = { circulation: 'phoned', member: 'ben' };
      expect(refusal(await act('circulation.confirm', confirm, 'ben'))).toEqual({
        status: 400,
        code: 'invalid-input',
      });
      // Unsigned, a close takes the decision the rule gives, not one sent along: here, a
      // transcription's.
      const minutes = { ...put, mode: 'minutes', deadline: inDays(-1) };
      expect((await act('circulation.open', { circulation: 'old', ...minutes })).status).toBe(201);
      const close = { circulation: 'old', decision: { outcome: 'adopted' } };
      expect((await act('circulation.close', close)).status).toBe(201);
      expect((await b.get('/api/circulations/old')).body.decision).toMatchObject({
        outcome: 'rejected',
      });
    } finally {
      await demo.close();
      await own.ledger.store.close();
    }
  });
});
