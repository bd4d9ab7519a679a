/** Enrolment from an invitation link (/enrol#TOKEN): this browser makes the member's key, keeps
 * it, and signs the enrolment with it, which proves the member holds it. */
import { useState } from 'react';
import { describeError, postJson } from '../lib/api.js';
import { signAct, tokenHash } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import type { Action } from '../lib/action.js';
import { createKey, saveKey } from '../lib/keys.js';
import { useMe } from '../lib/me.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { Invitation, Receipt } from '../lib/types.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading, ReceiptNote } from '../components/Notes.js';

export function Enrol() {
  const token = window.location.hash.slice(1);
  const { me, refresh } = useMe();
  const action = useAction();
  const [receipt, setReceipt] = useState<Receipt>();
  // The token is sent in a body, never in a URL; it is looked up once the visitor's cookie and
  // CSRF token are there.
  const invitation = useResource<Invitation | undefined>(
    () =>
      !token
        ? Promise.reject(new Error('This link carries no invitation.'))
        : me
          ? postJson<Invitation>('/api/invitations/lookup', { token })
          : Promise.resolve(undefined),
    `${me ? 'ready' : 'waiting'}:${token}`,
  );

  const enrol = async ({ person, name, key: current }: Invitation) => {
    if (!me) return;
    const org = me.organization.id;
    const done = await action.run('Enrolling', async () => {
      const key = await createKey(org, person, name);
      // A member who had a key (lost with a browser) replaces it: the record revokes it.
      const payload = {
        person,
        key: key.publicKey,
        invitation: await tokenHash(token),
        ...(current ? { replaces: current } : {}),
      };
      const { act, sig } = await signAct(key, 'member.enrol', payload);
      // Kept before it is sent: if the answer is lost, the key that was enrolled is not.
      await saveKey(key);
      const signed = { type: act.type, payload, time: act.time, sig };
      return postJson<Receipt>('/api/enrol', { token, act: signed });
    });
    if (done) {
      setReceipt(done);
      await refresh();
    }
  };

  const found = invitation.data;
  return (
    <Layout title="Enrol">
      <h1>Enrol your signing key</h1>
      {invitation.error !== undefined ? (
        <p role="alert" className="error">
          This invitation cannot be used: {describeError(invitation.error)}. Ask the secretary for a
          new one.
        </p>
      ) : !found ? (
        <Loading what="the invitation" />
      ) : receipt ? (
        <Enrolled invitation={found} receipt={receipt} />
      ) : (
        <EnrolOffer invitation={found} action={action} onEnrol={() => void enrol(found)} />
      )}
    </Layout>
  );
}

/** The enrolment done: the receipt, and the way in. */
function Enrolled({ invitation, receipt }: { invitation: Invitation; receipt: Receipt }) {
  return (
    <>
      <p className="lead">
        Welcome, {invitation.name}. Your key is enrolled and kept in this browser; you are signed
        in.
      </p>
      <ReceiptNote receipt={receipt} what="Your enrolment" />
      <p>
        <Link to={paths.home}>Go to the organization</Link>
      </p>
    </>
  );
}

/** The invitation, what enrolling does, and the button that does it. */
function EnrolOffer({
  invitation,
  action,
  onEnrol,
}: {
  invitation: Invitation;
  action: Pick<Action, 'busy' | 'error'>;
  onEnrol: () => void;
}) {
  const { organization } = invitation;
  return (
    <>
      <p className="lead">
        {invitation.name}, you are invited to enrol a signing key with{' '}
        {typeof organization === 'string' ? organization : organization.name}.
      </p>
      <p>
        This browser will make a key that never leaves it (it cannot be exported), keep it, and sign
        your enrolment with it. From then on every act you do here is signed with it. Enrol on the
        device you will vote from. The invitation works once, until{' '}
        {new Date(invitation.expires).toLocaleString()}.
      </p>
      <button type="button" className="big" disabled={!!action.busy} onClick={onEnrol}>
        {action.busy ? 'Enrolling…' : 'Make my key and enrol'}
      </button>
      <ErrorNote error={action.error} />
    </>
  );
}
