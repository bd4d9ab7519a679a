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
  const [pickedGrantor, setGrantor] = useState('');
  const grantor = grantors.includes(pickedGrantor) ? pickedGrantor : grantors[0]!;
  const holders = body.members.filter((p) => p !== grantor && isVotingMember(p, body));
  const [picked, setHolder] = useState('');
  // What is chosen, or else the first of what may be: the selects always show a real choice.
  const holder = holders.includes(picked) ? picked : (holders[0] ?? '');
  const [scope, setScope] = useState<Scope>(sessions.length > 0 ? 'session' : 'until');
  const [session, setSession] = useState('');
  const [pickedMotion, setMotion] = useState('');
  const [until, setUntil] = useState(today());
  const chosen = session || sessions[0]?.id || '';
  const motions = useResource<Session | undefined>(
    () => (chosen ? getJson<Session>(`/api/sessions/${seg(chosen)}`) : Promise.resolve(undefined)),
    `proxy-motions:${chosen}`,
  );
  const undecided = (motions.data?.motions ?? []).filter((m) => m.status !== 'closed');
  const motion = undecided.some((m) => m.id === pickedMotion)
    ? pickedMotion
    : (undecided[0]?.id ?? '');
  const ready = !!holder && (scope !== 'motion' || !!motion);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me?.person || !ready) return;
    const payload = {
      grant: `proxy-${grantor}-${Date.now().toString(36)}`,
      body: body.id,
      holder,
      ...(scope === 'until'
        ? { until: new Date(`${until}T23:59:59.999`).toISOString() }
        : { session: chosen }),
      ...(scope === 'motion' ? { motion } : {}),
    };
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
        <>
          <label htmlFor={`${id}-grantor`}>For</label>
          <select id={`${id}-grantor`} value={grantor} onChange={(e) => setGrantor(e.target.value)}>
            {grantors.map((p) => (
              <option key={p} value={p}>
                {nameOf(org, p)}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-holder`}>To</label>
      <select id={`${id}-holder`} value={holder} onChange={(e) => setHolder(e.target.value)}>
        {holders.map((p) => (
          <option key={p} value={p}>
            {nameOf(org, p)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-scope`}>For how long</label>
      <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
        {sessions.length > 0 && <option value="session">One session</option>}
        {sessions.length > 0 && <option value="motion">One motion of a session</option>}
        <option value="until">Until a date</option>
      </select>
      {scope !== 'until' && (
        <>
          <label htmlFor={`${id}-session`}>Session</label>
          <select id={`${id}-session`} value={chosen} onChange={(e) => setSession(e.target.value)}>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title || s.id}
              </option>
            ))}
          </select>
        </>
      )}
      {scope === 'motion' && (
        <>
          <label htmlFor={`${id}-motion`}>Motion</label>
          <select id={`${id}-motion`} value={motion} onChange={(e) => setMotion(e.target.value)}>
            {undecided.map((m) => (
              <option key={m.id} value={m.id}>
                {m.text}
              </option>
            ))}
          </select>
        </>
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
