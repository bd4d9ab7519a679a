/**
 * The register of dispatches through the API, on both storage backends: a dispatch registered
 * with its files (stored by their hash in the entry's transaction, served back as a download),
 * referred and closed; the refusals with their codes, the record (files included) unchanged after
 * each; the register filtered; everything on one question; the live events.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayInWords } from '../../src/core/minutes/words.js';
import type { Ledger } from '../../src/app/ledger.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { contentDisposition } from '../../src/server/routes/dispatches.js';
import { runSql } from '../support/raw-sql.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  EventStream,
  Room,
  enrolledLedger,
  refusal,
  refuser,
  signAct,
  testServer,
} from './support.js';

const PEOPLE = ['sec', 'ada', 'ben', 'cy', 'cand', 'out'];
/** The largest file these servers take, in bytes. */
const MAX = 2000;

interface File {
  readonly name: string;
  readonly bytes: Buffer;
}

const file = (name: string, size: number): File => ({ name, bytes: randomBytes(size) });
const named = (f: File) => ({
  name: f.name,
  hash: createHash('sha256').update(f.bytes).digest('hex'),
  size: f.bytes.length,
});
const sent = (f: File) => ({ name: f.name, data: f.bytes.toString('base64') });

for (const backend of BACKENDS) {
  describe(`the register of dispatches on ${backend.name}`, () => {
    let handle: StoreHandle;
    let ledger: Ledger;
    let keys: Map<string, KeyPair>;
    let app: FastifyInstance;
    let base: string;
    let room: Room;
    let numbers = 0;

    beforeAll(async () => {
      handle = await backend.fresh();
      ({ ledger, keys } = await enrolledLedger(PEOPLE, undefined, await handle.open()));
      app = testServer({ ledger, maxAttachmentBytes: MAX });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      room = await new Room(app, keys).signIn(...PEOPLE);
    });

    afterAll(async () => {
      await app.close();
      await handle.dispose();
    });

    /** A dispatch.register payload for `id`, with a number of its own. */
    const dispatch = (id: string, extra: Record<string, unknown> = {}) => ({
      dispatch: id,
      body: 'board',
      number: `2026/${++numbers}`,
      received: '2026-11-02',
      from: 'The Harbour Authority',
      channel: 'letter',
      text: `Request ${id}: moorings for the winter.`,
      ...extra,
    });

    /** `person`'s act, signed on their device. */
    const signed = (person: string, type: string, payload: Record<string, unknown>) =>
      signAct(person, keys.get(person)!, type, payload);

    /** `person` registers it, with `files`. */
    const register = (
      person: string,
      payload: Record<string, unknown>,
      files?: readonly unknown[],
    ) =>
      room.as(person).post('/api/acts', {
        ...signed(person, 'dispatch.register', payload),
        ...(files ? { files } : {}),
      });

    const refused = refuser(() => handle);

    const view = async (id: string) => (await room.as('ada').get(`/api/dispatches/${id}`)).body;

    /** The attachment's download as a reader gets it. */
    const download = (hash: string, cookie = room.as('ada').cookie) =>
      app.inject({ url: `/api/attachments/${hash}`, headers: cookie ? { cookie } : {} });

    it('registers a dispatch with its files, stored by their hash, and serves them back', async () => {
      const letter = file('Письмо гавани.pdf', 1500);
      const map = file('map.png', 700);
      const payload = dispatch('moorings', { attachments: [named(letter), named(map)] });
      const registered = await register('sec', payload, [sent(map), sent(letter)]);
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      expect(await view('moorings')).toEqual({
        id: 'moorings',
        body: 'board',
        bodyName: 'Board',
        number: payload.number,
        received: '2026-11-02',
        from: 'The Harbour Authority',
        channel: 'letter',
        text: payload.text,
        attachments: [named(letter), named(map)],
        status: 'registered',
        referrals: [],
        circulations: [],
        questions: [],
        motions: [],
        registeredAt: registered.body.entry,
      });

      const got = await download(named(letter).hash);
      expect(got.statusCode).toBe(200);
      expect(Buffer.compare(got.rawPayload, letter.bytes)).toBe(0);
      expect(got.headers['content-type']).toBe('application/octet-stream');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-disposition']).toBe(
        `attachment; filename="______ ______.pdf"; filename*=UTF-8''${encodeURIComponent(letter.name)}`,
      );
      expect(refusal(await room.as('ada').get(`/api/attachments/${'0'.repeat(64)}`))).toEqual({
        status: 404,
        code: 'not-found',
      });
      expect(refusal(await room.as('ada').get('/api/attachments/letter.pdf'))).toEqual({
        status: 400,
        code: 'invalid-input',
      });
      expect((await download(named(map).hash, '')).statusCode).toBe(401);

      // A file the record keeps already is named without sending it again.
      const again = dispatch('moorings-reminder', { attachments: [named(map)] });
      expect((await register('sec', again)).status).toBe(201);
    });

    it('refuses files that do not match what the entry names, and keeps none of them', async () => {
      const letter = file('letter.pdf', 900);
      const attached = (a: object) => dispatch('refused', { attachments: [a] });
      const wrong = [
        [attached({ ...named(letter), size: 901 }), [sent(letter)], /does not match the file sent/],
        [attached({ ...named(letter), name: 'other.pdf' }), [sent(letter)], /does not match/],
        [attached(named(letter)), [], /no file was sent for letter\.pdf/],
        [dispatch('refused'), [sent(letter)], /files\.0: letter\.pdf .* is named by none/],
        // A size in words, in the right number: one byte is never "1 bytes".
        [
          dispatch('refused'),
          [sent(file('dot.txt', 1))],
          /^files\.0: dot\.txt \(sha256 [0-9a-f]{64}, 1 byte\) is named by none/,
        ],
        [
          attached({ ...named(file('dot.txt', 1)), size: 2 }),
          [sent(file('dot.txt', 1))],
          /, 2 bytes\) does not match the file sent as dot\.txt \(sha256 [0-9a-f]{64}, 1 byte\)$/,
        ],
        [
          attached(named(letter)),
          [sent(letter), sent(file('extra.txt', 10))],
          /files\.1: extra\.txt/,
        ],
        [attached(named(letter)), [{ name: letter.name, data: 'not base64!' }], /base64/],
      ] as const;
      for (const [payload, files, why] of wrong)
        expect(
          (await refused(() => register('sec', payload, files), 400, 'invalid-input')).body.error
            .message,
        ).toMatch(why);
      // Over the largest file the server takes: 413, whatever the entry names.
      const large = file('scan.tiff', MAX + 1);
      expect(
        (
          await refused(
            () => register('sec', attached(named(large)), [sent(large)]),
            413,
            'too-large',
          )
        ).body.error.message,
      ).toMatch(`scan.tiff is ${MAX + 1} bytes, more than the ${MAX} allowed`);
      // Files lift the limit for themselves only: the act beside them is held to the usual one.
      // (Just past the usual 64 KiB: within what one file of MAX bytes and the act may take.)
      const long = dispatch('long', { text: 'a'.repeat(66_000) });
      expect(
        (await refused(() => register('sec', long, []), 413, 'too-large')).body.error.message,
      ).toMatch(/^an act of \d+ bytes: only a motion that amends the charter may be larger/);
      expect(
        (await refused(() => register('sec', long, [sent(letter)]), 413, 'too-large')).body.error
          .message,
      ).toMatch(/^an act of \d+ bytes beside its files: only its files may take it past/);
      // Files go with a dispatch, an instrument or a notice only: the refusal says so in words.
      expect(
        (
          await refused(
            () =>
              room.as('sec').post('/api/acts', {
                ...signed('sec', 'session.open', { session: 's', body: 'board', mode: 'live' }),
                files: [sent(letter)],
              }),
            400,
            'invalid-input',
          )
        ).body.error.message,
      ).toBe(
        "files: only a dispatch's registration, an instrument's draft or a session's notice carries files, not a session's opening",
      );
      // An officer registers dispatches; a number is given once in a body's register.
      await refused(
        () => register('ben', attached(named(letter)), [sent(letter)]),
        403,
        'forbidden',
      );
      const taken = dispatch('first');
      expect((await register('sec', taken)).status).toBe(201);
      await refused(
        () => register('sec', { ...dispatch('second'), number: taken.number }),
        409,
        'conflict',
      );
      expect((await download(named(letter).hash)).statusCode).toBe(404);
    });

    it('refuses a file sent twice, naming the second, and keeps neither', async () => {
      const letter = file('letter.pdf', 300);
      const body = (
        await refused(
          () =>
            register('sec', dispatch('twice', { attachments: [named(letter)] }), [
              sent(letter),
              sent(letter),
            ]),
          400,
          'invalid-input',
        )
      ).body.error;
      expect(body).toEqual({
        code: 'invalid-input',
        message: `files.1: letter.pdf (sha256 ${named(letter).hash}, 300 bytes) is sent already, as files.0: a file is sent once`,
        field: 'files.1',
      });
      expect((await download(named(letter).hash)).statusCode).toBe(404);
    });

    it('refers and closes a dispatch, refusing a referral to someone unknown', async () => {
      expect((await register('sec', dispatch('quay', { from: 'Dockers’ union' }))).status).toBe(
        201,
      );
      const referral = { dispatch: 'quay', inscription: 'Ask Ben and Cy', people: ['ben', 'cy'] };
      const referred = await room.do('sec', 'dispatch.refer', referral);
      await refused(
        () => room.act('sec', 'dispatch.refer', { ...referral, people: ['nobody'] }),
        404,
        'not-found',
      );
      await refused(
        () =>
          room.act('sec', 'dispatch.refer', {
            dispatch: 'quay',
            inscription: 'To?',
            body: 'nobody',
          }),
        404,
        'not-found',
      );
      await refused(
        () => room.act('sec', 'dispatch.refer', { dispatch: 'quay', inscription: 'To whom?' }),
        400,
        'invalid-input',
      );
      await refused(() => room.act('ben', 'dispatch.refer', referral), 403, 'forbidden');
      await refused(
        () => room.act('sec', 'dispatch.refer', { ...referral, dispatch: 'nowhere' }),
        404,
        'not-found',
      );
      await room.do('sec', 'dispatch.refer', {
        dispatch: 'quay',
        inscription: 'To the board',
        body: 'board',
      });
      const deadline = new Date(Date.now() + 86_400_000).toISOString();
      await room.do('sec', 'circulation.open', {
        circulation: 'quay-question',
        body: 'board',
        mode: 'live',
        text: 'Let the dockers use the quay?',
        deadline,
        dispatch: 'quay',
      });
      // And put to the next meeting.
      const S = 'harbour-meeting';
      await room.do('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
      const motion = { session: S, motion: 'quay', text: 'Lend the quay.', dispatch: 'quay' };
      await room.do('sec', 'motion.propose', motion);
      expect(await view('quay')).toMatchObject({
        // Named for a page as the record names them, the ids beside for links.
        motions: [
          {
            session: S,
            motion: 'quay',
            named: expect.stringMatching(
              /^motion 1 \("Lend the quay"\) of the session of Board on \d+ \w+ \d{4}$/,
            ),
          },
        ],
        questions: [
          {
            circulation: 'quay-question',
            named: expect.stringMatching(
              /^the question "Let the dockers use the quay\?" put to Board \(\d+ \w+ \d{4}\)$/,
            ),
          },
        ],
        status: 'referred',
        referrals: [
          {
            by: 'sec',
            byName: 'Sam Secretary',
            inscription: 'Ask Ben and Cy',
            people: ['ben', 'cy'],
            index: referred.entry,
          },
          { by: 'sec', inscription: 'To the board', people: [], body: 'board' },
        ],
        circulations: ['quay-question'],
      });
      const question = (await room.as('ada').get('/api/question?name=quay')).body;
      expect(question.dispatch).toMatchObject({ id: 'quay', status: 'referred' });
      expect(question.decisions.map((d: { ref: unknown }) => d.ref)).toEqual([
        { circulation: 'quay-question' },
        { session: S, motion: 'quay' },
      ]);

      const closed = await room.do('sec', 'dispatch.close', {
        dispatch: 'quay',
        reason: 'Answered by the board’s letter of 4 November.',
      });
      expect((await view('quay')).closed).toEqual({
        reason: 'Answered by the board’s letter of 4 November.',
        index: closed.entry,
        by: 'sec',
      });
      await refused(() => room.act('sec', 'dispatch.refer', referral), 409, 'conflict');
      await refused(
        () => room.act('sec', 'dispatch.close', { dispatch: 'quay', reason: 'Again.' }),
        409,
        'conflict',
      );
      expect(refusal(await room.as('ada').get('/api/dispatches/nowhere'))).toEqual({
        status: 404,
        code: 'not-found',
      });
    });

    it('refuses a dispatch received after the day it is registered, or on a day in words, takes one of tomorrow', async () => {
      const day = (offset: number) =>
        new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const message = (
        await refused(
          () => register('sec', dispatch('typo', { received: day(3) })),
          400,
          'invalid-input',
        )
      ).body.error.message;
      expect(message).toContain(`payload.received: ${dayInWords(day(3))} is after the day`);
      await refused(
        () => register('sec', dispatch('typo', { received: `${day(40)}T09:30` })),
        400,
        'invalid-input',
      );
      // East of Greenwich, the office's day may be UTC's next.
      expect((await register('sec', dispatch('east', { received: day(1) }))).status).toBe(201);
      // Registered now, it came on a day of the calendar: words are for minutes transcribed.
      expect(
        (
          await refused(
            () => register('sec', dispatch('words', { received: 'the night of 25 October' })),
            400,
            'invalid-input',
          )
        ).body.error.message,
      ).toBe(
        'payload.received: "the night of 25 October" is not a day as 2026-12-01, or a time of it as 2026-12-01T18:00: a dispatch registered now is dated by the calendar (a date in words is for minutes transcribed)',
      );
    });

    it('lists the register filtered and searched', async () => {
      const ids = async (query: string) =>
        (await room.as('ada').get(`/api/dispatches${query}`)).body.map((d: { id: string }) => d.id);
      const all = await ids('');
      expect(all).toEqual(expect.arrayContaining(['moorings', 'first', 'quay']));
      expect(await ids('?state=open')).not.toContain('quay');
      expect(await ids('?state=closed')).toEqual(['quay']);
      expect(await ids('?state=registered')).toContain('moorings');
      expect(await ids('?state=referred')).toEqual([]);
      expect(await ids('?q=DOCKERS')).toEqual(['quay']);
      expect(await ids('?q=moorings%20winter')).toContain('moorings');
      expect(await ids('?body=board')).toEqual(all);
      expect(refusal(await room.as('ada').get('/api/dispatches?body=other'))).toEqual({
        status: 404,
        code: 'not-found',
      });
      expect(refusal(await room.as('ada').get('/api/dispatches?state=lost'))).toEqual({
        status: 400,
        code: 'invalid-input',
      });
    });

    it('tells listeners of every act of a dispatch', async () => {
      const live = new EventStream(`${base}/api/events`, undefined, room.as('ada').cookie);
      try {
        while (live.status === undefined) await new Promise((r) => setTimeout(r, 10));
        const registered = (await register('sec', dispatch('buoy'))).body;
        const referred = await room.do('sec', 'dispatch.refer', {
          dispatch: 'buoy',
          inscription: 'Ben',
          people: ['ben'],
        });
        const closed = await room.do('sec', 'dispatch.close', { dispatch: 'buoy', reason: 'Done' });
        await live.until((e) => e.id === closed.entry);
        expect(live.events.filter((e) => e.event === 'dispatch')).toEqual([
          { id: registered.entry, event: 'dispatch', data: { id: 'buoy', status: 'registered' } },
          { id: referred.entry, event: 'dispatch', data: { id: 'buoy', status: 'referred' } },
          { id: closed.entry, event: 'dispatch', data: { id: 'buoy', status: 'closed' } },
        ]);
      } finally {
        live.close();
      }
    });

    it('never serves as a file bytes the record keeps that are not it: 503 record-damaged', async () => {
      const [left, right] = [file('left.pdf', 300), file('right.pdf', 400)];
      const payload = dispatch('swapped', { attachments: [named(left), named(right)] });
      expect((await register('sec', payload, [sent(left), sent(right)])).status).toBe(201);
      const [a, b] = [named(left).hash, named(right).hash];
      // Someone holding the database swaps the two files' bytes.
      await runSql(handle, [
        `UPDATE attachments SET hash = 'swapping' WHERE hash = '${a}'`,
        `UPDATE attachments SET hash = '${a}' WHERE hash = '${b}'`,
        `UPDATE attachments SET hash = '${b}' WHERE hash = 'swapping'`,
      ]);
      const got = await room.as('ada').get(`/api/attachments/${a}`);
      expect(refusal(got)).toEqual({ status: 503, code: 'record-damaged' });
      expect(got.body.error.message).toContain(
        `the file kept for sha256 ${a} is not that file: its 400 bytes hash to ${b}`,
      );
    });
  });
}

describe('a download’s name', () => {
  it('is given as RFC 8187 has it, whatever the file is called, and reads back the same', () => {
    // attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
    const extended = /; filename\*=UTF-8''((?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*)$/;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (name) => {
        const header = contentDisposition(name);
        const value = extended.exec(header)?.[1];
        expect(value, header).toBeDefined();
        expect(decodeURIComponent(value!)).toBe(name);
        expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; /);
      }),
    );
    expect(contentDisposition("it's (1)*.pdf")).toBe(
      `attachment; filename="it's (1)*.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`,
    );
  });

  it('with half a surrogate pair (a record written before texts were checked) has U+FFFD there', () => {
    expect(contentDisposition('a\ud800b.pdf')).toBe(
      `attachment; filename="a_b.pdf"; filename*=UTF-8''a%EF%BF%BDb.pdf`,
    );
  });
});
