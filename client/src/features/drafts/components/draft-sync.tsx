import type { Draft } from '@helpdesk/contract';
import { Text } from '@mantine/core';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftLink, DraftText } from '../hooks/use-draft';
import { useDraftSync } from '../hooks/use-draft-sync';

/** Restores and saves a draft, and says when it is saved (a lazy part of the composer). */
export function DraftSync({
  path,
  text,
  restore,
  link,
}: {
  path: string;
  text: DraftText;
  restore: (draft: Draft) => void;
  link: RefObject<DraftLink>;
}) {
  const { t } = useTranslation('drafts');
  const status = useDraftSync(path, text, restore, link);
  return (
    <Text size="xs" c="dimmed" aria-live="polite" data-testid="draft-status">
      {status === 'saved' ? t('saved') : ''}
    </Text>
  );
}
