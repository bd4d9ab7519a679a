/**
 * Proxies, where the charter allows them: the grants in force, a member giving their own proxy
 * (proxy.grant signed on their device: to whom, for one session, one motion of it, or until a
 * date) and taking it back, and an officer recording one for a member who has no key. On the
 * organization page for every body and its open sessions; on a session's console for that
 * session alone.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { getJson, seg } from '../lib/api.js';
import { sendAct, sendActFor } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { useLiveEvents, useReloadOn } from '../lib/events.js';
import { sessionLabel, timeOf, today } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { bodyOf, hasOwnKey, isOfficer, isVotingMember, nameOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import type { BodyInfo, Organization, ProxyGrant, Session } from '../lib/types.js';
import type { SessionSummary } from '../lib/types.js';
import { ErrorNote } from './Notes.js';

type Scope = 'session' | 'motion' | 'until';

/** A session a grant may be for: its id and title. */
interface SessionChoice {
  readonly id: string;
  readonly title?: string | null;
  readonly date?: string | null;
}

/** The proxies of every body whose charter allows them; `sessions` are the organization's. */
export function ProxyPanel({
  org,
  sessions,
}: {
  org: Organization;
  sessions: readonly SessionSummary[];
}) {
  const proxies = useResource(() => getJson<ProxyGrant[]>('/api/proxies'), 'proxies');
  useReloadOn('proxies', proxies.reload);
  const bodies = org.bodies.filter((b) => b.proxies);
  if (bodies.length === 0) return null;
  const open = sessions.filter((s) => s.open);
  return (
    <section aria-labelledby="proxies-heading" className="proxies">
      <h2 id="proxies-heading">Proxies</h2>
      <ErrorNote error={proxies.error} />
      {bodies.map((body) => (
        <div className="panel" key={body.id}>
          <h3>{body.name}</h3>
          <BodyProxies
            org={org}
            body={body}
            grants={(proxies.data ?? []).filter((g) => g.body === body.id)}
            sessions={open.filter((s) => s.body === body.id)}
            changed={proxies.reload}
          />
        </div>
      ))}
    </section>
  );
}

/**
 * The proxies of one session, on its console: the grants that may be used in it, and the forms
 * for this session (by default) or until a date.
 */
export function SessionProxies({ session }: { session: Session }) {
  const { org } = useOrg();
  const body = bodyOf(org, session.body);
  // Read again as the session changes (a grant for it ends with it), and as proxies are given or
  // taken back anywhere.
  const statuses = session.motions.map((m) => m.status).join();
  const key = `${session.id}:${session.open}:${session.present.length}:${statuses}`;
  const proxies = useResource(
    () => getJson<ProxyGrant[]>(`/api/sessions/${seg(session.id)}/proxies`),
    key,
  );
  useReloadOn('proxies', proxies.reload);
  if (!org || !body?.proxies) return null;
  const props = {
    org,
    body,
    grants: proxies.data ?? [],
    sessions: [session],
    fixed: true,
    changed: proxies.reload,
  };
  return (
    <section aria-labelledby="session-proxies-heading" className="panel proxies">
      <h2 id="session-proxies-heading">Proxies</h2>
      <ErrorNote error={proxies.error} />
      {/* Once the session is closed, no proxy is given from here. */}
      {session.open ? <BodyProxies {...props} /> : <GrantList {...props} />}
    </section>
  );
}

interface BodyProxiesProps {
  readonly org: Organization;
  readonly body: BodyInfo;
  readonly grants: readonly ProxyGrant[];
  /** The open sessions a grant may be for. */
  readonly sessions: readonly SessionChoice[];
  /** Whether the one session given is the page's own: a grant is for it unless said otherwise. */
  readonly fixed?: boolean;
  readonly changed: () => void;
}

