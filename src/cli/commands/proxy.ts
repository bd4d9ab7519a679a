/** collegium proxy grant|revoke: a member lets another vote for them, and takes it back. */
import type { Command } from 'commander';
import { grantId, grantProxy, revokeProxy } from '../../app/proxies.js';
import type { Acts } from '../../core/acts.js';
import { timeInWords } from '../../core/minutes/words.js';
import { motionInWords, personName, sessionInWords } from '../../core/state/index.js';
import type { ProxyGrant, State } from '../../core/state/index.js';
import { recordAct } from '../context.js';
import { usage } from '../io.js';
import type { Run } from '../main.js';
import { MOMENT_FORMS, parseMoment, recordingOptions } from '../options.js';
import type { RecordingOptions } from '../options.js';

export function registerProxyCommands(program: Command, run: Run): void {
  const proxy = program
    .command('proxy')
    .description('proxies: a member lets another member of the body vote for them');
  registerGrant(proxy, run);
  registerRevoke(proxy, run);
}

const KEY_HELP = 'private key file of the grantor, or of the officer who records it for them';
const AS_HELP = 'the officer who records it for a grantor without a key (default: the secretary)';

type GrantOptions = RecordingOptions & {
  body: string;
  session?: string;
  motion?: string;
  until?: string;
  id?: string;
};

function registerGrant(proxy: Command, run: Run): void {
  recordingOptions(
    proxy
      .command('grant')
      .argument('<grantor>', 'the member who gives the proxy')
      .argument('<holder>', 'the member who will vote for them')
      .description(
        'record a proxy: for one session (or one motion of it), or until a time; the charter must allow proxies',
      ),
    KEY_HELP,
    AS_HELP,
  )
    .requiredOption('--body <body>', 'the body they both vote in')
    .option('--session <session>', 'for this session only')
    .option('--motion <motion>', 'with --session: for this motion only')
    .option('--until <when>', `instead of a session: until then: ${MOMENT_FORMS}`)
    .option('--id <grant>', 'the grant id (default: made from the session or body and the grantor)')
    .action(
      run(async (out, grantor: string, holder: string, o: GrantOptions) => {
        const scope = grantScope(o);
        await recordAct(
          o,
          (ledger) => {
            const parts = [o.session ?? o.body, ...(o.motion ? [o.motion] : []), grantor];
            const grant = o.id ?? grantId(ledger.state, parts);
            return grantProxy(grantor, { grant, body: o.body, holder, ...scope }, o.as);
          },
          (entry, ledger) => {
            const grant = [...ledger.state.grants.values()].find(
              (g) => g.grantedAt === entry.index,
            );
            const state = ledger.state;
            const what = o.session
              ? `for ${o.motion ? motionInWords(state, { session: o.session, motion: o.motion }) : sessionInWords(state, o.session)}`
              : `until ${timeInWords(scope.until!)}`;
            out.lines([`${grantInWords(state, grant!)} ${what} [entry ${entry.index}]`]);
            out.value({ entry: entry.index, grant: grant?.id });
          },
        );
      }),
    );
}

/** A proxy by its id, which revokes it, and who gave it to whom: "proxy s-eli of Eli Novak to Ada Okafor". */
function grantInWords(state: State, g: ProxyGrant): string {
  return `proxy ${g.id} of ${personName(state, g.grantor)} to ${personName(state, g.holder)}`;
}

/** One session (with one of its motions, maybe) or a time: exactly one of them. */
function grantScope(o: GrantOptions): Pick<Acts['proxy.grant'], 'session' | 'motion' | 'until'> {
  if ((o.session === undefined) === (o.until === undefined))
    usage(
      'a proxy is for one session (--session, maybe with --motion) or --until a time: give one',
    );
  if (o.motion !== undefined && o.session === undefined) usage('--motion needs --session');
  if (o.session !== undefined)
    return { session: o.session, ...(o.motion !== undefined ? { motion: o.motion } : {}) };
  // Read as --deadline reads it: a day alone is through that day.
  return { until: parseMoment(o.until!, new Date(), '--until') };
}

function registerRevoke(proxy: Command, run: Run): void {
  recordingOptions(
    proxy
      .command('revoke')
      .argument('<grant>', 'the grant id')
      .description('take back a proxy, as the member who gave it'),
    KEY_HELP,
    AS_HELP,
  )
    .option('--reason <text>', 'why it is taken back')
    .action(
      run(async (out, grant: string, o: RecordingOptions & { reason?: string }) => {
        await recordAct(
          o,
          () => revokeProxy(grant, o.reason, o.as),
          (entry, { state }) => {
            const revoked = state.grants.get(grant);
            out.lines([
              `${revoked ? grantInWords(state, revoked) : `proxy ${grant}`} revoked [entry ${entry.index}]`,
            ]);
            out.value({ entry: entry.index });
          },
        );
      }),
    );
}
