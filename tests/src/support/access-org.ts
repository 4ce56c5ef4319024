import type { Actor } from '@forecourt/engine';
import { expect } from 'vitest';
import { newUser } from './access';
import { type TestApp, testApp } from './app';
import type { Client } from './client';
import { installForms } from './dealership/install';
import { expenseClaim, lead, quote } from './dealership/sales';

/** The organisation the permission-set and app-role tests share: a store, its sales department, a consultant. */
export interface AccessOrg {
  t: TestApp;
  adminId: string;
  /** The group's first store, and its sales department below it. */
  store: string;
  sales: string;
  consultantRole: string;
  consultant: { id: string; client: Client };
}

export async function accessOrg(): Promise<AccessOrg> {
  const t = await testApp();
  await installForms(t.admin, [lead, quote, expenseClaim]);
  const adminId = (await t.admin.get('/api/me')).body.user.id;
  const [group] = (await t.admin.get('/api/departments')).body.departments;
  const store = (
    await t.admin.post('/api/departments', { parentId: group.id, name: '西湖店', kind: 'store' })
  ).body.id;
  const sales = (
    await t.admin.post('/api/departments', { parentId: store, name: '销售部', kind: 'department' })
  ).body.id;
  const consultantRole = (await t.admin.post('/api/roles', { code: 'Consultant', name: '销售顾问' })).body.id;
  const consultant = await newUser(t, 'consultant@dealer.test', '陈顾问', {
    departments: [sales],
    roles: [consultantRole],
  });
  return { t, adminId, store, sales, consultantRole, consultant };
}

/** The form's sets as the admin lists them. */
export async function setsOf(t: TestApp, formId: string) {
  const response = await t.admin.get(`/api/forms/${formId}/permission-sets`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.permissionSets as { id: string; name: string }[];
}

/** How many sets the form has in the database. */
export async function storedCount(t: TestApp, formId: string): Promise<number> {
  return (
    await t.database.db.selectFrom('permission_sets').select('id').where('form_id', '=', formId).execute()
  ).length;
}

/** A member of the test workspace as an engine actor. */
export function asUser(t: TestApp, userId: string): Actor {
  return { workspaceId: t.workspaceId, userId, isAdmin: false, via: 'session' };
}
