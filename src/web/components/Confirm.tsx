/**
 * A question asked before an act that cannot be taken back (closing a vote or a session, opening
 * a vote without quorum): the browser's own modal dialog, which keeps focus inside it, closes on
 * Escape and leaves the page behind it inert.
 */
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

export function ConfirmDialog(props: {
  open: boolean;
  /** The question, as the dialog's heading. */
  title: string;
  /** The confirming button, in words that say what it does. */
  confirm: string;
  cancel?: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { open, title, confirm, cancel = 'Not yet', busy, onConfirm, onClose, children } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The safe answer has the focus: Enter, pressed out of habit, takes nothing irreversible.
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={`${id}-title`}
      onClose={() => open && onClose()}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {open && children}
      <div className="actions dialog-actions">
        <button type="button" disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" className="secondary" ref={cancelRef} onClick={onClose}>
          {cancel}
        </button>
      </div>
    </dialog>
  );
}
