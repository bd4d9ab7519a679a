/**
 * The API takes act payloads of the forms the ledger checks every act against (core/payloads.ts):
 * the same schemas, so the edge refuses exactly what the record would, with a JSON 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Ledger } from '../../src/app/ledger.js';
import { ACT_TYPES } from '../../src/core/acts.js';
import { ACT_PAYLOADS } from '../../src/core/payloads.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { API_ACT_PAYLOADS } from '../../src/server/schemas.js';
import { Browser, enrolledLedger, testServer } from './support.js';

let ledger: Ledger;
let keys: Map<string, KeyPair>;
let app: FastifyInstance;
let sec: Browser;

beforeAll(async () => {
  ({ ledger, keys } = await enrolledLedger(['sec']));
  app = testServer({ ledger });
  sec = new Browser(app);
  expect((await sec.loginAs('sec', keys.get('sec')!)).status).toBe(200);
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

describe('act payloads through the API', () => {
  it("are the record's own forms: every act type but the charter's", () => {
    const members = ACT_TYPES.filter((t) => t !== 'charter.adopt');
    expect(Object.keys(API_ACT_PAYLOADS).sort()).toEqual([...members].sort());
    for (const type of members)
      if (type !== 'vote.close') expect(API_ACT_PAYLOADS[type], type).toBe(ACT_PAYLOADS[type]);
    // A close's decision is the server's to compute: any sent along is let through, to be ignored.
    const close = API_ACT_PAYLOADS['vote.close'];
    expect(close.safeParse({ session: 's', motion: 'm', decision: 'mine' }).success).toBe(true);
    expect(close.safeParse({ session: 's', motion: 'm' }).success).toBe(true);
    expect(close.safeParse({ session: 's', motion: 'm/n' }).success).toBe(false);
    expect(close.safeParse({ session: 's', motion: 'm', extra: 1 }).success).toBe(false);
  });

  it('refuses an id with a "/" as 400 invalid-input, naming the field, and records nothing', async () => {
    const size = ledger.size;
    const answer = await sec.act('sec', keys.get('sec')!, 'session.open', {
      session: 'a/b',
      body: 'board',
      mode: 'live',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        code: 'invalid-input',
        message:
          'payload.session "a/b": an id is lowercase Latin letters (a-z), digits, ".", "_" or "-"',
        field: 'payload.session',
      },
    });
    expect(ledger.size).toBe(size);
    expect(await ledger.store.size()).toBe(size);
  });

  it('words a refusal plainly: the field, what it takes and what it was given', async () => {
    const size = ledger.size;
    const open = (extra: Record<string, unknown>) =>
      sec.act('sec', keys.get('sec')!, 'session.open', {
        session: 'plain',
        body: 'board',
        mode: 'live',
        ...extra,
      });
    const refused = async (answer: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await answer;
      expect(status).toBe(400);
      return (body as { error: { code: string; message: string; field?: string } }).error;
    };
    expect(await refused(open({ title: 'x'.repeat(600) }))).toEqual({
      code: 'invalid-input',
      message: 'payload.title: at most 500 characters (600 given)',
      field: 'payload.title',
    });
    expect(await refused(open({ title: 'Budget\u0000' }))).toEqual({
      code: 'invalid-input',
      message:
        'payload.title "Budget\\u0000": a control character (U+0000) at character 7: none is taken but a tab or a line break',
      field: 'payload.title',
    });
    const motion = sec.act('sec', keys.get('sec')!, 'motion.propose', {
      session: 'plain',
      motion: 'm1',
      text: 'y'.repeat(10_001),
    });
    expect((await refused(motion)).message).toBe(
      'payload.text: at most 10000 characters (10001 given)',
    );
    // A file sent along is named by its name, its turn of direction written out.
    const name = 'scan\u202efdp.exe';
    const data = Buffer.from('%PDF').toString('base64');
    const register = await sec.post('/api/acts', {
      type: 'dispatch.register',
      payload: {},
      files: [
        { name: 'letter.pdf', data },
        { name, data },
      ],
    });
    expect((register.body as { error: unknown }).error).toEqual({
      code: 'invalid-input',
      message:
        'files.1.name "scan\\u202efdp.exe": a change of direction (U+202E) at character 5 that is not ended before the line ends',
      field: 'files.1.name',
    });
    expect(ledger.size).toBe(size);
  });

  it('names the field of a motion kind the body does not have, as it names every other', async () => {
    const act = (type: string, payload: Record<string, unknown>) =>
      sec.act('sec', keys.get('sec')!, type, payload);
    const opened = await act('session.open', { session: 'kinds', body: 'board', mode: 'live' });
    expect(opened.status).toBe(201);
    const size = ledger.size;
    const answer = await act('motion.propose', {
      session: 'kinds',
      motion: 'm1',
      text: 'Adopt it.',
      kind: 'nonesuch',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        code: 'invalid-input',
        message: "Board has no motion kind 'nonesuch'",
        field: 'payload.kind',
      },
    });
    expect(ledger.size).toBe(size);
  });

  it('takes a day of a new act in one spelling, YYYY-MM-DD, naming the field of any other', async () => {
    const size = ledger.size;
    const act = (type: string, payload: Record<string, unknown>) =>
      sec.act('sec', keys.get('sec')!, type, payload);
    const today = new Date().toISOString().slice(0, 10);
    const refusedAt = async (type: string, payload: Record<string, unknown>) => {
      const { status, body } = await act(type, payload);
      expect(status, JSON.stringify(payload)).toBe(400);
      const { error } = body as { error: { code: string; message: string; field?: string } };
      expect(error.code).toBe('invalid-input');
      expect(error.field).toBe('payload.date');
      return error.message;
    };
    // Opened live, the session is dated by the calendar: an expanded year is no spelling of it.
    expect(
      await refusedAt('session.open', {
        session: 'expanded',
        body: 'board',
        mode: 'live',
        date: `+0${today}`,
      }),
    ).toBe(
      `payload.date "+0${today}": not a real date: a day as 2027-11-20, or a time of it as 2027-11-20T19:30`,
    );
    expect(
      await refusedAt('session.open', {
        session: 'expanded',
        body: 'board',
        mode: 'live',
        date: `${today} evening`,
      }),
    ).toBe(
      `payload.date: "${today} evening" is not a day as 2026-12-01, or a time of it as 2026-12-01T18:00: a session opened now is dated by the calendar (a date in words is for minutes transcribed)`,
    );
    // Transcribed, a date may be in words, but one in numbers is written as the calendar's.
    expect(
      await refusedAt('session.open', {
        session: 'expanded',
        body: 'board',
        mode: 'minutes',
        date: '+01917-10-25',
      }),
    ).toBe(
      'payload.date "+01917-10-25": not a real date: a day as 2027-11-20, or a time of it as 2027-11-20T19:30',
    );
    // A notice convenes a meeting on a day, not on one written otherwise.
    await refusedAt('session.convene', {
      session: 'expanded',
      body: 'board',
      date: `${today} evening`,
      agenda: [{ item: 'i1', title: 'Budget' }],
    });
    expect(ledger.size).toBe(size);
  });

  it('tells its limits, and refuses an act larger than it takes at all naming them (413)', async () => {
    const small = testServer({
      ledger,
      maxAttachmentBytes: 3000,
      bodyLimit: 1000,
      amendmentBodyLimit: 2000,
    });
    try {
      const b = new Browser(small);
      expect((await b.loginAs('sec', keys.get('sec')!)).status).toBe(200);
      // The app is told the largest file, to say so before sending one.
      expect((await b.get('/api/me')).body.limits).toEqual({ attachmentBytes: 3000 });
      // 4 × 1000 + 1000 bytes an act with its files may take: this one is more.
      const answer = await b.post('/api/acts', {
        type: 'dispatch.register',
        payload: {},
        files: [{ name: 'scan.pdf', data: 'A'.repeat(8000) }],
      });
      expect(answer.status).toBe(413);
      expect(answer.body.error).toEqual({
        code: 'too-large',
        message:
          'the act is larger than the server takes: a file it carries may have at most 2.9 KiB (3,000 bytes), and the act with its files 4.9 KiB (5,000 bytes) as sent (files in base64)',
      });
      // Any other route names its own limit.
      const login = await b.post('/api/login/challenge', { person: 'x'.repeat(2000) });
      expect(login.status).toBe(413);
      expect(login.body.error.message).toBe(
        'the body is larger than the server takes: at most 1000 bytes',
      );
    } finally {
      await small.close();
    }
  });
});
