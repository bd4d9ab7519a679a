import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatSignerKey,
  formatVerifierKey,
  keyIdOf,
  NoteError,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  utf8,
} from '../../src/record/note.js';
import type { NoteErrorCode } from '../../src/record/note.js';
import {
  parseVerifierKey as parseBrowserVerifierKey,
  splitNote,
  verifyNote,
} from '../../src/verify/note.js';
import { fromHex, loadVectors, toHex } from './vectors.js';

interface NoteVectors {
  vectors: {
    id: string;
    vkey: string;
    key_name: string;
    key_id_hex: string;
    public_key_hex: string;
    text: string;
    ed25519_signature_hex: string;
    signed_note?: string;
    signature_blob_hex?: string;
    expected?: { verified_signers?: string[] };
    skey?: string;
    ed25519_seed_hex?: string;
    expected_signed_note?: string;
    signature_line?: string;
  }[];
  open_cases: {
    cases: {
      desc: string;
      note?: string;
      trusted_vkeys?: string[];
      expected: { ok: boolean; verified?: string[]; unverified?: string[]; error?: string };
    }[];
    bad_vkeys: { vkeys: { vkey: string; why: string }[] };
  };
}

const { vectors, open_cases } = loadVectors<NoteVectors>('signed_note.json');

function vector(id: string) {
  const found = vectors.find((v) => v.id === id);
  if (found === undefined) throw new Error(`no vector ${id}`);
  return found;
}

const c2sp = vector('c2sp-signed-note-example');
const peter = vector('go-note-sign-peterneumann');
const enoch = vector('go-note-enochroot-key');
const peterNote = peter.expected_signed_note ?? '';
const peterSignatureLine = peterNote.slice(peterNote.lastIndexOf('\n\n') + 2);

function noteFailure(open: () => unknown): NoteErrorCode | undefined {
  try {
    open();
    return undefined;
  } catch (error) {
    if (error instanceof NoteError) return error.code;
    throw error;
  }
}

/** Go's sumdb/note error messages, as the vectors give them, and our codes for them. */
function codeForGoError(message: string): NoteErrorCode {
  if (message === 'malformed note') return 'malformed-note';
  if (message === 'note has no verifiable signatures') return 'no-verified-signature';
  if (message.startsWith('invalid signature for key')) return 'invalid-signature';
  throw new Error(`unmapped Go error ${message}`);
}

