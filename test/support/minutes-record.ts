/**
 * A record for testing the minutes as documents: the cooperative's board with members named in
 * Cyrillic, with accents, and with markup in their names; a session held live under an agenda
 * (arrivals, a departure, an apology, a vote by name), its minutes signed, objected to and
 * approved by the next session; and a third session still sitting.
 */
import { Ledger } from '../../src/app/ledger.js';
import {
  conveneSession,
  excuseAbsence,
  minutesRefOf,
  objectToMinutes,
  signMinutes,
} from '../../src/app/minutes.js';
import {
  attendance,
  castBallot,
  closeSession,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, editedCharterJson } from './examples.js';

export const CYRILLIC = 'Владимир Ильич Ульянов';
export const ACCENTED = 'Zoë Müller-Łukasiewicz';
export const HOSTILE_NAME = '<img src=x onerror="alert(1)"> Chen & Co';
export const HOSTILE_TITLE = '<script>alert("minutes")</script> Budget & roof';
export const HOSTILE_OBJECTION = 'I object </blockquote><script>steal()</script> to item *1*';

/** Held, signed, objected to, approved by APPROVING. */
export const HELD = 'board-2027-11-20';
/** Held, approves HELD's minutes. */
export const APPROVING = 'board-2027-12-18';
/** Still sitting. */
export const SITTING = 'board-2028-01-15';

const VOTERS = ['ada', 'ben', 'chen', 'dana'] as const;

/** Creates the record at `location` (a new SQLite file) and gives its open ledger. */
export async function minutesRecord(
  location: string,
): Promise<{ ledger: Ledger; store: RecordStore }> {
  let now = Date.parse('2027-11-01T09:00:00.000Z');
  const clock = () => new Date((now += 60_000));
  const json = editedCharterJson(COOPERATIVE.charter, (c) => {
    c.people['ada']!.name = CYRILLIC;
    c.people['ben']!.name = ACCENTED;
    c.people['chen']!.name = HOSTILE_NAME;
  });
  const store = await openStore(location, { create: true });
  const ledger = await Ledger.create(store, json, { clock });
  await record(
    ledger,
    conveneSession(
      {
        session: HELD,
        body: 'board',
        date: '2027-11-20T18:00',
        title: HOSTILE_TITLE,
        place: 'The barn',
        agenda: [{ item: 'roof', title: 'The barn roof', motion: 'Repair the roof.' }],
      },
      { maxBytes: 1 << 20 },
    ),
  );
  now = Date.parse('2027-11-20T18:00:00.000Z');
  await heldSession(ledger);
  await record(ledger, signMinutes(HELD, 'ada'));
  await record(ledger, signMinutes(HELD, 'hana'));
  await record(ledger, objectToMinutes(HELD, 'chen', HOSTILE_OBJECTION));
  now = Date.parse('2027-12-18T18:00:00.000Z');
  await approvingSession(ledger);
  now = Date.parse('2028-01-15T18:00:00.000Z');
  await record(ledger, openSession({ session: SITTING, body: 'board', place: 'The barn' }));
  await ledger.append(['ada', 'ben', 'chen', 'dana'].map((p) => attendance('arrive', SITTING, p)));
  await record(
    ledger,
    proposeMotion({ session: SITTING, motion: 'paint', text: 'Paint the barn.', proposer: 'ben' }),
  );
  return { ledger, store };
}

async function heldSession(ledger: Ledger): Promise<void> {
  await record(ledger, openSession({ session: HELD, body: 'board' }));
  await ledger.append(['ada', 'ben', 'chen'].map((p) => attendance('arrive', HELD, p)));
  await record(ledger, excuseAbsence({ session: HELD, person: 'fay', reason: 'travelling' }));
  await record(
    ledger,
    proposeMotion({
      session: HELD,
      motion: 'roof',
      item: 'roof',
      text: 'Repair the roof.',
      proposer: 'ben',
    }),
  );
  await record(ledger, attendance('arrive', HELD, 'dana'));
  await record(ledger, openVote(HELD, 'roof'));
  for (const [voter, choice] of [
    ['ada', 'aye'],
    ['ben', 'aye'],
    ['chen', 'nay'],
    ['dana', 'aye'],
  ] as const)
    await record(ledger, castBallot({ session: HELD, motion: 'roof', voter, choice }));
  await record(ledger, closeVote(HELD, 'roof'));
  await record(ledger, attendance('depart', HELD, 'dana'));
  await record(ledger, closeSession(HELD));
}

async function approvingSession(ledger: Ledger): Promise<void> {
  await record(ledger, openSession({ session: APPROVING, body: 'board' }));
  await ledger.append(VOTERS.map((p) => attendance('arrive', APPROVING, p)));
  await record(
    ledger,
    proposeMotion({
      session: APPROVING,
      motion: 'approve',
      text: `Approve the minutes of ${HELD}.`,
      proposer: 'ada',
      approves: minutesRefOf(ledger.state, HELD),
    }),
  );
  await record(ledger, openVote(APPROVING, 'approve'));
  for (const voter of VOTERS)
    await record(
      ledger,
      castBallot({ session: APPROVING, motion: 'approve', voter, choice: 'aye' }),
    );
  await record(ledger, closeVote(APPROVING, 'approve'));
  await record(ledger, closeSession(APPROVING));
}
