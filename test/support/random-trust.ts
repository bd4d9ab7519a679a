/**
 * Random instruments made live (signed with their signers' own keys or recorded for them by an
 * officer, some signatures refused, issued or not, mandates revoked, receipts settled), exported
 * and verified offline under random trust policies, against instruments-oracle.ts: which
 * signatures and issues the record refuses, and which policies accept each bundle and why not.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { cli } from './cli.js';
import {
  readSignatures,
  signingRule,
  trustVerdict,
  type AcceptSpec,
  type KindSpec,
  type SignatureSeen,
  type SigningRule,
} from './instruments-oracle.js';
import {
  chance,
  kindSpec,
  pick,
  PEOPLE,
  SECRETARY,
  shuffled,
  subset,
  type BodySpec,
} from './random-instruments.js';
import { charterYaml } from './random-charter.js';

/** Those who may hold keys of their own (the secretary records, with the record's key). */
export const KEYED = ['m1', 'm2', 'm3', 'm4', 'c1', 't1', 'g1'];

export interface TrustInstrument {
  id: string;
  kind: string;
  /** Each signature tried, in order: by the signer's own key, or recorded for them. */
  attempts: { signer: string; ownKey: boolean }[];
  issue: boolean;
  /** A mandate revoked, or a receipt settled, once issued. */
  ended: boolean;
  policies: AcceptSpec[][];
}

export interface TrustScenario {
  board: BodySpec;
  keys: string[];
  instruments: TrustInstrument[];
  /**
   * The charter amended to other signing rules once the instrument at `after` is drafted, before
   * its signatures: it keeps the rules of its draft, those drafted later take the new ones.
   */
  amendment?: { after: number; kinds: KindSpec[] };
}

/** The kind's rule for the instrument at `index`, as the charter in force at its draft gives it. */
export function ruleAt(s: TrustScenario, index: number): SigningRule {
  const amended = s.amendment && index > s.amendment.after;
  const kinds = amended ? s.amendment!.kinds : s.board.kinds;
  const kind = s.instruments[index]!.kind;
  return signingRule(
    s.board,
    kinds.find((k) => k.kind === kind)!,
  )!;
}

const KINDS = ['mandate', 'receipt', 'directive'];

function meetableKinds(g: fc.GeneratorValue, board: BodySpec): KindSpec[] {
  return KINDS.map((kind) => {
    const k = kindSpec(g, kind, board.members.length);
    return signingRule(board, k) ? k : { kind, signers: undefined };
  });
}

/**
 * A random policy: now and then with a rule an earlier one of its kind shadows (never used, so
 * refused), otherwise with each such rule left out.
 */
function policy(g: fc.GeneratorValue, kind: string): AcceptSpec[] {
  const rules = acceptRules(g, kind);
  if (chance(g, 8)) return rules;
  return rules.filter((_, i) => !shadowed(rules, i));
}

function acceptRules(g: fc.GeneratorValue, kind: string): AcceptSpec[] {
  return Array.from({ length: g(fc.integer, { min: 1, max: 2 }) }, () => {
    const of = shuffled(g, subset(g, PEOPLE));
    return {
      kind: chance(g, 4) ? pick(g, KINDS) : kind,
      ...(chance(g, 4) ? { body: pick(g, ['board', 'bureau']) } : {}),
      ...(of.length > 0 && !chance(g, 4)
        ? {
            signedBy: {
              atLeast: chance(g, 10)
                ? of.length + 1
                : g(fc.integer, { min: 1, max: Math.min(3, of.length) }),
              of,
            },
          }
        : {}),
      ...(chance(g, 3) ? {} : { ownKeys: g(fc.boolean) }),
      ...(chance(g, 3) ? {} : { inForce: g(fc.boolean) }),
    };
  });
}

function instrument(g: fc.GeneratorValue, s: TrustScenario, n: number): TrustInstrument {
  const spec = pick(g, s.board.kinds);
  const listed = signingRule(s.board, spec)!.listed;
  const named = chance(g, 4) ? subset(g, PEOPLE) : subset(g, listed);
  if (chance(g, 3)) named.push(pick(g, PEOPLE));
  const attempts = shuffled(g, named).map((signer) => ({ signer, ownKey: g(fc.boolean) }));
  return {
    id: `i${n}`,
    kind: spec.kind,
    attempts,
    issue: !chance(g, 5),
    ended: g(fc.boolean),
    policies: Array.from({ length: 3 }, () => policy(g, spec.kind)),
  };
}

