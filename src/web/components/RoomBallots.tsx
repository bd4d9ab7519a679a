/**
 * Ballots given in the room by members present without a key of their own (a show of hands, a
 * word to the secretary): the officer on the console records each for its member, signed by the
 * officer, as the record says. Members with a key vote on their own device.
 */
import { sendActFor } from '../lib/acts.js';
import type { Action } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import { hasOwnKey, nameOf, useOrg } from '../lib/org.js';
import type { BodyInfo, Motion, Session } from '../lib/types.js';
import { notVotedYet } from '../pages/VoteControls.js';
import { ballotPayload, Choices, optionsOf } from './Choices.js';

export function RoomBallots(props: {
  session: Session;
  motion: Motion;
  body: BodyInfo | undefined;
  action: Action;
}) {
  const { session, motion, body, action } = props;
  const { me } = useMe();
  const { org } = useOrg();
  const keyless = notVotedYet(motion, body).filter((p) => !hasOwnKey(org, p));
  if (!me || keyless.length === 0) return null;
  const cast = (voter: string, value: string) =>
    void action.run(`Recording the ballot of ${nameOf(org, voter)}`, () =>
      sendActFor(me, voter, 'ballot.cast', ballotPayload(session.id, motion, voter, value)),
    );
  return (
    <div className="room-ballots" role="group" aria-labelledby={`room-${motion.id}`}>
      <p id={`room-${motion.id}`} className="hint">
        Present without a key of their own: record the ballot each gives in the room (you sign it
        for them).
      </p>
      <ul>
        {keyless.map((voter) => (
          <li key={voter}>
            <span className="name">{nameOf(org, voter)}</span>
            <Choices
              options={optionsOf(motion)}
              busy={!!action.busy}
              label={`The ballot of ${nameOf(org, voter)}`}
              forWhom={nameOf(org, voter)}
              onChoose={(value) => cast(voter, value)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
