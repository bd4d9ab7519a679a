/** Where an instrument stands and what became of it: drafted, issued, revoked, settled, annulled
 * or superseded, each with who did it, when and its entry; and what minutes recorded against the
 * rule. */
import type { ReactNode } from 'react';
import { refInWords, refPath } from '../lib/circulations.js';
import { STATUS_LABEL } from '../lib/instruments.js';
import type { InstrumentView } from '../lib/instruments.js';
import { Link, paths } from '../lib/router.js';
import { timeOf } from '../lib/format.js';
import { timeInWords } from '../../core/minutes/words.js';

type Life = NonNullable<InstrumentView['issued']>;

function standing(view: InstrumentView): string {
  if (view.status === 'issued')
    return view.inForce
      ? 'Issued, and in force.'
      : 'Issued, and no longer in force: its term ended.';
  if (view.status === 'draft') return 'Drafted, not signed yet.';
  if (view.status === 'signing') return 'Being signed: not issued yet.';
  return `${STATUS_LABEL[view.status].charAt(0).toUpperCase()}${STATUS_LABEL[view.status].slice(1)}.`;
}

function Event({ what, life, children }: { what: string; life: Life; children?: ReactNode }) {
  return (
    <li>
      {what} by {life.byName ?? 'the organization'}
      {life.date ? ` on ${timeInWords(life.date)}` : ''}
      {children}
      {life.reason ? `: ${life.reason}` : ''} ·{' '}
      <Link to={paths.entry(life.index)}>entry {life.index}</Link>
    </li>
  );
}

export function InstrumentLife({ view }: { view: InstrumentView }) {
  const { issued, revoked, settled, annulled } = view;
  return (
    <>
      <p className="standing" data-status={view.status}>
        {standing(view)}
      </p>
      <ol className="life">
        <li>
          Drafted by {view.draftedByName ?? 'the organization'}
          {/* A transcription was drafted on the day it bears; recorded, it was transcribed. */}
          {view.mode === 'minutes'
            ? `${view.date ? ` on ${timeInWords(view.date)}` : ''}, transcribed ${timeOf(view.draftedTime)}`
            : `, ${timeOf(view.draftedTime)}`}{' '}
          · <Link to={paths.entry(view.draftedAt)}>entry {view.draftedAt}</Link>
        </li>
        {issued && <Event what="Issued" life={issued} />}
        {revoked && (
          <Event what="Revoked" life={revoked}>
            {revoked.decision && (
              <>
                {' '}
                under{' '}
                <Link to={refPath(revoked.decision)}>
                  {revoked.decisionNamed ?? refInWords(revoked.decision)}
                </Link>
              </>
            )}
          </Event>
        )}
        {settled && <Event what="Settled" life={settled} />}
        {annulled && (
          <Event what={annulled.supersededBy ? 'Superseded' : 'Annulled'} life={annulled}>
            {' '}
            under{' '}
            <Link to={refPath(annulled.decision)}>
              {annulled.decisionNamed ?? refInWords(annulled.decision)}
            </Link>
            {annulled.supersededBy && (
              <>
                , replaced by{' '}
                <Link to={paths.instrument(annulled.supersededBy)}>{annulled.supersededBy}</Link>
              </>
            )}
          </Event>
        )}
      </ol>
      {view.flags.length > 0 && (
        <ul className="flags" aria-label="Recorded against the rule">
          {view.flags.map((flag) => (
            <li key={flag}>{flag}</li>
          ))}
        </ul>
      )}
    </>
  );
}
