/**
 * A parsed YAML document made plain data, in one pass over its nodes, so that time and memory
 * stay in proportion to the file: duplicate keys found by a map per mapping (with where each key is first given) (the yaml package's
 * own check compares every key with every other), aliases resolved by a map of anchors, and the
 * values aliases add counted, so a "billion laughs" file is refused where it starts to grow while
 * an ordinary file may repeat a list of names as often as it likes. `__proto__` is refused as a
 * key: it is never an id, and as data it could change an object's prototype.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { givenTwice, numberTooLarge } from './problem.js';
import type { Path } from './problem.js';

/** The most values aliases may add to a document, beyond those written out. */
export const MAX_ALIAS_VALUES = 1_000_000;

/** A problem at an offset in the text. */
export interface OffsetProblem {
  readonly offset: number;
  readonly message: string;
}

export type Converted =
  | { readonly ok: true; readonly value: unknown; readonly problems: readonly OffsetProblem[] }
  | { readonly ok: false; readonly problems: readonly OffsetProblem[] };

class Refusal extends Error {
  constructor(readonly problem: OffsetProblem) {
    super(problem.message);
  }
}

interface Walk {
  readonly anchors: Map<string, YamlNode>;
  /** Each anchored node's value and size, made once however often it is referred to. */
  readonly done: Map<YamlNode, { value: unknown; size: number }>;
  readonly inProgress: Set<YamlNode>;
  /** Duplicate keys: reported beside every other problem, the document still reads. */
  readonly duplicates: OffsetProblem[];
  /** Line and column of an offset, for the words that say where a key was first given. */
  readonly position: (offset: number) => { line: number; col: number };
  /** What the file's format says of a key given twice at a path (FileKind.twice). */
  readonly twice: ((path: Path, key: string) => string | undefined) | undefined;
  /** The keys and indexes down to the node being read, as a stack: made a path only when asked. */
  readonly path: (string | number)[];
  added: number;
}

/**
 * The document's data, or the first problem that stops it from being read; `position` gives the
 * line and column of an offset in its text, `twice` what a key given twice means where it is.
 */
export function documentValue(
  doc: Document,
  position: (offset: number) => { line: number; col: number },
  twice?: (path: Path, key: string) => string | undefined,
): Converted {
  const walk: Walk = {
    anchors: new Map(),
    done: new Map(),
    inProgress: new Set(),
    duplicates: [],
    position,
    twice,
    path: [],
    added: 0,
  };
  try {
    const value = doc.contents ? convert(doc.contents as YamlNode, walk).value : null;
    return { ok: true, value, problems: walk.duplicates };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problems: [error.problem] };
    throw error;
  }
}

function offsetOf(node: unknown): number {
  return (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
}

function refuse(node: unknown, message: string): never {
  throw new Refusal({ offset: offsetOf(node), message });
}

function convert(node: YamlNode, walk: Walk): { value: unknown; size: number } {
  if (isAlias(node)) return aliased(node, walk);
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) {
    walk.anchors.set(anchor, node);
    walk.inProgress.add(node);
  }
  const result = isMap(node)
    ? mapping(node.items, walk)
    : isSeq(node)
      ? sequence(node.items as YamlNode[], walk)
      : { value: isScalar(node) ? scalarValue(node) : null, size: 1 };
  if (anchor) {
    walk.inProgress.delete(node);
    walk.done.set(node, result);
  }
  return result;
}

/** YAML writes infinity as .inf; any other number that reads as infinite was too large to hold,
 * and would otherwise be refused as "Infinity", a value no one wrote. A scalar that reads as
 * something other than text, a number, a boolean or null is refused by its tag. */
function scalarValue(node: YamlNode & { value: unknown; source?: unknown; tag?: string }): unknown {
  const { value, source } = node;
  // A tag such as !!binary or !!timestamp makes bytes or a date of the text, which no field takes.
  if (typeof value === 'object' && value !== null) {
    const tag = (node.tag ?? '').replace(/^tag:yaml\.org,2002:/, '!!');
    const made = value instanceof Uint8Array ? 'bytes' : 'a date object';
    refuse(
      node,
      `YAML: the tag ${tag} makes ${made} of the value, which no field takes: write it plainly, without the tag (a date as 2026-12-10)`,
    );
  }
  if (typeof value !== 'number' || Number.isFinite(value) || Number.isNaN(value)) return value;
  const written = typeof source === 'string' ? source : String(value);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(written)) return value;
  refuse(node, numberTooLarge(written));
}

function aliased(
  alias: YamlNode & { source: string },
  walk: Walk,
): { value: unknown; size: number } {
  const target = walk.anchors.get(alias.source);
  if (!target) refuse(alias, `YAML: no anchor &${alias.source} before this alias`);
  if (walk.inProgress.has(target))
    refuse(alias, `YAML: the alias *${alias.source} refers to a value that contains it`);
  const done = walk.done.get(target)!;
  walk.added += done.size;
  if (walk.added > MAX_ALIAS_VALUES)
    refuse(
      alias,
      `YAML: aliases expand the document by more than ${MAX_ALIAS_VALUES} values here; write the values out or use fewer aliases`,
    );
  return done;
}

function sequence(items: readonly YamlNode[], walk: Walk): { value: unknown; size: number } {
  const value: unknown[] = [];
  let size = 1;
  for (const [i, item] of items.entries()) {
    walk.path.push(i);
    const converted = item ? convert(item, walk) : { value: null, size: 1 };
    walk.path.pop();
    value.push(converted.value);
    size += converted.size;
  }
  return { value, size };
}

function mapping(items: readonly unknown[], walk: Walk): { value: unknown; size: number } {
  const value: Record<string, unknown> = {};
  // Each key with the offset it is first given at.
  const keys = new Map<string, number>();
  let size = 1;
  for (const pair of items) {
    if (!isPair(pair)) continue;
    if (!isScalar(pair.key)) refuse(pair.key ?? pair.value, 'YAML: a key must be a plain value');
    const key = pair.key.value === null ? '' : String(pair.key.value);
    if (key === '__proto__') refuse(pair.key, "'__proto__' cannot be a key");
    const first = keys.get(key);
    if (first !== undefined) {
      const meaning = walk.twice?.([...walk.path], key);
      const told = givenTwice(key, 'this mapping', walk.position(first));
      walk.duplicates.push({
        offset: offsetOf(pair.key),
        message: meaning === undefined ? told : `${told}: ${meaning}`,
      });
      continue;
    }
    keys.set(key, offsetOf(pair.key));
    walk.path.push(key);
    const converted = pair.value ? convert(pair.value as YamlNode, walk) : { value: null, size: 1 };
    walk.path.pop();
    value[key] = converted.value;
    size += converted.size;
  }
  return { value, size };
}
