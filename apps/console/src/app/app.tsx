import { DirectionProvider, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { useMemo } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { DirectionSync } from '../components/direction-sync';
import { LazyNotifications } from '../components/lazy-notifications';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../lib/api/client';
import { i18n } from '../lib/i18n';
import { direction } from '../lib/i18n/languages';
import { session } from '../lib/session';
import { AppRoutes } from './router';

// Shade 8 keeps white text on filled buttons above WCAG AA contrast. Made again when the language
// changes, so the labels below are in the user's language.
const makeTheme = (language: string) => {
  const t = i18n.getFixedT(language);
  return createTheme({
    primaryColor: 'indigo',
    primaryShade: 8,
    defaultRadius: 'sm',
    // Plain objects keyed by component name, not `Select.extend(...)`: importing the components
    // here would put them (and Combobox, Modal, Table...) in the first chunk of every page.
    components: {
      // Every control has an accessible name, the dialogs' close buttons included.
      // Coloured titles on the light alert backgrounds fall below AA contrast; the colour stays in the frame.
      Alert: {
        defaultProps: { closeButtonLabel: t('common.close') },
        styles: { title: { color: 'var(--mantine-color-text)' } },
      },
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } },
      Select: { defaultProps: { clearButtonProps: { 'aria-label': t('common.clear') } } },
      MultiSelect: { defaultProps: { clearButtonProps: { 'aria-label': t('common.clear') } } },
      TagsInput: { defaultProps: { clearButtonProps: { 'aria-label': t('common.clear') } } },
      FileInput: { defaultProps: { clearButtonProps: { 'aria-label': t('common.clear') } } },
      // A table wider than a phone scrolls sideways; its scroller takes the keyboard focus to do so.
      TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
    },
  });
};

// Mantine's default dimmed grey is below WCAG AA contrast on white; this one reads at 7:1.
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#5c636a' },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // 4xx answers do not get better by asking again.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// What one user saw is not shown to the next one who signs in on this tab.
session.subscribe(() => {
  if (!session.token()) queryClient.clear();
});

export function App() {
  const { i18n: translation } = useTranslation();
  const theme = useMemo(() => makeTheme(translation.language), [translation.language]);
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={direction(i18n.language)} detectDirection={false}>
        <DirectionSync />
        <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={contrast}>
          <LazyNotifications />
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
