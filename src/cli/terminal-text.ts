/**
 * What the command line prints of a record's texts is shown, never obeyed. New acts cannot hold
 * control characters (core/payloads.ts), but a record written before, or altered, may: an escape
 * sequence in a motion's text would otherwise clear the screen, retitle the window or recolour
 * what follows, and a carriage return would print one word over another.
 */

// The characters a terminal acts on: C0 but tab and line feed, DEL, and C1 (ESC and CSI among them).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ACTED_ON = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// DEL and C1, which JSON.stringify leaves raw.
const RAW_IN_JSON = /[\u007f-\u009f]/g;

const hex = (c: string): string => c.charCodeAt(0).toString(16).padStart(2, '0');

/**
 * Text for a person to read: each control character written out as `\xHH` (a line break ended
 * by CR LF is a line break).
 *
 * @example
 * shownSafely('Adopt\u001b[2J it'); // 'Adopt\\x1b[2J it'
 */
export function shownSafely(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ACTED_ON, (c) => `\\x${hex(c)}`);
}

/**
 * JSON text with DEL and the C1 controls written as `\u00HH` escapes, as JSON.stringify writes
 * C0: the same value, no byte a terminal acts on.
 */
export function jsonSafely(json: string): string {
  return json.replace(RAW_IN_JSON, (c) => `\\u00${hex(c)}`);
}
