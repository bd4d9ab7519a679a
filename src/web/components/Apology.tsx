/** Recording an absent member's apology for absence, with a reason if they gave one. */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';

export function Apology(props: {
  name: string;
  busy: boolean;
  onRecord: (reason: string | undefined) => void;
}) {
  const { name, busy, onRecord } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  if (!open)
    return (
      <button
        type="button"
        className="small secondary"
        disabled={busy}
        aria-label={`Apology from ${name}`}
        onClick={() => setOpen(true)}
      >
        Apology
      </button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRecord(reason.trim() || undefined);
    setOpen(false);
    setReason('');
  };
  return (
    <form className="apology" onSubmit={submit} aria-label={`Recording an apology from ${name}`}>
      <label htmlFor={id}>Reason (optional)</label>
      <input
        id={id}
        value={reason}
        maxLength={MAX_CHARS.reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" className="small" disabled={busy}>
        Record the apology
      </button>
      <button type="button" className="small secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
