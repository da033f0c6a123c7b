import { Badge, Container, MantineProvider, Stack, Text, Title } from '@mantine/core';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';

const queryClient = new QueryClient();

function HealthBadge() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: async () => {
      const res = await fetch('/health');
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as { message: string };
    },
    refetchInterval: 15_000,
  });
  if (health.isPending) return <Badge color="gray">Checking the API…</Badge>;
  if (health.isError) return <Badge color="red">API unreachable</Badge>;
  return <Badge color="green">API healthy</Badge>;
}

export function App() {
  return (
    <MantineProvider defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <Container size="sm" py="xl">
          <Stack>
            <Title order={1}>HelpDesk Pro</Title>
            <Text>The self-hosted helpdesk.</Text>
            <HealthBadge />
          </Stack>
        </Container>
      </QueryClientProvider>
    </MantineProvider>
  );
}
