/**
 * A problem of a file a person hands in, at the place to look, and how it is printed
 * (FILE:LINE:COL: message). Apart from the YAML reader, so that reading JSON, in the browser
 * above all, does not bring the YAML parser along.
 */

export type Path = readonly (string | number)[];

export interface Problem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly path: Path;
}

export function formatProblem(file: string, p: Problem): string {
  return `${file}:${p.line}:${p.col}: ${p.message}`;
}

/** A piece of the file in quotes, cut short when long. */
export function quoted(text: string): string {
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
}

/** How a key given twice in one mapping or object is told, at the second, wherever the first is. */
export function givenTwice(
  key: string,
  what: string,
  first: { line: number; col: number },
): string {
  return `the key ${quoted(key)} is given twice in ${what} (first at line ${first.line}, column ${first.col})`;
}

/** How a number written too large for a number to hold is told: read, it would be Infinity. */
export function numberTooLarge(written: string): string {
  return `the number ${quoted(written)} is too large to hold (the largest is about 1.8e308)`;
}
