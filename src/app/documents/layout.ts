/**
 * The minutes laid out once, in words, for every file format: a title, the header's fields and
 * status, then sections of blocks (paragraphs, labelled fields, lists, quoted wording, verbatim
 * text, proof lines). Markdown, HTML and PDF each only render these blocks, so they say the same
 * in the same order; what the minutes say is decided here, from the model alone.
 */
import type { MinutesDocument, MinutesStatus } from '../../core/minutes/document.js';
import { plural } from '../../core/words.js';
import { approvalSection, appendixSection } from './layout-approval.js';
import { instrumentsSection, itemSections } from './layout-items.js';
import { attendanceRows, endsSentence, movementInWords } from '../../core/minutes/words.js';
import { dayInWords, documentTitle, statusLine, timeInWords, timeOnDay } from './words.js';

/** A labelled value: "Chair: Ada Okafor". */
export interface Field {
  readonly label: string;
  readonly value: string;
}

/** One line of the appendix: what it proves, the entry, and the link to its proof (if any). */
export interface ProofRow {
  readonly label: string;
  readonly entry: number;
  readonly link?: string;
}

/** How a paragraph or list stands out: the status, a flag where the record disagrees with a rule. */
export type Tone = 'status' | 'flag' | 'note';

export type Block =
  | { readonly kind: 'text'; readonly text: string; readonly tone?: Tone }
  | { readonly kind: 'fields'; readonly rows: readonly Field[] }
  | {
      readonly kind: 'list';
      readonly items: readonly string[];
      readonly tone?: Tone;
      /** Numbered from 1 (an agenda), where the renderer numbers it: the items hold no number. */
      readonly ordered?: boolean;
    }
  | { readonly kind: 'quote'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'proofs'; readonly rows: readonly ProofRow[] };

/** A section, and its parts (each motion of the proceedings): a part is kept on one page. */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly parts?: readonly Section[];
}

export interface MinutesLayout {
  readonly title: string;
  readonly organization: string;
  readonly status: MinutesStatus;
  /** The header: fields, the status line, the notice and the session's flags. */
  readonly header: readonly Block[];
  readonly sections: readonly Section[];
}

export interface MinutesRenderOptions {
  /** The web app's origin (and path) for proof links: `${proofBase}/record/${entry}`. */
  readonly proofBase?: string;
}

/** The minutes of `doc` laid out: what every format renders. */
export function minutesLayout(doc: MinutesDocument, opts: MinutesRenderOptions): MinutesLayout {
  return {
    title: documentTitle(doc),
    organization: doc.organization.name,
    status: doc.status,
    header: headerBlocks(doc),
    sections: [
      attendanceSection(doc),
      ...(doc.agenda.length > 0 ? [agendaSection(doc)] : []),
      {
        id: 'proceedings',
        title: 'Proceedings',
        blocks: doc.items.length === 0 ? [{ kind: 'text', text: 'No motion was put.' }] : [],
        parts: itemSections(doc),
      },
      ...(doc.instruments.length > 0 ? [instrumentsSection(doc)] : []),
      approvalSection(doc),
      appendixSection(doc, opts),
    ],
  };
}

function headerBlocks(doc: MinutesDocument): Block[] {
  const s = doc.session;
  const optional = (label: string, value: string | undefined): Field[] =>
    value === undefined ? [] : [{ label, value }];
  const fields: Field[] = [
    { label: 'Organization', value: doc.organization.name },
    { label: 'Body', value: doc.body.name },
    { label: 'Session', value: s.title ? `${s.title} (${s.id})` : s.id },
    { label: 'Date', value: dayInWords(s.date) },
    ...optional('Place', s.place),
    ...optional('Chair', s.chair?.name),
    ...optional('Secretary', s.secretary?.name),
    ...optional('Opened', s.openedTime && timeOnDay(s.openedTime, s.date)),
    ...optional('Closed', s.closedTime && timeOnDay(s.closedTime, s.date)),
    {
      label: 'Recorded',
      value: s.mode === 'live' ? 'live, as it happened' : 'transcribed from written minutes',
    },
  ];
  const notice = doc.notice;
  const convened: Block | undefined = notice
    ? {
        kind: 'text',
        text: `Convened by a notice given on ${timeInWords(notice.noticed)} for ${timeInWords(notice.date)}.`,
      }
    : s.mode === 'live'
      ? { kind: 'text', text: 'No notice of the session is recorded.', tone: 'note' }
      : undefined;
  return [
    { kind: 'fields', rows: fields },
    { kind: 'text', text: statusLine(doc), tone: 'status' },
    ...(convened ? [convened] : []),
    ...(doc.flags.length > 0
      ? [
          {
            kind: 'list' as const,
            items: doc.flags.map((f) => `Flag: ${f}`),
            tone: 'flag' as const,
          },
        ]
      : []),
  ];
}

function attendanceSection(doc: MinutesDocument): Section {
  const a = doc.attendance;
  const movements = a.movements.map((m) => movementInWords(m, doc.session.date));
  return {
    id: 'attendance',
    title: 'Attendance',
    blocks: [
      {
        kind: 'fields',
        rows: attendanceRows(a).map(({ label, value }) => ({ label, value })),
      },
      ...(movements.length > 0 ? [{ kind: 'list' as const, items: movements }] : []),
    ],
  };
}

function agendaSection(doc: MinutesDocument): Section {
  return {
    id: 'agenda',
    title: 'Agenda',
    blocks: [
      {
        kind: 'list',
        ordered: true,
        items: doc.agenda.map((a) => {
          const motion =
            a.motion !== undefined
              ? ` Motion drafted: "${a.motion}"${endsSentence(a.motion) ? '' : '.'}`
              : '';
          const files = a.attachments.map(
            (f) => `${f.name} (${plural(f.size, 'byte')}, SHA-256 ${f.hash})`,
          );
          const attached = files.length > 0 ? ` Attached: ${files.join('; ')}.` : '';
          const put =
            a.motions.length > 0
              ? ` Put as ${a.motions.length === 1 ? 'motion' : 'motions'} ${a.motions.join(', ')}.`
              : ' No motion put under it.';
          return `${a.title}${endsSentence(a.title) ? '' : '.'}${motion}${attached}${put}`;
        }),
      },
    ],
  };
}
