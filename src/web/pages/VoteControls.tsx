/**
 * The officers' controls of a motion's vote on the console: opening it (with a warning when the
 * quorum is not met), the chair's casting vote on a tie, and closing it once the decision the
 * charter gives is shown and confirmed.
 */
import { useState } from 'react';
import { choiceLabel, explanationNamedIn } from '../lib/format.js';
import { closeVote, closingDecision, sendAct } from '../lib/acts.js';
import type { Action } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import { isVotingMember, nameOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import type { BodyInfo, Motion, Session } from '../lib/types.js';
import { ConfirmDialog } from '../components/Confirm.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { votedCount } from './session.js';

interface Props {
  readonly session: Session;
  readonly motion: Motion;
  readonly action: Action;
}

/** Opens the vote; without quorum, asks first (the opening is recorded all the same). */
export function OpenVote({ session, motion, action }: Props) {
  const { me } = useMe();
  const [asking, setAsking] = useState(false);
  const quorum = motion.quorum;
  const open = () => {
    setAsking(false);
    const ref = { session: session.id, motion: motion.id };
    if (me) void action.run('Opening the vote', () => sendAct(me, 'vote.open', ref));
  };
  return (
    <>
      <button
        type="button"
        disabled={!!action.busy}
        onClick={() => (quorum && !quorum.met ? setAsking(true) : open())}
      >
        Open the vote
      </button>
      {quorum && (
        <ConfirmDialog
          open={asking}
          title={`Quorum is not met: ${quorum.presentVoting} of ${quorum.required} required present. Open the vote anyway?`}
          confirm="Open the vote anyway"
          onConfirm={open}
          onClose={() => setAsking(false)}
        >
          <p>The opening is recorded all the same, and a vote without a quorum decides nothing.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** Closes the vote once the officer has seen the decision it would record and confirmed it. */
export function CloseVote({ session, motion, action, body }: Props & { body?: BodyInfo }) {
  const { me } = useMe();
  const [asking, setAsking] = useState(false);
  const close = () => {
    setAsking(false);
    if (me) void action.run('Closing the vote', () => closeVote(me, session.id, motion.id));
  };
  return (
    <>
      <button type="button" disabled={!!action.busy} onClick={() => setAsking(true)}>
        Close the vote
      </button>
      <ConfirmDialog
        open={asking}
        title="Close the vote on this motion?"
        confirm="Record the decision"
        busy={!!action.busy}
        onConfirm={close}
        onClose={() => setAsking(false)}
      >
        <p>{motion.text}</p>
        <NotVoted motion={motion} body={body} />
        <ClosingPreview session={session} motion={motion} action={action} body={body} />
        <p className="hint">Once recorded, the decision cannot be changed.</p>
      </ConfirmDialog>
    </>
  );
}

/** The decision closing now would record, read again as ballots and the casting vote come in. */
function ClosingPreview({ session, motion, action, body }: Props & { body?: BodyInfo }) {
  const key = `${session.id}/${motion.id}/${votedCount(motion)}/${motion.casting ?? ''}`;
  const preview = useResource(() => closingDecision(session.id, motion.id), key);
  const { org } = useOrg();
  const decision = preview.data;
  if (preview.error) return <ErrorNote error={preview.error} />;
  if (!decision) return <Loading what="the decision" />;
  const tally = decision.tally;
  const tied = !motion.alternatives?.length && tally['aye'] === tally['nay'];
  return (
    <>
      <p className="preview">
        Closing now records: <strong>{explanationNamedIn(org, decision.explanation)}</strong>
      </p>
      {tied && !decision.castingVote && (
        <CastingVote
          session={session}
          motion={motion}
          action={action}
          body={body}
          onGiven={preview.reload}
        />
      )}
    </>
  );
}

/** Whether the running tally shows a tie with at least one ballot in (0 to 0 is a tie too, but
 * the chair is asked about that one only at the close). */
export function showsTie(motion: Motion): boolean {
  const tally = motion.tally;
  return (
    motion.status === 'open' &&
    !motion.alternatives?.length &&
    !!tally &&
    votedCount(motion) > 0 &&
    (tally['aye'] ?? 0) === (tally['nay'] ?? 0)
  );
}

/**
 * The chair's casting vote on a tie, where the charter gives one: the chair's buttons, or for
 * anyone else a word that the chair may give it.
 */
export function CastingVote({
  session,
  motion,
  action,
  body,
  onGiven,
}: Props & { body?: BodyInfo; onGiven?: () => void }) {
  const { me } = useMe();
  const { org } = useOrg();
  if (!body?.castingVote) return null;
  const chair = session.chair ?? body.chair;
  if (motion.casting)
    return (
      <p className="casting">
        The chair has given a casting vote: {choiceLabel(motion.casting)}. It counts if the vote is
        tied when it closes.
      </p>
    );
  if (chair && motion.presentAtOpen && !motion.presentAtOpen.includes(chair))
    return (
      <p className="casting">
        The vote is tied; the chair, {nameOf(org, chair)}, was not present when it opened and has no
        casting vote on it.
      </p>
    );
  if (!me || me.person !== chair)
    return (
      <p className="casting">
        The vote is tied: the chair{chair ? `, ${nameOf(org, chair)},` : ''} may break the tie with
        a casting vote.
      </p>
    );
  const cast = async (choice: 'aye' | 'nay') => {
    const ref = { session: session.id, motion: motion.id, choice };
    if (await action.run('Casting vote', () => sendAct(me, 'vote.casting', ref))) onGiven?.();
  };
  return (
    <div className="casting" role="group" aria-label="The chair's casting vote">
      <p>The vote is tied: as chair you may break the tie.</p>
      <div className="actions">
        {(['aye', 'nay'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            className={`small casting-${choice}`}
            disabled={!!action.busy}
            onClick={() => void cast(choice)}
          >
            Casting vote: {choiceLabel(choice)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The voting members present when the vote opened who have cast no ballot yet (none once the
 * vote is not open). */
export function notVotedYet(motion: Motion, body: BodyInfo | undefined): string[] {
  if (motion.status !== 'open') return [];
  const voted = new Set(motion.voted ?? []);
  return votersPresentAtOpen(motion, body).filter((p) => !voted.has(p));
}

/** The voting members present when the vote opened (a candidate present has no vote); none
 * before it opens. */
export function votersPresentAtOpen(motion: Motion, body: BodyInfo | undefined): string[] {
  if (!motion.presentAtOpen || !body) return [];
  const voters = motion.votingAtOpen ?? body.members.filter((p) => isVotingMember(p, body));
  return motion.presentAtOpen.filter((p) => voters.includes(p));
}

/** The voting members present when the vote opened who have cast no ballot yet. */
export function NotVoted({ motion, body }: { motion: Motion; body?: BodyInfo }) {
  const { org } = useOrg();
  if (motion.status !== 'open' || !motion.presentAtOpen || !body) return null;
  const waiting = notVotedYet(motion, body);
  // A ballot's live event brings the count at once and the names with the session read a moment
  // later: meanwhile the names would list as not voted someone the count has just counted.
  const namesBehind = votedCount(motion) > (motion.voted?.length ?? 0);
  return (
    <p className="not-voted" aria-live="polite">
      {waiting.length === 0
        ? 'Everyone present when the vote opened has voted.'
        : namesBehind
          ? 'Not voted yet: updating…'
          : `Not voted yet: ${waiting.map((p) => nameOf(org, p)).join(', ')}`}
    </p>
  );
}
