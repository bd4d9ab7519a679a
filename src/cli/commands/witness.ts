/**
 * collegium witness: a witness's key, and the witness itself (c2sp.org/tlog-witness), which
 * cosigns a log's checkpoints only while each extends the last one it cosigned.
 */
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  loadWitnessLogs,
  WITNESS_FILE,
  WITNESS_STATE_FILE,
  witnessState,
} from '../../app/witness-files.js';
import { WitnessService } from '../../app/witness-service.js';
import { generateKeyPair } from '../../record/ed25519.js';
import { formatSignerKey, SIGNATURE_TYPE } from '../../record/note.js';
import { cosigner, parseCosignerKey } from '../../record/witness.js';
import { witnessServer } from '../../server/witness-http.js';
import {
  checkNamed,
  CliError,
  loaded,
  readBytes,
  readJson,
  readText,
  refuseFile,
  usage,
} from '../io.js';
import type { Output, Refused } from '../io.js';
import { KEY_FILE, writeSecretFile } from '../keys.js';
import type { Run } from '../main.js';
import { shownSafely } from '../terminal-text.js';
import { hostAddress, portNumber } from './serve.js';

const DEFAULT_PORT = 4181;
const DEFAULT_HOST = '127.0.0.1';
const STATE_FILE = 'witness-state.json';

export function registerWitnessCommands(program: Command, run: Run): void {
  const witness = program
    .command('witness')
    .description(
      'a witness of logs (c2sp.org/tlog-witness): it cosigns a checkpoint only if it extends the last one it cosigned, so a rewritten history is refused',
    );
  witness
    .command('key')
    .description(
      'make a witness signing key (mode 0600, never overwritten); prints its verifier key',
    )
    .requiredOption('--name <name>', 'the witness key name, e.g. witness.example.org/w1')
    .requiredOption('-o, --out <file>', 'the key file to write')
    .action(run(witnessKey));
  witness
    .command('serve')
    .description('serve POST /add-checkpoint for the logs of --logs; prints the URL and key')
    .requiredOption('--key <file>', 'the witness signing key (collegium witness key)')
    .requiredOption(
      '--logs <file>',
      'YAML: logs: [{key: <log verifier key>, origin: <default: the key name>}]',
    )
    .option(
      '--state <file>',
      `the last checkpoint cosigned of each log (default: ${STATE_FILE} beside --logs)`,
    )
    .option('--port <n>', `port (default ${DEFAULT_PORT}; 0 for any free one)`)
    .option('--host <address>', `address to listen on (default ${DEFAULT_HOST})`)
    .action(run(serveWitness));
}

async function witnessKey(out: Output, options: { name: string; out: string }): Promise<void> {
  const { privateKey: seed } = generateKeyPair();
  let skey: string;
  try {
    skey = formatSignerKey(options.name, seed, SIGNATURE_TYPE.cosignatureEd25519);
  } catch (error) {
    usage(`--name: ${(error as Error).message}`);
  }
  writeSecretFile(options.out, `${skey}\n`);
  const { verifierKey } = cosigner(options.name, seed);
  out.lines([`witness key written to ${options.out}`, `verifier key: ${verifierKey}`]);
  out.value({ file: options.out, verifierKey });
}

interface WitnessServeOptions {
  key: string;
  logs: string;
  state?: string;
  port?: string;
  host?: string;
}

async function serveWitness(out: Output, options: WitnessServeOptions): Promise<void> {
  const port = portNumber({ value: options.port ?? String(DEFAULT_PORT), name: '--port' });
  const host = hostAddress({ value: options.host ?? DEFAULT_HOST, name: '--host' });
  const signer = readCosigner(options.key);
  const logs = loaded(options.logs, loadWitnessLogs(readBytes(options.logs, WITNESS_FILE))).value;
  const state = options.state ?? join(dirname(resolve(options.logs)), STATE_FILE);
  const service = new WitnessService(signer, logs, state, readState(state));
  // A refusal quotes what a client sent (the origin of a log not witnessed): shown, not obeyed.
  const server = witnessServer(service, (line) =>
    process.stderr.write(`witness: ${shownSafely(line)}\n`),
  );
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => done());
  }).catch((error: unknown) => {
    throw new CliError(
      `cannot listen on ${host} port ${port}: ${(error as Error).message}`,
      1,
      'listen',
    );
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${address.port}/`;
  out.lines([
    `witness ${signer.name} at ${url}`,
    `verifier key: ${signer.verifierKey}`,
    `logs: ${logs.map((log) => log.origin).join(', ')}`,
    `state: ${state}`,
    'stop with Ctrl-C',
  ]);
  out.value({ url, verifierKey: signer.verifierKey, logs: logs.map((log) => log.origin), state });
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => done());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function readCosigner(file: string) {
  try {
    return parseCosignerKey(readText(file, KEY_FILE).trim());
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${file}: not a witness key (${(error as Error).message})`,
      1,
      'invalid-key-file',
    );
  }
}

const NOT_STATE: Refused = { summary: 'not a witness state file' };

/** The last checkpoint cosigned of each log, as the state file keeps it: none before the first. */
function readState(file: string) {
  checkNamed(file);
  if (!existsSync(file)) return new Map();
  const { value, position } = readJson(file, WITNESS_STATE_FILE, NOT_STATE);
  const state = witnessState(value);
  if (!state.ok)
    refuseFile(file, { ...position('logs'), message: state.message, path: [] }, NOT_STATE);
  return state.value;
}
