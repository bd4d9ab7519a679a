/**
 * What awaits the member's signature, phone first and in order: each instrument's text, to whom,
 * the signatures so far and the charter's rule, and a Sign button that signs it on this device
 * over the content hash checked here against the text shown. It updates live as others sign.
 */
import { useState } from 'react';
import { useAction } from '../lib/action.js';
import { useLiveEvents } from '../lib/events.js';
import { getInstrument } from '../lib/instruments.js';
import type { QueuedInstrument } from '../lib/instruments.js';
import { signInstrument } from '../lib/instrument-acts.js';
import { useMe } from '../lib/me.js';
import { useQueue } from '../lib/queue.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { Receipt } from '../lib/types.js';
import {
  InstrumentText,
  instrumentTitle,
  Signatures,
  SigningRule,
} from '../components/InstrumentDocument.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading, ReceiptNote } from '../components/Notes.js';

export function SigningQueue() {
  const { me } = useMe();
  const { instruments, error, reload } = useQueue();
  const [signed, setSigned] = useState<{ receipt: Receipt; what: string }>();
  const done = (what: string, receipt: Receipt) => {
    setSigned({ receipt, what });
    reload();
  };
  return (
    <Layout title="To sign">
      <h1>To sign</h1>
      {!me?.person ? (
        <p className="note">
          {me?.demo ? (
            'Choose who you are with the picker above.'
          ) : (
            <>
              <Link to={`${paths.login}?next=${encodeURIComponent(paths.queue)}`}>Sign in</Link> to
              see what awaits your signature.
            </>
          )}
        </p>
      ) : (
        <>
          {signed && <ReceiptNote receipt={signed.receipt} what={signed.what} />}
          <ErrorNote error={error} />
          {!instruments ? (
            !error && <Loading what="what awaits your signature" />
          ) : instruments.length === 0 ? (
            <p>Nothing awaits your signature. This page updates when something does.</p>
          ) : (
            <>
              <p className="lead" aria-live="polite">
                {instruments.length}{' '}
                {instruments.length === 1 ? 'instrument awaits' : 'instruments await'} your
                signature.
              </p>
              {instruments.map((i) => (
                <QueueItem key={i.id} queued={i} done={done} />
              ))}
            </>
          )}
        </>
      )}
    </Layout>
  );
}

/** One instrument of the queue, read in full (its rule, its fields) and signed from here. */
function QueueItem(props: {
  queued: QueuedInstrument;
  done: (what: string, receipt: Receipt) => void;
}) {
  const { queued, done } = props;
  const { me } = useMe();
  const action = useAction();
  const view = useResource(() => getInstrument(queued.id), queued.id);
  useLiveEvents(
    undefined,
    (kind, data) => {
      if (kind === 'instrument' && (data as { id: string }).id === queued.id) view.reload();
    },
    view.reload,
  );
  const heading = `queued-${queued.id}`;
  const title = instrumentTitle(queued);
  const sign = async () => {
    if (!me) return;
    const receipt = await action.run('Signing', () => signInstrument(me, queued.id));
    if (receipt) done(`Your signature of ${title}`, receipt);
  };
  return (
    <article
      className="motion instrument awaits"
      aria-labelledby={heading}
      data-instrument={queued.id}
    >
      <p className="eyebrow">{queued.bodyName}</p>
      <h2 id={heading}>
        <Link to={paths.instrument(queued.id)}>{title}</Link>
      </h2>
      {queued.to && <p className="meta">To: {queued.to}</p>}
      <InstrumentText text={queued.text} />
      <Signatures instrument={view.data ?? queued} />
      {view.data && <SigningRule view={view.data} />}
      {view.data?.rule?.order === 'as-listed' && queued.position > 1 && (
        <p className="hint">
          {queued.position - 1} of those who may still sign{' '}
          {queued.position === 2 ? 'comes' : 'come'} before you in the charter’s order.
        </p>
      )}
      <ErrorNote error={view.error ?? action.error} />
      <button
        type="button"
        className="big"
        aria-describedby={heading}
        disabled={!!action.busy}
        onClick={() => void sign()}
      >
        {action.busy ? `${action.busy}…` : 'Sign'}
      </button>
    </article>
  );
}
