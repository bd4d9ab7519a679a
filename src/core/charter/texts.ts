/**
 * The names a new charter gives (the organization's, each person's and body's, each kind of
 * instrument's formula) are texts every rendering shows: the protocol, the minutes, the web app,
 * the signature line of an instrument. They are held to what every new act's texts are held to
 * (payloads.ts): no control character, no change of direction left open, and a bounded length,
 * so that what is signed reads as it is shown. Charters the record holds already are read as they
 * were adopted (charterFromJson does not ask this).
 */
import type { PathProblem } from '../format/yaml-source.js';
import type { Path } from '../format/problem.js';
import { plainWords } from '../issue-words.js';
import { text } from '../payloads.js';
import { MAX_CHARS } from '../text-limits.js';
import type { CharterFile } from './schema.js';

/** What is wrong with each name of the charter file, at its path. */
export function charterTextProblems(file: CharterFile): PathProblem[] {
  const names: [Path, string][] = [
    [['organization', 'name'], file.organization.name],
    ...Object.entries(file.people).map(([id, p]): [Path, string] => [
      ['people', id, 'name'],
      p.name,
    ]),
    ...Object.entries(file.bodies).flatMap(([id, body]): [Path, string][] => [
      [['bodies', id, 'name'], body.name],
      ...Object.entries(body.instruments ?? {}).flatMap(([kind, k]): [Path, string][] =>
        k.formula === undefined
          ? []
          : [[['bodies', id, 'instruments', kind, 'formula'], k.formula]],
      ),
    ]),
  ];
  return names.flatMap(([path, name]) => {
    const problem = nameProblem(name);
    return problem === undefined ? [] : [{ path, message: problem }];
  });
}

/** A name is held to a title's rule (a session's title, a dispatch's sender). */
const nameText = text(MAX_CHARS.title);

function nameProblem(name: string): string | undefined {
  const checked = nameText.safeParse(name, { reportInput: true, error: plainWords });
  return checked.success ? undefined : checked.error.issues[0]?.message;
}
