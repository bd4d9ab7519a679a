/** Deadlines: the time left in words, and the browser's date-time inputs. */
import { moreThanAYear } from '../../core/words.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The time left before a deadline, in words: "2 d 5 h", "3 h 07 min", "4 min 09 s", or undefined
 * once it has passed. Coarser the further it is: the seconds matter only in the last hour, and
 * past a year it is "more than a year".
 */
export function timeLeft(ms: number): string | undefined {
  if (!(ms > 0)) return undefined;
  const far = moreThanAYear(ms);
  if (far) return far;
  const two = (n: number) => String(n).padStart(2, '0');
  if (ms >= DAY) return `${Math.floor(ms / DAY)} d ${Math.floor((ms % DAY) / HOUR)} h`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)} h ${two(Math.floor((ms % HOUR) / MINUTE))} min`;
  return `${Math.floor(ms / MINUTE)} min ${two(Math.floor((ms % MINUTE) / 1000))} s`;
}

/** A moment as a datetime-local input shows it: YYYY-MM-DDTHH:MM, in local time. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What a datetime-local input holds (local time), as an ISO instant; undefined when empty or
 * not a date. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
