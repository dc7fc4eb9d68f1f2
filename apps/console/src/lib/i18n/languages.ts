import countries, { type LocaleData } from 'i18n-iso-countries';
import { i18n } from './index';

/** INTERPOL's four working languages; Arabic is written right to left. */
export const LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name for itself, as a picker shows it (the same in every language). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية' };

const DEVICE_KEY = 'dragnet.language';
const userKey = (userId: string) => `dragnet.language.${userId}`;

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);
export const direction = (language: string): 'rtl' | 'ltr' => (language === 'ar' ? 'rtl' : 'ltr');

/**
 * The catalogues other than English, with the country names in that language, load when first
 * chosen, so a user downloads only its own.
 */
const loaders: Record<Exclude<Language, 'en'>, () => Promise<[object, LocaleData]>> = {
  fr: () =>
    Promise.all([
      import('./fr').then((module) => module.fr),
      import('i18n-iso-countries/langs/fr.json').then((module) => module.default),
    ]),
  es: () =>
    Promise.all([
      import('./es').then((module) => module.es),
      import('i18n-iso-countries/langs/es.json').then((module) => module.default),
    ]),
  ar: () =>
    Promise.all([
      import('./ar').then((module) => module.ar),
      import('i18n-iso-countries/langs/ar.json').then((module) => module.default),
    ]),
};

function read(key: string): Language | null {
  try {
    const value = localStorage.getItem(key);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** The language this user chose last, if it chose one. */
export function userLanguage(userId: string): Language | null {
  return read(userKey(userId));
}

/** The language this device used last (before anyone signs in), else the browser's, else English. */
export function rememberedLanguage(): Language {
  const fromBrowser = navigator.languages.map((tag) => tag.slice(0, 2)).find(isLanguage);
  return read(DEVICE_KEY) ?? fromBrowser ?? 'en';
}

/** The language asked for last: a catalogue that loads late must not undo a later choice. */
let wanted: Language | undefined;
/** A choice made before anyone was known to be signed in, kept for the user who turns up. */
let choiceBeforeSignIn: Language | undefined;

/**
 * Shows the console in a language: loads its catalogue, then sets `lang` and `dir` on <html> (the
 * Mantine direction follows, see DirectionSync). Catalogues load asynchronously, so when the user
 * picks again while one loads, only the last language asked for is applied.
 */
export async function showLanguage(language: Language): Promise<void> {
  wanted = language;
  if (language !== 'en' && !i18n.hasResourceBundle(language, 'translation')) {
    const [catalogue, countryNames] = await loaders[language]();
    countries.registerLocale(countryNames);
    i18n.addResourceBundle(language, 'translation', catalogue);
  }
  if (wanted !== language) return;
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = direction(language);
}

function remember(language: Language, userId?: string): void {
  try {
    localStorage.setItem(DEVICE_KEY, language);
    if (userId) localStorage.setItem(userKey(userId), language);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this visit only.
  }
}

/**
 * The user picked a language: it is remembered for this device and user at once (a language is
 * no secret, so localStorage is fine; the token never goes there), then shown.
 */
export function chooseLanguage(language: Language, userId?: string): Promise<void> {
  choiceBeforeSignIn = userId ? undefined : language;
  remember(language, userId);
  return showLanguage(language);
}

/**
 * A user became known (signed in, or its profile loaded after a reload): a choice made on this
 * page before that becomes its choice; otherwise the language it chose last, if any, comes back.
 */
export function welcomeUser(userId: string): Promise<void> {
  const chosen = choiceBeforeSignIn ?? userLanguage(userId);
  choiceBeforeSignIn = undefined;
  if (!chosen) return Promise.resolve();
  remember(chosen, userId);
  return chosen === wanted ? Promise.resolve() : showLanguage(chosen);
}
