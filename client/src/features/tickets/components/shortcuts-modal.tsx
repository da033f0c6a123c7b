import { Kbd, Modal, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const shortcuts = [
  ['j / k', 'next'],
  ['Enter', 'open'],
  ['x', 'select'],
  ['/', 'search'],
  ['r', 'reply'],
  ['n', 'note'],
  ['Ctrl+Shift+K', 'canned'],
  ['?', 'help'],
] as const;

/** The keyboard shortcuts of the queue and the ticket page. */
export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('tickets');
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')}>
      <Table>
        <Table.Tbody>
          {shortcuts.map(([key, does]) => (
            <Table.Tr key={key}>
              <Table.Td>
                <Kbd>{key}</Kbd>
              </Table.Td>
              <Table.Td>{t(`shortcuts.${does}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
