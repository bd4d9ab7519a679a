/**
 * The register of decisions and the CSV exports through the API, on both storage backends, over
 * the cooperative's whole history as the demo records it (meetings transcribed from minutes, a
 * proxy ballot, circulations decided between meetings): the filters, the downloads' headers and
 * names, the register against its contract, and bad queries refused with a code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionRegister } from '../../src/api/decisions.js';
import type { DecisionRegister } from '../../src/api/decisions.js';
import { openDemo } from '../../src/app/demo.js';
import type { Ledger } from '../../src/app/ledger.js';
import { csvRows } from '../support/csv.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { Browser, refusal, testServer } from './support.js';

for (const backend of BACKENDS) {
  describe(`exports and the register of decisions on ${backend.name}`, () => {
    let handle: StoreHandle;
    let folder: string;
    let ledger: Ledger;
    let app: FastifyInstance;
    let browser: Browser;

    beforeAll(async () => {
      handle = await backend.fresh();
      folder = mkdtempSync(join(tmpdir(), 'collegium-exports-'));
      ({ ledger } = await openDemo({ db: handle.location, folder, example: 'cooperative-board' }));
      app = testServer({ ledger });
      browser = new Browser(app);
    });
    afterAll(async () => {
      await app?.close();
      await ledger?.store.close();
      await handle?.dispose();
      rmSync(folder, { recursive: true, force: true });
    });

    const register = async (query = ''): Promise<DecisionRegister> => {
      const answer = await browser.get(`/api/decisions${query}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return decisionRegister.parse(answer.body);
    };
    const ids = (r: DecisionRegister) =>
      r.decisions.map((d) => ('motion' in d.ref ? d.ref.motion : d.ref.circulation));

    it('lists every decision taken with its own date, outcome and entries, by the contract', async () => {
      const all = await register();
      expect(all.decisions.length).toBeGreaterThan(15);
      const door = all.decisions.find(
        (d) => 'circulation' in d.ref && d.ref.circulation === 'lobby-door',
      )!;
      expect(door).toMatchObject({
        body: 'board',
        bodyName: 'Board of Directors',
        date: '2026-07-19',
        outcome: 'adopted',
        ratification: 'ratified',
      });
      expect(door.entry).toBeGreaterThan(door.index);
      const proxied = all.decisions.find((d) => 'motion' in d.ref && d.ref.motion === 'gus-proxy')!;
      expect(proxied).toMatchObject({ date: '2025-09-10', sessionTitle: 'Regular meeting' });
      // Each named in words, as a page shows it: its place in its session, and the session.
      expect(proxied.named).toMatch(
        /^motion \d+ \(".+"\) of the session of Board of Directors on 10 September 2025 \(Regular meeting\)$/,
      );
      expect(door.named).toMatch(/^the question ".+" put to Board of Directors \(19 July 2026\)$/);
      expect(proxied.tally).toMatchObject({ aye: 5, nay: 1, abstain: 1 });
      expect(proxied.explanation).toMatch(/^adopted: 5 ayes/);
      const indexes = all.decisions.map((d) => d.index);
      expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
    });

    it('filters the register by body, days, outcome and words', async () => {
      expect(ids(await register('?from=2025-10-08&to=2025-10-08'))).toEqual([
        'laundry-hours',
        'minutes-september',
        'laundry-hours-again',
        'bylaw-video',
      ]);
      expect(ids(await register('?from=2025-10-08&to=2025-10-08&outcome=not-decided'))).toEqual([
        'laundry-hours',
      ]);
      expect(ids(await register('?text=LAUNDRY%20hours&to=2025-12-31'))).toEqual([
        'laundry-hours',
        'laundry-hours-again',
      ]);
      expect(ids(await register('?body=finance-committee&to=2025-12-31'))).toEqual([]);
      const rejected = await register('?outcome=rejected');
      expect(rejected.decisions.every((d) => d.outcome === 'rejected')).toBe(true);
      expect(ids(rejected)).toContain('bike-room-lights');
    });

    it('refuses a bad query with 400 and a code', async () => {
      for (const query of [
        '?from=2026-02-30',
        '?to=yesterday',
        '?from=2025-10-08&to=2025-10-01',
        '?colour=red',
      ]) {
        const answer = await browser.get(`/api/decisions${query}`);
        expect(refusal(answer), query).toEqual({ status: 400, code: 'invalid-input' });
        expect(answer.body.error.message.length, query).toBeGreaterThan(0);
      }
      const csv = await browser.get('/api/exports/votes.csv?from=2026-13-01');
      expect(refusal(csv)).toEqual({ status: 400, code: 'invalid-input' });
      expect(csv.headers['content-type']).toMatch(/^application\/json/);
      expect(refusal(await browser.get('/api/exports/attendance.csv?session=no-such'))).toEqual({
        status: 404,
        code: 'not-found',
      });
    });

    it('answers a body no charter had with 404, in every register as in the exports', async () => {
      for (const path of [
        '/api/decisions',
        '/api/decisions/provisional',
        '/api/circulations',
        '/api/instruments',
        '/api/dispatches',
        '/api/exports/decisions.csv',
      ]) {
        const answer = await browser.get(`${path}?body=no-such-body`);
        expect(refusal(answer), path).toEqual({ status: 404, code: 'not-found' });
        expect(answer.body.error.message, path).toBe("no body 'no-such-body' in the charter");
      }
    });

    it('downloads votes, decisions and attendance as CSV files, filtered', async () => {
      const votes = await browser.get('/api/exports/votes.csv?session=board-2025-09-10');
      expect(votes.status).toBe(200);
      expect(votes.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(votes.headers['content-disposition']).toMatch(
        /^attachment; filename="votes-board-2025-09-10\.csv"/,
      );
      const rows = csvRows(votes.body as string);
      expect(rows[0]).toEqual([
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
      expect(rows.find((r) => r[3] === 'gus-proxy' && r[4] === 'gus')!.slice(7, 9)).toEqual([
        'eli',
        'Eli Novak',
      ]);
      expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['board-2025-09-10']));

      const decisions = await browser.get(
        '/api/exports/decisions.csv?from=2026-07-01&to=2026-09-30',
      );
      expect(decisions.headers['content-disposition']).toMatch(/filename="decisions\.csv"/);
      const decided = csvRows(decisions.body as string).slice(1);
      expect(decided.map((r) => r[1] || r[5])).toEqual([
        'lobby-door',
        'ratify-lobby-door',
        'boiler',
        'bylaw-bikes',
        'bike-room-lights',
      ]);
      expect(decided[0]![6]).toBe(
        'Replace the broken lobby door of building A now, for 3,800, before the next meeting.',
      );

      const attendance = await browser.get('/api/exports/attendance.csv?body=board&to=2025-12-31');
      const people = csvRows(attendance.body as string);
      expect(people[0]!.join(',')).toBe(
        'session,body,date,person,name,status,arrived,departed,departed_entry,entry,seat',
      );
      expect(people.slice(1)).toHaveLength(14);
      expect(people.find((r) => r[0] === 'board-2025-10-08' && r[3] === 'dana')![5]).toBe(
        'excused',
      );
    });

    it('documents the routes in the OpenAPI document, CSV as CSV', async () => {
      const doc = (await browser.get('/api/openapi.json')).body as {
        paths: Record<string, { get: { responses: Record<string, { content: object }> } }>;
      };
      expect(
        Object.keys(doc.paths['/api/exports/votes.csv']!.get.responses['200']!.content),
      ).toEqual(['text/csv']);
      expect(doc.paths['/api/decisions']).toBeDefined();
    });
  });
}
