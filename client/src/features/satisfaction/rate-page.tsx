import { Alert, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState, Loading, MalformedLink } from '../../components/ui/states';
import { ApiError } from '../../lib/api-client';
import { useRateByLink, useRatingLink } from './api/rating-link';
import { RatingBadge } from './components/rating-badge';
import { RatingForm } from './components/rating-form';

/** A token as the server makes them (base64url of 32 bytes); anything else is a link broken on its way. */
const wellFormedToken = /^[\w-]{43}$/;

/** `/rate?token=…`: the rating link of a resolution e-mail, used without signing in. */
export default function RatePage() {
  const { t } = useTranslation('satisfaction');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const wellFormed = wellFormedToken.test(token);
  const link = useRatingLink(token, wellFormed);
  const rate = useRateByLink(token);

  let body: React.ReactNode;
  if (!wellFormed) {
    body = <MalformedLink />;
  } else if (rate.isSuccess) {
    body = (
      <Stack gap="xs" role="status" data-testid="rating-saved">
        <Text>{t('link.saved')}</Text>
        <RatingBadge rating={rate.data.rating} />
      </Stack>
    );
  } else if (link.isPending) {
    body = <Loading />;
  } else if (link.isError) {
    body =
      link.error instanceof ApiError && link.error.code === 'INVALID_RATING_LINK' ? (
        <Alert color="orange" role="alert" title={t('link.invalidTitle')} data-testid="rating-link-invalid">
          {t('link.invalidBody')}
        </Alert>
      ) : (
        <ErrorState error={link.error} onRetry={() => link.refetch()} />
      );
  } else {
    body = (
      <Stack gap="sm">
        <Text>{t('link.intro')}</Text>
        <RatingForm
          initial={link.data}
          submitLabel={t('ask.send')}
          pending={rate.isPending}
          error={rate.error}
          onSubmit={(values) => rate.mutate({ token, body: values })}
        />
      </Stack>
    );
  }

  return (
    <Container size="xs" py="xl">
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Title order={1} size="h3">
            {link.data ? t('link.title', { number: link.data.ticketNumber }) : t('ask.title')}
          </Title>
          {body}
        </Stack>
      </Paper>
    </Container>
  );
}
