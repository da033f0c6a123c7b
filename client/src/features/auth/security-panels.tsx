import type { ApiToken, CreatedApiToken, Session } from '@helpdesk/contract';
import {
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { api, fieldErrors } from '../../lib/api-client';

const sessionsKey = ['auth', 'sessions'] as const;
const tokensKey = ['auth', 'tokens'] as const;

/** Where you are signed in; end one session or all the others. */
export function SessionsPanel() {
  const qc = useQueryClient();
  const sessions = useQuery({
    queryKey: sessionsKey,
    queryFn: ({ signal }) => api.get<Session[]>('/api/auth/sessions', undefined, signal),
  });
  const end = useMutation({
    mutationFn: (id: string | 'others') =>
      id === 'others' ? api.delete('/api/auth/sessions') : api.delete(`/api/auth/sessions/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Signed-in sessions
          </Title>
          <Button size="xs" variant="default" onClick={() => end.mutate('others')} loading={end.isPending}>
            Sign out everywhere else
          </Button>
        </Group>
        <FormError error={end.error} />
        {sessions.isPending ? (
          <Loading />
        ) : sessions.isError ? (
          <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table fz="sm">
              <Table.Tbody>
                {sessions.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" lineClamp={1}>
                        {s.userAgent ?? 'Unknown browser'}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {s.ip ?? ''} · last seen <TimeAgo value={s.lastSeenAt} />
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {s.current ? (
                        <Badge variant="light">This browser</Badge>
                      ) : (
                        <Button size="compact-xs" variant="subtle" onClick={() => end.mutate(s.id)}>
                          Sign out
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

/** API tokens for scripts: the secret is shown once, right after creation. */
export function TokensPanel() {
  const qc = useQueryClient();
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => api.get<ApiToken[]>('/api/auth/tokens', undefined, signal),
  });
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post<CreatedApiToken>('/api/auth/tokens', { name, ...(days === '' ? {} : { expiresInDays: Number(days) }) }),
    onSuccess: (d) => {
      setSecret(d.secret);
      setName('');
      setDays('');
      return qc.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/auth/tokens/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
  const errors = fieldErrors(create.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          API tokens
        </Title>
        <Text size="sm" c="dimmed">
          For scripts: send <Code>Authorization: Bearer &lt;token&gt;</Code>. A token can do what you can.
        </Text>
        {secret && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Copy the new token now; it is not shown again.
            </Text>
            <Code block>{secret}</Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button size="xs" w="fit-content" onClick={copy}>
                  {copied ? 'Copied' : 'Copy token'}
                </Button>
              )}
            </CopyButton>
          </Stack>
        )}
        <form onSubmit={submit}>
          <Group align="flex-end" gap="xs">
            <TextInput
              label="Token name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <NumberInput
              label="Expires in days"
              placeholder="Never"
              min={1}
              max={3650}
              w={150}
              value={days}
              onChange={setDays}
              error={errors.expiresInDays}
            />
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create token
            </Button>
          </Group>
        </form>
        {Object.keys(errors).length === 0 && <FormError error={create.error ?? revoke.error} />}
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorState error={tokens.error} />
        ) : tokens.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No tokens yet.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table fz="sm">
              <Table.Tbody>
                {tokens.data.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
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
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => revoke.mutate(t.id)}>
                        Revoke
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
