/**
 * Several keys per person, on both storage backends: a person signs with any key of theirs not
 * revoked; any officer enrols, revokes and invites; a member holding a key invites themself for
 * another device; and where no officer can, an adopted motion authorizes a re-invitation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import {
  enrolMember,
  invite,
  inviteOnDecision,
  revokeKey,
  tokenHash,
} from '../../src/app/enrolment.js';
import { Ledger } from '../../src/app/ledger.js';
import type { Draft, DraftSource } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import type { Act } from '../../src/core/acts.js';
import { toBase64 } from '../../src/core/bytes.js';
import type { ErrorCode } from '../../src/core/errors.js';
import { motionKey, personKeys } from '../../src/core/state/index.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { decodeEntry, verifyEntrySignature } from '../../src/record/entry.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, charterFile, fixedClock } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { expectRefused as refused, signedBy } from './support.js';

const clock = fixedClock();
const NOW = clock().toISOString();
const EXPIRES = '2026-11-12T18:00:00.000Z';
const S = 'board-2026-11-05';

const keyOf = (pair: KeyPair): string => toBase64(pair.publicKey);

/** What a person's device sends to redeem an invitation: the new key, signed by itself. */
function redeem(person: string, pair: KeyPair, token: string): Draft {
  const act: Act = {
    type: 'member.enrol',
    payload: { person, key: keyOf(pair), invitation: tokenHash(token) },
  };
  return signedBy('maple-court-coop', person, pair, act, NOW);
}

function ballot(motion: string, voter: string, choice: 'aye' | 'nay'): DraftSource {
  return castBallot({ session: S, motion, voter, choice });
}

/** Opens a live board meeting with `present` there and motions m1 and m2 open to the vote. */
async function meeting(ledger: Ledger, present: readonly string[]): Promise<void> {
  await record(ledger, openSession({ session: S, body: 'board' }));
  await ledger.append(present.map((p) => attendance('arrive', S, p, 'hana')));
  for (const motion of ['m1', 'm2']) {
    await record(ledger, proposeMotion({ session: S, motion, text: `Motion ${motion}.` }));
    await record(ledger, openVote(S, motion));
  }
}

/** The signer and key of a recorded entry, its signature checked. */
function signature(bytes: Uint8Array): { signer: string | null; key: string } {
  const entry = decodeEntry(bytes);
  expect(verifyEntrySignature(entry)).toBe(true);
  return { signer: entry.signer, key: entry.key };
}

