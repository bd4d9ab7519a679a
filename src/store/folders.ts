/** Folders made for what a command writes: a record's file, a server's data folder. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { codeOf, systemReason } from '../core/errors.js';

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

/** Whether `path` is a folder; false where there is nothing, or nothing this user may look at. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Why `folder` (or a file in it) could not be made, in words: the file in the way of a folder, a
 * folder that takes nothing new (/proc), permission, a read-only disk; else the system's code.
 */
export function whyNotMade(folder: string, error: unknown): string {
  const code = codeOf(error);
  const existing = existingAbove(folder);
  if ((code === 'ENOTDIR' || code === 'EEXIST') && existing.file)
    return `${existing.path} is a file, not a folder`;
  if (code === 'ENOENT' && !existing.file) return `the folder ${existing.path} takes nothing new`;
  return systemReason(error);
}

/** The nearest of `path` and the folders above it that exists, and whether it is no folder. */
function existingAbove(path: string): { path: string; file: boolean } {
  for (let at = path; ; at = dirname(at)) {
    if (existsSync(at)) return { path: at, file: !statSync(at).isDirectory() };
    if (dirname(at) === at) return { path: at, file: false };
  }
}
