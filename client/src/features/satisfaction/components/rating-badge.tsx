import type { SatisfactionValue } from '@helpdesk/contract';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function RatingBadge({ rating }: { rating: SatisfactionValue | null }) {
  const { t } = useTranslation('satisfaction');
  if (!rating)
    return (
      <Badge variant="light" color="gray">
        {t('rating.none')}
      </Badge>
    );
  return (
    <Badge variant="light" color={rating === 'good' ? 'green' : 'red'} data-testid="rating-badge">
      {t(`rating.${rating}`)}
    </Badge>
  );
}
