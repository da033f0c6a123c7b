import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { FormError, Loading } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { api, fieldErrors } from '../../lib/api-client';
import { useSetup } from './api';
import { AuthCard } from './auth-card';

/** First run: creates the first super admin while none exists. */
export default function SetupPage() {
  const status = useQuery({
    queryKey: ['setup'],
    queryFn: ({ signal }) => api.get<{ needed: boolean }>('/api/setup', undefined, signal),
    retry: false,
  });
  const setup = useSetup();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const errors = fieldErrors(setup.error);

  if (status.isPending) return <Loading />;
  if (!setup.isSuccess && (status.isError || !status.data.needed)) return <Navigate to={paths.signIn()} replace />;

  function submit(e: FormEvent) {
    e.preventDefault();
    setup.mutate(form, { onSuccess: () => navigate(paths.home, { replace: true }) });
  }
  return (
    <AuthCard
      title="Set up your helpdesk"
      subtitle="Create the first administrator account. This page disappears once it exists."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
          />
          <TextInput
            label="Email"
            type="email"
            required
            autoComplete="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={errors.email}
          />
          <PasswordInput
            label="Password"
            description="At least 12 characters"
            required
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={errors.password}
          />
          {Object.keys(errors).length === 0 && <FormError error={setup.error} />}
          <Button type="submit" loading={setup.isPending}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
