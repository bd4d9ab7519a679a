/**
 * The signing rules of instruments against a deliberately naive reading of the charter, written
 * here from its words: random bodies, rules (a list of people, or at least N of groups and
 * people; in any order or as listed) and sequences of signatures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Body, InstrumentKind, SignerRef } from '../../../src/core/charter/model.js';
import {
  signatureProblem,
  signersInOrder,
  signersRuleInWords,
  signingRuleMet,
  turnAfter,
} from '../../../src/core/rules/signing.js';

const PEOPLE = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
/** People as the charter names them, in the rule's words. */
const nameOf = (person: string) => `Name-${person}`;
const person = fc.constantFrom(...PEOPLE);
const some = (min = 0) => fc.shuffledSubarray(PEOPLE, { minLength: min });

const body = fc
  .record({
    votingMembers: some(1),
    candidates: some(),
    chair: fc.option(person, { nil: undefined }),
    secretary: fc.option(person, { nil: undefined }),
    officers: some(),
  })
  .map(
    (b) =>
      ({
        id: 'board',
        ...b,
        // A candidate is not also a voting member.
        candidates: b.candidates.filter((p) => !b.votingMembers.includes(p)),
      }) as unknown as Body,
  );

const ref: fc.Arbitrary<SignerRef> = fc.oneof(
  fc.constantFrom('members', 'candidates', 'officers').map((group) => ({ group })),
  person.map((p) => ({ person: p })),
);

const kind: fc.Arbitrary<InstrumentKind> = fc
  .record({
    signers: fc.oneof(
      // A list: every one of them.
      some(1).map((list) => ({ atLeast: list.length, of: list.map((p) => ({ person: p })) })),
      fc.record({
        atLeast: fc.integer({ min: 1, max: 5 }),
        of: fc.array(ref, { minLength: 1, maxLength: 4 }),
      }),
    ),
    order: fc.constantFrom('any', 'as-listed'),
  })
  .map((k) => ({ ...k, kind: 'order', restsOn: 'none' }) as InstrumentKind);

const signatures = fc.array(person, { maxLength: 9 });

/** The naive reading: who a reference names, straight from the body's lists. */
function named(b: Body, r: SignerRef): string[] {
  if ('person' in r) return [r.person];
  if (r.group === 'members') return [...b.votingMembers];
  if (r.group === 'candidates') return [...b.candidates];
  const officers: string[] = [];
  if (b.chair) officers.push(b.chair);
  if (b.secretary) officers.push(b.secretary);
  return officers.concat(b.officers);
}

/** Where a person stands in the rule: the first reference that names them, then their place in it. */
function rank(k: InstrumentKind, b: Body, p: string): number | undefined {
  for (let i = 0; i < k.signers.of.length; i++) {
    const j = named(b, k.signers.of[i]!).indexOf(p);
    if (j >= 0) return i * 100 + j;
  }
  return undefined;
}

function naiveProblem(
  k: InstrumentKind,
  b: Body,
  signed: string[],
  signer: string,
): string | undefined {
  const mine = rank(k, b, signer);
  if (mine === undefined) return 'not-a-signer';
  if (signed.includes(signer)) return 'duplicate-signature';
  if (k.order === 'as-listed' && signed.length > 0) {
    const last = signed[signed.length - 1]!;
    // Rank within one listing: a person named twice counts where first named.
    if (mine < rank(k, b, last)!) return 'out-of-order';
  }
  if (k.order === 'as-listed') {
    // Those who could still sign after this one, in the listed order.
    const later = PEOPLE.filter((p) => {
      const r = rank(k, b, p);
      return r !== undefined && r > mine && !signed.includes(p);
    });
    if (signed.length + 1 + later.length < k.signers.atLeast) return 'out-of-order';
  }
  return undefined;
}

/** Met by the signatures a live record would have taken, each after those taken before it. */
function naiveMet(k: InstrumentKind, b: Body, all: string[]): boolean {
  const taken: string[] = [];
  for (const signer of all) if (naiveProblem(k, b, taken, signer) === undefined) taken.push(signer);
  return taken.length >= k.signers.atLeast;
}

describe('signing rules, against a naive reading', () => {
  it('find the same problem with each signature, in order', () => {
    fc.assert(
      fc.property(body, kind, signatures, (b, k, sigs) => {
        sigs.forEach((signer, i) => {
          const signed = sigs.slice(0, i);
          expect(signatureProblem(k, b, signed, signer, nameOf)?.code).toBe(
            naiveProblem(k, b, signed, signer),
          );
        });
      }),
      { numRuns: 500 },
    );
  });

  it('agree on whether the signatures meet the rule, and name everyone the rule names', () => {
    fc.assert(
      fc.property(body, kind, signatures, (b, k, sigs) => {
        const result = signingRuleMet(k, b, sigs, nameOf);
        expect(result.met).toBe(naiveMet(k, b, sigs));
        expect(result.explanation.length).toBeGreaterThan(0);
        const everyone = PEOPLE.filter((p) => rank(k, b, p) !== undefined);
        expect([...signersInOrder(k, b)].sort()).toEqual(everyone.sort());
        // By their names, as the charter gives them.
        const words = signersRuleInWords(k, b, nameOf);
        for (const p of everyone) expect(words).toContain(nameOf(p));
      }),
      { numRuns: 500 },
    );
  });

  it('meet a rule with exactly the signers it needs, in its order', () => {
    fc.assert(
      fc.property(body, kind, (b, k) => {
        const listed = signersInOrder(k, b);
        fc.pre(listed.length >= k.signers.atLeast);
        expect(signingRuleMet(k, b, listed.slice(0, k.signers.atLeast), nameOf).met).toBe(true);
        if (k.signers.atLeast > 1)
          expect(signingRuleMet(k, b, listed.slice(0, k.signers.atLeast - 1), nameOf).met).toBe(
            false,
          );
      }),
      { numRuns: 300 },
    );
  });
});

