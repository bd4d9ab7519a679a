/**
 * Preparing a meeting through the API, on both storage backends: a session convened by its chair
 * with an agenda (an item's file sent along and kept by its hash), refused to a member who is no
 * officer; the notice listed among the sessions, taken up when the session opens (flagged where
 * the charter's notice period had not run); apologies for absence; a motion put under an agenda
 * item; the minutes signed and objected to; and each as a live event on the stream.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesRefOf } from '../../src/app/minutes.js';
import type { Ledger } from '../../src/app/ledger.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  EventStream,
  Room,
  TEST_CHARTER,
  enrolledLedger,
  refusal,
  signAct,
  testServer,
} from './support.js';

const PEOPLE = ['sec', 'ada', 'ben', 'cy', 'cand'];
/** The test board, with seven days' notice. */
const CHARTER = `${TEST_CHARTER}    notice: { days: 7 }\n`;
const S = 'board-2027-03-01';
const TODAY = new Date().toISOString().slice(0, 10);

const bytes = Buffer.from('The budget for 2027, line by line.\n');
const budget = {
  name: 'budget.txt',
  hash: createHash('sha256').update(bytes).digest('hex'),
  size: bytes.length,
};
const agenda = [
  { item: '1', title: 'The budget', motion: 'Adopt the budget for 2027.', attachments: [budget] },
  { item: '2', title: 'Any other business' },
];
const notice = { session: S, body: 'board', date: TODAY, title: 'Spring meeting', agenda };

