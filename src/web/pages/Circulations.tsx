/**
 * The register of questions put between meetings (open, overdue, closed, withdrawn), filtered by
 * body and searched; and the register of provisional decisions awaiting ratification.
 */
import { useState } from 'react';
import { getJson } from '../lib/api.js';
import { useReloadOn } from '../lib/events.js';
import { outcomeLabel } from '../lib/format.js';
import { putBy } from '../lib/answers.js';
import { useMe } from '../lib/me.js';
import { useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { CirculationSummary, ProvisionalDecision } from '../lib/types.js';
import { Deadline } from '../components/Countdown.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { ProvisionalList } from '../components/ProvisionalList.js';
import { RatificationNote } from '../components/Ratification.js';
import { filterQuery, RegisterFilters } from '../components/RegisterFilters.js';
import type { Filters } from '../components/RegisterFilters.js';
import { StatusTag } from './Circulation.js';
import { bodiesToPut } from './PutQuestion.js';

const STATES = [
  ['open', 'open'],
  ['overdue', 'overdue (deadline passed, not yet closed)'],
  ['closed', 'closed'],
  ['withdrawn', 'withdrawn'],
  ['', 'all'],
] as const;

export function Circulations() {
  const { me } = useMe();
  const { org } = useOrg();
  const [filters, setFilters] = useState<Filters>({ state: 'open', body: '', q: '' });
  const query = filterQuery(filters);
  const list = useResource(
    () => getJson<CirculationSummary[]>(`/api/circulations${query}`),
    `circulations${query}`,
  );
  useReloadOn('circulation', list.reload);
  const mayPut = !!org && bodiesToPut(org, me?.person).length > 0;
  return (
    <Layout wide title="Questions between meetings">
      <h1>Questions between meetings</h1>
      {mayPut && (
        <p className="actions">
          <Link to={paths.putQuestion(filters.body ? { body: filters.body } : {})}>
            Put a question
          </Link>
        </p>
      )}
      <RegisterFilters what="questions" states={STATES} value={filters} onChange={setFilters} />
      <ErrorNote error={list.error} />
      {!list.data ? (
        !list.error && <Loading what="the questions" />
      ) : list.data.length === 0 ? (
        <p>No question {filters.state ? `is ${filters.state}` : 'yet'}.</p>
      ) : (
        <ul className="cards">
          {list.data.map((c) => (
            <CirculationCard key={c.id} circulation={c} />
          ))}
        </ul>
      )}
      <Provisional body={filters.body} />
    </Layout>
  );
}

function CirculationCard({ circulation: c }: { circulation: CirculationSummary }) {
  const decision = c.decision ?? c.forming;
  return (
    <li className="card" data-circulation={c.id}>
      <h2 className="card-title">
        <Link to={paths.circulation(c.id)}>{c.text}</Link>
      </h2>
      <p className="meta">
        {c.bodyName} · put by {putBy(c)} · <StatusTag circulation={c} /> · {c.answered} of {c.asked}{' '}
        answered
      </p>
      <Deadline deadline={c.deadline} open={c.status === 'open'} />
      {c.status !== 'withdrawn' && (
        <p>
          <strong>
            {c.status === 'open' ? 'So far: ' : ''}
            {outcomeLabel(decision.outcome)}
          </strong>
          {c.status === 'open' && c.forming.settled ? ' (settled)' : ''}
        </p>
      )}
      <RatificationNote ratification={c.ratification} />
    </li>
  );
}

/** The decisions awaiting ratification, by the chosen body when one is. */
function Provisional({ body }: { body: string }) {
  const query = body ? `?body=${encodeURIComponent(body)}` : '';
  const list = useResource(
    () => getJson<ProvisionalDecision[]>(`/api/decisions/provisional${query}`),
    `provisional${query}`,
  );
  useReloadOn(['circulation', 'decision'], list.reload);
  return (
    <section aria-labelledby="provisional-heading">
      <h2 id="provisional-heading">Provisional decisions awaiting ratification</h2>
      <ErrorNote error={list.error} />
      {list.data && <ProvisionalList decisions={list.data} />}
    </section>
  );
}
