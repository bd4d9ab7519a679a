/** A choice of one of the organization's bodies, by name; optionally none (`emptyLabel`). */
import type { BodyInfo } from '../lib/types.js';

export function BodySelect(props: {
  id: string;
  bodies: readonly BodyInfo[];
  value: string;
  onChange: (body: string) => void;
  /** The label of choosing no body, where that is allowed. */
  emptyLabel?: string;
}) {
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
      {props.bodies.map((b) => (
        <option key={b.id} value={b.id}>
          {b.name}
        </option>
      ))}
    </select>
  );
}
