/**
 * The ledger and the session use cases, on both storage backends: a live session from opening
 * to decision, the state folded back from the record, and every refused act, which must leave
 * the record byte for byte as it was and the ledger ready for the next act.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { Ledger } from '../../src/app/ledger.js';
import type { DraftSource } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  castingVote,
  closeSession,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import type { BallotInput } from '../../src/app/proceedings.js';
import { toBase64 } from '../../src/core/bytes.js';
import { DomainError } from '../../src/core/errors.js';
import type { ErrorCode } from '../../src/core/errors.js';
import { motionKey } from '../../src/core/state/index.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import { decodeEntry, verifyEntrySignature } from '../../src/record/entry.js';
import { StoreConflict } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import {
  CENTRAL_COMMITTEE,
  COOPERATIVE,
  charterFile,
  editedCharterJson,
  fixedClock,
} from '../support/examples.js';
import { BACKENDS, readRecord } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { expectRefused as refused, grantProxy } from './support.js';

const clock = fixedClock();
const S = 'board-2026-11-05';
const present = ['ada', 'ben', 'chen', 'dana', 'eli'];

/** Opens a live session of the cooperative board with `people` present and motion m1 open. */
async function liveBoard(ledger: Ledger, people = present): Promise<void> {
  await record(ledger, openSession({ session: S, body: 'board', title: 'Special meeting' }));
  await ledger.append(people.map((p) => attendance('arrive', S, p)));
  await record(
    ledger,
    proposeMotion({ session: S, motion: 'm1', text: 'Paint the hall green.', proposer: 'ben' }),
  );
  await record(ledger, openVote(S, 'm1'));
}

function ballot(
  voter: string,
  choice: BallotInput['choice'],
  motion = 'm1',
  session = S,
): DraftSource {
  return castBallot({ session, motion, voter, choice });
}

function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
}

/**
 * Every perfect subtree of the record's Merkle tree (RFC 9162 hashing, computed here from the
 * entry bytes) is stored as node (level, index), and nothing beyond the tree's size.
 */
async function expectTreeNodes(store: RecordStore): Promise<void> {
  const { size, entries } = await readRecord(store);
  let level = entries.map((e) => sha256(Uint8Array.of(0), Buffer.from(e.hex, 'hex')));
  for (let l = 0; level.length > 0; l++) {
    for (const [i, hash] of level.entries()) {
      const stored = await store.node(l, i);
      expect(stored && Buffer.from(stored).toString('hex'), `node ${l}/${i}`).toBe(
        hash.toString('hex'),
      );
    }
    expect(
      await store.node(l, level.length),
      `node ${l}/${level.length} beyond size ${size}`,
    ).toBeUndefined();
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2)
      next.push(sha256(Uint8Array.of(1), level[i]!, level[i + 1]!));
    level = next;
  }
}

