/**
 * The register of instruments: the documents the bodies issue (directives, mandates, receipts…),
 * by body, kind and where they stand, searched by words; drafting a new one, for officers.
 */
import { useState } from 'react';
import type { InstrumentRegister } from '../../api/instruments.js';
import { getJson } from '../lib/api.js';
import { useReloadOn } from '../lib/events.js';
import { countOf } from '../lib/format.js';
import { INSTRUMENT_STATES, kindsOf, STATUS_LABEL } from '../lib/instruments.js';
import type { InstrumentSummary } from '../lib/instruments.js';
import { useMe } from '../lib/me.js';
import { isOfficer, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import { instrumentTitle } from '../components/InstrumentDocument.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { filterQuery, RegisterFilters } from '../components/RegisterFilters.js';
import type { Filters } from '../components/RegisterFilters.js';
import { timeInWords } from '../../core/minutes/words.js';

const STATES: readonly (readonly [string, string])[] = [
  ['', 'all'],
  ...INSTRUMENT_STATES.map((s) => [s, STATUS_LABEL[s]] as const),
];

export function Instruments() {
  const { me } = useMe();
  const { org } = useOrg();
  const [filters, setFilters] = useState<Filters>({ state: '', body: '', kind: '', q: '' });
  const query = filterQuery({ ...filters, q: undefined, text: filters.q.trim() });
  const list = useResource(
    async () => (await getJson<InstrumentRegister>(`/api/instruments${query}`)).instruments,
    `instruments${query}`,
  );
  useReloadOn('instrument', list.reload);
  const mayDraft = !!org && org.bodies.some((b) => isOfficer(me?.person, b));
  const kinds = kindsOf(org, list.data, filters.kind);
  return (
    <Layout wide title="The register of instruments">
      <h1>The register of instruments</h1>
      {mayDraft && (
        <p className="actions">
          <Link to={paths.draftInstrument(filters.body ? { body: filters.body } : {})}>
            Draft an instrument
          </Link>
        </p>
      )}
      <RegisterFilters
        what="instruments"
        states={STATES}
        kinds={kinds}
        searches="words, number, addressee"
        value={filters}
        onChange={setFilters}
      />
      <ErrorNote error={list.error} />
      {!list.data ? (
        !list.error && <Loading what="the register" />
      ) : list.data.length === 0 ? (
        <p>
          No instrument {filters.state ? `is ${STATUS_LABEL[filters.state as 'draft']}` : 'yet'}.
        </p>
      ) : (
        <ul className="cards">
          {list.data.map((i) => (
            <InstrumentCard key={i.id} instrument={i} />
          ))}
        </ul>
      )}
    </Layout>
  );
}

function InstrumentCard({ instrument: i }: { instrument: InstrumentSummary }) {
  return (
    <li className="card" data-instrument={i.id}>
      <h2 className="card-title">
        <Link to={paths.instrument(i.id)}>{instrumentTitle(i)}</Link>
      </h2>
      <p className="meta">
        {i.bodyName}
        {i.date ? ` · ${timeInWords(i.date)}` : ''}
        {i.to ? ` · to ${i.to}` : ''} ·{' '}
        <span className={`tag status-${i.status}`}>{STATUS_LABEL[i.status]}</span> ·{' '}
        {countOf(i.signatures.length, 'signature')}
      </p>
      <p className="excerpt">{i.text}</p>
    </li>
  );
}
