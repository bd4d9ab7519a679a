/**
 * collegium export instrument · verify of an instrument bundle: an instrument with the entries that
 * prove it, checked offline under the recipient's trust policy (docs/instruments.md).
 */
import type { Command } from 'commander';
import { exportInstrument } from '../../app/instrument-export.js';
import { Ledger } from '../../app/ledger.js';
import { verifyWithKeyCache } from '../../record/ed25519.js';
import { capitalized, kindInWords, numbered } from '../../core/words.js';
import { verifyInstrumentBundle } from '../../verify/instrument.js';
import type { InstrumentVerdict } from '../../verify/instrument.js';
import { keyWarnings, loadTrustPolicy, POLICY_FILE } from '../../verify/policy.js';
import { readingStore } from '../context.js';
import type { RecordOptions } from '../context.js';
import { checkFailed, jsonText, loaded, readBytes, usage, writeWhole } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import { ARGUMENT, dbOption, parseIndex, withExamples } from '../options.js';

type ExportOptions = RecordOptions & { size?: number; out?: string };

export function registerExportInstrument(exporting: Command, run: Run): void {
  const command = dbOption(
    exporting
      .command('instrument')
      .argument('<instrument>', ARGUMENT.instrument)
      .description(
        "write an instrument's bundle, which its recipient verifies offline (collegium verify FILE --trust POLICY): its own entries, the decision it rests on, the dispatch it answers, and the keys of its signers, each with its inclusion proof",
      ),
  )
    .option(
      '--size <n>',
      'prove against the checkpoint of this tree size (default: the latest)',
      parseIndex,
    )
    .option('-o, --out <file>', 'write to this file (default: standard output)');
  withExamples(command, ['collegium export instrument politburo-1918-1 -o directive.json']).action(
    run(async (out, id: string, o: ExportOptions) => {
      const bundle = await readingStore(o, async (store) => {
        const { state } = await Ledger.open(store);
        return exportInstrument(store, state, id, o.size);
      });
      const text = jsonText(bundle);
      if (o.out === undefined) return out.raw(text);
      writeWhole(o.out, text);
      const size = bundle.checkpoint.split('\n')[1];
      out.lines([
        `wrote ${o.out}: instrument ${id}, ${bundle.entries.length} entries proven against the checkpoint of size ${size}`,
      ]);
      out.value({ file: o.out, instrument: id, entries: bundle.entries.map((e) => e.index) });
    }),
  );
}

/** Verifies an instrument bundle under the policy of file `policyFile`: accepted, or refused and why. */
export async function verifyInstrument(
  out: Output,
  file: string,
  bundle: unknown,
  policyFile: string | undefined,
): Promise<void> {
  if (policyFile === undefined)
    usage(`${file} is an instrument's bundle: give your trust policy with --trust POLICY`);
  const read = loaded(policyFile, loadTrustPolicy(readBytes(policyFile, POLICY_FILE)));
  const policy = read.value;
  // A key that could never verify (a placeholder not yet replaced) is said at its line.
  for (const warning of keyWarnings(policyFile, read)) out.note(warning);
  const verdict = await verifyInstrumentBundle(bundle, policy, { ed25519: verifyWithKeyCache });
  out.value(verdict);
  out.lines([
    ...verdict.proven.map((p) => `verified: ${p}`),
    ...instrumentWords(verdict),
    ...verdict.reasons.map((r) => `refused (${r.code}): ${r.message}`),
  ]);
  if (!verdict.accepted) {
    const n = verdict.reasons.length;
    checkFailed(
      out,
      `${file}: refused under ${policyFile} (${n} reason${n === 1 ? '' : 's'})`,
      'refused',
    );
  }
  out.lines([`${file}: accepted under ${policyFile}`]);
}

/** What the bundle proves of the instrument, as its document would print it. */
function instrumentWords(verdict: InstrumentVerdict): string[] {
  const i = verdict.instrument;
  if (!i) return [];
  const signatures = i.signatures.map(
    (s) =>
      `${s.name}${s.ownKey ? '' : s.recordedBy ? ` (recorded by ${s.recordedByName ?? s.recordedBy})` : " (with the record's key)"}`,
  );
  return [
    `instrument ${i.id}: ${kindInWords(i.kind)} ${numbered(i.number)} of ${i.bodyName ?? i.body}, ${i.state}`,
    ...i.text
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => (line ? `  | ${line}` : '  |')),
    `  ${i.formula ?? capitalized(kindInWords(i.kind))}: ${signatures.length > 0 ? signatures.join('. ') : 'not signed'}`,
  ];
}
