import { Anchor, Grid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { Panel } from '../../components/ui/panel';
import { QueryView } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { useCustomer } from './api/get-customer';
import { CustomerNoteEditor } from './components/customer-note';
import { CustomerTickets } from './components/customer-tickets';

/** Staff: one customer with the note, their tickets and their organisation's (those the caller may see). */
export default function CustomerPage() {
  const { t } = useTranslation('customers');
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  return (
    <Stack>
      <Anchor component={Link} to={paths.customers} size="sm">
        ← {t('page.back')}
      </Anchor>
      <QueryView query={customer}>
        {(data) => (
          <Stack>
            <PageHeader title={data.customer.name} />
            <Text className="user-text">
              {data.customer.email}
              {data.customer.organisation && ` · ${data.customer.organisation.name}`}
            </Text>
            <Text size="sm" c="dimmed">
              {t('panel.joined')} <TimeAgo value={data.customer.createdAt} />
            </Text>
            <Grid>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <Stack>
                  <Panel title={t('page.tickets')}>
                    <CustomerTickets tickets={data.tickets} testId="customer-tickets" />
                  </Panel>
                  {data.customer.organisation && (
                    <Panel title={t('panel.organisationTickets')}>
                      <CustomerTickets tickets={data.organisationTickets} showCustomer />
                    </Panel>
                  )}
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Panel title={t('note.title')}>
                  <CustomerNoteEditor customerId={id} note={data.note} canEdit={data.canEditNote} />
                </Panel>
              </Grid.Col>
            </Grid>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
