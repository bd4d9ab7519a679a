/** collegium checkpoint · log-key · prove · consistency · export bundle|instrument · verify */
import { sizeInWords } from '../../core/words.js';
import type { Command } from 'commander';
import { constants } from 'node:buffer';
import { exportRange, sessionRange } from '../../app/export.js';
import { checkpointAt, proveConsistency, proveInclusion } from '../../app/proofs.js';
import { Ledger } from '../../app/ledger.js';
import { verifyWithKeyCache } from '../../record/ed25519.js';
import { BUNDLE_FORMAT } from '../../record/proof-formats.js';
import { verifyBundle } from '../../verify/bundle.js';
import { BUNDLE_FILE, readBundleFile } from '../../verify/bundle-file.js';
import type { RecordStore } from '../../store/index.js';
import { readingStore } from '../context.js';
import type { RecordOptions } from '../context.js';
import {
  checkFailed,
  jsonText,
  readBytes,
  refuseFile,
  usage,
  withProgress,
  writeWhole,
} from '../io.js';
import type { Output } from '../io.js';
import type { Progress } from '../progress.js';
import type { Run } from '../main.js';
import { checkRange, dbOption, parseIndex, withExamples } from '../options.js';
import { exportGroup } from './exports.js';
import { registerExportInstrument, verifyInstrument } from './instrument-proofs.js';

export function registerProofCommands(program: Command, run: Run): void {
  registerCheckpoint(program, run);
  registerLogKey(program, run);
  registerProve(program, run);
  registerConsistency(program, run);
  const exporting = exportGroup(program);
  registerExportBundle(exporting, run);
  registerExportInstrument(exporting, run);
  registerVerify(program, run);
}

function registerCheckpoint(program: Command, run: Run): void {
  dbOption(
    program
      .command('checkpoint')
      .description("print the log's latest signed checkpoint (C2SP tlog-checkpoint signed note)"),
  )
    .option('--size <n>', 'the checkpoint of this tree size', parseIndex)
    .action(
      run(async (out, options: RecordOptions & { size?: number }) => {
        const checkpoint = await readingStore(options, (store) =>
          checkpointAt(store, options.size),
        );
        if (out.json) out.value(checkpoint);
        else out.raw(checkpoint.note);
      }),
    );
}

function registerLogKey(program: Command, run: Run): void {
  dbOption(
    program
      .command('log-key')
      .description(
        "print the log's verifier key (name+keyid+base64), as the charter's entry names it",
      ),
  ).action(
    run(async (out, options: RecordOptions) => {
      const key = await readingStore(options, async (store) => {
        const ledger = await Ledger.open(store);
        return ledger.state.logKey ?? '';
      });
      out.lines([key]);
      out.value({ logKey: key });
    }),
  );
}

function registerProve(program: Command, run: Run): void {
  dbOption(
    program
      .command('prove')
      .argument('<index>', 'the entry', parseIndex)
      .description(
        'print an inclusion proof of an entry (JSON): index, tree size, leaf hash, path in hex, checkpoint',
      ),
  )
    .option(
      '--size <n>',
      'against the checkpoint of this tree size (default: the latest)',
      parseIndex,
    )
    .action(
      run(async (out, index: number, options: RecordOptions & { size?: number }) => {
        const proof = await readingStore(options, (store) =>
          proveInclusion(store, index, options.size),
        );
        out.raw(jsonText(proof));
      }),
    );
}

function registerConsistency(program: Command, run: Run): void {
  dbOption(
    program
      .command('consistency')
      .argument('<old>', 'the older tree size', parseIndex)
      .argument('[new]', 'the newer tree size (default: the latest)', parseIndex)
      .description('print a consistency proof between two signed tree sizes (JSON)'),
  ).action(
    run(async (out, oldSize: number, newSize: number | undefined, options: RecordOptions) => {
      const proof = await readingStore(options, (store) =>
        proveConsistency(store, oldSize, newSize),
      );
      out.raw(jsonText(proof));
    }),
  );
}

type BundleOptions = RecordOptions & {
  session?: string;
  from?: number;
  to?: number;
  size?: number;
  out?: string;
};

function registerExportBundle(exporting: Command, run: Run): void {
  dbOption(
    exporting
      .command('bundle')
      .description(
        'write a bundle that verifies offline: entries as leaf bytes, inclusion proofs, checkpoint, entry 0 and the enrolments',
      ),
  )
    .option('--session <id>', 'every entry from the opening of the session to its close')
    .option('--from <index>', 'first entry of a range (default: 0)', parseIndex)
    .option('--to <index>', 'last entry of a range, included (default: the latest)', parseIndex)
    .option(
      '--size <n>',
      'prove against the checkpoint of this tree size (default: the latest)',
      parseIndex,
    )
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .action(run(exportBundle));
}

