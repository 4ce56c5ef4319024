import { createUser, newId } from '@forecourt/engine';
import type { FormDefinition } from '@forecourt/schemas';
import { expect } from 'vitest';
import { ADMIN, type TestApp, testApp } from './app';
import { Client, type Response } from './client';
import { field, form } from './dealership/fields';
import { installForms } from './dealership/install';

/**
 * The dealer group of the access-control acceptance matrix (issue 5): two stores, their people,
 * a lead form with a field hidden from consultants, a vehicle form consultants may not open, and
 * a second workspace. Every record value is a distinctive sentinel, so that a test can tell which
 * records and fields reached a user from the raw text of what they were sent.
 */

export const LEAD = 'frm_mx_lead';
export const VEHICLE = 'frm_mx_vehicle';
export const OTHER = 'frm_mx_other';
export const FORMS = { lead: LEAD, vehicle: VEHICLE, other: OTHER } as const;
export type FormKey = keyof typeof FORMS;

export const vehicleForm = form(VEHICLE, 'app_sales', '车辆', 'Vehicle', [
  field('f_model', 'text', '车型', 'Model', { required: true }),
  field('f_cost', 'text', '成本', 'Cost'),
]);

export const leadForm = form(LEAD, 'app_sales', '线索', 'Lead', [
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_phone', 'phone', '手机', 'Mobile', { kinds: ['mobile'] }),
  field('f_budget', 'money', '预算', 'Budget'),
  field('f_secret_note', 'text', '内部备注', 'Internal note'),
  field('f_store', 'department', '门店', 'Store'),
  field('f_vehicle', 'relation', '车辆', 'Vehicle', { target: VEHICLE }),
  field('f_vehicle_model', 'lookup', '意向车型', 'Vehicle model', {
    relation: 'f_vehicle',
    targetField: 'f_model',
    resultType: 'text',
  }),
]);

const otherForm = form(OTHER, 'app_mx_other', '线索', 'Lead', [
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_secret_note', 'text', '内部备注', 'Internal note'),
]);

export const USERS = [
  'a1',
  'a2',
  'b1',
  'leadB',
  'recA',
  'smA',
  'mgrB',
  'gm',
  'outsider',
  'admin',
  'other',
] as const;
export type UserKey = (typeof USERS)[number];

export type DeptKey = 'group' | 'storeA' | 'aSales' | 'aService' | 'storeB' | 'bSales';

const ALL_LEAD_FIELDS = leadForm.fields.map((f) => f.id);
const CONSULTANT_FIELDS = ['f_name', 'f_phone', 'f_budget', 'f_store', 'f_vehicle', 'f_vehicle_model'];
/**
 * What consultants see of it: the vehicle model is a lookup into a form they may not open, so it is
 * hidden from them although their set names it (a hidden form is not read through a lookup).
 */
const CONSULTANT_SEES = CONSULTANT_FIELDS.filter((id) => id !== 'f_vehicle_model');
const SERVICE_FIELDS = ['f_name', 'f_phone', 'f_secret_note', 'f_store', 'f_vehicle', 'f_vehicle_model'];
const STORE_B_FIELDS = ['f_name', 'f_store', 'f_budget'];
const TEAM_FIELDS = ['f_name', 'f_store'];