describe('signed notes (signed_note.json)', () => {
  describe.each([c2sp, peter, enoch])('verifier key of $key_name', (v) => {
    it('parses, with the key ID computed from name and key', () => {
      const key = parseVerifierKey(v.vkey);
      expect(key).toMatchObject({ name: v.key_name, type: 0x01 });
      expect(key.keyId.toString(16).padStart(8, '0')).toBe(v.key_id_hex);
      expect(toHex(key.publicKey)).toBe(v.public_key_hex);
      expect(keyIdOf(v.key_name, 0x01, key.publicKey)).toBe(key.keyId);
    });

    it('formats back to the same text', () => {
      expect(formatVerifierKey(v.key_name, fromHex(v.public_key_hex))).toBe(v.vkey);
    });

    it('is rejected when cut to any substring or with any character incremented', () => {
      for (let start = 0; start < v.vkey.length; start++) {
        for (let end = start; end <= v.vkey.length; end++) {
          if (end - start === v.vkey.length) continue;
          const cut = v.vkey.slice(start, end);
          expect(() => parseVerifierKey(cut), cut).toThrow(NoteError);
        }
      }
      for (let i = 0; i < v.vkey.length; i++) {
        const changed =
          v.vkey.slice(0, i) + String.fromCharCode(v.vkey.charCodeAt(i) + 1) + v.vkey.slice(i + 1);
        expect(() => parseVerifierKey(changed), changed).toThrow(NoteError);
      }
    });
  });

  it('opens the C2SP example note', () => {
    const opened = openNote(c2sp.signed_note ?? '', [noteVerifier(c2sp.vkey)]);
    expect(opened.text).toBe(c2sp.text);
    expect(opened.verified.map(({ name }) => name)).toEqual(c2sp.expected?.verified_signers);
    expect(toHex(opened.verified[0]?.signature ?? new Uint8Array())).toBe(
      c2sp.ed25519_signature_hex,
    );
    expect(c2sp.signature_blob_hex).toBe(c2sp.key_id_hex + c2sp.ed25519_signature_hex);
  });

  it("reads and writes Go's private key form", () => {
    const signer = parseSignerKey(peter.skey ?? '');
    expect(signer.name).toBe(peter.key_name);
    expect(toHex(signer.publicKey)).toBe(peter.public_key_hex);
    expect(formatSignerKey(peter.key_name, fromHex(peter.ed25519_seed_hex ?? ''))).toBe(peter.skey);
    expect(formatVerifierKey(signer.name, signer.publicKey)).toBe(peter.vkey);
  });

  it('rejects private keys with a wrong key ID, name or type', () => {
    const skey = peter.skey ?? '';
    expect(noteFailure(() => parseSignerKey(skey.replace('c74f20a3', 'c74f20a4')))).toBe(
      'malformed-key',
    );
    expect(noteFailure(() => parseSignerKey(skey.replace('PeterNeumann', 'Peter Neumann')))).toBe(
      'malformed-key',
    );
    expect(noteFailure(() => parseSignerKey(skey.replace('PRIVATE+KEY+', '')))).toBe(
      'malformed-key',
    );
    expect(noteFailure(() => parseSignerKey(skey.replace('+AYEK', '+AoEK')))).toBe(
      'unsupported-key-type',
    );
  });

  it('signs deterministically, reproducing the Go note', () => {
    const signer = parseSignerKey(peter.skey ?? '');
    const note = signNote(peter.text, [signer]);
    expect(note).toBe(peter.expected_signed_note);
    expect(toHex(parseNote(note).signatures[0]?.signature ?? new Uint8Array())).toBe(
      peter.ed25519_signature_hex,
    );
    expect(openNote(note, [noteVerifier(peter.vkey)]).verified.map(({ name }) => name)).toEqual([
      peter.key_name,
    ]);
  });

  it('opens the EnochRoot signature line', () => {
    const note = `${enoch.text}\n${enoch.signature_line ?? ''}`;
    const [signature] = openNote(note, [noteVerifier(enoch.vkey)]).verified;
    expect(toHex(signature?.signature ?? new Uint8Array())).toBe(enoch.ed25519_signature_hex);
  });

  describe('open cases', () => {
    const cases = open_cases.cases.map((c) => ({
      ...c,
      note: c.note ?? `${peter.text}\n${peterSignatureLine.repeat(101)}`,
      verifiers: (c.trusted_vkeys ?? [peter.vkey]).map(noteVerifier),
    }));

    it.each(cases)('$desc', ({ note, verifiers, expected }) => {
      if (expected.ok) {
        const opened = openNote(note, verifiers);
        expect(opened.verified.map(({ name }) => name)).toEqual(expected.verified);
        expect(opened.unverified.map(({ name }) => name)).toEqual(expected.unverified ?? []);
      } else {
        expect(noteFailure(() => openNote(note, verifiers))).toBe(
          codeForGoError(expected.error ?? ''),
        );
      }
    });

    it('accepts 100 signatures, counting repeats once', () => {
      const note = `${peter.text}\n${peterSignatureLine.repeat(100)}`;
      expect(openNote(note, [noteVerifier(peter.vkey)]).verified).toHaveLength(1);
    });
  });

  it.each(open_cases.bad_vkeys.vkeys)('rejects the verifier key with $why', ({ vkey }) => {
    expect(() => parseVerifierKey(vkey)).toThrow(NoteError);
  });
});

