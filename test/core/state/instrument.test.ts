/** Instruments as the fold keeps them: drafted, signed in order, issued, and their life after. */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import {
  awaitingSignature,
  inForce,
  instrumentContentHash,
  nextAfter,
  signatureLine,
  signatureLink,
} from '../../../src/core/state/index.js';
import { answerAct, BOARD, charterJson, CUSTODIAN, draftAct, Fold, openAct } from './fold.js';

/** A board that issues orders signed by ann then bob, mandates and receipts. */
function board(): Fold {
  return new Fold({
    board: {
      ...BOARD,
      instruments: {
        order: { formula: 'By order of the Board', signers: ['ann', 'bob'], order: 'as-listed' },
        mandate: { signers: { 'at-least': 1, of: 'members' }, 'rests-on': 'none' },
        receipt: { signers: { 'at-least': 1, of: ['members', 'eve'] }, 'rests-on': 'none' },
      },
    },
  });
}

const draft = draftAct;

function sign(f: Fold, id = 'i1'): Act & { payload: object } {
  const i = f.state.instruments.get(id)!;
  return {
    type: 'instrument.sign',
    payload: { instrument: id, content: i.content, after: nextAfter(i) },
  };
}

describe('instruments', () => {
  it('drafts, signs and issues a mandate, then revokes it', () => {
    const f = board();
    f.act(draft(), 'ann');
    f.act(sign(f), 'bob');
    f.act({ type: 'instrument.issue', payload: { instrument: 'i1' } }, 'ann');
    const i = f.state.instruments.get('i1')!;
    expect(i.status).toBe('issued');
    expect(i.signatures.map((s) => s.signer)).toEqual(['bob']);
    f.refuses('wrong-kind', { type: 'instrument.settle', payload: { instrument: 'i1' } }, 'ann');
    f.act({ type: 'instrument.revoke', payload: { instrument: 'i1', reason: 'done' } }, 'ann');
    expect(i.status).toBe('revoked');
  });

  it('refuses signatures out of the listed order, twice by one person, or on changed content', () => {
    const f = board();
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    f.decide('s1', 'ann', { motion: 'm1' }, { ann: 'aye', bob: 'aye', cy: 'aye' });
    f.act(draft({ kind: 'order', restsOn: { session: 's1', motion: 'm1' } }), 'ann');
    f.refuses('not-a-signer', sign(f), 'cy');
    // Bob is listed after ann: signing first, he would leave her no place to sign.
    f.refuses('out-of-order', sign(f), 'bob');
    const first = sign(f);
    f.act(first, 'ann');
    f.refuses('duplicate-signature', sign(f), 'ann');
    // The same signature sent again (its chain now stale) is told as the second it is.
    f.refuses('duplicate-signature', first, 'ann');
    f.refuses('signing-rule', { type: 'instrument.issue', payload: { instrument: 'i1' } }, 'ann');
    const changed = sign(f) as Act & { payload: { content: string } };
    f.refuses(
      'content-mismatch',
      { ...changed, payload: { ...changed.payload, content: 'f'.repeat(64) } } as Act,
      'bob',
    );
  });

  it('refuses an order resting on no decision', () => {
    const f = board();
    f.refuses('charter-rule', draft({ kind: 'order' }), 'ann');
  });
});

const act = (type: string, payload: object): Act => ({ type, payload }) as Act;
const issue = (instrument = 'i1') => act('instrument.issue', { instrument });

/** The board with a decision m1 adopted at session s1, closed. */
function decided(f = board()): Fold {
  f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
  f.decide('s1', 'ann', { motion: 'm1' }, { ann: 'aye', bob: 'aye', cy: 'aye' });
  f.decide('s1', 'ann', { motion: 'm2' }, { ann: 'nay', bob: 'nay', cy: 'aye' });
  return f;
}
const M1 = { session: 's1', motion: 'm1' };
const M2 = { session: 's1', motion: 'm2' };

