import { Button, Group, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The Edit and Delete buttons of an admin list row; Delete asks for confirmation first. */
export function EditDeleteButtons({
  name,
  onEdit,
  onDelete,
  size = 'compact-xs',
}: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
  size?: `compact-${MantineSize}`;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button size={size} variant="default" onClick={onEdit}>
        {t('actions.edit')}
      </Button>
      <Button
        size={size}
        variant="subtle"
        color="red"
        onClick={() => window.confirm(t('actions.confirmDelete', { name })) && onDelete()}
      >
        {t('actions.delete')}
      </Button>
    </Group>
  );
}
