/**
 * Texts of a record written before control characters were refused in new acts (or altered by
 * someone holding the database and its keys) are printed to be read, never obeyed: no escape
 * sequence, bell or carriage return reaches the terminal, and --json gives the texts back as
 * they are.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { output } from '../../src/cli/io.js';
import { jsonSafely, shownSafely } from '../../src/cli/terminal-text.js';
import { openStore } from '../../src/store/index.js';
import { appendForged } from '../app/support.js';
import { cli } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

// What a terminal would act on: C0 but tab and line feed, DEL, C1.
// eslint-disable-next-line no-control-regex -- finding control characters is the test
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const TITLE = 'Budget\u001b[2J\u001b]0;owned\u0007';
const TEXT = 'Adopt the budget.\rReject it all.\u009b31m';

let db: string;

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'collegium-controls-')), 'c.db');
  expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
  const store = await openStore(db, { create: false });
  await appendForged(
    store,
    [
      {
        act: {
          type: 'session.open',
          payload: { session: 's1', body: 'board', mode: 'minutes', title: TITLE },
        },
        actor: 'hana',
        signer: 'hana',
      },
      {
        act: { type: 'motion.propose', payload: { session: 's1', motion: 'm1', text: TEXT } },
        actor: 'hana',
        signer: 'hana',
      },
    ],
    '2026-12-02T10:00:00.000Z',
  );
  await store.close();
});

describe('texts with control characters, printed', () => {
  for (const argv of [['log'], ['protocol'], ['log', '--last', '1']])
    it(`collegium ${argv.join(' ')} shows them written out`, async () => {
      const r = await cli(...argv, '--db', db);
      expect(r.code, r.err).toBe(0);
      expect(r.out).not.toMatch(CONTROL);
      expect(r.out).toContain('\\x9b31m');
    });

  it('collegium protocol shows the title and the text, each control written out', async () => {
    const r = await cli('protocol', '--db', db);
    expect(r.out).toContain('Budget\\x1b[2J\\x1b]0;owned\\x07');
    expect(r.out).toContain('Adopt the budget.\\x0dReject it all.\\x9b31m');
  });

  it('--json gives the texts back as they are, with no raw control in the bytes', async () => {
    const r = await cli('--json', 'log', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(CONTROL);
    const entries = JSON.parse(r.out) as { payload?: Record<string, unknown> }[];
    const payloads = entries.map((e) => e.payload ?? {});
    expect(payloads.some((p) => p['title'] === TITLE)).toBe(true);
    expect(payloads.some((p) => p['text'] === TEXT)).toBe(true);
  });
});

describe('a document printed as it is', () => {
  it('is written byte for byte, unless it goes to a terminal', () => {
    for (const outIsTerminal of [false, true]) {
      let out = '';
      let err = '';
      const o = output(false, {
        out: (text) => (out += text),
        err: (text) => (err += text),
        outIsTerminal,
      });
      o.raw(`# Minutes\n${TEXT}\n`);
      o.note(TITLE);
      expect(out).toBe(
        outIsTerminal ? `# Minutes\n${shownSafely(TEXT)}\n` : `# Minutes\n${TEXT}\n`,
      );
      expect(err).not.toMatch(CONTROL);
    }
  });
});

describe('shownSafely and jsonSafely', () => {
  it('leave no control but tab and line feed, and keep every other character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = shownSafely(text);
        expect(shown).not.toMatch(CONTROL);
        // Without controls (and CR LF), the text is unchanged.
        if (!CONTROL.test(text)) expect(shown).toBe(text);
      }),
    );
  });

  it('jsonSafely keeps the value of any JSON text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const json = JSON.stringify({ value, text });
        const safe = jsonSafely(json);
        expect(safe).not.toMatch(CONTROL);
        expect(JSON.parse(safe)).toEqual(JSON.parse(json));
      }),
    );
  });
});
