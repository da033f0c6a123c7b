import type { RateBody, SatisfactionValue } from '@helpdesk/contract';
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/states';

/** Good / bad and an optional comment: on the ticket page and on the public rating page. */
export function RatingForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  initial: { rating: SatisfactionValue | null; comment: string | null };
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: RateBody) => void;
}) {
  const { t } = useTranslation('satisfaction');
  const [rating, setRating] = useState<SatisfactionValue | null>(initial.rating);
  const [comment, setComment] = useState(initial.comment ?? '');
  const choice = (value: SatisfactionValue) => (
    <Button
      variant={rating === value ? 'filled' : 'default'}
      aria-pressed={rating === value}
      onClick={() => setRating(value)}
      data-testid={`rate-${value}`}
    >
      {t(`rating.${value}`)}
    </Button>
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (rating) onSubmit({ rating, comment: comment.trim() || undefined });
      }}
    >
      <Stack gap="xs">
        <Group gap="xs" role="group" aria-label={t('ask.title')}>
          {choice('good')}
          {choice('bad')}
        </Group>
        <Textarea
          label={t('ask.comment')}
          placeholder={t('ask.commentPlaceholder')}
          autosize
          minRows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <FormError error={error} />
        <Group>
          <Button type="submit" disabled={!rating} loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