describe('instruments: every refusal leaves the state as it was', () => {
  it('refuses drafts the charter or the register does not allow', () => {
    const f = decided();
    f.act(draft(), 'ann');
    f.refuses('conflict', draft({ number: '2026/2' }), 'ann');
    f.refuses('conflict', draft({ instrument: 'i2' }), 'ann');
    f.refuses('not-found', draft({ instrument: 'i2', number: '2', holder: 'ghost' }), 'ann');
    f.refuses('charter-rule', draft({ instrument: 'i2', number: '2', kind: 'charter' }), 'ann');
    // eve is no officer of the board, nor one the mandate's rule names.
    f.refuses('forbidden', draft({ instrument: 'i2', number: '2' }), 'eve');
    const order = (restsOn?: object) =>
      draft({ instrument: 'i2', number: '2', kind: 'order', ...(restsOn ? { restsOn } : {}) });
    f.refuses('charter-rule', order(), 'ann');
    f.refuses('not-found', order({ session: 's1', motion: 'm9' }), 'ann');
    f.refuses('charter-rule', order(M2), 'ann');
    // Someone else's key does not sign for ann.
    f.refuses('forbidden', order(M1), 'ann', 'eve');
    f.act(order(M1), 'ann');
    expect(f.state.instruments.get('i2')!.flags).toEqual([]);
  });

  it('refuses a decision of another body, and a dispatch of another register', () => {
    const f = new Fold({
      board: { ...BOARD, instruments: { order: { signers: ['ann', 'bob'] } } },
      council: {
        name: 'Council',
        members: ['eve', 'fay'],
        chair: 'eve',
        quorum: 'majority',
        majority: 'votes-cast',
      },
    });
    f.meet('c1', 'council', 'eve', ['eve', 'fay']);
    f.decide('c1', 'eve', { motion: 'x' }, { eve: 'aye', fay: 'aye' });
    f.act(
      act('dispatch.register', {
        dispatch: 'd1',
        body: 'council',
        number: '1',
        received: '2026-12-01',
        from: 'A farmer',
        channel: 'letter',
        text: 'Fence?',
      }),
      'eve',
    );
    f.refuses(
      'charter-rule',
      draft({ kind: 'order', restsOn: { session: 'c1', motion: 'x' } }),
      'ann',
    );
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    f.decide('s1', 'ann', { motion: 'm1' }, { ann: 'aye', bob: 'aye', cy: 'aye' });
    f.refuses('charter-rule', draft({ kind: 'order', restsOn: M1, answers: 'd1' }), 'ann');
    // Referred to the board, it may be answered by the board's order, as by its motion; once
    // closed, by nothing live.
    f.act(act('dispatch.refer', { dispatch: 'd1', inscription: 'Board', body: 'board' }), 'eve');
    f.act(draft({ kind: 'order', restsOn: M1, answers: 'd1' }), 'ann');
    f.act(act('dispatch.close', { dispatch: 'd1', reason: 'Answered by letter' }), 'eve');
    expect(() =>
      f.act(
        draft({ instrument: 'i2', number: '2', kind: 'order', restsOn: M1, answers: 'd1' }),
        'ann',
      ),
    ).toThrow(
      'dispatch no. 1 from A farmer was closed (Answered by letter): it takes no more answers',
    );
    // Minutes that answer it again are recorded as written, and flagged.
    const again = { instrument: 'i3', number: '3', mode: 'minutes', date: '2026-12-01' };
    f.act(draft({ ...again, kind: 'order', restsOn: M1, answers: 'd1' }), 'ann');
    expect(f.state.instruments.get('i3')!.flags).toContain(
      'dispatch no. 1 from A farmer was closed (Answered by letter) before this answer',
    );
  });

  it('refuses signatures that break the chain, the rule or the record', () => {
    const f = decided();
    f.act(draft({ kind: 'order', restsOn: M1 }), 'ann');
    f.refuses('forbidden', sign(f), null);
    const first = sign(f);
    f.act(first, 'ann');
    // The first signature's `after` is stale now.
    f.refuses('conflict', first, 'bob');
    // An officer records a signature given live only saying how it came.
    f.refuses('invalid-input', sign(f), 'bob', 'ann');
    // Only the chair or secretary records for others.
    f.refuses(
      'forbidden',
      act('instrument.sign', { ...sign(f).payload, channel: 'letter' }),
      'bob',
      'cy',
    );
    f.act(sign(f), 'bob');
    f.act(issue(), 'ann');
    f.refuses('conflict', sign(f), 'cy');
  });

  it('refuses issue by someone neither officer nor signer, and before the rule is met', () => {
    const f = decided();
    f.act(draft({ kind: 'order', restsOn: M1 }), 'ann');
    f.act(sign(f), 'ann');
    f.refuses('signing-rule', issue(), 'ann');
    f.act(sign(f), 'bob');
    f.refuses('forbidden', issue(), 'cy');
    f.act(issue(), 'bob');
    expect(f.state.instruments.get('i1')!.status).toBe('issued');
  });

  it('refuses revocations, settlements and annulments the instrument or the record does not allow', () => {
    const f = decided();
    f.act(draft(), 'ann');
    f.refuses('conflict', act('instrument.revoke', { instrument: 'i1' }), 'ann');
    f.act(sign(f), 'bob');
    f.act(issue(), 'ann');
    f.refuses('forbidden', act('instrument.revoke', { instrument: 'i1' }), 'bob');
    f.refuses('charter-rule', act('instrument.revoke', { instrument: 'i1', by: M2 }), 'ann');
    f.refuses('not-found', act('instrument.revoke', { instrument: 'nowhere' }), 'ann');
    f.refuses('wrong-kind', act('instrument.settle', { instrument: 'i1' }), 'ann');
    // The decision that annuls comes after the instrument.
    f.refuses('charter-rule', act('instrument.annul', { instrument: 'i1', by: M1 }), 'ann');
    f.decide('s1', 'ann', { motion: 'm3' }, { ann: 'aye', bob: 'aye', cy: 'aye' });
    const m3 = { session: 's1', motion: 'm3' };
    f.refuses(
      'invalid-input',
      act('instrument.annul', { instrument: 'i1', by: m3, supersededBy: 'i1' }),
      'ann',
    );
    f.refuses(
      'not-found',
      act('instrument.annul', { instrument: 'i1', by: m3, supersededBy: 'i9' }),
      'ann',
    );
    f.refuses('forbidden', act('instrument.annul', { instrument: 'i1', by: m3 }), 'cy');
    f.act(act('instrument.annul', { instrument: 'i1', by: m3, reason: 'void' }), 'ann');
    f.refuses('conflict', act('instrument.annul', { instrument: 'i1', by: m3 }), 'ann');
    f.refuses('conflict', act('instrument.revoke', { instrument: 'i1' }), 'ann');
    // One who may not act on it at all is told so, whatever became of it.
    f.refuses('forbidden', act('instrument.annul', { instrument: 'i1', by: m3 }), 'cy');
    f.refuses('forbidden', act('instrument.revoke', { instrument: 'i1' }), 'bob');
  });
});

