/**
 * Ballots a proxy holder casts for those whose proxy they hold: only where a grant in force
 * covers an open vote the grantor was absent from at its opening and the holder present (the
 * server says which, GET /api/sessions/:id/proxies), each signed by the holder as castBy.
 */
import { useState } from 'react';
import { getJson, seg } from '../lib/api.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { useReloadOn } from '../lib/events.js';
import { nameOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import type { Me, Motion, ProxyGrant, Receipt, Session } from '../lib/types.js';
import { ballotPayload, Choices, optionsOf } from './Choices.js';
import { ErrorNote, ReceiptNote } from './Notes.js';

export function ProxyBallots({
  session,
  me,
  person,
}: {
  session: Session;
  me: Me;
  person: string;
}) {
  // Read again when a vote opens or closes, or someone arrives: what a grant allows changes.
  const key = `${session.id}:${session.present.length}:${session.motions.map((m) => m.status).join()}`;
  const grants = useResource(
    () => getJson<ProxyGrant[]>(`/api/sessions/${seg(session.id)}/proxies`),
    key,
  );
  useReloadOn('proxies', grants.reload);
  const usable = (grants.data ?? []).filter((g) => g.holder === person);
  return (
    <>
      <ErrorNote error={grants.error} />
      {usable.flatMap((g) =>
        (g.motions ?? []).map((id) => {
          const motion = session.motions.find((m) => m.id === id);
          return motion ? (
            <ProxyBallot
              key={`${g.id}/${id}`}
              grant={g}
              motion={motion}
              session={session}
              me={me}
            />
          ) : null;
        }),
      )}
    </>
  );
}

function ProxyBallot(props: { grant: ProxyGrant; motion: Motion; session: Session; me: Me }) {
  const { grant, motion, session, me } = props;
  const { org } = useOrg();
  const action = useAction();
  const [receipt, setReceipt] = useState<Receipt>();
  const grantor = nameOf(org, grant.grantor);

  const cast = async (value: string) => {
    const payload = {
      ...ballotPayload(session.id, motion, grant.grantor, value),
      castBy: grant.holder,
    };
    const done = await action.run('Voting', () => sendAct(me, 'ballot.cast', payload));
    if (done) setReceipt(done);
  };

  return (
    <article className="motion ballot proxy" aria-labelledby={`proxy-${grant.id}-${motion.id}`}>
      <p className="eyebrow">By proxy: {grantor}&apos;s ballot</p>
      <h2 id={`proxy-${grant.id}-${motion.id}`}>{motion.text}</h2>
      <p className="hint">
        {grantor} gave you their proxy and was not present when this vote opened: you may cast their
        ballot.
      </p>
      <ErrorNote error={action.error} />
      {receipt ? (
        <ReceiptNote receipt={receipt} what={`${grantor}'s ballot`} />
      ) : motion.voted?.includes(grant.grantor) ? (
        <p className="present-note">{grantor}&apos;s ballot is cast.</p>
      ) : (
        <Choices
          options={optionsOf(motion)}
          busy={!!action.busy}
          label={`The vote for ${grantor}`}
          forWhom={grantor}
          onChoose={(value) => void cast(value)}
        />
      )}
    </article>
  );
}
