/** collegium instrument draft · sign: a body's documents, drafted and signed under its charter. */
import { channelInWords, plural } from '../../core/words.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { ATTACHMENT_LIMIT_HELP, maxAttachmentBytes } from '../../app/attachments.js';
import { draftInstrument, signInstrument } from '../../app/instruments.js';
import type { InstrumentRequest } from '../../app/instruments.js';
import { defaultOfficer } from '../../app/proceedings.js';
import { parseDecisionRef } from '../../app/registers.js';
import type { Ledger } from '../../app/ledger.js';
import { CHANNELS } from '../../core/acts.js';
import type { Channel } from '../../core/acts.js';
import { instrumentOf, instrumentTitled, personName } from '../../core/state/index.js';
import { ownPerson, recordAct } from '../context.js';
import { ruleLine, ruleMet } from '../format-instruments.js';
import { readRecordedText, usage } from '../io.js';
import type { Output } from '../io.js';
import type { Run } from '../main.js';
import { ARGUMENT, checkDate, recordingOptions, withExamples } from '../options.js';
import type { RecordingOptions } from '../options.js';
import { readAttachOption } from '../attachment-files.js';
import { registerInstrumentLife } from './instrument-life.js';
import { registerInstrumentRegisters } from './instrument-registers.js';
import type { FileKind } from '../../core/format/source-bytes.js';

/**
 * What an instrument says, from --text-file: its text holds at most 100,000 characters (some
 * 300 KB of UTF-8), so a larger file is something else given by mistake; the act says the rest.
 */
const TEXT_FILE: FileKind = { name: "an instrument's text", maxBytes: 1024 * 1024 };

export function registerInstrumentCommands(program: Command, run: Run): void {
  const instrument = program
    .command('instrument')
    .description(
      "a body's instruments (directives, mandates, receipts, letters): drafted, signed by the people its charter names, issued, and revoked, settled or annulled afterwards",
    );
  registerDraft(instrument, run);
  registerSign(instrument, run);
  registerInstrumentLife(instrument, run);
  registerInstrumentRegisters(program, instrument, run);
}

type DraftOptions = RecordingOptions & {
  body: string;
  kind: string;
  number?: string;
  id?: string;
  date?: string;
  to?: string;
  text?: string;
  textFile?: string;
  restsOn?: string;
  answers?: string;
  holder?: string;
  scope?: string;
  until?: string;
  amount?: string;
  unit?: string;
  from?: string;
  attach?: string[];
};