for (const backend of BACKENDS) {
  describe(`convening a session on ${backend.name}`, () => {
    let handle: StoreHandle;
    let ledger: Ledger;
    let keys: Map<string, KeyPair>;
    let app: FastifyInstance;
    let room: Room;
    let live: EventStream;

    beforeAll(async () => {
      handle = await backend.fresh();
      ({ ledger, keys } = await enrolledLedger(PEOPLE, CHARTER, await handle.open()));
      app = testServer({ ledger });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      room = await new Room(app, keys).signIn(...PEOPLE);
      live = new EventStream(`${base}/api/events`, undefined, room.as('ada').cookie);
    });

    afterAll(async () => {
      live.close();
      await app.close();
      await handle.dispose();
    });

    const convene = (person: string, files: unknown[] = [{ name: budget.name, data: b64 }]) =>
      room.as(person).post('/api/acts', { ...signed(person, notice), files });
    const b64 = bytes.toString('base64');
    const signed = (person: string, payload: Record<string, unknown>) =>
      signAct(person, keys.get(person)!, 'session.convene', payload);

    it('shows the notice period of each body', async () => {
      const org = await room.as('ben').get('/api/organization');
      expect(org.body.bodies[0]).toMatchObject({ id: 'board', noticeDays: 7 });
    });

    it('refuses a notice from a member who is no officer, and one whose files do not match', async () => {
      expect(refusal(await convene('ben'))).toEqual({ status: 403, code: 'forbidden' });
      expect(refusal(await convene('ada', []))).toEqual({ status: 400, code: 'invalid-input' });
      const stray = [
        { name: budget.name, data: b64 },
        { name: 'stray.txt', data: 'c3RyYXk=' },
      ];
      const answer = await convene('ada', stray);
      expect(refusal(answer)).toEqual({ status: 400, code: 'invalid-input' });
      expect(answer.body.error.message).toMatch(/named by none of the agenda items' attachments/);
      expect(ledger.state.convened.size).toBe(0);
      expect(await ledger.store.attachment(budget.hash)).toBeUndefined();
    });

    it('convenes a session with its agenda, its file kept, listed and announced', async () => {
      const answer = await convene('ada');
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      const event = await live.until((e) => e.event === 'notice');
      expect(event).toMatchObject({
        id: answer.body.entry,
        data: { session: S, body: 'board', date: TODAY, items: 2 },
      });
      const file = await app.inject({
        url: `/api/attachments/${budget.hash}`,
        headers: { cookie: room.as('ben').cookie! },
      });
      expect(file.rawPayload.equals(bytes)).toBe(true);
      // Downloaded under the name the agenda gives it, not its hash.
      expect(file.headers['content-disposition']).toMatch(/filename="budget\.txt"/);
      const sessions = await room.as('ben').get('/api/sessions');
      expect(sessions.body).toEqual([
        expect.objectContaining({ id: S, convened: true, open: false, date: TODAY }),
      ]);
      expect(sessions.body[0].notice.agenda.map((i: { title: string }) => i.title)).toEqual([
        'The budget',
        'Any other business',
      ]);
    });

    it('refuses a member who names themself chair: no notice revised, no session opened', async () => {
      const before = ledger.state.size;
      const asChair = (payload: Record<string, unknown>) => ({ ...payload, chair: 'ben' });
      const revised = await room
        .as('ben')
        .post('/api/acts', signed('ben', asChair({ ...notice, title: 'Taken over', agenda: [] })));
      expect(refusal(revised)).toEqual({ status: 403, code: 'forbidden' });
      const opened = await room
        .as('ben')
        .post(
          '/api/acts',
          signAct(
            'ben',
            keys.get('ben')!,
            'session.open',
            asChair({ session: 'ben-own', body: 'board', mode: 'live' }),
          ),
        );
      expect(refusal(opened)).toEqual({ status: 403, code: 'forbidden' });
      expect(ledger.state.size).toBe(before);
      expect(ledger.state.convened.get(S)?.title).toBe('Spring meeting');
    });

    it('opens the session on its notice, flagged for the notice period', async () => {
      await room.do('ada', 'session.open', {
        session: S,
        body: 'board',
        mode: 'live',
        date: TODAY,
      });
      const session = (await room.as('ben').get(`/api/sessions/${S}`)).body;
      expect(session.notice.agenda[0]).toMatchObject({ item: '1', attachments: [budget] });
      expect(session.title).toBe('Spring meeting');
      expect(session.flags).toEqual([expect.stringMatching(/the charter requires 7 days' notice/)]);
      expect((await room.as('ben').get('/api/sessions')).body).toEqual([
        expect.objectContaining({ id: S, convened: false, open: true }),
      ]);
      await live.until((e) => e.event === 'session' && e.data.open === true);
    });

    it('records apologies from the member or an officer, never for someone present', async () => {
      await room.do('ada', 'attendance.arrive', { session: S, person: 'ada' });
      const excused = await room.do('sec', 'attendance.excuse', {
        session: S,
        person: 'cy',
        reason: 'abroad',
      });
      await room.do('ben', 'attendance.excuse', { session: S, person: 'ben' });
      const forOther = await room.act('cand', 'attendance.excuse', { session: S, person: 'ben' });
      expect(refusal(forOther)).toEqual({ status: 403, code: 'forbidden' });
      const present = await room.act('sec', 'attendance.excuse', { session: S, person: 'ada' });
      expect(refusal(present)).toEqual({ status: 409, code: 'conflict' });
      const event = await live.until((e) => e.id === excused.entry);
      expect(event).toMatchObject({
        event: 'attendance',
        data: { session: S, person: 'cy', kind: 'excuse', reason: 'abroad', present: 1 },
      });
      const session = (await room.as('ben').get(`/api/sessions/${S}`)).body;
      expect(session.excused).toEqual([
        { person: 'cy', reason: 'abroad', entry: excused.entry },
        { person: 'ben', reason: null, entry: excused.entry + 1 },
      ]);
    });

    it('puts a motion under an agenda item, and no item the agenda lacks', async () => {
      const text = 'Adopt the budget for 2027.';
      await room.do('ada', 'motion.propose', { session: S, motion: 'budget', text, item: '1' });
      const stray = await room.act('ada', 'motion.propose', {
        session: S,
        motion: 'roof',
        text: 'Mend the roof.',
        item: '9',
      });
      expect(refusal(stray)).toEqual({ status: 404, code: 'not-found' });
      const session = (await room.as('ben').get(`/api/sessions/${S}`)).body;
      expect(session.motions).toEqual([expect.objectContaining({ id: 'budget', item: '1' })]);
    });

    it('announces the minutes signed and objected to', async () => {
      await room.do('ada', 'session.close', { session: S });
      const { content } = minutesRefOf(ledger.state, S);
      const signed = await room.do('ada', 'minutes.sign', { session: S, content });
      const objected = await room.do('ben', 'minutes.object', { session: S, text: 'Not so.' });
      expect(await live.until((e) => e.id === signed.entry)).toMatchObject({
        event: 'minutes',
        data: { session: S, change: 'signed' },
      });
      expect(await live.until((e) => e.id === objected.entry)).toMatchObject({
        event: 'minutes',
        data: { session: S, change: 'objected' },
      });
    });
  });
}
