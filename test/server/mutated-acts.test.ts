/**
 * Hostile acts near the valid ones: the demo record's own acts, each changed in one or two
 * places (a value replaced by another id of the record, a hostile string, a number, a structure;
 * a field removed or added), sent through the API by members of the demo. Whatever the act family
 * and whatever the change, the answer is a receipt or a refusal in the API's shape with the
 * status of its code, never a 5xx; a refusal leaves the record as it was; and the record the
 * accepted ones make still passes the audit.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { openDemo } from '../../src/app/demo.js';
import type { Ledger } from '../../src/app/ledger.js';
import { STATUS } from '../../src/server/errors.js';
import { changedAt, placesOf, REMOVED } from '../support/json-changes.js';
import type { Place } from '../support/json-changes.js';
import { Browser, testServer } from './support.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Template {
  readonly type: string;
  readonly payload: Json;
}

let ledger: Ledger;
let app: FastifyInstance;
let templates: Template[];
let ids: string[];
const browsers = new Map<string, Browser>();
const PEOPLE = ['hana', 'ada', 'ben', 'chen', 'dana', 'eli'];

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'collegium-mutated-'));
  const demo = await openDemo({ db: join(folder, 'c.db'), folder, example: 'cooperative-board' });
  ledger = demo.ledger;
  app = testServer({ ledger, demo: { keys: demo.keys } });
  templates = [];
  for await (const stored of ledger.store.entries(1, ledger.size)) {
    const { type, payload } = JSON.parse(Buffer.from(stored.bytes).toString('utf8'));
    templates.push({ type, payload });
  }
  // Every short string the record holds: ids of sessions, motions, people, bodies, instruments.
  ids = [...new Set(templates.flatMap((t) => strings(t.payload)))].filter((s) => s.length < 40);
  for (const person of PEOPLE) {
    const browser = await new Browser(app).visit();
    expect((await browser.post('/api/demo/login', { person })).status).toBe(200);
    browsers.set(person, browser);
  }
});

afterAll(async () => {
  await app?.close();
  await ledger?.store.close();
});

function strings(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/**
 * `payload` with `change` made at `path`: the value there replaced, or removed (the payload
 * itself cannot be: a field is added to it instead), or a field or an item added to it.
 */
function changed(payload: Json, path: Place, change: Change): Json {
  const adding = change.kind === 'add' || (change.kind === 'delete' && path.length === 0);
  return changedAt(payload, path, (old) => {
    if (change.kind === 'replace') return change.value;
    if (!adding) return REMOVED;
    if (old === null || typeof old !== 'object') return change.value;
    if (Array.isArray(old)) return [...old, change.value];
    return { ...old, [change.field]: change.value };
  }) as Json;
}

interface Change {
  readonly at: number;
  readonly kind: 'replace' | 'delete' | 'add';
  readonly field: string;
  readonly value: Json;
}

const HOSTILE: Json[] = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e',
  'a/b',
  '../x',
  'x'.repeat(5000),
  '2026-02-30',
  '9999-12-31',
  '0000-01-01',
  'aye',
  'nay',
  'abstain',
  'adopted',
  -1,
  0,
  0.5,
  1e308,
  2 ** 53 + 2,
  true,
  null,
  [],
  {},
];
const FIELDS = ['extra', 'decision', 'by', 'follows', 'ratifies', 'amends', 'date', 'deadline'];

const value = (): fc.Arbitrary<Json> =>
  fc.oneof(
    // Mostly another id of the record, so that most changes pass the schemas and meet the rules.
    { arbitrary: fc.constantFrom(...ids), weight: 6 },
    fc.constantFrom(...HOSTILE),
    fc.array(fc.constantFrom(...ids), { maxLength: 4 }),
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  );

describe('acts changed from the record’s own, through the API', () => {
  it('are recorded or refused in the API’s shape, never half-written, and the record audits', async () => {
    const change = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'add'),
      field: fc.constantFrom(...FIELDS),
      value: value(),
    }) as fc.Arbitrary<Change>;
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom(...PEOPLE),
        fc.array(change, { minLength: 1, maxLength: 2 }),
        async (which, person, changes) => {
          const template = templates[which % templates.length]!;
          let payload = template.payload;
          for (const c of changes) {
            const paths = placesOf(payload);
            payload = changed(payload, paths[c.at % paths.length]!, c);
          }
          const size = ledger.size;
          const answer = await browsers
            .get(person)!
            .post('/api/acts', { type: template.type, payload });
          if (answer.status === 201) return;
          const code = answer.body?.error?.code as keyof typeof STATUS;
          codes.set(code, (codes.get(code) ?? 0) + 1);
          expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
          expect(STATUS[code], `a code of the API: ${code}`).toBe(answer.status);
          expect(answer.body.error.message).toEqual(expect.any(String));
          expect(ledger.size, `${template.type} refused, the record unchanged`).toBe(size);
        },
      ),
      { numRuns: 600 },
    );
    // The changes reach past the schemas, into the record's own rules: an act on a session or a
    // vote that is no longer open is a conflict (a closed session is named before its vote).
    expect([...codes.keys()]).toEqual(
      expect.arrayContaining(['invalid-input', 'not-found', 'conflict']),
    );
    expect(codes.get('conflict')).toBeGreaterThan(10);
    expect((await audit(ledger.store)).ok).toBe(true);
  }, 120_000);
});
