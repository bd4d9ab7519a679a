/**
 * People's public keys made ready for verification. Making a KeyObject costs about a tenth of a
 * verification; a member logs in once and then signs many acts, so each key is made once (at
 * login, typically) and handed to the verifying threads ready-made. A person may hold several
 * keys (a phone, a laptop): a session signs with the one it signed in with. Where several
 * instances serve a record, a member may come to one without signing in there (the one they
 * used failed, or the balancer moved them): each instance also makes every key the record holds
 * ready when it starts, in the background (makeAllReady).
 */
import type { KeyObject } from 'node:crypto';
import { fromBase64 } from '../core/bytes.js';
import { holdsKey, personKeys } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { publicKeyObject } from '../record/ed25519.js';
import { refuse } from './errors.js';

export interface PersonKey {
  /** Base64, as the record names keys. */
  readonly base64: string;
  readonly object: KeyObject;
}

/** People whose keys are made in one turn of the event loop: a few milliseconds' work. */
const SLICE = 32;

export class PersonKeys {
  /** By key: bounded by the keys the record holds, and dropped once a key is not held. */
  private readonly ready = new Map<string, KeyObject>();

  /** `key` made ready, if it is one of `person`'s keys in `state`; else undefined. */
  of(state: State, person: string, key: string): PersonKey | undefined {
    if (!holdsKey(state, person, key)) {
      this.ready.delete(key);
      return undefined;
    }
    let object = this.ready.get(key);
    if (!object) {
      object = publicKeyObject(fromBase64(key));
      this.ready.set(key, object);
    }
    return { base64: key, object };
  }

  /**
   * Makes ready every key the state holds, `SLICE` people at a time with a turn of the event
   * loop between slices, so that requests are not held up meanwhile; until `stopped()`. Answers
   * how many keys it made.
   */
  async makeAllReady(state: () => State, stopped: () => boolean): Promise<number> {
    const people = [...(state().charter?.people.keys() ?? [])];
    let made = 0;
    for (let i = 0; i < people.length; i += SLICE) {
      await new Promise((resolve) => setImmediate(resolve));
      if (stopped()) break;
      const now = state();
      for (const person of people.slice(i, i + SLICE))
        for (const key of personKeys(now, person))
          if (!this.ready.has(key)) {
            this.ready.set(key, publicKeyObject(fromBase64(key)));
            made++;
          }
    }
    return made;
  }

  /**
   * The key a login proves: the one it names, else the person's only key. One who holds several
   * names the one the signature is by (a login is checked against one key, not tried on each).
   */
  toProve(state: State, person: string, named: string | undefined): PersonKey | undefined {
    if (named !== undefined) return this.of(state, person, named);
    const keys = personKeys(state, person);
    if (keys.length > 1)
      refuse(
        'invalid-input',
        `${person} holds ${keys.length} keys: name the one the signature is by (key)`,
      );
    return keys[0] === undefined ? undefined : this.of(state, person, keys[0]);
  }
}
