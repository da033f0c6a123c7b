import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useFollowers, useSetFollowing } from '../api/followers';

/** Follow / Unfollow a ticket (staff): on the ticket page and beside a followed ticket's notification. */
export function FollowButton({ ticketId, size = 'xs' }: { ticketId: string; size?: 'xs' | 'compact-xs' }) {
  const { t } = useTranslation('followers');
  const followers = useFollowers(ticketId);
  const setFollowing = useSetFollowing(ticketId);
  if (!followers.data) return null;
  const following = followers.data.following;
  return (
    <Button
      size={size}
      variant={following ? 'light' : 'default'}
      loading={setFollowing.isPending}
      data-testid="follow-button"
      onClick={() =>
        setFollowing.mutate(!following, {
          onSuccess: () => notifications.show({ message: t(following ? 'unfollowed' : 'followed') }),
        })
      }
    >
      {following ? t('unfollow') : t('follow')}
    </Button>
  );
}
