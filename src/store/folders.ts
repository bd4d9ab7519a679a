/** Folders made for what a command writes: a record's file, a server's data folder. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { codeOf } from '../core/errors.js';

/**
 * Makes `folder` and the folders above it that are missing, one at a time, and throws the
 * system's error for the first that cannot be made. Node's own recursive mkdir never returns when
 * the system says ENOENT of a folder whose parent is there (under /proc): a folder that cannot be
 * made is refused, not tried again for ever.
 */
export function makeFolders(folder: string): void {
  const parent = dirname(folder);
  if (parent !== folder && !existsSync(parent)) makeFolders(parent);
  try {
    mkdirSync(folder);
  } catch (error) {
    if (codeOf(error) !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
  }
}
