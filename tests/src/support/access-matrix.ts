import { createUser, newId } from '@forecourt/engine';
import { expect } from 'vitest';
import {
  CONSULTANT_FIELDS,
  type DeptKey,
  FORMS,
  LEAD,
  leadForm,
  otherForm,
  SEEDS,
  SERVICE_FIELDS,
  STORE_B_FIELDS,
  TEAM_FIELDS,
  type UserKey,
  VEHICLE,
  vehicleForm,
} from './access-matrix-data';
import { ADMIN, type TestApp, testApp } from './app';
import { Client, type Response } from './client';
import { installForms } from './dealership/install';

/** The data of the matrix (forms, people, records, the expected answers) lives beside it. */
export * from './access-matrix-data';

/** A write of record data: what the user sent there, they knew already. */
const RECORD_WRITE = /^(POST|PATCH) \/api\/forms\/[^/]+\/records(\/(?!query\b)[^/?]+)? /;

/** A client that keeps the text of everything it sent and received, for the no-leak check. */
export class RecordingClient extends Client {
  readonly sent: string[] = [];
  readonly received: string[] = [];

  /** The record data this user wrote (creates and changes), as text. */
  written(): string {
    return this.sent.filter((line) => RECORD_WRITE.test(line)).join('\n');
  }

  override async request<T = any>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    extra: { headers?: Record<string, string>; payload?: string | Buffer } = {},
  ): Promise<Response<T>> {
    this.sent.push(`${method} ${url} ${body === undefined ? '' : JSON.stringify(body)}`);
    const response = await super.request<T>(method, url, body, extra);
    this.received.push(response.raw.body);
    return response;
  }
}

export interface MatrixUser {
  id: string;
  client: RecordingClient;
}

export interface RecordBody {
  id: string;
  rev: number;
  data: Record<string, unknown>;
  ownerId: string | null;
  deptId: string | null;
  unconverted: unknown;
}

export interface Matrix {
  t: TestApp;
  users: Record<UserKey, MatrixUser>;
  departments: Record<DeptKey, string>;
  /** Record ids by seed key. */
  ids: Record<string, string>;
  /** Each live record as the workspace admin (or the other workspace's admin) reads it: the oracle. */
  full: Record<string, RecordBody>;
}

type Roles = Record<'consultant' | 'service' | 'storeManager' | 'gm', string>;

const PASSWORD = 'password-123';

export async function ok(response: Response, status = 200) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
}

/** Builds the whole dealer group through the admin API, and reads back the oracle. */
export async function buildMatrix(): Promise<Matrix> {
  const t = await testApp();
  const admin = new RecordingClient(t.app);
  await ok(await admin.login(ADMIN.email, ADMIN.password));
  await installForms(admin, [vehicleForm, leadForm]);

  const [group] = (await ok(await admin.get('/api/departments'))).departments;
  const departments = { group: group.id } as Record<DeptKey, string>;
  const department = async (key: DeptKey, parent: DeptKey, name: string, kind: string) => {
    const body = await ok(
      await admin.post('/api/departments', { parentId: departments[parent], name, kind }),
      201,
    );
    departments[key] = body.id;
  };
  await department('storeA', 'group', '西湖店', 'store');
  await department('aSales', 'storeA', '西湖店销售部', 'department');
  await department('aService', 'storeA', '西湖店售后部', 'department');
  await department('storeB', 'group', '滨江店', 'store');
  await department('bSales', 'storeB', '滨江店销售部', 'department');

  const role = async (code: string, name: string) =>
    (await ok(await admin.post('/api/roles', { code, name }), 201)).id as string;
  const roles = {
    consultant: await role('sales_consultant', '销售顾问'),
    service: await role('service_manager', '服务经理'),
    storeManager: await role('store_manager', '店总'),
    gm: await role('gm', '集团总经理'),
  };

  const users = { admin: { id: (await ok(await admin.get('/api/me'))).user.id, client: admin } } as Record<
    UserKey,
    MatrixUser
  >;
  const person = async (key: UserKey, dept: DeptKey, roleIds: string[]) => {
    const email = `${key.toLowerCase()}@matrix.test`;
    const created = await ok(
      await admin.post('/api/users', {
        email,
        name: key,
        password: PASSWORD,
        departments: [{ departmentId: departments[dept], isPrimary: true }],
        roleIds,
      }),
      201,
    );
    const client = new RecordingClient(t.app);
    await ok(await client.login(email, PASSWORD));
    users[key] = { id: created.user.id, client };
  };
  await person('a1', 'aSales', [roles.consultant]);
  await person('a2', 'aSales', [roles.consultant]);
  await person('b1', 'bSales', [roles.consultant]);
  await person('leadB', 'bSales', [roles.consultant]);
  await person('recA', 'aService', []);
  await person('smA', 'storeA', [roles.service]);
  await person('mgrB', 'storeB', [roles.storeManager]);
  await person('gm', 'group', [roles.gm]);
  await person('outsider', 'bSales', []);

  await grantSets(admin, users, departments, roles);
  users.other = await otherWorkspace(t);

  const ids: Record<string, string> = {};
  for (const seed of SEEDS) {
    const data: Record<string, unknown> = { ...seed.values };
    if (seed.store) data.f_store = departments[seed.store];
    if (seed.vehicle) data.f_vehicle = ids[seed.vehicle];
    const created = await ok(
      await users[seed.by].client.post(`/api/forms/${FORMS[seed.form]}/records`, { data }),
      201,
    );
    ids[seed.key] = created.id;
    if (seed.secret) {
      await ok(
        await admin.patch(`/api/forms/${LEAD}/records/${created.id}`, {
          rev: created.rev,
          data: { f_secret_note: seed.secret },
        }),
      );
    }
    if (seed.deleted) {
      await ok(await users[seed.by].client.delete(`/api/forms/${LEAD}/records/${created.id}`), 204);
    }
  }

  const full: Record<string, RecordBody> = {};
  for (const seed of SEEDS.filter((s) => !s.deleted)) {
    const reader = seed.form === 'other' ? users.other.client : admin;
    full[seed.key] = await ok(await reader.get(`/api/forms/${FORMS[seed.form]}/records/${ids[seed.key]}`));
  }
  return { t, users, departments, ids, full };
}

