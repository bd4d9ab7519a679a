/**
 * The form of every act's payload (core/payloads.ts), and the keys the state files motions under:
 * one rule for ids whatever the act comes from, and keys no two (session, motion) pairs share.
 */
import { describe, expect, it } from 'vitest';
import { ACT_TYPES } from '../../src/core/acts.js';
import type { Act, ActType } from '../../src/core/acts.js';
import { DomainError } from '../../src/core/errors.js';
import { checkPayload, isoTime } from '../../src/core/payloads.js';
import { motionKey } from '../../src/core/state/index.js';

const KEY = 'A'.repeat(43) + '=';
const HASH = 'ab'.repeat(32);
const DECISION = { outcome: 'adopted', explanation: 'adopted', flags: [] };

/** Per act type: a payload of the right form, and wrong ones with the field the refusal names. */
const TABLE: Record<ActType, { good: object; bad: [object, RegExp][] }> = {
  'charter.adopt': {
    good: {
      charter: { collegium: 1 },
      custodian: KEY,
      log: `example.org/board+0a1b2c3d+${'B'.repeat(44)}`,
    },
    bad: [
      [
        { charter: 'a charter', custodian: KEY, log: 'x' },
        /^charter\.adopt: charter "a charter": .*expected record/,
      ],
      [
        { charter: {}, custodian: KEY, log: 'board' },
        /^charter\.adopt: log "board": a verifier key/,
      ],
    ],
  },
  'charter.amend': {
    good: { session: 's1', motion: 'm1' },
    bad: [
      [{ session: 's1' }, /^charter\.amend: motion: /],
      [{ session: 's1', motion: 'm1', charter: {} }, /^charter\.amend: payload: .*"charter"/],
    ],
  },
  'member.invite': {
    good: {
      person: 'ada',
      token: HASH,
      expires: '2028-02-29T12:00:00.000Z',
      decision: { session: 's1', motion: 'm1' },
    },
    bad: [
      [
        {
          person: 'ada',
          token: HASH,
          expires: '2028-02-29T12:00:00.000Z',
          decision: { session: 's1' },
        },
        /^member\.invite: decision\.motion: /,
      ],
      [
        {
          person: 'ada',
          token: HASH,
          expires: '2028-02-29T12:00:00.000Z',
          decision: 'm1',
        },
        /^member\.invite: decision "m1": /,
      ],
      [
        { person: 'ada', token: HASH, expires: '2026-02-30T12:00:00.000Z' },
        /expires "2026-02-30T12:00:00.000Z": not a real time/,
      ],
      [
        { person: 'ada', token: 'TOKEN', expires: '2026-02-01T12:00:00.000Z' },
        /token "TOKEN": a SHA-256 hash/,
      ],
    ],
  },
  'member.enrol': {
    good: { person: 'ada', key: KEY, invitation: HASH },
    bad: [
      [{ person: 'ada', key: 'ed25519:' + KEY }, /^member\.enrol: key "ed25519:A+=": a public key/],
    ],
  },
  'member.revoke': {
    good: { person: 'ada', key: KEY, reason: 'lost' },
    bad: [[{ person: 'ada', key: KEY, reason: '' }, /^member\.revoke: reason "": Too small/]],
  },
  'session.open': {
    good: { session: 's1', body: 'board', mode: 'live', title: 'Special', atHand: ['ada'] },
    bad: [
      [
        { session: 'a/b', body: 'board', mode: 'live' },
        /^session\.open: session "a\/b": an id is lowercase/,
      ],
      [
        { session: 's1', body: 'board', mode: 'live', atHand: ['ada', 'Ben'] },
        /^session\.open: atHand\.1 "Ben": an id/,
      ],
      [{ session: 's1', body: 'board', mode: 'recorded' }, /^session\.open: mode "recorded": /],
      [
        { session: 's1', body: 'board', mode: 'live', title: 'x'.repeat(501) },
        /^session\.open: title: Too big/,
      ],
      [
        { session: 's'.repeat(101), body: 'board', mode: 'live' },
        /^session\.open: session: Too big/,
      ],
    ],
  },
  'session.close': {
    good: { session: 's1' },
    bad: [
      [{ session: '.hidden' }, /^session\.close: session "\.hidden": an id/],
      [{ session: 's1', at: 'noon' }, /^session\.close: payload: .*"at"/],
    ],
  },
  'attendance.arrive': {
    good: { session: 's1', person: 'ada' },
    bad: [
      [{ session: 's1', person: 'ada smith' }, /^attendance\.arrive: person "ada smith": an id/],
    ],
  },
  'attendance.depart': {
    good: { session: 's1', person: 'ada' },
    bad: [[{ session: 's1' }, /^attendance\.depart: person: /]],
  },
  'motion.propose': {
    good: { session: 's1', motion: 'm1', text: 'Paint.', alternatives: ['red', 'blue'] },
    bad: [
      [{ session: 's1', motion: 'b/c', text: 'Paint.' }, /^motion\.propose: motion "b\/c": an id/],
      [
        { session: 's1', motion: 'm1', text: 'Paint.', alternatives: ['red/blue', 'x'] },
        /alternatives\.0 "red\/blue": an id/,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Paint.', majority: 'most' },
        /^motion\.propose: majority "most": /,
      ],
      [
        { session: 's1', motion: 'm1', text: 'x'.repeat(10_001) },
        /^motion\.propose: text: Too big/,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Amend.', amends: 'the charter' },
        /^motion\.propose: amends "the charter": .*expected record/,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Re-invite.', invites: 'Ada' },
        /^motion\.propose: invites "Ada": an id/,
      ],
    ],
  },
  'vote.open': {
    good: { session: 's1', motion: 'm1' },
    bad: [[{ session: 's1', motion: 'M1' }, /^vote\.open: motion "M1": an id/]],
  },
  'ballot.cast': {
    good: { session: 's1', motion: 'm1', voter: 'ada', alternative: null },
    bad: [
      [
        { session: 's1', motion: 'm1', voter: 'ada', choice: 'yes' },
        /^ballot\.cast: choice "yes": /,
      ],
      [
        { session: 's1', motion: 'm1', voter: 'ada', choice: 'aye', castBy: 'b/en' },
        /castBy "b\/en": an id/,
      ],
    ],
  },
  'vote.count': {
    good: { session: 's1', motion: 'm1', counts: { aye: 3, 'not-voting': 0 } },
    bad: [
      [{ session: 's1', motion: 'm1', counts: { aye: 1.5 } }, /^vote\.count: counts\.aye: /],
      [{ session: 's1', motion: 'm1', counts: { 'a/b': 1 } }, /^vote\.count: counts/],
    ],
  },
  'vote.casting': {
    good: { session: 's1', motion: 'm1', choice: 'nay' },
    bad: [
      [{ session: 's1', motion: 'm1', choice: 'abstain' }, /^vote\.casting: choice "abstain": /],
    ],
  },
  'vote.close': {
    good: { session: 's1', motion: 'm1', decision: DECISION, stated: 'adopted' },
    bad: [
      [{ session: 's1', motion: 'm1' }, /^vote\.close: decision: /],
      [
        { session: 's1', motion: 'm1', decision: DECISION, stated: 'x'.repeat(201) },
        /^vote\.close: stated: Too big/,
      ],
    ],
  },
  'proxy.grant': {
    good: { grant: 'g1', body: 'board', holder: 'ben', session: 's1', motion: 'm1' },
    bad: [
      [{ grant: 'g1', body: 'board', session: 's1' }, /^proxy\.grant: holder: /],
      [
        { grant: 'g1', body: 'board', holder: 'ben', until: 'tomorrow' },
        /^proxy\.grant: until "tomorrow": a time/,
      ],
      [
        { grant: 'G 1', body: 'board', holder: 'ben', session: 's1' },
        /^proxy\.grant: grant "G 1": an id/,
      ],
      [
        { grant: 'g1', body: 'board', holder: 'ben', session: 's1', by: 'ada' },
        /^proxy\.grant: payload: .*"by"/,
      ],
    ],
  },
  'proxy.revoke': {
    good: { grant: 'g1', reason: 'back in town' },
    bad: [
      [{ grant: 'g1', reason: '' }, /^proxy\.revoke: reason "": Too small/],
      [{ reason: 'back' }, /^proxy\.revoke: grant: /],
    ],
  },
};

