import type { Tag } from '@helpdesk/contract';
import { Badge, CloseButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A tag as a small chip in its colour; with `onRemove`, a button takes it off. The name is text. */
export function TagChip({ tag, onRemove }: { tag: Tag; onRemove?: () => void }) {
  const { t } = useTranslation('tags');
  return (
    <Badge
      size="sm"
      variant="light"
      radius="sm"
      color={tag.color ?? 'gray'}
      styles={{ root: { textTransform: 'none' } }}
      data-testid="tag-chip"
      rightSection={
        onRemove ? (
          <CloseButton size="xs" onClick={onRemove} aria-label={t('chip.remove', { name: tag.name })} />
        ) : undefined
      }
    >
      {tag.name}
    </Badge>
  );
}

/** The tags of a queue row (staff only: customers' rows carry none). */
export function TagChips({ tags }: { tags: Tag[] | undefined }) {
  if (!tags?.length) return null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, marginLeft: 6 }}>
      {tags.map((tag) => (
        <TagChip key={tag.id} tag={tag} />
      ))}
    </span>
  );
}
