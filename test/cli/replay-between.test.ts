/**
 * Replay of what comes between sessions: the register of dispatches, circulations with their
 * answers and outcome, ratifications, instruments drafted, signed and issued; in the order of dates,
 * with flags where history breaks a rule, and refusals located in the file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLES as EXAMPLE_FOLDER, proceedingsFiles } from '../../src/app/demo.js';
import { cli } from '../support/cli.js';
import { COOPERATIVE, EXAMPLE_LIST, editedCharterJson } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';

const DESIGN = fileURLToPath(new URL('../fixtures/design/', import.meta.url));
const CHARTER = join(DESIGN, 'charter-between.yaml');
const BETWEEN = join(DESIGN, 'between.yaml');
/** The Politburo session the design's Georgia directive rests on, recorded before it. */
const GEORGIA_SESSION = join(DESIGN, 'politburo-1920-05-05.yaml');
const CHARTER_TEXT = readFileSync(CHARTER, 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'collegium-between-'));
let files = 0;
const write = (text: string): string => {
  const file = join(dir, `proceedings-${files++}.yaml`);
  writeFileSync(file, text);
  return file;
};
const db = (): string => join(dir, `record-${files++}.db`);

/** The cooperative's charter of 2025, its board passing written resolutions ratified later. */
const CONSENT_CHARTER = join(dir, 'consent-charter.yaml');
writeFileSync(
  CONSENT_CHARTER,
  JSON.stringify(
    editedCharterJson(COOPERATIVE.charter, (c) => {
      c.bodies['board']!['circulation'] = { rule: 'unanimous', ratify: 'next-session' };
    }),
  ),
);

interface Item {
  readonly [key: string]: unknown;
  readonly flags?: string[];
}

/** Runs replay with --json, expecting success; the objects it prints. */
async function replayed(...args: string[]): Promise<Item[]> {
  const r = await cli('--json', 'replay', ...args);
  expect(r.code, r.err + r.out).toBe(0);
  return JSON.parse(r.out) as Item[];
}

interface Entry {
  readonly index: number;
  readonly type: string;
  readonly actor: string | null;
  readonly signer: string | null;
  readonly payload: Record<string, unknown>;
}

async function log(location: string): Promise<Entry[]> {
  const r = await cli('--json', 'log', '--db', location);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Entry[];
}

/**
 * The design's trust policy, as written, is read: its log key, a placeholder, is told at its line
 * and trusts no record; with the record's own key in its place, the directive is accepted.
 */
async function verifiedUnderTheDesignsPolicy(location: string): Promise<void> {
  const bundle = join(dir, `georgia-${files++}.json`);
  expect(
    (await cli('export', 'instrument', 'georgia-directive', '--db', location, '-o', bundle)).code,
  ).toBe(0);
  const policy = join(DESIGN, 'policy.yaml');
  const placeholder = await cli('verify', bundle, '--trust', policy);
  expect(placeholder.code, placeholder.err).toBe(1);
  expect(placeholder.err).toContain(
    `${policy}:1:8: warning: not a verifier key: no checkpoint verifies by it`,
  );
  expect(placeholder.out).toContain('refused (untrusted-checkpoint): ');
  const key = (await cli('log-key', '--db', location)).out.trim();
  const own = write(readFileSync(policy, 'utf8').replace(/\[\S+\]/, `[${key}]`));
  const accepted = await cli('verify', bundle, '--trust', own);
  expect(accepted.code, accepted.out + accepted.err).toBe(0);
  expect(accepted.err).not.toContain('warning');
  expect(accepted.out).toContain(`${bundle}: accepted under ${own}`);
}

