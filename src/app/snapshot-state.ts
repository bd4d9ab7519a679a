/**
 * The state as a snapshot holds it. It is serialized with v8's serializer, which keeps what the
 * state is made of (plain objects and arrays, Maps, Sets, typed arrays, and objects shared within
 * it), except for its bulk: the rolls of votes (each motion's ballots and who was present when
 * its vote opened) and of sessions (who came and went, who is present). Those are most of a long
 * record's state (a million entries of an assembly are about a thousand votes of a thousand
 * ballots, in fifty sessions), and few readers need more than a few of them; so each motion's and
 * each session's are a part of their own, compressed, named by its SHA-256, and read into their
 * object only when first used. They no longer change once the vote or the session is closed, so
 * such a part is made once and kept by later snapshots.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { MotionState, SessionState, State } from '../core/state/index.js';
import type { SnapshotPart } from '../store/types.js';

/** What is kept apart: by map of the state, the properties of its values, and when they hold. */
interface Apart<T> {
  readonly keys: readonly (keyof T & string)[];
  /** Whether the properties are settled: they change no more (the rules change them only before). */
  readonly settled: (value: T) => boolean;
}

const APART: { readonly motions: Apart<MotionState>; readonly sessions: Apart<SessionState> } = {
  motions: { keys: ['ballots', 'presentAtOpen'], settled: (m) => m.status === 'closed' },
  sessions: { keys: ['attendance', 'present'], settled: (s) => s.closedAt !== undefined },
};
type ApartMap = keyof typeof APART;
const APART_MAPS = Object.keys(APART) as ApartMap[];

/** The state's bytes, what its parts hold, and where they go. */
interface Head {
  readonly state: State;
  /** By map and key, the index of the value's part among the snapshot's parts. */
  readonly apart: readonly (readonly [ApartMap, string, number])[];
}

/** A part as the value it belongs to knows it. */
interface PartOf {
  readonly hash: Uint8Array;
  /** Its bytes, while the value has not read them yet. */
  bytes?: Uint8Array;
  /** The value was settled when the part was made: it holds for good. */
  readonly settled: boolean;
}

const parts = new WeakMap<object, PartOf>();

export interface EncodedState {
  /** The state but for the motions' parts. */
  readonly state: Uint8Array;
  /** The SHA-256 of each part, in the order the state names them, 32 bytes each. */
  readonly parts: Uint8Array;
  /** The parts made anew (with `all`, every part), which the store may not hold yet. */
  readonly made: SnapshotPart[];
}

/**
 * The state as a snapshot holds it. A motion not yet read from a snapshot, or whose vote was
 * closed when its part was made, keeps that part; the others' parts are made now (with `all`,
 * every part is given with its bytes, for a store that lost some).
 */
export function encodeState(state: State, all = false): EncodedState {
  const hashes: Uint8Array[] = [];
  const made: SnapshotPart[] = [];
  const apart: [ApartMap, string, number][] = [];
  const copies: Partial<Record<ApartMap, Map<string, object>>> = {};
  for (const name of APART_MAPS) {
    const rule = APART[name] as Apart<object>;
    const copy = new Map<string, object>();
    for (const [key, value] of state[name] as Map<string, object>) {
      const { part, bytes } = partFor(value, rule, all);
      if (bytes) made.push({ hash: part.hash, bytes });
      apart.push([name, key, hashes.length]);
      hashes.push(part.hash);
      copy.set(key, withoutApart(value, rule));
    }
    copies[name] = copy;
  }
  const head: Head = { state: { ...state, ...copies } as unknown as State, apart };
  return { state: serialize(head), parts: Buffer.concat(hashes), made };
}

/**
 * The state from a snapshot's bytes and its parts' (each checked against its hash already), its
 * parts read when first used. Throws if the bytes are not a state of this form.
 */
export function decodeState(
  bytes: Uint8Array,
  hashes: readonly Uint8Array[],
  held: PartSource,
): State {
  const head = deserialize(bytes) as Head;
  if (!isHead(head)) throw new Error('the bytes are not a state');
  for (const [name, key, index] of head.apart) {
    const rule = APART[name] as Apart<object> | undefined;
    const value = rule && (head.state[name] as Map<string, object>).get(key);
    const hash = hashes[index];
    const partBytes = hash && held(hash);
    if (!rule || !value || !partBytes) throw new Error(`the part of ${name} ${key} is missing`);
    readLater(value, rule, { hash, bytes: partBytes, settled: rule.settled(value) });
  }
  return head.state;
}

/** The bytes of a part, by its hash. */
export type PartSource = (hash: Uint8Array) => Uint8Array | undefined;

export function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/**
 * The value's part: the one it has, if that still holds (the value has not read it yet, or was
 * settled when it was made), else one made now; with the bytes the store may lack.
 */
function partFor(
  value: object,
  rule: Apart<object>,
  all: boolean,
): { part: PartOf; bytes?: Uint8Array } {
  const kept = parts.get(value);
  const holds = kept && (kept.bytes !== undefined || (kept.settled && rule.settled(value)));
  if (holds && !all) return { part: kept };
  if (holds && kept.bytes) return { part: kept, bytes: kept.bytes };
  const values = rule.keys.map((key) => (value as Record<string, unknown>)[key]);
  const bytes = deflateRawSync(serialize(values), { level: 1 });
  const part = { hash: sha256(bytes), settled: rule.settled(value) };
  parts.set(value, part);
  return { part, bytes };
}

/** A copy of the value whose parts are placeholders: in place, so that the order of keys holds. */
function withoutApart(value: object, rule: Apart<object>): object {
  const copy: Record<string, unknown> = {};
  const apart: readonly string[] = rule.keys;
  // By key: an entry's value would be read, and with it a part not read yet.
  for (const key of Object.keys(value))
    copy[key] = apart.includes(key) ? null : (value as Record<string, unknown>)[key];
  return copy;
}

/**
 * Makes the value's parts read from `part` when first used (got or set), each in its place among
 * its properties: from then on, they are plain properties.
 */
function readLater(value: object, rule: Apart<object>, part: PartOf): void {
  parts.set(value, part);
  const target = value as Record<string, unknown>;
  const read = (): void => {
    const values = deserialize(inflateRawSync(part.bytes!)) as unknown[];
    for (const [i, key] of rule.keys.entries())
      Object.defineProperty(target, key, {
        value: values[i],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    part.bytes = undefined;
  };
  for (const key of rule.keys)
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get() {
        read();
        return target[key];
      },
      set(next: unknown) {
        read();
        target[key] = next;
      },
    });
}

function isHead(value: unknown): value is Head {
  const state = (value as Partial<Head> | null)?.state;
  return (
    typeof state === 'object' &&
    state !== null &&
    APART_MAPS.every((name) => state[name] instanceof Map) &&
    Number.isSafeInteger(state.size) &&
    Array.isArray((value as Head).apart)
  );
}
