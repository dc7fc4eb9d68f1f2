// First: the profile is asked for before the rest of the code starts (see early-profile.ts).
import './lib/early-profile';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app/app';
import { rememberedLanguage, showLanguage } from './lib/i18n/languages';
import { outbox } from './lib/outbox/outbox';

// The service worker keeps the console's files, so it opens again without a connection. Its
// precache fetches every page's code: it starts once this page has loaded and the phone is idle,
// so on a slow line it never competes with the page being opened.
function registerWhenIdle() {
  const register = () => {
    void registerSW({ immediate: true });
    // Signing out must work with no signal, before the service worker holds anything: the user
    // menu and the unsent-leads warning are fetched now, not on first use.
    void import('./app/user-menu-dropdown');
    void import('./hooks/sign-out-dialog');
  };
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 5_000 }) : register());
  setTimeout(idle, 3_000);
}
if (document.readyState === 'complete') registerWhenIdle();
else window.addEventListener('load', registerWhenIdle, { once: true });
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