async function exportBundle(out: Output, options: BundleOptions): Promise<void> {
  if (options.session !== undefined && (options.from !== undefined || options.to !== undefined))
    usage('give --session or --from/--to, not both');
  checkRange(options);
  const bundle = await withProgress(out, (progress) =>
    readingStore(options, (store) => bundleOf(store, options, progress)),
  );
  const text = jsonText(bundle);
  if (options.out === undefined) return out.raw(text);
  writeWhole(options.out, text);
  out.lines([
    `wrote ${options.out}: entries ${bundle.range?.first} to ${bundle.range?.last}, proven against the checkpoint of size ${bundle.checkpoint.split('\n')[1]}`,
  ]);
  out.value({ file: options.out, range: bundle.range });
}

/** The bundle of the session, or of the range, proven against the checkpoint of --size. */
async function bundleOf(store: RecordStore, options: BundleOptions, progress: Progress) {
  const latest = (await checkpointAt(store, options.size)).size;
  const { state } = await Ledger.open(store);
  const { first, last } =
    options.session !== undefined
      ? sessionRange(state, options.session, latest)
      : { first: options.from ?? 0, last: options.to ?? latest - 1 };
  return exportRange(store, state, first, last, options.size, (done, total) =>
    progress.update(`export: ${done} of ${total} entries proven`),
  );
}

type VerifyOptions = { logKey?: string; trust?: string; maxSize?: number };

function registerVerify(program: Command, run: Run): void {
  const command = program
    .command('verify')
    .argument('<bundle>', 'a bundle from collegium export bundle, or from export instrument')
    .description(
      "verify a bundle offline. A bundle of entries, against the log's key: checkpoint signature, inclusion proofs, entry signatures and links, completeness. An instrument's bundle, under your trust policy: accepted or refused, with every reason",
    )
    .option(
      '--log-key <vkey>',
      'for a bundle of entries: the log verifier key you trust (from collegium log-key)',
    )
    .option(
      '--trust <policy>',
      "for an instrument's bundle: your trust policy, a YAML file (logs, witnesses, accept: docs/instruments.md)",
    )
    .option(
      '--max-size <bytes>',
      `read a bundle larger than ${sizeInWords(BUNDLE_FILE.maxBytes)}, up to this many bytes`,
      parseMaxSize,
    );
  withExamples(command, [
    'collegium verify session-s1.json --log-key "maple-court.example/board+1a2b3c4d+AbC…"',
    'collegium verify directive.json --trust policy.yaml',
  ]).action(
    run(async (out, file: string, options: VerifyOptions) => {
      const { kind, value } = readBundle(file, options.maxSize);
      if (kind === 'instrument') {
        if (options.logKey !== undefined)
          usage(`${file} is an instrument's bundle: the logs you trust go in the --trust policy`);
        return verifyInstrument(out, file, value, options.trust);
      }
      if (options.trust !== undefined)
        usage(
          `${file} is a bundle of entries (${BUNDLE_FORMAT}), not an instrument's: verify it with --log-key, not --trust`,
        );
      const logKey =
        options.logKey ??
        usage('--log-key: give the log verifier key you trust (collegium log-key)');
      const report = await withProgress(out, (progress) =>
        verifyBundle(
          value,
          logKey,
          (done, total) => progress.update(`verify: ${done} of ${total} entries verified`),
          verifyWithKeyCache,
        ),
      );
      out.value(report);
      out.lines(report.proven.map((p) => `verified: ${p}`));
      if (!report.ok)
        checkFailed(
          out,
          `${file}: ${report.failure?.item}: ${report.failure?.reason}`,
          'verify-failed',
        );
      out.lines([`${file}: the bundle verifies`]);
    }),
  );
}

/** The bundle in `file`, read as the browser's page reads one (verify/bundle-file.ts). */
function readBundle(file: string, maxSize: number | undefined) {
  const kind = {
    ...BUNDLE_FILE,
    maxBytes: maxSize ?? BUNDLE_FILE.maxBytes,
    larger: '--max-size BYTES reads a larger one',
  };
  const read = readBundleFile(readBytes(file, kind), kind);
  return read.ok ? read : refuseFile(file, read.problem);
}

/** --max-size: a whole number of bytes, no more than the longest text Node holds. */
function parseMaxSize(value: string): number {
  const most = constants.MAX_STRING_LENGTH;
  if (!/^\d{1,15}$/.test(value) || Number(value) === 0 || Number(value) > most)
    usage(`--max-size: '${value}' is not a size in bytes from 1 to ${most}`);
  return Number(value);
}
