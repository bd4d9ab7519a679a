/** The protocol of a session: its minutes in record order, each linked to its proof, and a
 * verification of the whole session in this browser. */
import { useState } from 'react';
import { getJson, seg } from '../lib/api.js';
import { decodeLeaf, sessionOf } from '../lib/entries.js';
import { useLiveEvents } from '../lib/events.js';
import { describeEntry, timeOf } from '../lib/format.js';
import { nameOf, useOrg } from '../lib/org.js';
import { useLaterReload, useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { Bundle, RecordEntry, Session } from '../lib/types.js';
import { Decision } from '../components/Decision.js';
import { Layout } from '../components/Layout.js';
import { MotionCharterNotes } from '../components/MotionCharterNotes.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { VerifyPanel } from '../components/VerifyPanel.js';
import type { VerifyState } from '../components/VerifyPanel.js';
import { SessionHeader } from './Console.js';
import { BALLOT_READ_MS, useSession } from './session.js';

const bundleOf = (id: string) => getJson<Bundle>(`/api/bundle?session=${seg(id)}`);

export function Protocol({ id }: { id: string }) {
  const { data: session, error } = useSession(id);
  const bundle = useResource(() => bundleOf(id), id);
  const later = useLaterReload(bundle.reload, BALLOT_READ_MS);
  useLiveEvents(id, (kind) => (kind === 'ballot' ? later() : bundle.reload()));
  return (
    <Layout title={session ? `Protocol: ${session.title || session.id}` : 'Protocol'}>
      <ErrorNote error={error ?? bundle.error} />
      {session ? (
        <ProtocolBody session={session} bundle={bundle.data} />
      ) : (
        !error && <Loading what="the protocol" />
      )}
    </Layout>
  );
}

function ProtocolBody({ session, bundle }: { session: Session; bundle?: Bundle }) {
  const { org } = useOrg();
  const [verify, setVerify] = useState<VerifyState>({ running: false });
  const entries: RecordEntry[] = (bundle?.entries ?? [])
    .map((item) => decodeLeaf(item.leaf))
    .filter((entry) => sessionOf(entry) === session.id);
  const decided = new Map(
    session.motions.flatMap((m) => (m.decision ? [[m.decision.entry, m] as const] : [])),
  );

  const run = async () => {
    setVerify({ running: true });
    try {
      const [{ verifyBundle }, fresh, { logKey }] = await Promise.all([
        import('../lib/verify.js'),
        bundleOf(session.id),
        getJson<{ logKey: string }>('/api/log-key'),
      ]);
      const result = await verifyBundle(fresh, logKey, (done, total) =>
        setVerify({ running: true, progress: { done, total } }),
      );
      setVerify({ running: false, result, logKey });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setVerify({
        running: false,
        result: { ok: false, proven: [], failure: { item: 'bundle', reason } },
      });
    }
  };

  return (
    <>
      <SessionHeader session={session} page="Protocol" />
      <section aria-labelledby="minutes-heading">
        <h2 id="minutes-heading">Minutes</h2>
        {!bundle ? (
          <Loading what="the minutes" />
        ) : (
          <ol className="minutes">
            {entries.map((entry) => (
              <li key={entry.index} className={`minute type-${entry.type.replace('.', '-')}`}>
                <p className="minute-head">
                  <Link
                    to={paths.entry(entry.index)}
                    aria-label={`Entry ${entry.index}: its proof`}
                  >
                    Entry {entry.index}
                  </Link>{' '}
                  <time dateTime={entry.time}>{timeOf(entry.time)}</time>
                </p>
                {decided.has(entry.index) ? (
                  <>
                    <Decision decision={decided.get(entry.index)!.decision!} />
                    <MotionCharterNotes session={session} motion={decided.get(entry.index)!} />
                  </>
                ) : (
                  <p>{describeEntry(entry, (p) => nameOf(org, p))}</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="verify-heading" className="panel">
        <h2 id="verify-heading">Verify</h2>
        <p>
          Your browser fetches this session&apos;s bundle and checks it itself: the
          checkpoint&apos;s signature by the log key, every entry&apos;s inclusion proof, every
          signature, and that no entry of the session was left out.
        </p>
        <button type="button" onClick={() => void run()} disabled={verify.running}>
          Verify in this browser
        </button>
        <VerifyPanel state={verify} />
      </section>
    </>
  );
}
