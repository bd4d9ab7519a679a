/**
 * GET /api/sessions/:id/minutes: the minutes as the document model, in the shape of the API
 * contract, with the session's own date and names; marked in progress while the session sits;
 * 404 not-found for a session the record does not have.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesDocument } from '../../src/api/minutes.js';
import type { Ledger } from '../../src/app/ledger.js';
import { minutesOf } from '../../src/app/minutes.js';
import {
  APPROVING,
  CYRILLIC,
  HELD,
  HOSTILE_OBJECTION,
  SITTING,
  minutesRecord,
} from '../support/minutes-record.js';
import { testServer } from './support.js';

let ledger: Ledger;
let app: FastifyInstance;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'collegium-minutes-api-'));
  ({ ledger } = await minutesRecord(join(folder, 'record.db')));
  app = testServer({ ledger });
});

afterAll(async () => {
  await app?.close();
  await ledger?.store.close();
});

const get = (session: string) =>
  app.inject({ method: 'GET', url: `/api/sessions/${encodeURIComponent(session)}/minutes` });

describe('GET /api/sessions/:id/minutes', () => {
  it('answers the minutes document, as the contract has it and the app builds it', async () => {
    const r = await get(HELD);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const doc = minutesDocument.parse(JSON.parse(r.body));
    expect(doc).toEqual(
      JSON.parse(JSON.stringify(await minutesOf(ledger.state, ledger.store, HELD))),
    );
    expect(doc.status).toBe('approved');
    // The session's own date, never the day it was recorded.
    expect(doc.session.date).toBe('2027-11-20');
    expect(doc.session.chair?.name).toBe(CYRILLIC);
    expect(doc.approval.approved?.by).toEqual({ session: APPROVING, motion: 'approve' });
    expect(doc.approval.signatures.map((s) => s.signer.id)).toEqual(['ada', 'hana']);
    expect(doc.approval.objections.map((o) => o.text)).toEqual([HOSTILE_OBJECTION]);
    expect(doc.attendance.excused).toEqual([
      expect.objectContaining({ id: 'fay', reason: 'travelling' }),
    ]);
    const roof = doc.items.find((i) => i.motion === 'roof')!;
    expect(roof.decision?.outcome).toBe('adopted');
    expect(roof.vote?.byName).toBe(true);
    expect(doc.appendix.proofs.length).toBeGreaterThan(3);
    expect(doc.appendix.checkpoint).toBeTruthy();
  });

  it('marks the minutes of a session still sitting as in progress', async () => {
    const r = await get(SITTING);
    expect(r.statusCode).toBe(200);
    const doc = minutesDocument.parse(JSON.parse(r.body));
    expect(doc.status).toBe('in-progress');
    expect(doc.items.map((i) => [i.motion, i.status])).toEqual([['paint', 'proposed']]);
  });

  it('answers 404 not-found for a session the record does not have', async () => {
    const r = await get('no-such-session');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body).error.code).toBe('not-found');
  });

  it('is described in the OpenAPI document with the contract as its answer', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = JSON.parse(r.body) as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    };
    const answer = JSON.stringify(doc.paths['/api/sessions/{id}/minutes']?.get?.responses['200']);
    expect(answer).toContain('collegium-minutes/1');
    expect(answer).toContain('logKey');
  });
});
