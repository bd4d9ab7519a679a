/** The parts of the form drafting an instrument: its kind, and what a mandate or a receipt says
 * besides its text. */
import { useId } from 'react';
import { ID_MAX_LENGTH } from '../../core/id-rule.js';
import { MAX_CHARS } from '../../core/text-limits.js';
import { kindLabel, ruleWithNames } from '../lib/instruments.js';
import type { InstrumentDraft } from '../lib/instruments.js';
import { nameOf, useOrg } from '../lib/org.js';
import type { BodyInfo } from '../lib/types.js';

type Set = (change: Partial<InstrumentDraft>) => void;

/** The kinds the body's charter names, with their rule; typed where the server names none. */
export function KindField(props: {
  body: BodyInfo;
  value: string;
  onChange: (kind: string) => void;
}) {
  const { body, value, onChange } = props;
  const { org } = useOrg();
  const id = useId();
  const kinds = body.instruments;
  const chosen = kinds?.find((k) => k.kind === value);
  if (!kinds)
    return (
      <>
        <label htmlFor={id}>Kind</label>
        <input
          id={id}
          required
          maxLength={ID_MAX_LENGTH}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </>
    );
  return (
    <>
      <label htmlFor={id}>Kind</label>
      <select
        id={id}
        required
        value={value}
        aria-describedby={`${id}-rule`}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">
          {kinds.length === 0 ? 'the charter names none for this body' : 'choose a kind'}
        </option>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {kindLabel(k.kind)}
            {k.formula ? ` (“${k.formula}”)` : ''}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-rule`}>
        {chosen
          ? `Signed by: ${ruleWithNames(chosen, (p) => nameOf(org, p))}${chosen.restsOn === 'decision' ? ' It rests on a decision of the body.' : ''}`
          : ''}
      </p>
    </>
  );
}

/** A choice of one of the organization's people. */
function PersonSelect(props: { label: string; value: string; onChange: (person: string) => void }) {
  const { org } = useOrg();
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">no one</option>
        {org?.people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** Whom a mandate empowers, to do what, until when; what is wrong with its last day, if anything. */
export function MandateFields(props: { draft: InstrumentDraft; set: Set; problem?: string }) {
  const { draft, set, problem } = props;
  const id = useId();
  return (
    <fieldset className="choice-list">
      <legend>The mandate</legend>
      <PersonSelect label="Holder" value={draft.holder} onChange={(holder) => set({ holder })} />
      <label htmlFor={`${id}-scope`}>Scope</label>
      <textarea
        id={`${id}-scope`}
        rows={2}
        maxLength={MAX_CHARS.comment}
        value={draft.scope}
        onChange={(e) => set({ scope: e.target.value })}
      />
      <label htmlFor={`${id}-until`}>Until (its last day)</label>
      <input
        id={`${id}-until`}
        type="date"
        value={draft.until}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? `${id}-until-problem` : undefined}
        onChange={(e) => set({ until: e.target.value })}
      />
      {problem && (
        <p id={`${id}-until-problem`} role="alert" className="error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

/** What a receipt acknowledges, and from whom. */
export function ReceiptFields({ draft, set }: { draft: InstrumentDraft; set: Set }) {
  const id = useId();
  return (
    <fieldset className="choice-list">
      <legend>The receipt</legend>
      <label htmlFor={`${id}-amount`}>Amount</label>
      <input
        id={`${id}-amount`}
        type="number"
        min="0"
        step="any"
        required
        value={draft.amount}
        onChange={(e) => set({ amount: e.target.value })}
      />
      <label htmlFor={`${id}-unit`}>Unit</label>
      <input
        id={`${id}-unit`}
        maxLength={MAX_CHARS.unit}
        required
        placeholder="EUR, roubles, sacks of grain"
        value={draft.unit}
        onChange={(e) => set({ unit: e.target.value })}
      />
      <PersonSelect
        label="From (the creditor)"
        value={draft.from}
        onChange={(from) => set({ from })}
      />
    </fieldset>
  );
}
