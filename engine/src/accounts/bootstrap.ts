import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import { newId } from '../ids';
import { createUser } from './users';

export interface BootstrapOptions {
  workspaceName?: string;
  adminEmail?: string;
  /** When absent, a random password is generated and returned once. */
  adminPassword?: string;
}

export type BootstrapResult =
  | { created: true; workspaceId: string; adminEmail: string; adminPassword: string; generated: boolean }
  | { created: false; workspaceId: string; adminEmails: string[] };

export const DEFAULT_ADMIN_EMAIL = 'admin@forecourt.local';

/**
 * First start on an empty database: one workspace, its group department and an admin. Later starts
 * change nothing and report the admins. Two processes starting together on PostgreSQL are
 * serialised by an advisory lock, so exactly one of them creates the workspace.
 */
export async function ensureWorkspace(
  db: Executor,
  options: BootstrapOptions = {},
): Promise<BootstrapResult> {
  await sql`select pg_advisory_xact_lock(hashtext('forecourt.bootstrap'))`.execute(db);
  const existing = await db.selectFrom('workspaces').select('id').orderBy('created_at').executeTakeFirst();
  if (existing) {
    const admins = await db
      .selectFrom('users')
      .select('email')
      .where('workspace_id', '=', existing.id)
      .where('is_admin', '=', true)
      .where('status', '=', 'active')
      .orderBy('created_at')
      .execute();
    return { created: false, workspaceId: existing.id, adminEmails: admins.map((a) => a.email) };
  }
  const workspaceId = newId('ws');
  const name = options.workspaceName ?? 'Forecourt';
  await db.insertInto('workspaces').values({ id: workspaceId, workspace_id: workspaceId, name }).execute();
  const adminEmail = options.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const adminPassword = options.adminPassword ?? generatePassword();
  const admin = await createUser(db, workspaceId, {
    email: adminEmail,
    name: 'Administrator',
    password: adminPassword,
    isAdmin: true,
  });
  await db
    .insertInto('departments')
    .values({ id: newId('dep'), workspace_id: workspaceId, name, kind: 'group', head_user_id: admin.id })
    .execute();
  return {
    created: true,
    workspaceId,
    adminEmail: admin.email,
    adminPassword,
    generated: !options.adminPassword,
  };
}

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 90 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