for (const backend of BACKENDS) {
  describe(`Ledger on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;

    beforeEach(async () => {
      handle = await backend.fresh();
      store = await handle.open({ create: true });
    });

    afterEach(async () => {
      await handle?.dispose();
    });

    const expectRefused = (ledger: Ledger, source: DraftSource, code: ErrorCode) =>
      refused(handle, ledger, source, code);

    it('runs a live session to its decisions, and the reopened record folds to the same state', async () => {
      const { json } = charterFile(COOPERATIVE.charter);
      const ledger = await Ledger.create(store, json, { clock });
      expect(ledger.size).toBe(1);

      await liveBoard(ledger);
      for (const [voter, choice] of [
        ['ada', 'aye'],
        ['ben', 'aye'],
        ['chen', 'nay'],
        ['dana', 'abstain'],
        ['eli', 'aye'],
      ] as const) {
        await record(ledger, ballot(voter, choice));
      }
      const closed = await record(ledger, closeVote(S, 'm1'));
      const m1 = ledger.state.motions.get(motionKey(S, 'm1'));
      expect(m1?.status).toBe('closed');
      expect(m1?.closedAt).toBe(closed.index);
      expect(m1?.decision?.outcome).toBe('adopted');
      expect(m1?.decision?.explanation).toMatch(/^adopted: 3 ayes against 1 nay/);
      expect(m1?.decision?.explanation).toMatch(/5 of 7 voting members present, quorum 4/);

      // A bylaw change needs two thirds of the votes cast: 3 of 5 is not enough.
      await record(
        ledger,
        proposeMotion({
          session: S,
          motion: 'bylaw',
          kind: 'bylaws',
          text: 'Amend bylaw 9.',
          proposer: 'chen',
        }),
      );
      await record(ledger, openVote(S, 'bylaw'));
      for (const [voter, choice] of [
        ['ada', 'aye'],
        ['ben', 'nay'],
        ['chen', 'aye'],
        ['dana', 'aye'],
        ['eli', 'nay'],
      ] as const) {
        await record(ledger, ballot(voter, choice, 'bylaw'));
      }
      await record(ledger, closeVote(S, 'bylaw'));
      expect(ledger.state.motions.get(motionKey(S, 'bylaw'))?.decision?.outcome).toBe('rejected');

      // A tie, broken by the chair's casting vote.
      await record(
        ledger,
        proposeMotion({ session: S, motion: 'tie', text: 'Buy a bench.', proposer: 'eli' }),
      );
      await record(ledger, openVote(S, 'tie'));
      for (const [voter, choice] of [
        ['ada', 'nay'],
        ['ben', 'aye'],
        ['chen', 'nay'],
        ['eli', 'aye'],
      ] as const) {
        await record(ledger, ballot(voter, choice, 'tie'));
      }
      await record(ledger, castingVote(S, 'tie', 'aye'));
      await record(ledger, closeVote(S, 'tie'));
      expect(ledger.state.motions.get(motionKey(S, 'tie'))?.decision?.outcome).toBe('adopted');

      await record(ledger, closeSession(S));
      expect(ledger.state.sessions.get(S)?.closedAt).toBe(ledger.size - 1);
      expect(await store.size()).toBe(ledger.size);

      const report = await audit(store);
      expect(report).toMatchObject({ ok: true, size: ledger.size, verified: ledger.size });
      await expectTreeNodes(store);

      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect(reopened.size).toBe(ledger.size);
      expect(reopened.state).toEqual(ledger.state);
    });

    it('refuses every act the rules forbid, leaving the record and the state unchanged', async () => {
      const { json } = charterFile(COOPERATIVE.charter);
      const ledger = await Ledger.create(store, json, { clock });
      await liveBoard(ledger);
      await record(ledger, ballot('ada', 'aye'));
      await record(
        ledger,
        proposeMotion({
          session: S,
          motion: 'later',
          text: 'Not yet put to the vote.',
          proposer: 'ada',
        }),
      );

      // hana is the secretary, not a director; zed is nobody the charter knows.
      await expectRefused(ledger, ballot('hana', 'aye'), 'not-member');
      await expectRefused(ledger, ballot('zed', 'aye'), 'not-found');
      // fay and gus are directors who have not arrived.
      await expectRefused(ledger, ballot('fay', 'aye'), 'absent');
      await expectRefused(ledger, ballot('gus', 'nay'), 'absent');
      // A second ballot is refused where the charter does not say otherwise.
      await expectRefused(ledger, ballot('ada', 'nay'), 'duplicate-ballot');
      await expectRefused(ledger, ballot('ada', 'aye'), 'duplicate-ballot');
      // Unknown sessions and motions, whichever use case names them.
      await expectRefused(ledger, ballot('ben', 'aye', 'm1', 'no-such-session'), 'not-found');
      await expectRefused(ledger, ballot('ben', 'aye', 'no-such-motion'), 'not-found');
      await expectRefused(ledger, openVote('no-such-session', 'm1'), 'not-found');
      await expectRefused(ledger, openVote(S, 'no-such-motion'), 'not-found');
      await expectRefused(ledger, closeVote(S, 'no-such-motion'), 'not-found');
      await expectRefused(ledger, closeVote('no-such-session', 'm1'), 'not-found');
      await expectRefused(ledger, attendance('arrive', 'no-such-session', 'fay'), 'not-found');
      await expectRefused(ledger, closeSession('no-such-session'), 'not-found');
      // A motion whose vote has not been opened takes no ballots and cannot be closed.
      await expectRefused(ledger, ballot('ben', 'aye', 'later'), 'vote-not-open');
      await expectRefused(ledger, closeVote(S, 'later'), 'vote-not-open');

      // The ledger still works: a valid ballot goes in right after the refusals.
      const ok = await record(ledger, ballot('ben', 'aye'));
      expect(ok.index).toBe(ledger.size - 1);
      expect(ledger.state.motions.get(motionKey(S, 'm1'))?.ballots.get('ben')?.choice).toBe('aye');

      await record(ledger, closeVote(S, 'm1'));
      await expectRefused(ledger, ballot('chen', 'aye'), 'vote-not-open');
      await expectRefused(ledger, closeVote(S, 'm1'), 'vote-not-open');
      await record(ledger, openVote(S, 'later'));
      await record(ledger, ballot('chen', 'nay', 'later'));
      await record(ledger, closeVote(S, 'later'));
      await record(ledger, closeSession(S));
      // Nothing happens in a closed session.
      await expectRefused(ledger, ballot('dana', 'aye'), 'conflict');

      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect(reopened.state).toEqual(ledger.state);
    });

    it("refuses a candidate's ballot: voice, no vote", async () => {
      const { json } = charterFile(CENTRAL_COMMITTEE.charter);
      const ledger = await Ledger.create(store, json, { clock });
      const s = 'cc-live';
      await record(ledger, openSession({ session: s, body: 'central-committee' }));
      await ledger.append(
        [
          'lenin',
          'trotsky',
          'stalin',
          'sverdlov',
          'zinoviev',
          'krestinsky',
          'bukharin',
          'uritsky',
          'yakovleva',
        ].map((p) => attendance('arrive', s, p)),
      );
      await record(
        ledger,
        proposeMotion({ session: s, motion: 'peace', text: 'Sign the peace.', proposer: 'lenin' }),
      );
      await record(ledger, openVote(s, 'peace'));

      const refused = await expectRefused(
        ledger,
        ballot('yakovleva', 'aye', 'peace', s),
        'candidate-no-vote',
      );
      expect(refused.message).toBe(
        'V. N. Yakovleva is a candidate of Central Committee: voice, no vote',
      );

      await record(ledger, ballot('lenin', 'aye', 'peace', s));
      await record(ledger, closeVote(s, 'peace'));
      const decision = ledger.state.motions.get(motionKey(s, 'peace'))?.decision;
      expect(decision?.outcome).toBe('adopted');
      expect(decision?.explanation).toMatch(/1 aye against 0 nays/);
    });

    it('lets a second ballot replace the first where the charter says second-ballot: replace', async () => {
      const json = editedCharterJson(COOPERATIVE.charter, (c) => {
        c.bodies['board']!['second-ballot'] = 'replace';
      });
      const ledger = await Ledger.create(store, json, { clock });
      await liveBoard(ledger);
      await record(ledger, ballot('ada', 'aye'));
      await record(ledger, ballot('ben', 'aye'));
      await record(ledger, ballot('chen', 'nay'));
      const sizeBefore = ledger.size;
      await record(ledger, ballot('ada', 'nay'));
      await record(ledger, ballot('ben', 'nay'));
      // Both ballots stay in the record; only the latest counts.
      expect(ledger.size).toBe(sizeBefore + 2);
      const m1 = ledger.state.motions.get(motionKey(S, 'm1'));
      expect(m1?.ballots.size).toBe(3);
      expect(m1?.ballots.get('ada')?.choice).toBe('nay');
      // The rules still apply to a replacing ballot.
      await expectRefused(ledger, ballot('fay', 'aye'), 'absent');
      await record(ledger, closeVote(S, 'm1'));
      expect(m1?.decision?.outcome).toBe('rejected');
      expect(m1?.decision?.explanation).toMatch(/^rejected: 0 ayes against 3 nays/);
      expect(await audit(store)).toMatchObject({ ok: true });
    });

    it("signs a member's ballot with the member's own key, and refuses it without that key", async () => {
      const ben = generateKeyPair();
      const stranger = generateKeyPair();
      const json = editedCharterJson(COOPERATIVE.charter, (c) => {
        c.people['ben']!.key = `ed25519:${toBase64(ben.publicKey)}`;
      });
      const ledger = await Ledger.create(store, json, { clock });
      await record(ledger, openSession({ session: S, body: 'board' }));
      // The secretary checks people in, ben included: that is the secretary's act, not ben's.
      await ledger.append(present.map((p) => attendance('arrive', S, p, 'hana')));
      await record(
        ledger,
        proposeMotion({ session: S, motion: 'm1', text: 'Fix the gate.', proposer: 'ada' }),
      );
      await record(ledger, openVote(S, 'm1'));

      // Without ben's key nobody may sign ben's ballot: not the custodian, not the secretary.
      await expectRefused(ledger, ballot('ben', 'aye'), 'unauthenticated');
      await expectRefused(
        ledger,
        {
          act: {
            type: 'ballot.cast',
            payload: { session: S, motion: 'm1', voter: 'ben', choice: 'aye' },
          },
          actor: 'ben',
          signer: 'hana',
        },
        'forbidden',
      );
      // A key that is not the one the charter names for ben.
      ledger.useKeys(new Map([['ben', stranger.privateKey]]));
      await expectRefused(ledger, ballot('ben', 'aye'), 'unauthenticated');

      ledger.useKeys(new Map([['ben', ben.privateKey]]));
      const entry = await record(ledger, ballot('ben', 'aye'));
      const signed = decodeEntry(entry.bytes);
      expect(signed).toMatchObject({
        type: 'ballot.cast',
        actor: 'ben',
        signer: 'ben',
        key: toBase64(ben.publicKey),
      });
      expect(verifyEntrySignature(signed)).toBe(true);
      // The others have no keys: the secretary records their ballots, visibly.
      const ada = decodeEntry((await record(ledger, ballot('ada', 'aye'))).bytes);
      expect(ada).toMatchObject({ actor: 'ada', signer: 'hana' });
      expect(ada.key).not.toBe(toBase64(ben.publicKey));

      await record(ledger, closeVote(S, 'm1'));
      await record(ledger, closeSession(S));
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });

      // Stored and read back, ben's entry is still his, signed with his key.
      const reopened = await Ledger.open(await handle.open({ create: false }), { keys: new Map() });
      expect(reopened.state).toEqual(ledger.state);
      const stored = (await readRecord(store)).entries[entry.index]!;
      expect(stored.hex).toBe(Buffer.from(entry.bytes).toString('hex'));
    });

    it('records a batch all or none: one refused act leaves nothing of the batch', async () => {
      const { json } = charterFile(COOPERATIVE.charter);
      const ledger = await Ledger.create(store, json, { clock });
      await liveBoard(ledger);
      const dump = await handle.dump();
      const state = structuredClone(ledger.state);
      await expect(
        ledger.append([
          ballot('ada', 'aye'),
          ballot('ben', 'aye'),
          ballot('fay', 'aye'),
          ballot('chen', 'aye'),
        ]),
      ).rejects.toMatchObject({ code: 'absent' });
      expect(await handle.dump()).toEqual(dump);
      expect(ledger.state).toEqual(state);
      // The same ballots, without fay's, go in.
      const entries = await ledger.append([
        ballot('ada', 'aye'),
        ballot('ben', 'aye'),
        ballot('chen', 'aye'),
      ]);
      expect(entries.map((e) => e.index)).toEqual([state.size, state.size + 1, state.size + 2]);
      expect(await audit(store)).toMatchObject({ ok: true });
    });

    it('serializes acts recorded at the same time through one ledger', async () => {
      const { json } = charterFile(COOPERATIVE.charter);
      const ledger = await Ledger.create(store, json, { clock });
      await liveBoard(ledger);
      const start = ledger.size;
      const results = await Promise.allSettled([
        ...present.map((p) => record(ledger, ballot(p, 'aye'))),
        record(ledger, ballot('fay', 'aye')),
        record(ledger, ballot('ada', 'nay')),
      ]);
      const indexes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.index] : []));
      expect(indexes).toEqual([0, 1, 2, 3, 4].map((i) => start + i));
      expect(
        results.slice(5).map((r) => r.status === 'rejected' && (r.reason as DomainError).code),
      ).toEqual(['absent', 'duplicate-ballot']);
      expect(await store.size()).toBe(start + 5);
      expect(await audit(store)).toMatchObject({ ok: true, size: start + 5 });
    });

    it('applies the charter to proxies and casting votes in a live session', async () => {
      const { json } = charterFile(COOPERATIVE.charter);
      const ledger = await Ledger.create(store, json, { clock });
      await liveBoard(ledger);
      // gus gives eli his proxy for the session; a holder may hold one, and must be present.
      await record(ledger, grantProxy('g-gus', 'gus', 'eli', { session: S }));
      await record(
        ledger,
        castBallot({ session: S, motion: 'm1', voter: 'gus', choice: 'aye', castBy: 'eli' }),
      );
      // eli holds one proxy already: fay cannot give him another, nor vote through him without.
      await expectRefused(
        ledger,
        grantProxy('g-fay', 'fay', 'eli', { session: S }),
        'charter-rule',
      );
      await expectRefused(
        ledger,
        castBallot({ session: S, motion: 'm1', voter: 'fay', choice: 'aye', castBy: 'eli' }),
        'no-proxy',
      );
      // gus holds fay's proxy, but he is not present to use it.
      await record(ledger, grantProxy('g-fay', 'fay', 'gus', { session: S }));
      await expectRefused(
        ledger,
        castBallot({ session: S, motion: 'm1', voter: 'fay', choice: 'aye', castBy: 'gus' }),
        'absent',
      );
      // Only the chair gives the casting vote.
      await expectRefused(ledger, castingVote(S, 'm1', 'aye', 'ben'), 'forbidden');
      await record(ledger, ballot('ben', 'nay'));
      await record(ledger, castingVote(S, 'm1', 'nay'));
      await record(ledger, closeVote(S, 'm1'));
      const m1 = ledger.state.motions.get(motionKey(S, 'm1'));
      expect(m1?.ballots.get('gus')).toMatchObject({
        choice: 'aye',
        castBy: 'eli',
        grant: 'g-gus',
      });
      // 1 aye (gus, by proxy) against 1 nay, and the chair's casting vote nay.
      expect(m1?.decision?.outcome).toBe('rejected');
      expect(await audit(store)).toMatchObject({ ok: true });
    });

    it('creates a record only where there is none, and opens only a record', async () => {
      const { json } = charterFile(COOPERATIVE.charter);
      await expect(Ledger.open(store)).rejects.toMatchObject({ code: 'not-found' });
      await Ledger.create(store, json, { clock });
      const dump = await handle.dump();
      await expect(
        Ledger.create(store, charterFile(CENTRAL_COMMITTEE.charter).json),
      ).rejects.toBeInstanceOf(StoreConflict);
      expect(await handle.dump()).toEqual(dump);
      const opened = await Ledger.open(store);
      expect(opened.state.charter?.organization.id).toBe('maple-court-coop');
    });

    it('catches up with another writer under the lock and appends after it, no conflict', async () => {
      const { json } = charterFile(COOPERATIVE.charter);
      const first = await Ledger.create(store, json, { clock });
      await record(first, openSession({ session: S, body: 'board' }));
      const second = await Ledger.open(await handle.open({ create: false }), { clock });
      const moved: number[] = [];
      second.onMoved((acts) => moved.push(...acts.map((a) => a.index)));
      await record(first, attendance('arrive', S, 'ada'));

      // The second ledger has not read the first's arrival; it folds it, then appends after it.
      await record(second, attendance('arrive', S, 'ben'));
      expect(moved).toEqual([2]);
      expect(second.size).toBe(4);
      expect(await store.size()).toBe(4);
      // An act the other writer's entries made invalid is refused for what it is, not a conflict.
      await record(first, attendance('depart', S, 'ada'));
      await expect(record(second, attendance('depart', S, 'ada'))).rejects.toMatchObject({
        code: 'conflict',
      });
      expect(await store.size()).toBe(5);
      expect(await audit(store)).toMatchObject({ ok: true, size: 5 });
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect([...(reopened.state.sessions.get(S)?.present ?? [])]).toEqual(['ben']);
    });

    it('follows the log: catchUp folds what another writer appended', async () => {
      const { json } = charterFile(COOPERATIVE.charter);
      const first = await Ledger.create(store, json, { clock });
      const second = await Ledger.open(await handle.open({ create: false }), { clock });
      expect(await second.catchUp()).toEqual([]);
      await record(first, openSession({ session: S, body: 'board' }));
      await record(first, attendance('arrive', S, 'ada'));
      const folded = await second.catchUp();
      expect(folded.map((a) => a.type)).toEqual(['session.open', 'attendance.arrive']);
      expect([...(second.state.sessions.get(S)?.present ?? [])]).toEqual(['ada']);
      await record(second, attendance('arrive', S, 'ben'));
      expect(await audit(store)).toMatchObject({ ok: true, size: 4 });
    });
  });
}
