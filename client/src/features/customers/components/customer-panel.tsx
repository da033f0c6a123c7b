import { Anchor, Divider, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Panel } from '../../../components/ui/panel';
import { QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { paths } from '../../../config/paths';
import { ApiError } from '../../../lib/api-client';
import { useUser } from '../../../lib/auth';
import { can } from '../../../lib/permissions';
import { useCustomer } from '../api/get-customer';
import { CustomerNoteEditor } from './customer-note';
import { CustomerTickets } from './customer-tickets';

/** Beside a ticket (staff with users.view): who the customer is, their other tickets and the staff note. */
export function CustomerPanel({ customerId, ticketId }: { customerId: string; ticketId: string }) {
  const user = useUser();
  if (!can(user, 'users.view')) return null;
  return <PanelBody customerId={customerId} ticketId={ticketId} />;
}

function PanelBody({ customerId, ticketId }: { customerId: string; ticketId: string }) {
  const { t } = useTranslation('customers');
  const customer = useCustomer(customerId);
  // A ticket filed by staff for themselves has no customer panel (the API says NOT_A_CUSTOMER).
  if (customer.error instanceof ApiError && customer.error.code === 'NOT_A_CUSTOMER') return null;
  return (
    <Panel title={t('panel.title')} compact>
      <QueryView query={customer}>
        {(data) => (
          <Stack gap="xs" data-testid="customer-panel">
            <Stack gap={0}>
              <Anchor component={Link} to={paths.customer(customerId)} fw={600} className="user-text">
                {data.customer.name}
              </Anchor>
              <Text size="sm" className="user-text">
                {data.customer.email}
              </Text>
              <Text size="xs" c="dimmed">
                {t('panel.joined')} <TimeAgo value={data.customer.createdAt} />
              </Text>
              {data.customer.organisation && (
                <Text size="sm" className="user-text">
                  {t('panel.organisation', { name: data.customer.organisation.name })}
                </Text>
              )}
            </Stack>
            <Divider label={t('panel.otherTickets')} labelPosition="left" />
            <CustomerTickets tickets={data.tickets.filter((x) => x.id !== ticketId)} testId="customer-other-tickets" />
            {data.organisationTickets.length > 0 && (
              <>
                <Divider label={t('panel.organisationTickets')} labelPosition="left" />
                <CustomerTickets tickets={data.organisationTickets} showCustomer />
              </>
            )}
            <Divider label={t('note.title')} labelPosition="left" />
            <CustomerNoteEditor customerId={customerId} note={data.note} canEdit={data.canEditNote} />
          </Stack>
        )}
      </QueryView>
    </Panel>
  );
}
