/** The frame of every page: the demo banner, the header with who is signed in, the content. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { describeError, Unreachable } from '../lib/api.js';
import { useStreamState } from '../lib/events.js';
import { inboxCount } from '../lib/answers.js';
import { useInbox } from '../lib/inbox.js';
import { logout, useMe } from '../lib/me.js';
import { isRegistrar, useOrg } from '../lib/org.js';
import { useQueue } from '../lib/queue.js';
import { Link, navigate, paths, useTitle } from '../lib/router.js';
import { DemoBar } from './DemoBar.js';
import { HistoryAlert } from './HistoryAlert.js';
import { useSaidByConnectionNotice } from './Notes.js';
import { capitalized } from '../../core/words.js';

export function Layout({
  children,
  wide,
  title,
}: {
  children: ReactNode;
  wide?: boolean;
  /** What the page shows, for the browser tab. */
  title?: string;
}) {
  useTitle(title);
  const { me, error, sessionNotice, refresh } = useMe();
  const errorSaidAlready = useSaidByConnectionNotice(error);
  const signOut = async () => {
    await logout();
    await refresh();
    navigate(paths.home);
  };
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <HistoryAlert />
      {me?.demo && <DemoBar />}
      <header className="site">
        <nav aria-label="Main" className={wide ? 'wide' : undefined}>
          <Link to={paths.home} className="brand">
            {me?.organization.name ?? 'Collegium'}
          </Link>
          <Link to={paths.record()}>Record</Link>
          <BetweenMeetingsLinks />
          {me?.person ? (
            <span className="who">
              <span>
                Signed in as <strong>{me.name ?? me.person}</strong>
              </span>
              {!me.demo && (
                <button type="button" className="link" onClick={() => void signOut()}>
                  Sign out
                </button>
              )}
            </span>
          ) : (
            !me?.demo && <Link to={paths.login}>Sign in</Link>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1} className={wide ? 'wide' : undefined}>
        {sessionNotice !== undefined && (
          <p role="alert" className="error session-notice">
            {capitalized(sessionNotice)}.
          </p>
        )}
        <ConnectionNotice />
        {error !== undefined && !errorSaidAlready && (
          <p role="alert" className="error">
            {error instanceof Unreachable
              ? error.message
              : `Cannot reach the server: ${describeError(error)}`}
          </p>
        )}
        {children}
      </main>
    </>
  );
}

/** How long the stream may be away before the page says so: a reconnection is often at once. */
const LOST_NOTICE_MS = 2000;

/** While the live event stream is lost (the server stopped, the network gone), the page says so. */
function ConnectionNotice() {
  const lost = useStreamState() === 'lost';
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!lost) return setShown(false);
    const timer = setTimeout(() => setShown(true), LOST_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [lost]);
  if (!shown) return null;
  return (
    <p role="status" className="connection-lost">
      The connection to the server is lost: reconnecting… Nothing can be recorded until it is back.
    </p>
  );
}

/** The inbox and the signing queue with what awaits the member, the questions between meetings,
 * the register of decisions, the instruments, and for officers the register of dispatches. */
function BetweenMeetingsLinks() {
  const { me } = useMe();
  const { org } = useOrg();
  const { questions } = useInbox();
  const { instruments: toSign } = useQueue();
  const { toAnswer, toConfirm } = inboxCount(questions);
  const waiting = toAnswer + toConfirm;
  return (
    <>
      {me?.person && (
        <>
          <Link to={paths.inbox} className="inbox-link">
            Inbox{waiting > 0 ? ` (${waiting})` : ''}
          </Link>
          <Link to={paths.queue} className="queue-link">
            To sign{toSign?.length ? ` (${toSign.length})` : ''}
          </Link>
        </>
      )}
      <Link to={paths.circulations}>Questions</Link>
      <Link to={paths.decisions}>Decisions</Link>
      <Link to={paths.instruments}>Instruments</Link>
      {org && isRegistrar(me?.person, org) && <Link to={paths.dispatches}>Dispatches</Link>}
    </>
  );
}
