import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  cosignatureVerifier,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from '../../src/record/checkpoint.js';
import type { CheckpointErrorCode } from '../../src/record/checkpoint.js';
import { verifyBytes } from '../../src/record/ed25519.js';
import { leafHash } from '../../src/record/merkle.js';
import {
  formatVerifierKey,
  keyIdOf,
  NoteError,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
  utf8,
} from '../../src/record/note.js';
import type { NoteErrorCode } from '../../src/record/note.js';
import { verifyCosignatures } from '../../src/verify/cosignature.js';
import {
  parseVerifierKey as parseWebVerifierKey,
  verifyCheckpoint as verifyWebCheckpoint,
} from '../../src/verify/note.js';
import { fromHex, loadVectors, toHex } from './vectors.js';

interface CheckpointVector {
  id: string;
  checkpoint?: string;
  parsed?: { origin: string; tree_size: number; root_hash_hex: string; extension_lines: string[] };
  body?: string;
  tree_size?: number;
  root_hash_hex?: string;
  bad_bodies?: string[];
  cosigner_vkey?: string;
  cosigner_public_key_hex?: string;
  timestamp?: number;
  signed_message?: string;
}

const { vectors } = loadVectors<{ vectors: CheckpointVector[] }>('checkpoint_and_cosignature.json');

function vector(id: string): CheckpointVector {
  const found = vectors.find((v) => v.id === id);
  if (found === undefined) throw new Error(`no vector ${id}`);
  return found;
}

function failure(run: () => unknown): CheckpointErrorCode | NoteErrorCode | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof CheckpointError || error instanceof NoteError) return error.code;
    throw error;
  }
}

const example = vector('c2sp-checkpoint-example');
const goTree = vector('go-sumdb-format-tree');
const cosigned = [
  vector('sunlight-witness-cosignature-ed25519'),
  vector('sunlight-mirror-cosignature-ed25519'),
];

describe('checkpoints (checkpoint_and_cosignature.json)', () => {
  it('parses the C2SP example and formats it back', () => {
    const { text } = parseNote(example.checkpoint ?? '');
    const checkpoint = parseCheckpoint(text);
    expect({
      origin: checkpoint.origin,
      tree_size: checkpoint.size,
      root_hash_hex: toHex(checkpoint.rootHash),
      extension_lines: checkpoint.extensions,
    }).toEqual(example.parsed);
    expect(formatCheckpoint(checkpoint)).toBe(text);
  });

  it('parses the Go tree note and formats it back', () => {
    const checkpoint = parseCheckpoint(goTree.body ?? '');
    expect(checkpoint.origin).toBe('go.sum database tree');
    expect(checkpoint.size).toBe(goTree.tree_size);
    expect(toHex(checkpoint.rootHash)).toBe(goTree.root_hash_hex);
    expect(checkpoint.rootHash).toEqual(leafHash(utf8('hello world')));
    expect(formatCheckpoint(checkpoint)).toBe(goTree.body);
  });

  it('rejects the Go bad tree notes', () => {
    const [otherOrigin = '', hexSize = '', longRoot = ''] = goTree.bad_bodies ?? [];
    expect(failure(() => parseCheckpoint(hexSize))).toBe('malformed-checkpoint');
    expect(failure(() => parseCheckpoint(longRoot))).toBe('malformed-checkpoint');
    // Go rejects the first for its origin, fixed for the go.sum database, whose key is named
    // sum.golang.org: verified with that expected origin, it is another log's checkpoint.
    const sumdbKey = noteSigner('sum.golang.org', new Uint8Array(32).fill(1));
    const verifier = noteVerifier(formatVerifierKey(sumdbKey.name, sumdbKey.publicKey));
    const signed = signCheckpoint(parseCheckpoint(otherOrigin), sumdbKey);
    expect(failure(() => verifyCheckpoint(signed, verifier, 'go.sum database tree'))).toBe(
      'origin-mismatch',
    );
    const good = signCheckpoint(parseCheckpoint(goTree.body ?? ''), sumdbKey);
    expect(verifyCheckpoint(good, verifier, 'go.sum database tree').size).toBe(goTree.tree_size);
  });

  it("is refused by the verifiers' reader wherever the record's refuses it", async () => {
    const logKey = noteSigner('log.example/a', new Uint8Array(32).fill(3));
    const vkey = await parseWebVerifierKey(formatVerifierKey(logKey.name, logKey.publicKey));
    const root = Buffer.from(new Uint8Array(32).fill(7)).toString('base64');
    for (const body of [
      `log.example/a\n9007199254740993\n${root}\n`, // past any size a number holds exactly
      `log.example/a\n5\n${root}\n\nx\n`, // an empty extension line
    ]) {
      expect(
        failure(() => parseCheckpoint(body)),
        body,
      ).toBe('malformed-checkpoint');
      const note = signNote(body, [logKey]);
      await expect(verifyWebCheckpoint(note, vkey), body).rejects.toThrow(/^not a checkpoint: /);
    }
  });

  describe.each(cosigned)('cosignature in $id', (v) => {
    const key = parseVerifierKey(v.cosigner_vkey ?? '');

    it('has a type 0x04 verifier key with the key ID of the cosignature spec', () => {
      expect(key.type).toBe(0x04);
      expect(toHex(key.publicKey)).toBe(v.cosigner_public_key_hex);
      expect(keyIdOf(key.name, 0x04, key.publicKey)).toBe(key.keyId);
    });

    it('verifies, giving the time of cosigning', async () => {
      const opened = openNote(v.checkpoint ?? '', [cosignatureVerifier(v.cosigner_vkey ?? '')]);
      expect(opened.verified.map(({ name }) => name)).toEqual([key.name]);
      expect(parseCheckpoint(opened.text).origin).toBe('rome2026h1.example.org');
      const { valid } = await verifyCosignatures(v.checkpoint ?? '', [v.cosigner_vkey ?? '']);
      expect(valid.map(({ name, timestamp }) => ({ name, timestamp }))).toEqual([
        { name: key.name, timestamp: v.timestamp },
      ]);
    });

    it('signs the message the vector spells out', () => {
      const [cosignature] = parseNote(v.checkpoint ?? '').signatures.filter(
        ({ name }) => name === key.name,
      );
      const signature = cosignature?.signature.subarray(8) ?? new Uint8Array();
      expect(verifyBytes(key.publicKey, utf8(v.signed_message ?? ''), signature)).toBe(true);
    });

    it('fails for a changed checkpoint or timestamp', () => {
      const verifiers = [cosignatureVerifier(v.cosigner_vkey ?? '')];
      const changedSize = (v.checkpoint ?? '').replace('\n300\n', '\n301\n');
      expect(failure(() => openNote(changedSize, verifiers))).toBe('invalid-signature');
      const { text, signatures } = parseNote(v.checkpoint ?? '');
      const [cosignature] = signatures.filter(({ name }) => name === key.name);
      const later = new Uint8Array(cosignature?.signature ?? []);
      later[7] = (later[7] ?? 0) + 1;
      expect(cosignatureVerifier(v.cosigner_vkey ?? '').verify(utf8(text), later)).toBe(false);
    });

    it('is not a note signing key, nor the other way round', () => {
      expect(failure(() => noteVerifier(v.cosigner_vkey ?? ''))).toBe('unsupported-key-type');
      const noteKey = formatVerifierKey(key.name, key.publicKey);
      expect(failure(() => cosignatureVerifier(noteKey))).toBe('unsupported-key-type');
    });
  });
});