describe('replay between sessions', () => {
  for (const backend of BACKENDS) {
    it(`records the design's dispatch, consultation and instruments, and audits, on ${backend.name}`, async () => {
      const handle = await backend.fresh();
      try {
        await replayed(GEORGIA_SESSION, '--charter', CHARTER, '--db', handle.location);
        const items = await replayed(BETWEEN, '--db', handle.location);
        expect(items).toEqual([
          // By date: the directive of May 1920 first; the mandate and the receipt, undated,
          // after it; the revocation (dated 1918) after the mandate it revokes. Nothing of their
          // own gives the mandate's or the receipt's year: the register numbers them without one.
          {
            instrument: 'georgia-directive',
            kind: 'directive',
            body: 'politburo',
            number: '004/109',
            state: 'issued',
            signatures: ['lenin', 'stalin'],
            flags: [],
            entry: 14,
          },
          {
            instrument: 'nationalities-mandate',
            kind: 'mandate',
            body: 'politburo',
            number: '2',
            state: 'revoked',
            signatures: [],
            flags: ['Political Bureau issues no mandate: its charter names directive'],
            entry: 18,
          },
          {
            instrument: 'trotsky-loan',
            kind: 'receipt',
            body: 'politburo',
            number: '3',
            state: 'issued',
            signatures: ['pestkovsky'],
            flags: ['Political Bureau issues no receipt: its charter names directive'],
            entry: 20,
          },
          {
            dispatch: 'baku-destroyer',
            body: 'politburo',
            number: '1920/517',
            received: '1920-09-24',
            from: 'G. K. Ordzhonikidze, Baku',
            state: 'referred',
            flags: [],
            entry: 24,
          },
          {
            circulation: 'enzeli',
            body: 'politburo',
            text: 'Permit a destroyer to be sent to Enzeli?',
            dispatch: 'baku-destroyer',
            outcome: 'rejected',
            explanation:
              'rejected: 2 nays (trotsky and krestinsky); 2 of 2 asked answered; majority of votes cast required',
            stated: 'rejected',
            flags: [],
            entry: 29,
          },
        ]);
        const entries = (await log(handle.location)).slice(14);
        expect(entries.map((e) => `${e.type} ${e.actor} ${e.signer}`)).toEqual([
          'instrument.draft null null',
          'instrument.sign lenin lenin',
          'instrument.sign stalin stalin',
          'instrument.issue null null',
          'instrument.draft null null',
          'instrument.issue null null',
          'instrument.draft null null',
          'instrument.sign pestkovsky pestkovsky',
          'instrument.issue null null',
          'instrument.revoke null null',
          'dispatch.register lenin lenin',
          'dispatch.refer lenin lenin',
          'circulation.open lenin lenin',
          'circulation.answer trotsky lenin',
          'circulation.answer krestinsky krestinsky',
          'circulation.close lenin lenin',
        ]);
        const [draft, first, second] = entries;
        expect(draft!.payload).toMatchObject({
          mode: 'minutes',
          restsOn: { session: 'pb-1920-05-05', motion: 'georgia' },
          date: '1920-05-05',
        });
        // Each signature covers the content and follows the one before it.
        expect(first!.payload).toMatchObject({ after: null });
        expect(second!.payload['content']).toBe(first!.payload['content']);
        expect(second!.payload['after']).toMatch(/^[0-9a-f]{64}$/);
        // The mandate's text is written from its holder and scope; the revocation keeps its date.
        expect(entries[4]!.payload['text']).toBe(
          "Mandate to S. S. Pestkovsky: to set up the People's Commissariat of Nationalities",
        );
        expect(entries[6]!.payload['text']).toBe(
          'Receipt for 3000 RUB received from L. D. Trotsky',
        );
        expect(entries[9]!.payload).toEqual({
          instrument: 'nationalities-mandate',
          date: '1918-06-01',
        });
        const open = entries[12]!;
        expect(open.payload).toMatchObject({
          mode: 'minutes',
          deadline: '1920-09-25T12:00:00.000Z',
          to: ['trotsky', 'krestinsky'],
          rule: { majority: 'votes-cast' },
        });
        // Trotsky's answer came by telephone and Lenin took it down; Krestinsky's is his own.
        expect(entries[13]).toMatchObject({
          actor: 'trotsky',
          signer: 'lenin',
          payload: { choice: 'nay', channel: 'telephone', at: '1920-09-24T23:10:00.000Z' },
        });
        expect((await cli('audit', '--db', handle.location)).code).toBe(0);
        // The first sample of the design, sessions only, is read and recorded as before.
        const sessions = await replayed(join(DESIGN, 'proceedings.yaml'), '--db', handle.location);
        expect(sessions.map((m) => m['outcome'])).toEqual([
          'adopted',
          'adopted',
          'revolutionary-war',
        ]);
        await verifiedUnderTheDesignsPolicy(handle.location);
      } finally {
        await handle.dispose();
      }
    });

    it(`replays every file of the examples in order, each as its minutes state, on ${backend.name}`, async () => {
      for (const example of EXAMPLE_LIST) {
        const handle = await backend.fresh();
        try {
          const items: Item[] = [];
          for (const file of proceedingsFiles(join(EXAMPLE_FOLDER, example.name)))
            items.push(
              ...(await replayed(file, '--charter', example.charter, '--db', handle.location)),
            );
          for (const item of items.filter((i) => 'stated' in i))
            expect(item['outcome'], JSON.stringify(item)).toBe(item['stated']);
          const flagged = Object.fromEntries(
            items
              .filter((i) => (i.flags ?? []).length > 0)
              .map((i) => [i['circulation'] ?? i['motion'] ?? i['instrument'], i.flags]),
          );
          const audit = await cli('audit', '--db', handle.location);
          expect(audit.code, audit.out + audit.err).toBe(0);
          if (example === COOPERATIVE) checkCooperative(items, flagged);
          else checkCentralCommittee(items, flagged);
        } finally {
          await handle.dispose();
        }
      }
    });
  }
});

