/**
 * Verifying an instrument in this browser: its bundle fetched from this server (?instrument=ID)
 * or a bundle file dropped here, under a trust policy of one's own (a YAML file dropped or
 * pasted), or else the log key this server states. Every proof is checked here with the same
 * verifier as the command line; the page shows accepted or refused, every reason, and what was
 * proven. The server's word is taken for nothing but the bytes.
 */
import { useEffect, useId, useState } from 'react';
import type { DragEvent, ReactNode } from 'react';
import { useFocusKeptThrough } from '../lib/action.js';
import { getBytes, getJson, seg } from '../lib/api.js';
import type { PolicySource, Verification } from '../lib/instrument-verify.js';
import { getInstrument } from '../lib/instruments.js';
import { loadOnce } from '../lib/load-once.js';
import { Link, paths } from '../lib/router.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote } from '../components/Notes.js';
import { VerdictPanel } from '../components/InstrumentVerdict.js';
import { instrumentOfBody } from '../components/InstrumentDocument.js';

/**
 * What verifying takes from the server, asked for as the page opens so that a bundle (or a
 * policy) chosen later is verified even with the network gone: the verifier's code, the reader of
 * bundle files, and the log key the server states.
 */
const verifier = loadOnce('the verifier', () => import('../lib/instrument-verify.js'));
const bundleFiles = loadOnce('the reader of bundle files', () => import('../lib/bundle-file.js'));
const statedLogKey = loadOnce(
  'the log key this server states',
  async () => (await getJson<{ logKey: string }>('/api/log-key')).logKey,
);

/** The bundle to verify: read as `collegium verify` reads it, and where it came from, in words. */
interface Bundle {
  readonly value: unknown;
  readonly from: string;
}

export function VerifyInstrument({ instrument }: { instrument?: string }) {
  const [bundle, setBundle] = useState<Bundle>();
  const [bundleError, setBundleError] = useState<unknown>();
  const [policy, setPolicy] = useState<PolicySource>();
  const result = useVerification(bundle, policy);
  useFocusKeptThrough(result.running);

  useEffect(() => {
    for (const load of [verifier, bundleFiles, statedLogKey]) load().catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!instrument) return;
    setBundleError(undefined);
    void (async () => {
      try {
        const [{ readBundle }, bytes, view] = await Promise.all([
          bundleFiles(),
          getBytes(`/api/instruments/${seg(instrument)}/bundle`),
          getInstrument(instrument),
        ]);
        // Read as the file it downloads as would be, by the command line.
        const value = readBundle(bytes, `${instrument}.bundle.json`, 'instrument');
        const named = instrumentOfBody(view, view.bodyName);
        setBundle({ value, from: `the bundle this server gives for ${named}` });
      } catch (error) {
        setBundleError(error);
      }
    })();
  }, [instrument]);

  return (
    <Layout title="Verify an instrument">
      <h1>Verify an instrument</h1>
      <p className="lead">
        Everything is checked here, in this browser: the log’s signed checkpoint, each entry’s place
        in the log and its signature, the chain of signatures over the text, the charter’s signing
        rule, and your trust policy.
      </p>
      <Verdict bundle={bundle} instrument={instrument} result={result} />
      <BundleInput
        bundle={bundle}
        onBundle={(b) => {
          setBundleError(undefined);
          setBundle(b);
        }}
        onError={(error) => {
          // A file refused replaces the one verified before: its verdict is no longer shown.
          setBundle(undefined);
          setBundleError(error);
        }}
      />
      <ErrorNote error={bundleError} />
      <PolicyInput policy={policy} onPolicy={setPolicy} />
    </Layout>
  );
}

interface VerificationState {
  readonly running: boolean;
  readonly value?: Verification;
  readonly error?: unknown;
}

/** A verification done, and the bundle and policy it was of. */
interface Verified {
  readonly bundle: Bundle;
  readonly policy?: PolicySource;
  readonly value?: Verification;
  readonly error?: unknown;
}

/**
 * The bundle verified under the policy, again whenever either changes. It is running from the
 * very render that changes them (not an effect later), so that the control that changed them
 * still has the focus as the page marks it busy.
 */
