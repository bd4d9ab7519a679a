/**
 * Reads a user-written YAML file against a zod schema and further checks, and reports every
 * problem at once with its line and column, so a person can fix a file in one pass.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type { z } from 'zod';
import { decodeSource } from './source-bytes.js';
import type { FileKind } from './source-bytes.js';
import { DEFAULT_UNION_MESSAGE, issueMessage, plainWords, quoted } from '../issue-words.js';
import { ID_RULE_WORDS } from '../ids.js';
import { syntaxProblems } from './yaml-syntax.js';
import { documentValue } from './yaml-value.js';
import type { Path, Problem } from './problem.js';
import { otherKindOfFile } from './file-kinds.js';
import { closestKey, knownKeysAt } from './known-keys.js';

export { formatProblem } from './problem.js';
export type { Path, Problem } from './problem.js';

/** A problem found after schema validation, located by its path in the document. */
export interface PathProblem {
  readonly path: Path;
  readonly message: string;
  /** Point at the key itself rather than its value (for unknown or duplicate keys). */
  readonly atKey?: boolean;
}

export type Loaded<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly json: unknown;
      /** Line and column of the value at `path`, for problems found later (a refused act). */
      readonly locate: (path: Path) => { line: number; col: number };
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Parses `source` (the file's bytes, or its text), validates it with `schema`, then runs `check`
 * on the valid value. `check` returns further problems by path; they are located in the source
 * like schema problems. A file too large for its `kind`, or not UTF-8, is refused before it is parsed.
 */
export function loadYaml<S extends z.ZodType, T>(
  source: string | Uint8Array,
  kind: FileKind,
  schema: S,
  build: (data: z.output<S>) => { value: T; problems: readonly PathProblem[] },
  /** Makes a schema-valid value of the valid parts of an invalid document, so that the further
   * checks still run and every problem is reported at once. */
  salvage?: (json: unknown) => z.output<S> | undefined,
): Loaded<T> {
  const decoded = decodeSource(
    typeof source === 'string' ? new TextEncoder().encode(source) : source,
    kind,
  );
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  // A carriage return alone ends a line in YAML (1.2, 5.4), as in a file saved by an old Mac; the
  // parser reads only LF and CRLF so: one character for one, every position stays where it was.
  const text = decoded.text.replace(/\r(?!\n)/g, '\n');
  const lines = new LineCounter();
  // Duplicate keys are found by documentValue, in linear time.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const atOffset = (p: { offset: number; message: string }): Problem => ({
    ...lines.linePos(p.offset),
    message: p.message,
    path: [],
  });
  const converted = documentValue(doc, (offset) => lines.linePos(offset), kind.twice);
  // A duplicate key still leaves a readable document: report it beside everything else.
  const syntax = converted.problems.map(atOffset);
  if (doc.errors.length > 0) {
    // One error of the parser's a line: the others on it follow from the first.
    const errors = firstOfEachLine(syntaxProblems(text, doc.errors).map(atOffset));
    return { ok: false, problems: sortProblems([...errors, ...syntax]) };
  }
  if (!converted.ok) return { ok: false, problems: syntax };
  if (doc.contents === null)
    return { ok: false, problems: [atOffset({ offset: 0, message: 'the file has no content' })] };
  const json = converted.value;
  const top = kind.list && Array.isArray(json) ? undefined : notMapping(json, kind);
  if (top) return { ok: false, problems: [atOffset({ offset: 0, message: top })] };
  // With the input of each issue: a key left out is told from a value of the wrong type.
  // Worded for people: what the field takes and what it was given, not the library's words.
  const parsed = schema.safeParse(json, { reportInput: true, error: plainWords });
  const locate = (p: PathProblem): Problem => ({
    ...position(doc, lines, p),
    message: p.message,
    path: p.path,
  });
  if (!parsed.success) {
    const other = otherKindOfFile(json, kind);
    if (other) {
      const start = (doc.contents as { range?: readonly number[] }).range?.[0] ?? 0;
      return { ok: false, problems: [atOffset({ offset: start, message: other })] };
    }
    const problems = parsed.error.issues.flatMap((i) => issueProblems(i, schema));
    const salvaged = salvage?.(json);
    if (salvaged !== undefined) {
      const seen = new Set(problems.map((p) => JSON.stringify(p.path)));
      problems.push(...build(salvaged).problems.filter((p) => !seen.has(JSON.stringify(p.path))));
    }
    return { ok: false, problems: sortProblems([...syntax, ...problems.map(locate)]) };
  }
  const built = build(parsed.data);
  if (built.problems.length > 0 || syntax.length > 0)
    return { ok: false, problems: sortProblems([...syntax, ...built.problems.map(locate)]) };
  return {
    ok: true,
    value: built.value,
    json,
    locate: (path) => position(doc, lines, { path, message: '' }),
  };
}

function issueProblems(issue: z.core.$ZodIssue, schema: z.ZodType): PathProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path);
    return issue.keys.map((key) => {
      const like = closestKey(key, known);
      return {
        path: [...path, key],
        message: `unknown key '${key}'${like === undefined ? '' : `: did you mean '${like}'?`}`,
        atKey: true,
      };
    });
  }
  // A key left out: of a plain type, or of a choice of forms (`by: {session, motion}`).
  if (
    (issue.code === 'invalid_type' ||
      issue.code === 'invalid_union' ||
      issue.code === 'invalid_value') &&
    issue.input === undefined &&
    path.length > 0
  ) {
    const key = path[path.length - 1];
    return [{ path: path.slice(0, -1), message: `missing required key '${String(key)}'` }];
  }
  const best = furthestBranch(issue);
  if (best) return best.flatMap((i) => issueProblems(i, schema));
  // A key that is refused is shown where the key is written, not its value.
  return [{ path, message: namedValue(issue), atKey: issue.code === 'invalid_key' }];
}