describe('signed notes, further rules of the spec', () => {
  const seed = new Uint8Array(32).fill(7);
  const signer = noteSigner('example.org/log', seed);
  const verifier = noteVerifier(formatVerifierKey(signer.name, signer.publicKey));
  const text = 'first line\n\nafter a blank line\n';

  it('takes the text to end at the last blank line', () => {
    const note = signNote(text, [signer]);
    expect(openNote(note, [verifier]).text).toBe(text);
  });

  it('opens the same note given as bytes, keeping a byte-order mark in the text', () => {
    const withBom = `\ufeff${text}`;
    const note = signNote(withBom, [signer]);
    expect(openNote(utf8(note), [verifier]).text).toBe(withBom);
  });

  it('ignores a signature by another key with the same name', () => {
    const other = noteSigner(signer.name, new Uint8Array(32).fill(8));
    const note = signNote(text, [other, signer]);
    const opened = openNote(note, [verifier]);
    expect(opened.verified.map(({ keyId }) => keyId)).toEqual([signer.keyId]);
    expect(opened.unverified.map(({ keyId }) => keyId)).toEqual([other.keyId]);
  });

  it('rejects a note whose text was changed', () => {
    const note = signNote(text, [signer]).replace('first', 'forst');
    expect(noteFailure(() => openNote(note, [verifier]))).toBe('invalid-signature');
  });

  it('rejects two verifiers with the same name and key ID', () => {
    const note = signNote(text, [signer]);
    expect(noteFailure(() => openNote(note, [verifier, verifier]))).toBe('ambiguous-key');
  });

  it.each([
    ['invalid UTF-8', Uint8Array.of(...utf8(signNote(text, [signer])), 0xff)],
    ['a lone surrogate', signNote(text, [signer]).replace('first', '\ud800')],
    ['a carriage return', signNote(text, [signer]).replace('\n\n\u2014', '\r\n\n\u2014')],
    ['an empty signature block', `${text}\n`],
    ['a signature without key ID and signature', `${text}\n\u2014 ${signer.name} AAAA\n`],
    ['a signature in non-canonical base64', `${text}\n\u2014 ${signer.name} AAAAAAB=\n`],
    ['a hyphen for the em dash', signNote(text, [signer]).replace('\u2014', '-')],
    ['a character instead of the final newline', signNote(text, [signer]).replace(/\n$/, 'Q')],
  ])('rejects a note with %s', (_, note) => {
    expect(noteFailure(() => openNote(note, [verifier]))).toBe('malformed-note');
  });

  it('refuses to sign text that would not open', () => {
    expect(noteFailure(() => signNote('no final newline', [signer]))).toBe('malformed-note');
    expect(noteFailure(() => signNote('tab\there\n', [signer]))).toBe('malformed-note');
    expect(noteFailure(() => signNote(text, []))).toBe('malformed-note');
  });

  it('refuses invalid key names', () => {
    for (const name of ['', 'with space', 'with+plus', 'nbsp\u00a0', 'nel\u0085']) {
      expect(
        noteFailure(() => noteSigner(name, seed)),
        JSON.stringify(name),
      ).toBe('malformed-key');
    }
  });
});

describe('the record and the verifier read a note alike', () => {
  const keyName = fc.stringMatching(/^[A-Za-z0-9._\-/]{1,12}$/);
  const noteText = fc
    .array(fc.stringMatching(/^[ -~\u00a0-\u024f]{0,20}$/), { minLength: 1, maxLength: 4 })
    .map((lines) => `${lines.join('\n')}\n`)
    .filter((text) => !text.includes('\n\n'));
  const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });

  it('finds the same signatures in a note the record signed, and verifies each', async () => {
    await fc.assert(
      fc.asyncProperty(
        noteText,
        fc.uniqueArray(fc.tuple(keyName, seed), {
          minLength: 1,
          maxLength: 3,
          selector: ([n]) => n,
        }),
        async (text, keys) => {
          const signers = keys.map(([name, bytes]) => noteSigner(name, bytes));
          const note = signNote(text, signers);
          const { signatures } = parseNote(note);
          const split = splitNote(note);
          expect(split.text).toBe(text);
          expect(split.unread).toEqual([]);
          expect(
            split.lines.map(({ name, keyId, signature }) => ({ name, keyId, signature })),
          ).toEqual(signatures);
          for (const signer of signers) {
            const key = await parseBrowserVerifierKey(
              formatVerifierKey(signer.name, signer.publicKey),
            );
            expect(key.keyId).toBe(signer.keyId);
            expect(await verifyNote(note, key)).toBe(text);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('takes as a signature line exactly what the record takes', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 30 }).filter((l) => !l.includes('\n')),
      fc
        .tuple(keyName, fc.uint8Array({ minLength: 0, maxLength: 70 }))
        .map(([name, bytes]) => `\u2014 ${name} ${Buffer.from(bytes).toString('base64')}`),
    );
    fc.assert(
      fc.property(line, (l) => {
        const note = `text\n\n${l}\n`;
        const recordTakes = (() => {
          try {
            parseNote(note);
            return true;
          } catch (error) {
            if (!(error instanceof NoteError)) throw error;
            return false;
          }
        })();
        const verifierTakes = (() => {
          try {
            return splitNote(note).unread.length === 0;
          } catch {
            return false;
          }
        })();
        expect(verifierTakes).toBe(recordTakes);
      }),
      { numRuns: 300 },
    );
  });
});
