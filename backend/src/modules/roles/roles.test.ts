import { roleSchema } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { api, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('roles', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  it('lists the built-in roles; SUPER_ADMIN holds every permission', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const res = await api(t, admin).get('/api/roles');
    const roles = res.json().data as { name: string; isSystem: boolean; permissions: string[] }[];
    expect(
      roles
        .filter((r) => r.isSystem)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['ADMIN', 'AGENT', 'CUSTOMER', 'SUPER_ADMIN']);
    const { permissions } = await import('@helpdesk/contract');
    expect(roles.find((r) => r.name === 'SUPER_ADMIN')?.permissions.sort()).toEqual([...permissions].sort());
  });

  it('custom roles: create, use, permissions apply at the next request, in use cannot be deleted', async () => {
    const sa = await f().user({ role: 'SUPER_ADMIN' });
    const create = await api(t, sa).post('/api/roles', {
      name: 'Auditor',
      description: 'Reads the audit',
      permissions: ['audit.view'],
    });
    const role = expectOk(create, roleSchema, 201);
    expect(role).toMatchObject({ name: 'Auditor', isSystem: false, permissions: ['audit.view'], userCount: 0 });

    const bogus = await api(t, sa).post('/api/roles', { name: 'Bogus', permissions: ['everything'] });
    expect(bogus.statusCode).toBe(400);
    const dup = await api(t, sa).post('/api/roles', { name: 'Auditor', permissions: [] });
    expect(dup.statusCode).toBe(409);

    const user = await f().user({ role: 'Auditor' });
    expect((await api(t, user).get('/api/audit')).statusCode).toBe(200);
    expect((await api(t, user).get('/api/users')).statusCode).toBe(403);
    const patch = await api(t, sa).patch(`/api/roles/${role.id}`, { permissions: ['users.view'] });
    expect(patch.statusCode).toBe(200);
    expect((await api(t, user).get('/api/audit')).statusCode).toBe(403);
    expect((await api(t, user).get('/api/users')).statusCode).toBe(200);

    const inUse = await api(t, sa).delete(`/api/roles/${role.id}`);
    expect(inUse.statusCode).toBe(422);
    await api(t, sa).patch(`/api/users/${user.id}`, { roleId: await f().roleId('CUSTOMER') });
    const del = await api(t, sa).delete(`/api/roles/${role.id}`);
    expect(del.statusCode).toBe(200);
  });

  it('built-in roles cannot be deleted or renamed; SUPER_ADMIN cannot be edited', async () => {
    const sa = await f().user({ role: 'SUPER_ADMIN' });
    for (const name of ['SUPER_ADMIN', 'ADMIN', 'AGENT', 'CUSTOMER']) {
      const id = await f().roleId(name);
      const del = await api(t, sa).delete(`/api/roles/${id}`);
      expect(del.statusCode, name).toBe(422);
      const rename = await api(t, sa).patch(`/api/roles/${id}`, { name: `${name}X` });
      expect(rename.statusCode, name).toBe(422);
    }
    const saEdit = await api(t, sa).patch(`/api/roles/${await f().roleId('SUPER_ADMIN')}`, { permissions: [] });
    expect(saEdit.statusCode).toBe(422);
    const agentEdit = await api(t, sa).patch(`/api/roles/${await f().roleId('AGENT')}`, { description: 'Front line' });
    expect(agentEdit.statusCode).toBe(200);
  });

  it('an ADMIN cannot hand out a role with permissions the ADMIN lacks', async () => {
    const sa = await f().user({ role: 'SUPER_ADMIN' });
    const admin = await f().user({ role: 'ADMIN' });
    const strong = await api(t, sa).post('/api/roles', { name: 'Role Manager', permissions: ['roles.manage'] });
    const target = await f().user({ role: 'AGENT' });
    const res = await api(t, admin).patch(`/api/users/${target.id}`, { roleId: strong.json().data.id });
    expect(res.statusCode).toBe(403);
  });
  it('a role manager grants only permissions they hold: no way to more rights through roles', async () => {
    const sa = await f().user({ role: 'SUPER_ADMIN' });
    const managerRole = expectOk(
      await api(t, sa).post('/api/roles', { name: 'Role keeper', permissions: ['roles.manage', 'users.view'] }),
      roleSchema,
      201,
    );
    const keeper = await f().user({ role: 'Role keeper' });
    const wider = await api(t, keeper).post('/api/roles', { name: 'Wider', permissions: ['tickets.view_all'] });
    expect(wider.statusCode).toBe(403);
    expect(wider.json().error.message).toContain('tickets.view_all');
    const own = await api(t, keeper).patch(`/api/roles/${managerRole.id}`, {
      permissions: ['roles.manage', 'users.view', 'settings.manage'],
    });
    expect(own.statusCode).toBe(403);
    const narrower = await api(t, keeper).post('/api/roles', { name: 'Narrower', permissions: ['users.view'] });
    expect(narrower.statusCode).toBe(201);
    // Nothing changed by the refused requests.
    const list = (await api(t, sa).get('/api/roles')).json().data as { name: string; permissions: string[] }[];
    expect(list.map((r) => r.name)).not.toContain('Wider');
    expect(list.find((r) => r.name === 'Role keeper')?.permissions.sort()).toEqual(['roles.manage', 'users.view']);
  });
});
