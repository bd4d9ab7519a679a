/**
 * What a valid charter does that its file does not say plainly, for `collegium charter check` to
 * tell the person writing it: nothing here is a problem, and records already rest on each.
 */
import type { Path } from '../format/problem.js';
import { bodyNameIn, namesOf } from '../state/names.js';
import { listed } from '../rules/explain.js';
import type { Charter } from './model.js';
import { charterSchema, type CharterFile } from './schema.js';

/** A note on a part of the charter file: where (`path`), and what it does, in words. */
export interface CharterNote {
  readonly path: Path;
  readonly message: string;
}

/** The notes on a charter, from the file as written (`json`, valid) and the charter built of it. */
export function charterNotes(json: unknown, charter: Charter): CharterNote[] {
  const file = charterSchema.parse(json);
  return Object.entries(file.bodies).flatMap(([id, body]) =>
    jointCandidatesWhoVote(file, id, body, charter),
  );
}

/**
 * A joint body that takes its members from the bodies it joins counts a voting member of any of
 * them as one of its own (charter/build.ts rosterOf): a candidate it lists who is one votes.
 */
function jointCandidatesWhoVote(
  file: CharterFile,
  id: string,
  body: CharterFile['bodies'][string],
  charter: Charter,
): CharterNote[] {
  const joint = body.joint;
  if (!joint || body.members) return [];
  const name = namesOf(charter);
  return (body.candidates ?? []).flatMap((person, i) => {
    const votesIn = joint.bodies.filter((b) => file.bodies[b]?.members?.includes(person));
    if (votesIn.length === 0) return [];
    const where = listed(votesIn.map((b) => bodyNameIn(charter, b)));
    return [
      {
        path: ['bodies', id, 'candidates', i],
        message: `${name(person)} is listed as a candidate of ${bodyNameIn(charter, id)} but is a voting member of ${where}, which it joins: a voting member of a body it joins is a voting member of the joint body, so ${name(person)} votes there, not as a candidate`,
      },
    ];
  });
}