function byId(items: readonly Item[], id: string): Item | undefined {
  return items.find(
    (i) => (i['circulation'] ?? i['dispatch'] ?? i['motion'] ?? i['instrument']) === id,
  );
}

function checkCooperative(items: Item[], flagged: Record<string, unknown>) {
  // A written resolution by unanimous consent, ratified at the next meeting.
  expect(byId(items, 'lobby-door')).toMatchObject({
    outcome: 'adopted',
    explanation:
      'adopted by unanimous consent: 7 ayes (ada, ben, chen, dana, eli, gus and ivo); 7 of 7 asked answered',
    ratification: {
      by: 'board',
      status: 'ratified',
      decidedBy: { session: 'board-2026-09-09', motion: 'ratify-lobby-door' },
    },
  });
  expect(byId(items, 'ratify-lobby-door')).toMatchObject({
    outcome: 'adopted',
    ratifies: { circulation: 'lobby-door' },
    flags: [],
  });
  // One that fails: a director's answer came after the deadline.
  expect(byId(items, 'bike-room-lights')).toMatchObject({
    outcome: 'rejected',
    explanation:
      'rejected: unanimous consent needs an aye from every member asked; 6 ayes (ada, ben, chen, dana, eli and ivo), no answer from gus; 6 of 7 asked answered',
  });
  expect(flagged).toEqual({
    'bike-room-lights': ['gus answered after the deadline: answer not counted'],
  });
  // The barn roof: a mandate until the end of November, and a payment order signed by the
  // chair, then the treasurer, both on the board's decision.
  expect(byId(items, 'barn-roof-mandate')).toMatchObject({
    kind: 'mandate',
    state: 'issued',
    signatures: ['dana'],
  });
  expect(byId(items, 'barn-roof-deposit')).toMatchObject({
    kind: 'payment-order',
    state: 'issued',
    signatures: ['dana', 'chen'],
    flags: [],
  });
}