/**
 * An issue's words; a text that is not an id is named first, as the key of a map is: `"ленин" is
 * not an id: an id is lowercase Latin letters (a-z), ...`, so a name in another alphabet reads as
 * what is wrong, not as a lowercase word refused.
 */
function namedValue(issue: z.core.$ZodIssue): string {
  const message = issueMessage(issue);
  return message === ID_RULE_WORDS && typeof issue.input === 'string' && issue.input.length <= 100
    ? `${quoted(issue.input)} is not an id: ${message}`
    : message;
}

/** What the top of a file holds instead of the mapping every format starts with. */
function notMapping(value: unknown, kind: FileKind): string | undefined {
  if (kind.list) return 'the file must hold a list of items (- item: ...)';
  if (Array.isArray(value))
    return 'the file holds a list; it must hold keys and values (key: value)';
  if (value === null || typeof value !== 'object')
    return 'the file holds a single value; it must hold keys and values (key: value)';
  return undefined;
}

/**
 * For a value that matches no branch of a union, the issues of the branch that got furthest
 * (their paths from the top), whose first names the real mistake; undefined when no branch got
 * past the value itself, or for any other issue. A branch that knows more of the value's keys
 * comes first: `{revoke: x, date: 19}` is a revocation with a bad date, not an instrument
 * without an id. A branch that is itself a union is judged by its own furthest branch. Where the
 * branch that knows most is a plain value the given one is not, a union that says in words what
 * it takes (a quorum) keeps its words; one that does not is told by the furthest of its other
 * branches (`rests-on: {sesion: a, motion: b}` names a decision with an unknown key, not `none`
 * mistyped; `vote: {yes: 3}`, a key neither a roll call nor counts know).
 */
export function furthestBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const branches = issue.errors.map((branch) => branch.flatMap((i) => furthestBranch(i) ?? [i]));
  const got = (branch: z.core.$ZodIssue[]) => depth(branch) > 0 || unknownKeys(branch) > 0;
  const ranked = (list: z.core.$ZodIssue[][]) =>
    [...list].sort(
      (a, b) =>
        unknownKeys(a) - unknownKeys(b) || depth(b) - depth(a) || wrongKinds(a) - wrongKinds(b),
    )[0];
  let best = ranked(branches);
  if (best && !got(best) && issue.message === DEFAULT_UNION_MESSAGE)
    best = ranked(branches.filter(got));
  if (!best || !got(best)) return undefined;
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue);
}

function unknownKeys(issues: readonly z.core.$ZodIssue[]): number {
  return issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 0), 0);
}

/**
 * The values of another kind than their branch takes: of two branches that got as far, the one
 * whose value has the kind it wants is the closer (`aye: 2.5` is a count that is not whole, not a
 * list of names).
 */
function wrongKinds(issues: readonly z.core.$ZodIssue[]): number {
  // A key left out is no value of another kind.
  return issues.filter(
    (i) => i.code === 'invalid_type' && i.input !== undefined && !ofKind(i.expected, i.input),
  ).length;
}

function ofKind(expected: string, value: unknown): boolean {
  if (expected === 'int' || expected === 'number') return typeof value === 'number';
  if (expected === 'array') return Array.isArray(value);
  if (expected === 'object' || expected === 'record')
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === expected;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

function position(
  doc: Document,
  lines: LineCounter,
  p: PathProblem,
): { line: number; col: number } {
  const node = findNode(doc, p.path, p.atKey === true);
  const offset = node?.range?.[0] ?? 0;
  return lines.linePos(offset);
}

/**
 * A mapping's pairs by key, made once per mapping: a file with many problems in one large mapping
 * (thousands of unknown names) is located in linear time. The first pair of a key wins, as in
 * the value the document reads as.
 */
const pairsByMap = new WeakMap<object, Map<string, Pair>>();
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let pairs = pairsByMap.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const it of map.items)
      if (isPair(it) && isScalar(it.key)) {
        const key = it.key.value === null ? '' : String(it.key.value);
        if (!pairs.has(key)) pairs.set(key, it);
      }
    pairsByMap.set(map, pairs);
  }
  return pairs;
}

/** The node at `path`, or the deepest existing ancestor when the path does not exist. */
function findNode(doc: Document, path: Path, atKey: boolean): YamlNode | undefined {
  let node: unknown = doc.contents;
  for (const [i, segment] of path.entries()) {
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const collection = node as { items: unknown[] };
    let next: unknown;
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(segment));
      if (!pair) break;
      if (atKey && i === path.length - 1) return pair.key as YamlNode;
      next = pair.value ?? pair.key;
    } else {
      next = typeof segment === 'number' ? collection.items[segment] : undefined;
    }
    if (!next) break;
    node = next;
  }
  return node as YamlNode | undefined;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

function firstOfEachLine(problems: readonly Problem[]): Problem[] {
  const lines = new Set<number>();
  return problems.filter((p) => !lines.has(p.line) && lines.add(p.line));
}
