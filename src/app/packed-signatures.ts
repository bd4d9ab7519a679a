/**
 * Signed messages packed end to end in one buffer, as the verifying threads are sent them: one
 * transfer for a batch instead of a cloned array per message. Item i is its 64-byte signature
 * followed by its message, bytes[offsets[i], offsets[i+1]).
 */
import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { verifyingKey } from '../record/entry.js';

/** Signed messages with the KeyObjects that verify them (the server's members' acts). */
export interface SignatureRequest {
  readonly id: number;
  readonly kind: 'signatures';
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
  /** KeyObjects cross to the worker without being parsed again. */
  readonly keys: readonly KeyObject[];
}

/**
 * Signed messages with their keys named by base64 (an audit's entries): `keys` holds each key
 * once, and `keyOf[i]` is the one for item i. The thread makes each key ready once, not once an
 * item, and a request carries all it needs, so that another thread can take it over.
 */
export interface KeyedRequest {
  readonly id: number;
  readonly kind: 'keyed';
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
  readonly keys: readonly string[];
  readonly keyOf: Uint32Array;
}

export type Request = SignatureRequest | KeyedRequest;

export interface SignatureResponse {
  readonly id: number;
  /** For each item, 1 if its signature verifies, else 0. */
  readonly valid: Uint8Array;
}

/** A signed message to pack: its signature, and its message given in parts (written end to end). */
export interface PackedItem {
  readonly signature: Uint8Array;
  readonly message: readonly Uint8Array[];
}

/** The items end to end in one new buffer of its own (to be transferred), and where each begins. */
export function pack(items: readonly PackedItem[]): { bytes: Uint8Array; offsets: Uint32Array } {
  const offsets = new Uint32Array(items.length + 1);
  for (let i = 0; i < items.length; i++) {
    const { signature, message } = items[i]!;
    let length = signature.length;
    for (const part of message) length += part.length;
    offsets[i + 1] = offsets[i]! + length;
  }
  const bytes = new Uint8Array(offsets[items.length]!);
  for (let i = 0; i < items.length; i++) {
    const { signature, message } = items[i]!;
    let at = offsets[i]!;
    bytes.set(signature, at);
    at += signature.length;
    for (const part of message) {
      bytes.set(part, at);
      at += part.length;
    }
  }
  return { bytes, offsets };
}

/** The size of a packing buffer: a request of a few hundred entries. */
const SLOT = 256 * 1024;
const spare: SharedArrayBuffer[] = [];

/**
 * A buffer to pack a request into, of at least `size` bytes. Shared with the threads, it is sent
 * without a copy and read there in place; it is used again once its request is answered
 * (releaseShared), so that an audit allocates a few of them, not one a request.
 */
function sharedBuffer(size: number): Uint8Array {
  if (size > SLOT) return new Uint8Array(new SharedArrayBuffer(size));
  return new Uint8Array(spare.pop() ?? new SharedArrayBuffer(SLOT));
}

/** Gives back the buffer a request was packed in, once it is answered. */
export function releaseShared(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (buffer instanceof SharedArrayBuffer && buffer.byteLength === SLOT && spare.length < 64)
    spare.push(buffer);
}

/**
 * Packs keyed items as they come, a request's worth at a time: nothing is kept of an item but its
 * bytes, so that a reader can let each entry go as soon as it has followed it.
 */
export class KeyedPacker {
  private buffer = sharedBuffer(0);
  private used = 0;
  private count = 0;
  private readonly offsets: Uint32Array;
  private readonly keyOf: Uint32Array;
  private keys: string[] = [];
  private index = new Map<string, number>();

  constructor(readonly capacity: number) {
    this.offsets = new Uint32Array(capacity + 1);
    this.keyOf = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds an item: its signature, its message in parts, and the base64 of its key. */
  add(key: string, signature: Uint8Array, message: readonly Uint8Array[]): void {
    if (this.count === this.capacity) throw new RangeError('the request is full');
    let length = signature.length;
    for (const part of message) length += part.length;
    this.reserve(length);
    this.buffer.set(signature, this.used);
    let at = this.used + signature.length;
    for (const part of message) {
      this.buffer.set(part, at);
      at += part.length;
    }
    this.used = at;
    let k = this.index.get(key);
    if (k === undefined) {
      k = this.keys.push(key) - 1;
      this.index.set(key, k);
    }
    this.keyOf[this.count] = k;
    this.count += 1;
    this.offsets[this.count] = at;
  }

  /**
   * The items added since the last take, as a request (its bytes in a shared buffer, to be
   * given back with releaseShared once answered); then none.
   */
  take(): Omit<KeyedRequest, 'id'> {
    const request: Omit<KeyedRequest, 'id'> = {
      kind: 'keyed',
      bytes: this.buffer.subarray(0, this.used),
      offsets: this.offsets.slice(0, this.count + 1),
      keys: this.keys,
      keyOf: this.keyOf.slice(0, this.count),
    };
    this.buffer = sharedBuffer(0);
    this.used = 0;
    this.count = 0;
    this.keys = [];
    this.index = new Map();
    return request;
  }

  private reserve(length: number): void {
    if (this.used + length <= this.buffer.length) return;
    const larger = sharedBuffer(Math.max(2 * this.buffer.length, this.used + length));
    larger.set(this.buffer.subarray(0, this.used));
    releaseShared(this.buffer);
    this.buffer = larger;
  }
}

/** Checks every packed item: 1 where its signature is 64 bytes and verifies with its key. */
export function verifyPacked(request: Request): Uint8Array {
  const { bytes, offsets } = request;
  const keys =
    request.kind === 'keyed' ? request.keys.map((key) => verifyingKey(key)) : request.keys;
  const valid = new Uint8Array(offsets.length - 1);
  for (let i = 0; i < valid.length; i++) {
    const key = keys[request.kind === 'keyed' ? request.keyOf[i]! : i];
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (!key || end - start < 64) continue;
    try {
      const signature = bytes.subarray(start, start + 64);
      valid[i] = verify(null, bytes.subarray(start + 64, end), key, signature) ? 1 : 0;
    } catch {
      valid[i] = 0;
    }
  }
  return valid;
}
