import type { SatisfactionValue } from '@helpdesk/contract';
import { useTranslation } from 'react-i18next';
import { ColorBadge } from '../../../components/ui/color-badge';

const colors: Record<SatisfactionValue, string> = { good: '#40c057', bad: '#fa5252' };

/** Good / bad (or not rated yet) in the app's badge style: coloured dot and border, readable text. */
export function RatingBadge({ rating }: { rating: SatisfactionValue | null }) {
  const { t } = useTranslation('satisfaction');
  return (
    <span data-testid={rating ? 'rating-badge' : undefined}>
      <ColorBadge color={rating ? colors[rating] : '#868e96'}>
        {t(rating ? `rating.${rating}` : 'rating.none')}
      </ColorBadge>
    </span>
  );
}
