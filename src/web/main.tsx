import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App.tsx';
import { ScrollAndFocus } from './app/ScrollAndFocus.tsx';
import { I18nProvider } from './lib/i18n.tsx';
import { SessionProvider } from './lib/session.tsx';
import { SiteProvider } from './lib/site.tsx';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <I18nProvider>
        <SiteProvider>
          <SessionProvider>
            <ScrollAndFocus />
            <App />
          </SessionProvider>
        </SiteProvider>
      </I18nProvider>
    </BrowserRouter>
  </StrictMode>,
);
