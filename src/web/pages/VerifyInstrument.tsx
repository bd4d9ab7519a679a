/**
 * Verifying an instrument in this browser: its bundle fetched from this server (?instrument=ID)
 * or a bundle file dropped here, under a trust policy of one's own (a YAML file dropped or
 * pasted), or else the log key this server states. Every proof is checked here with the same
 * verifier as the command line; the page shows accepted or refused, every reason, and what was
 * proven. The server's word is taken for nothing but the bytes.
 */
import { useEffect, useId, useState } from 'react';
import type { DragEvent, ReactNode } from 'react';
import { getJson, seg } from '../lib/api.js';
import type { PolicySource, Verification } from '../lib/instrument-verify.js';
import { Link, paths } from '../lib/router.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote } from '../components/Notes.js';
import { VerdictPanel } from '../components/InstrumentVerdict.js';

/** The bundle to verify: parsed JSON, and where it came from, in words. */
interface Bundle {
  readonly value: unknown;
  readonly from: string;
}

export function VerifyInstrument({ instrument }: { instrument?: string }) {
  const [bundle, setBundle] = useState<Bundle>();
  const [bundleError, setBundleError] = useState<unknown>();
  const [policy, setPolicy] = useState<PolicySource>();
  const [result, setResult] = useState<{ running: boolean; value?: Verification; error?: unknown }>(
    { running: false },
  );

  useEffect(() => {
    if (!instrument) return;
    setBundleError(undefined);
    getJson<unknown>(`/api/instruments/${seg(instrument)}/bundle`).then(
      (value) => setBundle({ value, from: `the bundle this server gives for ${instrument}` }),
      setBundleError,
    );
  }, [instrument]);

  useEffect(() => {
    if (!bundle) return;
    let current = true;
    setResult({ running: true });
    void (async () => {
      try {
        const { verifyInstrument } = await import('../lib/instrument-verify.js');
        const logKey = async () => (await getJson<{ logKey: string }>('/api/log-key')).logKey;
        const value = await verifyInstrument(bundle.value, policy, logKey);
        if (current) setResult({ running: false, value });
      } catch (error) {
        if (current) setResult({ running: false, error });
      }
    })();
    return () => {
      current = false;
    };
  }, [bundle, policy]);

  return (
    <Layout title="Verify an instrument">
      <h1>Verify an instrument</h1>
      <p className="lead">
        Everything is checked here, in this browser: the log’s signed checkpoint, each entry’s place
        in the log and its signature, the chain of signatures over the text, the charter’s signing
        rule, and your trust policy.
      </p>
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
      <BundleInput
        bundle={bundle}
        onBundle={(b) => {
          setBundleError(undefined);
          setBundle(b);
        }}
        onError={setBundleError}
      />
      <ErrorNote error={bundleError} />
      <PolicyInput policy={policy} onPolicy={setPolicy} />
    </Layout>
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
      props.onBundle({ value: JSON.parse(await file.text()), from: `the file ${file.name}` });
    } catch (error) {
      props.onError(new Error(`${file.name} is not a bundle: ${(error as Error).message}`));
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
        onFile={(file) => void file.text().then((text) => onPolicy({ name: file.name, text }))}
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
          onClick={() => onPolicy({ name: 'pasted policy', text: pasted })}
        >
          Use this policy
        </button>
        {policy && (
          <button type="button" className="secondary" onClick={() => onPolicy(undefined)}>
            Verify without a policy
          </button>
        )}
      </div>
      {policy && <p className="hint">Verifying under {policy.name}.</p>}
    </section>
  );
}
