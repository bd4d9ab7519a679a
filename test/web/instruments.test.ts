/**
 * What the browser computes for the instrument pages (src/web/lib): the signing rule with names
 * and where it stands, the content hash checked against the text shown before signing, the draft
 * payload from the form, the kinds to filter by, the QR code's path, and the policy of one who
 * gives none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Acts } from '../../src/core/acts.js';
import { toBase64 } from '../../src/core/bytes.js';
import { ACT_PAYLOADS } from '../../src/core/payloads.js';
import { instrumentContentHash } from '../../src/core/state/instruments.js';
import { qrPath } from '../../src/web/lib/qr.js';
import { serverPolicy } from '../../src/web/lib/instrument-verify.js';
import {
  contentMatches,
  draftPayload,
  kindsOf,
  lastDayProblem,
  ruleStanding,
  ruleWithNames,
} from '../../src/web/lib/instruments.js';
import type { InstrumentDraft, InstrumentView } from '../../src/web/lib/instruments.js';
import type { Organization } from '../../src/web/lib/types.js';

const NAMES: Record<string, string> = { lenin: 'V. I. Lenin', trotsky: 'L. D. Trotsky' };
const name = (id: string) => NAMES[id] ?? id;

const DRAFT: Acts['instrument.draft'] = {
  instrument: 'politburo-1920-1',
  body: 'politburo',
  kind: 'directive',
  mode: 'live',
  number: '1920/1',
  date: '1920-09-25',
  to: 'G. K. Ordzhonikidze, Baku',
  text: 'No destroyer is to be sent to Enzeli.',
  restsOn: { circulation: 'enzeli' },
};

/** The view the server gives of a draft: its fields, and what the record says of it. */
function viewOf(draft: Acts['instrument.draft'], content = instrumentContentHash(draft)) {
  return {
    id: draft.instrument,
    body: draft.body,
    bodyName: 'Political Bureau',
    kind: draft.kind,
    number: draft.number,
    date: draft.date,
    to: draft.to,
    text: draft.text,
    mode: draft.mode,
    restsOn: draft.restsOn,
    attachments: draft.attachments ?? [],
    content,
    status: 'signing',
    signatures: [{ signer: 'lenin' }],
    rule: {
      inWords: '',
      order: 'any',
      atLeast: 2,
      met: false,
      explanation: '1 of the 2 signatures needed',
      signers: ['lenin', 'trotsky', 'stalin'],
    },
  } as unknown as InstrumentView;
}

describe('the signing rule in words', () => {
  it('names the signers, how many and in what order', () => {
    const rule = { signers: ['lenin', 'trotsky', 'stalin'], atLeast: 2, order: 'any' as const };
    expect(ruleWithNames(rule, name)).toBe(
      'At least 2 of V. I. Lenin, L. D. Trotsky and stalin, in any order.',
    );
    expect(ruleWithNames({ ...rule, atLeast: 3, order: 'as-listed' }, name)).toBe(
      'Each of V. I. Lenin, L. D. Trotsky and stalin, in the order listed.',
    );
    expect(ruleWithNames({ signers: ['lenin'], atLeast: 1, order: 'any' }, name)).toBe(
      'V. I. Lenin.',
    );
  });

  it('says how many signatures are still needed, and when it is met', () => {
    const view = viewOf(DRAFT);
    expect(ruleStanding(view)).toBe('Not met yet: 1 of the 2 signatures needed.');
    const met = { ...view, rule: { ...view.rule!, met: true } };
    expect(ruleStanding(met)).toBe('The rule is met: it may be issued.');
    expect(ruleStanding({ ...met, status: 'issued' })).toBe(
      'The rule is met: signed as the charter requires.',
    );
  });
});

describe('the content a member signs', () => {
  it('is the hash of the fields the page shows', () => {
    expect(contentMatches(viewOf(DRAFT))).toBe(true);
    const withFiles = {
      ...DRAFT,
      attachments: [{ name: 'a.txt', hash: 'ab'.repeat(32), size: 3 }],
    };
    expect(contentMatches(viewOf(withFiles))).toBe(true);
  });

  it('is refused when the server names the hash of another text', () => {
    const other = instrumentContentHash({ ...DRAFT, text: 'Send the destroyer.' });
    expect(contentMatches(viewOf(DRAFT, other))).toBe(false);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), (text) => {
        const shown = { ...viewOf(DRAFT), text };
        expect(contentMatches(shown)).toBe(text === DRAFT.text);
      }),
    );
  });
});

const FORM: InstrumentDraft = {
  kind: 'mandate',
  number: '',
  date: '2027-03-01',
  to: ' ',
  text: '  Represents the board at the bank.  ',
  answers: '',
  holder: 'trotsky',
  scope: 'the bank',
  until: '2027-12-31',
  amount: '12',
  unit: 'EUR',
  from: 'lenin',
};

