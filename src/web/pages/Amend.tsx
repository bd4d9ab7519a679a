/** A session's page for putting an amendment of the charter (its officers put it). */
import { useMe } from '../lib/me.js';
import { bodyOf, isOfficer, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import { AmendCharter } from '../components/AmendCharter.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { SessionHeader } from './Console.js';
import { useSession } from './session.js';

export function AmendPage({ id }: { id: string }) {
  const { me } = useMe();
  const { org } = useOrg();
  const { data: session, error } = useSession(id);
  const body = session && bodyOf(org, session.body);
  return (
    <Layout title={session ? `Amend the charter: ${session.title || session.id}` : 'Amend'}>
      <ErrorNote error={error} />
      {!session ? (
        !error && <Loading what="the session" />
      ) : (
        <>
          <SessionHeader session={session} page="Amend the charter" />
          {!session.open ? (
            <p className="note">The session is closed.</p>
          ) : body?.parent ? (
            <p className="note">
              {body.name} is a delegated body: only a body that is no one&apos;s delegate amends the
              charter.
            </p>
          ) : isOfficer(me?.person, body, session.chair) ? (
            <AmendCharter session={session} />
          ) : (
            <p className="note">
              The officers of the session put motions. Follow the vote on the{' '}
              <Link to={paths.ballot(session.id)}>ballot page</Link>.
            </p>
          )}
        </>
      )}
    </Layout>
  );
}
