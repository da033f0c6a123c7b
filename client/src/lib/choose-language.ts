import { type Language, supportedLanguages } from '../locales/resources';

const isSupported = (value: string | null | undefined): value is Language =>
  supportedLanguages.some((l) => l === value);

/** A browser language ('de-AT', 'en-GB') narrowed to one we have catalogues for. */
export function supportedBase(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split('-')[0];
  return isSupported(base) ? base : undefined;
}

/**
 * Which language the client shows, first that applies: the signed-in user's own choice, the
 * choice made in this browser (the switcher on the sign-in page), the helpdesk's default (admin
 * settings), the browser's languages, English.
 */
export function chooseLanguage(from: {
  userLocale?: string | null;
  browserChoice?: string | null;
  helpdeskDefault?: string | null;
  browserLanguages?: readonly string[];
}): Language {
  if (isSupported(from.userLocale)) return from.userLocale;
  if (isSupported(from.browserChoice)) return from.browserChoice;
  if (isSupported(from.helpdeskDefault)) return from.helpdeskDefault;
  for (const tag of from.browserLanguages ?? []) {
    const language = supportedBase(tag);
    if (language) return language;
  }
  return supportedLanguages[0];
}
