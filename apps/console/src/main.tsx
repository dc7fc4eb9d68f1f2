import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app/app';
import { rememberedLanguage, showLanguage } from './lib/i18n/languages';
import { outbox } from './lib/outbox/outbox';

// The service worker keeps the console's files, so it opens again without a connection.
registerSW({ immediate: true });
outbox.start();

// The page is drawn once the user's language is there, so an Arabic reader never sees it flip.
void showLanguage(rememberedLanguage())
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
