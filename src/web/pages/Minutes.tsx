/**
 * The minutes page: the minutes of a session as the record gives them (the document every
 * rendering renders, GET /api/sessions/:id/minutes), each part linked to its proof; their files
 * and the session's tables to download; what the signed-in member may do with them; and the
 * session verified in this browser. Printed, it is the document alone.
 */
import { useFocusKeptThrough } from '../lib/action.js';
import { useLiveEvents } from '../lib/events.js';
import { fetchMinutes, minutesDownloads, useSessionVerify } from '../lib/minutes.js';
import type { MinutesDocument } from '../lib/minutes.js';
import { useLaterReload, useResource } from '../lib/resource.js';
import { paths } from '../lib/router.js';
import { Layout } from '../components/Layout.js';
import { ApprovalSection, AppendixSection } from '../components/MinutesApproval.js';
import { MinutesActions } from '../components/MinutesActions.js';
import { MinutesHeader } from '../components/MinutesHeader.js';
import {
  AgendaSection,
  AttendanceSection,
  InstrumentsSection,
  ProceedingsSection,
} from '../components/MinutesProceedings.js';
import { ErrorNote, Loading, NotFoundHeading } from '../components/Notes.js';
import { VerifyPanel } from '../components/VerifyPanel.js';
import { BALLOT_READ_MS, useSession } from './session.js';
import { sessionHeading } from '../../core/minutes/words.js';

export function Minutes({ id }: { id: string }) {
  const minutes = useResource(() => fetchMinutes(id), `minutes-${id}`);
  const later = useLaterReload(minutes.reload, BALLOT_READ_MS);
  useLiveEvents(id, (kind) => (kind === 'ballot' ? later() : minutes.reload()), minutes.reload);
  const doc = minutes.data;
  const { data: session } = useSession(id);
  return (
    <Layout title={doc ? `Minutes: ${sessionHeading(doc.session)}` : 'Minutes'}>
      <NotFoundHeading
        error={minutes.error}
        title="No such session"
        back={{ to: paths.home, label: 'The organization and its sessions' }}
      />
      <ErrorNote error={minutes.error} />
      {doc ? (
        <article className="minutes-page" aria-labelledby="minutes-title">
          <MinutesHeader doc={doc} />
          <Downloads session={doc.session.id} />
          <MinutesActions doc={doc} onDone={minutes.reload} />
          <AttendanceSection doc={doc} />
          <AgendaSection doc={doc} />
          <ProceedingsSection doc={doc} session={session} />
          <InstrumentsSection doc={doc} />
          <ApprovalSection doc={doc} />
          <AppendixSection doc={doc} />
          <Verify doc={doc} />
        </article>
      ) : (
        !minutes.error && <Loading what="the minutes" />
      )}
    </Layout>
  );
}

/** The minutes as files, and the session's votes and attendance as tables. */
function Downloads({ session }: { session: string }) {
  const { documents, tables } = minutesDownloads(session);
  const links = (list: typeof documents | typeof tables) =>
    list.map(([key, label, href], i) => (
      <span key={key}>
        {i > 0 && ' · '}
        <a href={href} download data-download={key}>
          {label}
        </a>
      </span>
    ));
  return (
    <nav aria-label="Download" className="downloads no-print">
      <p>
        <span>Download the minutes:</span> {links(documents)}
      </p>
      <p>
        <span>The session&apos;s tables, for spreadsheets:</span> {links(tables)}
      </p>
    </nav>
  );
}

function Verify({ doc }: { doc: MinutesDocument }) {
  const verify = useSessionVerify(doc.session.id);
  useFocusKeptThrough(verify.state.running);
  return (
    <section aria-labelledby="verify-heading" className="panel no-print">
      <h2 id="verify-heading">Verify</h2>
      <p>
        Your browser fetches this session&apos;s bundle and checks it itself: the checkpoint&apos;s
        signature by the log key, every entry&apos;s inclusion proof, every signature, and that no
        entry of the session was left out.
      </p>
      <button type="button" onClick={verify.run} disabled={verify.state.running}>
        Verify in this browser
      </button>
      <VerifyPanel state={verify.state} />
    </section>
  );
}
