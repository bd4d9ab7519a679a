/**
 * A notice's agenda as it is prepared: items added, removed and moved, each with its id, title,
 * the motion it drafts, and what it takes up (a dispatch, a provisional decision, the minutes of
 * an earlier session) and its files.
 */
import { useId, useRef } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';
import { refValue } from '../lib/circulations.js';
import { moved, newItem } from '../lib/notice.js';
import type { ItemDraft } from '../lib/notice.js';
import type { ProvisionalDecision, SessionSummary } from '../lib/types.js';
import { DispatchField } from './DispatchField.js';
import { FilesField } from './FilesField.js';
import { RatifiesField } from './RatifiesField.js';
import { dayInWords } from '../../core/minutes/words.js';
import { sessionLabel } from '../lib/format.js';

export interface AgendaContext {
  readonly body: string;
  /** The body's decisions awaiting ratification. */
  readonly awaiting: readonly ProvisionalDecision[];
  /** The body's closed sessions, whose minutes an item may put for approval. */
  readonly closed: readonly SessionSummary[];
}

export function AgendaEditor(props: {
  items: readonly ItemDraft[];
  onChange: (items: ItemDraft[]) => void;
  context: AgendaContext;
}) {
  const { items, onChange, context } = props;
  // An item removed takes its Remove button with it: the focus goes on to Add an item.
  const add = useRef<HTMLButtonElement>(null);
  const set = (index: number, item: ItemDraft) =>
    onChange(items.map((d, i) => (i === index ? item : d)));
  return (
    <>
      {items.length === 0 && <p className="hint">No item on the agenda yet.</p>}
      {items.map((item, index) => (
        <fieldset key={item.key} className="alternatives agenda-item">
          <legend>Item {index + 1}</legend>
          <ItemFields item={item} onChange={(d) => set(index, d)} context={context} />
          <p className="actions">
            <button
              type="button"
              className="small secondary"
              aria-label={`Move up item ${index + 1}`}
              disabled={index === 0}
              onClick={() => onChange(moved(items, index, -1))}
            >
              Move up
            </button>
            <button
              type="button"
              className="small secondary"
              aria-label={`Move down item ${index + 1}`}
              disabled={index === items.length - 1}
              onClick={() => onChange(moved(items, index, 1))}
            >
              Move down
            </button>
            <button
              type="button"
              className="small secondary"
              aria-label={`Remove item ${index + 1}`}
              onClick={() => {
                onChange(items.filter((_, i) => i !== index));
                add.current?.focus();
              }}
            >
              Remove
            </button>
          </p>
        </fieldset>
      ))}
      <button
        type="button"
        className="small"
        ref={add}
        onClick={() => onChange([...items, newItem(items)])}
      >
        Add an item
      </button>
    </>
  );
}

function ItemFields(props: {
  item: ItemDraft;
  onChange: (item: ItemDraft) => void;
  context: AgendaContext;
}) {
  const { item, onChange, context } = props;
  const id = useId();
  const set = (change: Partial<ItemDraft>) => onChange({ ...item, ...change });
  return (
    <>
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        required
        maxLength={MAX_CHARS.reason}
        value={item.title}
        onChange={(e) => set({ title: e.target.value })}
      />
      <label htmlFor={`${id}-item`}>Id (motions name it)</label>
      <input
        id={`${id}-item`}
        required
        autoCapitalize="none"
        spellCheck={false}
        value={item.item}
        onChange={(e) => set({ item: e.target.value })}
      />
      <label htmlFor={`${id}-motion`}>Motion (optional wording)</label>
      <textarea
        id={`${id}-motion`}
        rows={2}
        maxLength={MAX_CHARS.motion}
        value={item.motion}
        onChange={(e) => set({ motion: e.target.value })}
      />
      <DispatchField
        body={context.body}
        value={item.dispatch}
        onChange={(dispatch) => set({ dispatch })}
      />
      <RatifiesField
        awaiting={context.awaiting}
        value={item.ratifies ? refValue(item.ratifies) : ''}
        onChange={(_, decision) =>
          set({
            ratifies: decision?.ref,
            ...(decision && !item.title.trim() ? { title: `Ratify: ${decision.text}` } : {}),
          })
        }
      />
      <MinutesField
        closed={context.closed}
        value={item.minutes}
        onChange={(minutes) => set({ minutes })}
      />
      <FilesField uploads={[...item.uploads]} onChange={(uploads) => set({ uploads })} />
    </>
  );
}

/** The earlier session whose minutes the item puts for approval, among the body's closed ones. */
function MinutesField(props: {
  closed: readonly SessionSummary[];
  value: string;
  onChange: (session: string) => void;
}) {
  const id = useId();
  if (props.closed.length === 0) return null;
  return (
    <>
      <label htmlFor={id}>It approves the minutes of</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">no earlier session</option>
        {props.closed.map((s) => (
          <option key={s.id} value={s.id}>
            {sessionLabel(s)}
            {s.title && s.date ? ` (${dayInWords(s.date)})` : ''}
          </option>
        ))}
      </select>
    </>
  );
}