describe('the draft payload', () => {
  const fixed = { instrument: 'board-2027-1', body: 'board', number: '2027/1', uploads: [] };

  it('keeps a mandate’s fields for a mandate and a receipt’s for a receipt', () => {
    expect(draftPayload(FORM, fixed)).toEqual({
      instrument: 'board-2027-1',
      body: 'board',
      kind: 'mandate',
      mode: 'live',
      number: '2027/1',
      text: 'Represents the board at the bank.',
      date: '2027-03-01',
      holder: 'trotsky',
      scope: 'the bank',
      until: '2027-12-31',
    });
    const receipt = draftPayload({ ...FORM, kind: 'receipt' }, fixed);
    expect(receipt).toMatchObject({ amount: { value: 12, unit: 'EUR' }, from: 'lenin' });
    expect(receipt).not.toHaveProperty('holder');
  });

  it('is always a payload the record takes', () => {
    const words = fc.string({ maxLength: 30 });
    fc.assert(
      fc.property(
        fc.constantFrom('mandate', 'receipt', 'directive'),
        words,
        fc.string({ minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== ''),
        fc.integer({ min: 1, max: 1_000_000 }),
        (kind, to, text, amount) => {
          const form = { ...FORM, kind, to, text, amount: String(amount) };
          const parsed = ACT_PAYLOADS['instrument.draft'].safeParse(draftPayload(form, fixed));
          expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
        },
      ),
    );
  });
});

describe('the kinds to filter by', () => {
  it('are those the charters name, those listed and the one chosen, once each, sorted', () => {
    const org = {
      bodies: [{ instruments: [{ kind: 'mandate' }, { kind: 'receipt' }] }, { instruments: [] }],
    } as unknown as Organization;
    const listed = [{ kind: 'directive' }, { kind: 'mandate' }] as InstrumentView[];
    expect(kindsOf(org, listed, 'reply')).toEqual(['directive', 'mandate', 'receipt', 'reply']);
    expect(kindsOf(undefined, undefined, '')).toEqual([]);
  });
});

describe('the QR code', () => {
  it('draws every dark module past a quiet zone of four', () => {
    const { size, path } = qrPath('http://127.0.0.1:4180/verify?instrument=politburo-1920-1');
    const squares = [...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => [+m[1]!, +m[2]!]);
    expect(squares.length).toBeGreaterThan(100);
    expect(squares.every(([x, y]) => x! >= 4 && y! >= 4 && x! < size - 4 && y! < size - 4)).toBe(
      true,
    );
    // The top-left finder pattern's corner, and the white ring inside it.
    expect(path).toContain('M4 4h1v1h-1z');
    expect(path).not.toContain('M5 5h1v1h-1z');
  });
});

describe('the policy of one who gives none', () => {
  it('trusts the server’s log key and accepts the kind and body the bundle claims', () => {
    const leaf = (value: unknown) => toBase64(new TextEncoder().encode(JSON.stringify(value)));
    const bundle = {
      instrument: 'politburo-1920-1',
      entries: [
        { leaf: leaf({ type: 'circulation.open', payload: { circulation: 'enzeli' } }) },
        { leaf: leaf({ type: 'instrument.draft', payload: DRAFT }) },
        { leaf: 'not base64 JSON' },
      ],
    };
    expect(serverPolicy(bundle, 'log+01234567+key')).toEqual({
      logs: ['log+01234567+key'],
      accept: [{ kind: 'directive', body: 'politburo', ownKeys: false, inForce: true }],
    });
    expect(serverPolicy({}, 'k').accept).toEqual([
      { kind: 'instrument', ownKeys: false, inForce: true },
    ]);
  });
});

describe('a mandate’s last day, as the form checks it before sending', () => {
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const today = day(0);
  const now = new Date();
  const form = (change: Partial<InstrumentDraft>) => ({ ...FORM, date: today, ...change });

  it('says plainly when it comes before the document’s date, or is past already', () => {
    expect(lastDayProblem(form({ until: day(-1), date: today }), now)).toBe(
      `The last day, ${day(-1)}, comes before the date the document bears, ${today}: the mandate would never be in force.`,
    );
    expect(lastDayProblem(form({ until: day(-2), date: day(-3) }), now)).toBe(
      `The last day, ${day(-2)}, is past already (it is ${today} in UTC, whose days the record keeps): the mandate would never be in force.`,
    );
  });

  it('says nothing of a last day today or later, none given, or another kind', () => {
    expect(lastDayProblem(form({ until: today }), now)).toBeUndefined();
    expect(lastDayProblem(form({ until: day(30), date: day(29) }), now)).toBeUndefined();
    expect(lastDayProblem(form({ until: '' }), now)).toBeUndefined();
    expect(lastDayProblem(form({ kind: 'receipt', until: day(-1) }), now)).toBeUndefined();
  });

  it('judges by the UTC day the record keeps, not the browser’s', () => {
    const zone = process.env['TZ'];
    // Evening west of UTC: the browser's day is the day before the record's.
    process.env['TZ'] = 'America/Los_Angeles';
    try {
      const evening = new Date(`${today}T02:00:00.000Z`);
      expect(lastDayProblem(form({ until: day(-1), date: '' }), evening)).toMatch(
        /is past already \(it is \d{4}-\d{2}-\d{2} in UTC/,
      );
      expect(lastDayProblem(form({ until: today, date: '' }), evening)).toBeUndefined();
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });
});
