/** The routes of the app. */
import type { ReactNode } from 'react';
import { Layout } from './components/Layout.js';
import { entryIndex, invalidAddress, match } from './lib/addresses.js';
import { paths, useLocation, Link } from './lib/router.js';
import { BallotPage } from './pages/Ballot.js';
import { CirculationPage } from './pages/Circulation.js';
import { Circulations } from './pages/Circulations.js';
import { Console } from './pages/Console.js';
import { ConveneSession } from './pages/ConveneSession.js';
import { Decisions } from './pages/Decisions.js';
import { DispatchPage } from './pages/Dispatch.js';
import { Dispatches } from './pages/Dispatches.js';
import { DraftInstrument } from './pages/DraftInstrument.js';
import { Enrol } from './pages/Enrol.js';
import { EntryPage, NoEntry } from './pages/Entry.js';
import { Explorer } from './pages/Explorer.js';
import { Home } from './pages/Home.js';
import { Inbox } from './pages/Inbox.js';
import { InstrumentPage } from './pages/Instrument.js';
import { Instruments } from './pages/Instruments.js';
import { Login } from './pages/Login.js';
import { Minutes } from './pages/Minutes.js';
import { Projector } from './pages/Projector.js';
import { PutQuestion } from './pages/PutQuestion.js';
import { RegisterDispatch } from './pages/RegisterDispatch.js';
import { SigningQueue } from './pages/SigningQueue.js';
import { VerifyInstrument } from './pages/VerifyInstrument.js';

type Route = [string, (params: Record<string, string>, query: URLSearchParams) => ReactNode];

const routes: Route[] = [
  ['/', () => <Home />],
  ['/sessions/new', (_, q) => <ConveneSession body={q.get('body') ?? undefined} />],
  ['/sessions/:id', (p) => <Console key={p.id} id={p.id!} />],
  ['/sessions/:id/ballot', (p) => <BallotPage key={p.id} id={p.id!} />],
  ['/sessions/:id/projector', (p) => <Projector key={p.id} id={p.id!} />],
  ['/sessions/:id/minutes', (p) => <Minutes key={p.id} id={p.id!} />],
  // The page's former name, still linked from elsewhere.
  ['/sessions/:id/protocol', (p) => <Minutes key={p.id} id={p.id!} />],
  ['/record', (_, q) => <Explorer from={fromQuery(q)} />],
  [
    '/record/:index',
    (p) => {
      const index = entryIndex(p.index!);
      return index === undefined ? (
        <NoEntry given={p.index!} />
      ) : (
        <EntryPage key={index} index={index} />
      );
    },
  ],
  ['/enrol', () => <Enrol />],
  ['/login', () => <Login />],
  ['/inbox', () => <Inbox />],
  ['/circulations', () => <Circulations />],
  [
    '/circulations/new',
    (_, q) => (
      <PutQuestion
        body={q.get('body') ?? undefined}
        dispatch={q.get('dispatch') ?? undefined}
        approves={q.get('approves') ?? undefined}
      />
    ),
  ],
  ['/circulations/:id', (p) => <CirculationPage key={p.id} id={p.id!} />],
  ['/dispatches', () => <Dispatches />],
  ['/dispatches/new', () => <RegisterDispatch />],
  ['/dispatches/:id', (p) => <DispatchPage key={p.id} id={p.id!} />],
  ['/queue', () => <SigningQueue />],
  ['/decisions', () => <Decisions />],
  ['/instruments', () => <Instruments />],
  [
    '/instruments/new',
    (_, q) => (
      <DraftInstrument body={q.get('body') ?? undefined} answers={q.get('answers') ?? undefined} />
    ),
  ],
  ['/instruments/:id', (p) => <InstrumentPage key={p.id} id={p.id!} />],
  [
    '/verify',
    (_, q) => {
      const instrument = q.get('instrument') ?? undefined;
      return <VerifyInstrument key={instrument} instrument={instrument} />;
    },
  ],
];

function fromQuery(query: URLSearchParams): number | undefined {
  return entryIndex(query.get('from') ?? '');
}

export function App() {
  const { path, search, query } = useLocation();
  const invalid = invalidAddress(path, search);
  if (invalid === undefined)
    for (const [pattern, render] of routes) {
      const params = match(pattern, path);
      if (params) return <>{render(params, query)}</>;
    }
  return <NotFound path={path} invalid={invalid} />;
}

/** No page here: none at this address, or (`invalid` says why) no address the app could have. */
function NotFound({ path, invalid }: { path: string; invalid?: string }) {
  // An address of any length may come here: what is shown of it stays a line.
  const shown = path.length > 80 ? `${path.slice(0, 80)}…` : path;
  return (
    <Layout title={invalid ? 'Not a valid address' : 'Not found'}>
      <h1>{invalid ? 'Not a valid address' : 'Not found'}</h1>
      <p>
        {invalid
          ? `The address ${shown} cannot name a page: ${invalid}.`
          : `There is no page at ${shown}.`}{' '}
        <Link to={paths.home}>Go to the organization</Link>.
      </p>
    </Layout>
  );
}
