/** A document's number in a register: the one it carries, or left empty for the register's next. */
import { useId } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';

/** Whether `value`, as it would be sent (trimmed), is a number the register holds already: the
 * record refuses a second document under it, so the form says so on the field before sending. */
export function numberTaken(value: string, taken: readonly string[]): boolean {
  const number = value.trim();
  return number !== '' && taken.includes(number);
}

export function RegisterNumberField(props: {
  value: string;
  /** The number the register would give it. */
  given: string;
  /** The numbers the register holds already. */
  taken: readonly string[];
  onChange: (number: string) => void;
}) {
  const id = useId();
  const clash = numberTaken(props.value, props.taken);
  return (
    <>
      <label htmlFor={`${id}-number`}>Number (optional)</label>
      <input
        id={`${id}-number`}
        value={props.value}
        maxLength={MAX_CHARS.number}
        placeholder={props.given}
        aria-invalid={clash}
        aria-describedby={`${id}-number-hint${clash ? ` ${id}-number-taken` : ''}`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p className="hint" id={`${id}-number-hint`}>
        The number the document carries; left empty, the register gives it {props.given}.
      </p>
      {clash && (
        <p id={`${id}-number-taken`} role="alert" className="error">
          No. {props.value.trim()} is in this register already: give another number, or leave it
          empty.
        </p>
      )}
    </>
  );
}
