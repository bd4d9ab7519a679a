/**
 * The log as GET /api/log answers it names what each entry acts on in words (`named`), as every
 * other page names it: a motion by its number and text in its session, a question by its text, an
 * instrument by its kind, number and body, a proxy by who gave it to whom. Over the cooperative's
 * history as the demo records it, against the API's contract.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logPage } from '../../src/api/log.js';
import type { LogPage } from '../../src/api/log.js';
import { openDemo } from '../../src/app/demo.js';
import type { Ledger } from '../../src/app/ledger.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { Browser, testServer } from './support.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

describe('the log names what each entry acts on', () => {
  let handle: StoreHandle;
  let folder: string;
  let ledger: Ledger;
  let app: FastifyInstance;
  let entries: LogPage['entries'];

  beforeAll(async () => {
    handle = await sqlite.fresh();
    folder = mkdtempSync(join(tmpdir(), 'collegium-log-words-'));
    ({ ledger } = await openDemo({ db: handle.location, folder, example: 'cooperative-board' }));
    app = testServer({ ledger });
    const browser = new Browser(app);
    entries = [];
    for (let from = 0; from < ledger.state.size; from += 500) {
      const answer = await browser.get(`/api/log?from=${from}&limit=500`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      entries.push(...logPage.parse(answer.body).entries);
    }
  });
  afterAll(async () => {
    await app?.close();
    await ledger?.store.close();
    await handle?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The `named` of the first entry of `type` whose payload matches `where`. */
  const namedOf = (type: string, where: Record<string, unknown> = {}) => {
    const found = entries.find(
      (e) =>
        e.entry?.type === type &&
        Object.entries(where).every(([k, v]) => e.entry?.payload[k] === v),
    );
    expect(found, type).toBeDefined();
    return found!.entry === null ? {} : found!.named;
  };

  it('a motion by its number and text in its session, never by its id', () => {
    const ballot = namedOf('ballot.cast', { motion: 'gus-proxy' });
    expect(ballot.motion).toMatch(
      /^motion \d+ \(".+"\) of the session of Board of Directors on 10 September 2025 \(Regular meeting\)$/,
    );
    expect(ballot.motion).not.toContain('gus-proxy');
    expect(namedOf('vote.close', { motion: 'gus-proxy' }).motion).toBe(ballot.motion);
    expect(namedOf('motion.propose', { motion: 'gus-proxy' }).session).toBe(
      'the session of Board of Directors on 10 September 2025 (Regular meeting)',
    );
  });

  it('a question by its text, an instrument as its charter names it, a proxy by who gave it', () => {
    expect(namedOf('circulation.close', { circulation: 'lobby-door' }).circulation).toMatch(
      /^the question ".+" put to Board of Directors \(19 July 2026\)$/,
    );
    expect(namedOf('instrument.sign').instrument).toMatch(
      /^[a-z-]+ no\. \S+ of Board of Directors$/,
    );
    expect(namedOf('proxy.grant', { holder: 'chen' }).grant).toMatch(
      /^the proxy of Ben \S+ to Chen Wei for the session of Board of Directors on 9 September 2026/,
    );
  });

  it('an instrument of a hyphenated kind by its kind in words, as the command line says it', () => {
    expect(namedOf('instrument.draft', { kind: 'payment-order' }).instrument).toMatch(
      /^payment order no\. \S+ of Board of Directors$/,
    );
  });

  it('nothing for an entry that acts on nothing the record keys by id', () => {
    expect(namedOf('charter.adopt')).toEqual({});
  });
});
