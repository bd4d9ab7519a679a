/**
 * Convening a session: the notice an officer sends before the body meets, with its date, place,
 * chair and agenda (items in order, each with the motion it drafts, what it takes up and its
 * files). The charter's notice period is shown, with a warning when the date is sooner than it
 * allows. The session opened later with the same id takes the notice up.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ID_FORM_WORDS, ID_MAX_LENGTH } from '../../core/id-rule.js';
import { dayInWords } from '../../core/minutes/words.js';
import { latestMeetingDay } from '../../core/state/bounds.js';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { getJson } from '../lib/api.js';
import { countOf, freeId, isId, slug, today } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { agendaOf, agendaProblems, earliestDay, newItem } from '../lib/notice.js';
import type { ItemDraft } from '../lib/notice.js';
import { isOfficer, nameOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { navigate, paths } from '../lib/router.js';
import type { BodyInfo, ProvisionalDecision, SessionSummary } from '../lib/types.js';
import { AgendaEditor } from '../components/AgendaEditor.js';
import { BodySelect } from '../components/BodySelect.js';
import { FILE_FIELDS } from '../components/FilesField.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';

export function ConveneSession({ body }: { body?: string | undefined }) {
  const { me } = useMe();
  const { org, error } = useOrg();
  const sessions = useResource(() => getJson<SessionSummary[]>('/api/sessions'), 'sessions');
  const bodies = org?.bodies.filter((b) => isOfficer(me?.person, b)) ?? [];
  return (
    <Layout title="Convene a session">
      <h1>Convene a session</h1>
      <ErrorNote error={error ?? sessions.error} />
      {!org || !sessions.data ? (
        !error && !sessions.error && <Loading what="the organization" />
      ) : bodies.length === 0 ? (
        <p className="note">Only a body's officers convene its sessions.</p>
      ) : (
        <ConveneForm bodies={bodies} initial={body} sessions={sessions.data} />
      )}
    </Layout>
  );
}

/** The notice's own fields as typed; `session` is '' while the default id is kept. */
interface Draft {
  readonly session: string;
  readonly date: string;
  readonly title: string;
  readonly place: string;
  readonly chair: string;
}

