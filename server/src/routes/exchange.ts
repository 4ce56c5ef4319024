import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  type Actor,
  EXPORT_CONTENT_TYPES,
  getImport,
  getView,
  ImportQueue,
  importFilePath,
  MAX_BULK,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  NotFoundError,
  planExport,
  receiveImportFile,
  removeImportFile,
  requestImportCommit,
  runImport,
  type SheetFormat,
  startImport,
  writeExport,
} from '@forecourt/engine';
import type { Condition, RecordQuery } from '@forecourt/schemas';
import { ImportAccepted, ImportView } from '@forecourt/schemas/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors } from '../http/schemas';
import type { RouteDeps } from './deps';
import { contentDisposition, discardRest, type FileDeps } from './files';
import { badPart, importOptions } from './import-upload';

const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const ImportParams = Type.Object(
  { importId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) },
  { additionalProperties: false },
);

/**
 * Import and export of records. An import is uploaded, checked at once (columns, size, row count),
 * then processed in the background while the client polls it: a dry run (nothing written), then the
 * commit (all or nothing). Exports stream.
 */
/** An export's answer: the file, in the format asked for. */
const Spreadsheet = Type.Unsafe({
  description: 'The spreadsheet',
  content: {
    [EXPORT_CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
    'text/csv': { schema: { type: 'string' } },
  },
});

export const exchangeRoutes: FastifyPluginAsyncTypebox<RouteDeps & FileDeps> = async (
  app,
  { db, mode, filesDir },
) => {
  // Encapsulated like the file routes: only the upload route here parses multipart.
  await app.register(multipart, {
    limits: {
      fileSize: MAX_IMPORT_BYTES + 1,
      files: 1,
      fields: 4,
      parts: 5,
      fieldSize: 256 * 1024,
      headerPairs: 50,
    },
  });
  const queue = new ImportQueue((error) => app.log.error({ err: error }, 'import job failed'));
  // Let a running import finish before the database closes underneath it.
  app.addHook('onClose', () => queue.idle());
  const enqueue = (actor: Actor, importId: string) =>
    // the jobs worker of the workflow issue takes this over
    queue.enqueue(async () => {
      const result = await runImport(db, actor, importId, {
        path: importFilePath(filesDir, importId),
        progressDuringCommit: mode === 'postgres',
        log: (error) => app.log.error({ err: error, importId }, 'import failed'),
      });
      if (result.status === 'done' || result.status === 'failed') await removeImportFile(filesDir, importId);
    });
  const tags = ['import and export'];

  app.post(
    '/api/forms/:formId/imports',
    {
      schema: {
        operationId: 'startImport',
        tags,
        summary:
          `Import records from an Excel workbook (.xlsx) or CSV (UTF-8 or GBK), at most 50 MB and ` +
          `${MAX_IMPORT_ROWS.toLocaleString('en')} rows: multipart part \`file\`, optional fields \`mapping\` ` +
          '(JSON `{ "<header or column index>": fieldId }`; default: columns matched by label), `upsertBy` ' +
          '(a unique field: matching rows update their record), `headerRow` (the row naming the columns, as ' +
          'the spreadsheet numbers it; default: the first row whose cells name fields, so a title row above ' +
          'is passed over) and `mode` (`dryRun`, the default, or `commit`)',
        consumes: ['multipart/form-data'],
        params: FormParams,
        body: Type.Unsafe({
          description: 'Parts: file, and optionally mapping, upsertBy, mode',
          properties: {
            file: { type: 'string', format: 'binary' },
            mapping: { type: 'string', description: 'JSON object: header or column index → field id' },
            upsertBy: { type: 'string', description: 'A unique field id' },
            headerRow: { type: 'string', description: 'The header row number (1 = the first row)' },
            mode: { type: 'string', enum: ['dryRun', 'commit'] },
          },
        }),
        response: { 202: ImportAccepted, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const fields: Record<string, string> = {};
      let received: { importId: string; format: SheetFormat; fileName: string } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || received)
              throw badPart('/file', 'Send one file, in a part named file.');
            received = { ...(await receiveImportFile(part.file, filesDir)), fileName: part.filename };
          } else fields[part.fieldname] = String(part.value);
        }
        if (!received) throw badPart('/file', 'Send the spreadsheet as a multipart part named file.');
        const options = importOptions(fields);
        const started = await startImport(
          db,
          actor,
          request.params.formId,
          { ...received, ...options },
          filesDir,
        );
        enqueue(actor, started.id);
        return reply.code(202).send({ importId: started.id });
      } catch (error) {
        if (received) await removeImportFile(filesDir, received.importId);
        // A refusal can come while the client is still sending (the file is too large, or an old .xls).
        discardRest(request, MAX_IMPORT_BYTES);
        throw error;
      }
    },
  );

  app.get(
    '/api/imports/:importId',
    {
      schema: {
        operationId: 'getImport',
        tags,
        summary: 'An import: its status, progress and report (the first 1,000 bad rows and cells)',
        params: ImportParams,
        response: { 200: ImportView, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => getImport(db, actorOf(request), request.params.importId),
  );

  app.post(
    '/api/imports/:importId/commit',
    {
      schema: {
        operationId: 'commitImport',
        tags,
        summary:
          'Commit an import after a dry run without problems: the whole file in one transaction, all or nothing',
        params: ImportParams,
        response: { 202: ImportAccepted, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const accepted = await requestImportCommit(db, actor, request.params.importId);
      enqueue(actor, accepted.id);
      return reply.code(202).send({ importId: accepted.id });
    },
  );

  app.get(
    '/api/forms/:formId/export',
    {
      schema: {
        operationId: 'exportRecords',
        tags,
        summary:
          'Export the records of a form as xlsx or CSV (UTF-8 with BOM), streamed; one header row of Chinese ' +
          'labels; the file imports back unchanged',
        params: FormParams,
        querystring: Type.Object(
          {
            format: Type.Optional(
              Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' }),
            ),
            columns: Type.Optional(
              Type.String({
                maxLength: 4000,
                description:
                  "Field ids, comma-separated; default: the view's columns, else all visible fields",
              }),
            ),
            view: Type.Optional(
              Type.String({
                maxLength: 64,
                description: 'A saved view: its filter, sort, search and columns',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Spreadsheet,
          ...errors(...AUTH_ERRORS, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const columns = request.query.columns
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const view = request.query.view ? await getView(db, actor, request.query.view) : undefined;
      if (view && view.formId !== request.params.formId) throw new NotFoundError('The view');
      return sendExport(request, reply, request.params.formId, {
        format: request.query.format ?? 'xlsx',
        columns: columns ?? view?.columns.map((c) => c.field),
        ...(view ? { query: view.query as RecordQuery } : {}),
      });
    },
  );

  app.post(
    '/api/forms/:formId/export',
    {
      schema: {
        operationId: 'exportSelectedRecords',
        tags,
        summary:
          `Export as GET …/export does, for a query or a selection sent in the body: the grid's current ` +
          `filter and sort, or up to ${MAX_BULK} record ids`,
        params: FormParams,
        body: body(
          {
            format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')])),
            columns: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 })),
            query: Type.Optional(
              Type.Object({}, { additionalProperties: true, description: 'filter, sort, search' }),
            ),
            ids: Type.Optional(
              Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: MAX_BULK }),
            ),
          },
          'ExportRequest',
        ),
        response: {
          200: Spreadsheet,
          ...errors(...AUTH_ERRORS, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { format, columns, ids } = request.body;
      const query = { ...(request.body.query as RecordQuery | undefined) };
      if (ids) query.filter = withIds(query.filter, ids);
      return sendExport(request, reply, request.params.formId, { format: format ?? 'xlsx', columns, query });
    },
  );

  /** Plans (everything that can be refused, before the first byte: errors stay JSON), then streams. */
  async function sendExport(
    request: FastifyRequest,
    reply: FastifyReply,
    formId: string,
    options: { format: SheetFormat; columns?: string[]; query?: RecordQuery },
  ) {
    const actor = actorOf(request);
    const plan = await planExport(db, actor, formId, options);
    const stream = new PassThrough();
    writeExport(db, actor, plan, stream).catch((error) => {
      request.log.error({ err: error }, 'export failed midway');
      stream.destroy(error);
    });
    return reply
      .type(EXPORT_CONTENT_TYPES[options.format])
      .header('content-disposition', contentDisposition('attachment', plan.fileName))
      .header('cache-control', 'no-store')
      .send(stream);
  }
};

/** The query's filter narrowed to the listed records (an `in` takes at most 200 values, so in chunks). */
function withIds(filter: Condition | undefined, ids: string[]): Condition {
  const chunks: Condition[] = [];
  for (let i = 0; i < ids.length; i += 200)
    chunks.push({ field: '_id', op: 'in', value: ids.slice(i, i + 200) });
  const selected: Condition = chunks.length === 1 ? chunks[0]! : { or: chunks };
  return filter ? { and: [filter, selected] } : selected;
}
