/**
 * Whether a bundle proves a decision annulled by its failed ratification: the first motion of the
 * awaited body put to ratify it that was decided says, each proposal and session read as the first
 * entry of the bundle that puts or opens it.
 */
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../src/core/charter/index.js';
import type { RecordEntry } from '../../src/record/proof-formats.js';
import { annulledByRatification } from '../../src/verify/ratification.js';

const loaded = parseCharter(`collegium: 1
organization: {id: council-org, name: Council, log: collegium.example/council}
people:
  ada: {name: Ada}
  ben: {name: Ben}
  cy: {name: Cy}
bodies:
  council:
    name: Council
    members: [ada, ben, cy]
    quorum: majority
    majority: votes-cast
  executive:
    name: Executive
    parent: council
    members: [ada, ben]
    obligations:
      - report-to: council
    quorum: {count: 2}
    majority: votes-cast
`);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const charter = loaded.value;

const proven = (type: string, payload: Record<string, unknown>) => ({
  charter,
  entry: { type, payload } as RecordEntry,
});
const open = (session: string, body: string) => proven('session.open', { session, body });
const propose = (session: string, motion: string, ratifies?: unknown) =>
  proven('motion.propose', { session, motion, text: 'x', ...(ratifies ? { ratifies } : {}) });
const close = (session: string, motion: string, outcome: string) =>
  proven('vote.close', { session, motion, decision: { outcome } });

const ref = { session: 'e1', motion: 'm1' };
/** The executive's decision, adopted, that the council has to confirm. */
const adopted = [open('e1', 'executive'), propose('e1', 'm1'), close('e1', 'm1', 'adopted')];

describe('a decision annulled when its ratification failed', () => {
  it('is annulled when the first decided motion of the awaited body to ratify it is rejected', () => {
    const entries = [...adopted, open('c1', 'council'), propose('c1', 'r1', ref)];
    expect(annulledByRatification(ref, [...entries, close('c1', 'r1', 'rejected')])).toBe(true);
    expect(annulledByRatification(ref, [...entries, close('c1', 'r1', 'adopted')])).toBe(false);
    // Withdrawn, never decided: nothing yet.
    expect(annulledByRatification(ref, [...entries, close('c1', 'r1', 'withdrawn')])).toBe(false);
  });

  it('reads only the first decided: a later rejection changes nothing', () => {
    const entries = [
      ...adopted,
      open('c1', 'council'),
      propose('c1', 'r1', ref),
      propose('c1', 'r2', ref),
      close('c1', 'r1', 'withdrawn'),
      close('c1', 'r2', 'adopted'),
      close('c1', 'r1', 'rejected'),
    ];
    expect(annulledByRatification(ref, entries)).toBe(false);
  });

  it('ignores a motion of another body, or one that ratifies another decision', () => {
    const entries = [
      ...adopted,
      open('e2', 'executive'),
      propose('e2', 'r1', ref),
      close('e2', 'r1', 'rejected'),
      open('c1', 'council'),
      propose('c1', 'r1', { session: 'e1', motion: 'm2' }),
      close('c1', 'r1', 'rejected'),
      propose('c1', 'r2', ref),
      close('c1', 'r2', 'rejected'),
    ];
    expect(annulledByRatification(ref, entries)).toBe(true);
    expect(annulledByRatification(ref, entries.slice(0, -2))).toBe(false);
  });

  it("reads a session's body and a motion's proposal from the first entry that puts them", () => {
    // A second opening of the same session, of the awaited body, does not make its motion count.
    const reopened = [
      ...adopted,
      open('c1', 'executive'),
      open('c1', 'council'),
      propose('c1', 'r1', ref),
      close('c1', 'r1', 'rejected'),
    ];
    expect(annulledByRatification(ref, reopened)).toBe(false);
    // A second proposal of the same motion, ratifying, does not stand for the first.
    const proposedTwice = [
      ...adopted,
      open('c1', 'council'),
      propose('c1', 'r1'),
      propose('c1', 'r1', ref),
      close('c1', 'r1', 'rejected'),
    ];
    expect(annulledByRatification(ref, proposedTwice)).toBe(false);
  });

  it('awaits nothing of a decision whose body reports to none, or that the bundle does not put', () => {
    const council = { session: 'c0', motion: 'm0' };
    const entries = [
      open('c0', 'council'),
      propose('c0', 'm0'),
      close('c0', 'm0', 'adopted'),
      propose('c0', 'r1', council),
      close('c0', 'r1', 'rejected'),
    ];
    expect(annulledByRatification(council, entries)).toBe(false);
    expect(annulledByRatification(ref, [open('c1', 'council')])).toBe(false);
  });
});
