/** The bundled examples, read as the tests need them: charters as JSON, proceedings as text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseCharter } from '../../src/core/charter/index.js';
import type { Charter } from '../../src/core/charter/index.js';
import { parseProceedings } from '../../src/core/proceedings/index.js';
import type { ProceedingsFile } from '../../src/core/proceedings/index.js';

export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface Example {
  readonly name: string;
  readonly charter: string;
  /** Proceedings files, in the order they are replayed. */
  readonly proceedings: readonly string[];
}

export const COOPERATIVE: Example = {
  name: 'cooperative-board',
  charter: join(EXAMPLES, 'cooperative-board', 'charter.yaml'),
  proceedings: ['2025-09-10.yaml', '2025-10-08.yaml'].map((f) =>
    join(EXAMPLES, 'cooperative-board', f),
  ),
};

export const CENTRAL_COMMITTEE: Example = {
  name: 'central-committee-1918',
  charter: join(EXAMPLES, 'central-committee-1918', 'charter.yaml'),
  proceedings: ['1918-01-24.yaml', '1918-02-18.yaml'].map((f) =>
    join(EXAMPLES, 'central-committee-1918', f),
  ),
};

export const EXAMPLE_LIST: readonly Example[] = [COOPERATIVE, CENTRAL_COMMITTEE];

/** A valid charter from its YAML text: the model, and the JSON that Ledger.create takes. */
export function charterOf(text: string): { charter: Charter; json: unknown } {
  const loaded = parseCharter(text);
  if (!loaded.ok) throw new Error(`invalid charter: ${JSON.stringify(loaded.problems)}`);
  return { charter: loaded.value, json: loaded.json };
}

export function charterFile(file: string): { charter: Charter; json: unknown } {
  return charterOf(readFileSync(file, 'utf8'));
}

/** A copy of a charter's JSON, changed by `edit` (for variants of an example). */
export function editedCharterJson(file: string, edit: (charter: CharterJson) => void): unknown {
  const json = structuredClone(charterFile(file).json) as CharterJson;
  edit(json);
  // Make sure the variant is itself valid.
  const check = parseCharter(JSON.stringify(json));
  if (!check.ok)
    throw new Error(`the edited charter is invalid: ${JSON.stringify(check.problems)}`);
  return json;
}

export interface CharterJson {
  people: Record<string, { name: string; key?: string }>;
  bodies: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export function proceedingsFile(file: string, charter: Charter): ProceedingsFile {
  const loaded = parseProceedings(readFileSync(file, 'utf8'), charter);
  if (!loaded.ok)
    throw new Error(`invalid proceedings ${file}: ${JSON.stringify(loaded.problems)}`);
  return loaded.value;
}

/** What the minutes state for each motion of a proceedings file, read with the yaml package. */
export function statedOutcomes(file: string): Map<string, string> {
  const doc = parseYaml(readFileSync(file, 'utf8')) as {
    sessions: { motions: { id?: string; stated?: string }[] }[];
  };
  const stated = new Map<string, string>();
  for (const s of doc.sessions) {
    for (const m of s.motions)
      if (m.id !== undefined && m.stated !== undefined) stated.set(m.id, m.stated);
  }
  return stated;
}

/** A fixed clock, so that entries do not depend on when the test runs. */
export function fixedClock(iso = '2026-11-05T18:00:00.000Z'): () => Date {
  return () => new Date(iso);
}
