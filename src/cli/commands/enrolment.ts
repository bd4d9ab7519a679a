/** collegium enrol · invite · revoke: members' own keys. */
import type { Command } from 'commander';
import {
  enrolMember,
  invite,
  inviteOnDecision,
  newInvitationToken,
  revokeKey,
  tokenHash,
} from '../../app/enrolment.js';
import type { AppendedEntry, Ledger } from '../../app/ledger.js';
import { isCanonicalBase64 } from '../../core/bytes.js';
import { publicKeySchema } from '../../core/charter/schema.js';
import { isUsableBase64Key, WEAK_PUBLIC_KEY } from '../../core/public-keys.js';
import type { Charter } from '../../core/charter/index.js';
import { timeInWords } from '../../core/minutes/words.js';
import { personKeys, personName } from '../../core/state/index.js';
import type { State } from '../../core/state/index.js';
import { readingLedger, recordAct } from '../context.js';
import type { RecordOptions } from '../context.js';
import { usage } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import { ARGUMENT, checkOrigin, dbOption, recordingOptions } from '../options.js';
import type { RecordingOptions } from '../options.js';

export function registerEnrolmentCommands(program: Command, run: Run): void {
  registerEnrol(program, run);
  registerInvite(program, run);
  registerRevoke(program, run);
  registerPeople(program, run);
}

const KEY_PREFIX = 'ed25519:';

/** The base64 key of an `ed25519:BASE64` argument, refused unless canonical. */
function publicKeyArgument(text: string): string {
  if (!publicKeySchema.safeParse(text).success || !isCanonicalBase64(text.slice(KEY_PREFIX.length)))
    usage(`'${text}' is not a public key: give ed25519: and then 32 bytes in canonical base64`);
  if (!isUsableBase64Key(text.slice(KEY_PREFIX.length))) usage(`'${text}' is ${WEAK_PUBLIC_KEY}`);
  return text.slice(KEY_PREFIX.length);
}

/** Reports a recorded entry in one line, and as its index with --json. */
function reported(out: Output, line: (index: number, state: State) => string) {
  return (entry: AppendedEntry, ledger: Ledger): void => {
    out.lines([line(entry.index, ledger.state)]);
    out.value({ entry: entry.index });
  };
}

function registerEnrol(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('enrol')
      .argument('<person>', 'a person of the charter')
      .argument(
        '<public-key>',
        'their public key, ed25519:BASE64 (from collegium keygen on their machine)',
      )
      .description(
        "enrol a key of a person's own: from then on they sign their own acts with it (a person may hold several: a phone, a laptop)",
      ),
    'private key file of the officer who enrols, if they have one',
    'the officer who enrols (default: the first secretary of the charter)',
  ).action(
    run(async (out, person: string, publicKey: string, o: RecordingOptions) => {
      const key = publicKeyArgument(publicKey);
      await recordAct(
        o,
        () => enrolMember(person, key, o.as ? { actor: o.as } : {}),
        reported(out, (index, state) => `${personName(state, person)} enrolled [entry ${index}]`),
      );
    }),
  );
}

type InviteOptions = RecordingOptions & { origin?: string; days: string; decision?: string };

const DEFAULT_ORIGIN = 'http://127.0.0.1:4180';

/** The origin the link points to, from --origin or COLLEGIUM_ORIGIN, checked before recording. */
function inviteOrigin(flag: string | undefined): string {
  const variable = process.env['COLLEGIUM_ORIGIN'];
  const origin =
    flag !== undefined
      ? checkOrigin('--origin', flag)
      : variable !== undefined
        ? checkOrigin('COLLEGIUM_ORIGIN', variable)
        : DEFAULT_ORIGIN;
  return origin.replace(/\/$/, '');
}

/** SESSION/MOTION: the adopted motion that re-invites the person. */
function decisionArgument(text: string): { session: string; motion: string } {
  const [session, motion, ...rest] = text.split('/');
  if (!session || !motion || rest.length > 0)
    usage(`--decision: '${text}' is not SESSION/MOTION (the adopted motion that re-invites)`);
  return { session, motion };
}