describe('the day an instrument is revoked or settled', () => {
  const dated = (extra: object) => draft({ mode: 'minutes', date: '1919-05-01', ...extra });
  const receipt = { kind: 'receipt', from: 'eve', amount: { value: 5, unit: 'RUB' } };

  it('is refused before the day the instrument bears, or was issued on', () => {
    const f = board();
    f.act(dated({}), 'ann');
    f.act(sign(f), 'bob');
    f.act(issue(), 'ann');
    const revoke = (date: string) => act('instrument.revoke', { instrument: 'i1', date });
    f.refuses('invalid-input', revoke('1919-03-01'), 'ann');
    expect(() => f.act(revoke('1919-04-30T23:00'), 'ann')).toThrow(
      'payload.date: mandate no. 2026/1 of Board is revoked on 30 April 1919, 23:00, before the date it bears, 1 May 1919',
    );
    f.act(revoke('1919-05-01'), 'ann');
    expect(f.state.instruments.get('i1')!.status).toBe('revoked');

    f.act(dated({ ...receipt, instrument: 'i2', number: '2026/2', holder: undefined }), 'ann');
    f.act(sign(f, 'i2'), 'bob');
    f.act(act('instrument.issue', { instrument: 'i2', date: '1919-06-10' }), 'ann');
    const settle = (date: string) => act('instrument.settle', { instrument: 'i2', date });
    expect(() => f.act(settle('1919-06-01'), 'ann')).toThrow(
      'payload.date: receipt no. 2026/2 of Board is settled on 1 June 1919, before it was issued on 10 June 1919',
    );
    f.act(settle('1919-07-01'), 'ann');
    expect(f.state.instruments.get('i2')!.status).toBe('settled');
  });

  it('is taken as the record holds it, replayed from a record written before', () => {
    const f = board();
    f.replays(dated({}), 'ann');
    f.replays(sign(f), 'bob');
    f.replays(issue(), 'ann');
    f.replays(act('instrument.revoke', { instrument: 'i1', date: '1918-06-01' }), 'ann');
    expect(f.state.instruments.get('i1')!.revoked).toMatchObject({ date: '1918-06-01' });
  });
});