/** The permission sets: one per kind of person, assigned by role, department or user. */
async function grantSets(
  admin: Client,
  users: Record<UserKey, MatrixUser>,
  departments: Record<DeptKey, string>,
  roles: Roles,
) {
  const set = async (formId: string, body: Record<string, unknown>) =>
    ok(await admin.post(`/api/forms/${formId}/permission-sets`, body), 201);
  await set(LEAD, {
    name: 'Consultants: their own leads',
    preset: 'submitAndManageOwn',
    readFields: CONSULTANT_FIELDS,
    writeFields: ['f_name', 'f_phone', 'f_budget', 'f_store', 'f_vehicle'],
    assignees: { roles: [roles.consultant] },
  });
  await set(LEAD, {
    name: 'Service desk: submit only',
    preset: 'submitOnly',
    assignees: { departments: [departments.aService] },
  });
  await set(LEAD, {
    name: 'Service managers: their store',
    actions: ['view', 'export'],
    readFields: SERVICE_FIELDS,
    scope: { kind: 'subtree' },
    assignees: { roles: [roles.service] },
  });
  await set(LEAD, {
    name: 'Store manager B: customers of my store',
    actions: ['view'],
    readFields: STORE_B_FIELDS,
    scope: { kind: 'filter', filter: { field: 'f_store', op: 'inMySubtree' } },
    assignees: { users: [users.mgrB.id] },
  });
  await set(LEAD, {
    name: 'Team lead B: their department, names only',
    actions: ['view'],
    readFields: TEAM_FIELDS,
    scope: { kind: 'department' },
    assignees: { users: [users.leadB.id] },
  });
  await set(LEAD, { name: 'GM', preset: 'viewAll', assignees: { roles: [roles.gm] } });
  await set(VEHICLE, {
    name: 'Vehicle models for the service side',
    actions: ['view'],
    readFields: ['f_model'],
    scope: { kind: 'all' },
    assignees: { users: [users.smA.id, users.recA.id] },
  });
  await set(VEHICLE, { name: 'GM', preset: 'viewAll', assignees: { roles: [roles.gm] } });
}

/** A second dealer group in the same database, with an admin logged in over HTTP and a form of its own. */
async function otherWorkspace(t: TestApp): Promise<MatrixUser> {
  const db = t.database.db;
  const workspace = newId('ws');
  await db
    .insertInto('workspaces')
    .values({ id: workspace, workspace_id: workspace, name: 'Other group' })
    .execute();
  const user = await createUser(db, workspace, {
    email: 'admin@other-group.test',
    name: 'Other admin',
    password: PASSWORD,
    isAdmin: true,
  });
  const client = new RecordingClient(t.app);
  await ok(await client.login('admin@other-group.test', PASSWORD));
  await installForms(client, [otherForm]);
  return { id: user.id, client };
}

/** The rows of a CSV export (BOM, CRLF); the fixture's values hold no comma or quote, so none is quoted. */
export function parseCsv(text: string): string[][] {
  return text
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

/** The given keys of an object, those it has. */
export function pick(data: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => keys.includes(k)));
}
