/**
 * An enrolment sent again after its answer was lost (the database went away before the session
 * was started, the connection dropped): the record holds it, so the act is refused now, its
 * invitation used or its signature sent already. The sender is answered as the first time, with
 * the recorded entry's receipt and a session, once they prove they hold the key it enrolled: the
 * same act signed afresh with that key, within the time allowed. The signature the record holds
 * proves nothing: it is in the log, for anyone who reads it to send again.
 */
import { toBase64 } from '../core/bytes.js';
import type { Acts } from '../core/acts.js';
import { canonicalJson } from '../core/canonical.js';
import { holdsKey } from '../core/state/index.js';
import type { Ledger } from '../app/ledger.js';
import { entryBytesAt } from '../app/proofs.js';
import { decodeEntryAt } from '../record/entry.js';
import { verifyBytes } from '../record/ed25519.js';
import { leafHash } from '../record/merkle.js';
import { receiptOf } from './commit.js';
import type { Receipt, Submission } from './commit.js';

/**
 * The receipt of the recorded enrolment `submission` (refused now) repeats, when its signature is
 * a fresh one by the key that enrolment added, which the person still holds; else undefined.
 */
export async function enrolledBefore(
  ledger: Ledger,
  submission: Submission,
  payload: Acts['member.enrol'],
): Promise<Receipt | undefined> {
  const state = ledger.state;
  const invitation =
    payload.invitation === undefined ? undefined : state.invitations.get(payload.invitation);
  const used = invitation?.used;
  if (!used || invitation.person !== payload.person) return undefined;
  if (state.keysEnrolled.get(payload.key)?.index !== used.index) return undefined;
  if (!holdsKey(state, payload.person, payload.key)) return undefined;
  const check = submission.check;
  if (!check || !verifyBytes(check.key, check.message, check.signature)) return undefined;
  const bytes = await entryBytesAt(ledger.store, used.index);
  if (!bytes) return undefined;
  const entry = decodeEntryAt(used.index, bytes);
  if (entry.sig === toBase64(check.signature)) return undefined;
  if (canonicalJson(entry.payload) !== canonicalJson(payload)) return undefined;
  return receiptOf({ index: used.index, bytes, leafHash: leafHash(bytes) }, entry.type);
}