function act(type: ActType, payload: object): Act {
  return { type, payload } as Act;
}

describe('checkPayload', () => {
  it('has a row for every act type', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ACT_TYPES].sort());
  });

  describe.each(ACT_TYPES)('%s', (type) => {
    it('accepts a payload of its form', () => {
      expect(() => checkPayload(act(type, TABLE[type].good))).not.toThrow();
    });

    it.each(TABLE[type].bad.map(([payload, message], i) => ({ i, payload, message })))(
      'refuses wrong payload $i as invalid-input, naming the field',
      ({ payload, message }) => {
        let error: unknown;
        try {
          checkPayload(act(type, payload));
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('invalid-input');
        expect((error as DomainError).message).toMatch(message);
      },
    );
  });

  it('refuses times that are not on the calendar, and takes those that are', () => {
    for (const time of [
      '2026-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
    ])
      expect(isoTime.safeParse(time).success, time).toBe(false);
    for (const time of ['2024-02-29T00:00:00.000Z', '2026-12-31T23:59:59.999Z'])
      expect(isoTime.safeParse(time).success, time).toBe(true);
  });
});

describe('motionKey', () => {
  it('keeps session a/b + motion c apart from session a + motion b/c', () => {
    expect(motionKey('a/b', 'c')).not.toBe(motionKey('a', 'b/c'));
  });

  it('gives distinct pairs distinct keys, whatever characters the ids hold', () => {
    const ids = ['', 'a', 'b', 'a/b', 'b/c', '/', 'a,b', '"', 'a","b', '\\', '["a"', ',', ']'];
    const keys = new Map<string, string>();
    for (const session of ids) {
      for (const motion of ids) {
        const key = motionKey(session, motion);
        const pair = JSON.stringify([session, motion]);
        expect(keys.get(key) ?? pair, `${pair} shares its key with ${keys.get(key)}`).toBe(pair);
        keys.set(key, pair);
      }
    }
    expect(keys.size).toBe(ids.length ** 2);
  });
});
