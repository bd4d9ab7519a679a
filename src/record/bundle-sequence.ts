/**
 * What a bundle proves once each of its entries is proven in the log and signed by the key it
 * names: that each signer used the key they held then (by the charter and the enrolments proven
 * beside the entries), that the entries are the organization's, in order and linked, and that a
 * claimed range leaves nothing out. Pure, with no Node modules: the Node verifier and the
 * browser's both end with it.
 */
import type { Acts } from '../core/acts.js';
import type { Charter } from '../core/charter/model.js';
import { signsWith } from '../core/state/authority.js';
import { applyKeyChange } from '../core/state/keys.js';
import { emptyState } from '../core/state/model.js';

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

/** Throws a BundleFailure at the first entry that breaks the sequence; adds what it proved. */
export function checkSequence(
  charter: Charter,
  custodian: string,
  changes: readonly ProvenEntry[],
  entries: readonly ProvenEntry[],
  range: { readonly first: number; readonly last: number },
  proven: string[],
): void {
  for (const { entry } of changes) {
    if (entry.type !== 'member.enrol' && entry.type !== 'member.revoke')
      throw new BundleFailure(`entry ${entry.index}`, 'listed as an enrolment, but it is not one');
  }
  // Who held which key when: the charter's keys, changed by enrolments and revocations in order.
  const keys = { ...emptyState(), charter, custodian };
  let nextChange = 0;
  let previous: ProvenEntry | undefined;
  for (const item of entries) {
    const { entry } = item;
    const label = `entry ${entry.index}`;
    for (; nextChange < changes.length && changes[nextChange]!.entry.index < entry.index;) {
      const change = changes[nextChange++]!.entry;
      applyKeyChange(keys, change.type as 'member.enrol', change.payload as Acts['member.enrol']);
    }
    if (entry.org !== charter.organization.id)
      throw new BundleFailure(label, `it belongs to organization '${entry.org}'`);
    if (!signsWith(keys, entry.signer, entry.key))
      throw new BundleFailure(
        label,
        `signed with a key that is not ${entry.signer ?? 'the custodial key'}'s`,
      );
    if (previous?.entry.index === entry.index - 1 && entry.prev !== previous.leafHash)
      throw new BundleFailure(label, 'its link to the entry before is broken');
    if (previous && entry.index <= previous.entry.index)
      throw new BundleFailure(label, 'entries are not in index order, or one is given twice');
    previous = item;
  }
  const n = entries.length;
  proven.push(
    `${n} ${n === 1 ? 'entry is' : 'entries are'} in the log at the positions given, each signed by the key its signer held then (by the charter and the enrolments proven here), each linked to the one before where both are here`,
  );
  const { first, last } = range;
  const complete =
    entries.length === last - first + 1 && entries.every((e, i) => e.entry.index === first + i);
  if (!complete)
    throw new BundleFailure('range', `the entries do not cover ${first} to ${last} without a gap`);
  proven.push(`complete: every entry from ${first} to ${last} is here; none was left out`);
}
