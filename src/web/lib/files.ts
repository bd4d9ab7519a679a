/** Files attached to an act: hashed here as the record names them, and sent beside it. */
import { toBase64, toHex } from '../../core/bytes.js';
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

/** "812 bytes", "14.2 KB", "3.1 MB". */
export function sizeInWords(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export const attachmentPath = (hash: string): string => `/api/attachments/${hash}`;
