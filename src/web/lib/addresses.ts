/**
 * What an address of the app names: its path matched against the routes' patterns, whether it
 * can be an address at all, and an entry's index as written in one. No React: tests run it as is.
 */
import { ID_MAX_LENGTH } from '../../core/id-rule.js';

/**
 * Matches `/sessions/:id/ballot` style patterns; parameters come back decoded. One that is not
 * percent-encoded UTF-8 matches nothing.
 */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern.replace(/:([a-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${source}/?$`).exec(path);
  if (!found) return undefined;
  const values = names.map((_, i) => decoded(found[i + 1]!));
  if (values.some((v) => v === undefined)) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}

/** A part of an address, decoded; undefined when it is not percent-encoded UTF-8. */
function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/**
 * Why `path` and `search` cannot be an address of the app, in words, or undefined when they can:
 * the server refuses the same (docs/api.md), and answers such a page with this app all the same.
 */
export function invalidAddress(path: string, search: string): string | undefined {
  const read = decoded(path);
  if (read === undefined || decoded(search) === undefined)
    return 'it is garbled (a % in it is not followed by the code of a character)';
  if (read.includes('\0')) return 'it holds a NUL character';
  if (path.split('/').some((part) => part.length > ID_MAX_LENGTH))
    return `a part of it is longer than any name in the record (${ID_MAX_LENGTH} characters)`;
  return undefined;
}

/** An entry's index as its address gives it: a whole number written as such (no 007, 1e3, -1). */
export function entryIndex(text: string): number | undefined {
  return /^(0|[1-9]\d{0,14})$/.test(text) ? Number(text) : undefined;
}
