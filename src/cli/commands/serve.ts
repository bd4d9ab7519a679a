/** collegium serve: the HTTP API and the web app over a record, until stopped. */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import { stdSerializers } from 'pino';
import type { LoggerOptions } from 'pino';
import { maxAttachmentBytes } from '../../app/attachments.js';
import { openDemo } from '../../app/demo.js';
import type { Demo } from '../../app/demo.js';
import { Ledger, RecordUnreadable } from '../../app/ledger.js';
import { openingProblem } from '../../app/opening-check.js';
import { loadWitnessList, WITNESS_FILE } from '../../app/witness-files.js';
import type { WitnessEndpoint } from '../../app/witness-files.js';
import type { FastifyInstance } from 'fastify';
import type { ServerOptions } from '../../server/index.js';
import { displayLocation, isPostgresUrl, openStore } from '../../store/index.js';
import { makeFolders, whyNotMade } from '../../store/folders.js';
import type { RecordStore } from '../../store/index.js';
import { CliError, loaded, readBytes, readText, usage } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import { checkOrigin } from '../options.js';
import { isLoopback } from '../../server/loopback.js';
import { damagedRecord } from '../context.js';
import { codeOf } from '../../core/errors.js';
import type { FileKind } from '../../core/format/source-bytes.js';

export const DEFAULT_PORT = 4180;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA = './collegium-data';
const DEFAULT_EXAMPLE = 'cooperative-board';
/** PEM files of some KB (a certificate chain, a private key): far larger is not one. */
const TLS_CERTIFICATE: FileKind = { name: 'a TLS certificate', maxBytes: 1024 * 1024 };
const TLS_KEY: FileKind = { name: 'a TLS private key', maxBytes: 1024 * 1024 };

interface ServeOptions {
  port?: string;
  host?: string;
  data?: string;
  db?: string;
  demo?: boolean;
  demoPublic?: boolean;
  example?: string;
  origin?: string;
  /** true when given without a value. */
  trustProxy?: true | string;
  tlsCert?: string;
  tlsKey?: string;
  loginsPerMinute?: string;
  streamsPerAddress?: string;
  web?: string;
  witnesses?: string;
  logLevel?: string;
}

const env = (name: string): string | undefined => process.env[name] || undefined;

/** A setting's value and the name it was given by: a refusal names what the operator wrote. */
export interface Given {
  readonly value: string;
  readonly name: string;
}

/**
 * A setting from its flag, else from the environment: a unit file sets COLLEGIUM_PORT, and a
 * refusal that named `--port` would send its reader looking for a flag nobody gave.
 */
function given(
  flagValue: string | undefined,
  flagName: string,
  variable: string,
): Given | undefined;
function given(
  flagValue: string | undefined,
  flagName: string,
  variable: string,
  fallback: string,
): Given;
function given(
  flagValue: string | undefined,
  flagName: string,
  variable: string,
  fallback?: string,
): Given | undefined {
  if (flagValue !== undefined) return { value: flagValue, name: flagName };
  const fromEnv = env(variable);
  if (fromEnv !== undefined) return { value: fromEnv, name: variable };
  return fallback === undefined ? undefined : { value: fallback, name: flagName };
}
/** What a switch's value says: on (1, true or yes), off (0, false, no or empty), or neither. */
function switched(value: string): boolean | undefined {
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no|)$/i.test(value)) return false;
  return undefined;
}

/** A switch set in the environment: on or off as `switched` reads it, unset off; nothing else. */
function flag(name: string): boolean {
  const value = process.env[name] ?? '';
  return (
    switched(value) ?? usage(`${name}: '${value}' is neither 1 nor 0 (true or false, yes or no)`)
  );
}

export function registerServeCommand(program: Command, run: Run): void {
  serveOptions(
    program
      .command('serve')
      .description(
        'serve the HTTP API and the web app over a record (docs/api.md); prints the URL',
      ),
  ).action(run(serve));
}