for (const backend of BACKENDS) {
  describe(`keys on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;
    let ledger: Ledger;

    beforeEach(async () => {
      handle = await backend.fresh();
      store = await handle.open({ create: true });
      ledger = await Ledger.create(store, charterFile(COOPERATIVE.charter).json, { clock });
    });

    afterEach(async () => {
      await handle?.dispose();
    });

    const expectRefused = (source: DraftSource, code: ErrorCode) =>
      refused(handle, ledger, source, code);
    const using = (person: string, pair?: KeyPair): void =>
      ledger.useKeys(new Map(pair ? [[person, pair.privateKey]] : []));

    it('lets a person sign with either of two keys; revoking one leaves the other', async () => {
      const phone = generateKeyPair();
      const laptop = generateKeyPair();
      await record(ledger, enrolMember('ben', keyOf(phone)));
      await record(ledger, enrolMember('ben', keyOf(laptop)));
      expect(personKeys(ledger.state, 'ben')).toEqual([keyOf(laptop), keyOf(phone)]);
      await expectRefused(enrolMember('ben', keyOf(phone)), 'conflict');
      await meeting(ledger, ['ada', 'ben', 'chen', 'dana']);

      using('ben', phone);
      expect(signature((await record(ledger, ballot('m1', 'ben', 'aye'))).bytes)).toEqual({
        signer: 'ben',
        key: keyOf(phone),
      });
      using('ben', laptop);
      expect(signature((await record(ledger, ballot('m2', 'ben', 'aye'))).bytes)).toEqual({
        signer: 'ben',
        key: keyOf(laptop),
      });
      using('ben', generateKeyPair());
      await expectRefused(
        proposeMotion({ session: S, motion: 'm3', text: 'Mine.', proposer: 'ben' }),
        'unauthenticated',
      );

      // He holds two: the one to revoke is named. He gives up the phone himself, from the laptop.
      await expectRefused(revokeKey('ben'), 'invalid-input');
      using('ben', laptop);
      const revoked = await record(
        ledger,
        revokeKey('ben', { key: keyOf(phone), actor: 'ben', reason: 'phone lost' }),
      );
      expect(signature(revoked.bytes)).toEqual({ signer: 'ben', key: keyOf(laptop) });
      expect(personKeys(ledger.state, 'ben')).toEqual([keyOf(laptop)]);
      using('ben', phone);
      await expectRefused(
        proposeMotion({ session: S, motion: 'm3', text: 'Mine.', proposer: 'ben' }),
        'unauthenticated',
      );
      using('ben', laptop);
      await record(
        ledger,
        proposeMotion({ session: S, motion: 'm3', text: 'Mine.', proposer: 'ben' }),
      );
      // A revoked key is never his again; a new one may replace the laptop.
      await expectRefused(enrolMember('ben', keyOf(phone)), 'conflict');
      const tablet = generateKeyPair();
      await record(ledger, enrolMember('ben', keyOf(tablet), { replaces: keyOf(laptop) }));
      expect(personKeys(ledger.state, 'ben')).toEqual([keyOf(tablet)]);
      await expectRefused(enrolMember('ben', keyOf(laptop)), 'conflict');

      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect(reopened.state).toEqual(ledger.state);
    });

    it("lets the chair revoke the secretary's key and invite her to enrol a new one", async () => {
      const lost = generateKeyPair();
      // ada, the chair, is an officer too: she enrols, revokes and invites.
      await record(ledger, enrolMember('hana', keyOf(lost), { actor: 'ada' }));
      using('hana', lost);
      await record(ledger, openSession({ session: S, body: 'board' }));

      // ben is no officer: he neither revokes her key nor invites her.
      await expectRefused(revokeKey('hana', { actor: 'ben' }), 'forbidden');
      await expectRefused(invite('hana', tokenHash('t0'), EXPIRES, 'ben'), 'forbidden');
      await record(ledger, revokeKey('hana', { actor: 'ada', reason: 'laptop stolen' }));
      expect(personKeys(ledger.state, 'hana')).toEqual([]);
      await record(ledger, invite('hana', tokenHash('t1'), EXPIRES, 'ada'));

      const fresh = generateKeyPair();
      await record(ledger, redeem('hana', fresh, 't1'));
      expect(personKeys(ledger.state, 'hana')).toEqual([keyOf(fresh)]);
      // The invitation is used up; the stolen key signs nothing of hers.
      await expectRefused(redeem('hana', generateKeyPair(), 't1'), 'forbidden');
      await expectRefused(attendance('arrive', S, 'ada', 'hana'), 'unauthenticated');
      using('hana', fresh);
      const arrival = await record(ledger, attendance('arrive', S, 'ada', 'hana'));
      expect(signature(arrival.bytes)).toEqual({ signer: 'hana', key: keyOf(fresh) });
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('lets a member invite themself for another device only while holding a key', async () => {
      await expectRefused(invite('ben', tokenHash('t0'), EXPIRES, 'ben'), 'forbidden');
      const phone = generateKeyPair();
      await record(ledger, enrolMember('ben', keyOf(phone)));
      using('ben', phone);
      // Himself only: he is no officer.
      await expectRefused(invite('chen', tokenHash('t0'), EXPIRES, 'ben'), 'forbidden');
      const invitation = await record(ledger, invite('ben', tokenHash('t1'), EXPIRES, 'ben'));
      expect(signature(invitation.bytes)).toEqual({ signer: 'ben', key: keyOf(phone) });

      const laptop = generateKeyPair();
      await record(ledger, redeem('ben', laptop, 't1'));
      expect(personKeys(ledger.state, 'ben')).toEqual([keyOf(laptop), keyOf(phone)]);

      // Having given up both, he holds none to invite himself with.
      await record(ledger, revokeKey('ben', { key: keyOf(phone), actor: 'ben' }));
      using('ben', laptop);
      await record(ledger, revokeKey('ben', { actor: 'ben' }));
      expect(personKeys(ledger.state, 'ben')).toEqual([]);
      using('ben');
      await expectRefused(invite('ben', tokenHash('t2'), EXPIRES, 'ben'), 'forbidden');
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('takes an invitation on a decision once, signed with the custodial key, on an adopted motion that re-invites the person', async () => {
      await meeting(ledger, ['ada', 'ben', 'chen', 'dana']);
      const motions: [string, { invites?: string }][] = [
        ['reinvite', { invites: 'hana' }],
        ['lost', { invites: 'hana' }],
        ['other', { invites: 'ben' }],
        ['plain', {}],
      ];
      for (const [motion, extra] of motions)
        await record(
          ledger,
          proposeMotion({ session: S, motion, text: 'Re-invite.', proposer: 'ada', ...extra }),
        );
      const onDecision = (motion: string, token = 't1'): DraftSource =>
        inviteOnDecision('hana', tokenHash(token), EXPIRES, { session: S, motion });
      await record(ledger, openVote(S, 'reinvite'));
      // Not decided yet: it authorizes nothing.
      await expectRefused(onDecision('reinvite'), 'charter-rule');
      for (const [motion] of motions) {
        if (motion !== 'reinvite') await record(ledger, openVote(S, motion));
        const ayes = motion === 'lost' ? ['ada'] : ['ada', 'ben', 'chen'];
        const nays = motion === 'lost' ? ['ben', 'chen'] : ['dana'];
        await ledger.append([
          ...ayes.map((v) => ballot(motion, v, 'aye')),
          ...nays.map((v) => ballot(motion, v, 'nay')),
        ]);
        await record(ledger, closeVote(S, motion));
      }
      const outcome = (m: string) => ledger.state.motions.get(motionKey(S, m))?.decision?.outcome;
      expect(motions.map(([m]) => outcome(m))).toEqual([
        'adopted',
        'rejected',
        'adopted',
        'adopted',
      ]);

      await expectRefused(onDecision('no-such-motion'), 'not-found');
      // Rejected; re-inviting another person; re-inviting no one.
      for (const motion of ['lost', 'other', 'plain'])
        await expectRefused(onDecision(motion), 'charter-rule');
      // The organization's act: no officer's, and signed with no one's name.
      const act: Act = {
        type: 'member.invite',
        payload: {
          person: 'hana',
          token: tokenHash('t1'),
          expires: EXPIRES,
          decision: { session: S, motion: 'reinvite' },
        },
      };
      await expectRefused({ act, actor: 'ada' }, 'forbidden');
      await expectRefused({ act, actor: null, signer: 'hana' }, 'forbidden');

      const invited = await record(ledger, onDecision('reinvite'));
      expect(decodeEntry(invited.bytes)).toMatchObject({
        actor: null,
        signer: null,
        key: ledger.state.custodian,
      });
      expect(ledger.state.motions.get(motionKey(S, 'reinvite'))?.invitedAt).toBe(invited.index);
      await expectRefused(onDecision('reinvite', 't2'), 'conflict');

      const pair = generateKeyPair();
      await record(ledger, redeem('hana', pair, 't1'));
      expect(personKeys(ledger.state, 'hana')).toEqual([keyOf(pair)]);
      expect(await audit(store)).toMatchObject({ ok: true, size: ledger.size });
      const reopened = await Ledger.open(await handle.open({ create: false }));
      expect(reopened.state).toEqual(ledger.state);
    });
  });
}
