/** Picking the provisional decision a motion ratifies, among those awaiting the session's body. */
import { useId } from 'react';
import { refValue } from '../lib/circulations.js';
import type { ProvisionalDecision } from '../lib/types.js';

export function RatifiesField(props: {
  awaiting: readonly ProvisionalDecision[];
  /** The chosen decision's refValue, or ''. */
  value: string;
  onChange: (value: string, decision: ProvisionalDecision | undefined) => void;
}) {
  const { awaiting, value, onChange } = props;
  const id = useId();
  if (awaiting.length === 0) return null;
  return (
    <>
      <label htmlFor={id}>It ratifies</label>
      <select
        id={id}
        value={value}
        onChange={(e) =>
          onChange(
            e.target.value,
            awaiting.find((d) => refValue(d.ref) === e.target.value),
          )
        }
      >
        <option value="">no provisional decision</option>
        {awaiting.map((d) => (
          <option key={refValue(d.ref)} value={refValue(d.ref)}>
            {d.named}
          </option>
        ))}
      </select>
    </>
  );
}
