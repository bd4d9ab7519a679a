import { loadYaml } from '../format/yaml-source.js';
import type { FileKind } from '../format/source-bytes.js';
import type { Loaded } from '../format/yaml-source.js';
import { buildCharter } from './build.js';
import type { Charter } from './model.js';
import { salvageCharter } from './salvage.js';
import { charterSchema } from './schema.js';
import type { CharterFile } from './schema.js';
import { charterTextProblems } from './texts.js';

export * from './model.js';
export { describeCharter } from './describe.js';
export { charterSchema } from './schema.js';

/** A charter file: 1 MB holds thousands of people, and is read in a few seconds. */
export const CHARTER_FILE: FileKind = { name: 'a charter', maxBytes: 1024 * 1024 };

/** Reads a charter from its YAML file (bytes or text); every problem at once, with positions. */
export function parseCharter(source: string | Uint8Array): Loaded<Charter> {
  return loadYaml(source, CHARTER_FILE, charterSchema, buildNewCharter, salvageCharter);
}

/** A charter about to be adopted or put as an amendment: built, and its names held to the rule
 * of new texts. */
export function buildNewCharter(file: CharterFile): ReturnType<typeof buildCharter> {
  const built = buildCharter(ownNamesOnly(file));
  return { ...built, problems: [...charterTextProblems(file), ...built.problems] };
}

/**
 * The file with its people and bodies holding only the names it gives them. Every plain object
 * answers to 'constructor', which is an id: a body naming 'constructor' as a member, a parent or
 * the body of an obligation would pass for one the charter defines. Charters the record holds
 * already are read as they were adopted (charterFromJson).
 */
function ownNamesOnly(file: CharterFile): CharterFile {
  const own = <T>(names: Record<string, T>): Record<string, T> =>
    Object.assign(Object.create(null) as Record<string, T>, names);
  return { ...file, people: own(file.people), bodies: own(file.bodies) };
}

/**
 * Reads a charter from the JSON form the record keeps (the file as written, as data). Throws on
 * an invalid one: the record only ever holds charters that were valid when adopted.
 */
export function charterFromJson(json: unknown): Charter {
  const parsed = charterSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`invalid charter in the record: ${parsed.error.issues[0]?.message}`);
  const built = buildCharter(parsed.data);
  if (built.problems.length > 0)
    throw new Error(`invalid charter in the record: ${built.problems[0]?.message}`);
  return built.value;
}
