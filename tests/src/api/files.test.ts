import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createUser, newId, storedFilePath, syncRecordFiles, writeRecordFiles } from '@forecourt/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { create, installForms } from '../support/dealership/install';
import { INSPECTION, sendParts, uploadFile } from '../support/inspection';
import { multipart, PDF, tinyPng } from '../support/uploads';

let t: TestApp;
let colleague: Client;
let stranger: Client;
/** A file uploaded in the other workspace. */
let theirs: string;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [INSPECTION]);
  const created = await t.admin.post('/api/users', {
    email: 'advisor@dealer.test',
    name: '服务顾问',
    password: 'advisor-password-1',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  colleague = t.anonymous();
  expect((await colleague.login('advisor@dealer.test', 'advisor-password-1')).status).toBe(200);
  await grant(t.admin, 'frm_inspection', { preset: 'viewAll', users: [created.body.user.id] });

  const other = newId('ws');
  await t.database.db
    .insertInto('workspaces')
    .values({ id: other, workspace_id: other, name: 'Other group' })
    .execute();
  await createUser(t.database.db, other, { email: 'x@other.test', name: 'X', password: 'other-password-1' });
  stranger = t.anonymous();
  expect((await stranger.login('x@other.test', 'other-password-1')).status).toBe(200);
  theirs = newId('fil');
  await t.database.db
    .insertInto('files')
    .values({ id: theirs, workspace_id: other, name: 'theirs.png', mime: 'image/png', size: 70, sha256: 'x' })
    .execute();
});
afterAll(() => t?.close());

/** The system (timers, automatic steps): it may move any file of the workspace. */
const system = () => ({
  workspaceId: t.workspaceId,
  userId: 'system',
  isAdmin: true,
  via: 'system' as const,
});

const upload = (
  fieldId: string,
  filename: string,
  type: string,
  content: Buffer | string,
  client = t.admin,
) => uploadFile(client, fieldId, filename, type, content);

async function storedRow(fileId: string) {
  return t.database.db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst();
}

