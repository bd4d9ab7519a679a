/**
 * The checks of the instruments a proceedings file records: the documents its bodies issued and
 * the later acts on them (revoke, settle, annul). What is wrong with the file (an unknown person,
 * a signer named twice, a later act on a draft never issued) stops it; what the history breaks of
 * the charter (a kind the body does not issue, a signer the rule does not name) is flagged on
 * replay.
 */
import type { FileChecks } from './check-context.js';
import { uniqueIds } from './check-context.js';
import type {
  InstrumentFile,
  InstrumentItemFile,
  ProceedingsFile,
  SignatureFile,
} from './schema.js';

export function isInstrument(item: InstrumentItemFile): item is InstrumentFile {
  return 'id' in item;
}

/** The key naming who did a later act, where the file names them. */
export const ACTED_BY = {
  revoke: 'revoked-by',
  settle: 'settled-by',
  annul: 'annulled-by',
} as const;

export type LaterActFile = Exclude<InstrumentItemFile, InstrumentFile>;

/** The later act an item of `instruments:` is, the instrument it is on, and who did it. */
export function laterAct(item: LaterActFile): {
  act: keyof typeof ACTED_BY;
  instrument: string;
  actor: string | undefined;
} {
  if ('revoke' in item)
    return { act: 'revoke', instrument: item.revoke, actor: item['revoked-by'] };
  if ('settle' in item)
    return { act: 'settle', instrument: item.settle, actor: item['settled-by'] };
  return { act: 'annul', instrument: item.annul, actor: item['annulled-by'] };
}

/** A signature as the minutes give it: by its signer, perhaps recorded by an officer. */
export function signatureOf(s: SignatureFile): Exclude<SignatureFile, string> {
  return typeof s === 'string' ? { by: s } : s;
}

/**
 * Whether the file gives what an instrument's text can be written from when it gives no text:
 * a mandate's holder or scope, a receipt's amount or creditor.
 */
export function hasTextOrParticulars(i: InstrumentFile): boolean {
  return [i.text, i.holder, i.scope, i.amount, i.from].some((v) => v !== undefined);
}

export function checkInstruments(file: ProceedingsFile, checks: FileChecks): void {
  const instruments = file.instruments.flatMap((item, index) =>
    isInstrument(item) ? [{ item, index }] : [],
  );
  const ids = file.instruments.map((item) => (isInstrument(item) ? item : {}));
  uniqueIds(ids, 'instruments', 'instrument', checks);
  const numbers = new Map<string, string>();
  for (const { item, index } of instruments) {
    const at = ['instruments', index];
    checkInstrument(item, at, checks);
    const key = JSON.stringify([item.body ?? file.body, item.number]);
    const before = numbers.get(key);
    if (item.number !== undefined && before !== undefined)
      checks.problems.push({
        path: [...at, 'number'],
        message: `number ${item.number} is given to ${before} already`,
      });
    if (item.number !== undefined && before === undefined) numbers.set(key, item.id);
  }
  // The drafts never issued, by id, with their kind: what a later act on one names.
  const unissued = new Map(
    instruments.filter((i) => i.item.issued === false).map((i) => [i.item.id, i.item.kind]),
  );
  file.instruments.forEach((item, index) => {
    if (!isInstrument(item)) checkLaterAct(item, ['instruments', index], unissued, checks);
  });
  checkAnsweredDispatches(file, checks);
}

function checkInstrument(i: InstrumentFile, at: (string | number)[], checks: FileChecks): void {
  if (i.body !== undefined) checks.body(i.body, [...at, 'body']);
  for (const key of ['holder', 'from', 'drafted-by', 'issued-by'] as const) {
    const person = i[key];
    if (person !== undefined) checks.person(person, [...at, key]);
  }
  if (!hasTextOrParticulars(i))
    checks.problems.push({
      path: at,
      message:
        "missing required key 'text': only a mandate's or a receipt's text is written from its holder, scope, amount or creditor",
    });
  if (i.issued === false && i['issued-by'] !== undefined)
    checks.problems.push({
      path: [...at, 'issued-by'],
      message: 'an instrument never issued (issued: false) has no one who issued it',
    });
  const signed = new Set<string>();
  i.signatures?.forEach((given, si) => {
    const s = signatureOf(given);
    const path =
      typeof given === 'string' ? [...at, 'signatures', si] : [...at, 'signatures', si, 'by'];
    checks.person(s.by, path);
    if (s['recorded-by'] !== undefined)
      checks.person(s['recorded-by'], [...at, 'signatures', si, 'recorded-by']);
    if (signed.has(s.by)) checks.problems.push({ path, message: `'${s.by}' signs ${i.id} twice` });
    signed.add(s.by);
  });
}

function checkLaterAct(
  item: LaterActFile,
  at: (string | number)[],
  unissued: ReadonlyMap<string, string>,
  checks: FileChecks,
): void {
  const { act, instrument } = laterAct(item);
  const kind = unissued.get(instrument);
  if (kind !== undefined)
    checks.problems.push({
      path: [...at, act],
      message: `the ${kind} '${instrument}' is a draft this file never issues (issued: false): there is nothing to ${act}`,
    });
  const { actor } = laterAct(item);
  if (actor !== undefined) checks.person(actor, [...at, ACTED_BY[act]]);
  if ('annul' in item && item['superseded-by'] === item.annul)
    checks.problems.push({
      path: [...at, 'superseded-by'],
      message: 'an instrument does not supersede itself',
    });
}

/**
 * A dispatch an instrument of the file answers is closed when the instrument is issued: the
 * register gives it no other reason to be closed.
 */
function checkAnsweredDispatches(file: ProceedingsFile, checks: FileChecks): void {
  const answered = new Map(
    file.instruments.flatMap((item) =>
      isInstrument(item) && item.answers !== undefined && item.issued !== false
        ? [[item.answers, item.id] as const]
        : [],
    ),
  );
  file.dispatches.forEach((d, di) => {
    const by = answered.get(d.id);
    if (by !== undefined && d.closed !== undefined)
      checks.problems.push({
        path: ['dispatches', di, 'closed'],
        message: `instrument ${by} answers ${d.id} and closes it when issued: leave out closed`,
      });
  });
}