describe('whose signatures one waits for before their turn', () => {
  it('is told only of one who may sign once that many of them have, in order, and not before', () => {
    fc.assert(
      fc.property(body, kind, signatures, person, (b, k, sigs, signer) => {
        const signed = sigs.filter((p, i) => naiveProblem(k, b, sigs.slice(0, i), p) === undefined);
        const turn = turnAfter(k, b, signed, signer);
        const now = signatureProblem(k, b, signed, signer, nameOf);
        if (turn === undefined) {
          // Either they may sign now, or no signatures before theirs make it their turn.
          if (now === undefined) return;
          const before = signersInOrder(k, b).filter((p) => p !== signer && !signed.includes(p));
          const all = admittedRun(k, b, signed, before);
          expect(signatureProblem(k, b, all, signer, nameOf), now.message).toBeDefined();
          return;
        }
        expect(now?.code).toBe('out-of-order');
        expect(turn.count).toBeGreaterThan(0);
        expect(turn.count).toBeLessThanOrEqual(turn.of.length);
        // Once the first `count` of them sign, in order, it is their turn; one fewer is not enough.
        const first = [...signed, ...turn.of.slice(0, turn.count)];
        expect(signatureProblem(k, b, first, signer, nameOf)).toBeUndefined();
        const fewer = [...signed, ...turn.of.slice(0, turn.count - 1)];
        expect(signatureProblem(k, b, fewer, signer, nameOf)?.code).toBe('out-of-order');
      }),
      { numRuns: 500 },
    );
  });
});

/** `signed`, then each of `more` the rule admits after them, in turn. */
function admittedRun(k: InstrumentKind, b: Body, signed: string[], more: string[]): string[] {
  const run = [...signed];
  for (const p of more) if (signatureProblem(k, b, run, p, nameOf) === undefined) run.push(p);
  return run;
}

describe('a signature too far ahead in the listed order', () => {
  const board = {
    id: 'board',
    votingMembers: PEOPLE,
    candidates: [],
    officers: [],
  } as unknown as Body;
  const asListed = (atLeast: number, of: string[]): InstrumentKind =>
    ({
      kind: 'order',
      order: 'as-listed',
      signers: { atLeast, of: of.map((p) => ({ person: p })) },
    }) as unknown as InstrumentKind;

  it('says how many of those it skips must sign before it: all of them, or some', () => {
    expect(signatureProblem(asListed(3, ['a', 'b', 'c']), board, [], 'c', nameOf)?.message).toMatch(
      /^Name-c may not sign yet: Name-a and Name-b must sign first, or the 3 signatures/,
    );
    expect(
      signatureProblem(asListed(2, ['a', 'b', 'c', 'd']), board, [], 'd', nameOf)?.message,
    ).toMatch(
      /^Name-d may not sign yet: one of Name-a, Name-b, Name-c must sign first, or the 2 signatures/,
    );
    expect(
      signatureProblem(asListed(3, ['a', 'b', 'c', 'd', 'e']), board, [], 'e', nameOf)?.message,
    ).toMatch(/^Name-e may not sign yet: 2 of Name-a, Name-b, Name-c, Name-d must sign first/);
  });

  it('does not ask one who signed out of order already to sign first: they cannot sign again', () => {
    // Minutes give b, a, c under "a, b, c": b came too early, and c cannot wait for b now.
    const message = signatureProblem(asListed(3, ['a', 'b', 'c']), board, ['a'], 'c', nameOf, [
      'b',
    ])?.message;
    expect(message).toBe(
      'Name-c signs out of the listed order (Name-a, Name-b, Name-c): Name-b signed out of it before and cannot sign again, so the 3 signatures needed can no longer be gathered in it',
    );
    // One of those it passes can still sign: that one is asked to, as before.
    expect(
      signatureProblem(asListed(3, ['a', 'b', 'c', 'd']), board, ['a'], 'd', nameOf, ['b'])
        ?.message,
    ).toMatch(/^Name-d may not sign yet: Name-c must sign first, or the 3 signatures/);
  });
});

describe('a signature the rule does not admit, beside those that meet it', () => {
  const politburo = {
    id: 'politburo',
    votingMembers: ['lenin', 'trotsky', 'stalin'],
    candidates: ['zinoviev'],
    officers: [],
  } as unknown as Body;
  const directive = {
    kind: 'directive',
    order: 'any',
    signers: { atLeast: 2, of: [{ group: 'members' }] },
  } as unknown as InstrumentKind;

  it('does not undo the rule: two members and a candidate meet "at least 2 of the members"', () => {
    const met = signingRuleMet(directive, politburo, ['lenin', 'stalin', 'zinoviev'], nameOf);
    expect(met).toEqual({
      met: true,
      explanation: expect.stringMatching(/^signed as the charter requires/),
    });
    expect(signingRuleMet(directive, politburo, ['zinoviev', 'lenin', 'lenin'], nameOf)).toEqual({
      met: false,
      explanation: expect.stringMatching(
        /^1 of the 2 signatures needed the rule admits: at least 2/,
      ),
    });
  });
});