function serveOptions(command: Command): Command {
  return command
    .option('--port <n>', `port (env COLLEGIUM_PORT; default ${DEFAULT_PORT}; 0 for any free one)`)
    .option(
      '--host <address>',
      `address to listen on (env COLLEGIUM_HOST; default ${DEFAULT_HOST})`,
    )
    .option('--data <folder>', `the data folder (env COLLEGIUM_DATA; default ${DEFAULT_DATA})`)
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (env COLLEGIUM_DB; default DATA/collegium.db)',
    )
    .option(
      '--demo',
      'demo mode (env COLLEGIUM_DEMO=1): a demo organization whose keys the server holds; anyone may act as anyone',
    )
    .option(
      '--demo-public',
      'allow --demo on an address other than loopback or behind a proxy (env COLLEGIUM_DEMO_PUBLIC=1): the demo holds every person’s private key, so anyone who reaches it may act as anyone',
    )
    .option('--example <name>', `the demo's example organization (default ${DEFAULT_EXAMPLE})`)
    .option(
      '--origin <url>',
      'the public origin, as browsers reach it, for logins and invitation links (env COLLEGIUM_ORIGIN); required on a host other than loopback and behind a proxy; else each request’s own',
    )
    .option(
      '--trust-proxy [n|addresses]',
      `trust X-Forwarded-For/-Proto from the proxy in front; N: from N proxies in a row (a CDN, then a balancer; 1 to ${MOST_PROXIES}); or from the proxies at these addresses (IP or CIDR, comma-separated) (env COLLEGIUM_TRUST_PROXY=1, N or addresses)`,
    )
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM; env COLLEGIUM_TLS_CERT)')
    .option('--tls-key <file>', 'and this private key (PEM; env COLLEGIUM_TLS_KEY)')
    .option(
      '--logins-per-minute <n>',
      'login attempts allowed a minute from one address (env COLLEGIUM_LOGINS_PER_MINUTE; default 10)',
    )
    .option(
      '--streams-per-address <n>',
      'event streams open at once from one address (env COLLEGIUM_STREAMS_PER_ADDRESS; default 100)',
    )
    .option('--web <folder>', 'the built web app to serve (env COLLEGIUM_WEB; default dist/web)')
    .option(
      '--log-level <level>',
      `what is logged to standard error as JSON lines (env COLLEGIUM_LOG_LEVEL; ${LOG_LEVELS.join(', ')}; default warn: problems only; info: every request too)`,
    )
    .option(
      '--witnesses <file>',
      'YAML: witnesses: [{url: <submission prefix>, key: <verifier key>}]; each is asked to cosign every new checkpoint (env COLLEGIUM_WITNESSES)',
    );
}

/**
 * The settings of serve: each option, else its environment variable, else its default; each
 * checked (files read, numbers parsed) before the record is opened, so that a wrong one leaves
 * nothing open behind its refusal.
 */
function settings(options: ServeOptions) {
  const demoMode = options.demo === true || flag('COLLEGIUM_DEMO');
  const trustProxy = proxiesTrusted(
    given(
      options.trustProxy === true ? '1' : options.trustProxy,
      '--trust-proxy',
      'COLLEGIUM_TRUST_PROXY',
    ),
  );
  const { port, host, origin } = listening(options, demoMode, trustProxy !== false);
  const folder = options.data ?? env('COLLEGIUM_DATA') ?? DEFAULT_DATA;
  const db = options.db ?? env('COLLEGIUM_DB') ?? join(folder, 'collegium.db');
  const cert = options.tlsCert ?? env('COLLEGIUM_TLS_CERT');
  const key = options.tlsKey ?? env('COLLEGIUM_TLS_KEY');
  if ((cert === undefined) !== (key === undefined))
    usage('give both --tls-cert and --tls-key, or neither');
  const logins = given(
    options.loginsPerMinute,
    '--logins-per-minute',
    'COLLEGIUM_LOGINS_PER_MINUTE',
  );
  const streams = given(
    options.streamsPerAddress,
    '--streams-per-address',
    'COLLEGIUM_STREAMS_PER_ADDRESS',
  );
  return {
    demoMode,
    trustProxy,
    port,
    host,
    origin,
    folder,
    db,
    https: cert !== undefined && key !== undefined ? tlsFiles(cert, key) : undefined,
    logins: logins === undefined ? undefined : number(logins),
    streams: streams === undefined ? undefined : number(streams),
    web: webFolder(given(options.web, '--web', 'COLLEGIUM_WEB')),
    witnesses: witnessesFrom(options.witnesses ?? env('COLLEGIUM_WITNESSES')),
    example: options.example ?? DEFAULT_EXAMPLE,
    logLevel: logLevel(given(options.logLevel, '--log-level', 'COLLEGIUM_LOG_LEVEL', 'warn')),
    maxAttachment: attachmentLimit(),
  };
}

