/**
 * The state as a snapshot holds it. It is serialized with v8's serializer, which keeps what the
 * state is made of (plain objects and arrays, Maps, Sets, typed arrays, and objects shared within
 * it), except for the rolls of votes: each motion's ballots and who was present when its vote
 * opened. Those are most of a long record's state (a million entries of an assembly are about a
 * thousand votes of a thousand ballots), and few readers need more than a few of them; so each
 * motion's are a part of their own, compressed, named by its SHA-256, and read into the motion
 * only when first used. A vote's roll no longer changes once it is closed (ballots are cast while
 * it is open), so the part of a closed motion is written once and kept for later snapshots.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { MotionState, State } from '../core/state/index.js';
import type { SnapshotPart } from '../store/types.js';

/** The properties of a motion kept in a part of its own, in this order. */
const APART = ['ballots', 'presentAtOpen'] as const satisfies readonly (keyof MotionState)[];

/** The state's bytes, what the parts of its motions hold, and where they go. */
interface Head {
  readonly state: State;
  /** By motion key, the index of its part among the snapshot's parts. */
  readonly apart: readonly (readonly [string, number])[];
}

/** A part as the motion it belongs to knows it. */
interface PartOf {
  readonly hash: Uint8Array;
  /** Its bytes, while the motion has not read them yet. */
  bytes?: Uint8Array;
  /** The motion's vote was closed when the part was made: it holds for good. */
  readonly closed: boolean;
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
  const apart: [string, number][] = [];
  const motions = new Map<string, MotionState>();
  for (const [key, motion] of state.motions) {
    const { part, bytes } = partFor(motion, all);
    if (bytes) made.push({ hash: part.hash, bytes });
    apart.push([key, hashes.length]);
    hashes.push(part.hash);
    motions.set(key, withoutApart(motion));
  }
  const head: Head = { state: { ...state, motions }, apart };
  return { state: serialize(head), parts: Buffer.concat(hashes), made };
}

/**
 * The state from a snapshot's bytes and its parts' (each checked against its hash already), its
 * motions' rolls read when first used. Throws if the bytes are not a state of this form.
 */
export function decodeState(
  bytes: Uint8Array,
  hashes: readonly Uint8Array[],
  held: PartSource,
): State {
  const head = deserialize(bytes) as Head;
  if (!isHead(head)) throw new Error('the bytes are not a state');
  for (const [key, index] of head.apart) {
    const motion = head.state.motions.get(key);
    const hash = hashes[index];
    const partBytes = hash && held(hash);
    if (!motion || !partBytes) throw new Error(`the part of motion ${key} is missing`);
    readLater(motion, { hash, bytes: partBytes, closed: motion.status === 'closed' });
  }
  return head.state;
}

/** The bytes of a part, by its hash. */
export type PartSource = (hash: Uint8Array) => Uint8Array | undefined;

export function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/**
 * The motion's part: the one it has, if that still holds (the motion has not read it yet, or its
 * vote was closed when it was made), else one made now; with the bytes the store may lack.
 */
function partFor(motion: MotionState, all: boolean): { part: PartOf; bytes?: Uint8Array } {
  const kept = parts.get(motion);
  const holds = kept && (kept.bytes !== undefined || (kept.closed && motion.status === 'closed'));
  if (holds && !all) return { part: kept };
  if (holds && kept.bytes) return { part: kept, bytes: kept.bytes };
  const bytes = deflateRawSync(serialize(APART.map((key) => motion[key])), { level: 1 });
  const part = { hash: sha256(bytes), closed: motion.status === 'closed' };
  parts.set(motion, part);
  return { part, bytes };
}

/** A copy of the motion whose rolls are placeholders: in place, so that the order of keys holds. */
function withoutApart(motion: MotionState): MotionState {
  const copy: Record<string, unknown> = {};
  const apart: readonly string[] = APART;
  for (const key of Object.keys(motion))
    copy[key] = apart.includes(key) ? null : motion[key as keyof MotionState];
  return copy as unknown as MotionState;
}

/**
 * Makes the motion's rolls read from `part` when first used (got or set), each in its place among
 * the motion's properties: from then on, they are plain properties.
 */
function readLater(motion: MotionState, part: PartOf): void {
  parts.set(motion, part);
  const target = motion as unknown as Record<string, unknown>;
  const read = (): void => {
    const values = deserialize(inflateRawSync(part.bytes!)) as unknown[];
    for (const [i, key] of APART.entries())
      Object.defineProperty(target, key, {
        value: values[i],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    part.bytes = undefined;
  };
  for (const key of APART)
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get() {
        read();
        return target[key];
      },
      set(value: unknown) {
        read();
        target[key] = value;
      },
    });
}

function isHead(value: unknown): value is Head {
  const head = value as Partial<Head> | null;
  return (
    typeof head === 'object' &&
    head !== null &&
    typeof head.state === 'object' &&
    head.state !== null &&
    head.state.motions instanceof Map &&
    Number.isSafeInteger(head.state.size) &&
    Array.isArray(head.apart)
  );
}