function checkCentralCommittee(items: Item[], flagged: Record<string, unknown>) {
  // The deferred answer: registered, referred to Stalin, answered once he arrived.
  expect(byId(items, 'trotsky-special-letter')).toMatchObject({
    number: '1918/1',
    state: 'closed',
    flags: [],
  });
  expect(byId(items, 'trotsky-recess')).toMatchObject({
    outcome: 'adopted',
    dispatch: 'trotsky-special-letter',
    flags: [],
  });
  // The executive committee's decision, confirmed by the Council at its next session.
  expect(byId(items, 'food-supply')).toMatchObject({
    ratification: {
      by: 'council',
      status: 'ratified',
      decidedBy: { session: 'cpc-1918-02-26', motion: 'confirm-food-supply' },
    },
  });
  // The consultation on the destroyer dispatch.
  expect(byId(items, 'baku-destroyer')).toMatchObject({ number: '1920/1', state: 'referred' });
  expect(byId(items, 'enzeli')).toMatchObject({ outcome: 'rejected', flags: [] });
  expect(items.filter((i) => 'instrument' in i).map((i) => i['instrument'])).toEqual([
    'ultimatum-to-the-minority',
    'nationalities-mandate',
    'trotsky-loan',
    'lenin-note-1918-01-18',
    'recess-reply-1918-01-18',
    'georgia-directive',
  ]);
  // Ten signatures in the order given, at least eight of members and candidates: issued.
  expect(byId(items, 'ultimatum-to-the-minority')).toMatchObject({
    state: 'issued',
    signatures: [
      'lenin',
      'trotsky',
      'stalin',
      'sverdlov',
      'uritsky',
      'dzerzhinsky',
      'joffe',
      'bubnov',
      'sokolnikov',
      'muranov',
    ],
  });
  expect(byId(items, 'nationalities-mandate')).toMatchObject({ state: 'revoked' });
  // Never settled: the receipt still stands.
  expect(byId(items, 'trotsky-loan')).toMatchObject({
    state: 'issued',
    signatures: ['pestkovsky'],
  });
  expect(byId(items, 'georgia-directive')).toMatchObject({
    state: 'issued',
    number: '004/109',
    signatures: ['lenin', 'stalin'],
    flags: [],
  });
  // Flagged: the protocol of 24 January, whose totals exceed those present, and Lenin's note,
  // a reply of the Bureau resting on no decision of it.
  expect(flagged).toMatchObject({
    'lenin-note-1918-01-18': ['an instrument of this kind rests on a decision of Bureau of four'],
  });
  expect(Object.keys(flagged)).toEqual([
    'lenin-note-1918-01-18',
    'no-war-no-peace',
    'revolutionary-war',
  ]);
}

