/** The proceedings laid out: each motion with its vote and decision, and the instruments issued. */
import type {
  MinutesChoice,
  MinutesDocument,
  MinutesInstrument,
  MinutesItem,
} from '../../core/minutes/document.js';
import { outcomeInWords } from '../../core/minutes/words.js';
import { choiceLabel, plural } from '../../core/words.js';
import type { Block, Field, Section } from './layout.js';
import { instrumentHeading, namesInRow, restsOnInWords, statedInWords } from './words.js';

const STATUS_WORDS: Readonly<Record<MinutesItem['status'], string>> = {
  proposed: 'put, not yet voted on',
  open: 'the vote is open',
  closed: 'voted on',
};

/** One part a motion, in the order they were put. */
export function itemSections(doc: MinutesDocument): Section[] {
  return doc.items.map((item) => ({
    id: `motion-${item.n}`,
    title: `Motion ${item.n} (${item.motion})`,
    blocks: itemBlocks(doc, item),
  }));
}

function itemBlocks(doc: MinutesDocument, item: MinutesItem): Block[] {
  const agenda = doc.agenda.find((a) => a.item === item.item);
  const fields: Field[] = [
    ...(item.item !== undefined
      ? [{ label: 'Agenda item', value: agenda ? `${agenda.n}. ${agenda.title}` : item.item }]
      : []),
    { label: 'Proposed by', value: item.proposer?.name ?? 'not recorded' },
    ...(item.kind !== undefined ? [{ label: 'Kind', value: item.kind }] : []),
    ...(item.alternatives !== undefined
      ? [{ label: 'Alternatives', value: item.alternatives.join(', ') }]
      : []),
    ...(item.status !== 'closed' ? [{ label: 'Status', value: STATUS_WORDS[item.status] }] : []),
    ...(item.quorum !== undefined ? [{ label: 'Quorum', value: item.quorum }] : []),
  ];
  return [
    { kind: 'quote', text: item.text },
    { kind: 'fields', rows: fields },
    ...item.notes.map((text): Block => ({ kind: 'text', text, tone: 'note' })),
    ...voteBlocks(item),
    ...decisionBlocks(item),
  ];
}

/** One choice: "3: Ada Okafor, Ben Lindqvist (by proxy: Eli Novak), ..." or only the count. */
function choiceField(choice: MinutesChoice, byName: boolean): Field {
  if (!byName) return { label: choice.label, value: String(choice.count) };
  const names = choice.voters.map((v) =>
    v.byProxy ? `${v.name} (by proxy: ${v.byProxy.name})` : v.name,
  );
  return { label: choice.label, value: `${choice.count}: ${names.join(', ')}` };
}

function voteBlocks(item: MinutesItem): Block[] {
  const vote = item.vote;
  if (!vote) return [];
  const cast = vote.choices.reduce((n, c) => n + c.count, 0);
  const how = vote.byName ? 'by name' : 'counts only, as the minutes give them';
  return [
    { kind: 'text', text: `The vote (${how}): ${plural(cast, 'ballot')}.` },
    { kind: 'fields', rows: vote.choices.map((c) => choiceField(c, vote.byName)) },
    ...(item.casting !== undefined
      ? [
          {
            kind: 'text' as const,
            text: `The chair gave a casting vote: ${choiceLabel(item.casting)}.`,
          },
        ]
      : []),
  ];
}

function decisionBlocks(item: MinutesItem): Block[] {
  const d = item.decision;
  if (!d) return [];
  return [
    {
      kind: 'text',
      text: `Decision: ${outcomeInWords(item.alternatives, d.outcome)}.`,
      tone: 'status',
    },
    { kind: 'text', text: `${d.explanation}.` },
    ...(d.stated !== undefined
      ? [{ kind: 'text' as const, text: statedInWords(d.stated, d.outcome) }]
      : []),
    ...(d.ratification !== undefined
      ? [{ kind: 'text' as const, text: `Ratification: ${d.ratification}.` }]
      : []),
    ...(d.flags.length > 0
      ? [{ kind: 'list' as const, items: d.flags.map((f) => `Flag: ${f}`), tone: 'flag' as const }]
      : []),
  ];
}

/** The instruments issued while the session sat or resting on its decisions. */
export function instrumentsSection(doc: MinutesDocument): Section {
  return {
    id: 'instruments',
    title: 'Instruments',
    blocks: [],
    parts: doc.instruments.map((i) => ({
      id: `instrument-${i.number}`,
      title: instrumentHeading(i),
      blocks: instrumentBlocks(doc, i),
    })),
  };
}

function instrumentBlocks(doc: MinutesDocument, i: MinutesInstrument): Block[] {
  const optional = (label: string, value: string | undefined): Field[] =>
    value === undefined ? [] : [{ label, value }];
  return [
    ...(i.formula !== undefined ? [{ kind: 'text' as const, text: i.formula }] : []),
    { kind: 'quote', text: i.text },
    {
      kind: 'fields',
      rows: [
        ...optional('To', i.to),
        { label: 'Status', value: i.status },
        { label: 'Signed by', value: namesInRow(i.signatures) },
        ...optional('Rests on', restsOnInWords(doc, i)),
        {
          label: 'Recorded',
          value: i.duringSession ? 'issued while the session sat' : 'after the session',
        },
      ],
    },
  ];
}
