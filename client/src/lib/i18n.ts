import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { englishResources, type Language, supportedLanguages } from '../locales/resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // Keys are checked by TypeScript against the English catalogue.
    resources: typeof englishResources;
  }
}

/** Where an explicit choice of language is kept in the browser (the account's setting wins). */
export const languageStorageKey = 'helpdesk.language';

export function isSupportedLanguage(value: string | null | undefined): value is Language {
  return supportedLanguages.some((l) => l === value);
}

/** The language in use, narrowed to one we have catalogues for. */
export function currentLanguage(): Language {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isSupportedLanguage(lng) ? lng : 'en';
}

/** The language chosen in this browser (the switcher on the sign-in page), if any. */
export function browserChoice(): string | null {
  try {
    return localStorage.getItem(languageStorageKey);
  } catch {
    return null;
  }
}

/** Forgets this browser's choice (the account's own language is set). */
export function forgetBrowserChoice(): void {
  localStorage.removeItem(languageStorageKey);
}

/** Switches the client's language; `remember` keeps it for the next visit on this browser. */
export async function setLanguage(language: Language, remember = true): Promise<void> {
  if (remember) localStorage.setItem(languageStorageKey, language);
  // A change while the first language is still loading could leave the page waiting for it.
  await i18nReady;
  if (currentLanguage() !== language) await i18next.changeLanguage(language);
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/** The bundled English catalogue of a namespace, if it is one. */
const bundled = (namespace: string) => Object.entries(englishResources).find(([ns]) => ns === namespace)?.[1];

/**
 * Resolves once i18next has its first language loaded: main.tsx renders after it, and language
 * changes wait for it.
 */
export const i18nReady = i18next
  .use(
    // Other languages' catalogues are separate chunks, fetched only when that language is used.
    resourcesToBackend((language: string, namespace: string) =>
      language === 'en' && bundled(namespace)
        ? Promise.resolve(bundled(namespace))
        : import(`../locales/${language}/${namespace}.json`),
    ),
  )
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: englishResources },
    partialBundledLanguages: true,
    ns: Object.keys(englishResources),
    defaultNS: 'common',
    fallbackLng: 'en',
    supportedLngs: [...supportedLanguages],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: languageStorageKey, caches: [] },
    // React escapes what it renders; i18next must not escape a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
    // No Suspense: the first render waits for i18nReady (main.tsx), and i18next switches the
    // language only once its catalogues are loaded. (Suspending on them left pages on
    // "Loading…" now and then in the browser suite.)
    react: { useSuspense: false },
  });

export { i18next as i18n };