export const arbTrustScenario: fc.Arbitrary<TrustScenario> = fc.gen().map((g) => {
  const members = PEOPLE.slice(0, g(fc.integer, { min: 2, max: 4 }));
  const chair = chance(g, 2) ? pick(g, members) : undefined;
  const board: BodySpec = {
    members,
    candidates: chance(g, 2) ? ['c1'] : [],
    ...(chair ? { chair } : {}),
    secretary: SECRETARY,
    officers: chance(g, 2) ? ['t1'] : [],
    kinds: [],
  };
  board.kinds = meetableKinds(g, board);
  const s: TrustScenario = { board, keys: subset(g, KEYED), instruments: [] };
  s.instruments = Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, (_, i) =>
    instrument(g, s, i + 1),
  );
  if (chance(g, 3))
    s.amendment = {
      after: g(fc.nat, s.instruments.length - 1),
      kinds: meetableKinds(g, board),
    };
  return s;
});

/** What the record takes of an instrument's life: the signatures admitted, and its state. */
export function lived(s: TrustScenario, i: TrustInstrument, rule: SigningRule) {
  const signatures: SignatureSeen[] = [];
  const taken: boolean[] = [];
  for (const a of i.attempts) {
    const signed = signatures.map((x) => x.signer);
    const ok =
      !signed.includes(a.signer) && readSignatures(rule, [...signed, a.signer]).faults.length === 0;
    taken.push(ok);
    if (ok) signatures.push({ signer: a.signer, ownKey: a.ownKey && s.keys.includes(a.signer) });
  }
  const issued =
    i.issue &&
    readSignatures(
      rule,
      signatures.map((x) => x.signer),
    ).met;
  const state = !issued
    ? signatures.length > 0
      ? 'signing'
      : 'draft'
    : !i.ended
      ? 'issued'
      : i.kind === 'mandate'
        ? 'revoked'
        : i.kind === 'receipt'
          ? 'settled'
          : 'issued';
  return { signatures, taken, issued, state };
}

export function trustCharterText(
  s: TrustScenario,
  publicKeys: Record<string, string>,
  kinds: readonly KindSpec[] = s.board.kinds,
): string {
  const b = s.board;
  const keys = Object.fromEntries(s.keys.map((p) => [p, publicKeys[p]]));
  return charterYaml(
    { id: 'random-trust', name: 'Random trust' },
    PEOPLE,
    {
      board: {
        name: 'Board',
        members: b.members,
        candidates: b.candidates,
        chair: b.chair,
        secretary: SECRETARY,
        officers: b.officers,
        quorum: 'majority',
        majority: 'votes-cast',
        // Signed live, on no decision; the formula is the kind's own.
        instruments: kinds.map(({ formula: _, ...k }) => ({ ...k, restsOn: 'none' as const })),
      },
    },
    keys,
  );
}

export function policyText(logKey: string, accept: readonly AcceptSpec[]): string {
  return stringify({
    logs: [logKey],
    accept: accept.map((a) => ({
      kind: a.kind,
      ...(a.body ? { body: a.body } : {}),
      ...(a.signedBy ? { 'signed-by': { 'at-least': a.signedBy.atLeast, of: a.signedBy.of } } : {}),
      ...(a.ownKeys !== undefined ? { 'own-keys': a.ownKeys } : {}),
      ...(a.inForce !== undefined ? { 'in-force': a.inForce } : {}),
    })),
  });
}

/**
 * Whether an entry of `accept` comes after one of its kind that takes its body too (the same body,
 * or any): the first that fits is the one used, so it never is, and the policy is refused.
 */
export function neverUsed(accept: readonly AcceptSpec[]): boolean {
  return accept.some((_, i) => shadowed(accept, i));
}

/** Whether an entry before the one at `i` is of its kind and takes its body too. */
function shadowed(accept: readonly AcceptSpec[], i: number): boolean {
  const a = accept[i]!;
  return accept
    .slice(0, i)
    .some((e) => e.kind === a.kind && (e.body === undefined || e.body === a.body));
}

type Run = (...args: string[]) => Promise<{ code: number; out: string; err: string }>;

