import { useEffect } from 'react';
import { useMe } from '../lib/api/get-me';
import { usePublicSettings } from '../lib/api/get-public-settings';
import { chooseLanguage } from '../lib/choose-language';
import { browserChoice, setLanguage } from '../lib/i18n';

/**
 * Keeps the shown language the one `chooseLanguage` picks once the signed-in user and the
 * helpdesk's default are known (until then i18next's guess from this browser stands).
 */
export function LanguageSync() {
  const me = useMe();
  const settings = usePublicSettings();
  const userLocale = me.data?.locale;
  const helpdeskDefault = settings.data?.defaultLocale;
  useEffect(() => {
    // Once both are known: one change, not a German page turning English a moment later.
    if (me.isPending || settings.isPending) return;
    const language = chooseLanguage({
      userLocale,
      browserChoice: browserChoice(),
      helpdeskDefault,
      browserLanguages: navigator.languages,
    });
    void setLanguage(language, false);
  }, [userLocale, helpdeskDefault, me.isPending, settings.isPending]);
  return null;
}
