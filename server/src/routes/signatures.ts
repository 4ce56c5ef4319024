import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { saveTaskSignature, ValidationError } from '@forecourt/engine';
import { UploadedFile } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';
import type { FileDeps } from './files';

/** The pad's `toDataURL()`; the prefix is optional. 200 KB of PNG is at most ~273,000 base64 characters. */
const DATA_URL = /^(?:data:image\/png;base64,)?([A-Za-z0-9+/]+={0,2})$/;

/** An approver's handwritten signature for their task, drawn on the signature pad. */
export const signatureRoutes: FastifyPluginAsyncTypebox<RouteDeps & FileDeps> = async (
  app,
  { db, filesDir },
) => {
  app.post(
    '/api/tasks/:taskId/signature',
    {
      schema: {
        operationId: 'uploadSignature',
        tags: ['tasks'],
        summary:
          'Store the signature drawn for my pending task (a PNG as base64 or a data URL); send the answered fileId as signatureFileId',
        params: Type.Object(
          { taskId: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        body: Type.Object(
          { png: Type.String({ minLength: 1, maxLength: 280_000 }) },
          { additionalProperties: false, title: 'TaskSignature' },
        ),
        response: {
          201: UploadedFile,
          ...errors(...AUTH_ERRORS, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const match = DATA_URL.exec(request.body.png);
      if (!match)
        throw new ValidationError('The signature is not a PNG.', [
          { path: '/png', message: 'Send the PNG as base64.' },
        ]);
      const png = Buffer.from(match[1]!, 'base64');
      const saved = await saveTaskSignature(db, actorOf(request), request.params.taskId, png, filesDir);
      return reply.code(201).send(saved);
    },
  );
};