function useVerification(bundle: Bundle | undefined, policy?: PolicySource): VerificationState {
  const [verified, setVerified] = useState<Verified>();
  useEffect(() => {
    if (!bundle) return;
    let current = true;
    void (async () => {
      try {
        const { verifyInstrument } = await verifier();
        const value = await verifyInstrument(bundle.value, policy, statedLogKey);
        if (current) setVerified({ bundle, policy, value });
      } catch (error) {
        if (current) setVerified({ bundle, policy, error });
      }
    })();
    return () => {
      current = false;
    };
  }, [bundle, policy]);
  if (!bundle) return { running: false };
  if (verified?.bundle !== bundle || verified.policy !== policy) return { running: true };
  return { running: false, value: verified.value, error: verified.error };
}

function Verdict(props: { bundle?: Bundle; instrument?: string; result: VerificationState }) {
  const { bundle, instrument, result } = props;
  return (
    <section aria-labelledby="verdict-heading" aria-live="polite" aria-busy={result.running}>
      <h2 id="verdict-heading">The verdict</h2>
      {!bundle ? (
        <p className="hint">
          {instrument ? 'Fetching the bundle…' : 'Choose a bundle file to verify.'}
        </p>
      ) : result.running ? (
        <p>Verifying in this browser…</p>
      ) : (
        <>
          <ErrorNote error={result.error} />
          {result.value && <VerdictPanel verification={result.value} />}
        </>
      )}
      {instrument && (
        <p>
          <Link to={paths.instrument(instrument)}>Back to the instrument</Link>
        </p>
      )}
    </section>
  );
}

/** Reads a file dropped on the zone or chosen in it. */
function DropZone(props: {
  label: string;
  accept: string;
  onFile: (file: File) => void;
  children?: ReactNode;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) props.onFile(file);
  };
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="file"
        accept={props.accept}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onFile(file);
        }}
      />
      {props.children}
    </div>
  );
}

function BundleInput(props: {
  bundle: Bundle | undefined;
  onBundle: (bundle: Bundle) => void;
  onError: (error: unknown) => void;
}) {
  const read = async (file: File) => {
    try {
      const { readBundleFromFile } = await bundleFiles();
      const value = await readBundleFromFile(file, 'instrument');
      props.onBundle({ value, from: `the file ${file.name}` });
    } catch (error) {
      props.onError(error);
    }
  };
  return (
    <section aria-labelledby="bundle-heading">
      <h2 id="bundle-heading">The bundle</h2>
      <DropZone
        label="Bundle file (drop it here or choose it)"
        accept=".json,application/json"
        onFile={(f) => void read(f)}
      >
        {props.bundle && <p className="hint">Verifying {props.bundle.from}.</p>}
      </DropZone>
    </section>
  );
}

function PolicyInput(props: {
  policy: PolicySource | undefined;
  onPolicy: (policy: PolicySource | undefined) => void;
}) {
  const id = useId();
  const [pasted, setPasted] = useState('');
  const { policy, onPolicy } = props;
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Your trust policy (optional)</h2>
      <p className="hint">
        The log keys you trust, the witnesses you require, and which instruments you accept, signed
        by whom. Without one, the log key this server states is trusted, with the charter’s rule.
      </p>
      <DropZone
        label="Policy file (YAML)"
        accept=".yaml,.yml,text/yaml"
        onFile={(file) =>
          void file
            .arrayBuffer()
            .then((bytes) => onPolicy({ name: file.name, content: new Uint8Array(bytes) }))
        }
      />
      <label htmlFor={id} className="field-label">
        Or paste it
      </label>
      <textarea
        id={id}
        rows={6}
        className="code"
        spellCheck={false}
        value={pasted}
        onChange={(e) => setPasted(e.target.value)}
      />
      <div className="actions">
        <button
          type="button"
          disabled={!pasted.trim()}
          onClick={() => onPolicy({ name: 'pasted policy', content: pasted })}
        >
          Use this policy
        </button>
        {/* Disabled rather than gone once used: the focus it had is kept on the policy's part. */}
        <button
          type="button"
          className="secondary"
          disabled={!policy}
          onClick={() => onPolicy(undefined)}
        >
          Verify without a policy
        </button>
      </div>
      {policy && <p className="hint">Verifying under {policy.name}.</p>}
    </section>
  );
}
