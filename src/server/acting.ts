/**
 * Acts as the API receives them, made into submissions for the group commit. A member's act is
 * signed on their device: the server rebuilds the signed act around what was sent (the signer is
 * whoever is signed in, the key the one they signed in with, the actor they themself unless an
 * officer records the act for someone), checks the time, and leaves the signature to the
 * verifying threads and the ledger, which accepts each signed act once. In demo mode an act may
 * come unsigned, and the ledger signs it with the person's demo key.
 */
import type { Act, ActType } from '../core/acts.js';
import { fromBase64 } from '../core/bytes.js';
import { canonicalOrder } from '../core/canonical.js';
import { fail } from '../core/errors.js';
import { timeInWords } from '../core/minutes/words.js';
import { plural } from '../core/words.js';
import { withoutUndefined } from '../core/json.js';
import { isSettled } from '../core/state/index.js';
import type { CirculationState, State } from '../core/state/index.js';
import { closeCirculation } from '../app/circulations.js';
import type { Draft, DraftSource, Ledger } from '../app/ledger.js';
import { closeVote } from '../app/proceedings.js';
import { publicKeyObject, verifyBytes } from '../record/ed25519.js';
import { signingMessage } from '../record/signing.js';
import type { Submission } from './commit.js';
import type { SignedIn } from './context.js';
import { refuse } from './errors.js';
import type { PersonKey, PersonKeys } from './keys.js';
import { API_ACT_PAYLOADS, check } from './schemas.js';
import type { ApiActType } from './schemas.js';
import { databaseNow } from './deadlines.js';

/**
 * What a member's device sends besides the act: when it signed, the signature, and for whom when
 * an officer records the act for another (who has no key, or in minutes).
 */
export interface Signature {
  readonly time?: string | undefined;
  readonly sig?: string | undefined;
  readonly actor?: string | undefined;
}

/** A vote.close as sent: its payload with the decision the device signed over, unsigned. */
export interface SentClose {
  readonly session: string;
  readonly motion: string;
  readonly decision?: unknown;
  readonly stated?: string | undefined;
}

export class Acting {
  constructor(
    private readonly ledger: Ledger,
    private readonly keys: PersonKeys,
    private readonly options: { demo: boolean; now: () => number; skewMs: number },
  ) {}

  /** The payload of an act of `type`, checked: a refusal names the field. */
  private payload(type: ApiActType, payload: unknown): Act['payload'] {
    const result = check(API_ACT_PAYLOADS[type], payload, 'payload');
    if ('error' in result) throw result.error;
    return result.value as Act['payload'];
  }

  /**
   * The submission of an act by `me`: signed by their device, with the key they signed in with,
   * when `signature` is given, else (demo mode only) by the server with `unsigned`, the act as
   * the use case builds it.
   */
  submission(
    me: SignedIn,
    act: Act,
    signature: Signature,
    unsigned: DraftSource = this.draft(me.person, act),
  ): Submission {
    const about = { type: act.type, payload: act.payload as Record<string, unknown> };
    const { time, sig, actor } = signature;
    if (time === undefined && sig === undefined) {
      if (!this.options.demo)
        refuse('invalid-input', 'time and sig are required: acts are signed with the member’s key');
      if (actor === undefined || actor === me.person) return { draft: unsigned, ...about };
      // An answer that came by telephone, a signature given on paper: the officer records it,
      // signing with their demo key.
      if (act.type === 'circulation.answer' || act.type === 'instrument.sign')
        return { draft: { act, actor, recorder: me.person }, ...about };
      refuse('invalid-input', 'an act recorded for another is signed on the officer’s device');
    }
    if (time === undefined || sig === undefined)
      refuse('invalid-input', 'time and sig go together');
    const key = this.sessionKey(me);
    return this.signed(me.person, act, time, sig, key.base64, key.object, actor);
  }

  /** The key `me` signed in with, while they still hold it. */
  private sessionKey(me: SignedIn): PersonKey {
    if (me.key === null)
      refuse('unauthenticated', `sign in with your key to send acts signed on your device`);
    return (
      this.keys.of(this.ledger.state, me.person, me.key) ??
      refuse('unauthenticated', `the key this session signed in with is no longer ${me.person}’s`)
    );
  }

  /**
   * An act signed with `key` (base64; the KeyObject when made already) by `signer`, for `actor`
   * (themself unless an officer records it for another: the charter says who may).
   */
  signed(
    signer: string,
    act: Act,
    time: string,
    sig: string,
    key: string,
    keyObject = publicKeyObject(fromBase64(key)),
    actor = signer,
  ): Submission {
    const at = this.checkTime(time);
    if (act.type === 'circulation.close') this.checkNotEarly(act.payload.circulation);
    // The ledger accepts a signed act once, and remembers it while its time lets it be accepted.
    const signed = { time, signer, key, sig, refusedAfter: at + this.options.skewMs };
    const about = { type: act.type, payload: act.payload as Record<string, unknown> };
    if (act.type === 'vote.close') {
      // The decision is computed when the close is recorded, so the signature, which covers
      // it, can only be checked then: the ledger checks it (see closing in docs/api.md).
      const close = this.draft(actor, act);
      const draft = (state: State): Draft => ({
        ...(typeof close === 'function' ? close(state) : close),
        signed,
      });
      return { draft, ...about };
    }
    const message = this.signingMessage(act, { time, actor, signer, key });
    return {
      draft: { act, actor, signed },
      check: { key: keyObject, message, signature: signatureBytes(sig) },
      ...about,
    };
  }