describe('replay between sessions, on SQLite', () => {
  it('records in the order of dates, and shows the ratification under each decision', async () => {
    const location = db();
    const file = write(`body: board
sessions:
  - id: s1
    date: 2026-09-10
    present: [ada, ben, chen, dana]
    motions:
      - id: confirm
        text: Ratify the written resolution of 1 September.
        ratifies: {circulation: paint}
        vote: {aye: [ada, ben, chen, dana]}
        stated: adopted
circulations:
  - id: paint
    opened: 2026-09-01
    by: hana
    text: Paint the stairwell.
    deadline: 2026-09-05
    answers: {ada: aye, ben: aye, chen: aye, dana: aye, eli: aye, fay: aye, gus: aye}
    stated: adopted
  - id: mural
    opened: 2026-09-11
    by: ada
    text: Commission a mural.
    deadline: 2026-09-18T12:00
    answers: {ada: aye, ben: aye, chen: aye, dana: aye, eli: aye, fay: aye, gus: aye}
`);
    const r = await cli('replay', file, '--charter', CONSENT_CHARTER, '--db', location);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(
      [
        'circulation paint: adopted by unanimous consent: 7 ayes (Ada Okafor, Ben Lindqvist, Chen Wei, Dana Morales, Eli Novak, Fay Osei and Gus Tanaka); 7 of 7 asked answered',
        '  ratified by motion 1 ("Ratify the written resolution of 1 September") of the session of Board of Directors on 10 September 2026 [entry 21]',
        's1/confirm: adopted: 4 ayes against 0 nays, majority of votes cast; 4 of 7 voting members present, quorum 4',
        '  ratifies the question "Paint the stairwell" put to Board of Directors (1 September 2026)',
        'circulation mural: adopted by unanimous consent: 7 ayes (Ada Okafor, Ben Lindqvist, Chen Wei, Dana Morales, Eli Novak, Fay Osei and Gus Tanaka); 7 of 7 asked answered',
        '  provisional: awaits ratification by a session of Board of Directors',
        `1 motion and 2 circulations recorded in ${location}; 0 flagged`,
        '',
      ].join('\n'),
    );
    const entries = await log(location);
    const types = entries.map((e) => e.type);
    expect(types.indexOf('circulation.close')).toBeLessThan(types.indexOf('session.open'));
    expect(types.lastIndexOf('circulation.open')).toBeGreaterThan(types.indexOf('session.close'));
    // The secretary closes it with the outcome the rule gives, as the minutes state it.
    expect(entries.find((e) => e.type === 'circulation.close')).toMatchObject({
      actor: 'hana',
      payload: { circulation: 'paint', stated: 'adopted', decision: { outcome: 'adopted' } },
    });
    // A second run finds the first item, by date, recorded already.
    const again = await cli('replay', file, '--db', location);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`${file}:13:9: circulation 'paint' is in the record already`);
  });

  it('flags what history did against the rules, as for sessions', async () => {
    const file = write(`body: bureau
circulations:
  - id: q1
    opened: 1918-01-10
    by: lenin
    text: A question outside the bureau's powers.
    to: [lenin, stalin, trotsky]
    at-hand: [zinoviev]
    deadline: 1918-01-12
    rule: {majority: votes-cast}
    answers:
      lenin: {choice: aye, at: 1918-01-11T10:00}
      stalin: {choice: aye, at: 1918-01-13}
      sverdlov: nay
      trotsky: {choice: nay, comment: Not ours to decide.}
    stated: adopted
`);
    const location = db();
    const r = await cli('replay', file, '--charter', CHARTER, '--db', location);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(
      [
        'circulation q1: rejected: 1 aye (V. I. Lenin), 1 nay (L. D. Trotsky), no answer from J. V. Stalin; 2 of 3 asked answered; a tie fails (a question in writing has no casting vote); majority of votes cast required',
        '  ! J. V. Stalin answered after the deadline: answer not counted',
        '  ! Ya. M. Sverdlov answered without being asked: answer not counted',
        '  ! Bureau of four decided outside its delegated powers (extraordinary-affairs)',
        '  ! Bureau of four did not draw in G. E. Zinoviev of its parent, who was at hand',
        '  ! the minutes state adopted; the rules give rejected',
        `1 circulation recorded in ${location}; 1 flagged`,
        '',
      ].join('\n'),
    );
    expect((await cli('audit', '--db', location)).code).toBe(0);
  });

  it('numbers an instrument without a date in the year of what it rests on or answers, never of what it follows', async () => {
    const file = write(`body: politburo
sessions:
  - id: pb-1918
    date: 1918-11-02
    present: [lenin, trotsky, stalin]
    motions:
      - {id: order, text: Order it., vote: {aye: [lenin, trotsky, stalin]}}
dispatches:
  - {id: wire, received: 1919-03-01, from: Baku, channel: direct-wire, text: Permission?}
instruments:
  - {id: d-1920, kind: directive, date: 1920-05-05, text: First., rests-on: {session: pb-1918, motion: order}, signatures: [lenin, stalin]}
  - {id: d-rests, kind: directive, text: Second., rests-on: {session: pb-1918, motion: order}, signatures: [lenin, stalin]}
  - {id: d-answers, kind: directive, text: Third., rests-on: {session: pb-1918, motion: order}, answers: wire, signatures: [lenin, stalin]}
  - {id: m-unknown, kind: mandate, holder: pestkovsky, scope: to set up a commissariat}
  - revoke: m-unknown
    date: 1921-06-01
`);
    const items = await replayed(file, '--charter', CHARTER, '--db', db());
    const numbers = Object.fromEntries(
      items.filter((i) => 'instrument' in i).map((i) => [i['instrument'], i['number']]),
    );
    // Listed after a directive of 1920, the undated ones take the year of the decision they carry
    // out (1918), or of the later dispatch they answer (1919); with neither, no year is known.
    expect(numbers).toEqual({
      'd-1920': '1920/1',
      'd-rests': '1918/1',
      'd-answers': '1919/1',
      'm-unknown': '4',
    });
  });

  it('records a withdrawn question, and flags a consultation that left out one referred to', async () => {
    const file = write(`body: politburo
dispatches:
  - id: wire
    received: 1920-09-24
    from: Baku
    channel: direct-wire
    text: Permission?
    referrals:
      - {by: lenin, inscription: I'll ask Trotsky and Krestinsky, to: [trotsky, krestinsky]}
      - {inscription: For the Central Committee, to: central-committee}
    closed: Answered by wire.
circulations:
  - id: ask
    opened: 1920-09-24
    by: lenin
    dispatch: wire
    text: Permit it?
    to: [trotsky]
    deadline: 1920-09-25
    answers: {trotsky: nay}
  - id: dropped
    opened: 1920-09-25
    by: lenin
    text: Something else.
    deadline: 1920-09-26
    withdrawn: Overtaken by events.
`);
    const items = await replayed(file, '--charter', CHARTER, '--db', db());
    expect(items[0]).toMatchObject({
      dispatch: 'wire',
      number: '1920/1',
      state: 'closed',
      // Referred to Krestinsky, and to the Central Committee: the Politburo asked neither.
      flags: [
        'the inscription refers it to krestinsky, whom no question put on it asked',
        'the inscription refers it to central-committee, to which no question on it was put',
      ],
    });
    // Without its own rule, the Politburo's applies: unanimous consent of those asked.
    expect(items[1]).toMatchObject({ circulation: 'ask', outcome: 'rejected' });
    expect(items[2]).toMatchObject({
      circulation: 'dropped',
      outcome: 'withdrawn',
      explanation: 'withdrawn: Overtaken by events.',
      flags: [],
    });
  });

  it('shows the reason a question was withdrawn for as written, naming no one in it', async () => {
    const file = write(`body: politburo
circulations:
  - id: dropped
    opened: 1920-09-25
    by: lenin
    text: Something else.
    deadline: 1920-09-26
    withdrawn: 'no answer from trotsky; overtaken by events'
`);
    const r = await cli('replay', file, '--charter', CHARTER, '--db', db());
    expect(r.err).toBe('');
    expect(r.out).toContain(
      'circulation dropped: withdrawn: no answer from trotsky; overtaken by events\n',
    );
  });

  it('records a joint session, and a decision that follows another', async () => {
    const charter = join(dir, 'joint-charter.yaml');
    writeFileSync(
      charter,
      `${CHARTER_TEXT.replace(
        '  stassova: {name: E. D. Stassova}',
        '  stassova: {name: E. D. Stassova}\n  kamkov: {name: B. D. Kamkov}\n  spiridonova: {name: M. A. Spiridonova}\n  karelin: {name: V. A. Karelin}',
      )}
  left-sr-cc:
    name: Central Committee of the Left Essars
    members: [kamkov, spiridonova, karelin]
    quorum: majority
    majority: votes-cast
  joint-cc:
    name: Joint session of the two central committees
    joint: {bodies: [central-committee, left-sr-cc], votes: each-body}
    quorum: majority
    majority: votes-cast
`,
    );
    const file = write(`body: central-committee
sessions:
  - id: cc-1918-02-23
    date: 1918-02-23
    present: [lenin, trotsky, stalin, sverdlov, zinoviev, krestinsky, bukharin, uritsky]
    motions:
      - id: accept-terms
        text: Accept the German terms of peace.
        vote: {aye: 7, nay: 1}
        stated: adopted
  - id: joint-1918-02-23
    body: joint-cc
    date: 1918-02-23
    present: [lenin, trotsky, stalin, sverdlov, zinoviev, kamkov, spiridonova, karelin]
    motions:
      - id: accept-terms
        text: Accept the German terms of peace.
        follows: {session: cc-1918-02-23, motion: accept-terms}
        vote:
          aye: [lenin, trotsky, stalin, sverdlov, zinoviev, karelin]
          nay: [kamkov, spiridonova]
        stated: rejected
`);
    const location = db();
    const items = await replayed(file, '--charter', charter, '--db', location);
    expect(items[1]).toMatchObject({ session: 'joint-1918-02-23', outcome: 'rejected', flags: [] });
    expect(items[1]!['explanation']).toMatch(/^rejected: each body's own majority is required: /);
    const propose = (await log(location)).filter((e) => e.type === 'motion.propose')[1];
    expect(propose?.payload).toMatchObject({
      follows: { session: 'cc-1918-02-23', motion: 'accept-terms' },
    });
    expect((await cli('audit', '--db', location)).code).toBe(0);
  });
});

