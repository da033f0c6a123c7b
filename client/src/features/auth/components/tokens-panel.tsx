import { createApiTokenBodySchema } from '@helpdesk/contract';
import { Button, Code, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ActionList } from '../../../components/ui/action-list';
import { CopyTextButton } from '../../../components/ui/copy-text-button';
import { Panel } from '../../../components/ui/panel';
import { FormError, QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { submitTo, useBodyForm } from '../../../lib/form';
import { useCreateToken } from '../api/create-token';
import { useTokens } from '../api/get-tokens';
import { useRevokeToken } from '../api/revoke-token';

/** Name and lifetime of a new token; `onCreated` gets its secret. */
function NewTokenForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const create = useCreateToken();
  const { t } = useTranslation('auth');
  const form = useBodyForm(
    createApiTokenBodySchema,
    { name: '', expiresInDays: '' as number | string },
    ({ name, expiresInDays }) => ({ name, expiresInDays: expiresInDays === '' ? undefined : Number(expiresInDays) }),
  );
  return (
    <>
      <form
        onSubmit={submitTo(form, create, (created) => {
          form.reset();
          onCreated(created.secret);
        })}
      >
        <Group align="flex-end" gap="xs">
          <TextInput label={t('tokens.name')} {...form.getInputProps('name')} />
          <NumberInput
            label={t('tokens.expiresInDays')}
            placeholder={t('tokens.never')}
            min={1}
            max={3650}
            w={150}
            {...form.getInputProps('expiresInDays')}
          />
          <Button type="submit" loading={create.isPending} disabled={!form.values.name.trim()}>
            {t('tokens.create')}
          </Button>
        </Group>
      </form>
      <FormError error={create.error} values={form.values} />
    </>
  );
}

/** API tokens for scripts: the secret is shown once, right after creation. */
export function TokensPanel() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [secret, setSecret] = useState<string | null>(null);
  const { t } = useTranslation('auth');
  return (
    <Panel title={t('tokens.title')}>
      <Text size="sm" c="dimmed">
        {t('tokens.intro')} <Code>Authorization: Bearer &lt;token&gt;</Code>
      </Text>
      {secret && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('tokens.copyNow')}
          </Text>
          <Code block>{secret}</Code>
          <CopyTextButton value={secret} label={t('tokens.copy')} size="xs" w="fit-content" />
        </Stack>
      )}
      <NewTokenForm onCreated={setSecret} />
      <FormError error={revoke.error} />
      <QueryView
        query={tokens}
        empty={
          <Text size="sm" c="dimmed">
            {t('tokens.none')}
          </Text>
        }
      >
        {(list) => (
          <ActionList
            items={list}
            describe={(token) => (
              <>
                <Text size="sm" fw={500}>
                  {token.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {token.tokenPrefix}… ·{' '}
                  {token.lastUsedAt ? (
                    <Trans t={t} i18nKey="tokens.used" components={{ time: <TimeAgo value={token.lastUsedAt} /> }} />
                  ) : (
                    t('tokens.neverUsed')
                  )}
                  {token.expiresAt ? (
                    <>
                      {' · '}
                      <Trans
                        t={t}
                        i18nKey="tokens.expires"
                        components={{ time: <TimeAgo value={token.expiresAt} /> }}
                      />
                    </>
                  ) : null}
                </Text>
              </>
            )}
            action={(token) => (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => revoke.mutate(token.id)}>
                {t('tokens.revoke')}
              </Button>
            )}
          />
        )}
      </QueryView>
    </Panel>
  );
}
