/** The filters of a register: where its items stand, the body, and words to search for. */
import { useId } from 'react';
import { useOrg } from '../lib/org.js';
import { BodySelect } from './BodySelect.js';

export interface Filters {
  /** One of the register's states, or '' for all. */
  readonly state: string;
  readonly body: string;
  readonly q: string;
}

/** The query string a register's endpoint takes: only the filters set. */
export function filterQuery(filters: Filters): string {
  const query = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => !!e[1]),
  ).toString();
  return query ? `?${query}` : '';
}

export function RegisterFilters(props: {
  /** What the register is, for the search's accessible name ("dispatches"). */
  what: string;
  /** The states, [value, label]; the value '' is every state. */
  states: readonly (readonly [string, string])[];
  value: Filters;
  onChange: (filters: Filters) => void;
}) {
  const { what, states, value, onChange } = props;
  const { org } = useOrg();
  const id = useId();
  return (
    <form
      role="search"
      aria-label={`Filter the ${what}`}
      className="filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <div>
        <label htmlFor={`${id}-state`}>Showing</label>
        <select
          id={`${id}-state`}
          value={value.state}
          onChange={(e) => onChange({ ...value, state: e.target.value })}
        >
          {states.map(([state, label]) => (
            <option key={state} value={state}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-body`}>Body</label>
        <BodySelect
          id={`${id}-body`}
          bodies={org?.bodies ?? []}
          value={value.body}
          onChange={(body) => onChange({ ...value, body })}
          emptyLabel="every body"
        />
      </div>
      <div>
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          value={value.q}
          placeholder="words, number, sender"
          onChange={(e) => onChange({ ...value, q: e.target.value })}
        />
      </div>
    </form>
  );
}
