/**
 * The minutes of a session as the web reads them (GET /api/sessions/:id/minutes), where their
 * files and CSV exports are downloaded, and the verification of the session's bundle in this
 * browser.
 */
import { useState } from 'react';
import type { MinutesDocument } from '../../api/minutes.js';
import { dayInWords } from '../../core/minutes/words.js';
import { notVerified } from '../components/VerifyPanel.js';
import type { VerifyState } from '../components/VerifyPanel.js';
import { getBytes, getJson, seg } from './api.js';
import { bodyOf } from './org.js';
import { useResource } from './resource.js';
import type { Organization, SessionSummary } from './types.js';

export type { MinutesDocument };

/** The minutes of `session` as the record holds them now. */
export function fetchMinutes(session: string): Promise<MinutesDocument> {
  return getJson<MinutesDocument>(`/api/sessions/${seg(session)}/minutes`);
}

/**
 * A session in a sentence, as the record's words name one: "the session of Political Bureau on
 * 5 May 1920 (Title)"; by its id only while the record gives no day for it.
 */
export function sessionWords(
  org: Organization | undefined,
  id: string,
  s: SessionSummary | undefined,
): string {
  if (!s?.date) return `session ${id}`;
  const title = s.title ? ` (${s.title})` : '';
  return `the session of ${bodyOf(org, s.body)?.name ?? s.body} on ${dayInWords(s.date.slice(0, 10))}${title}`;
}

/** The session `id` (whose minutes are approved, say), read from the record when there is one. */
export function useSessionSummary(id: string | undefined) {
  return useResource(
    () => (id ? getJson<SessionSummary>(`/api/sessions/${seg(id)}`) : Promise.resolve(undefined)),
    id ?? '',
  );
}

/** The files a member may download: the minutes in three formats, and the session's tables. */
export function minutesDownloads(session: string) {
  const s = seg(session);
  return {
    documents: [
      ['md', 'Markdown', `/api/sessions/${s}/minutes.md`],
      ['html', 'HTML (prints well)', `/api/sessions/${s}/minutes.html`],
      ['pdf', 'PDF', `/api/sessions/${s}/minutes.pdf`],
    ],
    tables: [
      ['decisions', 'Decisions (CSV)', `/api/exports/decisions.csv?session=${s}`],
      ['votes', 'Votes (CSV)', `/api/exports/votes.csv?session=${s}`],
      ['attendance', 'Attendance (CSV)', `/api/exports/attendance.csv?session=${s}`],
    ],
  } as const;
}

/** The session's bundle, read as `collegium verify` reads the same file. */
async function bundleOf(session: string): Promise<unknown> {
  const [{ readBundle }, bytes] = await Promise.all([
    import('./bundle-file.js'),
    getBytes(`/api/bundle?session=${seg(session)}`),
  ]);
  return readBundle(bytes, `${session}.bundle.json`, 'entries');
}

/**
 * The verification of a session in this browser: it fetches the session's bundle and the log key
 * and checks the checkpoint's signature, every inclusion proof and signature, and that no entry
 * of the session was left out.
 */
export function useSessionVerify(session: string): { state: VerifyState; run: () => void } {
  const [state, setState] = useState<VerifyState>({ running: false });
  const run = async () => {
    setState({ running: true });
    try {
      const [{ verifyBundle }, fresh, { logKey }] = await Promise.all([
        import('../../verify/bundle.js'),
        bundleOf(session),
        getJson<{ logKey: string }>('/api/log-key'),
      ]);
      const result = await verifyBundle(fresh, logKey, (done, total) =>
        setState({ running: true, progress: { done, total } }),
      );
      setState({ running: false, result, logKey });
    } catch (error) {
      setState(notVerified(error, 'bundle'));
    }
  };
  return { state, run: () => void run() };
}