/** The most proxies in a row that --trust-proxy counts: more is taken for a mistake. */
const MOST_PROXIES = 9;

/**
 * The proxies in front whose X-Forwarded-For and -Proto are trusted: none (0, false or no, as
 * the environment's switches say); so many in a row (true or yes: the one that connects); or
 * those at the addresses given, comma-separated, each an IP address or a CIDR range.
 */
function proxiesTrusted(setting: Given | undefined): false | number | string[] {
  if (setting === undefined) return false;
  const { value, name } = setting;
  const on = switched(value);
  if (on !== undefined) return on && 1;
  const refused = (what: string) =>
    usage(
      `${name}: '${what}' is neither a number of proxies in a row (1 to ${MOST_PROXIES}) nor the address of one (IP or CIDR, comma-separated)`,
    );
  if (/^[1-9]\d*$/.test(value))
    return Number(value) <= MOST_PROXIES ? Number(value) : refused(value);
  const addresses = value.split(',').map((address) => address.trim());
  const wrong = addresses.find((address) => !isAddressOrRange(address));
  return wrong === undefined ? addresses : refused(wrong);
}

/** An IP address (4 or 6), or a range of them in CIDR notation (10.0.0.0/8, fd00::/8). */
function isAddressOrRange(text: string): boolean {
  const [address = '', bits, ...more] = text.split('/');
  const family = isIP(address);
  if (family === 0 || address.includes('%') || more.length > 0) return false;
  return (
    bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  );
}

/**
 * A web app's folder given: it must hold a built app (its index.html). The default one (dist/web)
 * may be missing, in a checkout not built: its pages then say so.
 */
function webFolder(folder: Given | undefined): string | undefined {
  if (folder !== undefined && !existsSync(join(folder.value, 'index.html')))
    usage(
      `${folder.name}: ${folder.value} holds no index.html: give the folder of a built web app (npm run build makes dist/web)`,
    );
  return folder?.value;
}

/** COLLEGIUM_MAX_ATTACHMENT, checked before anything starts: a wrong one is a usage error. */
function attachmentLimit(): number {
  try {
    return maxAttachmentBytes();
  } catch (error) {
    return usage((error as Error).message);
  }
}

const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

function logLevel({ value, name }: Given): (typeof LOG_LEVELS)[number] {
  const level = LOG_LEVELS.find((l) => l === value);
  return level ?? usage(`${name}: '${value}' is not one of ${LOG_LEVELS.join(', ')}`);
}

type Settings = ReturnType<typeof settings>;

async function serve(out: Output, options: ServeOptions): Promise<void> {
  const s = settings(options);
  // Only the demo keeps files of its own there (its keys, beside its record).
  if (s.demoMode) makeDataFolder(s.folder);
  const { ledger, demo } = await openRecord(s);
  // Loaded here, not with every command: the server's modules take longer to load than most
  // commands take to run.
  const { buildServer } = await import('../../server/index.js');
  let app: FastifyInstance;
  try {
    app = buildServer(serverOptions(s, ledger, demo));
  } catch (error) {
    await ledger.store.close();
    throw error;
  }
  await listen(app, s.port, s.host, () => ledger.store.close());
  // Listened for before the URL is printed: whoever read it may stop the server at once.
  const closed = stopped(app);
  const url = urlOf(app, s.https !== undefined);
  const name = ledger.state.charter?.organization.name ?? 'the record';
  out.lines([
    `Collegium: ${name} at ${url}`,
    `record: ${displayLocation(s.db)}${demo?.created ? ' (created now)' : ''}`,
    ...(demo
      ? [
          `DEMO MODE: every person's key is in ${demo.keysFile}; any visitor may act as anyone. Not for a real organization.`,
        ]
      : []),
    'stop with Ctrl-C',
  ]);
  out.value({ url, db: displayLocation(s.db), demo: demo !== undefined });
  await closed;
  await ledger.store.close();
}