/** A record the fixture creates: its key (L01), owner, and the sentinel value of each field. */
export interface Seed {
  key: string;
  form: FormKey;
  by: UserKey;
  /** Values sent on create (department and relation values named by key). */
  values: Record<string, string>;
  store?: DeptKey;
  vehicle?: string;
  /** Set afterwards by the workspace admin (consultants may not write it). */
  secret?: string;
  /** Moved to the recycle bin by its owner once the secret was set. */
  deleted?: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');

function leadSeed(n: number, by: UserKey, store?: DeptKey, extra: Partial<Seed> = {}): Seed {
  return {
    key: `L${two(n)}`,
    form: 'lead',
    by,
    values: {
      f_name: `NAME-${two(n)}`,
      f_phone: `1380013${two(n).padStart(4, '0')}`,
      f_budget: `31415${two(n)}.26`,
    },
    store,
    secret: `LEAD-SECRET-${two(n)}`,
    ...extra,
  };
}

const vehicleSeed = (n: number): Seed => ({
  key: `V${two(n)}`,
  form: 'vehicle',
  by: 'admin',
  values: { f_model: `VEHICLE-MODEL-${two(n)}`, f_cost: `VEHICLE-SECRET-${two(n)}` },
});

export const SEEDS: Seed[] = [
  vehicleSeed(1),
  vehicleSeed(2),
  leadSeed(1, 'a1', 'storeA'),
  leadSeed(2, 'a1', 'storeA'),
  leadSeed(3, 'a1'),
  leadSeed(4, 'a2', 'storeA'),
  // Served by store A's consultant, but the customer belongs to store B.
  leadSeed(5, 'a2', 'bSales'),
  leadSeed(6, 'b1', 'storeB'),
  leadSeed(7, 'b1', 'storeB'),
  // The reverse: store B's consultant, a store A customer.
  leadSeed(8, 'b1', 'storeA'),
  // Entered at store A's service desk, for a vehicle it may pick.
  leadSeed(9, 'recA', 'storeA', { vehicle: 'V01' }),
  leadSeed(10, 'a1', 'storeA', { deleted: true }),
  // Store B's team lead: a consultant too.
  leadSeed(11, 'leadB', 'storeB'),
  {
    key: 'O01',
    form: 'other',
    by: 'other',
    values: { f_name: 'OTHER-NAME-01', f_secret_note: 'OTHER-SECRET-01' },
  },
];
export const seedOf = (key: string) => SEEDS.find((s) => s.key === key)!;
export const liveLeads = SEEDS.filter((s) => s.form === 'lead' && !s.deleted).map((s) => s.key);

/**
 * What one user reaches on one form: the records and fields they see, and whether they may export;
 * or, without the view right, lists answer 403 and every record is "not found"; another
 * workspace's form is "not found" on every path.
 */
export type Reach = Seen | { refused: 403 | 404 };

export interface Seen {
  rows: readonly string[];
  /** Fields shown on every row: what filters, sorts, search and export columns may use. */
  fields: readonly string[];
  /** Rows on which a second set shows more fields than `fields`. */
  more?: Readonly<Record<string, readonly string[]>>;
  export: boolean;
  /** Records whose history they read, when not just `rows`. */
  history?: readonly string[];
}

/** The fields a user sees on one of their rows. */
export const fieldsOn = (reach: Seen, key: string) => reach.more?.[key] ?? reach.fields;

const noView: Reach = { refused: 403 };
const foreign: Reach = { refused: 404 };

/** The expected answer of every read, written out by hand from the permission sets below. */
export const REACH: Record<FormKey, Record<UserKey, Reach>> = {
  lead: {
    a1: { rows: ['L01', 'L02', 'L03'], fields: CONSULTANT_SEES, export: false },
    a2: { rows: ['L04', 'L05'], fields: CONSULTANT_SEES, export: false },
    b1: { rows: ['L06', 'L07', 'L08'], fields: CONSULTANT_SEES, export: false },
    // Two sets: their own leads, all but the note; their department's, only name and store.
    leadB: {
      rows: ['L06', 'L07', 'L08', 'L11'],
      fields: TEAM_FIELDS,
      more: { L11: CONSULTANT_SEES },
      export: false,
    },
    // Submit only: adds leads, reads none back.
    recA: noView,
    // Records of store A's departments (their owners' department), whatever the store field says.
    smA: { rows: ['L01', 'L02', 'L03', 'L04', 'L05', 'L09'], fields: SERVICE_FIELDS, export: true },
    // Leads whose store field is store B or below, whoever entered them.
    mgrB: { rows: ['L05', 'L06', 'L07', 'L11'], fields: STORE_B_FIELDS, export: false },
    gm: { rows: liveLeads, fields: ALL_LEAD_FIELDS, export: true },
    outsider: noView,
    admin: { rows: liveLeads, fields: ALL_LEAD_FIELDS, export: true, history: [...liveLeads, 'L10'] },
    other: foreign,
  },
  vehicle: {
    a1: noView,
    a2: noView,
    b1: noView,
    leadB: noView,
    recA: { rows: ['V01', 'V02'], fields: ['f_model'], export: false },
    smA: { rows: ['V01', 'V02'], fields: ['f_model'], export: false },
    mgrB: noView,
    gm: { rows: ['V01', 'V02'], fields: ['f_model', 'f_cost'], export: true },
    outsider: noView,
    admin: { rows: ['V01', 'V02'], fields: ['f_model', 'f_cost'], export: true },
    other: foreign,
  },
  other: {
    ...(Object.fromEntries(USERS.map((u) => [u, foreign])) as Record<UserKey, Reach>),
    other: { rows: ['O01'], fields: ['f_name', 'f_secret_note'], export: true },
  },
};

export const definitionOf: Record<FormKey, FormDefinition> = {
  lead: leadForm,
  vehicle: vehicleForm,
  other: otherForm,
};

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

/** Every sentinel value of the fixture (not ids: those are no secret). */
export function sentinels(): Map<string, string> {
  const out = new Map<string, string>();
  for (const seed of SEEDS)
    for (const [fieldId, text] of Object.entries(valuesOf(seed))) out.set(text, `${seed.key}.${fieldId}`);
  return out;
}

/** The sentinel of each field of a record, as it appears in any response (money without its cents). */
function valuesOf(seed: Seed): Record<string, string> {
  const values: Record<string, string> = { ...seed.values };
  if (values.f_budget) values.f_budget = values.f_budget.slice(0, 7);
  if (seed.secret) values.f_secret_note = seed.secret;
  if (seed.vehicle) values.f_vehicle_model = seedOf(seed.vehicle).values.f_model!;
  return values;
}

/** The sentinels a user may have been shown: the values of the fields they read on the records they see. */
export function allowedSentinels(user: UserKey): Set<string> {
  const allowed = new Set<string>();
  for (const byUser of Object.values(REACH)) {
    const reach = byUser[user];
    if ('refused' in reach) continue;
    for (const key of reach.history ?? reach.rows) {
      const values = valuesOf(seedOf(key));
      for (const fieldId of fieldsOn(reach, key)) if (values[fieldId]) allowed.add(values[fieldId]);
    }
  }
  return allowed;
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
