/** The filters of a register: where its items stand, the body, the kind where items have kinds,
 * the days between which they fall where they have dates, and words to search for. */
import { useId } from 'react';
import { useOrg } from '../lib/org.js';
import { BodySelect } from './BodySelect.js';

export interface Filters {
  /** One of the register's states, or '' for all. */
  readonly state: string;
  readonly body: string;
  readonly q: string;
  /** The kind of item, or '' for all (registers whose items have kinds). */
  readonly kind?: string;
  /** The first and last day, ISO (registers whose items have dates); '' for no limit. */
  readonly from?: string;
  readonly to?: string;
}

/** The query string a register's endpoint takes: only the filters set. */
export function filterQuery(filters: object): string {
  const query = new URLSearchParams(
    Object.entries(filters).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && !!e[1],
    ),
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
  /** The kinds to choose among, where the register's items have kinds. */
  kinds?: readonly string[];
  /** What the search looks in, as its placeholder says. */
  searches?: string;
  /** Whether to offer the days from and to (registers whose items have dates). */
  dates?: boolean;
  /** The label of the states' choice. */
  statesLabel?: string;
}) {
  const { what, states, value, onChange, kinds, searches = 'words, number, sender' } = props;
  const { org } = useOrg();
  const id = useId();
  return (
    <form
      role="search"
      aria-label={`Filter the ${what}`}
      className="filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <Choice
        id={`${id}-state`}
        label={props.statesLabel ?? 'Showing'}
        options={states}
        value={value.state}
        onChange={(state) => onChange({ ...value, state })}
      />
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
      {kinds && (
        <Choice
          id={`${id}-kind`}
          label="Kind"
          options={[['', 'every kind'], ...kinds.map((kind) => [kind, kind] as const)]}
          value={value.kind ?? ''}
          onChange={(kind) => onChange({ ...value, kind })}
        />
      )}
      {props.dates && <DayRange id={id} value={value} onChange={onChange} />}
      <div>
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          value={value.q}
          placeholder={searches}
          onChange={(e) => onChange({ ...value, q: e.target.value })}
        />
      </div>
    </form>
  );
}

/** A labelled choice among options, [value, label]. */
function Choice(props: {
  id: string;
  label: string;
  options: readonly (readonly [string, string])[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The first and last day, each bounding the other. */
function DayRange({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Filters;
  onChange: (filters: Filters) => void;
}) {
  return (
    <>
      <div>
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={value.from ?? ''}
          max={value.to || undefined}
          onChange={(e) => onChange({ ...value, from: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={value.to ?? ''}
          min={value.from || undefined}
          onChange={(e) => onChange({ ...value, to: e.target.value })}
        />
      </div>
    </>
  );
}
