import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { InboxProvider } from './lib/inbox.js';
import { MeProvider } from './lib/me.js';
import { OrgProvider } from './lib/org.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MeProvider>
      <OrgProvider>
        <InboxProvider>
          <App />
        </InboxProvider>
      </OrgProvider>
    </MeProvider>
  </StrictMode>,
);
