import { Button, Group, type MantineSize } from '@mantine/core';

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
  return (
    <Group gap={4} wrap="nowrap">
      <Button size={size} variant="default" onClick={onEdit}>
        Edit
      </Button>
      <Button size={size} variant="subtle" color="red" onClick={() => window.confirm(`Delete ${name}?`) && onDelete()}>
        Delete
      </Button>
    </Group>
  );
}