describe('instruments transcribed from minutes', () => {
  it('records what the charter does not allow, and flags it', () => {
    const f = board();
    const minutes = { mode: 'minutes', kind: 'order' };
    // The organization transcribes: an order resting on no decision, signed out of order. Bob's
    // signature, before Ann's, is the one out of order; Ann's, first of those admitted, is not.
    f.act(draft(minutes), null);
    f.act(sign(f), 'bob');
    f.act(sign(f), 'ann');
    f.act(sign(f), 'eve');
    // Still refused in minutes: a signature twice.
    f.refuses('duplicate-signature', sign(f), 'bob');
    f.act(issue(), null);
    const i = f.state.instruments.get('i1')!;
    expect(i.status).toBe('issued');
    expect(i.flags).toEqual([
      'an instrument of this kind rests on a decision of Board',
      'bob may not sign yet: ann must sign first, or the 2 signatures needed could never be gathered in the listed order (ann, bob)',
      'eve is not among the signers of an order of Board: ann, bob, every one of them, in the order listed',
      'issued short of its signing rule: 1 of the 2 signatures needed the rule admits: ann, bob, every one of them, in the order listed',
    ]);
    // A kind the board does not issue, and an issue short of the rule.
    f.act(draft({ ...minutes, instrument: 'i2', number: '2', kind: 'charter' }), null);
    expect(f.state.instruments.get('i2')!.flags).toEqual([
      'Board issues no charter: its charter names order, mandate, receipt',
    ]);
  });

  it('keeps a signature an officer recorded, with how it came, in the signature line', () => {
    const f = decided();
    f.act(draft({ kind: 'order', restsOn: M1 }), 'ann');
    f.act(act('instrument.sign', { ...sign(f).payload, channel: 'telephone' }), 'ann');
    f.act(act('instrument.sign', { ...sign(f).payload, channel: 'letter' }), 'bob', 'ann');
    const i = f.state.instruments.get('i1')!;
    expect(i.signatures.map((s) => [s.signer, s.recordedBy, s.channel])).toEqual([
      ['ann', undefined, 'telephone'],
      ['bob', 'ann', 'letter'],
    ]);
    expect(signatureLine(i, f.state.charter!)).toBe(
      'By order of the Board: ann. bob (recorded by ann)',
    );
  });
});

