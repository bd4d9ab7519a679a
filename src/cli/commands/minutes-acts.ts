/**
 * collegium session convene · session excuse · sign-minutes · object-minutes: a session prepared
 * (its notice and agenda), apologies for absence, and what is done with its minutes once closed.
 */
import type { Command } from 'commander';
import { withoutUndefined } from '../../core/json.js';
import { maxAttachmentBytes } from '../../app/attachments.js';
import {
  conveneSession,
  excuseAbsence,
  minutesRefOf,
  objectToMinutes,
  signMinutes,
} from '../../app/minutes.js';
import type { AgendaItemRequest, ConveneRequest } from '../../app/minutes.js';
import { DomainError } from '../../core/errors.js';
import type { FileKind } from '../../core/format/source-bytes.js';
import { loadYaml } from '../../core/format/yaml-source.js';
import type { PathProblem } from '../../core/format/yaml-source.js';
import { agendaFileSchema } from '../../core/proceedings/index.js';
import { dayInWords } from '../../core/minutes/words.js';
import { bodyName, personName, sessionInWords } from '../../core/state/index.js';
import { plural } from '../../core/words.js';
import { besideFile, CliError, loaded, readBytes, usage } from '../io.js';
import type { Run } from '../main.js';
import { ARGUMENT, checkDate, recordingOptions } from '../options.js';
import type { RecordingOptions } from '../options.js';
import { readAttachment } from '../attachment-files.js';
import { recordProceeding } from './session.js';

/** `session convene` and `session excuse`, beside `session open` and `close`. */
export function registerNoticeCommands(session: Command, run: Run): void {
  registerConvene(session, run);
  registerExcuse(session, run);
}

/** `sign-minutes` and `object-minutes`. */
export function registerMinutesActCommands(program: Command, run: Run): void {
  registerSign(program, run);
  registerObject(program, run);
}

type ConveneOptions = RecordingOptions & {
  body: string;
  date: string;
  title?: string;
  place?: string;
  chair?: string;
  agenda?: string;
  item?: string[];
  noticed?: string;
};

function registerConvene(session: Command, run: Run): void {
  recordingOptions(
    session
      .command('convene')
      .argument('<id>', 'a session id, new in the record')
      .description(
        'convene a session: its notice to the members, with the agenda (again to revise the notice of a session not yet opened)',
      ),
  )
    .requiredOption('--body <body>', 'the body that meets')
    .requiredOption('--date <yyyy-mm-dd>', 'the day it meets')
    .option('--title <text>', 'its title, as the notice and the minutes head it')
    .option('--place <text>', 'where it will meet')
    .option('--chair <person>', 'who will chair it')
    .option(
      '--agenda <file>',
      'the agenda: a YAML list of items {item, title, motion?, dispatch?, ratifies?, minutes?, files?}',
    )
    .option('--item <"ID: title">', 'an agenda item, in order (instead of --agenda)', collect)
    .option('--noticed <date>', 'when the notice was sent, if earlier than now (2026-08-27)')
    .action(
      run(async (out, id: string, o: ConveneOptions) => {
        if (o.agenda !== undefined && o.item !== undefined)
          usage('give the agenda by --agenda FILE or by --item, not both');
        const agenda = o.agenda !== undefined ? agendaFile(o.agenda) : (o.item ?? []).map(itemOf);
        const request: ConveneRequest = {
          session: id,
          body: o.body,
          date: checkDay('--date', o.date),
          agenda,
          ...pickDefined({ title: o.title, place: o.place, chair: o.chair }),
          ...(o.noticed !== undefined ? { noticed: noticeTime(o.noticed) } : {}),
        };
        const maxBytes = maxAttachmentBytes();
        await recordProceeding(
          out,
          o,
          () => conveneSession(request, { maxBytes, ...(o.as ? { actor: o.as } : {}) }),
          (ledger, i) => {
            const notice = ledger.state.convened.get(id);
            return [
              `session ${id} of ${bodyName(ledger.state, o.body)} convened for ${dayInWords(o.date)}, ${plural(agenda.length, 'agenda item')} [entry ${i}]`,
              ...(notice?.agenda ?? []).map((a, n) => `  ${n + 1}. ${a.title} (${a.item})`),
            ];
          },
        );
      }),
    );
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `ID: title`, as --item gives an agenda item. */
function itemOf(text: string): AgendaItemRequest {
  const match = /^([a-z0-9][a-z0-9._-]*):\s*(\S.*)$/.exec(text);
  if (!match) usage(`--item ${text}: give an item as "ID: title" (an id of a-z, 0-9, . _ -)`);
  return { item: match[1]!, title: match[2]!.trim() };
}

function checkDay(option: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(checkDate(option, value)))
    usage(`${option} ${value}: give a day as 2026-12-01`);
  return value;
}

