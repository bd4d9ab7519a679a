/**
 * The body of the minutes: attendance with arrivals and departures, the agenda, each motion with
 * its wording, proposer, quorum, vote (by name or counts) and decision in words, and the
 * instruments issued; each part linked to the entry that proves it.
 */
import { Fragment } from 'react';
import { choiceLabel, plural } from '../../core/words.js';
import {
  attendanceRows,
  endsSentence,
  instrumentHeading,
  movementInWords,
  namesInRow,
  outcomeInWords,
  restsOnInWords,
  statedInWords,
} from '../../core/minutes/words.js';
import type { MinutesDocument } from '../lib/minutes.js';
import type { Session } from '../lib/types.js';
import { MotionCharterNotes } from './MotionCharterNotes.js';
import { Link, paths } from '../lib/router.js';
import { Flags } from './MinutesHeader.js';

type Item = MinutesDocument['items'][number];

/** A link to the entry that proves a part of the minutes. */
export function Proof({ entry, what = 'Proof' }: { entry: number; what?: string }) {
  return (
    <Link to={paths.entry(entry)} className="proof" data-entry={entry}>
      {what}: entry {entry}
    </Link>
  );
}

export function AttendanceSection({ doc }: { doc: MinutesDocument }) {
  const a = doc.attendance;
  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">Attendance</h2>
      <dl className="fields">
        {attendanceRows(a).map((row) => (
          <Fragment key={row.field}>
            <dt>{row.label}</dt>
            <dd data-field={row.field}>{row.value}</dd>
          </Fragment>
        ))}
      </dl>
      {a.movements.length > 0 && (
        <ul className="movements">
          {a.movements.map((m) => (
            <li key={m.entry}>
              {movementInWords(m, doc.session.date)} <Proof entry={m.entry} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AgendaSection({ doc }: { doc: MinutesDocument }) {
  if (doc.agenda.length === 0) return null;
  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">Agenda</h2>
      <ol className="agenda">
        {doc.agenda.map((a) => (
          <li key={a.item}>
            <strong>{a.title}</strong>
            {endsSentence(a.title) ? '' : '.'}
            {a.motion !== undefined && (
              <>
                {' '}
                Motion drafted: “{a.motion}”{endsSentence(a.motion) ? '' : '.'}
              </>
            )}
            {a.attachments.map((f) => (
              <span key={f.hash} className="hash">
                {' '}
                Attached: {f.name} ({plural(f.size, 'byte')}, SHA-256 {f.hash}).
              </span>
            ))}{' '}
            {a.motions.length > 0
              ? `Put as ${a.motions.length === 1 ? 'motion' : 'motions'} ${a.motions.join(', ')}.`
              : 'No motion put under it.'}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The motions; with the session as the API reads it, what each means for the charter and the
 * membership (and the invitation an adopted re-invitation issues). */
export function ProceedingsSection({ doc, session }: { doc: MinutesDocument; session?: Session }) {
  return (
    <section aria-labelledby="proceedings-heading">
      <h2 id="proceedings-heading">Proceedings</h2>
      {doc.items.length === 0 && <p>No motion was put.</p>}
      {doc.items.map((item) => (
        <MinutesItem key={item.motion} doc={doc} item={item} session={session} />
      ))}
    </section>
  );
}

const STATUS_WORDS: Readonly<Record<Item['status'], string>> = {
  proposed: 'put, not yet voted on',
  open: 'the vote is open',
  closed: 'voted on',
};

function MinutesItem(props: { doc: MinutesDocument; item: Item; session?: Session }) {
  const { doc, item, session } = props;
  const agenda = doc.agenda.find((a) => a.item === item.item);
  const motion = session?.motions.find((m) => m.id === item.motion);
  const heading = `motion-${item.n}-heading`;
  return (
    <article className="minutes-item" aria-labelledby={heading} data-motion={item.motion}>
      <h3 id={heading}>
        Motion {item.n} ({item.motion})
      </h3>
      <blockquote>{item.text}</blockquote>
      <dl className="fields">
        {item.item !== undefined && (
          <>
            <dt>Agenda item</dt>
            <dd>{agenda ? `${agenda.n}. ${agenda.title}` : item.item}</dd>
          </>
        )}
        <dt>Proposed by</dt>
        <dd data-field="proposer">{item.proposer?.name ?? 'not recorded'}</dd>
        {item.kind !== undefined && (
          <>
            <dt>Kind</dt>
            <dd>{item.kind}</dd>
          </>
        )}
        {item.alternatives !== undefined && (
          <>
            <dt>Alternatives</dt>
            <dd>{item.alternatives.join(', ')}</dd>
          </>
        )}
        {item.status !== 'closed' && (
          <>
            <dt>Status</dt>
            <dd>{STATUS_WORDS[item.status]}</dd>
          </>
        )}
        {item.quorum !== undefined && (
          <>
            <dt>Quorum</dt>
            <dd>{item.quorum}</dd>
          </>
        )}
      </dl>
      {item.notes.map((note) => (
        <p key={note} className="meta">
          {note}
        </p>
      ))}
      <Vote item={item} />
      <ItemDecision item={item} />
      {session && motion && <MotionCharterNotes session={session} motion={motion} />}
      <p className="proofs-line">
        <Proof entry={item.entries.proposed} what="Put" />
        {item.entries.opened !== undefined && <Proof entry={item.entries.opened} what="Opened" />}
        {item.entries.closed !== undefined && <Proof entry={item.entries.closed} what="Decided" />}
      </p>
    </article>
  );
}

function Vote({ item }: { item: Item }) {
  const vote = item.vote;
  if (!vote) return null;
  const cast = vote.choices.reduce((n, c) => n + c.count, 0);
  return (
    <>
      <p>
        The vote ({vote.byName ? 'by name' : 'counts only, as the minutes give them'}):{' '}
        {plural(cast, 'ballot')}.
      </p>
      <dl className="fields vote">
        {vote.choices.map((c) => (
          <div key={c.choice} className="choice" data-choice={c.choice}>
            <dt>{c.label}</dt>
            <dd>
              {c.count}
              {vote.byName &&
                c.voters.length > 0 &&
                `: ${c.voters
                  .map((v) => (v.byProxy ? `${v.name} (by proxy: ${v.byProxy.name})` : v.name))
                  .join(', ')}`}
            </dd>
          </div>
        ))}
      </dl>
      {item.casting !== undefined && (
        <p>The chair gave a casting vote: {choiceLabel(item.casting)}.</p>
      )}
    </>
  );
}

function ItemDecision({ item }: { item: Item }) {
  const d = item.decision;
  if (!d) return null;
  return (
    <div className="minutes-decision" data-outcome={d.outcome}>
      <p>
        <strong className={`outcome-word outcome-${d.outcome}`}>
          Decision: {outcomeInWords(item.alternatives, d.outcome)}.
        </strong>{' '}
        {d.explanation}.
      </p>
      {d.stated !== undefined && <p>{statedInWords(d.stated, d.outcome)}</p>}
      {d.ratification !== undefined && <p>Ratification: {d.ratification}.</p>}
      <Flags flags={d.flags} />
    </div>
  );
}

export function InstrumentsSection({ doc }: { doc: MinutesDocument }) {
  if (doc.instruments.length === 0) return null;
  return (
    <section aria-labelledby="instruments-heading">
      <h2 id="instruments-heading">Instruments</h2>
      {doc.instruments.map((i) => (
        <article key={i.id} className="minutes-item" data-instrument={i.id}>
          <h3>{instrumentHeading(i)}</h3>
          {i.formula !== undefined && <p>{i.formula}</p>}
          <blockquote>{i.text}</blockquote>
          <dl className="fields">
            {i.to !== undefined && (
              <>
                <dt>To</dt>
                <dd>{i.to}</dd>
              </>
            )}
            <dt>Status</dt>
            <dd>{i.status}</dd>
            <dt>Signed by</dt>
            <dd>{namesInRow(i.signatures)}</dd>
            {i.restsOn !== undefined && (
              <>
                <dt>Rests on</dt>
                <dd>{restsOnInWords(doc, i)}</dd>
              </>
            )}
            <dt>Recorded</dt>
            <dd>{i.duringSession ? 'issued while the session sat' : 'after the session'}</dd>
          </dl>
          <p className="proofs-line">
            <Link to={paths.instrument(i.id)}>The instrument</Link>
            <Proof entry={i.entry} />
          </p>
        </article>
      ))}
    </section>
  );
}
