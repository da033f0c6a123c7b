import { useTranslation } from 'react-i18next';
import { exactTime, relativeTime } from '../../lib/time';

/**
 * A relative time ("3 minutes ago", "vor 3 Minuten") with the exact time on hover (the title)
 * and for screen readers (dateTime), in the language shown and the browser's time zone. No
 * Mantine Tooltip: a list of 25 tickets or a conversation of 20 messages rendered one each,
 * which made opening a ticket from the queue take twice as long (issue 22).
 */
export function TimeAgo({ value }: { value: string | null | undefined }) {
  // Re-renders when the language changes.
  useTranslation();
  if (!value) return null;
  return (
    <time dateTime={value} title={exactTime(value)}>
      {relativeTime(value)}
    </time>
  );
}
