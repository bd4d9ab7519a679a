/** collegium session open|close · arrive · depart · motion · vote open|close|count|casting · ballot */
import { Option } from 'commander';
import type { Command } from 'commander';
import {
  attendance,
  castBallot,
  castingVote,
  closeSession,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
  recordCounts,
} from '../../app/proceedings.js';
import type { DraftSource, Ledger } from '../../app/ledger.js';
import { CHOICES } from '../../core/rules/types.js';
import type { Choice } from '../../core/rules/types.js';
import { motionKey } from '../../core/state/index.js';
import { withLedger } from '../context.js';
import type { RecordOptions } from '../context.js';
import { motionLines } from '../format.js';
import { CliError } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';

type Options = RecordOptions & { as?: string };

/** The options every recording command takes. */
function recording(command: Command): Command {
  return command
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (env COLLEGIUM_DB; default ./collegium.db)',
    )
    .option('--key <file...>', 'private key file(s) of whoever signs (env COLLEGIUM_KEY)')
    .option('--as <person>', 'who acts (default: the body secretary, else its chair)');
}

async function recordOne(
  out: Output,
  options: Options,
  make: (ledger: Ledger) => DraftSource,
  done: (ledger: Ledger, index: number) => string[],
): Promise<void> {
  await withLedger(options, async (ledger) => {
    const entry = await record(ledger, make(ledger));
    out.lines(done(ledger, entry.index));
    out.value({ entry: entry.index, leafHash: Buffer.from(entry.leafHash).toString('hex') });
  });
}

