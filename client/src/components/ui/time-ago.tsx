import { Tooltip } from '@mantine/core';
import { exactTime, relativeTime } from '../../lib/time';

/** A relative time with the exact time on hover (and for screen readers via dateTime). */
export function TimeAgo({ value }: { value: string | null | undefined }) {
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
