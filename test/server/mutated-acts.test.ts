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
import { Browser, testServer } from './support.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Template {
  readonly type: string;
  readonly payload: Json;
}
/** Where a change is made: a field's name or an element's index, from the payload down. */
type Path = (string | number)[];

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

/** Every place of a payload a change can be made at, the payload itself first. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const inner =
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) =>
          pathsOf(v as Json, [...at, Array.isArray(value) ? Number(k) : k]),
        )
      : [];
  return [at, ...inner];
}

/** `value` with `change` made at `path` (a copy; the template is untouched). */
function changed(value: Json, path: Path, change: Change): Json {
  if (path.length === 0) {
    if (change.kind === 'replace' || value === null || typeof value !== 'object')
      return change.value;
    if (Array.isArray(value)) return [...value, change.value];
    return { ...value, [change.field]: change.value };
  }
  const [step, ...rest] = path;
  const copy: Json = Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) };
  const slot = copy as Record<string | number, Json>;
  if (rest.length === 0 && change.kind === 'delete') {
    if (Array.isArray(copy)) copy.splice(step as number, 1);
    else delete slot[step!];
    return copy;
  }
  slot[step!] = changed(slot[step!]!, rest, change);
  return copy;
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
            const paths = pathsOf(payload);
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
    // The changes reach past the schemas, into the charter's and the record's own rules.
    expect([...codes.keys()]).toEqual(expect.arrayContaining(['invalid-input', 'not-found']));
    expect(codes.size).toBeGreaterThan(3);
    expect((await audit(ledger.store)).ok).toBe(true);
  }, 120_000);
});
