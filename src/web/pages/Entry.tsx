/** One entry: what it says, who signed it, its inclusion proof, and a check in this browser. */
import { Fragment, useState } from 'react';
import { useFocusKeptThrough } from '../lib/action.js';
import { getJson } from '../lib/api.js';
import { countOf, describeEntry, timeOf } from '../lib/format.js';
import { bodyOf, nameOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { EntryNamed, InclusionProof, LogPage, RecordEntry } from '../lib/types.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { notVerified, VerifyPanel } from '../components/VerifyPanel.js';
import type { VerifyState } from '../components/VerifyPanel.js';
import type { verifyProof } from '../../verify/bundle.js';

async function load(index: number) {
  const proof = getJson<InclusionProof>(`/api/proofs/inclusion/${index}`);
  // The log says how long it is: an index past its end is no entry, whatever the proof says.
  proof.catch(() => undefined);
  const page = await getJson<LogPage>(`/api/log?from=${index}&limit=1`);
  const item = page.entries[0];
  if (!item || item.index !== index)
    throw new Error(
      `There is no entry ${index}: the record has ${countOf(page.size, 'entry', 'entries')}, from 0 to ${page.size - 1}.`,
    );
  return { item, proof: await proof, size: page.size };
}

/** The entry's inclusion proof verified in this browser, under the log key the server states. */
async function verifyEntry(
  leaf: string,
  proof: Parameters<typeof verifyProof>[1],
): Promise<VerifyState> {
  try {
    const [verifier, { logKey }] = await Promise.all([
      import('../../verify/bundle.js'),
      getJson<{ logKey: string }>('/api/log-key'),
    ]);
    return { running: false, result: await verifier.verifyProof(leaf, proof, logKey), logKey };
  } catch (error) {
    return notVerified(error, 'proof');
  }
}

export function EntryPage({ index }: { index: number }) {
  const { data, error } = useResource(() => load(index), String(index));
  const [verify, setVerify] = useState<VerifyState>({ running: false });
  useFocusKeptThrough(verify.running);

  const run = async () => {
    if (!data?.item.leaf) return;
    const leaf = data.item.leaf;
    setVerify({ running: true });
    setVerify(await verifyEntry(leaf, data.proof));
  };

  return (
    <Layout wide title={`Entry ${index}`}>
      <h1>Entry {index}</h1>
      <p className="actions">
        <Link to={paths.record(Math.max(0, index - 10))}>Back to the record</Link>
        {/* Only to entries the log has. */}
        {data && index > 0 && <Link to={paths.entry(index - 1)}>Entry {index - 1}</Link>}
        {data && index + 1 < data.size && (
          <Link to={paths.entry(index + 1)}>Entry {index + 1}</Link>
        )}
      </p>
      <ErrorNote error={error} />
      {!data ? (
        !error && <Loading what={`entry ${index}`} />
      ) : (
        <>
          {data.item.entry ? (
            <EntryFields
              entry={data.item.entry}
              named={data.item.named}
              leafHash={data.proof.leafHash}
            />
          ) : (
            <>
              <p className="lead">{data.item.withheld}</p>
              <dl className="fields">
                <dt>Leaf hash</dt>
                <dd>
                  <code>{data.proof.leafHash}</code>
                </dd>
              </dl>
            </>
          )}
          <h2>Inclusion proof</h2>
          <p>
            In the tree of {data.proof.size} entries with root <code>{data.proof.root}</code>, from
            the leaf upwards:
          </p>
          <ol className="hashes">
            {data.proof.proof.map((hash, i) => (
              <li key={`${i}-${hash}`}>
                <code>{hash}</code>
              </li>
            ))}
          </ol>
          <h2>Signed checkpoint</h2>
          <pre className="note-text">{data.proof.checkpoint}</pre>
          <button
            type="button"
            onClick={() => void run()}
            disabled={verify.running || !data.item.leaf}
          >
            Verify in this browser
          </button>
          <VerifyPanel state={verify} />
        </>
      )}
    </Layout>
  );
}

/** An address under /record that names no entry: entries are whole numbers from 0. */
export function NoEntry({ given }: { given: string }) {
  return (
    <Layout title="No such entry">
      <h1>No entry ‘{given}’</h1>
      <p>
        Entries are numbered 0, 1, 2 and on, in the order they were recorded.{' '}
        <Link to={paths.record()}>Go to the record</Link>.
      </p>
    </Layout>
  );
}

/** What each of an entry's `named` things is called beside its id. */
const NAMED_LABEL: Readonly<Record<keyof EntryNamed, string>> = {
  session: 'Session',
  motion: 'Motion',
  decision: 'On the decision',
  circulation: 'Question',
  instrument: 'Instrument',
  supersededBy: 'Superseded by',
  grant: 'Proxy',
  dispatch: 'Dispatch',
};

/** The id the payload gives a named thing by: a decision by SESSION/MOTION, as the CLI takes it. */
function idOf(payload: Readonly<Record<string, unknown>>, key: keyof EntryNamed): string {
  const value = payload[key];
  if (typeof value === 'string') return value;
  const ref = value as { session?: unknown; motion?: unknown } | undefined;
  return `${String(ref?.session)}/${String(ref?.motion)}`;
}

/** What the entry acts on, in words, each with its id to copy: the acts and the command line
 * take ids. */
function ActsOn({ entry, named }: { entry: RecordEntry; named: EntryNamed }) {
  const keys = (Object.keys(NAMED_LABEL) as (keyof EntryNamed)[]).filter(
    (k) => named[k] !== undefined,
  );
  return keys.map((key) => (
    <Fragment key={key}>
      <dt>{NAMED_LABEL[key]}</dt>
      <dd>
        {named[key]} <code>{idOf(entry.payload, key)}</code>
      </dd>
    </Fragment>
  ));
}

function EntryFields({
  entry,
  named,
  leafHash,
}: {
  entry: RecordEntry;
  named: EntryNamed;
  leafHash: string;
}) {
  const { org } = useOrg();
  return (
    <>
      <p className="lead">
        {describeEntry(
          entry,
          named,
          (p) => nameOf(org, p),
          (b) => bodyOf(org, b ?? '')?.name ?? b ?? '',
        )}
      </p>
      <dl className="fields">
        <dt>Act</dt>
        <dd>
          <code>{entry.type}</code>
        </dd>
        <ActsOn entry={entry} named={named} />
        <dt>Time</dt>
        <dd>{timeOf(entry.time)}</dd>
        <dt>Actor</dt>
        <dd>{nameOf(org, entry.actor)}</dd>
        <dt>Signed by</dt>
        <dd>
          {entry.signer ? nameOf(org, entry.signer) : 'the custodial key'} with key{' '}
          <code>{entry.key}</code>
        </dd>
        <dt>Leaf hash</dt>
        <dd>
          <code>{leafHash}</code>
        </dd>
        <dt>Previous entry&apos;s hash</dt>
        <dd>
          <code>{entry.prev ?? 'none (the first entry)'}</code>
        </dd>
      </dl>
      <h2>Payload</h2>
      <pre className="json">{JSON.stringify(entry.payload, null, 2)}</pre>
    </>
  );
}