function makeDataFolder(folder: string): void {
  try {
    makeFolders(folder);
  } catch (error) {
    throw new CliError(
      `cannot create the data folder ${folder} (${whyNotMade(folder, error)}): give --data a folder this user may write`,
      1,
      'cannot-create',
    );
  }
}

/**
 * The server's log: one JSON object a line on `stream`. Read by people as much as by tools: the
 * level's name and an ISO time; an error's cause as an object of its own, since our errors'
 * messages already say what their cause says (pino's default would append it again).
 */
export function loggerOptions(
  level: string,
  stream: NodeJS.WritableStream,
): LoggerOptions & { stream: NodeJS.WritableStream } {
  return {
    level,
    stream,
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: { err: stdSerializers.errWithCause },
  };
}

function serverOptions(s: Settings, ledger: Ledger, demo: Demo | undefined): ServerOptions {
  return {
    ledger,
    // Structured (one JSON object a line) on standard error: by default what goes wrong in the
    // background (a witness not reached, a close at a deadline that failed); at info, requests.
    logger: loggerOptions(s.logLevel, process.stderr),
    ...(demo ? { demo: { keys: demo.keys } } : {}),
    rehearse: true,
    ...(s.origin ? { origin: s.origin } : {}),
    ...(s.web ? { webRoot: s.web } : {}),
    ...(s.witnesses ? { witnesses: s.witnesses } : {}),
    trustProxy: s.trustProxy,
    maxAttachmentBytes: s.maxAttachment,
    ...(s.https ? { https: s.https } : {}),
    ...(s.logins !== undefined ? { loginsPerMinute: s.logins } : {}),
    ...(s.streams !== undefined ? { eventStreamsPerAddress: s.streams } : {}),
  };
}

/**
 * A certificate and its private key (PEM), checked before the server is made: a file that is
 * neither, or a certificate of another key, is refused by name instead of failing the start.
 */
function tlsFiles(certFile: string, keyFile: string): { cert: string; key: string } {
  const cert = readText(certFile, TLS_CERTIFICATE);
  const key = readText(keyFile, TLS_KEY);
  const refused = (file: string, what: string, error: unknown): never => {
    throw new CliError(`${file}: not ${what} (${(error as Error).message})`, 1, 'invalid-file');
  };
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (error) {
    return refused(certFile, 'a PEM certificate', error);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    return refused(keyFile, 'a PEM private key', error);
  }
  if (!certificate.checkPrivateKey(privateKey))
    throw new CliError(
      `${certFile} is not a certificate of the key in ${keyFile}`,
      1,
      'invalid-file',
    );
  return { cert, key };
}

/** The witnesses of a --witnesses file, each problem of the file at its line and column. */
function witnessesFrom(file: string | undefined): readonly WitnessEndpoint[] | undefined {
  if (file === undefined) return undefined;
  return loaded(file, loadWitnessList(readBytes(file, WITNESS_FILE))).value;
}

/** The URL the server answers at, as it listens. */
function urlOf(app: FastifyInstance, https: boolean): string {
  const address = app.server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${https ? 'https' : 'http'}://${shown}:${address.port}/`;
}