describe('replay of a dispatch with its files', () => {
  for (const backend of BACKENDS) {
    it(`keeps the files beside the proceedings with the record, by their hash, on ${backend.name}`, async () => {
      const handle = await backend.fresh();
      const bytes = new TextEncoder().encode(
        'Permission to send a destroyer to Enzeli (Persia)?\n',
      );
      writeFileSync(join(dir, 'wire.txt'), bytes);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const elsewhere = { name: 'photo.jpg', hash: 'ab'.repeat(32), size: 4 };
      const text = `body: politburo
dispatches:
  - id: baku
    received: 1920-09-24
    from: Baku
    channel: direct-wire
    text: Permission?
    attachments:
      - wire.txt
      - {name: photo.jpg, hash: ${elsewhere.hash}, size: 4}
`;
      try {
        await replayed(write(text), '--charter', CHARTER, '--db', handle.location);
        const [, register] = await log(handle.location);
        expect(register?.payload['attachments']).toEqual([
          { name: 'wire.txt', hash, size: bytes.length },
          elsewhere,
        ]);
        const store = await handle.open({ create: false });
        expect(await store.attachment(hash)).toEqual(bytes);
        expect(await store.attachment(elsewhere.hash)).toBeUndefined();
        await store.close();
        expect((await cli('audit', '--db', handle.location)).code).toBe(0);

        // A file that is not there, or larger than allowed: refused at its place, nothing recorded.
        const before = await handle.dump();
        const missing = write(text.replace('baku', 'baku-2').replace('wire.txt', 'missing.txt'));
        let r = await cli('replay', missing, '--db', handle.location);
        expect(r.code).toBe(1);
        expect(r.err).toContain(`${missing}:9:9: ${join(dir, 'missing.txt')}: no such file`);
        process.env['COLLEGIUM_MAX_ATTACHMENT'] = '10';
        try {
          r = await cli('replay', write(text.replace('baku', 'baku-2')), '--db', handle.location);
        } finally {
          delete process.env['COLLEGIUM_MAX_ATTACHMENT'];
        }
        expect(r.code).toBe(1);
        expect(r.err).toMatch(/:9:9: attachment .*wire\.txt is 51 bytes, more than the 10 allowed/);
        expect(await handle.dump()).toEqual(before);
      } finally {
        await handle.dispose();
      }
    });
  }
});

