/** Files to attach, read from the command line (--attach, or named beside a proceedings file). */
import { basename, resolve } from 'node:path';
import { checkAttachmentSize, fileHash, refuseReadPast } from '../app/attachments.js';
import type { FileInput } from '../app/attachments.js';
import { repeatsIn } from '../core/repeats.js';
import { fileSize, readBytes, usage } from './io.js';

/**
 * The files --attach gives, each read as readAttachment reads it; a file given twice, or two that
 * hold the same bytes, is refused as the option's slip before any act is made of them: the record
 * keeps a file by its hash, once.
 */
export function readAttachOption(paths: readonly string[] = [], maxBytes: number): FileInput[] {
  const [twice] = repeatsIn(paths, (file) => resolve(file));
  if (twice)
    usage(
      `--attach: ${paths[twice.at]!} is given twice${paths[twice.first] === paths[twice.at] ? '' : ` (as ${paths[twice.first]!})`}: a file is attached once`,
    );
  const files = paths.map((file) => readAttachment(file, maxBytes));
  const hashes = files.map((f) => fileHash(f.bytes));
  const [same] = repeatsIn(hashes, (hash) => hash);
  if (same)
    usage(
      `--attach: ${paths[same.at]!} holds the same bytes as ${paths[same.first]!} (sha256 ${hashes[same.at]!}): a file is attached once`,
    );
  return files;
}

/** A file to attach: refused by its size before it is read, or when it cannot be read. */
export function readAttachment(file: string, maxBytes: number): FileInput {
  checkAttachmentSize(file, fileSize(file), maxBytes);
  // A device or a pipe tells no size: it is read no further than the limit, and refused as a
  // file found too large by its size is, so that whoever reports it at its place says why.
  return {
    name: basename(file),
    bytes: readBytes(file, { name: 'an attachment', maxBytes }, () =>
      refuseReadPast(file, maxBytes),
    ),
  };
}
