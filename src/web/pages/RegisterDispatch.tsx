/**
 * Registering an incoming request: the body whose register it enters, its number (given by the
 * register unless the document carries one), when it was received, from whom, by what channel,
 * its text, and its attachments, hashed here with WebCrypto (the act names each by its SHA-256;
 * the files go beside the signed act).
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';
import { nextNumberAfter } from '../../core/state/dispatches.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { getJson } from '../lib/api.js';
import type { Upload } from '../lib/files.js';
import { freeId, slug, today } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { isOfficer, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { navigate, paths } from '../lib/router.js';
import type { BodyInfo, Channel, DispatchView } from '../lib/types.js';
import { ChannelSelect } from '../components/ChannelSelect.js';
import { Layout } from '../components/Layout.js';
import { FILE_FIELDS, FilesField } from '../components/FilesField.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { BodySelect } from '../components/BodySelect.js';
import { numberTaken, RegisterNumberField } from '../components/RegisterNumberField.js';

export function RegisterDispatch() {
  const { me } = useMe();
  const { org, error } = useOrg();
  const bodies = org?.bodies.filter((b) => isOfficer(me?.person, b)) ?? [];
  return (
    <Layout title="Register a dispatch">
      <h1>Register a dispatch</h1>
      <ErrorNote error={error} />
      {!org ? (
        !error && <Loading what="the organization" />
      ) : bodies.length === 0 ? (
        <p className="note">Only a body's officers keep its register of dispatches.</p>
      ) : (
        <DispatchForm bodies={bodies} />
      )}
    </Layout>
  );
}

/** The dispatch as typed: the number it carries (or ''), when and how it came, from whom, its
 * text. */
interface Draft {
  readonly number: string;
  readonly received: string;
  readonly from: string;
  readonly channel: Channel;
  readonly text: string;
}

function DispatchForm({ bodies }: { bodies: BodyInfo[] }) {
  const { me } = useMe();
  const action = useAction();
  const id = useId();
  const [bodyId, setBodyId] = useState('');
  const body = bodies.find((b) => b.id === bodyId) ?? bodies[0]!;
  const [draft, setDraft] = useState<Draft>(() => ({
    number: '',
    received: today(),
    from: '',
    channel: 'letter',
    text: '',
  }));
  const [uploads, setUploads] = useState<Upload[]>([]);
  const register = useResource(
    () => getJson<DispatchView[]>(`/api/dispatches?body=${encodeURIComponent(body.id)}`),
    `register:${body.id}`,
  );
  const taken = register.data;
  const numbers = (taken ?? []).map((d) => d.number);
  const given = nextNumberAfter(numbers, draft.received);
  const ready =
    !!draft.from.trim() &&
    !!draft.text.trim() &&
    !!draft.received &&
    !!taken &&
    !numberTaken(draft.number, numbers);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !taken || !ready) return;
    const number = draft.number.trim() || given;
    const dispatch = freeId(
      slug(`${body.id}-${number}`, body.id),
      taken.map((d) => d.id),
    );
    const payload = {
      ...draft,
      dispatch,
      body: body.id,
      number,
      from: draft.from.trim(),
      text: draft.text.trim(),
      ...(uploads.length > 0 ? { attachments: uploads.map((u) => u.attachment) } : {}),
    };
    const files = uploads.length > 0 ? { files: uploads.map((u) => u.file) } : {};
    const send = () => sendAct(me, 'dispatch.register', payload, files);
    if (await action.run('Registering', send)) navigate(paths.dispatch(dispatch));
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Register a dispatch">
      <label htmlFor={`${id}-body`}>Register of</label>
      <BodySelect id={`${id}-body`} bodies={bodies} value={body.id} onChange={setBodyId} />
      <DraftFields draft={draft} onChange={setDraft} given={given} taken={numbers} />
      <FilesField uploads={uploads} onChange={setUploads} />
      <button type="submit" disabled={!!action.busy || !ready}>
        {action.busy ? `${action.busy}…` : 'Register the dispatch'}
      </button>
      <ErrorNote error={action.error ?? register.error} fields={DISPATCH_FIELDS} />
    </form>
  );
}

/** The fields of dispatch.register and its files, as the form labels them. */
const DISPATCH_FIELDS = {
  'payload.number': 'Number',
  'payload.received': 'Received',
  'payload.from': 'From',
  'payload.text': 'Text',
  ...FILE_FIELDS,
};

/** The dispatch's own fields; `given` is the number the register would give it. */
function DraftFields(props: {
  draft: Draft;
  onChange: (draft: Draft) => void;
  given: string;
  taken: readonly string[];
}) {
  const { draft, onChange, given, taken } = props;
  const id = useId();
  const set = (change: Partial<Draft>) => onChange({ ...draft, ...change });
  return (
    <>
      <RegisterNumberField
        value={draft.number}
        given={given}
        taken={taken}
        onChange={(number) => set({ number })}
      />
      <label htmlFor={`${id}-received`}>Received</label>
      <input
        id={`${id}-received`}
        type="date"
        required
        // Registered once it came: not a day to come (the server refuses one).
        max={today()}
        value={draft.received}
        onChange={(e) => set({ received: e.target.value })}
      />
      <label htmlFor={`${id}-from`}>From</label>
      <input
        id={`${id}-from`}
        required
        maxLength={MAX_CHARS.title}
        value={draft.from}
        onChange={(e) => set({ from: e.target.value })}
      />
      <ChannelSelect value={draft.channel} onChange={(channel) => set({ channel })} />
      <label htmlFor={`${id}-text`}>Text</label>
      <textarea
        id={`${id}-text`}
        rows={5}
        required
        maxLength={MAX_CHARS.document}
        value={draft.text}
        onChange={(e) => set({ text: e.target.value })}
      />
    </>
  );
}