describe('replay of instruments, in words', () => {
  it('lists each instrument with its signature line and flags', async () => {
    const location = db();
    expect(
      (await cli('replay', GEORGIA_SESSION, '--charter', CHARTER, '--db', location)).code,
    ).toBe(0);
    const r = await cli('replay', BETWEEN, '--db', location);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'directive no. 004/109 of Political Bureau (georgia-directive): issued',
      '  By order of the Politburo: V. I. Lenin. J. V. Stalin',
      'mandate no. 2 of Political Bureau (nationalities-mandate): revoked',
      '  Mandate: not signed yet',
      '  ! Political Bureau issues no mandate: its charter names directive',
      'receipt no. 3 of Political Bureau (trotsky-loan): issued',
      '  Receipt: S. S. Pestkovsky',
      '  ! Political Bureau issues no receipt: its charter names directive',
    ]);
    expect(r.out).toContain(
      `1 circulation, 1 dispatch and 3 instruments recorded in ${location}; 2 flagged`,
    );
    // The dispatch by its number, received on a day in words.
    expect(r.out).toMatch(
      /^dispatch no\. \S+ \(\S+\), received \d+ [A-Z][a-z]+ \d{4}(, \d\d:\d\d)? from /m,
    );
    // A file that only settles a receipt of the record says so, not "0 motions recorded".
    const settlement = write(
      'body: politburo\ninstruments:\n  - {settle: trotsky-loan, settled-by: trotsky}\n',
    );
    const settled = await cli('replay', settlement, '--db', location);
    expect(settled.out.split('\n')).toEqual([
      'receipt no. 3 of Political Bureau (trotsky-loan): settled',
      '  Receipt: S. S. Pestkovsky',
      `1 instrument recorded in ${location}; 0 flagged`,
      '',
    ]);
  });
});