describe('checkpoints signed by our log key', () => {
  const logKey = noteSigner('collegium.example/log', new Uint8Array(32).fill(3));
  const verifier = noteVerifier(formatVerifierKey(logKey.name, logKey.publicKey));
  const checkpoint = {
    origin: logKey.name,
    size: 300,
    rootHash: fromHex('830df5c90aea65909c10e3ebcd7f9ba72de727a4209e04ca9fc1b59b48badae5'),
    extensions: ['extension line'],
  };

  it('round-trips through signing and verification', () => {
    const verified = verifyCheckpoint(signCheckpoint(checkpoint, logKey), verifier);
    expect(verified).toEqual(checkpoint);
  });

  it('rejects a checkpoint signed by another key', () => {
    const other = noteSigner(logKey.name, new Uint8Array(32).fill(4));
    expect(failure(() => verifyCheckpoint(signCheckpoint(checkpoint, other), verifier))).toBe(
      'no-verified-signature',
    );
  });

  it('rejects a checkpoint of another origin than expected', () => {
    const signed = signCheckpoint(checkpoint, logKey);
    expect(failure(() => verifyCheckpoint(signed, verifier, 'collegium.example/other'))).toBe(
      'origin-mismatch',
    );
  });

  const root = 'gw31yQrqZZCcEOPrzX+bpy3nJ6QgngTKn8G1m0i62uU=';
  it.each([
    ['no final newline', `o\n1\n${root}`],
    ['no root line', 'o\n1\n'],
    ['an empty origin', `\n1\n${root}\n`],
    ['a size with a leading zero', `o\n01\n${root}\n`],
    ['a signed size', `o\n+1\n${root}\n`],
    ['a size with a space', `o\n 1\n${root}\n`],
    ['a size beyond 2^53 - 1', `o\n9007199254740992\n${root}\n`],
    ['a root of 31 bytes', `o\n1\n${Buffer.alloc(31).toString('base64')}\n`],
    ['a root in unpadded base64', `o\n1\n${root.slice(0, -1)}\n`],
    ['a root in URL-safe base64', `o\n1\n${root.replace('+', '-')}\n`],
    ['an empty extension line', `o\n1\n${root}\n\n`],
  ])('rejects a body with %s', (_, body) => {
    expect(failure(() => parseCheckpoint(body))).toBe('malformed-checkpoint');
  });

  it('accepts the empty tree and the largest safe size', () => {
    expect(parseCheckpoint(`o\n0\n${root}\n`).size).toBe(0);
    expect(parseCheckpoint(`o\n9007199254740991\n${root}\n`).size).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses to format what it would not parse', () => {
    expect(failure(() => formatCheckpoint({ ...checkpoint, origin: 'two\nlines' }))).toBe(
      'malformed-checkpoint',
    );
    expect(failure(() => formatCheckpoint({ ...checkpoint, size: -1 }))).toBe(
      'malformed-checkpoint',
    );
    expect(failure(() => formatCheckpoint({ ...checkpoint, rootHash: new Uint8Array(31) }))).toBe(
      'malformed-checkpoint',
    );
    expect(failure(() => formatCheckpoint({ ...checkpoint, extensions: [''] }))).toBe(
      'malformed-checkpoint',
    );
  });
});
