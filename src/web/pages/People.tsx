/** The organization's people, whether each has enrolled a key, and invitations to enrol. */
import { useState } from 'react';
import { invite as sendInvitation } from '../lib/acts.js';
import type { InvitationLink as Invitation } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import type { Organization } from '../lib/types.js';
import { ErrorNote } from '../components/Notes.js';

export function People({ org }: { org: Organization }) {
  const { me } = useMe();
  const action = useAction();
  const [invitations, setInvitations] = useState<Record<string, Invitation>>({});
  // Secretaries enrol members (chairs where no body has a secretary).
  const secretaries = org.bodies.flatMap((b) => (b.secretary ? [b.secretary] : []));
  const registrars = secretaries.length
    ? secretaries
    : org.bodies.flatMap((b) => (b.chair ? [b.chair] : []));
  const registrar = !!me?.person && registrars.includes(me.person);

  const invite = async (person: string) => {
    if (!me) return;
    const invitation = await action.run(`Inviting ${person}`, () => sendInvitation(me, person));
    if (invitation) setInvitations((all) => ({ ...all, [person]: invitation }));
  };

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      <ErrorNote error={action.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Signing key</th>
            {registrar && <th scope="col">Invitation</th>}
          </tr>
        </thead>
        <tbody>
          {org.people.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.enrolled ? 'enrolled' : 'none yet'}</td>
              {registrar && (
                <td>
                  {invitations[p.id] ? (
                    <InvitationLink invitation={invitations[p.id]!} />
                  ) : (
                    <button
                      type="button"
                      className="small"
                      disabled={!!action.busy}
                      onClick={() => void invite(p.id)}
                      aria-label={`Invite ${p.name} to enrol a key`}
                    >
                      Invite
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function InvitationLink({ invitation }: { invitation: Invitation }) {
  const url = new URL(invitation.url, window.location.origin).href;
  return (
    <span className="invitation">
      <a href={url}>{url}</a>
      <span className="hint"> (once, until {new Date(invitation.expires).toLocaleString()})</span>
    </span>
  );
}