function ConveneForm(props: {
  bodies: readonly BodyInfo[];
  initial: string | undefined;
  sessions: readonly SessionSummary[];
}) {
  const { me } = useMe();
  const action = useAction();
  const id = useId();
  const [bodyId, setBodyId] = useState(props.initial ?? '');
  const body = props.bodies.find((b) => b.id === bodyId) ?? props.bodies[0]!;
  const [draft, setDraft] = useState<Draft>(() => ({
    session: '',
    date: today(),
    title: '',
    place: '',
    chair: '',
  }));
  const [items, setItems] = useState<ItemDraft[]>(() => [newItem([])]);
  const awaiting = useResource(
    () =>
      getJson<ProvisionalDecision[]>(
        `/api/decisions/provisional?body=${encodeURIComponent(body.id)}`,
      ),
    `provisional:${body.id}`,
  );
  const taken = props.sessions.map((s) => s.id);
  const session = draft.session.trim() || freeId(slug(`${body.id}-${draft.date}`, body.id), taken);
  const problems = [...noticeProblems(session, draft.date, taken), ...agendaProblems(items)];
  const closed = props.sessions.filter((s) => s.body === body.id && !s.open && !s.convened);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || problems.length > 0 || !draft.date) return;
    const { agenda, files } = agendaOf(items);
    const payload = {
      session,
      body: body.id,
      date: draft.date,
      title: draft.title.trim() || `Session of ${body.name}`,
      ...(draft.place.trim() ? { place: draft.place.trim() } : {}),
      ...(draft.chair ? { chair: draft.chair } : {}),
      agenda,
    };
    const beside = files.length > 0 ? { files } : {};
    const send = () => sendAct(me, 'session.convene', payload, beside);
    if (await action.run('Convening', send)) navigate(paths.home);
  };

  return (
    <form className="stack convene" onSubmit={(e) => void submit(e)} aria-label="Convene a session">
      <label htmlFor={`${id}-body`}>Body</label>
      <BodySelect id={`${id}-body`} bodies={props.bodies} value={body.id} onChange={setBodyId} />
      <NoticeFields body={body} draft={draft} onChange={setDraft} session={session} />
      <h2>Agenda</h2>
      <AgendaEditor
        items={items}
        onChange={setItems}
        context={{ body: body.id, awaiting: awaiting.data ?? [], closed }}
      />
      {problems.length > 0 && (
        <ul className="problems" aria-live="polite">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p className="hint">
        The notice goes out now, with {countOf(items.length, 'item')} on the agenda.
      </p>
      <button type="submit" disabled={!!action.busy || problems.length > 0}>
        {action.busy ? `${action.busy}…` : 'Convene the session'}
      </button>
      <ErrorNote error={action.error ?? awaiting.error} fields={NOTICE_FIELDS} />
    </form>
  );
}

/** What the record would refuse in the notice's id and date, said before anything is sent. */
function noticeProblems(session: string, date: string, taken: readonly string[]): string[] {
  return [
    ...(isId(session) ? [] : [`The session id: ${ID_FORM_WORDS}.`]),
    // An id typed over the one offered: the record refuses a second session under it.
    ...(taken.includes(session)
      ? [`The session id ${session} is taken: the record holds a session under it already.`]
      : []),
    ...(date && date < today()
      ? [`The date, ${dayInWords(date)}, is past: a notice convenes a meeting to come.`]
      : []),
    ...(date > latestMeetingDay(new Date().toISOString())
      ? [
          `The date, ${dayInWords(date)}, is more than a year ahead: a notice convenes a meeting within a year.`,
        ]
      : []),
  ];
}

/** The fields of session.convene and its files, as the form labels them. */
const NOTICE_FIELDS = {
  'payload.session': 'Session id',
  'payload.date': 'Date',
  'payload.title': 'Title',
  'payload.place': 'Place',
  'payload.agenda.*.title': 'The title of an agenda item',
  'payload.agenda.*.motion': 'The motion of an agenda item',
  ...FILE_FIELDS,
};

/** The session's id, date (with the charter's notice period), title, place and chair. */
function NoticeFields(props: {
  body: BodyInfo;
  draft: Draft;
  onChange: (draft: Draft) => void;
  session: string;
}) {
  const { body, draft, onChange, session } = props;
  const { org } = useOrg();
  const id = useId();
  const set = (change: Partial<Draft>) => onChange({ ...draft, ...change });
  const voting = body.members.filter((p) => !body.candidates.includes(p));
  return (
    <>
      <label htmlFor={`${id}-date`}>Date</label>
      <input
        id={`${id}-date`}
        type="date"
        required
        min={today()}
        max={latestMeetingDay(new Date().toISOString())}
        value={draft.date}
        aria-describedby={`${id}-period`}
        onChange={(e) => set({ date: e.target.value })}
      />
      <NoticePeriod id={`${id}-period`} days={body.noticeDays ?? null} date={draft.date} />
      <label htmlFor={`${id}-session`}>Session id</label>
      <input
        id={`${id}-session`}
        value={draft.session || session}
        maxLength={ID_MAX_LENGTH}
        autoCapitalize="none"
        spellCheck={false}
        onChange={(e) => set({ session: e.target.value })}
      />
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        maxLength={MAX_CHARS.title}
        value={draft.title}
        placeholder={`Session of ${body.name}`}
        onChange={(e) => set({ title: e.target.value })}
      />
      <label htmlFor={`${id}-place`}>Place (optional)</label>
      <input
        id={`${id}-place`}
        maxLength={MAX_CHARS.title}
        value={draft.place}
        onChange={(e) => set({ place: e.target.value })}
      />
      <label htmlFor={`${id}-chair`}>Chair</label>
      <select
        id={`${id}-chair`}
        value={draft.chair}
        onChange={(e) => set({ chair: e.target.value })}
      >
        <option value="">
          {body.chair ? `${nameOf(org, body.chair)} (the body's chair)` : 'not named'}
        </option>
        {voting
          .filter((p) => p !== body.chair)
          .map((p) => (
            <option key={p} value={p}>
              {nameOf(org, p)}
            </option>
          ))}
      </select>
    </>
  );
}

/** The charter's notice period, and a warning when the date is sooner than it allows. */
function NoticePeriod({ id, days, date }: { id: string; days: number | null; date: string }) {
  if (!days)
    return (
      <p id={id} className="hint">
        The charter sets no notice period.
      </p>
    );
  const earliest = earliestDay(Date.now(), days);
  const needed = countOf(days, 'day');
  if (date && date < earliest)
    return (
      <p id={id} className="note warning" role="status">
        The charter requires {needed}' notice: a session on {dayInWords(date)} would be flagged as
        opened without it. The earliest date for a notice sent now is {dayInWords(earliest)}.
      </p>
    );
  return (
    <p id={id} className="hint">
      The charter requires {needed}' notice: the earliest date for a notice sent now is{' '}
      {dayInWords(earliest)}.
    </p>
  );
}
