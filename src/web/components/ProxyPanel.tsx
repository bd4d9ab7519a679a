/**
 * Proxies, where the charter allows them: the grants in force, a member giving their own proxy
 * (proxy.grant signed on their device: to whom, for one session, one motion of it, or until a
 * date) and taking it back, and an officer recording one for a member who has no key.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { getJson, seg } from '../lib/api.js';
import { sendAct, sendActFor } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { today } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { isOfficer, isVotingMember, nameOf } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import type { BodyInfo, Organization, ProxyGrant, Session } from '../lib/types.js';
import type { SessionSummary } from '../lib/types.js';
import { ErrorNote } from './Notes.js';

type Scope = 'session' | 'motion' | 'until';

/** The proxies of every body whose charter allows them; `sessions` are the organization's. */
export function ProxyPanel({
  org,
  sessions,
}: {
  org: Organization;
  sessions: readonly SessionSummary[];
}) {
  const proxies = useResource(() => getJson<ProxyGrant[]>('/api/proxies'), 'proxies');
  const bodies = org.bodies.filter((b) => b.proxies);
  if (bodies.length === 0) return null;
  const open = sessions.filter((s) => s.open);
  return (
    <section aria-labelledby="proxies-heading" className="proxies">
      <h2 id="proxies-heading">Proxies</h2>
      <ErrorNote error={proxies.error} />
      {bodies.map((body) => (
        <BodyProxies
          key={body.id}
          org={org}
          body={body}
          grants={(proxies.data ?? []).filter((g) => g.body === body.id)}
          sessions={open.filter((s) => s.body === body.id)}
          changed={proxies.reload}
        />
      ))}
    </section>
  );
}

/** One body's proxies in force, and the forms for whoever may give or record one. */
function BodyProxies(props: {
  org: Organization;
  body: BodyInfo;
  grants: readonly ProxyGrant[];
  sessions: readonly SessionSummary[];
  changed: () => void;
}) {
  const { org, body, grants, changed } = props;
  const { me } = useMe();
  const action = useAction();
  const person = me?.person;
  const takeBack = async (grant: string) => {
    if (
      me &&
      (await action.run('Taking the proxy back', () => sendAct(me, 'proxy.revoke', { grant })))
    )
      changed();
  };
  // Members without a key of their own, for whom an officer records a grant.
  const keyless = body.members.filter(
    (p) => isVotingMember(p, body) && !org.people.find((q) => q.id === p)?.keys?.length,
  );
  return (
    <div className="panel">
      <h3>{body.name}</h3>
      {grants.length === 0 ? (
        <p>No proxy is in force.</p>
      ) : (
        <ul>
          {grants.map((g) => (
            <li key={g.id}>
              {nameOf(org, g.grantor)} gives their proxy to {nameOf(org, g.holder)},{' '}
              {scopeInWords(g)}.{' '}
              {g.grantor === person && (
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
      {person && isVotingMember(person, body) && (
        <GiveProxy {...props} grantors={[person]} title="Give your proxy" />
      )}
      {person && isOfficer(person, body) && keyless.length > 0 && (
        <GiveProxy
          {...props}
          grantors={keyless}
          title="Record a proxy for a member without a key"
        />
      )}
    </div>
  );
}

function scopeInWords(g: ProxyGrant): string {
  if (g.motion) return `for motion ${g.motion} of session ${g.session}`;
  if (g.session) return `for session ${g.session}`;
  return g.until ? `until ${new Date(g.until).toLocaleString()}` : 'until taken back';
}

/**
 * A choice among `values` that always names one of them: the one picked, or else the first (the
 * lists change as the record does: a holder who is the grantor now, a motion decided meanwhile).
 */
function useChoice(values: readonly string[]): [string, (value: string) => void] {
  const [picked, pick] = useState('');
  return [values.includes(picked) ? picked : (values[0] ?? ''), pick];
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

/** The form of a grant: by whom (the member, or one an officer records for), to whom, for what. */
function GiveProxy(props: {
  org: Organization;
  body: BodyInfo;
  sessions: readonly SessionSummary[];
  grantors: readonly string[];
  title: string;
  changed: () => void;
}) {
  const { org, body, sessions, grantors, title, changed } = props;
  const { me } = useMe();
  const action = useAction();
  const id = useId();
  const named = (people: readonly string[]) => people.map((p) => [p, nameOf(org, p)] as const);
  const [grantor, setGrantor] = useChoice(grantors);
  const holders = body.members.filter((p) => p !== grantor && isVotingMember(p, body));
  const [holder, setHolder] = useChoice(holders);
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
  const undecided = (motions.data?.motions ?? []).filter((m) => m.status !== 'closed');
  const [motion, setMotion] = useChoice(undecided.map((m) => m.id));
  const ready = !!holder && (scope !== 'motion' || !!motion);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me?.person || !ready) return;
    const payload = grantPayload(body.id, grantor, holder, scope as Scope, {
      session,
      motion,
      until,
    });
    const send = () =>
      grantor === me.person
        ? sendAct(me, 'proxy.grant', payload)
        : sendActFor(me, grantor, 'proxy.grant', payload);
    if (await action.run('Giving the proxy', send)) changed();
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{title}</h4>
      {grantors.length > 1 && (
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
      <Select
        id={`${id}-scope`}
        label="For how long"
        value={scope}
        options={scopes.map((s) => [s, SCOPES[s]] as const)}
        onChange={setScope}
      />
      {scope !== 'until' && (
        <Select
          id={`${id}-session`}
          label="Session"
          value={session}
          options={sessions.map((s) => [s.id, s.title || s.id] as const)}
          onChange={setSession}
        />
      )}
      {scope === 'motion' && (
        <Select
          id={`${id}-motion`}
          label="Motion"
          value={motion}
          options={undecided.map((m) => [m.id, m.text] as const)}
          onChange={setMotion}
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
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
        </>
      )}
      <button type="submit" disabled={!!action.busy || !ready}>
        Give the proxy
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}
