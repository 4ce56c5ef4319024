import type { User } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { Executor, UsersTable } from '../db/schema';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import { clearLoginThrottle } from './login-throttle';
import { checkPasswordPolicy, hashPassword } from './passwords';

/** A user as the API shows it: never the hash. */
export type UserView = User;

export function userView(row: Selectable<UsersTable>): UserView {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    isAdmin: row.is_admin,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  isAdmin?: boolean;
}

export async function createUser(
  db: Executor,
  workspaceId: string,
  input: CreateUserInput,
): Promise<UserView> {
  checkPasswordPolicy(input.password);
  const email = input.email.trim().toLowerCase();
  await assertEmailFree(db, email);
  const now = new Date();
  const row = await db
    .insertInto('users')
    .values({
      id: newId('usr'),
      workspace_id: workspaceId,
      email,
      name: input.name.trim(),
      password_hash: await hashPassword(input.password),
      is_admin: input.isAdmin ?? false,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(rethrowDuplicateEmail);
  return userView(row);
}

export async function getUser(db: Executor, workspaceId: string, userId: string): Promise<UserView> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The user');
  return userView(row);
}

export async function listUsers(db: Executor, workspaceId: string): Promise<UserView[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(userView);
}

export interface UpdateUserInput {
  name?: string;
  email?: string;
  isAdmin?: boolean;
  status?: 'active' | 'disabled';
}

export async function updateUser(
  db: Executor,
  workspaceId: string,
  userId: string,
  input: UpdateUserInput,
): Promise<UserView> {
  const email = input.email?.trim().toLowerCase();
  if (email) await assertEmailFree(db, email, userId);
  const row = await db
    .updateTable('users')
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(input.isAdmin !== undefined ? { is_admin: input.isAdmin } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst()
    .catch(rethrowDuplicateEmail);
  if (!row) throw new NotFoundError('The user');
  if (input.status === 'disabled') await revokeAllSessions(db, userId);
  return userView(row);
}

/** Sets a new password, clears the login throttling of the account and ends every session of the user. */
export async function setPassword(
  db: Executor,
  workspaceId: string,
  userId: string,
  password: string,
): Promise<void> {
  checkPasswordPolicy(password);
  const result = await db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .returning('email')
    .executeTakeFirst();
  if (!result) throw new NotFoundError('The user');
  await clearLoginThrottle(db, result.email);
  await revokeAllSessions(db, userId);
}

export async function findUserByEmail(
  db: Executor,
  email: string,
): Promise<Selectable<UsersTable> | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

async function revokeAllSessions(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

async function assertEmailFree(db: Executor, email: string, exceptUserId?: string): Promise<void> {
  const existing = await findUserByEmail(db, email);
  if (existing && existing.id !== exceptUserId) throw duplicateEmail();
}

function duplicateEmail(): ConflictError {
  return new ConflictError('This e-mail address is already in use.', [
    { path: '/email', message: 'Another user has this e-mail address.' },
  ]);
}

/** Two concurrent creates can both pass the check; the unique index decides, with the same message. */
function rethrowDuplicateEmail(error: unknown): never {
  if (error && typeof error === 'object' && 'code' in error && error.code === '23505') throw duplicateEmail();
  throw error;
}
