import { Kbd, Modal, Table } from '@mantine/core';

const shortcuts: [string, string][] = [
  ['j / k', 'Next / previous ticket'],
  ['Enter', 'Open the selected ticket'],
  ['x', 'Select the ticket for bulk actions'],
  ['/', 'Search'],
  ['r', 'Reply (on a ticket)'],
  ['n', 'Internal note (on a ticket)'],
  ['?', 'This list'],
];

/** The keyboard shortcuts of the queue and the ticket page. */
export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table>
        <Table.Tbody>
          {shortcuts.map(([key, does]) => (
            <Table.Tr key={key}>
              <Table.Td>
                <Kbd>{key}</Kbd>
              </Table.Td>
              <Table.Td>{does}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
