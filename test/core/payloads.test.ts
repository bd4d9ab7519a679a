/**
 * The form of every act's payload (core/payloads.ts), and the keys the state files motions under:
 * one rule for ids whatever the act comes from, and keys no two (session, motion) pairs share.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACT_TYPES } from '../../src/core/acts.js';
import type { Act, ActType } from '../../src/core/acts.js';
import { DomainError } from '../../src/core/errors.js';
import { testPublicKey } from '../support/keys.js';
import {
  checkPayload,
  isoTime,
  isShowable,
  unshowable,
  MAX_NESTING,
  nestsWithin,
} from '../../src/core/payloads.js';
import { motionKey } from '../../src/core/state/index.js';

const KEY = testPublicKey(1);
const HASH = 'ab'.repeat(32);
const DECISION = { outcome: 'adopted', explanation: 'adopted', flags: [] };
const REGISTERED = {
  dispatch: 'd1',
  body: 'board',
  number: '2026/1',
  received: '2026-12-01',
  from: 'A farmer',
  channel: 'letter',
  text: 'Please mend the fence.',
};

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
        /^charter\.adopt: charter "a charter": an object expected/,
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
      [
        { person: 'ada', key: 'ed25519:' + KEY },
        /^member\.enrol: key "ed25519:[A-Za-z0-9+/]+=": a public key/,
      ],
    ],
  },
  'member.revoke': {
    good: { person: 'ada', key: KEY, reason: 'lost' },
    bad: [[{ person: 'ada', key: KEY, reason: '' }, /^member\.revoke: reason "": at least/]],
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
      [
        { session: 's1', body: 'board', mode: 'live', atHand: ['ada', 'ada'] },
        /^session\.open: atHand: 'ada' is named twice$/,
      ],
      [{ session: 's1', body: 'board', mode: 'recorded' }, /^session\.open: mode "recorded": /],
      [
        { session: 's1', body: 'board', mode: 'live', date: '2026-02-30' },
        /^session\.open: date "2026-02-30": not a real date/,
      ],
      [
        { session: 's1', body: 'board', mode: 'live', date: '2026-12-01T24:00' },
        /^session\.open: date "2026-12-01T24:00": not a real date/,
      ],
      [
        { session: 's1', body: 'board', mode: 'live', title: 'x'.repeat(501) },
        /^session\.open: title: at most/,
      ],
      [
        { session: 's'.repeat(101), body: 'board', mode: 'live' },
        /^session\.open: session: at most/,
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
        /^motion\.propose: text: at most/,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Amend.', amends: 'the charter' },
        /^motion\.propose: amends "the charter": an object expected/,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Re-invite.', invites: 'Ada' },
        /^motion\.propose: invites "Ada": an id/,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Ratify.', ratifies: { circulation: 'C 1' } },
        /^motion\.propose: ratifies\.circulation "C 1": an id/,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Ratify.', ratifies: { session: 's0' } },
        /^motion\.propose: ratifies\.motion: /,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Next.', follows: 'enzeli' },
        /^motion\.propose: follows "enzeli": /,
      ],
      [
        {
          session: 's1',
          motion: 'm1',
          text: 'Next.',
          follows: { session: 's0', motion: 'm0', circulation: 'c1' },
        },
        /^motion\.propose: follows/,
      ],
      [
        { session: 's1', motion: 'm1', text: 'Answer.', dispatch: '1920/517' },
        /^motion\.propose: dispatch "1920\/517": an id/,
      ],
    ],
  },
  'circulation.open': {
    good: {
      circulation: 'enzeli',
      body: 'politburo',
      mode: 'minutes',
      text: 'Permit a destroyer to be sent to Enzeli?',
      deadline: '1920-09-25T12:00:00.000Z',
      to: ['trotsky', 'krestinsky'],
      rule: { majority: 'votes-cast', quorum: { count: 2 } },
      date: '1920-09-24',
      dispatch: 'baku-destroyer',
      power: 'foreign-affairs',
      atHand: ['zinoviev'],
      follows: { session: 's1', motion: 'm1' },
    },
    bad: [
      [
        { circulation: 'c1', body: 'board', mode: 'live', text: 'Q?', deadline: '2026-12-10' },
        /^circulation\.open: deadline "2026-12-10": a time as /,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
          atHand: ['zinoviev', 'zinoviev'],
        },
        /^circulation\.open: atHand: 'zinoviev' is named twice$/,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
          rule: { quorum: 'majority' },
        },
        /^circulation\.open: rule\.majority: a majority rule is missing: one of votes-cast, /,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: ' \u200b\n\t\u00a0',
          deadline: '2026-12-10T12:00:00.000Z',
        },
        /^circulation\.open: text ".*": nothing that shows: only spaces or invisible characters$/s,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
          to: [],
        },
        /^circulation\.open: to: at least/,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
          rule: { majority: 'most' },
        },
        /^circulation\.open: rule\.majority "most": unknown majority rule "most"; expected one of votes-cast, /,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
          rule: { majority: 'votes-cast', quorum: { count: 0 } },
        },
        /^circulation\.open: rule\.quorum\.count: more than 0/,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'recorded',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
        },
        /^circulation\.open: mode "recorded": /,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
          follows: { circulation: 'c0', motion: 'm1' },
        },
        /^circulation\.open: follows/,
      ],
      [
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
          by: 'ann',
        },
        /^circulation\.open: payload: .*"by"/,
      ],
    ],
  },
  'circulation.answer': {
    good: {
      circulation: 'enzeli',
      member: 'trotsky',
      choice: 'nay',
      comment: 'Not now.',
      channel: 'telephone',
      at: '1920-09-24T23:10:00.000Z',
    },
    bad: [
      [
        { circulation: 'c1', member: 'ann', choice: 'yes' },
        /^circulation\.answer: choice "yes": one of "aye", "nay", "abstain" expected/,
      ],
      [
        { circulation: 'c1', member: 'ann', choice: 'aye', channel: 'pigeon' },
        /^circulation\.answer: channel "pigeon": .*"telephone"/,
      ],
      [
        { circulation: 'c1', member: 'ann', choice: 'aye', at: '1920-09-24T23:10' },
        /^circulation\.answer: at "1920-09-24T23:10": a time as /,
      ],
      [{ circulation: 'c1', choice: 'aye' }, /^circulation\.answer: member: /],
      [
        { circulation: 'c1', member: 'ann', choice: 'aye', comment: 'x'.repeat(2001) },
        /^circulation\.answer: comment: at most/,
      ],
    ],
  },
  'circulation.confirm': {
    good: { circulation: 'c1', member: 'ann' },
    bad: [
      [{ circulation: 'c1', member: 'Ann' }, /^circulation\.confirm: member "Ann": an id/],
      [
        { circulation: 'c1', member: 'ann', reason: 'yes' },
        /^circulation\.confirm: payload: .*"reason"/,
      ],
    ],
  },
  'circulation.dispute': {
    good: { circulation: 'c1', member: 'ann', reason: 'I said nay' },
    bad: [
      [
        { circulation: 'c1', member: 'ann', reason: '' },
        /^circulation\.dispute: reason "": at least/,
      ],
      [{ member: 'ann' }, /^circulation\.dispute: circulation: /],
    ],
  },
  'circulation.withdraw': {
    good: { circulation: 'c1', reason: 'overtaken by events' },
    bad: [
      [{ circulation: 'c 1' }, /^circulation\.withdraw: circulation "c 1": an id/],
      [{ circulation: 'c1', reason: '' }, /^circulation\.withdraw: reason "": at least/],
    ],
  },
  'circulation.close': {
    good: { circulation: 'c1', decision: DECISION, stated: 'rejected' },
    bad: [
      [{ circulation: 'c1' }, /^circulation\.close: decision: /],
      [
        { circulation: 'c1', decision: 'adopted' },
        /^circulation\.close: decision "adopted": a decision is an object/,
      ],
      [
        { circulation: 'c1', decision: DECISION, stated: 'x'.repeat(201) },
        /^circulation\.close: stated: at most/,
      ],
    ],
  },
  'dispatch.register': {
    good: {
      dispatch: 'baku-destroyer',
      body: 'politburo',
      number: '1920/517',
      received: '1920-09-24',
      from: 'G. K. Ordzhonikidze, Baku',
      channel: 'direct-wire',
      text: 'Permission to send a destroyer to Enzeli (Persia)?',
      attachments: [{ name: 'map.png', hash: HASH, size: 2048 }],
    },
    bad: [
      [
        { ...REGISTERED, channel: 'pigeon' },
        /^dispatch\.register: channel "pigeon": .*"direct-wire"/,
      ],
      [{ ...REGISTERED, number: '' }, /^dispatch\.register: number "": at least/],
      [
        { ...REGISTERED, attachments: [{ name: 'a.pdf', hash: 'AB', size: 1 }] },
        /^dispatch\.register: attachments\.0\.hash "AB": a SHA-256 hash/,
      ],
      [
        { ...REGISTERED, attachments: [{ name: 'a.pdf', hash: HASH, size: -1 }] },
        /^dispatch\.register: attachments\.0\.size: at least/,
      ],
      [
        { ...REGISTERED, attachments: [{ name: 'a.pdf', hash: HASH, size: 1, path: '/tmp/a' }] },
        /^dispatch\.register: attachments\.0: .*"path"/,
      ],
      [{ ...REGISTERED, from: undefined }, /^dispatch\.register: from: /],
    ],
  },
  'dispatch.refer': {
    good: {
      dispatch: 'd1',
      inscription: "I'll ask Trotsky and Krestinsky",
      people: ['trotsky'],
      body: 'politburo',
    },
    bad: [
      [{ dispatch: 'd1', inscription: 'ask', people: [] }, /^dispatch\.refer: people: at least/],
      [
        { dispatch: 'd1', inscription: 'ask', people: ['trotsky', 'trotsky'] },
        /^dispatch\.refer: people: 'trotsky' is named twice$/,
      ],
      [
        { dispatch: 'd1', inscription: '', body: 'board' },
        /^dispatch\.refer: inscription "": at least/,
      ],
      [
        { dispatch: 'd1', inscription: 'ask', people: ['Trotsky'] },
        /^dispatch\.refer: people\.0 "Trotsky": an id/,
      ],
    ],
  },
  'dispatch.close': {
    good: { dispatch: 'd1', reason: 'answered by telegram' },
    bad: [
      [{ dispatch: 'd1' }, /^dispatch\.close: reason: /],
      [{ dispatch: 'd1', reason: 'x'.repeat(2001) }, /^dispatch\.close: reason: at most/],
    ],
  },
  'instrument.draft': {
    good: {
      instrument: 'georgia-directive',
      body: 'politburo',
      kind: 'directive',
      mode: 'live',
      number: '004/109',
      text: 'Remove all units from the territory of Georgia',
      restsOn: { session: 'pb', motion: 'georgia' },
      amount: { value: 3000, unit: 'RUB' },
    },
    bad: [
      [
        { instrument: 'i', body: 'b', kind: 'k', mode: 'live', number: '1' },
        /^instrument\.draft: text: /,
      ],
      [
        {
          instrument: 'i',
          body: 'b',
          kind: 'k',
          mode: 'live',
          number: '1',
          text: 't',
          amount: { value: -1, unit: 'RUB' },
        },
        /^instrument\.draft: amount\.value: /,
      ],
      [
        {
          instrument: 'i',
          body: 'b',
          kind: 'k',
          mode: 'live',
          number: '1',
          text: 't',
          amount: { value: 0.1 + 0.2, unit: 'RUB' },
        },
        /^instrument\.draft: amount\.value: 0\.30000000000000004: an amount is given to at most 6 places after the point$/,
      ],
      [
        {
          instrument: 'i',
          body: 'b',
          kind: 'k',
          mode: 'live',
          number: '1',
          text: 't',
          amount: { value: 5e-324, unit: 'RUB' },
        },
        /^instrument\.draft: amount\.value: 5e-324: an amount is given to at most 6 places after the point$/,
      ],
      [
        {
          instrument: 'i',
          body: 'b',
          kind: 'k',
          mode: 'live',
          number: '1',
          text: 't',
          amount: { value: 1e-7, unit: 'RUB' },
        },
        /^instrument\.draft: amount\.value: 1e-7: an amount is given to at most 6 places after the point$/,
      ],
      [
        {
          instrument: 'i',
          body: 'b',
          kind: 'k',
          mode: 'live',
          number: '1',
          text: 't',
          restsOn: { dispatch: 'd' },
        },
        /^instrument\.draft: restsOn\.session: /,
      ],
    ],
  },
  'instrument.sign': {
    good: { instrument: 'i1', content: 'a'.repeat(64), after: null },
    bad: [
      [{ instrument: 'i1', content: 'abc', after: null }, /^instrument\.sign: content "abc": /],
      [{ instrument: 'i1', content: 'a'.repeat(64) }, /^instrument\.sign: after: /],
    ],
  },
  'instrument.issue': {
    good: { instrument: 'i1' },
    bad: [[{ instrument: 'i1', signatures: [] }, /^instrument\.issue: payload: unknown field/]],
  },
  'instrument.revoke': {
    good: { instrument: 'i1', reason: 'the Commissariat is set up', by: { circulation: 'c1' } },
    bad: [[{ reason: 'x' }, /^instrument\.revoke: instrument: /]],
  },
  'instrument.settle': {
    good: { instrument: 'i1', note: 'repaid' },
    bad: [[{ instrument: 'i1', note: '' }, /^instrument\.settle: note "": /]],
  },
  'instrument.annul': {
    good: { instrument: 'i1', by: { session: 's1', motion: 'm1' }, supersededBy: 'i2' },
    bad: [[{ instrument: 'i1' }, /^instrument\.annul: by: /]],
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
      // Past the whole numbers a double holds exactly too: the field's own bound is said.
      [
        { session: 's1', motion: 'm1', counts: { aye: 1.2e29 } },
        /^vote\.count: counts\.aye: at most 1000000000 \(1\.2e\+29 given\)$/,
      ],
      [
        { session: 's1', motion: 'm1', counts: { aye: -1.2e29 } },
        /^vote\.count: counts\.aye: at least 0 \(-1\.2e\+29 given\)$/,
      ],
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
        /^vote\.close: stated: at most/,
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
  'session.convene': {
    good: {
      session: 's2',
      body: 'board',
      date: '2027-11-20T18:00',
      place: 'Barn',
      agenda: [
        { item: 'roof', title: 'The barn roof', motion: 'Repair the roof' },
        { item: 'minutes', title: 'Minutes of the last meeting', minutes: 's1' },
      ],
    },
    bad: [
      [{ session: 's2', body: 'board', date: 'x' }, /^session\.convene: agenda: /],
      [
        { session: 's2', body: 'board', date: '0000-00-00', agenda: [] },
        /^session\.convene: date "0000-00-00": not a real date/,
      ],
      [
        { session: 's2', body: 'board', date: 'x', agenda: [{ item: 'A B', title: 't' }] },
        /^session\.convene: agenda\.0\.item "A B": an id/,
      ],
      [
        { session: 's2', body: 'board', date: 'x', agenda: [], noticed: '2027-11-01' },
        /^session\.convene: noticed "2027-11-01": a time/,
      ],
    ],
  },
  'attendance.excuse': {
    good: { session: 's1', person: 'ann', reason: 'ill' },
    bad: [
      [{ session: 's1', person: 'ann', reason: '' }, /^attendance\.excuse: reason "": at least/],
    ],
  },
  'minutes.sign': {
    good: { session: 's1', content: 'a'.repeat(64) },
    bad: [[{ session: 's1', content: 'abc' }, /^minutes\.sign: content "abc": a SHA-256 hash/]],
  },
  'minutes.object': {
    good: { session: 's1', text: 'The vote on the roof was 5 to 2, not 6 to 1.' },
    bad: [[{ session: 's1' }, /^minutes\.object: text: /]],
  },
  'proxy.revoke': {
    good: { grant: 'g1', reason: 'back in town' },
    bad: [
      [{ grant: 'g1', reason: '' }, /^proxy\.revoke: reason "": at least/],
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

  it('accepts a motion that ratifies, follows or answers, naming a motion or a circulation', () => {
    for (const links of [
      { ratifies: { circulation: 'c1' }, follows: { session: 's0', motion: 'm0' } },
      { ratifies: { session: 's0', motion: 'm0' }, follows: { circulation: 'c1' } },
      { dispatch: 'baku-destroyer' },
    ])
      expect(() =>
        checkPayload(act('motion.propose', { session: 's1', motion: 'm1', text: 'X.', ...links })),
      ).not.toThrow();
  });

  it('accepts the least a circulation, an answer and a dispatch need', () => {
    for (const [type, payload] of [
      [
        'circulation.open',
        {
          circulation: 'c1',
          body: 'board',
          mode: 'live',
          text: 'Q?',
          deadline: '2026-12-10T12:00:00.000Z',
          rule: 'unanimous',
        },
      ],
      ['circulation.answer', { circulation: 'c1', member: 'ann', choice: 'abstain' }],
      ['circulation.withdraw', { circulation: 'c1' }],
      ['circulation.close', { circulation: 'c1', decision: DECISION }],
      ['dispatch.register', REGISTERED],
      ['dispatch.refer', { dispatch: 'd1', inscription: 'to the board', body: 'board' }],
    ] as const)
      expect(() => checkPayload(act(type, payload))).not.toThrow();
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

  it('takes a time of the shape exactly when the calendar has it (toISOString gives it back)', () => {
    const digits = (n: number, max: number) =>
      fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
    const time = fc
      // Each field a little past its end, so that about half the times are real.
      .tuple(digits(4, 9999), digits(2, 13), digits(2, 32), digits(2, 24), digits(2, 60))
      .chain(([y, mo, d, h, mi]) =>
        fc
          .tuple(digits(2, 60), digits(3, 999))
          .map(([s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`),
      );
    fc.assert(
      fc.property(time, (t) => {
        const date = new Date(t);
        const real = !Number.isNaN(date.getTime()) && date.toISOString() === t;
        expect(isoTime.safeParse(t).success).toBe(real);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a charter, an amendment or a decision nested deeper than MAX_NESTING', () => {
    const nested = (levels: number) => {
      let value: Record<string, unknown> = {};
      for (let i = 1; i < levels; i++) value = { a: value };
      return value;
    };
    const deep = 'objects and arrays nested more than 64 deep';
    const amends = (levels: number) =>
      act('motion.propose', { ...TABLE['motion.propose'].good, amends: nested(levels) });
    expect(() => checkPayload(amends(MAX_NESTING))).not.toThrow();
    expect(() => checkPayload(amends(MAX_NESTING + 1))).toThrow(`amends: ${deep}`);
    // So deep that writing it as JSON would exhaust the stack: refused all the same.
    expect(() => checkPayload(amends(20_000))).toThrow(`amends: ${deep}`);
    const closing = { session: 's1', motion: 'm1', decision: { ...DECISION, x: nested(64) } };
    expect(() => checkPayload(act('vote.close', closing))).toThrow(`decision: ${deep}`);
    const charter = { ...TABLE['charter.adopt'].good, charter: nested(65) };
    expect(() => checkPayload(act('charter.adopt', charter))).toThrow(`charter: ${deep}`);
  });
});

describe('isShowable', () => {
  it('refuses control characters but tabs and line breaks, halves of surrogate pairs and noncharacters', () => {
    const controls = (t: string) => [...t].some((c) => /\p{Cc}/u.test(c) && !'\t\n\r'.includes(c));
    // Unicode's own list of noncharacters, against which the rule's arithmetic is held.
    const noncharacters = (t: string) => /\p{Noncharacter_Code_Point}/u.test(t);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (t) => {
        // String.prototype.isWellFormed (Node 20), which the configured lib does not declare.
        const wellFormed = (t as unknown as { isWellFormed(): boolean }).isWellFormed();
        // Strings with no direction changes: those are tried below.
        fc.pre(!/[\u202a-\u202e\u2066-\u2069]/.test(t));
        expect(isShowable(t)).toBe(wellFormed && !controls(t) && !noncharacters(t));
      }),
      { numRuns: 3000 },
    );
    // Every code point: called a noncharacter exactly when Unicode lists it as one.
    for (let point = 0; point <= 0x10ffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const t = `a${String.fromCodePoint(point)}b`;
      const called = unshowable(t)?.startsWith('a noncharacter') ?? false;
      if (called !== noncharacters(t))
        expect.fail(`U+${point.toString(16).toUpperCase()} is called a noncharacter: ${called}`);
    }
    expect(isShowable('Тезисы о мире\n\t— 7 (20) января 1918 г. 😀')).toBe(true);
    for (const t of [
      'a\u0000b',
      'bell \u0007',
      'del \u007f',
      'c1 \u0085',
      'half \ud83d',
      'low \ude00 first',
      'Budget\ufffe',
      '\uffffBudget',
      'Bud\ufdd0get',
      'Budget \ufdef',
      'Budget \u{1fffe}',
      'Budget \u{10ffff}',
    ])
      expect(isShowable(t), JSON.stringify(t)).toBe(false);
  });

  it('takes direction changes that end, and refuses one left open or ended out of turn', () => {
    const [LRE, RLO, PDF, RLI, PDI] = ['\u202a', '\u202e', '\u202c', '\u2067', '\u2069'];
    for (const t of [
      `a ${RLI}שלום${PDI} b`,
      `${RLO}x${PDF} ${LRE}y${RLI}z${PDI}${PDF}`,
      `${RLI}a${PDI}\nb`,
    ])
      expect(isShowable(t), JSON.stringify(t)).toBe(true);
    for (const t of [
      `price ${RLO}001$`,
      `${RLI}a`,
      `a${PDF}`,
      `${RLI}a${PDF}${PDI}`,
      `${RLO}a\nb${PDF}`,
    ])
      expect(isShowable(t), JSON.stringify(t)).toBe(false);
  });

  it('says what it refuses, and where, counting characters as a person does', () => {
    const [RLO, PDF, RLI] = ['\u202e', '\u202c', '\u2067'];
    expect(unshowable('Budget 2027')).toBeUndefined();
    expect(unshowable('😀 a\u0000b')).toBe(
      'a control character (U+0000) at character 4: none is taken but a tab or a line break',
    );
    expect(unshowable('ab \ud83d')).toBe(
      'half a surrogate pair (U+D83D) at character 4, which is no character',
    );
    expect(unshowable('😀 a\ufffe')).toBe(
      'a noncharacter (U+FFFE) at character 4, which Unicode keeps out of text',
    );
    expect(unshowable('😀 a\u{10ffff}')).toBe(
      'a noncharacter (U+10FFFF) at character 4, which Unicode keeps out of text',
    );
    expect(unshowable(`scan${RLO}fdp.exe`)).toBe(
      'a change of direction (U+202E) at character 5 that is not ended before the line ends',
    );
    expect(unshowable(`${RLI}a\nb`)).toMatch(/^a change of direction \(U\+2067\) at character 1 /);
    expect(unshowable(`a${PDF}`)).toBe(
      'an end of a change of direction (U+202C) at character 2 that ends none opened before it',
    );
  });

  it('holds every text of a payload to it', () => {
    const motion = (text: string) => act('motion.propose', { session: 's1', motion: 'm1', text });
    expect(() => checkPayload(motion('Paint the hall.\nBlue.'))).not.toThrow();
    expect(() => checkPayload(motion('Paint \u0001the hall.'))).toThrow(
      /^motion\.propose: text "Paint \\u0001the hall\.": a control character \(U\+0001\) at character 7: none is taken but a tab or a line break$/,
    );
    expect(() => checkPayload(motion('Paint \ud800 the hall.'))).toThrow(/half a surrogate pair/);
    expect(() => checkPayload(motion('Paint \ufdd0 the hall.'))).toThrow(
      /^motion\.propose: text "Paint .* the hall\.": a noncharacter \(U\+FDD0\) at character 7, which Unicode keeps out of text$/,
    );
    // The refused text is quoted with its turn of direction escaped, so the refusal reads as written.
    expect(() => checkPayload(motion('\u202eevil'))).toThrow(
      /^motion\.propose: text "\\u202eevil": /,
    );
  });
});

describe('nestsWithin', () => {
  /** How many objects and arrays lie one inside another, at most (a plain value: none). */
  const depth = (value: unknown): number =>
    typeof value !== 'object' || value === null
      ? 0
      : 1 + Math.max(0, ...Object.values(value).map(depth));

  it('tells whether a JSON value nests at most so many levels', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 8 }),
        fc.integer({ min: 0, max: 10 }),
        (value, levels) => {
          expect(nestsWithin(value, levels)).toBe(depth(value) <= levels);
        },
      ),
      { numRuns: 2000 },
    );
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