function registerInvite(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('invite')
      .argument('<person>', 'a person of the charter')
      .description(
        'invite a person to enrol a key of their own in the browser: prints the link to send them (the first officer of a new record is enrolled this way too)',
      ),
    'private key file of the officer who invites, if they have one',
    'the officer who invites (default: the first secretary of the charter)',
  )
    .option(
      '--origin <url>',
      `the server as browsers reach it (env COLLEGIUM_ORIGIN; default ${DEFAULT_ORIGIN})`,
    )
    .option('--days <n>', 'how long the invitation is good for', '7')
    .option(
      '--decision <session/motion>',
      "the organization's invitation, on an adopted motion that re-invites the person (no officer acts)",
    )
    .action(
      run(async (out, person: string, o: InviteOptions) => {
        const days = Number(o.days);
        if (!Number.isInteger(days) || days < 1 || days > 365)
          usage(`--days: '${o.days}' is not a number of days (1 to 365)`);
        const origin = inviteOrigin(o.origin);
        const decision = o.decision === undefined ? undefined : decisionArgument(o.decision);
        if (decision && o.as !== undefined)
          usage('an invitation on a decision is the organization’s: no one acts --as for it');
        const token = newInvitationToken();
        const expires = new Date(Date.now() + days * 86_400_000).toISOString();
        await recordAct(
          o,
          () =>
            decision
              ? inviteOnDecision(person, tokenHash(token), expires, decision)
              : invite(person, tokenHash(token), expires, o.as),
          (entry, ledger) => {
            const url = `${origin}/enrol#${token}`;
            out.lines([
              `${personName(ledger.state, person)} invited to enrol a key until ${timeInWords(expires)} [entry ${entry.index}]: send them this link`,
              url,
            ]);
            out.value({ entry: entry.index, url, token, expires });
          },
        );
      }),
    );
}

function registerRevoke(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('revoke')
      .argument('<person>', ARGUMENT.person)
      .description(
        "revoke a person's key (lost or compromised): any officer may; they can be invited to enrol a new one",
      ),
    'private key file of the officer who revokes, if they have one',
    'the officer who revokes',
  )
    .option('--reason <text>', 'why it is revoked (lost, stolen, compromised)')
    .option(
      '--public-key <ed25519:BASE64>',
      'which of their keys, when they hold several (collegium people lists them)',
    )
    .action(
      run(
        async (
          out,
          person: string,
          o: RecordingOptions & { reason?: string; publicKey?: string },
        ) => {
          const key = o.publicKey === undefined ? undefined : publicKeyArgument(o.publicKey);
          await recordAct(
            o,
            () =>
              revokeKey(person, {
                ...(key ? { key } : {}),
                ...(o.reason ? { reason: o.reason } : {}),
                ...(o.as ? { actor: o.as } : {}),
              }),
            reported(
              out,
              (index, state) => `${personName(state, person)}'s key revoked [entry ${index}]`,
            ),
          );
        },
      ),
    );
}

/** Each person of the charter in force, with what they hold office or sit in, and their keys. */
function registerPeople(program: Command, run: Run): void {
  dbOption(
    program
      .command('people')
      .description(
        'list the people of the charter in force: where each sits, and the keys they sign with (several: a phone, a laptop)',
      ),
  ).action(
    run(async (out, o: RecordOptions) => {
      await readingLedger(o, async (ledger) => {
        const state = ledger.state;
        const charter = state.charter!;
        const people = [...charter.people.values()].map((p) => ({
          id: p.id,
          name: p.name,
          seats: seatsOf(charter, p.id),
          keys: personKeys(state, p.id).map((k) => `${KEY_PREFIX}${k}`),
        }));
        out.lines(
          people.flatMap((p) => [
            `${p.id}: ${p.name}${p.seats.length > 0 ? ` (${p.seats.join('; ')})` : ''}`,
            ...(p.keys.length > 0
              ? p.keys.map((k) => `  key ${k}`)
              : ['  no key of their own: the secretary signs for them']),
          ]),
        );
        out.value(people);
      });
    }),
  );
}

/** Where a person sits: "board: chair", "finance-committee: member". */
function seatsOf(charter: Charter, person: string): string[] {
  return [...charter.bodies.values()].flatMap((b) => {
    const roles = [
      b.chair === person ? 'chair' : '',
      b.secretary === person ? 'secretary' : '',
      b.officers.includes(person) ? 'officer' : '',
      b.candidates.includes(person)
        ? 'candidate'
        : b.votingMembers.includes(person)
          ? 'member'
          : '',
    ].filter(Boolean);
    return roles.length > 0 ? [`${b.id}: ${roles.join(', ')}`] : [];
  });
}
