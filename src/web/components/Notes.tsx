/** Small pieces of feedback: errors, loading, and the result of an act. */
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { ApiError, errorSentence, isNotFound, Unreachable } from '../lib/api.js';
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
  if (!isNotFound(error)) return null;
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
  const note = useRef<HTMLDivElement>(null);
  useFocusWhenLost(note, receipt.entry);
  return (
    <div className="receipt" role="status" tabIndex={-1} ref={note}>
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

/**
 * The button that acted is often gone once its act is recorded (a ballot cast, a question
 * answered), at once or when the page reads the record again, and what holds the receipt may
 * move (an inbox lists the questions answered last): focus, lost with them, comes to `target`
 * (the receipt) rather than to the top of the page, so that the keyboard goes on from there.
 * Once focus is on anything else, or the pointer is used, it is left alone.
 */
function useFocusWhenLost(target: RefObject<HTMLElement | null>, key: unknown): void {
  useEffect(() => {
    const acting = document.activeElement;
    const observer = new MutationObserver(() => rescue());
    const stop = () => {
      observer.disconnect();
      document.removeEventListener('pointerdown', stop, true);
    };
    const rescue = () => {
      const focused = document.activeElement;
      if (!focused || focused === document.body) target.current?.focus();
      else if (focused !== acting && focused !== target.current) stop();
    };
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('pointerdown', stop, true);
    rescue();
    return stop;
  }, [target, key]);
}
