/**
 * A session named on the command line. An id that names no session is most often another thing
 * of the record (a question decided between sessions, an instrument, a dispatch, a session
 * convened and not opened yet): the refusal says which, and the command that shows it.
 */
import { dayInWords } from '../core/minutes/words.js';
import type { SessionState, State } from '../core/state/index.js';
import { CliError } from './io.js';

export function sessionNamed(state: State, id: string): SessionState {
  const session = state.sessions.get(id);
  if (session) return session;
  throw new CliError(`no session '${id}' in the record${whatItIs(state, id)}`, 1, 'not-found');
}

function whatItIs(state: State, id: string): string {
  const convened = state.convened.get(id);
  if (convened)
    return `: it is convened for ${dayInWords(convened.date.slice(0, 10))} and not opened yet (collegium session open ${id} --body ${convened.body} opens it)`;
  if (state.circulations.has(id))
    return `: ${id} is a question put between sessions (collegium circulation show ${id} gives its record; collegium protocol, among the sessions)`;
  if (state.instruments.has(id))
    return `: ${id} is an instrument (collegium instrument show ${id})`;
  if (state.dispatches.has(id)) return `: ${id} is a dispatch (collegium dispatch show ${id})`;
  return '';
}
