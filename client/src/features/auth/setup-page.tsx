import { Button, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { FormError, Loading } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { api, fieldErrors } from '../../lib/api-client';
import { AccountFields } from './account-fields';
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
          <AccountFields form={form} onChange={setForm} errors={errors} nameLabel="Your name" newPassword />
          {Object.keys(errors).length === 0 && <FormError error={setup.error} />}
          <Button type="submit" loading={setup.isPending}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