describe('an instrument after its issue', () => {
  it('closes the dispatch it answers when issued', () => {
    const f = decided();
    f.act(
      act('dispatch.register', {
        dispatch: 'd1',
        body: 'board',
        number: '1',
        received: '2026-12-01',
        from: 'A farmer',
        channel: 'letter',
        text: 'Fence?',
      }),
      'ann',
    );
    f.act(draft({ kind: 'order', restsOn: M1, answers: 'd1' }), 'ann');
    f.act(sign(f), 'ann');
    f.act(sign(f), 'bob');
    expect(f.state.dispatches.get('d1')!.closed).toBeUndefined();
    f.act(issue(), 'ann');
    expect(f.state.dispatches.get('d1')!.closed).toMatchObject({
      reason: 'answered by order no. 2026/1 of Board',
      by: 'ann',
    });
  });

  it('is superseded by a later instrument on a later decision', () => {
    const f = decided();
    f.act(draft(), 'ann');
    f.act(sign(f), 'bob');
    f.act(issue(), 'ann');
    f.act(draft({ instrument: 'i2', number: '2026/2', scope: 'the fence and the gate' }), 'ann');
    f.decide('s1', 'ann', { motion: 'm3' }, { ann: 'aye', bob: 'aye', cy: 'aye' });
    f.act(
      act('instrument.annul', {
        instrument: 'i1',
        by: { session: 's1', motion: 'm3' },
        supersededBy: 'i2',
      }),
      'ann',
    );
    const i = f.state.instruments.get('i1')!;
    expect(i.status).toBe('superseded');
    expect(i.annulled).toMatchObject({ supersededBy: 'i2', by: 'ann', decision: { motion: 'm3' } });
    expect(inForce(i)).toBe(false);
  });

  it('is settled by its creditor, or by an officer', () => {
    const f = board();
    const receipt = { kind: 'receipt', from: 'eve', amount: { value: 300, unit: 'EUR' } };
    f.act(draft({ ...receipt, holder: undefined }), 'ann');
    f.act(sign(f), 'bob');
    f.act(issue(), 'ann');
    expect(inForce(f.state.instruments.get('i1')!)).toBe(true);
    f.refuses('forbidden', act('instrument.settle', { instrument: 'i1' }), 'fay');
    expect(() => f.act(act('instrument.settle', { instrument: 'i1' }), 'fay')).toThrow(
      'fay may not settle receipt no. 2026/1 of Board: an officer of Board or its creditor, eve, does',
    );
    f.act(
      act('instrument.settle', { instrument: 'i1', note: 'repaid', date: '2026-12-01' }),
      'eve',
    );
    const i = f.state.instruments.get('i1')!;
    expect(i.status).toBe('settled');
    expect(i.settled).toMatchObject({ by: 'eve', reason: 'repaid', date: '2026-12-01' });
    expect(inForce(i)).toBe(false);
  });

  it('is revoked on a decision', () => {
    const f = decided();
    f.act(draft(), 'ann');
    f.act(sign(f), 'bob');
    f.act(issue(), 'ann');
    f.act(
      act('instrument.revoke', { instrument: 'i1', by: M1, date: '2026-12-01', reason: 'done' }),
      'ann',
    );
    expect(f.state.instruments.get('i1')!.revoked).toMatchObject({
      by: 'ann',
      decision: M1,
      date: '2026-12-01',
      reason: 'done',
    });
  });

  it('holds a mandate in force until its last day', () => {
    const f = board();
    f.act(draft({ until: '2026-12-31' }), 'ann');
    const i = f.state.instruments.get('i1')!;
    expect(inForce(i, '2026-12-15')).toBe(false); // not issued yet
    f.act(sign(f), 'bob');
    f.act(issue(), 'ann');
    expect(inForce(i, '2026-12-15')).toBe(true);
    expect(inForce(i, '2026-12-31T23:00:00.000Z')).toBe(true);
    expect(inForce(i, '2027-01-01')).toBe(false);
    expect(inForce(i)).toBe(true);
  });
});

