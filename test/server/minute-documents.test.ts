/**
 * GET /api/sessions/:id/minutes.md|.html|.pdf: the minutes as downloads, their proof links on
 * the server's origin, the HTML's stylesheet allowed by the CSP it is served with; 404 for a
 * session the record does not have.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesStyleSource } from '../../src/app/documents/index.js';
import type { Ledger } from '../../src/app/ledger.js';
import { CYRILLIC, HELD, SITTING, minutesRecord } from '../support/minutes-record.js';
import { pdfText } from '../support/pdf-text.js';
import { TEST_ORIGIN, testServer } from './support.js';

let ledger: Ledger;
let app: FastifyInstance;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'collegium-minute-documents-'));
  ({ ledger } = await minutesRecord(join(folder, 'record.db')));
  app = testServer({ ledger });
});

afterAll(async () => {
  await app?.close();
  await ledger?.store.close();
});

const download = (url: string) => app.inject({ method: 'GET', url });

describe('the minutes as downloads', () => {
  it('gives Markdown, with the proof links on the server', async () => {
    const r = await download(`/api/sessions/${HELD}/minutes.md`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="minutes-${HELD}\\.md"`),
    );
    expect(r.body).toMatch(/^# Minutes: Board of Directors/);
    expect(r.body).toContain(CYRILLIC);
    expect(r.body).toContain(`<${TEST_ORIGIN}/record/`);
  });

  it('gives HTML with a policy that allows its own stylesheet and no script', async () => {
    const r = await download(`/api/sessions/${HELD}/minutes.html`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="minutes-${HELD}\\.html"`),
    );
    const policy = String(r.headers['content-security-policy']);
    expect(policy).toContain(`style-src 'self' ${minutesStyleSource()}`);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).toMatch(/^<!doctype html>/);
    expect(r.body).toContain(`href="${TEST_ORIGIN}/record/`);
  });

  it('gives PDF, its text the minutes, marked in progress for a session still sitting', async () => {
    const r = await download(`/api/sessions/${SITTING}/minutes.pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="minutes-${SITTING}\\.pdf"`),
    );
    const pdf = await pdfText(r.rawPayload);
    expect(pdf.text).toContain('Draft, session in progress');
    expect(pdf.text).toContain(CYRILLIC);
    expect(pdf.text).toContain(`${TEST_ORIGIN}/record/`);
  });

  it('links to the origin the request was made to, where the server has none configured', async () => {
    const bare = testServer({ ledger, origin: undefined });
    try {
      const r = await bare.inject({
        method: 'GET',
        url: `/api/sessions/${HELD}/minutes.md`,
        headers: { host: 'localhost:8080' },
      });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('<http://localhost:8080/record/');
    } finally {
      await bare.close();
    }
  });

  it('answers 404 not-found for a session the record does not have', async () => {
    for (const ext of ['md', 'html', 'pdf']) {
      const r = await download(`/api/sessions/no-such-session/minutes.${ext}`);
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(r.body).error.code).toBe('not-found');
    }
  });
});