/** Drafts, signs, issues and ends one instrument live; each refusal where the oracle gives one. */
async function holdInstrument(
  run: Run,
  s: TrustScenario,
  i: TrustInstrument,
  keyFiles: Record<string, string>,
  context: string,
  rule: SigningRule,
  afterDraft?: () => Promise<void>,
): Promise<void> {
  const must = async (...args: string[]) => {
    const r = await run(...args);
    expect(r.code, `${args.join(' ')}: ${r.err}\n${context}`).toBe(0);
  };
  const extra =
    i.kind === 'mandate'
      ? ['--holder', 'm1', '--scope', 'act for the board']
      : i.kind === 'receipt'
        ? ['--amount', '5', '--unit', 'EUR', '--from', 'm2']
        : [];
  await must(
    'instrument',
    'draft',
    '--id',
    i.id,
    '--body',
    'board',
    '--kind',
    i.kind,
    '--text',
    `Instrument ${i.id}.`,
    ...extra,
  );
  if (afterDraft) await afterDraft();
  const life = lived(s, i, rule);
  for (const [n, a] of i.attempts.entries()) {
    const own = a.ownKey && s.keys.includes(a.signer);
    const by = own
      ? ['--as', a.signer, '--key', keyFiles[a.signer]!]
      : ['--for', a.signer, '--channel', 'letter'];
    const r = await run('instrument', 'sign', i.id, ...by);
    expect(r.code === 0, `sign ${i.id} ${a.signer}: ${r.err}\n${context}`).toBe(life.taken[n]);
  }
  if (i.issue) {
    const r = await run('instrument', 'issue', i.id);
    expect(r.code === 0, `issue ${i.id}: ${r.err}\n${context}`).toBe(life.issued);
  }
  if (life.issued && i.ended && i.kind === 'mandate') await must('instrument', 'revoke', i.id);
  if (life.issued && i.ended && i.kind === 'receipt') await must('instrument', 'settle', i.id);
}

/** The board amends its charter live: every member present, all for it. */
async function amendLive(
  run: Run,
  file: string,
  members: readonly string[],
  keyOf: (person: string) => string | undefined,
): Promise<void> {
  const must = async (...args: string[]) => {
    const r = await run(...args);
    expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  };
  await must('session', 'open', 'a1', '--body', 'board');
  // One who holds a key of their own checks in with it.
  for (const m of members) {
    const key = keyOf(m);
    await must('arrive', 'a1', m, ...(key ? ['--as', m, '--key', key] : []));
  }
  await must('motion', 'a1', 'amend', '--text', 'New signing rules.', '--amends', file);
  await must('vote', 'open', 'a1', 'amend');
  await must('vote', 'count', 'a1', 'amend', '--aye', String(members.length), '--nay', '0');
  await must('vote', 'close', 'a1', 'amend');
  await must('session', 'close', 'a1');
}

interface Verdict {
  accepted: boolean;
  reasons: { code: string }[];
}

/** The record made live, each instrument exported and verified under each of its policies. */
export async function checkTrust(
  s: TrustScenario,
  here: string,
  keyFiles: Record<string, string>,
  publicKeys: Record<string, string>,
): Promise<void> {
  mkdirSync(here, { recursive: true });
  const db = join(here, 'r.db');
  const charter = join(here, 'charter.yaml');
  const text = trustCharterText(s, publicKeys);
  writeFileSync(charter, text);
  const run: Run = (...args) => cli(...args, '--db', db);
  const init = await run('init', '--charter', charter);
  expect(init.code, init.err).toBe(0);
  const amend = async () => {
    const file = join(here, 'amended.yaml');
    writeFileSync(file, trustCharterText(s, publicKeys, s.amendment!.kinds));
    await amendLive(run, file, s.board.members, (p) =>
      s.keys.includes(p) ? keyFiles[p] : undefined,
    );
  };
  for (const [n, i] of s.instruments.entries())
    await holdInstrument(
      run,
      s,
      i,
      keyFiles,
      text,
      ruleAt(s, n),
      n === s.amendment?.after ? amend : undefined,
    );
  const logKey = (await run('log-key')).out.trim();
  for (const i of s.instruments) {
    const bundle = join(here, `${i.id}.json`);
    const exported = await run('export', 'instrument', i.id, '-o', bundle);
    expect(exported.code, exported.err).toBe(0);
    const rule = ruleAt(s, s.instruments.indexOf(i));
    const life = lived(s, i, rule);
    for (const [n, accept] of i.policies.entries()) {
      const file = join(here, `${i.id}-policy-${n}.yaml`);
      writeFileSync(file, policyText(logKey, accept));
      const r = await cli('--json', 'verify', bundle, '--trust', file);
      const unmeetable = accept.some(
        (a) => a.signedBy && a.signedBy.atLeast > new Set(a.signedBy.of).size,
      );
      const context = `${i.id} under ${policyText('KEY', accept)}\n${r.err}\n${JSON.stringify(life)}\n${text}`;
      if (unmeetable || neverUsed(accept)) {
        expect(r.code, context).toBe(1);
        if (unmeetable) expect(r.err + r.out, context).toMatch(/can never be met/);
        if (neverUsed(accept)) expect(r.err + r.out, context).toMatch(/is never used/);
        continue;
      }
      const verdict = JSON.parse(r.out) as Verdict;
      const want = trustVerdict({ kind: i.kind, body: 'board', ...life }, rule, accept);
      expect(
        { codes: verdict.reasons.map((x) => x.code).sort(), accepted: verdict.accepted },
        context,
      ).toEqual({
        codes: want.sort(),
        accepted: want.length === 0,
      });
      expect(r.code, context).toBe(want.length === 0 ? 0 : 1);
    }
  }
}
