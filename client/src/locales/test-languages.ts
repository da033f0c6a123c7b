/** For tests: i18next with every catalogue of every language loaded, in `language`. */
import i18next from 'i18next';

const files = import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' });

export async function switchToLanguage(language: string): Promise<void> {
  if (!i18next.isInitialized) {
    const resources: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const [file, catalogue] of Object.entries(files)) {
      const [, lng = '', ns = ''] = /^\.\/(\w+)\/(\w+)\.json$/.exec(file) ?? [];
      resources[lng] = { ...resources[lng], [ns]: catalogue };
    }
    await i18next.init({
      resources,
      lng: language,
      fallbackLng: 'en',
      defaultNS: 'common',
      interpolation: { escapeValue: false },
    });
  }
  await i18next.changeLanguage(language);
}