function registerDraft(instrument: Command, run: Run): void {
  const command = recordingOptions(
    instrument
      .command('draft')
      .description(
        "draft an instrument of a body, as its charter names the kind: it is numbered in the body's register, and its content hash is what every signature covers",
      ),
    'private key file of whoever drafts it',
    'who drafts it: an officer of the body, or one the kind names as a signer (default: the body secretary, else its chair)',
  )
    .requiredOption('--body <body>', 'the body that issues it')
    .requiredOption('--kind <kind>', "its kind, as the body's charter names it (instruments:)")
    .option('--number <n>', 'the number it carries (default: the next of the register, YEAR/N)')
    .option('--id <id>', 'the instrument id (default: BODY-NUMBER)')
    .option('--date <date>', 'the date the document bears (2026-12-01, or a date-time)')
    .option('--to <text>', 'to whom it is addressed')
    .option('--text <text>', 'what it says')
    .option(
      '--text-file <file>',
      'what it says, read from a UTF-8 text file (at most 1 MB; its line ends recorded as LF)',
    )
    .option('--rests-on <ref>', 'the decision it rests on: SESSION/MOTION or a circulation id')
    .option('--answers <dispatch>', 'the dispatch it answers: closed once the instrument is issued')
    .option('--holder <person>', "a mandate's holder")
    .option('--scope <text>', 'with --holder: what the mandate empowers its holder to do')
    .option('--until <date>', "with --holder: the mandate's last day")
    .option('--amount <value>', "a receipt's sum, as a number (3000, 12.50)")
    .option('--unit <unit>', 'with --amount: its currency or unit (RUB, EUR)')
    .option('--from <person>', 'with --amount: from whom the sum was received')
    .option('--attach <file...>', `files to keep with it by their hash (${ATTACHMENT_LIMIT_HELP})`);
  withExamples(command, [
    'collegium instrument draft --body politburo --kind directive --rests-on s1/m2 --to "Comrade Antonov" --text "Move the reserve to Kharkov."',
    'collegium instrument draft --body board --kind mandate --holder chen --scope "sign the boiler contract" --until 2027-03-31 --text-file mandate.txt --attach quote.pdf',
    'collegium instrument draft --body board --kind receipt --amount 3000 --unit EUR --from dana --text "Deposit for the hall."',
  ]).action(
    run(async (out, o: DraftOptions) => {
      const request = draftRequest(o);
      const maxBytes = maxAttachmentBytes();
      const files = readAttachOption(o.attach, maxBytes);
      await recordAct(
        o,
        () => draftInstrument(request, { ...(o.as ? { actor: o.as } : {}), files, maxBytes }),
        (entry, ledger) => {
          const i = [...ledger.state.instruments.values()].find(
            (x) => x.draftedAt === entry.index,
          )!;
          out.lines([
            `instrument ${i.id} drafted as ${instrumentTitled(ledger.state, i.draft)} [entry ${entry.index}]`,
            `  content sha256 ${i.content}`,
            ...(i.draft.attachments ?? []).map(
              (a) => `  attached ${a.name}: ${plural(a.size, 'byte')}, sha256 ${a.hash}`,
            ),
            ruleLine(ledger.state, i),
          ]);
          out.value({
            entry: entry.index,
            instrument: i.id,
            number: i.draft.number,
            content: i.content,
            attachments: i.draft.attachments ?? [],
          });
        },
      );
    }),
  );
}

/** The draft the options describe; options that go together checked before the record opens. */
function draftRequest(o: DraftOptions): InstrumentRequest {
  if ((o.text === undefined) === (o.textFile === undefined))
    usage('give what it says with --text TEXT or --text-file FILE (one of them)');
  if (o.holder === undefined && (o.scope !== undefined || o.until !== undefined))
    usage(
      "--scope and --until go with --holder: they say what a mandate's holder may do, and until when",
    );
  if ((o.amount === undefined) !== (o.unit === undefined))
    usage('--amount and --unit go together: 3000 and RUB');
  if (o.amount === undefined && o.from !== undefined)
    usage('--from goes with --amount: from whom the sum was received');
  const amount = o.amount === undefined ? undefined : parseAmount(o.amount);
  return {
    body: o.body,
    kind: o.kind,
    text: o.text ?? readRecordedText(o.textFile!, TEXT_FILE),
    ...(o.number !== undefined ? { number: o.number } : {}),
    ...(o.id !== undefined ? { instrument: o.id } : {}),
    ...(o.date !== undefined ? { date: checkDate('--date', o.date) } : {}),
    ...(o.to !== undefined ? { to: o.to } : {}),
    ...(o.restsOn !== undefined ? { restsOn: parseDecisionRef(o.restsOn) } : {}),
    ...(o.answers !== undefined ? { answers: o.answers } : {}),
    ...(o.holder !== undefined ? { holder: o.holder } : {}),
    ...(o.scope !== undefined ? { scope: o.scope } : {}),
    ...(o.until !== undefined ? { until: checkDate('--until', o.until) } : {}),
    ...(amount !== undefined ? { amount: { value: amount, unit: o.unit! } } : {}),
    ...(o.from !== undefined ? { from: o.from } : {}),
  };
}

function parseAmount(text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0)
    usage(`--amount ${text}: give a sum above zero, as 3000 or 12.50`);
  return Number(text);
}

type SignOptions = RecordingOptions & { for?: string; channel?: Channel; content?: string };

