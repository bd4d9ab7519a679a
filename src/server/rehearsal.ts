/**
 * A rehearsal of recording, on a scratch record in memory, before an instance takes requests.
 *
 * The first acts an instance records run code the JavaScript engine has not compiled or
 * optimized yet: checking the payload, the signed message, the verifying threads, the ledger's
 * checks against the charter, the entry's bytes and hashes, the insert, and folding what another
 * writer appended. Cold, that took the first batch of a vote's burst 40 to 80 ms more on each
 * instance, and the instances take turns at the log's lock, so every ballot of the burst's first
 * wave waited for it. Here members of a scratch body cast ballots through the same code (the
 * same Acting, CommitQueue, verifying threads and Ledger), and a second ledger on the scratch
 * record folds them, as an instance follows another's writes. The record itself is not touched.
 */
import type { Act } from '../core/acts.js';
import { toBase64 } from '../core/bytes.js';
import { enrolMember } from '../app/enrolment.js';
import { Ledger } from '../app/ledger.js';
import { attendance, openSession, openVote, proposeMotion } from '../app/proceedings.js';
import type { SignatureVerifier } from '../app/verify-pool.js';
import { generateKeyPair } from '../record/ed25519.js';
import type { KeyPair } from '../record/ed25519.js';
import { signOwnAct } from '../record/entry.js';
import { openSqliteStore } from '../store/sqlite.js';
import { Acting } from './acting.js';
import { CommitQueue } from './commit.js';
import { PersonKeys } from './keys.js';

const ORG = 'rehearsal';
const SESSION = 's';

interface Member {
  readonly id: string;
  readonly pair: KeyPair;
  readonly key: string;
}

/**
 * Casts `rounds` rounds of ballots by `members` scratch members (each round on a motion of its
 * own, all at once, as one batch of the group commit), checked by `verifier`'s threads, and
 * folds them on a second ledger. Answers how many ballots were recorded.
 *
 * @example
 * await rehearse(verifier); // before the server listens
 */
export async function rehearse(
  verifier: SignatureVerifier,
  { members = 32, rounds = 3 } = {},
): Promise<number> {
  const store = await openSqliteStore(':memory:', { create: true });
  try {
    const people = Array.from({ length: members }, (_, i) => member(`m${i}`));
    const ledger = await scratchLedger(people, store);
    const follower = await Ledger.open(store);
    const acting = new Acting(ledger, new PersonKeys(), {
      demo: false,
      now: Date.now,
      skewMs: 60_000,
    });
    const queue = new CommitQueue(ledger, verifier, { windowMs: 1, maxBatch: 512 }, () => {});
    let recorded = 0;
    for (let round = 0; round < rounds; round++) {
      const motion = `m${round}`;
      await ledger.append([
        proposeMotion({ session: SESSION, motion, text: motion }),
        openVote(SESSION, motion),
      ]);
      const receipts = await Promise.all(
        people.map((p, i) => queue.submit(ballot(acting, p, motion, (round + i) % 2 === 0))),
      );
      recorded += receipts.length;
      await follower.catchUp();
    }
    return recorded;
  } finally {
    await store.close();
  }
}

/** The rehearsal, timed in the log; one that fails is a warning: the record is not touched. */
export async function rehearseLogged(
  verifier: SignatureVerifier,
  log: { info(fields: object, message: string): void; warn(fields: object, message: string): void },
): Promise<void> {
  const start = performance.now();
  try {
    const ballots = await rehearse(verifier);
    log.info({ ballots, ms: Math.round(performance.now() - start) }, 'recording rehearsed');
  } catch (error) {
    log.warn({ err: error }, 'rehearsing recording failed');
  }
}

function member(id: string): Member {
  const pair = generateKeyPair();
  return { id, pair, key: toBase64(pair.publicKey) };
}

/** The scratch record: an assembly of the members, the first its secretary, in session. */
async function scratchLedger(
  people: readonly Member[],
  store: Awaited<ReturnType<typeof openSqliteStore>>,
): Promise<Ledger> {
  const secretary = people[0]!;
  const charter = {
    collegium: 1,
    organization: { id: ORG, name: 'Rehearsal', log: 'rehearsal.invalid/log' },
    people: Object.fromEntries(people.map((p) => [p.id, { name: p.id }])),
    bodies: {
      assembly: {
        name: 'Assembly',
        members: people.map((p) => p.id),
        secretary: secretary.id,
        quorum: 'majority',
        majority: 'votes-cast',
      },
    },
  };
  // The secretary enrols everyone, themself last (until then the custodial key signs for them).
  const enrolments = [...people.slice(1), secretary].map((p) => enrolMember(p.id, p.key));
  const ledger = await Ledger.create(store, charter, {}, enrolments);
  ledger.useKeys(new Map([[secretary.id, secretary.pair.privateKey]]));
  await ledger.append([
    openSession({ session: SESSION, body: 'assembly' }),
    ...people.map((p) => attendance('arrive', SESSION, p.id, secretary.id)),
  ]);
  return ledger;
}

/** `p`'s ballot, signed on their "device", as the API receives it. */
function ballot(acting: Acting, p: Member, motion: string, aye: boolean) {
  const payload = { session: SESSION, motion, voter: p.id, choice: aye ? 'aye' : 'nay' };
  const act: Act = acting.act('ballot.cast', payload);
  const signature = signOwnAct({ org: ORG, member: p.id, key: p.key }, p.pair.privateKey, act);
  return acting.submission({ person: p.id, key: p.key }, act, signature);
}
