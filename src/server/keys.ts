/**
 * People's public keys made ready for verification. Making a KeyObject costs about as much as a
 * verification; a member logs in once and then signs many acts, so the key is made once per
 * person (at login, typically) and handed to the verifying threads ready-made.
 */
import type { KeyObject } from 'node:crypto';
import { fromBase64 } from '../core/bytes.js';
import { personKeys } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { publicKeyObject } from '../record/ed25519.js';

export interface PersonKey {
  /** Base64, as the record names keys. */
  readonly base64: string;
  readonly object: KeyObject;
}

export class PersonKeys {
  /** By person: bounded by the charter's people, and replaced when the record changes a key. */
  private readonly ready = new Map<string, PersonKey>();

  /** The person's key in force in `state`, or undefined if they have none. */
  of(state: State, person: string): PersonKey | undefined {
    const base64 = personKeys(state, person)[0];
    if (base64 === undefined) return undefined;
    const held = this.ready.get(person);
    if (held?.base64 === base64) return held;
    const key = { base64, object: publicKeyObject(fromBase64(base64)) };
    this.ready.set(person, key);
    return key;
  }
}
