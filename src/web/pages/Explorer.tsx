/** The record explorer: the log's entries, a page at a time, newest first by default. */
import { getJson } from '../lib/api.js';
import { useLiveEvents } from '../lib/events.js';
import { describeEntry, timeOf } from '../lib/format.js';
import { bodyOf, nameOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { LogPage } from '../lib/types.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';

const PAGE = 20;

async function loadPage(from: number | undefined): Promise<LogPage & { from: number }> {
  let start = from;
  if (start === undefined) {
    const { size } = await getJson<LogPage>('/api/log?from=0&limit=1');
    start = Math.max(0, size - PAGE);
  }
  const page = await getJson<LogPage>(`/api/log?from=${start}&limit=${PAGE}`);
  return { ...page, from: start };
}

export function Explorer({ from }: { from?: number }) {
  const { org } = useOrg();
  const log = useResource(() => loadPage(from), String(from));
  const latest = () => {
    if (from === undefined) log.reload();
  };
  useLiveEvents(undefined, latest, latest);
  const page = log.data;
  return (
    <Layout wide title="The record">
      <h1>The record</h1>
      <p>
        Every act is an entry, signed by whoever did it and placed in a Merkle log whose checkpoints
        the log key signs. Open an entry to see its inclusion proof.
      </p>
      <ErrorNote error={log.error} />
      {!page ? (
        <Loading what="the record" />
      ) : page.from >= page.size && page.entries.length === 0 ? (
        <p role="status">
          There is no entry {page.from}: the record has {page.size}{' '}
          {page.size === 1 ? 'entry' : 'entries'}.{' '}
          <Link to={paths.record()}>See its newest entries</Link>.
        </p>
      ) : (
        <>
          <Pager from={page.from} size={page.size} where="above the entries" />
          {/* A phone scrolls the table within its frame, not the page. */}
          <div className="table-scroll" role="region" aria-label="The entries" tabIndex={0}>
            <table className="entries">
              <caption>
                Entries {page.from} to {page.from + page.entries.length - 1} of {page.size}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Entry</th>
                  <th scope="col">Time</th>
                  <th scope="col">Act</th>
                  <th scope="col">What</th>
                </tr>
              </thead>
              <tbody>
                {[...page.entries].reverse().map((item) => (
                  <tr key={item.index}>
                    <td>
                      <Link to={paths.entry(item.index)}>{item.index}</Link>
                    </td>
                    {item.entry ? (
                      <>
                        <td>
                          <time dateTime={item.entry.time}>{timeOf(item.entry.time)}</time>
                        </td>
                        <td>
                          <code>{item.entry.type}</code>
                        </td>
                        <td>
                          {describeEntry(
                            item.entry,
                            item.named,
                            (p) => nameOf(org, p),
                            (b) => bodyOf(org, b ?? '')?.name ?? b ?? '',
                          )}
                        </td>
                      </>
                    ) : (
                      <td colSpan={3}>{item.withheld}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager from={page.from} size={page.size} where="below the entries" />
        </>
      )}
    </Layout>
  );
}

/** Links to the pages of the record; the two of a page are told apart by `where` they are, as
 * every landmark of a page has a name of its own. */
function Pager({ from, size, where }: { from: number; size: number; where: string }) {
  const newer = from + PAGE < size ? Math.min(from + PAGE, Math.max(0, size - PAGE)) : undefined;
  const older = from > 0 ? Math.max(0, from - PAGE) : undefined;
  return (
    <nav className="pager actions" aria-label={`Pages of the record, ${where}`}>
      {newer !== undefined ? <Link to={paths.record()}>Newest</Link> : <span>Newest</span>}
      {newer !== undefined ? <Link to={paths.record(newer)}>Newer</Link> : <span>Newer</span>}
      {older !== undefined ? <Link to={paths.record(older)}>Older</Link> : <span>Older</span>}
      {from > 0 ? <Link to={paths.record(0)}>Oldest</Link> : <span>Oldest</span>}
    </nav>
  );
}
