/** Files attached to an act: hashed here as the record names them, and sent beside it. */
import { toBase64, toHex } from '../../core/bytes.js';
import { exactSize, sizeInWords } from '../../core/words.js';
import { sha256 } from '../../verify/web-crypto.js';
import type { AttachmentInfo } from './types.js';

export interface Upload {
  /** As the act names it: name, hex SHA-256, size. */
  readonly attachment: AttachmentInfo;
  /** As POST /api/acts takes it beside the act: name and base64 bytes. */
  readonly file: { readonly name: string; readonly data: string };
}

/** A chosen file, read, hashed with WebCrypto and encoded. */
export async function readUpload(file: File): Promise<Upload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const hash = toHex(await sha256(bytes));
  return {
    attachment: { name: file.name, hash, size: bytes.length },
    file: { name: file.name, data: toBase64(bytes) },
  };
}

export const attachmentPath = (hash: string): string => `/api/attachments/${hash}`;

/**
 * What the server would refuse of `files`, in words, before any is read or sent: each larger than
 * the most it takes (`max` bytes, as GET /api/me gives it); undefined when it takes them all.
 */
export function tooLarge(
  files: readonly { readonly name: string; readonly size: number }[],
  max: number,
): string | undefined {
  const over = files.filter((f) => f.size > max);
  if (over.length === 0) return undefined;
  // Rounded alike, a size is given to the byte too: never "2 KiB, more than … 2 KiB".
  const size = (n: number) => (sizeInWords(n) === sizeInWords(max) ? exactSize(n) : sizeInWords(n));
  const each = over.map((f) => `${f.name} is ${size(f.size)}`).join(', ');
  const which = over.length === 1 ? 'It is' : 'They are';
  return `${each}, more than the server takes: at most ${exactSize(max)} a file. ${which} not attached.`;
}
