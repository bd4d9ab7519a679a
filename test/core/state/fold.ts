/**
 * A record folded act by act for the state tests: a charter of a few people and bodies, acts
 * signed by their actors (with their own key where they have one, else the custodial key), and
 * a check that a refused act leaves the state exactly as it was.
 */
import { expect } from 'vitest';
import { testPublicKey } from '../../support/keys.js';
import type { Act, RecordedAct } from '../../../src/core/acts.js';
import type { Choice } from '../../../src/core/rules/index.js';
import {
  applyAct,
  decideCirculationIn,
  decideMotion,
  emptyState,
} from '../../../src/core/state/index.js';
import type { CirculationState, MotionState, State } from '../../../src/core/state/index.js';

export const CUSTODIAN = testPublicKey(12);
/** Keys of their own (32 bytes, base64), for the people who have one: dee signs with hers. */
export const KEYS: Readonly<Record<string, string>> = {
  dee: testPublicKey(7),
};
export const PEOPLE = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay'];

/** A board of four chaired by ann: eve and fay are people of the organization, not members. */
export const BOARD = {
  name: 'Board',
  members: ['ann', 'bob', 'cy', 'dee'],
  chair: 'ann',
  quorum: 'majority',
  majority: 'votes-cast',
};

/** A bureau of the board, with delegated powers, that must draw in the board's members at hand. */
export const BUREAU = {
  name: 'Bureau',
  parent: 'board',
  members: ['ann', 'bob'],
  chair: 'ann',
  quorum: 'majority',
  majority: 'votes-cast',
  powers: ['urgent'],
  obligations: [{ 'draw-in-present-members-of': 'board' }],
};

/** The charter of `bodies`; each person is named by their id unless `names` gives a name. */
export function charterJson(bodies: Record<string, object>, names: Record<string, string> = {}) {
  const person = (p: string) => ({
    name: names[p] ?? p,
    ...(KEYS[p] ? { key: `ed25519:${KEYS[p]}` } : {}),
  });
  return {
    collegium: 1,
    organization: { id: 'coop', name: 'Coop' },
    people: Object.fromEntries(PEOPLE.map((p) => [p, person(p)])),
    bodies,
  };
}

export const DEADLINE = '2026-12-10T12:00:00.000Z';

export class Fold {
  state: State = emptyState();
  /** The time of the last act; each act comes a minute after the one before. */
  time = Date.parse('2026-12-01T10:00:00.000Z');

  constructor(bodies: Record<string, object>, names: Record<string, string> = {}) {
    this.act(
      {
        type: 'charter.adopt',
        payload: {
          charter: charterJson(bodies, names),
          custodian: CUSTODIAN,
          log: `coop+00000000+${'A'.repeat(44)}`,
        },
      },
      null,
    );
  }

  /** Admits `act`, new, as the ledger does: held to every rule. */
  act(act: Act, actor: string | null, signer: string | null = actor, key?: string): void {
    this.fold('admit', act, actor, signer, key);
  }

  /** Folds `act` as one the record holds: held to the rules of the version that admitted it. */
  replays(act: Act, actor: string | null, signer: string | null = actor, key?: string): void {
    this.fold('replay', act, actor, signer, key);
  }

  private fold(
    how: 'admit' | 'replay',
    act: Act,
    actor: string | null,
    signer: string | null,
    key = (signer && KEYS[signer]) ?? CUSTODIAN,
  ): void {
    const recorded = {
      ...act,
      index: this.state.size,
      time: new Date(this.time + 60_000).toISOString(),
      actor,
      signer,
      key,
    } as RecordedAct;
    applyAct(this.state, recorded, how);
    this.time += 60_000;
  }

  /** Refuses the act with `code`, leaving every part of the state as it was. */
  refuses(
    code: string,
    act: Act,
    actor: string | null,
    signer: string | null = actor,
    key?: string,
  ): void {
    const before = structuredClone(this.state);
    expect(() => this.act(act, actor, signer, key)).toThrow(expect.objectContaining({ code }));
    expect(this.state).toStrictEqual(before);
  }

  /** The next act comes at `iso`. */
  at(iso: string): void {
    this.time = Date.parse(iso) - 60_000;
  }

  circulation(id = 'c1'): CirculationState {
    return this.state.circulations.get(id)!;
  }

  motion(session: string, motion: string): MotionState {
    return this.state.motions.get(JSON.stringify([session, motion]))!;
  }

  /** Closes a circulation with the outcome its rule gives now. */
  close(id: string, actor: string | null, signer: string | null = actor): void {
    const decision = decideCirculationIn(this.circulation(id));
    this.act({ type: 'circulation.close', payload: { circulation: id, decision } }, actor, signer);
  }

  /** Opens a live session of `body`, chaired by its chair `chair`, with `present` checked in. */
  meet(session: string, body: string, chair: string, present: readonly string[]): void {
    this.act({ type: 'session.open', payload: { session, body, mode: 'live' } }, chair);
    for (const p of present)
      this.act({ type: 'attendance.arrive', payload: { session, person: p } }, p);
  }

  /** Puts a motion, takes the ballots given, and closes the vote with the decision it yields. */
  decide(
    session: string,
    chair: string,
    motion: { motion: string; text?: string } & Record<string, unknown>,
    ballots: Readonly<Record<string, Choice>>,
  ): MotionState {
    const ref = { session, motion: motion.motion };
    this.act(
      { type: 'motion.propose', payload: { text: 'Resolved.', ...motion, session } } as Act,
      chair,
    );
    this.act({ type: 'vote.open', payload: ref }, chair);
    for (const [voter, choice] of Object.entries(ballots))
      this.act({ type: 'ballot.cast', payload: { ...ref, voter, choice } }, voter);
    const m = this.motion(session, motion.motion);
    const decision = decideMotion(this.state, this.state.charter!, m);
    this.act({ type: 'vote.close', payload: { ...ref, decision } }, chair);
    return m;
  }
}

export function openAct(extra: object = {}): Act {
  return {
    type: 'circulation.open',
    payload: {
      circulation: 'c1',
      body: 'board',
      mode: 'live',
      text: 'Buy a tractor?',
      deadline: DEADLINE,
      ...extra,
    },
  } as Act;
}

export function answerAct(
  member: string,
  choice: 'aye' | 'nay' | 'abstain',
  extra: object = {},
  circulation = 'c1',
): Act {
  return { type: 'circulation.answer', payload: { circulation, member, choice, ...extra } };
}

/** A live mandate of the board for cy, drafted as `i1`, with `extra` in its payload. */
export function draftAct(extra: object = {}): Act {
  return {
    type: 'instrument.draft',
    payload: {
      instrument: 'i1',
      body: 'board',
      kind: 'mandate',
      mode: 'live',
      number: '2026/1',
      text: 'Cy may sign for the fence.',
      holder: 'cy',
      ...extra,
    },
  } as Act;
}