function registerSign(instrument: Command, run: Run): void {
  const command = recordingOptions(
    instrument
      .command('sign')
      .argument('<instrument>', ARGUMENT.instrument)
      .description(
        "sign an instrument: as the signer, with their own key; or, with --for, an officer records a signature given on paper or by wire. Each signature covers the instrument's content hash and the signature before it; the charter's rule says who signs, and in what order",
      ),
    'private key file of the signer, or of the officer who records the signature',
    'the signer (default: the owner of the --key); with --for, the officer who records it (default: the body secretary, else its chair)',
  )
    .option('--for <person>', "record this person's signature, as an officer")
    .addOption(
      new Option('--channel <channel>', 'with --for: how the signature was given').choices(
        CHANNELS,
      ),
    )
    .option(
      '--content <sha256>',
      'the content hash of the text as the signer read it (from instrument show): refused if the instrument is not that text',
    );
  withExamples(command, [
    'collegium instrument sign politburo-1918-1 --key stalin.key',
    'collegium instrument sign politburo-1918-1 --as lenin --key lenin.key --content 3f5a…(64 hex)',
    'collegium instrument sign politburo-1918-1 --for trotsky --channel telegram   # recorded by the secretary',
  ]).action(
    run(async (out, id: string, o: SignOptions) => {
      if (o.for === undefined && o.channel !== undefined)
        usage('--channel goes with --for, when an officer records a signature');
      if (o.for !== undefined && o.channel === undefined)
        usage(
          `--for ${o.for}: say how the signature was given with --channel (${CHANNELS.join(', ')})`,
        );
      if (o.content !== undefined && !/^[0-9a-f]{64}$/.test(o.content))
        usage(
          `--content ${o.content}: give the whole content hash, 64 hex digits (instrument show prints it)`,
        );
      let signer = '';
      let recorder: string | undefined;
      await recordAct(
        o,
        (ledger) => {
          ({ signer, recorder } = whoSigns(ledger, id, o));
          return signInstrument(id, signer, {
            ...(recorder !== undefined ? { recorder, channel: o.channel! } : {}),
            ...(o.content !== undefined ? { content: o.content } : {}),
          });
        },
        (entry, ledger) => reportSignature(out, ledger, id, entry.index, recorder),
      );
    }),
  );
}

/** The signer and, for a signature an officer records, the officer. */
function whoSigns(
  ledger: Ledger,
  id: string,
  o: SignOptions,
): { signer: string; recorder?: string } {
  if (o.for !== undefined)
    return {
      signer: o.for,
      recorder: o.as ?? defaultOfficer(instrumentOf(ledger.state, id).bodyAtDraft),
    };
  const signer = ownPerson(
    ledger,
    o,
    'who signs? give --as PERSON with their --key (or the key alone)',
    (person) =>
      `${person} has no key of their own: an officer records their signature (collegium instrument sign ${id} --for ${person} --channel …)`,
  );
  return { signer };
}

function reportSignature(
  out: Output,
  ledger: Ledger,
  id: string,
  index: number,
  recorder: string | undefined,
): void {
  const i = instrumentOf(ledger.state, id);
  const s = i.signatures.at(-1)!;
  const how =
    recorder === undefined
      ? ''
      : `, recorded by ${personName(ledger.state, recorder)}${s.channel ? ` (given ${channelInWords(s.channel)})` : ''}`;
  out.lines([
    `${i.id} signed by ${personName(ledger.state, s.signer)}${how}: signature ${i.signatures.length} [entry ${index}]`,
    ruleLine(ledger.state, i),
    ...(ruleMet(ledger.state, i)?.met
      ? [`  It may be issued: collegium instrument issue ${i.id}`]
      : []),
  ]);
  out.value({
    entry: index,
    instrument: i.id,
    signer: s.signer,
    ...(s.recordedBy !== undefined ? { recordedBy: s.recordedBy, channel: s.channel } : {}),
    signatures: i.signatures.length,
  });
}
