/** The alert, on every page, when the server shows a history that does not extend what this
 * browser saw before (lib/history.ts). Checked once a visit. */
import { useEffect, useState } from 'react';
import { checkHistory } from '../lib/history.js';
import type { HistoryCheck } from '../lib/history.js';

let checked: Promise<HistoryCheck> | undefined;

export function HistoryAlert() {
  const [check, setCheck] = useState<HistoryCheck>({ state: 'unchecked' });
  useEffect(() => {
    let live = true;
    checked ??= checkHistory().catch(() => ({ state: 'unchecked' }) as const);
    void checked.then((found) => live && setCheck(found));
    return () => {
      live = false;
    };
  }, []);
  if (check.state !== 'rewritten') return null;
  return (
    <div role="alert" className="history-alert">
      <p>
        <strong>Warning: the record’s history has changed.</strong> This browser saw a record of{' '}
        {check.seen} entries before; the server now shows {check.shown}, in a history that does not
        extend what this browser saw ({check.reason}). Entries may have been removed or rewritten.
        This browser keeps what it saw; tell the organization’s officers.
      </p>
    </div>
  );
}
