/**
 * Words the minutes as files add to those every rendering shares (core/minutes/words.ts): the
 * link to an entry's proof, which links may be followed, and the document's title.
 */
import type { MinutesDocument } from '../../core/minutes/document.js';
import { sessionHeading } from '../../core/minutes/words.js';

export {
  dayInWords,
  instrumentHeading,
  namesInRow,
  restsOnInWords,
  statedInWords,
  statusLine,
  timeInWords,
  timeOnDay,
} from '../../core/minutes/words.js';

/**
 * The link to an entry's proof, on the web app's entry page under `base` (an http or https
 * origin, with or without a path); none without a base.
 */
export function proofLink(base: string | undefined, entry: number): string | undefined {
  return base === undefined ? undefined : `${base.replace(/\/+$/, '')}/record/${entry}`;
}

/** Whether a link may be followed from a document: http and https only, never a script. */
export function isWebLink(link: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(link);
}

/** The title the document carries in its metadata and first heading. */
export function documentTitle(doc: MinutesDocument): string {
  return `Minutes: ${doc.body.name}, ${sessionHeading(doc.session)}`;
}