describe('what an instrument is drafted under, and what its signatures cover', () => {
  it('drafts under the rule the charter gives at the time: an amendment changes later drafts only', () => {
    const f = decided();
    f.act(draft({ kind: 'order', restsOn: M1 }), 'ann');
    const amended = charterJson({
      board: {
        ...BOARD,
        instruments: { order: { signers: ['cy'], 'rests-on': 'none' } },
      },
    });
    f.decide(
      's1',
      'ann',
      { motion: 'amend', amends: amended },
      { ann: 'aye', bob: 'aye', cy: 'aye' },
    );
    f.act(act('charter.amend', { session: 's1', motion: 'amend' }), null);
    f.act(draft({ instrument: 'i2', number: '2026/2', kind: 'order' }), 'ann');
    // The order drafted before keeps the rule it was drafted under.
    f.refuses('not-a-signer', sign(f, 'i1'), 'cy');
    f.act(sign(f, 'i1'), 'ann');
    f.refuses('not-a-signer', sign(f, 'i2'), 'ann');
    f.act(sign(f, 'i2'), 'cy');
    f.act(issue('i2'), 'cy');
    expect(f.state.instruments.get('i2')!.status).toBe('issued');
  });

  it('hashes every field of the draft into its content', () => {
    const base = {
      instrument: 'i1',
      body: 'board',
      kind: 'mandate',
      mode: 'live',
      number: '1',
      text: 'T',
    } as const;
    const variants: object[] = [
      { instrument: 'i2' },
      { body: 'council' },
      { kind: 'order' },
      { mode: 'minutes' },
      { number: '2' },
      { text: 'U' },
      { date: '2026-12-01' },
      { to: 'Cy' },
      { restsOn: M1 },
      { answers: 'd1' },
      { holder: 'cy' },
      { scope: 'the fence' },
      { until: '2026-12-31' },
      { amount: { value: 1, unit: 'EUR' } },
      { amount: { value: 2, unit: 'EUR' } },
      { from: 'eve' },
      { attachments: [{ name: 'a', hash: 'a'.repeat(64), size: 1 }] },
    ];
    const hashes = new Set([instrumentContentHash(base)]);
    for (const v of variants) hashes.add(instrumentContentHash({ ...base, ...v } as typeof base));
    expect(hashes.size).toBe(variants.length + 1);
    // The same fields in another order are the same content: canonical JSON.
    const reversed = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(base));
    expect(instrumentContentHash(reversed)).toBe(instrumentContentHash(base));
  });

  it('chains each signature to the one before by the hash of its act', () => {
    const f = decided();
    f.act(draft({ kind: 'order', restsOn: M1 }), 'ann');
    f.act(sign(f), 'ann');
    f.act(sign(f), 'bob');
    const [first, second] = f.state.instruments.get('i1')!.signatures;
    const firstAct = {
      type: 'instrument.sign',
      time: first!.time,
      actor: 'ann',
      signer: 'ann',
      key: CUSTODIAN,
      payload: { instrument: 'i1', content: f.state.instruments.get('i1')!.content, after: null },
    } as const;
    expect(first!.link).toBe(signatureLink(firstAct));
    // Any field of the act changes the link.
    expect(signatureLink({ ...firstAct, actor: 'bob' })).not.toBe(first!.link);
    expect(signatureLink({ ...firstAct, time: second!.time })).not.toBe(first!.link);
    expect(signatureLink({ ...firstAct, key: 'k' })).not.toBe(first!.link);
    expect(second!.link).toBe(
      signatureLink({
        type: 'instrument.sign',
        time: second!.time,
        actor: 'bob',
        signer: 'bob',
        key: CUSTODIAN,
        payload: { instrument: 'i1', content: firstAct.payload.content, after: first!.link },
      }),
    );
  });
});

describe('a mandate’s last day', () => {
  const last = (f: Fold, days: number) =>
    new Date(f.time + days * 86_400_000).toISOString().slice(0, 10);

  it('refuses, live, a last day before the date it bears, already past, or past at its issue or signature', () => {
    const f = board();
    const today = last(f, 0);
    f.refuses('invalid-input', draft({ date: today, until: last(f, -1) }), 'ann');
    f.refuses('deadline-passed', draft({ until: last(f, -1) }), 'ann');
    // Its last day may be the day it is drafted.
    f.act(draft({ date: today, until: today }), 'ann');
    f.act(sign(f), 'bob');
    f.refuses(
      'deadline-passed',
      act('instrument.issue', { instrument: 'i1', date: last(f, 2) }),
      'ann',
    );
    const queued = () => awaitingSignature(f.state, 'ann', new Date(f.time).toISOString());
    expect(queued().map((i) => i.id)).toEqual(['i1']);
    f.at(`${last(f, 1)}T09:00:00.000Z`);
    // No longer in anyone's queue: a signature would be refused.
    expect(queued()).toEqual([]);
    f.refuses('deadline-passed', issue(), 'ann');
    f.refuses('deadline-passed', sign(f), 'ann');
    expect(f.state.instruments.get('i1')!.status).toBe('signing');
    expect(f.state.instruments.get('i1')!.signatures.map((s) => s.signer)).toEqual(['bob']);
    // Replayed, as a record written before these rules holds them, they are folded and flagged.
    f.replays(sign(f), 'ann');
    f.replays(issue(), 'ann');
    expect(f.state.instruments.get('i1')!.status).toBe('issued');
  });

  it('records what minutes say of it, and flags a last day before its date or its issue', () => {
    const f = board();
    f.act(draft({ mode: 'minutes', date: '1918-03-10', until: '1918-03-01' }), null);
    f.act(sign(f), 'bob');
    f.act(act('instrument.issue', { instrument: 'i1', date: '1918-03-12' }), null);
    const i = f.state.instruments.get('i1')!;
    expect(i.status).toBe('issued');
    expect(i.flags).toEqual([
      'the last day, 1 March 1918, comes before the date the document bears, 10 March 1918: it would never be in force',
      'issued on 12 March 1918, after the last day, 1 March 1918',
    ]);
    // Transcribed long after, a mandate of 1918 is no less recorded for being past.
    f.act(draft({ mode: 'minutes', instrument: 'i2', number: '2', until: '1918-04-01' }), null);
    expect(f.state.instruments.get('i2')!.flags).toEqual([]);
  });
});

