/** Picking the dispatch a question or a motion answers, among the body's open ones. */
import { useId } from 'react';
import { getJson } from '../lib/api.js';
import { useResource } from '../lib/resource.js';
import type { DispatchView } from '../lib/types.js';

/** An open dispatch of the body that a question or a motion answers, if any. */
export function DispatchField(props: {
  body: string;
  value: string;
  onChange: (dispatch: string) => void;
}) {
  const { body, value, onChange } = props;
  const id = useId();
  const open = useResource(
    () => getJson<DispatchView[]>(`/api/dispatches?state=open&body=${encodeURIComponent(body)}`),
    `open-dispatches:${body}`,
  );
  const dispatches = open.data ?? [];
  if (dispatches.length === 0 && !value) return null;
  return (
    <>
      <label htmlFor={id}>It answers the dispatch</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">none</option>
        {value && !dispatches.some((d) => d.id === value) && <option value={value}>{value}</option>}
        {dispatches.map((d) => (
          <option key={d.id} value={d.id}>
            {d.number}: {d.from}
          </option>
        ))}
      </select>
    </>
  );
}
