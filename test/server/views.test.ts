/**
 * What the reading endpoints show of the charter's voting rules and of a motion's vote: what the
 * console's forms and controls are built from (docs/api.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  castingVote,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import { motionKey } from '../../src/core/state/index.js';
import { motionView, organizationView } from '../../src/server/views.js';
import { newLedger } from './support.js';

/** A board that hides the running tally and gives its chair a casting vote, with two motion kinds
 * and proxies, and a committee delegated by it. */
const CHARTER = `
collegium: 1
organization: { id: views-org, name: Views, log: views.example/org }
people:
  ada: { name: Ada }
  ben: { name: Ben }
  cy: { name: Cy }
bodies:
  board:
    name: Board
    members: [ada, ben, cy]
    chair: ada
    quorum: { count: 2 }
    majority: votes-cast
    casting-vote: true
    proxies: { max-per-holder: 1 }
    motion-kinds:
      bylaws: { majority: two-thirds }
      urgent: { quorum: { count: 3 } }
  committee:
    name: Committee
    parent: board
    members: [ben, cy]
    powers: [spend, hire]
    obligations:
      - draw-in-present-members-of: board
    circulation: { rule: { majority: membership }, ratify: next-session }
    quorum: majority
    majority: votes-cast
`;

const S = 's1';
let ledger: Ledger;

beforeAll(async () => {
  ledger = await newLedger(CHARTER, () => [
    openSession({ session: S, body: 'board' }),
    attendance('arrive', S, 'ada'),
    attendance('arrive', S, 'ben'),
    proposeMotion({ session: S, motion: 'm1', text: 'Urgent?', kind: 'urgent' }, 'ada'),
    proposeMotion({ session: S, motion: 'm2', text: 'Tied?', proposer: 'ben' }),
    openVote(S, 'm2'),
    attendance('arrive', S, 'cy'),
    castBallot({ session: S, motion: 'm2', voter: 'ada', choice: 'aye' }),
    castBallot({ session: S, motion: 'm2', voter: 'ben', choice: 'nay' }),
    castingVote(S, 'm2', 'aye'),
    openSession({ session: 'c1', body: 'committee' }),
    proposeMotion({ session: 'c1', motion: 'm3', text: 'Hire?', power: 'hire' }),
  ]);
});

afterAll(async () => {
  await ledger.store.close();
});

const motion = (id: string) =>
  motionView(ledger.state, ledger.state.motions.get(motionKey(S, id))!);

describe('the organization view', () => {
  it("gives each body's voting rules as values and in words", () => {
    const [board, committee] = organizationView(ledger.state).bodies;
    expect(board).toMatchObject({
      majority: 'votes-cast',
      majorityInWords: 'a majority of votes cast',
      motionKinds: [
        { id: 'bylaws', majority: 'two-thirds', rule: 'two thirds of votes cast' },
        {
          id: 'urgent',
          majority: 'votes-cast',
          rule: 'a majority of votes cast, with a quorum of 3 of 3 voting members',
        },
      ],
      castingVote: true,
      proxies: { maxPerHolder: 1 },
      powers: [],
      drawsIn: null,
      circulation: null,
    });
    expect(committee).toMatchObject({
      parent: 'board',
      motionKinds: [],
      castingVote: false,
      proxies: null,
      powers: ['spend', 'hire'],
      drawsIn: 'board',
      circulation: {
        rule: 'a majority of all voting members',
        putBy: 'officers',
        ratify: true,
      },
    });
  });
});

describe('the motion view', () => {
  it('gives a proposed motion the quorum of its kind for who is present now', () => {
    expect(motion('m1')).toMatchObject({
      status: 'proposed',
      presentAtOpen: null,
      votingAtOpen: null,
      quorum: { required: 3, presentVoting: 3, votingMembers: 3, met: true },
    });
  });

  it('names the power a motion of a delegated body is decided under', () => {
    const m3 = ledger.state.motions.get(motionKey('c1', 'm3'))!;
    expect(motionView(ledger.state, m3)).toMatchObject({ power: 'hire' });
    expect(motion('m1')).toMatchObject({ power: null });
  });

  it('names who was present when the vote opened, and not who came after', () => {
    expect(motion('m2')).toMatchObject({
      status: 'open',
      present: 2,
      presentAtOpen: ['ada', 'ben'],
      votingAtOpen: ['ada', 'ben', 'cy'],
      voted: ['ada', 'ben'],
      quorum: null,
    });
  });

  it('keeps a secret vote sealed when the charter in force since shows the tally', () => {
    // As an amendment in force while m2 is open would leave it: the board now shows the tally.
    const state = ledger.state;
    const before = state.charter!;
    const board = { ...before.bodies.get('board')!, runningTally: true };
    state.charter = { ...before, bodies: new Map([...before.bodies, ['board', board]]) };
    try {
      expect(motion('m2')).toMatchObject({ status: 'open', tally: null, casting: null });
    } finally {
      state.charter = before;
    }
  });

  it('hides the casting vote with the tally while the vote is open, and shows it once closed', async () => {
    expect(motion('m2')).toMatchObject({ tally: null, casting: null });
    await record(ledger, closeVote(S, 'm2'));
    expect(motion('m2')).toMatchObject({ status: 'closed', casting: 'aye' });
    expect(motion('m2').decision?.outcome).toBe('adopted');
  });
});