  /**
   * Whether a vote.close whose signature did not verify over the decision the vote gives now was
   * signed over the decision sent with it (unsigned, from GET …/closing): then that decision has
   * changed since and the client asks again; otherwise the signature is no one's.
   */
  closeSignedOver(me: SignedIn, sent: SentClose, signature: Signature): boolean {
    const { time, sig, actor } = signature;
    if (time === undefined || sig === undefined || sent.decision === undefined) return false;
    const { session, motion, decision, stated } = sent;
    const payload = canonicalOrder({ session, motion, decision, ...withoutUndefined({ stated }) });
    const key = this.sessionKey(me);
    const act = { type: 'vote.close', payload } as Act;
    const message = this.signingMessage(act, {
      time,
      actor: actor ?? me.person,
      signer: me.person,
      key: key.base64,
    });
    return verifyBytes(key.object, message, signatureBytes(sig));
  }

  private signingMessage(
    act: Act,
    by: { time: string; actor: string; signer: string; key: string },
  ): Uint8Array {
    const org = this.ledger.state.charter?.organization.id ?? fail('conflict', 'no charter');
    return signingMessage({ v: 1, org, type: act.type, payload: act.payload, ...by });
  }

  /**
   * The draft of `me`'s unsigned act: as sent, but a close with the decision the charter gives
   * (the one sent along is not signed, and may have changed).
   */
  private draft(me: string, act: Act): DraftSource {
    if (act.type === 'circulation.close') {
      const { circulation, stated } = act.payload;
      return closeCirculation(circulation, { actor: me, ...withoutUndefined({ stated }) });
    }
    if (act.type !== 'vote.close') return { act, actor: me };
    const { session, motion, stated } = act.payload;
    return closeVote(session, motion, { actor: me, ...withoutUndefined({ stated }) });
  }

  /** The act as sent to POST /api/acts: `type` and a payload of that type. */
  act(type: ActType, payload: unknown): Act {
    if (type === 'charter.adopt') refuse('invalid-input', 'the charter is adopted by entry 0 only');
    const checked = this.payload(type, payload) as Record<string, unknown>;
    if (type === 'vote.close') delete checked['decision'];
    // In the order its entry will list it: the signed message and the entry are then written by
    // JSON.stringify (canonical.ts), and the state holds it as a reading of the record would.
    return { type, payload: canonicalOrder(checked) } as Act;
  }

  /**
   * A close signed on a device is held to the server's clock as well as its own: a device's clock
   * may run ahead by the skew allowed, and a question still open to change closes at its
   * deadline, not minutes before it.
   */
  private checkNotEarly(id: string, at = this.options.now(), clock = "the server's clock"): void {
    const c = this.ledger.state.circulations.get(id);
    const now = new Date(at).toISOString();
    if (c && early(c, now))
      refuse(
        'conflict',
        `the outcome of circulation ${id} can still change: it closes on ${timeInWords(c.deadline)}, and by ${clock} it is ${timeInWords(now)}`,
      );
  }

  /**
   * A close is held to the database's clock too, where instances share it (RecordStore.clock):
   * the server's own may run ahead with the device's, and the deadline passes for all at once.
   * Both are held to what the others recorded where this instance's own reading would refuse
   * the close or cannot tell: it may not have read yet the answer that settled the question (and
   * the close it brought), so that a refusal says what the record holds, or the question itself,
   * put through another instance, which a device running ahead could otherwise close before its
   * deadline. Only such a close costs that read.
   */
  async checkCloseByClocks(act: Act): Promise<void> {
    if (act.type !== 'circulation.close') return;
    const id = act.payload.circulation;
    const shared = await databaseNow(this.ledger.store);
    const local = this.options.now();
    const c = this.ledger.state.circulations.get(id);
    if (!c || early(c, new Date(Math.min(local, shared ?? local)).toISOString()))
      await this.ledger.catchUp();
    if (shared !== undefined && shared < local)
      this.checkNotEarly(id, shared, "the database's clock");
  }

  /** The time, in milliseconds since the epoch, once it is close enough to the server's clock. */
  private checkTime(time: string): number {
    const at = Date.parse(time);
    const skew = Math.abs(at - this.options.now());
    if (!(skew <= this.options.skewMs))
      refuse(
        'invalid-input',
        `the act is signed at ${timeInWords(time)}, more than ${plural(this.options.skewMs / 60_000, 'minute')} from the server’s clock: check the device’s clock`,
      );
    return at;
  }
}

/** Whether a close of `c` at `now` (ISO) comes while its outcome can still change. */
function early(c: CirculationState, now: string): boolean {
  return c.mode === 'live' && c.status === 'open' && now < c.deadline && !isSettled(c);
}

/** The signature's bytes: the request schemas take canonical base64 only, and so does this. */
function signatureBytes(sig: string): Uint8Array {
  try {
    return fromBase64(sig);
  } catch {
    return refuse('invalid-input', 'sig: not canonical base64');
  }
}
