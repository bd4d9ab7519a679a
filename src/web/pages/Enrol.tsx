/** Enrolment from an invitation link (/enrol#TOKEN): this browser makes the member's key, keeps
 * it, and signs the enrolment with it, which proves the member holds it (a retry after a lost
 * answer signs again with the same key, and so does opening the link again once the invitation
 * is used: lib/enrolment.ts). The key is added to the member's: the keys of their other devices
 * stay theirs. */
import { useState } from 'react';
import { postJson, Unreachable } from '../lib/api.js';
import { useAction } from '../lib/action.js';
import type { Action } from '../lib/action.js';
import { enrol, enrolAgain } from '../lib/enrolment.js';
import { loadKey } from '../lib/keys.js';
import { useMe } from '../lib/me.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { Invitation, Receipt } from '../lib/types.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading, ReceiptNote } from '../components/Notes.js';
import { timeOf } from '../lib/format.js';

export function Enrol() {
  const token = window.location.hash.slice(1);
  const { me, refresh } = useMe();
  const action = useAction();
  const [receipt, setReceipt] = useState<Receipt>();
  // The token is sent in a body, never in a URL; it is looked up once the visitor's cookie and
  // CSRF token are there.
  const opened = useResource<Opened | undefined>(
    () =>
      !token
        ? Promise.reject(new Error('this link carries no invitation'))
        : me
          ? openInvitation(me.organization.id, token, refresh)
          : Promise.resolve(undefined),
    `${me ? 'ready' : 'waiting'}:${token}`,
  );

  const enrolHere = async ({ person, name }: Invitation) => {
    if (!me) return;
    const org = me.organization.id;
    const done = await action.run('Enrolling', () => enrol({ org, person, name }, token));
    if (done) {
      setReceipt(done);
      await refresh();
    }
  };

  const found = opened.data;
  return (
    <Layout title="Enrol">
      <h1>Enrol your signing key</h1>
      {opened.error !== undefined ? (
        <p role="alert" className="error">
          {unusable(opened.error)}
        </p>
      ) : !found ? (
        <Loading what="the invitation" />
      ) : 'enrolledAgain' in found ? (
        <Enrolled name={found.enrolledAgain.name} receipt={found.enrolledAgain.receipt} again />
      ) : receipt ? (
        <Enrolled name={found.invitation.name} receipt={receipt} />
      ) : (
        <EnrolOffer
          invitation={found.invitation}
          action={action}
          onEnrol={() => void enrolHere(found.invitation)}
        />
      )}
    </Layout>
  );
}

/** The invitation open to enrol on; or, used already by the key this browser kept for it (the
 * enrolment's answer lost), that enrolment's receipt, signed in again with the key. */
type Opened =
  | { readonly invitation: Invitation }
  | { readonly enrolledAgain: { readonly receipt: Receipt; readonly name: string } };

async function openInvitation(
  org: string,
  token: string,
  signedIn: () => Promise<void>,
): Promise<Opened> {
  let invitation: Invitation;
  try {
    invitation = await postJson<Invitation>('/api/invitations/lookup', { token });
  } catch (refusal) {
    const enrolledAgain = await enrolAgain(org, token, refusal);
    await signedIn();
    return { enrolledAgain };
  }
  return { invitation };
}

/** Why the invitation cannot be used, in one sentence around the server's words. */
function unusable(error: unknown): string {
  // Nothing is wrong with the invitation: the server did not answer.
  if (error instanceof Unreachable) return error.message;
  const why = error instanceof Error ? error.message : String(error);
  return `This invitation cannot be used: ${why.replace(/\.$/, '')}. Ask the secretary for a new one.`;
}

/** The enrolment done: the receipt, and the way in. */
function Enrolled(props: { name: string; receipt: Receipt; again?: boolean }) {
  const { name, receipt, again } = props;
  return (
    <>
      <p className="lead">
        {again
          ? `Welcome, ${name}. This invitation enrolled the key this browser keeps; you are signed in with it.`
          : `Welcome, ${name}. Your key is enrolled and kept in this browser; you are signed in.`}
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
  const { me } = useMe();
  const { organization } = invitation;
  // Someone else signed in here: an officer who opened the link they were to send. Enrolling
  // would keep the invited person's key in the officer's browser, and sign it in as them.
  const other = me?.person && me.person !== invitation.person ? (me.name ?? me.person) : undefined;
  const orgId = typeof organization === 'string' ? organization : organization.id;
  // A key this browser holds for the person, still theirs: enrolling here would lose it.
  const held = useResource(
    () => loadKey(orgId, invitation.person),
    `held:${orgId}:${invitation.person}`,
  );
  if (held.data && invitation.keys.includes(held.data.publicKey))
    return (
      <p className="note">
        This browser holds a key of yours already. Open the link on the other device you want to
        sign with.
      </p>
    );
  return (
    <>
      {other !== undefined && (
        <p className="error" role="alert">
          This browser is signed in as {other}, and this invitation is for {invitation.name}. Send
          the link to {invitation.name}, to open on a device of their own: enrolling here would keep
          their key in this browser and sign it in as them.
        </p>
      )}
      <p className="lead">
        {invitation.name}, you are invited to enrol a signing key with{' '}
        {typeof organization === 'string' ? organization : organization.name}.
      </p>
      <p>
        This browser will make a key that never leaves it (it cannot be exported), keep it, and sign
        your enrolment with it. From then on every act you do here is signed with it. Enrol on the
        device you will vote from. The invitation works once, until {timeOf(invitation.expires)}.
      </p>
      {invitation.keys.length > 0 && (
        <p className="note">
          You hold {invitation.keys.length === 1 ? 'a key' : `${invitation.keys.length} keys`}{' '}
          already, on other devices: this adds one for this device, and{' '}
          {invitation.keys.length === 1 ? 'that one stays' : 'they stay'} yours.
        </p>
      )}
      <button type="button" className="big" disabled={!!action.busy} onClick={onEnrol}>
        {action.busy
          ? 'Enrolling…'
          : other !== undefined
            ? `I am ${invitation.name}: make my key here`
            : 'Make my key and enrol'}
      </button>
      <ErrorNote error={action.error} />
    </>
  );
}
