/**
 * The organization's people and their keys (one a device). Any officer invites a person to enrol
 * a key and revokes a chosen one (a lost phone); a member revokes their own, and adds another
 * device of theirs with an invitation of their own.
 */
import { useState } from 'react';
import { invite as sendInvitation, revokeKey } from '../lib/acts.js';
import type { InvitationLink as Invitation } from '../lib/acts.js';
import { InvitationLink } from '../components/InvitationLink.js';
import { useAction } from '../lib/action.js';
import type { Action } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import { isRegistrar, useOrg } from '../lib/org.js';
import type { Me, Organization, Person } from '../lib/types.js';
import { ErrorNote } from '../components/Notes.js';
import { timeOf } from '../lib/format.js';

/** A key's first characters: what the record names it by. */
export const shortKey = (key: string) => `${key.slice(0, 12)}…`;

/** What tells a person's keys apart: when each was added (the record holds no device's name). */
function keyAdded(person: Person, key: string): string {
  const added = person.keysAdded?.find((k) => k.key === key);
  // Two added in one minute are told apart by their entries.
  return added ? `added ${timeOf(added.time)}, entry ${added.index}` : 'given by the charter';
}

export function People({ org }: { org: Organization }) {
  const { me } = useMe();
  const action = useAction();
  const [invitations, setInvitations] = useState<Record<string, Invitation>>({});
  const registrar = isRegistrar(me?.person, org);

  const invite = async (person: string) => {
    if (!me) return;
    const invitation = await action.run(`Inviting ${person}`, () => sendInvitation(me, person));
    if (invitation) setInvitations((all) => ({ ...all, [person]: invitation }));
  };

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      {me?.person && (me.keys?.length ?? 0) > 0 && (
        <AnotherDevice invitation={invitations[me.person]} action={action} invite={invite} />
      )}
      <ErrorNote error={action.error} />
      <table className="people">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Signing keys</th>
            {registrar && <th scope="col">Invitation</th>}
          </tr>
        </thead>
        <tbody>
          {org.people.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>
                <Keys person={p} me={me} mayRevoke={registrar || p.id === me?.person} />
              </td>
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

/** The signed-in member invites themself, for a key on another device of theirs. */
function AnotherDevice(props: {
  invitation: Invitation | undefined;
  action: Action;
  invite: (person: string) => Promise<void>;
}) {
  const { me } = useMe();
  if (!me?.person) return null;
  return (
    <div className="panel another-device">
      <h3>Your devices</h3>
      <p>
        You hold {me.keys!.length === 1 ? 'one key' : `${me.keys!.length} keys`}. To sign from
        another device as well (a phone and a laptop), make an invitation for yourself and open its
        link there: that device makes a key of its own, and this one keeps yours.
      </p>
      {props.invitation ? (
        <p>
          Open this link on your other device: <InvitationLink invitation={props.invitation} />
        </p>
      ) : (
        <button
          type="button"
          disabled={!!props.action.busy}
          onClick={() => void props.invite(me.person!)}
        >
          Add another device
        </button>
      )}
    </div>
  );
}

/** A person's keys, newest first, each revocable by whoever may. */
function Keys({ person, me, mayRevoke }: { person: Person; me?: Me; mayRevoke: boolean }) {
  const { reload } = useOrg();
  const { refresh } = useMe();
  const action = useAction();
  const [asked, setAsked] = useState<string>();
  const keys = person.keys ?? (person.key ? [person.key] : []);
  if (keys.length === 0) return <>none yet</>;

  const revoke = async (key: string) => {
    if (!me) return;
    const done = await action.run('Revoking', () => revokeKey(me, person.id, key));
    setAsked(undefined);
    if (!done) return;
    reload();
    // A session signed in with that key has ended: this page may be it.
    if (key === me.key) await refresh();
  };

  return (
    <>
      <ul className="key-list">
        {keys.map((key) => (
          <li key={key}>
            <code>{shortKey(key)}</code> <span className="key-added">{keyAdded(person, key)}</span>
            {/* "Session" is a meeting here: the key signed in with is this browser's own. */}
            {key === me?.key && (
              <span className="hint">{me.demo ? ' (signed in with it)' : ' (this device)'}</span>
            )}
            {mayRevoke && asked !== key && (
              <button
                type="button"
                className="small secondary"
                disabled={!!action.busy}
                aria-label={`Revoke key ${shortKey(key)} of ${person.name}, ${keyAdded(person, key)}`}
                onClick={() => setAsked(key)}
              >
                Revoke
              </button>
            )}
            {asked === key && (
              <span className="confirm" role="group" aria-label="Confirm the revocation">
                {' '}
                It will never sign again.{' '}
                <button
                  type="button"
                  className="small danger"
                  disabled={!!action.busy}
                  onClick={() => void revoke(key)}
                >
                  Revoke the key
                </button>{' '}
                <button
                  type="button"
                  className="small secondary"
                  onClick={() => setAsked(undefined)}
                >
                  Keep it
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <ErrorNote error={action.error} />
    </>
  );
}
