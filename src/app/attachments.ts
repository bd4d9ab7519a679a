/**
 * Files an entry names by the SHA-256 of their bytes (a dispatch's letter, scanned): the entry
 * carries the hash, the store keeps the bytes beside the record, in the same transaction.
 */
import { createHash } from 'node:crypto';
import type { Attachment } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { plural, sizeInWords } from '../core/words.js';
import type { StoredAttachment } from '../store/types.js';

/** The largest file taken by default: 10 MiB (`COLLEGIUM_MAX_ATTACHMENT`, in bytes). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The limit of a file, as the command line's help says it: the size in the words of every other
 * mention (sizeInWords), so the help and a refusal name the same limit. */
export const ATTACHMENT_LIMIT_HELP = `at most COLLEGIUM_MAX_ATTACHMENT bytes each; default ${sizeInWords(DEFAULT_MAX_ATTACHMENT_BYTES)}`;

export interface FileInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The largest file taken, in bytes; a setting that is not a whole number of bytes is refused. */
export function maxAttachmentBytes(env: NodeJS.ProcessEnv = process.env): number {
  const given = env['COLLEGIUM_MAX_ATTACHMENT'];
  if (given === undefined || given === '') return DEFAULT_MAX_ATTACHMENT_BYTES;
  // Not taken for the default: an operator who set it meant another limit.
  if (!/^\d{1,15}$/.test(given) || Number(given) === 0)
    fail(
      'invalid-input',
      `COLLEGIUM_MAX_ATTACHMENT: '${given}' is not a size in bytes (1 or more)`,
    );
  return Number(given);
}

/** The attachments as entries name them, and as the store keeps them; refused when too large. */
export function attachmentsOf(
  files: readonly FileInput[],
  maxBytes: number,
): { attachments: Attachment[]; stored: StoredAttachment[] } {
  const attachments: Attachment[] = [];
  const stored: StoredAttachment[] = [];
  for (const file of files) {
    checkAttachmentSize(file.name, file.bytes.length, maxBytes);
    const hash = fileHash(file.bytes);
    attachments.push({ name: file.name, hash, size: file.bytes.length });
    stored.push({ hash, bytes: file.bytes });
  }
  return { attachments, stored };
}

/** The hex SHA-256 an entry names a file by. */
export function fileHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * What is wrong with the file the store keeps for `hash`, if anything: bytes that are not that
 * file's (changed outside Collegium, or by a failing disk).
 */
export function keptFileProblem(hash: string, kept: Uint8Array): string | undefined {
  const actual = fileHash(kept);
  if (actual === hash) return undefined;
  return `the file kept for sha256 ${hash} is not that file: its ${plural(kept.length, 'byte')} hash to ${actual} (changed outside Collegium)`;
}

/** Refuses a file found larger than `maxBytes` as it is read: a device or a pipe tells no size. */
export function refuseReadPast(name: string, maxBytes: number): never {
  fail('too-large', `attachment ${name} holds more than the ${maxBytes} bytes allowed`);
}

/** Refuses a file larger than `maxBytes`: a reader may check its size before reading it. */
export function checkAttachmentSize(name: string, size: number, maxBytes: number): void {
  if (size > maxBytes)
    fail(
      'too-large',
      `attachment ${name} is ${plural(size, 'byte')}, more than the ${maxBytes} allowed`,
    );
}
