import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** A short list: what each item is, and on the right what can be done with it. */
export function ActionList<T extends { id: string }>({
  items,
  describe,
  action,
}: {
  items: T[];
  describe: (item: T) => ReactNode;
  action: (item: T) => ReactNode;
}) {
  // Narrower than a phone: the description wraps or clamps before the table scrolls.
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table fz="sm">
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{describe(item)}</Table.Td>
              {/* As wide as its content (a badge, buttons), whose clipped labels would otherwise let
                  the table squeeze it: the description gives way, never the action. */}
              <Table.Td ta="right" w="1%">
                <Box miw="max-content">{action(item)}</Box>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
