import { expect } from 'vitest';
import type { TestApp } from './app';
import { Client } from './client';

export interface GrantOptions {
  name?: string;
  preset?: 'submitOnly' | 'submitAndManageOwn' | 'viewAll' | 'manageAll';
  actions?: string[];
  readFields?: string[] | null;
  writeFields?: string[] | null;
  scope?: { kind: string; filter?: unknown };
  users?: string[];
  departments?: string[];
  roles?: string[];
}

/** Gives a permission set on a form through the admin API and returns its id. */
export async function grant(admin: Client, formId: string, set: GrantOptions): Promise<string> {
  const { name, users, departments, roles, ...rules } = set;
  const body: Record<string, unknown> = {
    name: name ?? 'Test set',
    assignees: { users, departments, roles },
  };
  for (const [key, value] of Object.entries(rules)) if (value !== undefined) body[key] = value;
  const response = await admin.post(`/api/forms/${formId}/permission-sets`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

export const USER_PASSWORD = 'password-123';

/** Creates a (non-admin) user through the admin API, in the given departments and roles, and logs them in. */
export async function newUser(
  t: TestApp,
  email: string,
  name: string,
  options: { departments?: string[]; roles?: string[] } = {},
): Promise<{ id: string; client: Client }> {
  const created = await t.admin.post('/api/users', {
    email,
    name,
    password: USER_PASSWORD,
    departments: (options.departments ?? []).map((departmentId, i) => ({ departmentId, isPrimary: i === 0 })),
    roleIds: options.roles ?? [],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const client = new Client(t.app);
  const login = await client.login(email, USER_PASSWORD);
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return { id: created.body.user.id as string, client };
}
