/**
 * The shape of an export bundle, checked before anything in it is believed: every field of the
 * format is there (`enrolments` may be left out when there are none), of its type, and there is
 * no other, since a field no verifier checks could only be believed unchecked. Pure, with no Node
 * modules: the verifiers (src/verify), in Node and in the browser, begin with it.
 */
import { BundleFailure } from './bundle-sequence.js';
import { BUNDLE_FORMAT, INSTRUMENT_BUNDLE_FORMAT } from './proof-formats.js';
import type { Bundle, InstrumentBundle } from './proof-formats.js';

const BUNDLE_FIELDS = ['format', 'checkpoint', 'range', 'entries', 'genesis', 'enrolments'];
const ITEM_FIELDS = ['index', 'leaf', 'proof'];
const RANGE_FIELDS = ['first', 'last'];

/** `value` as a bundle, or a BundleFailure naming the first field that is not as the format says. */
export function checkBundleShape(value: unknown): Bundle {
  if (!isObject(value)) throw new BundleFailure('bundle', 'not a JSON object');
  if (value['format'] !== BUNDLE_FORMAT)
    throw new BundleFailure('bundle', `not a ${BUNDLE_FORMAT} bundle`);
  onlyFields(value, BUNDLE_FIELDS, 'bundle');
  if (typeof value['checkpoint'] !== 'string')
    throw new BundleFailure('checkpoint', 'missing: the signed checkpoint, as text');
  checkRange(value['range']);
  checkItems(value['entries'], 'entries');
  checkItem(value['genesis'], 'genesis');
  if (value['enrolments'] !== undefined) {
    checkItems(value['enrolments'], 'enrolments');
    inIndexOrder(value['enrolments'], 'enrolments');
  }
  return value as unknown as Bundle;
}

const INSTRUMENT_FIELDS = [
  'format',
  'instrument',
  'checkpoint',
  'entries',
  'genesis',
  'enrolments',
];

/** `value` as an instrument bundle, or a BundleFailure naming the first field that is not. */
export function checkInstrumentBundleShape(value: unknown): InstrumentBundle {
  if (!isObject(value)) throw new BundleFailure('bundle', 'not a JSON object');
  if (value['format'] !== INSTRUMENT_BUNDLE_FORMAT)
    throw new BundleFailure('bundle', `not a ${INSTRUMENT_BUNDLE_FORMAT} bundle`);
  onlyFields(value, INSTRUMENT_FIELDS, 'bundle');
  if (typeof value['instrument'] !== 'string' || value['instrument'] === '')
    throw new BundleFailure('instrument', 'missing: the id of the instrument the bundle proves');
  if (typeof value['checkpoint'] !== 'string')
    throw new BundleFailure('checkpoint', 'missing: the signed checkpoint, as text');
  checkItems(value['entries'], 'entries');
  inIndexOrder(value['entries'], 'entries');
  checkItem(value['genesis'], 'genesis');
  checkItems(value['enrolments'], 'enrolments');
  inIndexOrder(value['enrolments'], 'enrolments');
  return value as unknown as InstrumentBundle;
}

function checkRange(range: unknown): void {
  if (range === undefined)
    throw new BundleFailure('range', 'missing: a bundle names the entries it holds, first to last');
  if (!isObject(range)) throw new BundleFailure('range', 'not {first, last}');
  onlyFields(range, RANGE_FIELDS, 'range');
  const { first, last } = range;
  if (!isIndex(first) || !isIndex(last))
    throw new BundleFailure('range', 'first and last must be entry indexes');
  if (first > last) throw new BundleFailure('range', `first (${first}) is after last (${last})`);
}

function checkItems(items: unknown, name: string): void {
  if (!Array.isArray(items)) throw new BundleFailure(name, 'not a list of entries');
  items.forEach((item, i) => checkItem(item, `${name}[${i}]`));
}

/**
 * Items (already checked) in index order, each once. The key changes are applied in the order
 * given, each before the entries after it: out of order, a key would be refused as not its
 * holder's, or taken as held after it was revoked.
 */
function inIndexOrder(items: unknown, name: string): void {
  const indexes = (items as { index: number }[]).map((e) => e.index);
  if (indexes.some((index, i) => i > 0 && index <= indexes[i - 1]!))
    throw new BundleFailure(name, 'not in index order, or an entry is given twice');
}

function checkItem(item: unknown, name: string): void {
  const shape = 'an entry is {index, leaf (base64), proof (hex hashes)}';
  if (!isObject(item)) throw new BundleFailure(name, shape);
  onlyFields(item, ITEM_FIELDS, name);
  const { index, leaf, proof } = item;
  if (
    !isIndex(index) ||
    typeof leaf !== 'string' ||
    !Array.isArray(proof) ||
    !proof.every((h) => typeof h === 'string')
  )
    throw new BundleFailure(name, shape);
}

function onlyFields(value: Record<string, unknown>, fields: readonly string[], name: string): void {
  const unknown = Object.keys(value).find((key) => !fields.includes(key));
  if (unknown !== undefined)
    throw new BundleFailure(
      name,
      `unknown field '${unknown}': the format has ${fields.join(', ')}`,
    );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndex(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
