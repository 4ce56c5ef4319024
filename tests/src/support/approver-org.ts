import {
  type Actor,
  createDepartment,
  createRole,
  createUser,
  newId,
  setUserDepartments,
  setUserRoles,
  updateDepartment,
  updateUser,
} from '@forecourt/engine';
import { openTestDatabase, type TestDatabase } from './db';
import { field, form } from './dealership/fields';
import { workspaceAdmin } from './forms';

export let database: TestDatabase;
export let actor: Actor;

/** The org: 集团 (GM) → 西湖店 (store manager) → 销售部 (sales manager, consultant) and 售后部 (no head). */
export const u = {} as Record<
  'gm' | 'storeManager' | 'salesManager' | 'consultant' | 'tech' | 'fin1' | 'fin2' | 'former' | 'outsider',
  string
>;
export const d = {} as Record<'group' | 'store' | 'sales' | 'afterSales' | 'bodyShop' | 'elsewhere', string>;
export const r = {} as Record<'finance' | 'gm' | 'storeManager' | 'empty' | 'retired', string>;

export const discount = form('frm_discount', 'app_sales', '折扣审批', 'Discount approval', [
  field('f_consultant', 'member', '销售顾问', 'Consultant'),
  field('f_reviewers', 'member', '复核人', 'Reviewers', { multiple: true }),
  field('f_store', 'department', '门店', 'Store'),
  field('f_departments', 'department', '相关部门', 'Departments', { multiple: true }),
  field('f_note', 'text', '备注', 'Note'),
]);

/** Builds the org in a database of its own; the bindings above are filled in (importers see them live). */
export async function setUpApproverOrg(): Promise<void> {
  database = await openTestDatabase();
  actor = await workspaceAdmin(database);
  const db = database.db;
  const ws = actor.workspaceId;
  const user = async (key: keyof typeof u, name: string) => {
    u[key] = (await createUser(db, ws, { email: `${key}@example.com`, name, password: 'password-123' })).id;
  };
  await user('gm', 'GM Wang');
  await user('storeManager', 'Store Manager Li');
  await user('salesManager', 'Sales Manager Zhao');
  await user('consultant', 'Consultant Chen');
  await user('tech', 'Technician Sun');
  await user('fin1', 'Finance Zhou');
  await user('fin2', 'Finance Wu');
  await user('former', 'Former Zheng');

  const group = await db
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', ws)
    .where('kind', '=', 'group')
    .executeTakeFirstOrThrow();
  d.group = group.id;
  await updateDepartment(db, ws, d.group, { name: '集团', headUserId: u.gm });
  const department = async (key: keyof typeof d, name: string, parentId: string, headUserId?: string) => {
    d[key] = (await createDepartment(db, ws, { name, kind: 'department', parentId, headUserId })).id;
  };
  d.store = (
    await createDepartment(db, ws, {
      name: '西湖店',
      kind: 'store',
      parentId: d.group,
      headUserId: u.storeManager,
    })
  ).id;
  await department('sales', '销售部', d.store, u.salesManager);
  await department('afterSales', '售后部', d.store);
  await department('bodyShop', '钣喷部', d.store, u.former);

  await setUserDepartments(db, ws, u.gm, [{ departmentId: d.group, isPrimary: true }]);
  await setUserDepartments(db, ws, u.storeManager, [{ departmentId: d.store, isPrimary: true }]);
  await setUserDepartments(db, ws, u.salesManager, [{ departmentId: d.sales, isPrimary: true }]);
  await setUserDepartments(db, ws, u.consultant, [
    { departmentId: d.afterSales, isPrimary: false },
    { departmentId: d.sales, isPrimary: true },
  ]);
  await setUserDepartments(db, ws, u.tech, [{ departmentId: d.afterSales, isPrimary: true }]);

  const role = async (key: keyof typeof r, name: string) => {
    r[key] = (await createRole(db, ws, { code: key, name })).id;
  };
  await role('finance', '财务');
  await role('gm', '总经理');
  await role('storeManager', '店总');
  await role('empty', '空角色');
  await role('retired', '退休');
  await setUserRoles(db, ws, u.fin1, [r.finance]);
  await setUserRoles(db, ws, u.fin2, [r.finance]);
  await setUserRoles(db, ws, u.gm, [r.gm]);
  await setUserRoles(db, ws, u.storeManager, [r.storeManager]);
  await setUserRoles(db, ws, u.former, [r.retired]);
  await updateUser(db, ws, u.former, { status: 'disabled' });

  // Another workspace: its user and department must never resolve here.
  const other = newId('ws');
  await db.insertInto('workspaces').values({ id: other, workspace_id: other, name: 'Other' }).execute();
  u.outsider = (
    await createUser(db, other, { email: 'outsider@example.com', name: 'Outsider', password: 'password-123' })
  ).id;
  d.elsewhere = (
    await createDepartment(db, other, { name: '别处', kind: 'group', headUserId: u.outsider })
  ).id;
}
