import { describe, expect, it } from 'vitest';
import { checkQuorum, RuleInputError, type QuorumRule } from '../../../src/core/rules/index.js';
import { body, ids } from './fixtures.js';

function quorum(members: number, present: number, rule: QuorumRule) {
  return checkQuorum(body(members, present, { quorum: rule }));
}

describe('checkQuorum', () => {
  describe('majority: more than half of the voting members', () => {
    it('needs 8 of 15', () => {
      expect(quorum(15, 7, { kind: 'majority' })).toMatchObject({
        required: 8,
        presentVoting: 7,
        votingMembers: 15,
        met: false,
      });
      expect(quorum(15, 8, { kind: 'majority' })).toMatchObject({ required: 8, met: true });
    });

    it('is not met by exactly half', () => {
      expect(quorum(8, 4, { kind: 'majority' })).toMatchObject({ required: 5, met: false });
      expect(quorum(8, 5, { kind: 'majority' }).met).toBe(true);
    });

    it('cannot be met by a body with no voting members', () => {
      expect(quorum(0, 0, { kind: 'majority' })).toMatchObject({ required: 1, met: false });
    });
  });

  describe('count', () => {
    it('is the Politburo quorum of three of five', () => {
      expect(quorum(5, 2, { kind: 'count', count: 3 })).toMatchObject({ required: 3, met: false });
      expect(quorum(5, 3, { kind: 'count', count: 3 })).toMatchObject({ required: 3, met: true });
    });

    it('can exceed the membership, and is then never met', () => {
      expect(quorum(3, 3, { kind: 'count', count: 4 }).met).toBe(false);
    });

    it('refuses a count that is not a whole number >= 0', () => {
      for (const count of [-1, 2.5, Number.NaN]) {
        expect(() => quorum(5, 5, { kind: 'count', count })).toThrow(RuleInputError);
      }
    });
  });

  describe('fraction: at least ceil(p × voting members)', () => {
    it('rounds up: half of 15 is 8', () => {
      expect(quorum(15, 7, { kind: 'fraction', fraction: 0.5 })).toMatchObject({
        required: 8,
        met: false,
      });
      expect(quorum(15, 8, { kind: 'fraction', fraction: 0.5 }).met).toBe(true);
    });

    it('is exact where the product is whole, whatever float error', () => {
      expect(quorum(9, 6, { kind: 'fraction', fraction: 2 / 3 })).toMatchObject({
        required: 6,
        met: true,
      });
      expect(quorum(9, 5, { kind: 'fraction', fraction: 2 / 3 }).met).toBe(false);
      // 0.55 × 100 is 55.00000000000001 in floating point.
      expect(quorum(100, 55, { kind: 'fraction', fraction: 0.55 })).toMatchObject({
        required: 55,
        met: true,
      });
      expect(quorum(10, 10, { kind: 'fraction', fraction: 1 }).required).toBe(10);
    });

    it('is exactly ceil(p × members) for every decimal p of up to 3 places, up to 100 members', () => {
      // Float error strikes only a few of these cases, too rare for random sampling to find.
      const wrong: string[] = [];
      for (let thousandths = 1; thousandths <= 1000; thousandths++) {
        const fraction = Number((thousandths / 1000).toFixed(3));
        for (let members = 0; members <= 100; members++) {
          const { required } = quorum(members, 0, { kind: 'fraction', fraction });
          if (required !== Math.floor((thousandths * members + 999) / 1000))
            wrong.push(`${fraction} of ${members}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('reads the decimal as written, however close to a whole number its product comes', () => {
      // 0.66666666667 × 3 is 2.00000000001: three of three, where a tolerance for float noise
      // would have taken two. Votes closed before exact fractions replay as they read it.
      const fraction = { kind: 'fraction', fraction: 0.66666666667 } as const;
      expect(quorum(3, 2, fraction)).toMatchObject({ required: 3, met: false });
      expect(quorum(3, 2, { ...fraction, tolerant: true })).toMatchObject({
        required: 2,
        met: true,
      });
      expect(quorum(20, 0, { kind: 'fraction', fraction: 0.35 }).required).toBe(7);
      expect(quorum(10, 0, { kind: 'fraction', fraction: 1e-7 }).required).toBe(1);
    });

    it('refuses a fraction outside (0, 1]', () => {
      for (const fraction of [0, -0.5, 1.5, Number.NaN]) {
        expect(() => quorum(5, 5, { kind: 'fraction', fraction })).toThrow(
          expect.objectContaining({ code: 'invalid-quorum' }),
        );
      }
    });
  });

  describe('who counts as present', () => {
    it('counts neither candidates nor guests', () => {
      const ctx = {
        ...body(5, 2),
        candidates: ['c1', 'c2'],
        present: ['m1', 'm2', 'c1', 'c2', 'guest'],
      };
      expect(checkQuorum(ctx)).toMatchObject({ presentVoting: 2, votingMembers: 5, met: false });
    });

    it('counts a person listed twice once', () => {
      const ctx = {
        ...body(5),
        votingMembers: [...ids('m', 5), 'm1'],
        present: ['m1', 'm1', 'm2'],
      };
      expect(checkQuorum(ctx)).toMatchObject({ presentVoting: 2, votingMembers: 5 });
    });

    it('gives a candidate also listed as a voting member no vote', () => {
      const ctx = { ...body(5), candidates: ['m5'] };
      expect(checkQuorum(ctx)).toMatchObject({ presentVoting: 4, votingMembers: 4, required: 3 });
    });

    it('knows no proxies from attendance alone', () => {
      expect(checkQuorum(body(5, 3, { proxies: { maxPerHolder: 1 } })).representedByProxy).toBe(0);
    });
  });
});