/** Resolves once the server is closed on SIGINT or SIGTERM. */
function stopped(app: FastifyInstance): Promise<void> {
  return new Promise<void>((resolve) => {
    let closing = false;
    // The handlers stay till the process ends: a second signal ends it at once, without the
    // drain; none ever falls through to the default, which kills mid-write.
    const stop = (signal: NodeJS.Signals) => {
      if (closing) process.exit(signal === 'SIGINT' ? 130 : 143);
      closing = true;
      void app.close().then(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Where to listen and the origin browsers reach it at, checked before anything is opened. */
function listening(
  options: ServeOptions,
  demo: boolean,
  trustProxy: boolean,
): { port: number; host: string; origin: string | undefined } {
  const port = portNumber(given(options.port, '--port', 'COLLEGIUM_PORT', String(DEFAULT_PORT)));
  const host = hostAddress({
    value: options.host ?? env('COLLEGIUM_HOST') ?? DEFAULT_HOST,
    name: '--host',
  });
  const givenOrigin = given(options.origin, '--origin', 'COLLEGIUM_ORIGIN');
  const origin = givenOrigin && checkOrigin(givenOrigin.name, givenOrigin.value);
  // Reached from other machines (directly or through a proxy), a request's Host header is
  // theirs to write, so it cannot say what logins are signed for and invitation links point to.
  const reached = !isLoopback(host)
    ? `--host ${host} is reachable from other machines`
    : trustProxy
      ? 'behind a proxy (--trust-proxy) the server is reached from other machines'
      : undefined;
  if (reached === undefined) return { port, host, origin };
  if (origin === undefined)
    usage(
      `${reached}: give the origin browsers reach it at with --origin URL (env COLLEGIUM_ORIGIN), for logins and invitation links`,
    );
  if (demo && !(options.demoPublic === true || flag('COLLEGIUM_DEMO_PUBLIC')))
    usage(
      `--demo: ${reached}, and would let anyone act as anyone with the private keys the demo holds: add --demo-public if that is what you want`,
    );
  return { port, host, origin };
}

/**
 * Listens, or stops everything started (the verifying threads would keep the process alive)
 * and says why it cannot, in one line.
 */
async function listen(
  app: FastifyInstance,
  port: number,
  host: string,
  closeStore: () => Promise<void>,
): Promise<void> {
  try {
    // A vote brings many connections at once: more than the default 511 may wait to be accepted.
    await app.listen({ port, host, backlog: 4096 });
  } catch (error) {
    await app.close();
    await closeStore();
    const code = codeOf(error);
    const reason =
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is in use (another server?): choose another with --port`
        : code === 'EACCES'
          ? `port ${port} on ${host} may not be used by this user: choose one above 1023 with --port`
          : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? `${host} is not an address of this machine: choose another with --host`
            : `cannot listen on ${host} port ${port}: ${error instanceof Error ? error.message : String(error)}`;
    throw new CliError(reason, 1, 'listen');
  }
}

export function portNumber({ value, name }: Given): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    usage(`${name}: '${value}' is not a port (0 to 65535)`);
  return Number(value);
}

/** An address to listen on: node:http takes an empty one for every interface, a slip unsaid. */
export function hostAddress({ value, name }: Given): string {
  if (value.trim() === '')
    usage(`${name}: '${value}' is no address: give one (0.0.0.0 for every interface)`);
  return value;
}

/** A limit given as a count: none at all would shut everyone out, so at least 1. */
function number({ value, name }: Given): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) usage(`${name}: '${value}' is not a whole number, 1 or more`);
  return Number(value);
}

/** Whether the demo's record is the file in its data folder, the default. */
const demoInFolder = (s: Settings): boolean => s.db === join(s.folder, 'collegium.db');

function demoRecordAt(s: Settings): string {
  return demoInFolder(s)
    ? `the demo record in ${s.folder}`
    : `the demo record at ${displayLocation(s.db)}`;
}

/**
 * What to remove for the demo to be built anew: the record, wherever it is (a record kept out of
 * the data folder outlives the folder, and would be refused again); a keys file left beside it
 * is replaced by the new record's.
 */
function demoRemoval(s: Settings): string {
  if (demoInFolder(s)) return `remove ${s.folder}`;
  return isPostgresUrl(s.db)
    ? `empty ${displayLocation(s.db)} (drop the database and create it again)`
    : `remove ${s.db}`;
}

/**
 * The record to serve, opened once; one that fails the opening check is not served: exit 1,
 * saying what is wrong. The demo's is checked only when it was made before.
 */
async function openRecord(s: Settings): Promise<{ ledger: Ledger; demo?: Demo }> {
  const check = async (store: RecordStore) => {
    const problem = await openingProblem(store);
    if (problem !== undefined) throw damagedRecord(s.db, problem, 'serving');
  };
  if (s.demoMode) {
    const demo = await openDemo({ db: s.db, folder: s.folder, example: s.example, check }).catch(
      (error: unknown) => {
        if (!(error instanceof RecordUnreadable)) throw error;
        throw new CliError(
          `${demoRecordAt(s)} does not open under this version of Collegium (${error.message}): it holds only the demo, so ${demoRemoval(s)} and start again to build it anew`,
          1,
          'record-unreadable',
        );
      },
    );
    return { ledger: demo.ledger, demo };
  }
  const store = await openStore(s.db, { create: false });
  try {
    await check(store);
    return { ledger: await Ledger.open(store) };
  } catch (error) {
    await store.close();
    throw error;
  }
}
