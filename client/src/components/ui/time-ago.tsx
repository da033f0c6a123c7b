import { Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { exactTime, relativeTime } from '../../lib/time';

/**
 * A relative time ("3 minutes ago", "vor 3 Minuten") with the exact time on hover (and for screen
 * readers via dateTime), in the language shown and the browser's time zone.
 */
export function TimeAgo({ value }: { value: string | null | undefined }) {
  // Re-renders when the language changes.
  useTranslation();
  if (!value) return null;
  const exact = exactTime(value);
  return (
    <Tooltip label={exact} openDelay={300}>
      <time dateTime={value} title={exact}>
        {relativeTime(value)}
      </time>
    </Tooltip>
  );
}
