/**
 * The session's agenda, as its notice gives it, in order: each item with where it stands (no
 * motion yet, a motion proposed, decided), the motion it drafts and its files; an officer puts
 * an item's motion from here (the propose form is prefilled from the item).
 */
import { agendaItemStanding } from '../../core/minutes/agenda.js';
import type { AgendaItemStanding } from '../../core/minutes/agenda.js';
import type { AgendaItemInfo, Session } from '../lib/types.js';
import { Attachments } from './Attachments.js';

const STANDING: Readonly<Record<AgendaItemStanding, string>> = {
  waiting: 'no motion yet',
  proposed: 'motion proposed',
  voting: 'vote open',
  decided: 'decided',
};

export function AgendaPanel(props: {
  session: Session;
  /** Whether the viewer puts motions now (an officer, the session open). */
  puts: boolean;
  /** Puts an item's motion: the item, and its place on the agenda (as the minutes number it). */
  onPut: (item: AgendaItemInfo, place: number) => void;
}) {
  const { session, puts, onPut } = props;
  const agenda = session.notice?.agenda ?? [];
  if (agenda.length === 0) return null;
  return (
    <section aria-labelledby="agenda-heading" className="panel">
      <h2 id="agenda-heading">Agenda</h2>
      <ol className="agenda">
        {agenda.map((item, i) => {
          const standing = agendaItemStanding(item.item, session.motions);
          return (
            <li key={item.item} className={`agenda-${standing}`}>
              <span className="agenda-title">{item.title}</span>{' '}
              <span className={standing === 'decided' ? 'tag open' : 'tag'}>
                {STANDING[standing]}
              </span>
              {item.motion && <p className="hint">Motion: {item.motion}</p>}
              {!!item.attachments?.length && <Attachments attachments={item.attachments} />}
              {/* Not while its vote is open, nor once decided: a second motion would be put. */}
              {puts && (standing === 'waiting' || standing === 'proposed') && (
                <button
                  type="button"
                  className="small"
                  aria-label={`Put the motion of item ${i + 1}: ${item.title}`}
                  onClick={() => onPut(item, i + 1)}
                >
                  Put the motion
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
