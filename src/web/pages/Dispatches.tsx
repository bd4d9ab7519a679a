/**
 * The register of dispatches, the officers' book of incoming requests: open (registered or
 * referred) or closed, by body, searched by words, number or sender; registering a new one.
 */
import { useState } from 'react';
import { getJson } from '../lib/api.js';
import { channelInWords } from '../lib/answers.js';
import { useReloadOn } from '../lib/events.js';
import { useMe } from '../lib/me.js';
import { isRegistrar, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { DispatchView } from '../lib/types.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { filterQuery, RegisterFilters } from '../components/RegisterFilters.js';
import type { Filters } from '../components/RegisterFilters.js';

const STATES = [
  ['open', 'open (registered or referred)'],
  ['registered', 'registered, not yet referred'],
  ['referred', 'referred'],
  ['closed', 'closed'],
  ['', 'all'],
] as const;

export function Dispatches() {
  const { me } = useMe();
  const { org } = useOrg();
  const [filters, setFilters] = useState<Filters>({ state: 'open', body: '', q: '' });
  const query = filterQuery(filters);
  const list = useResource(
    () => getJson<DispatchView[]>(`/api/dispatches${query}`),
    `dispatches${query}`,
  );
  useReloadOn('dispatch', list.reload);
  return (
    <Layout wide title="The register of dispatches">
      <h1>The register of dispatches</h1>
      {org && isRegistrar(me?.person, org) && (
        <p className="actions">
          <Link to={paths.registerDispatch}>Register a dispatch</Link>
        </p>
      )}
      <RegisterFilters what="dispatches" states={STATES} value={filters} onChange={setFilters} />
      <ErrorNote error={list.error} />
      {!list.data ? (
        !list.error && <Loading what="the register" />
      ) : list.data.length === 0 ? (
        <p>No dispatch {filters.state ? `is ${filters.state}` : 'yet'}.</p>
      ) : (
        <ul className="cards">
          {list.data.map((d) => (
            <DispatchCard key={d.id} dispatch={d} />
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function DispatchCard({ dispatch: d }: { dispatch: DispatchView }) {
  return (
    <li className="card" data-dispatch={d.id}>
      <h2 className="card-title">
        <Link to={paths.dispatch(d.id)}>
          No. {d.number}: {d.from}
        </Link>
      </h2>
      <p className="meta">
        {d.bodyName} · received {d.received} {channelInWords(d.channel)} ·{' '}
        <span className={d.status === 'closed' ? 'tag' : 'tag open'}>{d.status}</span>
        {d.attachments.length > 0 &&
          ` · ${d.attachments.length} ${d.attachments.length === 1 ? 'attachment' : 'attachments'}`}
      </p>
      <p className="excerpt">{d.text}</p>
    </li>
  );
}
