/**
 * The files an act attaches (a dispatch's, an instrument's, an agenda item's), each named once:
 * the record keeps a file by its hash, so a second mention of one is the same file again.
 */
import type { Attachment } from '../acts.js';
import { fail } from '../errors.js';

/** Refuses a list (`field`, as `payload.attachments`) that names a file twice. */
export function checkAttachedOnce(field: string, attachments: readonly Attachment[] = []): void {
  const first = new Map<string, number>();
  attachments.forEach((a, i) => {
    const before = first.get(a.hash);
    if (before !== undefined)
      fail(
        'invalid-input',
        `${field}.${i}: ${a.name} (sha256 ${a.hash}) is attached already, as ${field}.${before}: a file is attached once`,
      );
    first.set(a.hash, i);
  });
}
