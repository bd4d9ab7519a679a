/**
 * The head of the minutes: organization, body, session, its own date (for history, the
 * historical one), place, chair and secretary, where the minutes stand, the notice, and the flags
 * where the record disagrees with the charter.
 */
import { Fragment } from 'react';
import type { MinutesDocument } from '../lib/minutes.js';
import {
  dayInWords,
  sessionHeading,
  statusLine,
  timeInWords,
  timeOnDay,
} from '../../core/minutes/words.js';
import { Link, paths } from '../lib/router.js';

export function MinutesHeader({ doc }: { doc: MinutesDocument }) {
  const s = doc.session;
  const fields: [string, string | undefined][] = [
    ['Organization', doc.organization.name],
    ['Body', doc.body.name],
    ['Session', s.title ? `${s.title} (${s.id})` : s.id],
    ['Date', dayInWords(s.date)],
    ['Place', s.place],
    ['Chair', s.chair?.name],
    ['Secretary', s.secretary?.name],
    ['Opened', s.openedTime && timeOnDay(s.openedTime, s.date)],
    ['Closed', s.closedTime && timeOnDay(s.closedTime, s.date)],
    ['Recorded', s.mode === 'live' ? 'live, as it happened' : 'transcribed from written minutes'],
  ];
  return (
    <header className="minutes-header">
      <p className="eyebrow">Minutes</p>
      <h1 id="minutes-title">
        {doc.body.name}: {sessionHeading(s)}
      </h1>
      <dl className="fields">
        {fields.map(([label, value]) =>
          value === undefined ? null : (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd data-field={label.toLowerCase()}>
                {label === 'Date' ? <time dateTime={s.date}>{value}</time> : value}
              </dd>
            </Fragment>
          ),
        )}
      </dl>
      <p className={`minutes-status status-${doc.status}`} data-status={doc.status}>
        <strong>{statusLine(doc)}</strong>
      </p>
      {doc.notice ? (
        <p>
          Convened by a notice given on {timeInWords(doc.notice.noticed)} for{' '}
          {timeInWords(doc.notice.date)}.{' '}
          <Link to={paths.entry(doc.notice.entry)}>Proof: entry {doc.notice.entry}</Link>
        </p>
      ) : (
        s.mode === 'live' && <p className="meta">No notice of the session is recorded.</p>
      )}
      <Flags flags={doc.flags} />
      <nav aria-label="This session" className="actions no-print">
        <Link to={paths.session(s.id)}>Console</Link>
        <Link to={paths.ballot(s.id)}>Ballot</Link>
        <Link to={paths.projector(s.id)}>Projector</Link>
      </nav>
    </header>
  );
}

/** Where the record disagrees with a rule of the charter. */
export function Flags({ flags }: { flags: readonly string[] }) {
  if (flags.length === 0) return null;
  return (
    <ul className="flags">
      {flags.map((f) => (
        <li key={f}>Flag: {f}</li>
      ))}
    </ul>
  );
}