export function registerSessionCommands(program: Command, run: Run): void {
  const session = program.command('session').description('open and close sessions');
  recording(
    session
      .command('open')
      .argument('<id>', 'a new session id')
      .description('open a session of a body'),
  )
    .requiredOption('--body <body>', 'the body that meets')
    .option('--title <text>')
    .option('--date <yyyy-mm-dd>')
    .option('--place <text>')
    .option('--chair <person>', 'who chairs this session')
    .addOption(
      new Option(
        '--minutes',
        'transcribe from minutes: record what happened, flag what breaks a rule',
      ),
    )
    .action(
      run(
        async (
          out,
          id: string,
          o: Options & {
            body: string;
            title?: string;
            date?: string;
            place?: string;
            chair?: string;
            minutes?: boolean;
          },
        ) => {
          const input = {
            session: id,
            body: o.body,
            mode: o.minutes ? ('minutes' as const) : ('live' as const),
            ...pick(o, ['title', 'date', 'place', 'chair']),
          };
          await recordOne(
            out,
            o,
            () => openSession(input, o.as),
            (_, i) => [`session ${id} of ${o.body} opened [entry ${i}]`],
          );
        },
      ),
    );
  recording(session.command('close').argument('<id>').description('close a session')).action(
    run(async (out, id: string, o: Options) =>
      recordOne(
        out,
        o,
        () => closeSession(id, o.as),
        (_, i) => [`session ${id} closed [entry ${i}]`],
      ),
    ),
  );

  for (const kind of ['arrive', 'depart'] as const) {
    recording(
      program
        .command(kind)
        .argument('<session>')
        .argument('<person...>')
        .description(
          kind === 'arrive' ? 'record arrivals (check in)' : 'record departures (check out)',
        ),
    ).action(
      run(async (out, sessionId: string, people: string[], o: Options) => {
        await withLedger(o, async (ledger) => {
          const entries = await ledger.append(
            people.map((p) => attendance(kind, sessionId, p, o.as)),
          );
          const present = ledger.state.sessions.get(sessionId)?.present.size ?? 0;
          out.lines([
            `${people.join(', ')} ${kind === 'arrive' ? 'arrived' : 'left'}; ${present} present [entries ${entries.map((e) => e.index).join(', ')}]`,
          ]);
          out.value({ entries: entries.map((e) => e.index), present });
        });
      }),
    );
  }

  recording(
    program
      .command('motion')
      .argument('<session>')
      .argument('<id>', 'a motion id, new in this session')
      .description('put a motion before a session'),
  )
    .requiredOption('--text <text>', 'the wording')
    .option('--proposer <person>')
    .option('--kind <kind>', 'a motion kind of the charter (its own majority or quorum)')
    .option('--power <power>', 'the delegated power it is decided under')
    .option('--alternatives <ids>', 'several alternatives, comma-separated, instead of one formula')
    .addOption(
      new Option('--method <method>', 'for alternatives').choices(['plurality', 'absolute']),
    )
    .action(
      run(
        async (
          out,
          sessionId: string,
          id: string,
          o: Options & {
            text: string;
            proposer?: string;
            kind?: string;
            power?: string;
            alternatives?: string;
            method?: 'plurality' | 'absolute';
          },
        ) => {
          const input = {
            session: sessionId,
            motion: id,
            text: o.text,
            ...pick(o, ['proposer', 'kind', 'power']),
            ...(o.alternatives
              ? {
                  alternatives: o.alternatives.split(',').map((a) => a.trim()),
                  method: o.method ?? 'plurality',
                }
              : {}),
          };
          await recordOne(
            out,
            o,
            () => proposeMotion(input, o.as),
            (_, i) => [`motion ${id} put [entry ${i}]`],
          );
        },
      ),
    );

  const vote = program.command('vote').description('open, count, and close votes');
  recording(
    vote
      .command('open')
      .argument('<session>')
      .argument('<motion>')
      .description('open the vote: who is present now may vote'),
  ).action(
    run(async (out, s: string, m: string, o: Options) =>
      recordOne(
        out,
        o,
        () => openVote(s, m, o.as),
        (l, i) => [
          `vote on ${m} open; ${l.state.motions.get(motionKey(s, m))?.presentAtOpen.length ?? 0} present [entry ${i}]`,
        ],
      ),
    ),
  );
  recording(
    vote
      .command('close')
      .argument('<session>')
      .argument('<motion>')
      .description('close the vote and record the decision the charter gives'),
  ).action(
    run(async (out, s: string, m: string, o: Options) =>
      recordOne(
        out,
        o,
        () => closeVote(s, m, o.as ? { actor: o.as } : {}),
        (l) => {
          const motion = l.state.motions.get(motionKey(s, m));
          return motion ? motionLines(l.state.charter, motion, 1) : [];
        },
      ),
    ),
  );
  const count = recording(
    vote
      .command('count')
      .argument('<session>')
      .argument('<motion>')
      .description('record a vote as counts only (a show of hands)'),
  );
  for (const c of CHOICES) count.option(`--${c} <n>`, `number ${c}`, parseCount);
  count.option('--for <alternative=n...>', 'for alternatives: votes per alternative').action(
    run(async (out, s: string, m: string, o: Options & Record<string, unknown>) => {
      const counts: Record<string, number> = {};
      for (const c of CHOICES) {
        const v = o[camel(c)];
        if (typeof v === 'number') counts[c] = v;
      }
      for (const pair of (o['for'] as string[] | undefined) ?? []) {
        const [alt, n] = pair.split('=');
        if (!alt || n === undefined)
          throw new CliError(`--for ${pair}: write ALTERNATIVE=N`, 2, 'usage');
        counts[alt] = parseCount(n);
      }
      await recordOne(
        out,
        o,
        () => recordCounts(s, m, counts, o.as),
        (_, i) => [`counts recorded for ${m} [entry ${i}]`],
      );
    }),
  );
  recording(
    vote
      .command('casting')
      .argument('<session>')
      .argument('<motion>')
      .argument('<choice>', 'aye or nay')
      .description("the chair's casting vote on a tie"),
  ).action(
    run(async (out, s: string, m: string, choice: string, o: Options) => {
      if (choice !== 'aye' && choice !== 'nay')
        throw new CliError(`a casting vote is aye or nay, not '${choice}'`, 2, 'usage');
      await recordOne(
        out,
        o,
        () => castingVote(s, m, choice, o.as),
        (_, i) => [`casting vote ${choice} on ${m} [entry ${i}]`],
      );
    }),
  );

  recording(
    program
      .command('ballot')
      .argument('<session>')
      .argument('<motion>')
      .argument('<voter>')
      .argument('<choice>', `${CHOICES.join(' | ')}, or an alternative's id`)
      .description('cast a ballot'),
  )
    .option('--by <holder>', 'the proxy holder casting it for the voter')
    .action(
      run(
        async (
          out,
          s: string,
          m: string,
          voter: string,
          choice: string,
          o: Options & { by?: string },
        ) => {
          if (o.as !== undefined) {
            usage('a ballot is cast by the voter, or for them by a proxy holder with --by');
          }
          await recordOne(
            out,
            o,
            (ledger) => {
              const motion = ledger.state.motions.get(motionKey(s, m));
              const vote = motion?.alternatives
                ? { alternative: choice === 'abstain' ? null : choice }
                : (CHOICES as readonly string[]).includes(choice)
                  ? { choice: choice as Choice }
                  : usage(`'${choice}' is not a choice: ${CHOICES.join(', ')}`);
              return castBallot({
                session: s,
                motion: m,
                voter,
                ...vote,
                ...(o.by ? { castBy: o.by } : {}),
              });
            },
            (_, i) => [`ballot of ${voter} on ${m}: ${choice} [entry ${i}]`],
          );
        },
      ),
    );
}

function usage(message: string): never {
  throw new CliError(message, 2, 'usage');
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) usage(`'${value}' is not a count (a whole number, 0 or more)`);
  return Number(value);
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(
    keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]),
  ) as Partial<Pick<T, K>>;
}
