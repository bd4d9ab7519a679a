/**
 * What a question put live must ask for its rule to be able to decide it: enough members with a
 * vote for the rule's quorum of answers, counted jointly and, for a joint body that counts by each
 * body, within each of its bodies.
 */
import type { Body, Charter } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { plural } from '../../words.js';
import { requiredPresent } from '../../rules/index.js';
import type { CirculationRule } from '../../rules/index.js';
import { listed } from '../roster.js';

/**
 * Refuses a rule that no answers could meet: no member with a vote asked (only members drawn in
 * from the parent, whose answers are heard and not counted), or a quorum of answers more than the
 * members asked with a vote. The charter holds a body's own rule to its size, but a consultation
 * of fewer members, or a question's own rule, could otherwise be put that no answers can decide
 * (the first answer would close it, nothing left to wait for). An advisory question (no rule)
 * decides nothing either way.
 */
export function checkQuorumWithin(
  body: Body,
  rule: CirculationRule | undefined,
  asked: number,
  drawnIn: number,
): void {
  if (rule === undefined) return;
  const besides =
    drawnIn === 0 ? '' : ` (and ${drawnIn} of its parent drawn in, whose answers are not counted)`;
  if (asked === 0) {
    const only =
      drawnIn === 0
        ? ''
        : `, only ${plural(drawnIn, 'member')} of its parent drawn in, whose answers are not counted`;
    fail(
      'charter-rule',
      `no voting member of ${body.name} is asked${only}: no answers could decide the question`,
    );
  }
  if (rule.kind !== 'majority' || !rule.quorum) return;
  const required = requiredPresent(rule.quorum, asked);
  if (required > asked)
    fail(
      'charter-rule',
      `the rule needs ${plural(required, 'answer')} and ${plural(asked, 'member is', 'members are')} asked${besides}: no answers could decide the question`,
    );
}

/**
 * Refuses a question of a joint body that counts by each body where one body's own count could
 * never adopt it: none of its voting members asked, or fewer than the rule's quorum of answers.
 * Each body's count takes the question's rule over its own members asked, and the question is
 * adopted only when every body adopts it; put so, it would be rejected or left undecided before
 * anyone answered. An advisory question (no rule) decides nothing either way.
 */
export function checkEachBodyWithin(
  charter: Charter,
  body: Body,
  rule: CirculationRule | undefined,
  asked: readonly string[],
): void {
  if (rule === undefined || body.joint?.votes !== 'each-body') return;
  for (const id of body.joint.bodies) {
    const part = charter.bodies.get(id);
    if (!part) continue;
    const inPart = asked.filter((m) => listed(part.votingMembers, m)).length;
    if (inPart === 0)
      fail(
        'charter-rule',
        `no voting member of ${part.name} is asked: a question of ${body.name} is adopted only by each body's own majority too, which no answers could then give`,
      );
    if (rule.kind !== 'majority' || !rule.quorum) continue;
    const required = requiredPresent(rule.quorum, inPart);
    if (required > inPart)
      fail(
        'charter-rule',
        `the rule needs ${plural(required, 'answer')} of each body, and ${plural(inPart, 'member')} of ${part.name} ${inPart === 1 ? 'is' : 'are'} asked: no answers could decide the question`,
      );
  }
}
