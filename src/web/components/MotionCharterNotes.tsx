/**
 * What a decided motion means for the charter and the membership, under its decision: the
 * charter it amends (what it changes, and when it came into force), the person it
 * re-invites (with "Issue the invitation" for a member of the body once it is adopted), and a
 * vote that was decided by the charter of its opening because an amendment came into force
 * while it was open.
 */
import { useState } from 'react';
import { issueInvitation } from '../lib/acts.js';
import type { InvitationLink as Invitation } from '../lib/acts.js';
import { InvitationLink } from './InvitationLink.js';
import { useAction } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import { bodyOf, nameOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { Motion, Session } from '../lib/types.js';
import { ErrorNote } from './Notes.js';

export function MotionCharterNotes({ session, motion }: { session: Session; motion: Motion }) {
  const { org } = useOrg();
  const adopted = motion.decision?.outcome === 'adopted';
  return (
    <>
      {motion.charter?.amendedWhileOpen && (
        <p className="note">
          Decided by the roster and rules in force when its vote opened: the charter was amended
          while the vote was open.
        </p>
      )}
      {motion.amendment && (
        <div className="note">
          <p>
            This motion amends the charter
            {motion.amendment.inForce !== null ? (
              <>
                , in force from{' '}
                <Link to={paths.entry(motion.amendment.inForce)}>
                  entry {motion.amendment.inForce}
                </Link>
              </>
            ) : (
              ''
            )}
            . What it changes:
          </p>
          <ul>
            {motion.amendment.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </div>
      )}
      {motion.invites && (
        <div className="note">
          <p>
            This motion re-invites {nameOf(org, motion.invites)} to enrol a key.
            {motion.invited != null && (
              <>
                {' '}
                The invitation was issued:{' '}
                <Link to={paths.entry(motion.invited)}>entry {motion.invited}</Link>.
              </>
            )}
          </p>
          {adopted && <IssueInvitation session={session} motion={motion} />}
        </div>
      )}
    </>
  );
}

/** The invitation an adopted motion authorizes, issued by any member of its body: the link, kept
 * on the page once issued here (the motion then names the invitation, and offers it no more). */
export function IssueInvitation({ session, motion }: { session: Session; motion: Motion }) {
  const { me } = useMe();
  const { org } = useOrg();
  const action = useAction();
  const [link, setLink] = useState<Invitation>();
  const body = bodyOf(org, session.body);
  const person = me?.person;
  const sits =
    !!person &&
    !!body &&
    [
      body.chair,
      body.secretary,
      ...(body.officers ?? []),
      ...body.members,
      ...body.candidates,
    ].includes(person);
  if (!sits) return null;
  if (link) {
    return (
      <p>
        Send {nameOf(org, motion.invites)} this link, to open on the device they will sign with:{' '}
        <InvitationLink invitation={link} />
      </p>
    );
  }
  if (motion.invited != null) return null;
  const issue = async () => {
    const done = await action.run('Issuing the invitation', () =>
      issueInvitation(session.id, motion.id),
    );
    if (done) setLink(done);
  };
  return (
    <>
      <button type="button" disabled={!!action.busy} onClick={() => void issue()}>
        Issue the invitation
      </button>
      <ErrorNote error={action.error} />
    </>
  );
}
