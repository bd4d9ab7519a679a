/**
 * Putting a question between meetings: to the whole body (written consent) or to chosen members
 * (a consultation), with a deadline, under the body's circulation rule or one of its own, and on
 * a dispatch it answers. Officers put questions; members too where the body's charter says
 * `put-by: members`.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { latestDeadline } from '../../core/state/bounds.js';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct } from '../lib/acts.js';
import { rulePayload } from '../lib/answers.js';
import type { RuleChoice } from '../lib/answers.js';
import { useAction } from '../lib/action.js';
import { getJson } from '../lib/api.js';
import { fromLocalInput, toLocalInput } from '../lib/deadline.js';
import { freeId, slug } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { fetchMinutes, sessionWords, useSessionSummary } from '../lib/minutes.js';
import { isOfficer, isVotingMember, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { navigate, paths } from '../lib/router.js';
import type { BodyInfo, CirculationSummary, Me, Organization } from '../lib/types.js';
import { Layout } from '../components/Layout.js';
import { DispatchField } from '../components/DispatchField.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { PowerField } from './ProposeMotion.js';
import { AskedField, AtHandField, RuleField } from './QuestionFields.js';
import { BodySelect } from '../components/BodySelect.js';

const DEFAULT_DAYS = 3;

/** The bodies `person` may put a question to. */
export function bodiesToPut(org: Organization, person: string | null | undefined): BodyInfo[] {
  return org.bodies.filter(
    (b) =>
      isOfficer(person, b) || (b.circulation?.putBy === 'members' && isVotingMember(person, b)),
  );
}

export function PutQuestion(props: { body?: string; dispatch?: string; approves?: string }) {
  const { body, dispatch, approves } = props;
  const { me } = useMe();
  const { org, error } = useOrg();
  const bodies = org ? bodiesToPut(org, me?.person) : [];
  const approved = useSessionSummary(approves);
  return (
    <Layout title="Put a question">
      <h1>Put a question</h1>
      <p>
        A question decided outside a session, by written answers: to the whole body (written
        consent) or to chosen members (a consultation), until a deadline.
      </p>
      <ErrorNote error={error} />
      {!org ? (
        !error && <Loading what="the organization" />
      ) : bodies.length === 0 ? (
        <p className="note">
          You hold no office in a body, and no body's charter lets its members put questions.
        </p>
      ) : approves && !approved.data && !approved.error ? (
        <Loading what="the session whose minutes it approves" />
      ) : (
        <QuestionForm
          bodies={bodies}
          initialBody={body}
          dispatch={dispatch}
          approves={
            approves
              ? { id: approves, words: sessionWords(org, approves, approved.data) }
              : undefined
          }
        />
      )}
    </Layout>
  );
}