/** Every byte in the store, so a refusal can be shown to leave nothing behind. */
async function storeSnapshot(): Promise<{ files: number; paths: string[] }> {
  const { count } = await t.database.db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  const paths = (await readdir(t.filesDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  return { files: Number(count), paths: paths.sort() };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('uploading', () => {
  it('stores a photo with its sha256 and answers what the record needs', async () => {
    const png = tinyPng();
    const response = await upload('f_photos', 'front.png', 'image/png', png);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toEqual({
      fileId: expect.stringMatching(/^fil_/),
      name: 'front.png',
      size: png.length,
      mime: 'image/png',
    });
    const { fileId } = response.body;
    expect(await readFile(storedFilePath(t.filesDir, fileId))).toEqual(png);
    expect(await storedRow(fileId)).toMatchObject({
      workspace_id: t.workspaceId,
      name: 'front.png',
      mime: 'image/png',
      sha256: sha256(png),
    });
  });

  it('takes a PDF invoice with a Chinese name and a signature', async () => {
    const invoice = await upload('f_invoice', '发票 2024-11.pdf', 'application/pdf', PDF);
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(201);
    expect(invoice.body).toMatchObject({
      name: '发票 2024-11.pdf',
      mime: 'application/pdf',
      size: PDF.length,
    });
    const signature = await upload('f_sign', 'signature.png', 'image/png', tinyPng());
    expect(signature.status, JSON.stringify(signature.body)).toBe(201);
  });

  it('takes plain text only where the field names text/plain', async () => {
    const notes = await upload('f_notes', 'notes.txt', 'text/plain', '客户要求保留旧件。\n');
    expect(notes.status, JSON.stringify(notes.body)).toBe(201);
    expect(notes.body.mime).toBe('text/plain');
    expectError(await upload('f_invoice', 'notes.txt', 'text/plain', 'hello'), 422, 'validation_failed');
  });

  it.each([
    [
      'an exe renamed to .png',
      'f_photos',
      'photo.png',
      'image/png',
      Buffer.concat([Buffer.from('MZ'), randomBytes(300)]),
    ],
    [
      'an HTML page declared as a PNG',
      'f_photos',
      'photo.png',
      'image/png',
      '<html><script>alert(1)</script></html>',
    ],
    ['a PNG as the PDF invoice', 'f_invoice', 'invoice.pdf', 'application/pdf', tinyPng()],
    ['a PDF as the signature', 'f_sign', 'signature.png', 'image/png', PDF],
    ['an empty file', 'f_invoice', 'invoice.pdf', 'application/pdf', ''],
  ])('refuses %s by its content, leaving nothing behind', async (_what, fieldId, filename, type, content) => {
    const before = await storeSnapshot();
    const error = expectError(await upload(fieldId, filename, type, content), 422, 'validation_failed');
    expect(error.message).toContain(filename);
    expect(error.details[0]?.path).toBe('/file');
    expect(await storeSnapshot()).toEqual(before);
  });

  it("refuses a file over the field's maxSizeMb with 413, leaving nothing behind", async () => {
    const before = await storeSnapshot();
    const big = Buffer.concat([tinyPng(), Buffer.alloc(1.5 * 1024 * 1024)]);
    const error = expectError(
      await upload('f_photos', 'big.png', 'image/png', big),
      413,
      'payload_too_large',
    );
    expect(error.message).toMatch(/1 MB/);
    expect(await storeSnapshot()).toEqual(before);
  });

  it('refuses a second file in the same request, keeping neither', async () => {
    const before = await storeSnapshot();
    const two = await sendParts(t.admin, 'f_photos', [
      { name: 'file', filename: 'a.png', type: 'image/png', content: tinyPng() },
      { name: 'file', filename: 'b.png', type: 'image/png', content: tinyPng() },
    ]);
    expectError(two, 413, 'payload_too_large');
    expect(await storeSnapshot()).toEqual(before);
  });

  it('answers a request without a file with 400, and one that is not multipart with 415', async () => {
    expectError(
      await sendParts(t.admin, 'f_photos', [{ name: 'note', content: 'no file here' }]),
      400,
      'bad_request',
    );
    const json = await t.admin.post('/api/forms/frm_inspection/files?field=f_photos', { file: 'x' });
    expectError(json, 415, 'unsupported_media_type');
    // Multipart is parsed by the upload route alone: a JSON route still refuses a form post.
    const { payload, contentType } = multipart([{ name: 'name', content: 'x' }]);
    const elsewhere = await t.admin.request('POST', '/api/apps', undefined, {
      payload,
      headers: { 'content-type': contentType },
    });
    expectError(elsewhere, 415, 'unsupported_media_type');
  });

  it('answers 404 for an unknown form and 422 for a field that takes no files', async () => {
    const png = tinyPng();
    expectError(
      await sendParts(t.admin, 'f_photos', [{ name: 'file', filename: 'a.png', content: png }], 'frm_nope'),
      404,
    );
    const unknown = expectError(await upload('f_nope', 'a.png', 'image/png', png), 422, 'validation_failed');
    expect(unknown.details[0]?.path).toBe('querystring:/field');
    expectError(await upload('f_plate_no', 'a.png', 'image/png', png), 422, 'validation_failed');
    expectError(await t.anonymous().request('POST', '/api/forms/frm_inspection/files?field=f_photos'), 401);
  });
});

describe('downloading', () => {
  it('returns the same bytes, a photo inline with the sniffed type and locked-down headers', async () => {
    const png = tinyPng();
    const { fileId } = (await upload('f_photos', 'rear.png', 'image/png', png)).body;
    const response = await t.admin.get(`/api/files/${fileId}`);
    expect(response.status).toBe(200);
    expect(response.raw.rawPayload).toEqual(png);
    expect(response.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(png.length),
      'x-content-type-options': 'nosniff',
      etag: `"${sha256(png)}"`,
    });
    expect(response.headers['content-disposition']).toBe(
      `inline; filename="rear.png"; filename*=UTF-8''rear.png`,
    );
    expect(response.headers['content-security-policy']).toContain('sandbox');
    const again = await t.admin.request('GET', `/api/files/${fileId}`, undefined, {
      headers: { 'if-none-match': `"${sha256(png)}"` },
    });
    expect(again.status).toBe(304);
    expect(again.raw.rawPayload.length).toBe(0);
  });

  it('sends anything but an image as a download, its name encoded per RFC 5987', async () => {
    const { fileId } = (await upload('f_invoice', '发票 (11).pdf', 'application/pdf', PDF)).body;
    const response = await t.admin.get(`/api/files/${fileId}`);
    expect(response.status).toBe(200);
    expect(response.raw.rawPayload).toEqual(PDF);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="__ (11).pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%20%2811%29.pdf`,
    );
  });

  it('hides a file from whoever may not read it with 404, never 403', async () => {
    const { fileId } = (await upload('f_photos', 'private.png', 'image/png', tinyPng())).body;
    expectError(await stranger.get(`/api/files/${fileId}`), 404, 'not_found');
    // A colleague sees an upload only once a record refers to it (see below).
    expectError(await colleague.get(`/api/files/${fileId}`), 404, 'not_found');
    expectError(await t.admin.get('/api/files/fil_doesnotexist0000'), 404, 'not_found');
    expectError(await t.anonymous().get(`/api/files/${fileId}`), 401);
  });
});

describe('syncRecordFiles', () => {
  it('indexes the files of a record and names the path of each bad one', async () => {
    const photo = (await upload('f_photos', 'door.png', 'image/png', tinyPng())).body;
    const receipt = (await upload('f_receipt', '收据.pdf', 'application/pdf', PDF)).body;
    // The values as the record pipeline normalised and stored them (table rows get their _id).
    const record = await create(t.admin, 'frm_inspection', {
      f_photos: [photo],
      f_lines: [
        { f_desc: '机油', f_receipt: [receipt] },
        { f_desc: '机滤', f_receipt: [receipt] },
      ],
    });
    const sync = (data: Record<string, unknown>) =>
      syncRecordFiles(t.database.db, system(), record.id, INSPECTION.fields, data);
    const index = () =>
      t.database.db
        .selectFrom('record_files')
        .select(['field_id', 'file_id'])
        .where('record_id', '=', record.id)
        .orderBy('field_id')
        .execute();

    await sync(record.data);
    expect(await index()).toEqual([
      { field_id: 'f_photos', file_id: photo.fileId },
      { field_id: 'f_receipt', file_id: receipt.fileId },
    ]);
    expect((await colleague.get(`/api/files/${photo.fileId}`)).status).toBe(200);

    const ghost = { ...photo, fileId: 'fil_neveruploaded00' };
    const refused = sync({
      f_photos: [photo, ghost, { ...receipt, mime: 'image/png' }],
      f_lines: [{ _id: 'r1' }, { _id: 'r2', f_receipt: [{ ...ghost, mime: 'application/pdf' }] }],
      f_sign: { fileId: theirs },
    });
    await expect(refused).rejects.toMatchObject({
      code: 'validation_failed',
      details: [
        { path: '/f_photos/1', message: expect.stringContaining('no uploaded file') },
        { path: '/f_photos/2', message: expect.stringContaining('does not match') },
        { path: '/f_sign', message: expect.stringContaining('no uploaded file') },
        { path: '/f_lines/1/f_receipt/0', message: expect.any(String) },
      ],
    });
    // A refused write leaves the index as it was.
    expect(await index()).toHaveLength(2);
    const batch = writeRecordFiles(
      t.database.db,
      system(),
      INSPECTION.fields,
      [record, { id: record.id, data: { f_photos: [ghost] } }],
      (i) => `/records/${i}`,
      false,
    );
    await expect(batch).rejects.toMatchObject({ details: [{ path: '/records/1/f_photos/0' }] });
    await sync({});
    expect(await index()).toEqual([]);
    expectError(await colleague.get(`/api/files/${photo.fileId}`), 404);
  });
});

/*
 * These need the record pipeline to call syncRecordFiles (engine/src/records/service.ts, after
 * syncLinks in insertOne and updateRecord). Until that is wired they are todo; then drop `.todo`.
 */
describe('records that refer to files', () => {
  it('may be read by anyone who can read the record, until it is deleted', async () => {
    const photo = (await upload('f_photos', 'door.png', 'image/png', tinyPng())).body;
    const receipt = (await upload('f_receipt', '收据.pdf', 'application/pdf', PDF)).body;
    const signature = (await upload('f_sign', 'sign.png', 'image/png', tinyPng())).body;
    const record = await create(t.admin, 'frm_inspection', {
      f_plate_no: '浙A12345',
      f_photos: [photo],
      f_sign: { fileId: signature.fileId },
      f_lines: [{ f_desc: '更换机油', f_receipt: [receipt] }],
    });
    const rows = await t.database.db
      .selectFrom('record_files')
      .select(['field_id', 'file_id'])
      .where('record_id', '=', record.id)
      .orderBy('field_id')
      .execute();
    expect(rows).toEqual([
      { field_id: 'f_photos', file_id: photo.fileId },
      { field_id: 'f_receipt', file_id: receipt.fileId },
      { field_id: 'f_sign', file_id: signature.fileId },
    ]);
    expect((await colleague.get(`/api/files/${photo.fileId}`)).status).toBe(200);
    expect((await colleague.get(`/api/files/${receipt.fileId}`)).status).toBe(200);
    expectError(await stranger.get(`/api/files/${photo.fileId}`), 404);
    expect((await t.admin.delete(`/api/forms/frm_inspection/records/${record.id}`)).status).toBe(204);
    expectError(await colleague.get(`/api/files/${photo.fileId}`), 404);
  });

  it('refuses a file id that was never uploaded here, naming the path', async () => {
    const photo = (await upload('f_photos', 'ok.png', 'image/png', tinyPng())).body;
    const ghost = { ...photo, fileId: 'fil_neveruploaded00' };
    const response = await t.admin.post('/api/forms/frm_inspection/records', {
      data: {
        f_photos: [photo, ghost],
        f_lines: [{ f_desc: 'a' }, { f_desc: 'b', f_receipt: [{ ...ghost, mime: 'application/pdf' }] }],
        f_sign: { fileId: theirs },
      },
    });
    const batch = await t.admin.post('/api/forms/frm_inspection/records/batch', {
      records: [{ f_photos: [photo] }, { f_photos: [ghost] }],
    });
    expect(expectError(batch, 422, 'validation_failed').details[0]?.path).toBe('/records/1/f_photos/0');
    const error = expectError(response, 422, 'validation_failed');
    expect(error.details.map((d) => d.path).sort()).toEqual([
      '/f_lines/1/f_receipt/0',
      '/f_photos/1',
      '/f_sign',
    ]);
  });

  it('refuses a value that misstates the uploaded file', async () => {
    const invoice = (await upload('f_invoice', 'inv.pdf', 'application/pdf', PDF)).body;
    const response = await t.admin.post('/api/forms/frm_inspection/records', {
      data: { f_photos: [{ ...invoice, mime: 'image/png' }] },
    });
    expect(expectError(response, 422, 'validation_failed').details[0]?.path).toBe('/f_photos/0');
  });
});