/** A day or a date-time as the record writes times (UTC, to the millisecond). */
function noticeTime(value: string): string {
  checkDate('--noticed', value);
  const time = new Date(/T/.test(value) ? value : `${value}T00:00:00Z`);
  if (Number.isNaN(time.getTime())) usage(`--noticed ${value}: not a real date`);
  return time.toISOString();
}

function pickDefined<T extends Record<string, string | undefined>>(o: T): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

const AGENDA_FILE: FileKind = { name: 'an agenda file', maxBytes: 1024 * 1024, list: true };

/**
 * The agenda a YAML file gives, its problems each at FILE:LINE:COL; the files an item attaches
 * read beside it, each refused at its place when it cannot be.
 */
export function agendaFile(file: string): AgendaItemRequest[] {
  const read = loaded(
    file,
    loadYaml(readBytes(file, AGENDA_FILE), AGENDA_FILE, agendaFileSchema, (items) => ({
      value: items,
      problems: duplicateItems(items),
    })),
  );
  const maxBytes = maxAttachmentBytes();
  return read.value.map(({ files, ...item }, i) => {
    if (!files || files.length === 0) return item;
    const inputs = files.map((name, k) => {
      try {
        return readAttachment(besideFile(file, name), maxBytes);
      } catch (error) {
        const at = read.locate([i, 'files', k]);
        if (!(error instanceof CliError || error instanceof DomainError)) throw error;
        throw new CliError(`${file}: 1 problem`, 1, 'invalid-file', [
          `${file}:${at.line}:${at.col}: ${error.message}`,
        ]);
      }
    });
    return { ...item, files: inputs };
  });
}

function duplicateItems(items: readonly { item: string }[]): PathProblem[] {
  const seen = new Set<string>();
  return items.flatMap((a, i) => {
    const twice = seen.has(a.item);
    seen.add(a.item);
    return twice ? [{ path: [i, 'item'], message: `agenda item '${a.item}' is listed twice` }] : [];
  });
}

function registerExcuse(session: Command, run: Run): void {
  recordingOptions(
    session
      .command('excuse')
      .argument('<session>', ARGUMENT.session)
      .argument('<person>', 'the member who sends apologies')
      .description("record a member's apology for absence from a session"),
    'private key file of the member, or of the officer who records it',
    'who records it: the member themself, or an officer (default: the body secretary)',
  )
    .option('--reason <text>', 'the reason given')
    .action(
      run(async (out, session: string, person: string, o: RecordingOptions & { reason?: string }) =>
        recordProceeding(
          out,
          o,
          () =>
            excuseAbsence(
              { session, person, ...(o.reason !== undefined ? { reason: o.reason } : {}) },
              o.as,
            ),
          (ledger, i) => [
            `${personName(ledger.state, person)} excused from ${sessionInWords(ledger.state, session)} [entry ${i}]`,
          ],
        ),
      ),
    );
}

const DATE_OPTION = '--date <yyyy-mm-dd>';
const DATE_HELP =
  'the day other minutes give for it, when transcribing them (default: none; the entry keeps its own time)';

function registerSign(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('sign-minutes')
      .argument('<session>', 'a closed session')
      .description(
        "sign a session's minutes, as its chair or the body's secretary, over their content hash",
      ),
    'private key file of the signer',
    'the signer: the chair who sat, or the body secretary',
  )
    .option(
      '--content <sha256>',
      'the content hash of the minutes as you read them (collegium minutes shows it): refused if the record gives another',
    )
    .option(DATE_OPTION, DATE_HELP)
    .action(
      run(
        async (out, session: string, o: RecordingOptions & { content?: string; date?: string }) => {
          const signer = o.as ?? usage('sign-minutes: say who signs with --as PERSON');
          await recordProceeding(
            out,
            o,
            () =>
              signMinutes(session, signer, withoutUndefined({ content: o.content, date: o.date })),
            (ledger, i) => [
              `minutes of ${sessionInWords(ledger.state, session)} signed by ${personName(ledger.state, signer)} [entry ${i}]`,
              `  content sha256 ${minutesRefOf(ledger.state, session).content}`,
            ],
          );
        },
      ),
    );
}

function registerObject(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('object-minutes')
      .argument('<session>', 'a closed session')
      .description("record a member's objection to a session's minutes"),
    'private key file of the member',
    'the member who objects',
  )
    .requiredOption('--text <text>', 'what the member says the minutes get wrong')
    .option(DATE_OPTION, DATE_HELP)
    .action(
      run(async (out, session: string, o: RecordingOptions & { text: string; date?: string }) => {
        const member = o.as ?? usage('object-minutes: say who objects with --as PERSON');
        await recordProceeding(
          out,
          o,
          () => objectToMinutes(session, member, o.text, withoutUndefined({ date: o.date })),
          (ledger, i) => [
            `objection of ${personName(ledger.state, member)} to the minutes of ${sessionInWords(ledger.state, session)} recorded [entry ${i}]`,
          ],
        );
      }),
    );
}
