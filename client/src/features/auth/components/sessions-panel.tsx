import { Badge, Button, Text } from '@mantine/core';
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
  return (
    <Panel
      title="Signed-in sessions"
      aside={
        <Button size="xs" variant="default" onClick={() => endOthers.mutate()} loading={endOthers.isPending}>
          Sign out everywhere else
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
                  {s.userAgent ?? 'Unknown browser'}
                </Text>
                <Text size="xs" c="dimmed">
                  {s.ip ?? ''} · last seen <TimeAgo value={s.lastSeenAt} />
                </Text>
              </>
            )}
            action={(s) =>
              s.current ? (
                <Badge variant="light">This browser</Badge>
              ) : (
                <Button size="compact-xs" variant="subtle" onClick={() => end.mutate(s.id)}>
                  Sign out
                </Button>
              )
            }
          />
        )}
      </QueryView>
    </Panel>
  );
}
