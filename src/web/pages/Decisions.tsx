/**
 * The register of decisions across every session and circulation: filtered by body, outcome and
 * the days they were taken, searched by words; each linked to where it was taken and to the entry
 * that proves it; and the votes, decisions and attendance as CSV files, with the same filters.
 */
import { useState } from 'react';
import type { DecisionRegister, RegisteredDecision } from '../../api/decisions.js';
import { getJson } from '../lib/api.js';
import { useReloadOn } from '../lib/events.js';
import { explanationNamedIn, outcomeLabel, sessionLabel } from '../lib/format.js';
import { useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { filterQuery, RegisterFilters } from '../components/RegisterFilters.js';
import type { Filters } from '../components/RegisterFilters.js';
import { dayInWords } from '../../core/minutes/words.js';

const OUTCOMES = [
  ['', 'every outcome'],
  ['adopted', 'adopted'],
  ['rejected', 'rejected'],
  ['not-decided', 'not decided'],
  ['advisory', 'advisory'],
] as const;

const TABLES = [
  ['votes', 'Votes'],
  ['decisions', 'Decisions'],
  ['attendance', 'Attendance'],
] as const;

export function Decisions() {
  const [filters, setFilters] = useState<Filters>({ state: '', body: '', q: '', from: '', to: '' });
  const { state: outcome, q, ...dated } = filters;
  // A range typed backwards asks for nothing yet: the server would refuse it.
  const range = dated.from && dated.to && dated.to < dated.from ? { ...dated, to: '' } : dated;
  const query = filterQuery({ ...range, outcome, text: q.trim() });
  const list = useResource(
    async () => (await getJson<DecisionRegister>(`/api/decisions${query}`)).decisions,
    `decisions${query}`,
  );
  useReloadOn(['decision', 'circulation'], list.reload);
  return (
    <Layout wide title="The register of decisions">
      <h1>The register of decisions</h1>
      <RegisterFilters
        what="decisions"
        states={OUTCOMES}
        statesLabel="Outcome"
        dates
        searches="words of the decision"
        value={filters}
        onChange={setFilters}
      />
      <Downloads query={filterQuery(range)} />
      <ErrorNote error={list.error} />
      {!list.data ? (
        !list.error && <Loading what="the register" />
      ) : list.data.length === 0 ? (
        <p>No decision matches.</p>
      ) : (
        <>
          <p className="meta" aria-live="polite">
            {list.data.length === 1 ? '1 decision' : `${list.data.length} decisions`}
          </p>
          <ul className="cards">
            {list.data.map((d) => (
              <DecisionCard key={d.index} decision={d} />
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** The three CSV files, of the body and days chosen. */
function Downloads({ query }: { query: string }) {
  return (
    <nav aria-label="Download as CSV" className="downloads">
      <span>Download as CSV (for spreadsheets):</span>{' '}
      {TABLES.map(([table, label], i) => (
        <span key={table}>
          {i > 0 && ' · '}
          <a href={`/api/exports/${table}.csv${query}`} download data-export={table}>
            {label}
          </a>
        </span>
      ))}
    </nav>
  );
}

function DecisionCard({ decision: d }: { decision: RegisteredDecision }) {
  const { org } = useOrg();
  const where =
    'circulation' in d.ref ? (
      <Link to={paths.circulation(d.ref.circulation)}>a question between meetings</Link>
    ) : (
      <Link to={paths.session(d.ref.session)}>
        {sessionLabel({ title: d.sessionTitle, date: d.date })}
      </Link>
    );
  return (
    <li className="card" data-decision={'motion' in d.ref ? d.ref.motion : d.ref.circulation}>
      <h2 className="card-title">{d.text}</h2>
      <p className="meta">
        {d.bodyName} · {dayInWords(d.date)} · {where}
      </p>
      <p>
        <strong className={`outcome-word outcome-${d.outcome}`}>{outcomeLabel(d.outcome)}</strong>{' '}
        {d.ratification && (
          <>
            <span className="tag">{d.ratification}</span>{' '}
          </>
        )}
        {withoutOutcome(explanationNamedIn(org, d.explanation), d.outcome)}
      </p>
      <p className="meta actions">
        <Link to={paths.entry(d.entry)}>Proof: entry {d.entry}</Link>
      </p>
    </li>
  );
}

/** The explanation after the outcome word the card shows already ("adopted: 3 ayes…"). */
function withoutOutcome(explanation: string, outcome: string): string {
  return explanation.startsWith(`${outcome}: `)
    ? explanation.slice(outcome.length + 2)
    : explanation;
}
