import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifyError } from '../../../components/ui/notify';
import { paths } from '../../../config/paths';
import { useUser } from '../../../lib/auth';
import { can } from '../../../lib/permissions';
import { useArticleFromTicket } from '../api/article-from-ticket';

/** On a ticket page (staff with kb.write): a draft article from the ticket, opened in the editor. */
export function ArticleFromTicketButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('help');
  const user = useUser();
  const create = useArticleFromTicket();
  const navigate = useNavigate();
  if (!can(user, 'kb.write')) return null;
  return (
    <Button
      size="xs"
      variant="default"
      loading={create.isPending}
      onClick={() =>
        create.mutate(ticketId, { onSuccess: (a) => navigate(paths.help.edit(a.id)), onError: notifyError })
      }
    >
      {t('fromTicket.button')}
    </Button>
  );
}
