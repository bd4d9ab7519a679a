/** Picking an adopted decision of a body (or of a body it delegates to): what an instrument rests
 * on, or what revokes or annuls it. */
import { useId } from 'react';
import { refFromValue, refInWords, refValue } from '../lib/circulations.js';
import { adoptedDecisions } from '../lib/decisions.js';
import { useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import type { DecisionRef } from '../lib/types.js';
import { ErrorNote } from './Notes.js';

export function DecisionField(props: {
  body: string;
  label: string;
  value: DecisionRef | undefined;
  onChange: (ref: DecisionRef | undefined) => void;
  /** The label of choosing none, where none may be chosen. */
  noneLabel?: string;
}) {
  const { body, label, value, onChange, noneLabel } = props;
  const { org } = useOrg();
  const id = useId();
  const decisions = useResource(
    async () => (org ? adoptedDecisions(org, body) : []),
    `decisions:${body}:${org ? 'org' : ''}`,
  );
  const chosen = value ? refValue(value) : '';
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={chosen} onChange={(e) => onChange(refFromValue(e.target.value))}>
        <option value="">{noneLabel ?? 'choose a decision'}</option>
        {value && !decisions.data?.some((d) => refValue(d.ref) === chosen) && (
          <option value={chosen}>{refInWords(value)}</option>
        )}
        {decisions.data?.map((d) => (
          <option key={refValue(d.ref)} value={refValue(d.ref)}>
            {d.named}
          </option>
        ))}
      </select>
      {decisions.data?.length === 0 && (
        <p className="hint">No adopted decision of this body is in the record yet.</p>
      )}
      <ErrorNote error={decisions.error} />
    </>
  );
}
