/**
 * How a decision a record holds differs from the one the rules give, in words, for the refusal
 * (or the audit's failure) that names it. Words only: nothing here is recorded.
 */
import { sameJson } from '../json.js';
import type { Decision } from '../rules/types.js';

/** A decision's parts in words, with the verb each takes: "its flags differ". */
const DECISION_PARTS: Record<keyof Decision, string> = {
  outcome: 'outcome differs',
  explanation: 'explanation differs',
  quorum: 'quorum differs',
  tally: 'tally differs',
  runoff: 'runoff differs',
  castingVote: 'casting vote differs',
  excluded: 'votes excluded differ',
  flags: 'flags differ',
  bodies: 'decisions body by body differ',
};

/**
 * How a recorded decision differs from the one `by` (the charter, a question's rule) gives, in
 * its first differing part, each as recorded and as given: "both adopted, but its flags differ:
 * recorded ["…"]; the charter gives []".
 */
export function decisionDifference(
  recorded: Decision,
  given: Decision,
  by = 'the charter',
): string {
  if (recorded?.outcome !== given.outcome)
    return `recorded ${String(recorded?.outcome)}, ${by} gives ${given.outcome}`;
  const parts = [...new Set([...Object.keys(given), ...Object.keys(recorded)])];
  const part = parts.find(
    (key) => !sameJson(recordedPart(recorded, key), recordedPart(given, key)),
  );
  if (part === undefined) return `both ${given.outcome}, but recorded otherwise`;
  const words =
    (DECISION_PARTS as Partial<Record<string, string>>)[part] ?? `${JSON.stringify(part)} differs`;
  const shown = (value: unknown) => (value === undefined ? 'none' : JSON.stringify(value));
  return `both ${given.outcome}, but its ${words}: recorded ${shown(recordedPart(recorded, part))}; ${by} gives ${shown(recordedPart(given, part))}`;
}

/** A part of a decision by its name, whatever a record holds. */
function recordedPart(decision: Decision, part: string): unknown {
  return (decision as unknown as Record<string, unknown>)[part];
}
