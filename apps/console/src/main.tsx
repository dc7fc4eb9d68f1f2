// First: the profile is asked for before the rest of the code starts (see early-profile.ts).
import { earlyProfileSettled } from './lib/early-profile';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app/app';
import { preloadRoute } from './app/router';
import { rememberedLanguage, showLanguage } from './lib/i18n/languages';
import { outbox } from './lib/outbox/outbox';
import { session } from './lib/session';

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

// The page's own code is asked for now. When the service worker holds the files it is there within
// moments, and the profile (lib/early-profile.ts) within a round trip: the first render waits for
// both (at most 1 s, one Slow 4G round trip and some) and draws the page whole, in one pass,
// instead of the shell, then the page, then the page again with the profile. Without a service
// worker (a first visit), the shell is drawn meanwhile. Signed out, the page would not be shown
// (sign-in instead), so its code is not asked for.
const pageCode = session.token() ? preloadRoute(window.location.pathname) : Promise.resolve();
const pageReady = navigator.serviceWorker?.controller
  ? Promise.race([Promise.all([pageCode, earlyProfileSettled()]), new Promise((resolve) => setTimeout(resolve, 1_000))])
  : undefined;

// The page is drawn once the user's language is there, so an Arabic reader never sees it flip.
void Promise.all([showLanguage(rememberedLanguage()).catch(() => undefined), pageReady])
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
