/** Small pieces of feedback: errors, loading, and the result of an act. */
import { ApiError, errorSentence, Unreachable } from '../lib/api.js';
import { useStreamState } from '../lib/events.js';
import type { FieldLabels } from '../lib/api.js';
import { Link, paths } from '../lib/router.js';
import { capitalized } from '../../core/words.js';
import type { Receipt } from '../lib/types.js';

/** An error, if any; a refusal of a field `fields` names is said as the form labels it. */
export function ErrorNote({ error, fields }: { error: unknown; fields?: FieldLabels }) {
  const saidAlready = useSaidByConnectionNotice(error);
  if (error === undefined || error === null || saidAlready) return null;
  // A record open to its members only: the visitor signs in, and comes back here.
  // On the sign-in page itself, the refusal is of a sign-in: no link back to the same page.
  if (
    error instanceof ApiError &&
    error.status === 401 &&
    window.location.pathname !== paths.login
  ) {
    const next = `${window.location.pathname}${window.location.search}`;
    return (
      <p role="alert" className="error">
        {capitalized(error.message)}.{' '}
        <Link to={`${paths.login}?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    );
  }
  return (
    <p role="alert" className="error">
      {errorSentence(error, fields)}
    </p>
  );
}

/**
 * The heading of a page whose question, dispatch, instrument or session the record does not hold
 * (a mistyped or stale link: 404), and the way to its register; nothing for any other error.
 */
export function NotFoundHeading(props: {
  error: unknown;
  title: string;
  back: { readonly to: string; readonly label: string };
}) {
  const { error, title, back } = props;
  if (!(error instanceof ApiError && error.status === 404)) return null;
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </>
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

/**
 * Whether `error` is a read that found no server while the page's connection notice says so
 * already: the page shows one notice of it, not one more for each part that read.
 */
export function useSaidByConnectionNotice(error: unknown): boolean {
  const lost = useStreamState() === 'lost';
  return lost && error instanceof Unreachable && error.reading;
}
