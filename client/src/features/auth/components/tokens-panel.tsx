import { createApiTokenBodySchema } from '@helpdesk/contract';
import { Button, Code, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
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
          <TextInput label="Token name" {...form.getInputProps('name')} />
          <NumberInput
            label="Expires in days"
            placeholder="Never"
            min={1}
            max={3650}
            w={150}
            {...form.getInputProps('expiresInDays')}
          />
          <Button type="submit" loading={create.isPending} disabled={!form.values.name.trim()}>
            Create token
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
  return (
    <Panel title="API tokens">
      <Text size="sm" c="dimmed">
        For scripts: send <Code>Authorization: Bearer &lt;token&gt;</Code>. A token can do what you can.
      </Text>
      {secret && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Copy the new token now; it is not shown again.
          </Text>
          <Code block>{secret}</Code>
          <CopyTextButton value={secret} label="Copy token" size="xs" w="fit-content" />
        </Stack>
      )}
      <NewTokenForm onCreated={setSecret} />
      <FormError error={revoke.error} />
      <QueryView
        query={tokens}
        empty={
          <Text size="sm" c="dimmed">
            No tokens yet.
          </Text>
        }
      >
        {(list) => (
          <ActionList
            items={list}
            describe={(t) => (
              <>
                <Text size="sm" fw={500}>
                  {t.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t.tokenPrefix}… ·{' '}
                  {t.lastUsedAt ? (
                    <>
                      used <TimeAgo value={t.lastUsedAt} />
                    </>
                  ) : (
                    'never used'
                  )}
                  {t.expiresAt ? (
                    <>
                      {' '}
                      · expires <TimeAgo value={t.expiresAt} />
                    </>
                  ) : null}
                </Text>
              </>
            )}
            action={(t) => (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => revoke.mutate(t.id)}>
                Revoke
              </Button>
            )}
          />
        )}
      </QueryView>
    </Panel>
  );
}