describe('replay refusing what is not recorded before it', () => {
  for (const backend of BACKENDS) {
    it(`names the place, and leaves the record as it was, on ${backend.name}`, async () => {
      const handle = await backend.fresh();
      try {
        await replayed(GEORGIA_SESSION, '--charter', CHARTER, '--db', handle.location);
        await replayed(BETWEEN, '--db', handle.location);
        const before = await handle.dump();
        const later = write(`body: politburo
circulations:
  - id: early
    opened: 1920-09-26
    by: lenin
    dispatch: baku-destroyer
    text: On the destroyer again, a dispatch of the record.
    deadline: 1920-09-27
  - id: too-early
    opened: 1920-09-26
    by: lenin
    dispatch: second-wire
    text: On a dispatch not received yet.
    deadline: 1920-09-27
dispatches:
  - {id: second-wire, received: 1920-09-28, from: Baku, channel: direct-wire, text: Again?}
`);
        let r = await cli('replay', later, '--db', handle.location);
        expect(r.code).toBe(1);
        expect(r.err).toContain(
          `${later}:12:15: dispatch 'second-wire' is recorded after this (28 September 1920): what an item refers to must come before it`,
        );
        expect(await handle.dump()).toEqual(before);
        const nowhere = write(`body: politburo
sessions:
  - id: pb-1920-09-30
    date: 1920-09-30
    present: [lenin, trotsky, stalin]
    motions:
      - id: m1
        text: Confirm it.
        ratifies: {circulation: nowhere}
        vote: {aye: 3}
`);
        r = await cli('replay', nowhere, '--db', handle.location);
        expect(r.code).toBe(1);
        expect(r.err).toContain(
          `${nowhere}:9:19: no circulation 'nowhere' in the record or before this in the file`,
        );
        expect(await handle.dump()).toEqual(before);
        // What the record holds may be named: a motion that ratifies a rejected question is
        // recorded, and flagged, as minutes are.
        const enzeli = write(
          readFileSync(nowhere, 'utf8').replace('{circulation: nowhere}', '{circulation: enzeli}'),
        );
        const [motion] = await replayed(enzeli, '--db', handle.location);
        expect(motion?.flags).toContain(
          'm1 ratifies circulation enzeli, which awaits no ratification by politburo',
        );
        await refusesInstruments(handle);
      } finally {
        await handle.dispose();
      }
    });
  }
});

/** Instruments that name what is not recorded before them, or do what their kind does not. */
async function refusesInstruments(handle: { location: string; dump(): Promise<unknown> }) {
  const before = await handle.dump();
  const refused = async (text: string, problem: string) => {
    const file = write(text);
    const r = await cli('replay', file, '--db', handle.location);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:${problem}`);
    expect(await handle.dump()).toEqual(before);
  };
  await refused(
    `body: politburo
instruments:
  - {id: d2, kind: directive, text: T, date: 1920-10-01, rests-on: {session: pb-later, motion: m}}
sessions:
  - id: pb-later
    date: 1920-10-02
    present: [lenin, trotsky, stalin]
    motions: [{id: m, text: T, vote: {aye: 3}}]
`,
    "3:68: motion 'm' of session 'pb-later' is recorded after this (2 October 1920)",
  );
  await refused(
    'body: politburo\ninstruments:\n  - {settle: nowhere, note: paid}\n',
    "3:14: no instrument 'nowhere' in the record or before this in the file",
  );
  await refused(
    'body: politburo\ninstruments:\n  - {id: d3, kind: directive, text: T, answers: no-such-wire}\n',
    "3:49: no dispatch 'no-such-wire' in the record or before this in the file",
  );
  // A receipt of the record is settled, not revoked.
  await refused(
    'body: politburo\ninstruments:\n  - {revoke: trotsky-loan, reason: paid}\n',
    '3:14: trotsky-loan is a receipt: a mandate is revoked; a receipt is settled',
  );
  // Settled by its creditor, as the file says; the replay says what became of the receipt, drafted
  // before the file (its flags are its drafting's, not this file's).
  const settlement = write(
    'body: politburo\ninstruments:\n  - {settle: trotsky-loan, date: 1921-01-01, settled-by: trotsky}\n',
  );
  const items = await replayed(settlement, '--db', handle.location);
  expect(items).toEqual([
    expect.objectContaining({ instrument: 'trotsky-loan', state: 'settled', flags: [] }),
  ]);
  const entries = await log(handle.location);
  expect(entries.at(-1)).toMatchObject({
    type: 'instrument.settle',
    actor: 'trotsky',
    payload: { instrument: 'trotsky-loan', date: '1921-01-01' },
  });
}
