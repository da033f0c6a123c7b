import { Badge, Button, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { ActionList } from '../../../components/ui/action-list';
import { Panel } from '../../../components/ui/panel';
import { FormError, QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useEndOtherSessions } from '../api/end-other-sessions';
import { useEndSession } from '../api/end-session';
import { useSessions } from '../api/get-sessions';

/** Where you are signed in; end one session or all the others. */
export function SessionsPanel() {
  const sessions = useSessions();
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const { t } = useTranslation('auth');
  return (
    <Panel
      title={t('sessions.title')}
      aside={
        <Button size="xs" variant="default" onClick={() => endOthers.mutate()} loading={endOthers.isPending}>
          {t('sessions.endOthers')}
        </Button>
      }
    >
      <FormError error={end.error ?? endOthers.error} />
      <QueryView query={sessions}>
        {(list) => (
          <ActionList
            items={list}
            describe={(s) => (
              <>
                <Text size="sm" lineClamp={1}>
                  {s.userAgent ?? t('sessions.unknownBrowser')}
                </Text>
                <Text size="xs" c="dimmed">
                  {s.ip ?? ''} ·{' '}
                  <Trans t={t} i18nKey="sessions.lastSeen" components={{ time: <TimeAgo value={s.lastSeenAt} /> }} />
                </Text>
              </>
            )}
            action={(s) =>
              s.current ? (
                <Badge variant="light">{t('sessions.thisBrowser')}</Badge>
              ) : (
                <Button size="compact-xs" variant="subtle" onClick={() => end.mutate(s.id)}>
                  {t('sessions.signOut')}
                </Button>
              )
            }
          />
        )}
      </QueryView>
    </Panel>
  );
}