function QuestionForm(props: {
  bodies: BodyInfo[];
  initialBody?: string;
  dispatch?: string;
  /** The session whose minutes the question approves: its id, and its name in a sentence. */
  approves?: { readonly id: string; readonly words: string } | undefined;
}) {
  const { bodies } = props;
  const { me } = useMe();
  const { org } = useOrg();
  const action = useAction();
  const id = useId();
  const [bodyId, setBodyId] = useState(props.initialBody ?? '');
  const body = bodies.find((b) => b.id === bodyId) ?? bodies[0]!;
  const [text, setText] = useState(
    props.approves ? `Approve the minutes of ${props.approves.words}.` : '',
  );
  const [to, setTo] = useState<string[] | null>(null);
  const [atHand, setAtHand] = useState<string[]>([]);
  const [deadline, setDeadline] = useState(() =>
    toLocalInput(new Date(Date.now() + DEFAULT_DAYS * 86_400_000)),
  );
  const [rule, setRule] = useState<RuleChoice>({ kind: '' });
  const [dispatch, setDispatch] = useState(props.dispatch ?? '');
  const [power, setPower] = useState('');
  const powers = body.parent ? body.powers : [];
  const { circulation, taken } = useCirculationId(text);
  const due = fromLocalInput(deadline);
  const ready = !!text.trim() && !!due && (to === null || to.length > 0) && !!circulation;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !ready) return;
    const payload = {
      circulation,
      body: body.id,
      mode: 'live',
      text: text.trim(),
      deadline: due,
      ...askedPayload(body, to, atHand),
      ...rulePayload(rule),
      ...(dispatch ? { dispatch } : {}),
      ...(powers.length > 0 ? { power: power || powers[0] } : {}),
    };
    const put = () => putQuestion(me, payload, props.approves?.id);
    if (await action.run('Putting the question', put)) navigate(paths.circulation(circulation));
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Put a question">
      <label htmlFor={`${id}-body`}>Body</label>
      <BodySelect id={`${id}-body`} bodies={bodies} value={body.id} onChange={setBodyId} />
      <label htmlFor={`${id}-text`}>The question</label>
      <textarea
        id={`${id}-text`}
        rows={3}
        required
        maxLength={MAX_CHARS.motion}
        value={text}
        placeholder="Shall we …?"
        onChange={(e) => setText(e.target.value)}
      />
      <AskedField org={org} body={body} value={to} onChange={setTo} />
      <AtHandField org={org} body={body} value={atHand} onChange={setAtHand} />
      <DeadlineField value={deadline} onChange={setDeadline} />
      <RuleField body={body} consultation={to !== null} value={rule} onChange={setRule} />
      {powers.length > 0 && (
        <PowerField powers={powers} value={power || powers[0]!} onChange={setPower} />
      )}
      <DispatchField body={body.id} value={dispatch} onChange={setDispatch} />
      {props.approves && <ApprovesNote {...props.approves} />}
      {circulation && <p className="hint">It will be recorded as circulation {circulation}.</p>}
      <button type="submit" disabled={!!action.busy || !ready}>
        Put the question
      </button>
      <ErrorNote
        error={action.error ?? taken.error}
        fields={{ 'payload.text': 'The question', 'payload.deadline': 'Deadline' }}
      />
    </form>
  );
}

/** Puts the question; one approving minutes covers their content as the record holds it now. */
async function putQuestion(me: Me, payload: Record<string, unknown>, approves?: string) {
  const minutes = approves && {
    session: approves,
    content: (await fetchMinutes(approves)).approval.content,
  };
  return sendAct(me, 'circulation.open', { ...payload, ...(minutes ? { approves: minutes } : {}) });
}

function ApprovesNote({ id, words }: { id: string; words: string }) {
  return (
    <p className="hint" data-approves={id}>
      It approves the minutes of {words}, as the record holds them now.
    </p>
  );
}

/**
 * Whom the question asks: the whole body (no `to`) or those chosen; and for a body that must draw
 * in its parent's members at hand, those too, named in `atHand`.
 */
function askedPayload(body: BodyInfo, to: string[] | null, atHand: string[]) {
  if (!body.drawsIn) return to ? { to } : {};
  if (atHand.length === 0) return { ...(to ? { to } : {}), atHand };
  const voting = body.members.filter((p) => !body.candidates.includes(p));
  return { to: [...new Set([...(to ?? voting), ...atHand])], atHand };
}

/** A free id for the question, from its first words; undefined until the ids taken are read. */
function useCirculationId(text: string) {
  const taken = useResource(
    () => getJson<CirculationSummary[]>('/api/circulations'),
    'circulation-ids',
  );
  const base = slug(text.split(/\s+/).slice(0, 6).join(' '), 'question');
  const circulation =
    taken.data &&
    freeId(
      base,
      taken.data.map((c) => c.id),
    );
  return { circulation, taken };
}

/** Until when, in local time: not before now, nor later than the record takes (a year ahead). */
function DeadlineField(props: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>Deadline</label>
      <input
        id={id}
        type="datetime-local"
        required
        min={toLocalInput(new Date())}
        max={toLocalInput(new Date(latestDeadline(new Date().toISOString())))}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}
