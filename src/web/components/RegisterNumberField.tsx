/** A document's number in a register: the one it carries, or left empty for the register's next. */
import { useId } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';

export function RegisterNumberField(props: {
  value: string;
  /** The number the register would give it. */
  given: string;
  onChange: (number: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={`${id}-number`}>Number (optional)</label>
      <input
        id={`${id}-number`}
        value={props.value}
        maxLength={MAX_CHARS.number}
        placeholder={props.given}
        aria-describedby={`${id}-number-hint`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p className="hint" id={`${id}-number-hint`}>
        The number the document carries; left empty, the register gives it {props.given}.
      </p>
    </>
  );
}
