/**
 * One instrument: the document (body, kind, number, date, addressee, text, what a mandate or a
 * receipt says, files), what it rests on, the formula line with the signatures in order, the
 * charter's rule and whether it is met, where it stands and what became of it; signing it when it
 * is the member's turn; the officers' acts; and a link and a QR code to verify it in a browser.
 * It updates live on every `instrument` event about it.
 */
import { useState } from 'react';
import { useAction } from '../lib/action.js';
import { seg } from '../lib/api.js';
import { useLiveEvents } from '../lib/events.js';
import { countOf } from '../lib/format.js';
import { getInstrument, signingAfter, STATUS_LABEL } from '../lib/instruments.js';
import type { InstrumentView } from '../lib/instruments.js';
import { signInstrument } from '../lib/instrument-acts.js';
import { useMe } from '../lib/me.js';
import { bodyOf, isOfficer, nameOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { Receipt } from '../lib/types.js';
import {
  actionsFor,
  AnnulInstrument,
  IssueInstrument,
  RevokeMandate,
  SettleReceipt,
} from '../components/InstrumentActions.js';
import {
  InstrumentFields,
  InstrumentFiles,
  InstrumentText,
  instrumentTitle,
  Signatures,
  SigningRule,
} from '../components/InstrumentDocument.js';
import { InstrumentLife } from '../components/InstrumentLife.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading, NotFoundHeading, ReceiptNote } from '../components/Notes.js';
import { QrCode } from '../components/QrCode.js';

export function InstrumentPage({ id }: { id: string }) {
  const instrument = useResource(() => getInstrument(id), id);
  useLiveEvents(
    undefined,
    (kind, data) => {
      if (kind === 'instrument' && (data as { id: string }).id === id) instrument.reload();
    },
    instrument.reload,
  );
  const view = instrument.data;
  return (
    <Layout title={view ? instrumentTitle(view) : 'Instrument'}>
      <NotFoundHeading
        error={instrument.error}
        title="No such instrument"
        back={{ to: paths.instruments, label: 'The register of instruments' }}
      />
      <ErrorNote error={instrument.error} />
      {view ? (
        <InstrumentBody view={view} changed={instrument.reload} />
      ) : (
        !instrument.error && <Loading what="the instrument" />
      )}
    </Layout>
  );
}

function InstrumentBody({ view, changed }: { view: InstrumentView; changed: () => void }) {
  const [receipt, setReceipt] = useState<{ receipt: Receipt; what: string }>();
  const done = (what: string, r: Receipt) => {
    setReceipt({ receipt: r, what });
    changed();
  };
  return (
    <>
      <p className="eyebrow">Register of {view.bodyName}</p>
      <h1>
        {instrumentTitle(view)}{' '}
        <span className={`tag status-${view.status}`} data-status={view.status}>
          {STATUS_LABEL[view.status]}
        </span>
      </h1>
      {receipt && <ReceiptNote receipt={receipt.receipt} what={receipt.what} />}
      <InstrumentFields view={view} />
      <InstrumentText text={view.text} />
      <InstrumentFiles view={view} />
      <section aria-labelledby="signatures-heading">
        <h2 id="signatures-heading">Signatures: {view.signatures.length}</h2>
        <Signatures instrument={view} />
        <SigningRule view={view} />
        <SignHere view={view} done={done} />
      </section>
      <section aria-labelledby="life-heading">
        <h2 id="life-heading">Where it stands</h2>
        <InstrumentLife view={view} />
      </section>
      <OfficerActions view={view} done={done} />
      <VerifyIt view={view} />
    </>
  );
}

/** The Sign button, when the member may sign next; else, for a signer waiting for those listed
 * before them, whom they wait for. */
function SignHere({ view, done }: { view: InstrumentView; done: (w: string, r: Receipt) => void }) {
  const { me } = useMe();
  const { org } = useOrg();
  const action = useAction();
  if (!me?.person) return null;
  if (!view.mayNowSign.includes(me.person)) {
    const after = signingAfter(view, me.person, (id) => nameOf(org, id));
    return after ? (
      <p className="note" data-signing-after>
        {after}
      </p>
    ) : null;
  }
  const sign = async () => {
    const receipt = await action.run('Signing', () => signInstrument(me, view.id));
    if (receipt) done('Your signature', receipt);
  };
  return (
    <div className="sign-here">
      <p>You may sign it now, on this device.</p>
      <button type="button" className="big" disabled={!!action.busy} onClick={() => void sign()}>
        {action.busy ? `${action.busy}…` : 'Sign'}
      </button>
      <ErrorNote error={action.error} />
    </div>
  );
}

function OfficerActions({
  view,
  done,
}: {
  view: InstrumentView;
  done: (w: string, r: Receipt) => void;
}) {
  const { me } = useMe();
  const { org } = useOrg();
  const officer = isOfficer(me?.person, bodyOf(org, view.body));
  const may = actionsFor(view, me?.person, officer);
  if (!may.issue && !may.revoke && !may.settle && !may.annul) return null;
  return (
    <section aria-labelledby="instrument-actions" className="panel officer-actions">
      <h2 id="instrument-actions">For the officers</h2>
      {may.issue && <IssueInstrument view={view} done={done} />}
      {may.revoke && <RevokeMandate view={view} done={done} />}
      {may.settle && <SettleReceipt view={view} done={done} />}
      {may.annul && (
        <details className="disclosure">
          <summary>Annul it by a later decision</summary>
          <AnnulInstrument view={view} done={done} />
        </details>
      )}
    </section>
  );
}

/** Where anyone verifies it, in this browser: a link, and a QR code of the same address for a
 * phone held up to the paper or the screen. */
function VerifyIt({ view }: { view: InstrumentView }) {
  const url = new URL(view.verifyUrl, window.location.origin).href;
  return (
    <section aria-labelledby="verify-heading" className="verify-it">
      <h2 id="verify-heading">Verify it</h2>
      <p>
        Anyone can check its {countOf(view.signatures.length, 'signature')} and its place in the
        record, in their own browser: <Link to={paths.verify(view.id)}>Verify</Link>
      </p>
      <p>
        {/* The bundle as a file, to keep with the paper and verify offline (the verify page or
            `collegium verify`). */}
        <a href={`/api/instruments/${seg(view.id)}/bundle`} download>
          Download its bundle
        </a>{' '}
        ({view.id}.bundle.json), to verify it later without this server.
      </p>
      <QrCode text={url} label={`QR code of the address that verifies it: ${url}`} />
    </section>
  );
}
