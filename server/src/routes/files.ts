import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DomainError,
  discardUpload,
  openFile,
  saveUpload,
  uploadLimitsFor,
  uploadTarget,
} from '@forecourt/engine';
import { UploadedFile } from '@forecourt/schemas/api';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

/** What the file routes need beyond the common route dependencies. */
export interface FileDeps {
  /** The file store: `<FORECOURT_DATA_DIR>/files`. */
  filesDir: string;
  /** FORECOURT_UPLOAD_LIMIT_MB in bytes: no field may allow more. */
  uploadLimitBytes: number;
}

const FileId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
/** Raster images a browser can show without running anything; every other type is downloaded. */
const INLINE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export const fileRoutes: FastifyPluginAsyncTypebox<RouteDeps & FileDeps> = async (
  app,
  { db, filesDir, uploadLimitBytes },
) => {
  // Registered here, not on the root: this plugin is encapsulated, so only the upload route parses
  // multipart and every JSON route still answers a form post with 415 instead of an empty body.
  await app.register(multipart, {
    limits: { fileSize: uploadLimitBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 50 },
  });
  const tags = ['files'];

  app.post(
    '/api/forms/:formId/files',
    {
      schema: {
        operationId: 'uploadFile',
        tags,
        summary:
          'Upload one file for an attachment, image or signature field (multipart/form-data, part `file`); ' +
          "the field's size and type limits apply and the type is checked from the content",
        consumes: ['multipart/form-data'],
        params: Type.Object(
          { formId: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object(
          {
            field: Type.String({ minLength: 1, maxLength: 64, description: 'The file field, e.g. f_photos' }),
          },
          { additionalProperties: false },
        ),
        // Documentation only: without `type` or `required` it holds for the undefined body multipart
        // leaves behind, and a JSON body still reaches the handler to be told 415.
        body: Type.Unsafe({
          description: 'One part named `file`',
          properties: { file: { type: 'string', format: 'binary', description: 'The file' } },
        }),
        response: { 201: UploadedFile, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const field = await uploadTarget(db, actor, request.params.formId, request.query.field);
      const limits = uploadLimitsFor(field, uploadLimitBytes);
      let saved: UploadedFile | undefined;
      try {
        // One byte over the field's limit reaches saveUpload, which refuses it and cleans up.
        for await (const part of request.parts({ limits: { fileSize: limits.maxBytes + 1 } })) {
          if (part.type !== 'file') continue;
          saved = await saveUpload(
            db,
            actor,
            { stream: part.file, filename: part.filename, declaredMime: part.mimetype, limits },
            filesDir,
          );
        }
      } catch (error) {
        // A second file, say: the first is not kept, so nothing half-accepted is left.
        if (saved) await discardUpload(db, actor.workspaceId, saved.fileId, filesDir);
        discardRest(request, uploadLimitBytes);
        throw malformedAsBadRequest(error);
      }
      if (!saved) {
        throw new DomainError('bad_request', 'The upload has no file.', [
          { path: '/file', message: 'Send the file as a multipart part named file.' },
        ]);
      }
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/api/files/:fileId',
    {
      schema: {
        operationId: 'downloadFile',
        tags,
        summary:
          'Download a file you may read (you uploaded it, or a record you can read refers to it); ' +
          'images are shown inline, everything else is downloaded',
        params: Type.Object({ fileId: FileId }, { additionalProperties: false }),
        response: {
          200: Type.Unsafe({
            description: 'The bytes, with the type found in them at upload',
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          }),
          304: Type.Null({ description: 'Not modified (If-None-Match)' }),
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await openFile(db, actorOf(request), request.params.fileId, filesDir);
      const etag = `"${file.sha256}"`;
      // Every request is checked for access, so a cached copy must be revalidated; the ETag makes that cheap.
      reply.header('cache-control', 'private, no-cache').header('etag', etag);
      // Never let the browser guess a type, and never let a file run script or reach our origin.
      reply
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox");
      if (request.headers['if-none-match'] === etag) {
        file.stream.destroy();
        return reply.code(304).send(null);
      }
      const disposition = INLINE.has(file.mime) ? 'inline' : 'attachment';
      return reply
        .type(file.mime)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(disposition, file.name))
        .send(file.stream);
    },
  );
};

/** RFC 6266 with an RFC 5987 `filename*` so 发票.pdf arrives as 发票.pdf, and an ASCII fallback. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * A refusal can come a few KB into the upload (the type is wrong) while the client is still sending.
 * Reading and dropping the rest lets it receive the answer instead of a reset connection; past
 * `maxBytes` more, hanging up is cheaper than listening.
 */
export function discardRest(request: FastifyRequest, maxBytes: number): void {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  let discarded = 0;
  raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) raw.destroy();
  });
  raw.resume();
}

/** The multipart parser reports a malformed body as a plain Error: that is the client's mistake, not ours. */
function malformedAsBadRequest(error: unknown): unknown {
  if (error instanceof DomainError || !(error instanceof Error) || 'statusCode' in error) return error;
  if (/multipart|boundary|terminated early/i.test(error.message)) {
    return new DomainError('bad_request', 'The multipart body is malformed.', [
      { path: '/', message: error.message },
    ]);
  }
  return error;
}
