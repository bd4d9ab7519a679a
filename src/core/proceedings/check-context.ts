/** What the checks of a proceedings file share: the names it may use, and the problems found. */
import type { Body, Charter } from '../charter/model.js';
import type { Path, PathProblem } from '../format/yaml-source.js';

export interface FileChecks {
  readonly problems: PathProblem[];
  /** Notes a person the charters do not have. */
  readonly person: (pid: string, path: Path) => void;
  /**
   * Notes each person of a list (`path` ends with its key: present, to, at-hand...) the charters
   * do not have, and each named a second time.
   */
  readonly people: (pids: readonly string[], path: Path) => void;
  /** The body as each charter that has it defines it; none (and a problem) when none has it. */
  readonly body: (bid: string, path: Path) => readonly Body[];
  /**
   * Notes each person said to be at hand for body `bid` who is not a voting member of a parent
   * whose members it must draw in: the list names those of the parent, as a live act's does.
   */
  readonly atHand: (pids: readonly string[], bid: string, path: Path) => void;
}

/**
 * Checks against `charters` (the charter and those the file amends it to): a person or a body of
 * any of them may be named, so that a person co-opted by one session may sit in the next.
 */
export function fileChecks(charters: readonly Charter[]): FileChecks {
  const problems: PathProblem[] = [];
  const bodies = [...new Set(charters.flatMap((c) => [...c.bodies.keys()]))];
  const person = (pid: string, path: Path): void => {
    if (!charters.some((c) => c.people.has(pid)))
      problems.push({ path, message: `no person '${pid}' in the charter` });
  };
  return {
    problems,
    person,
    people: (pids, path) => {
      const named = new Set<string>();
      pids.forEach((pid, i) => {
        person(pid, [...path, i]);
        if (named.has(pid))
          problems.push({
            path: [...path, i],
            message: `'${pid}' is named twice in ${String(path[path.length - 1])}`,
          });
        named.add(pid);
      });
    },
    body: (bid, path) => {
      const versions = charters.flatMap((c) => c.bodies.get(bid) ?? []);
      if (versions.length === 0)
        problems.push({ path, message: `no body '${bid}' in the charter (${bodies.join(', ')})` });
      return versions;
    },
    atHand: (pids, bid, path) => {
      const parents = drawnFrom(charters.flatMap((c) => c.bodies.get(bid) ?? []));
      if (parents.length === 0) return;
      const drawable = (pid: string) =>
        charters.some((c) => parents.some((p) => c.bodies.get(p)?.votingMembers.includes(pid)));
      pids.forEach((pid, i) => {
        // A person the charters do not have is told as such (people, above).
        if (!charters.some((c) => c.people.has(pid)) || drawable(pid)) return;
        problems.push({
          path: [...path, i],
          message: `${pid}, said to be at hand, is not a voting member of ${parents.join(' or ')}, whose members ${bid} draws in`,
        });
      });
    },
  };
}

/** The parents whose members present a body must draw in, in any version of it. */
function drawnFrom(versions: readonly Body[]): string[] {
  const parents = versions.flatMap((b) =>
    b.obligations.flatMap((o) => (o.kind === 'draw-in-present-members-of' ? [o.body] : [])),
  );
  return [...new Set(parents)];
}

/** Notes each id seen twice in `items`, at its own `id` (an item without one has none to repeat). */
export function uniqueIds(
  items: readonly { id?: string }[],
  list: string,
  what: string,
  checks: FileChecks,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.id === undefined) return;
    if (seen.has(item.id))
      checks.problems.push({
        path: [list, i, 'id'],
        message: `${what} '${item.id}' appears twice`,
      });
    seen.add(item.id);
  });
}
