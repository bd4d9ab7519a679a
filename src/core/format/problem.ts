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
