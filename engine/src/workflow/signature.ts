import { Readable } from 'node:stream';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import { saveUpload, type UploadedFile } from '../files/upload';
import { assertPersonal } from './load';

/** A drawn signature is a small PNG; anything bigger is not a pad drawing. */
export const MAX_SIGNATURE_BYTES = 200 * 1024;

/**
 * Stores the signature an approver drew on the pad for their pending task, as a file of theirs, and
 * answers its id to send as `signatureFileId` with approve or reject. The form's upload route needs a
 * signature field the user may fill; an approver has neither, so the task is what allows it.
 */
export async function saveTaskSignature(
  db: Executor,
  actor: Actor,
  taskId: string,
  png: Buffer,
  storageDir: string,
): Promise<UploadedFile> {
  assertPersonal(actor);
  const task = await db
    .selectFrom('flow_tasks')
    .select('id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', taskId)
    .where('assignee_id', '=', actor.userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (!task) throw new NotFoundError('The task');
  if (png.length === 0 || png.length > MAX_SIGNATURE_BYTES)
    throw new ValidationError('The signature is empty or too large.', [
      { path: '/png', message: `A PNG of at most ${MAX_SIGNATURE_BYTES / 1024} KB.` },
    ]);
  return saveUpload(
    db,
    actor,
    {
      stream: Readable.from([png]),
      filename: `signature-${taskId}.png`,
      declaredMime: 'image/png',
      limits: { maxBytes: MAX_SIGNATURE_BYTES, accept: ['image/png'] },
    },
    storageDir,
  ).catch((error) => {
    // The upload pipeline speaks of a file part; here the picture came as the body's `png`.
    if (error instanceof ValidationError)
      throw new ValidationError('The signature must be a PNG picture.', [
        { path: '/png', message: 'Not a PNG picture.' },
      ]);
    throw error;
  });
}
