import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { InboxProvider } from './lib/inbox.js';
import { MeProvider } from './lib/me.js';
import { OrgProvider } from './lib/org.js';
import { QueueProvider } from './lib/queue.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MeProvider>
      <OrgProvider>
        <InboxProvider>
          <QueueProvider>
            <App />
          </QueueProvider>
        </InboxProvider>
      </OrgProvider>
    </MeProvider>
  </StrictMode>,
);
