/**
 * What a bundle proves once each of its entries is proven in the log and signed by the key it
 * names: that each signer used the key they held then (by the charter and the enrolments proven
 * beside the entries), that the entries are the organization's, in order and linked, and that a
 * claimed range leaves nothing out. Pure, with no Node modules: the verifier of bundles
 * (src/verify/bundle.ts), in Node and in the browser, ends with it.
 */
import type { Acts } from '../core/acts.js';
import { charterFromJson } from '../core/charter/index.js';
import type { Charter } from '../core/charter/model.js';
import { signsWith } from '../core/state/authority.js';
import { applyKeyChange } from '../core/state/keys.js';
import { emptyState } from '../core/state/model.js';
import { personNameIn } from '../core/state/names.js';
import type { State } from '../core/state/model.js';

/** A verification failure, naming the item that failed ("entry 7", "range", "checkpoint"). */
export class BundleFailure extends Error {
  constructor(
    readonly item: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** An entry already proven in the log and signed by its key, with its leaf hash in hex. */
export interface ProvenEntry {
  readonly entry: {
    readonly index: number;
    readonly org: string;
    readonly type: string;
    readonly signer: string | null;
    readonly key: string;
    readonly prev: string | null;
    readonly payload: unknown;
  };
  readonly leafHash: string;
}

/** The entries that change who holds which key. */
const KEY_CHANGES = new Set(['member.enrol', 'member.revoke', 'motion.propose', 'charter.amend']);

/**
 * One change of keys, proven in the log: an enrolment or revocation; an amending motion, whose
 * charter is remembered; the amendment in force, signed with the custodial key, whose people's
 * keys count from then on (the audit checks that it rests on an adopted motion).
 */
function applyChange(
  keys: State,
  amending: Map<string, unknown>,
  entry: ProvenEntry['entry'],
): void {
  const at = `entry ${entry.index}`;
  if (entry.type === 'member.enrol' || entry.type === 'member.revoke')
    return applyKeyChange(keys, entry.type, entry.payload as Acts['member.enrol']);
  const { session, motion, amends } = entry.payload as Acts['motion.propose'];
  const key = JSON.stringify([session, motion]);
  if (entry.type === 'motion.propose') {
    if (amends === undefined)
      throw new BundleFailure(at, 'listed as a change of keys, but it amends nothing');
    amending.set(key, amends);
    return;
  }
  if (entry.signer !== null || entry.key !== keys.custodian)
    throw new BundleFailure(at, 'an amendment in force is signed with the custodial key');
  const json = amending.get(key);
  if (json === undefined)
    throw new BundleFailure(
      at,
      `the motion it puts in force (${motion} of ${session}) is not in the bundle`,
    );
  try {
    keys.charter = charterFromJson(json);
  } catch (error) {
    throw new BundleFailure(at, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Who held which key when, and the charter in force: the charter's keys, changed in order by
 * the enrolments, revocations and amendments (which may give people keys) proven in a bundle.
 */
export class KeyHistory {
  private readonly keys: State;
  private readonly amending = new Map<string, unknown>();
  private next = 0;

  constructor(
    charter: Charter,
    custodian: string,
    private readonly changes: readonly ProvenEntry[],
  ) {
    for (const { entry } of changes) {
      if (!KEY_CHANGES.has(entry.type))
        throw new BundleFailure(
          `entry ${entry.index}`,
          'listed as an enrolment, but it is not one',
        );
    }
    this.keys = { ...emptyState(), charter, custodian };
  }

  /** The keys and the charter as they were at entry `index` (indexes asked in order). */
  at(index: number): State {
    for (; this.next < this.changes.length && this.changes[this.next]!.entry.index < index;)
      applyChange(this.keys, this.amending, this.changes[this.next++]!.entry);
    return this.keys;
  }

  /** Throws unless the entry is the organization's and signed with a key its signer held then. */
  check(entry: ProvenEntry['entry']): void {
    const keys = this.at(entry.index);
    const label = `entry ${entry.index}`;
    if (entry.org !== keys.charter!.organization.id)
      throw new BundleFailure(label, `it belongs to organization '${entry.org}'`);
    if (!signsWith(keys, entry.signer, entry.key))
      throw new BundleFailure(
        label,
        `signed with a key that is not ${entry.signer === null ? 'the custodial key' : personNameIn(keys.charter, entry.signer)}'s`,
      );
  }
}

/** Throws a BundleFailure at the first entry that breaks the sequence; adds what it proved. */
export function checkSequence(
  charter: Charter,
  custodian: string,
  changes: readonly ProvenEntry[],
  entries: readonly ProvenEntry[],
  range: { readonly first: number; readonly last: number },
  proven: string[],
): void {
  const history = new KeyHistory(charter, custodian, changes);
  let previous: ProvenEntry | undefined;
  for (const item of entries) {
    const { entry } = item;
    const label = `entry ${entry.index}`;
    if (previous && entry.index <= previous.entry.index)
      throw new BundleFailure(label, 'entries are not in index order, or one is given twice');
    history.check(entry);
    if (previous?.entry.index === entry.index - 1 && entry.prev !== previous.leafHash)
      throw new BundleFailure(label, 'its link to the entry before is broken');
    previous = item;
  }
  const n = entries.length;
  proven.push(
    `${n} ${n === 1 ? 'entry is' : 'entries are'} in the log at the positions given, each signed by the key its signer held then (by the charter and the enrolments proven here), each linked to the one before where both are here`,
  );
  const { first, last } = range;
  // Entries are in index order (above): the first left out is where the index first skips.
  const gap = entries.findIndex((e, i) => e.entry.index !== first + i);
  const missing = gap >= 0 ? first + gap : first + n;
  if (gap >= 0 || n !== last - first + 1)
    throw new BundleFailure(
      'range',
      `the entries do not cover ${first} to ${last} without a gap${missing <= last ? `: entry ${missing} is left out` : ''}`,
    );
  proven.push(`complete: every entry from ${first} to ${last} is here; none was left out`);
}
