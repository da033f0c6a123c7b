import { Anchor, Button, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { TableHead } from '../../components/ui/table-head';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { useSearchBox } from '../../lib/use-search-box';
import { useCustomers } from './api/list-customers';

/** Staff: every customer by name, searchable by name or e-mail. */
export default function CustomersPage() {
  const { t } = useTranslation('customers');
  const search = useSearchBox();
  const customers = useCustomers(search.query);
  return (
    <Stack>
      <PageHeader title={t('list.title')} />
      <TextInput aria-label={t('list.search')} placeholder={t('list.searchPlaceholder')} {...search.inputProps} />
      <QueryView query={customers} empty={<Empty title={t('list.none')} />}>
        {(items) => (
          <Table.ScrollContainer minWidth={500}>
            <Table data-testid="customers-table">
              <TableHead columns={[t('list.columns.name'), t('list.columns.organisation'), t('list.columns.joined')]} />
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id} opacity={c.isActive ? 1 : 0.6}>
                    <Table.Td>
                      <Anchor component={Link} to={paths.customer(c.id)} size="sm" fw={500} className="user-text">
                        {c.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" className="user-text">
                        {c.email}
                      </Text>
                    </Table.Td>
                    <Table.Td className="user-text">{c.organisation?.name ?? ''}</Table.Td>
                    <Table.Td>
                      <TimeAgo value={c.createdAt} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {customers.hasNextPage && (
              <Button variant="light" onClick={() => customers.fetchNextPage()}>
                {t('list.loadMore')}
              </Button>
            )}
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Stack>
  );
}
