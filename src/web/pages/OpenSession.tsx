/** The form an officer opens a live session of a body with: a new one, or one convened, whose
 * notice it takes up (the same id, date, title, place and chair). */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { dayAfter, withinADay } from '../../core/calendar.js';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { freeId, labelsApart, sessionLabel, today, slug } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { navigate, paths } from '../lib/router.js';
import type { BodyInfo, SessionSummary } from '../lib/types.js';
import { ErrorNote } from '../components/Notes.js';
import { dayInWords } from '../../core/minutes/words.js';

export function OpenSession(props: {
  body: BodyInfo;
  taken: readonly string[];
  /** The body's sessions convened and not opened yet. */
  convened?: readonly SessionSummary[];
}) {
  const { body, taken, convened = [] } = props;
  const { me } = useMe();
  const action = useAction();
  const [chosen, setChosen] = useState<string>();
  // The first session convened unless another (or none: '') is chosen.
  const notice = convened.find((s) => s.id === (chosen ?? convened[0]?.id));
  const [title, setTitle] = useState('');
  const [date, setDate] = useState<string>();
  const [place, setPlace] = useState('');
  const id = useId();
  const day = date ?? meetingDay(notice?.date);
  const session = notice?.id ?? freeId(slug(`${body.id}-${day}`, body.id), taken);
  const titleShown = notice?.title ?? `Session of ${body.name}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me) return;
    const payload = openingPayload({
      session,
      body: body.id,
      day,
      title,
      place,
      titleShown,
      notice,
    });
    const receipt = await action.run('Opening', () => sendAct(me, 'session.open', payload));
    if (receipt) navigate(paths.session(session));
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Open a session of {body.name}</h4>
      <NoticeChoice
        convened={convened}
        value={notice?.id ?? ''}
        onChange={(chosen) => {
          setChosen(chosen);
          setDate(undefined);
        }}
      />
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        maxLength={MAX_CHARS.title}
        value={title}
        placeholder={titleShown}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label htmlFor={`${id}-date`}>Date</label>
      <input
        id={`${id}-date`}
        type="date"
        required
        max={dayAfter(today())}
        value={day}
        onChange={(e) => setDate(e.target.value)}
      />
      <label htmlFor={`${id}-place`}>Place (optional)</label>
      <input
        id={`${id}-place`}
        maxLength={MAX_CHARS.title}
        value={place}
        placeholder={notice?.notice?.place ?? undefined}
        onChange={(e) => setPlace(e.target.value)}
      />
      <p className="hint">
        It will be recorded as session {session}
        {notice ? ', taking up its notice and agenda' : ''}.
      </p>
      <button type="submit" disabled={!!action.busy}>
        {action.busy ? 'Opening…' : 'Open the session'}
      </button>
      <ErrorNote error={action.error} fields={OPENING_FIELDS} />
    </form>
  );
}

/** The fields of session.open, as the form labels them. */
const OPENING_FIELDS = {
  'payload.title': 'Title',
  'payload.place': 'Place',
  'payload.date': 'Date',
};

/** The session.open payload: a notice's title, place and chair stand unless others are typed. */
/**
 * The day a convened session meets when it opens now: its notice's, or today where the notice
 * named another day (it meets earlier, or was put off): the record dates it the day it opens.
 */
function meetingDay(noticed: string | undefined): string {
  const day = noticed?.slice(0, 10);
  return day !== undefined && withinADay(day, today()) ? day : today();
}

function openingPayload(o: {
  session: string;
  body: string;
  day: string;
  title: string;
  place: string;
  titleShown: string;
  notice: SessionSummary | undefined;
}) {
  const title = o.title.trim();
  const place = o.place.trim();
  return {
    session: o.session,
    body: o.body,
    mode: 'live',
    ...(title || !o.notice ? { title: title || o.titleShown } : {}),
    date: o.day,
    ...(place ? { place } : {}),
    ...(o.notice?.notice?.chair ? { chair: o.notice.notice.chair } : {}),
  };
}

/** Which convened session opens, or a session without notice (''). */
function NoticeChoice(props: {
  convened: readonly SessionSummary[];
  value: string;
  onChange: (session: string) => void;
}) {
  const id = useId();
  if (props.convened.length === 0) return null;
  const labels = labelsApart(props.convened, noticeLabel, (s) => `session ${s.id}`);
  return (
    <>
      <label htmlFor={id}>Convened</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.convened.map((s, i) => (
          <option key={s.id} value={s.id}>
            {labels[i]}
          </option>
        ))}
        <option value="">a session without notice</option>
      </select>
    </>
  );
}

/** A convened session as the choice names it: its title and day, or its day. */
function noticeLabel(s: SessionSummary): string {
  return `${sessionLabel(s)}${s.title && s.date ? ` (${dayInWords(s.date)})` : ''}`;
}