/** One body's proxies in force, and the forms for whoever may give or record one. */
function BodyProxies(props: BodyProxiesProps) {
  const { org, body } = props;
  const { me } = useMe();
  const person = me?.person;
  // Members without a key of their own, for whom an officer records a grant.
  const keyless = body.members.filter((p) => isVotingMember(p, body) && !hasOwnKey(org, p));
  const officer = !!person && isOfficer(person, body);
  return (
    <>
      <GrantList {...props} />
      {person && isVotingMember(person, body) && (
        <GiveProxy {...props} grantors={[person]} title="Give your proxy" />
      )}
      {officer && keyless.length > 0 && (
        <GiveProxy
          {...props}
          grantors={keyless}
          title="Record a proxy for a member without a key"
        />
      )}
      {officer && keyless.length === 0 && (
        <p className="hint">
          Every voting member holds a key and gives their proxy themself: an officer records one
          only for a member without a key.
        </p>
      )}
    </>
  );
}

/** The grants in force, each with "Take it back" for the one who gave it. */
function GrantList({ org, grants, changed }: BodyProxiesProps) {
  const { me } = useMe();
  const action = useAction();
  const takeBack = async (grant: string) => {
    if (
      me &&
      (await action.run('Taking the proxy back', () => sendAct(me, 'proxy.revoke', { grant })))
    )
      changed();
  };
  return (
    <>
      {grants.length === 0 ? (
        <p>No proxy is in force.</p>
      ) : (
        <ul className="grants">
          {grants.map((g) => (
            <li key={g.id}>
              {nameOf(org, g.grantor)} gives their proxy to {nameOf(org, g.holder)},{' '}
              {scopeInWords(g)}.{' '}
              {me?.person && g.grantor === me.person && (
                <button
                  type="button"
                  className="small secondary"
                  disabled={!!action.busy}
                  onClick={() => void takeBack(g.id)}
                >
                  Take it back
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={action.error} />
    </>
  );
}

function scopeInWords(g: ProxyGrant): string {
  if (g.named) return `for ${g.named}`;
  return g.until ? `until ${timeOf(g.until)}` : 'until taken back';
}

/**
 * A choice among `values`: the first, as soon as there is one, until another is picked. The lists
 * change as the record does (a motion decided meanwhile, a session closed): a choice no longer
 * among them leaves nothing chosen ('') and the form sends nothing, rather than moving to a value
 * the person did not pick.
 */
function useChoice(values: readonly string[]): [string, (value: string) => void] {
  const [picked, pick] = useState('');
  const first = values[0] ?? '';
  // The first, once shown, is kept as if picked (an update during render, which React allows).
  if (picked === '' && first !== '') pick(first);
  if (picked === '') return [first, pick];
  return [values.includes(picked) ? picked : '', pick];
}

/** A labelled select of `options` ([value, label] pairs). */
function Select(props: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.value === '' && (
          <option value="" disabled>
            Choose one
          </option>
        )}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </>
  );
}

const SCOPES: Readonly<Record<Scope, string>> = {
  session: 'One session',
  motion: 'One motion of a session',
  until: 'Until a date',
};

/** The same, where the session is the page's own. */
const THIS_SESSION: Readonly<Record<Scope, string>> = {
  session: 'This session',
  motion: 'One motion of this session',
  until: 'Until a date',
};

/** A proxy.grant's payload: for one session, one motion of it, or until the end of a day. */
function grantPayload(
  body: string,
  grantor: string,
  holder: string,
  scope: Scope,
  chosen: { session: string; motion: string; until: string },
): Record<string, unknown> {
  return {
    grant: `proxy-${grantor}-${Date.now().toString(36)}`,
    body,
    holder,
    ...(scope === 'until'
      ? { until: new Date(`${chosen.until}T23:59:59.999`).toISOString() }
      : { session: chosen.session }),
    ...(scope === 'motion' ? { motion: chosen.motion } : {}),
  };
}

/** What a grant is for, as chosen: its scope, the session, the motion of it, the last day. */
function useScope(sessions: readonly SessionChoice[]) {
  // A session or a motion of one needs an open session of the body.
  const scopes: Scope[] = sessions.length > 0 ? ['session', 'motion', 'until'] : ['until'];
  const [scope, setScope] = useChoice(scopes);
  const [session, setSession] = useChoice(sessions.map((s) => s.id));
  const [until, setUntil] = useState(today());
  const motions = useResource<Session | undefined>(
    () =>
      session ? getJson<Session>(`/api/sessions/${seg(session)}`) : Promise.resolve(undefined),
    `proxy-motions:${session}`,
  );
  // Motions are put and decided while the form is open: the list follows them.
  useLiveEvents(
    session || undefined,
    (kind) => {
      if (kind === 'motion' || kind === 'vote-opened' || kind === 'decision') motions.reload();
    },
    motions.reload,
  );
  const undecided = (motions.data?.motions ?? []).filter((m) => m.status !== 'closed');
  const [motion, setMotion] = useChoice(undecided.map((m) => m.id));
  return {
    scopes,
    scope: scope as Scope,
    chosen: { session, motion, until },
    undecided,
    ready: scope === 'until' || (!!session && (scope === 'session' || !!motion)),
    set: { scope: setScope, session: setSession, motion: setMotion, until: setUntil },
  };
}

/** The scope's fields: for how long, then the session, the motion or the date it needs. */
function ScopeFields(props: {
  id: string;
  sessions: readonly SessionChoice[];
  fixed?: boolean;
  state: ReturnType<typeof useScope>;
}) {
  const { id, sessions, fixed, state } = props;
  const { scope, chosen, set } = state;
  const labels = fixed ? THIS_SESSION : SCOPES;
  return (
    <>
      <Select
        id={`${id}-scope`}
        label="For how long"
        value={scope}
        options={state.scopes.map((s) => [s, labels[s]] as const)}
        onChange={set.scope}
      />
      {scope !== 'until' && !fixed && (
        <Select
          id={`${id}-session`}
          label="Session"
          value={chosen.session}
          options={sessions.map((s) => [s.id, sessionLabel(s)] as const)}
          onChange={set.session}
        />
      )}
      {scope === 'motion' && (
        <Select
          id={`${id}-motion`}
          label="Motion"
          value={chosen.motion}
          options={state.undecided.map((m) => [m.id, m.text] as const)}
          onChange={set.motion}
        />
      )}
      {scope === 'until' && (
        <>
          <label htmlFor={`${id}-until`}>Until the end of</label>
          <input
            id={`${id}-until`}
            type="date"
            required
            min={today()}
            value={chosen.until}
            onChange={(e) => set.until(e.target.value)}
          />
        </>
      )}
    </>
  );
}

/** The form of a grant: by whom (the member, or one an officer records for), to whom, for what. */
function GiveProxy(
  props: BodyProxiesProps & { readonly grantors: readonly string[]; readonly title: string },
) {
  const { org, body, sessions, fixed, grantors, title, changed } = props;
  const { me } = useMe();
  const action = useAction();
  const id = useId();
  const named = (people: readonly string[]) => people.map((p) => [p, nameOf(org, p)] as const);
  const [grantor, setGrantor] = useChoice(grantors);
  const holders = body.members.filter((p) => p !== grantor && isVotingMember(p, body));
  const [holder, setHolder] = useChoice(holders);
  const scope = useScope(sessions);
  const ready = !!holder && scope.ready;
  // Under the console's "Proxies" (h2), or the organization page's body (h3).
  const Heading = fixed ? 'h3' : 'h4';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me?.person || !ready) return;
    const payload = grantPayload(body.id, grantor, holder, scope.scope, scope.chosen);
    const send = () =>
      grantor === me.person
        ? sendAct(me, 'proxy.grant', payload)
        : sendActFor(me, grantor, 'proxy.grant', payload);
    if (await action.run('Giving the proxy', send)) changed();
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <Heading id={`${id}-h`}>{title}</Heading>
      {/* Whom an officer records it for is always said, even when only one is without a key. */}
      {grantors.join() !== me?.person && (
        <Select
          id={`${id}-g`}
          label="For"
          value={grantor}
          options={named(grantors)}
          onChange={setGrantor}
        />
      )}
      <Select
        id={`${id}-to`}
        label="To"
        value={holder}
        options={named(holders)}
        onChange={setHolder}
      />
      <ScopeFields id={id} sessions={sessions} fixed={fixed} state={scope} />
      <button type="submit" disabled={!!action.busy || !ready}>
        Give the proxy
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}