describe('an instrument whose decision is annulled before its issue', () => {
  it('refuses, live, the signatures and the issue that would follow', () => {
    const f = new Fold({
      board: {
        ...BOARD,
        circulation: { rule: 'unanimous', ratify: 'next-session' },
        instruments: {
          order: { signers: { 'at-least': 1, of: ['ann', 'bob'] }, 'rests-on': 'decision' },
        },
      },
    });
    const c1 = { circulation: 'c1' };
    f.act(openAct({ circulation: 'c1', body: 'board' }), 'ann');
    for (const m of ['ann', 'bob', 'cy', 'dee']) f.act(answerAct(m, 'aye', {}, 'c1'), m);
    f.close('c1', 'ann');
    f.act(draft({ kind: 'order', restsOn: c1 }), 'ann');
    f.act(sign(f), 'ann');
    const queued = () => awaitingSignature(f.state, 'bob', new Date(f.time).toISOString());
    expect(queued().map((i) => i.id)).toEqual(['i1']);
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    f.decide('s1', 'ann', { motion: 'r', ratifies: c1 }, { ann: 'nay', bob: 'nay', cy: 'aye' });
    expect(f.circulation('c1').ratification?.status).toBe('annulled');
    expect(queued()).toEqual([]);
    f.refuses('charter-rule', sign(f), 'bob');
    f.refuses('charter-rule', issue(), 'ann');
    expect(() => f.act(issue(), 'ann')).toThrow(
      'the question "Buy a tractor?" put to Board (1 December 2026) was annulled when its ratification failed: order no. 2026/1 of Board no longer rests on an adopted decision',
    );
  });
});

describe('an instrument of a hyphenated kind', () => {
  it('is named in words in a refusal, by its kind’s id in the words the state keeps', () => {
    const f = new Fold({
      board: {
        ...BOARD,
        instruments: {
          'payment-order': { signers: { 'at-least': 1, of: 'members' }, 'rests-on': 'none' },
        },
      },
    });
    f.act(
      act('dispatch.register', {
        dispatch: 'd1',
        body: 'board',
        number: '1',
        received: '2026-12-01',
        from: 'A roofer',
        channel: 'letter',
        text: 'Invoice',
      }),
      'ann',
    );
    f.act(draft({ kind: 'payment-order', holder: undefined, answers: 'd1' }), 'ann');
    f.act(sign(f), 'ann');
    expect(() => f.act(sign(f), 'ann')).toThrow(
      'ann has signed payment order no. 2026/1 of Board already',
    );
    f.act(issue(), 'ann');
    expect(() => f.act(sign(f), 'bob')).toThrow(
      'payment order no. 2026/1 of Board is issued: its signatures are closed',
    );
    expect(() =>
      f.act(draft({ kind: 'payment-order', holder: undefined, instrument: 'i2' }), 'ann'),
    ).toThrow(
      'number 2026/1 is in the register of Board already (payment order no. 2026/1 of Board)',
    );
    // The dispatch's closing reason is kept in the state: as records folded before keep it.
    expect(f.state.dispatches.get('d1')!.closed?.reason).toBe(
      'answered by payment-order no. 2026/1 of Board',
    );
  });

  it('is named in a refusal by a number with its own sign as written, with no second sign', () => {
    const f = new Fold({
      board: {
        ...BOARD,
        instruments: {
          'payment-order': { signers: { 'at-least': 1, of: 'members' }, 'rests-on': 'none' },
        },
      },
    });
    const numbered = { kind: 'payment-order', holder: undefined, number: '№ 12/сек' };
    f.act(draft(numbered), 'ann');
    f.act(sign(f), 'ann');
    expect(() => f.act(sign(f), 'ann')).toThrow(
      'ann has signed payment order № 12/сек of Board already',
    );
    expect(() => f.act(draft({ ...numbered, instrument: 'i2' }), 'ann')).toThrow(
      'number № 12/сек is in the register of Board already (payment order № 12/сек of Board)',
    );
  });
});
