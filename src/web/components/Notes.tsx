/** Small pieces of feedback: errors, loading, and the result of an act. */
import { ApiError, describeError } from '../lib/api.js';
import { Link, paths } from '../lib/router.js';
import type { Receipt } from '../lib/types.js';

export function ErrorNote({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  // A record open to its members only: the visitor signs in, and comes back here.
  if (error instanceof ApiError && error.status === 401) {
    const next = `${window.location.pathname}${window.location.search}`;
    return (
      <p role="alert" className="error">
        {error.message}. <Link to={`${paths.login}?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    );
  }
  return (
    <p role="alert" className="error">
      {describeError(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return <p className="loading">Loading {what}…</p>;
}

export function ReceiptNote({ receipt, what }: { receipt: Receipt; what: string }) {
  return (
    <div className="receipt" role="status">
      <p>
        <strong>{what}</strong> is entry {receipt.entry} of the record.
      </p>
      <p className="hash">
        Leaf hash <code>{receipt.leafHash}</code>
      </p>
      <p>
        <Link to={paths.entry(receipt.entry)}>See entry {receipt.entry} and its proof</Link>
      </p>
    </div>
  );
}
