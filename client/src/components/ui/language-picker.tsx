import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { type Language, supportedLanguages } from '../../locales/resources';

/** A small menu of the client's languages, each named in itself ("Deutsch"); `onChange` switches. */
export function LanguagePicker({ onChange }: { onChange: (language: Language) => void }) {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          size="compact-sm"
          aria-label={`${t('account.language')}: ${t(`languages.${current}`)}`}
          data-testid="language-picker"
        >
          {t(`languages.${current}`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {supportedLanguages.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => onChange(language)}
            fw={language === current ? 700 : undefined}
            aria-current={language === current ? 'true' : undefined}
          >
            {t(`languages.${language}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
