import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { create } from '../support/dealership/install';
import {
  approval,
  claim,
  dealershipOrg,
  expenseForm,
  line,
  type Org,
  publishFlow,
  submitNew,
} from '../support/workflow';

/**
 * Comments beside a record (migration 0009) and the record page's approvals route: whoever may view
 * the record reads and adds comments, deletes only their own; anyone else gets 404 as for the record.
 */
let t: TestApp;
let org: Org;
let recordId: string;
const FORM = expenseForm.id;
const comments = (recordId: string) => `/api/forms/${FORM}/records/${recordId}/comments`;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  // The GM may view every claim; the rest of the staff only their own (dealershipOrg's sets).
  await grant(t.admin, FORM, { preset: 'viewAll', users: [org.people.gm.id] });
  recordId = (await create(org.people.employee.client, FORM, claim('300.00'))).id;
});
afterAll(() => t?.close());

describe('record comments', () => {
  it('are added and read, oldest first, by those who may view the record', async () => {
    const { employee, gm } = org.people;
    const first = await employee.client.post(comments(recordId), { body: '  发票已补齐  ' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      recordId,
      author: { id: employee.id, name: 'employee' },
      body: '发票已补齐',
      mentions: [],
      mine: true,
    });
    const second = await gm.client.post(comments(recordId), { body: '收到' });
    expect(second.status).toBe(201);
    const admin = await t.admin.post(comments(recordId), { body: 'Checked' });
    expect(admin.status).toBe(201);

    const read = await employee.client.get(comments(recordId));
    expect(read.status).toBe(200);
    expect(read.body.comments.map((c: { body: string; mine: boolean }) => [c.body, c.mine])).toEqual([
      ['发票已补齐', true],
      ['收到', false],
      ['Checked', false],
    ]);
    expect((await gm.client.get(comments(recordId))).body.comments).toHaveLength(3);
  });

  it('are 404 to someone who cannot see the record, for reading, writing and deleting', async () => {
    const { consultant, employee } = org.people;
    expectError(await consultant.client.get(comments(recordId)), 404, 'not_found');
    expectError(await consultant.client.post(comments(recordId), { body: 'hi' }), 404, 'not_found');
    const mine = (await employee.client.get(comments(recordId))).body.comments[0].id;
    expectError(await consultant.client.delete(`${comments(recordId)}/${mine}`), 404, 'not_found');
    expectError(await employee.client.get(comments('rec_missing')), 404, 'not_found');
    expectError(await t.admin.get(`/api/forms/frm_missing/records/${recordId}/comments`), 404);
    // Nothing was written by the refused attempt.
    expect((await t.admin.get(comments(recordId))).body.comments).toHaveLength(3);
  });

  it('refuse empty, too long and bad input with the field path', async () => {
    const { employee } = org.people;
    const blank = expectError(await employee.client.post(comments(recordId), { body: '   ' }), 422);
    expect(blank.details[0]!.path).toBe('/body');
    const long = await employee.client.post(comments(recordId), { body: 'x'.repeat(2001) });
    expect([400, 422]).toContain(long.status);
    expect(expectError(long, long.status).details[0]!.path).toBe('/body');
    const extra = await employee.client.post(comments(recordId), { body: 'a', author: 'usr_x' });
    expect([400, 422]).toContain(extra.status);
    const unknown = expectError(
      await employee.client.post(comments(recordId), { body: '@?', mentions: ['usr_nobody'] }),
      422,
    );
    expect(unknown.details[0]!.path).toBe('/mentions/0');
  });

  it('notify the people @-mentioned, only those who can open the record', async () => {
    const { employee, gm, consultant } = org.people;
    const blind = expectError(
      await employee.client.post(comments(recordId), { body: '@consultant 看看', mentions: [consultant.id] }),
      422,
    );
    expect(blind.details).toEqual([{ path: '/mentions/0', message: 'consultant cannot see this record.' }]);
    expect((await consultant.client.get('/api/notifications')).body.notifications).toEqual([]);
    const response = await employee.client.post(comments(recordId), {
      body: '@gm 请看一下',
      mentions: [gm.id],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.mentions).toEqual([{ id: gm.id, name: 'gm' }]);
    const notes = (await gm.client.get('/api/notifications')).body.notifications;
    expect(notes[0]).toMatchObject({
      kind: 'comment.mention',
      details: { formId: FORM, recordId, commentId: response.body.id },
    });
  });

  it('are deleted only by their author', async () => {
    const { employee, gm } = org.people;
    const list = (await employee.client.get(comments(recordId))).body.comments as {
      id: string;
      body: string;
    }[];
    const mine = list.find((c) => c.body === '发票已补齐')!;
    const gms = list.find((c) => c.body === '收到')!;
    expectError(await employee.client.delete(`${comments(recordId)}/${gms.id}`), 403, 'forbidden');
    expectError(await t.admin.delete(`${comments(recordId)}/${mine.id}`), 403, 'forbidden');
    expect((await employee.client.delete(`${comments(recordId)}/${mine.id}`)).status).toBe(204);
    expectError(await employee.client.delete(`${comments(recordId)}/${mine.id}`), 404);
    expect(
      (await gm.client.get(comments(recordId))).body.comments.map((c: { id: string }) => c.id),
    ).not.toContain(mine.id);
  });

  it('go with the record: a record in the recycle bin has none to show', async () => {
    const { employee } = org.people;
    const doomed = (await create(employee.client, FORM, claim('10.00'))).id;
    expect((await employee.client.post(comments(doomed), { body: 'x' })).status).toBe(201);
    expect((await employee.client.delete(`/api/forms/${FORM}/records/${doomed}`)).status).toBe(204);
    expectError(await employee.client.get(comments(doomed)), 404);
    // Deleting it for good takes its comments along.
    expect((await t.admin.delete(`/api/forms/${FORM}/records/${doomed}/purge`)).status).toBe(204);
    const left = await t.database.db
      .selectFrom('record_comments')
      .select('id')
      .where('record_id', '=', doomed)
      .execute();
    expect(left).toEqual([]);
  });
});

describe("a record's approvals and the actions it offers", () => {
  const approvals = (id: string) => `/api/forms/${FORM}/records/${id}/approvals`;

  it('offer edit, delete and submit to the owner before an approval, and 404 to others', async () => {
    const { employee, consultant } = org.people;
    await publishFlow(
      t,
      FORM,
      line(approval('manager', [{ kind: 'users', userIds: [org.people.teamLead.id] }])),
    );
    const fresh = (await create(employee.client, FORM, claim('120.00'))).id;
    const before = await employee.client.get(approvals(fresh));
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.approvals).toEqual([]);
    expect(before.body.actions).toEqual(expect.arrayContaining(['edit', 'delete', 'submit']));
    expect(before.body.actions).not.toContain('withdraw');
    expectError(await consultant.client.get(approvals(fresh)), 404, 'not_found');
  });

  it('list the running approval, offering withdraw and urge to the submitter and no edit', async () => {
    const { employee, gm } = org.people;
    const submitted = await submitNew(employee, claim('800.00'));
    const mine = (await employee.client.get(approvals(submitted.recordId))).body;
    expect(mine.approvals).toEqual([
      expect.objectContaining({
        id: submitted.instanceId,
        status: 'running',
        submitter: { id: employee.id, name: 'employee' },
        endedAt: null,
      }),
    ]);
    expect(mine.actions).toEqual(expect.arrayContaining(['withdraw', 'urge']));
    expect(mine.actions).not.toContain('edit');
    expect(mine.actions).not.toContain('submit');
    const viewer = (await gm.client.get(approvals(submitted.recordId))).body;
    expect(viewer.approvals).toHaveLength(1);
    expect(viewer.actions).not.toContain('withdraw');
    const withdrawn = await employee.client.post(`/api/instances/${submitted.instanceId}/withdraw`);
    expect(withdrawn.status).toBe(204);
    const after = (await employee.client.get(approvals(submitted.recordId))).body;
    expect(after.approvals[0].status).toBe('withdrawn');
    expect(after.approvals[0].endedAt).toEqual(expect.any(String));
    expect(after.actions).toEqual(expect.arrayContaining(['edit', 'submit']));
    // An approver without a set that shows the record cannot open it or its comments: not mentionable.
    const { teamLead } = org.people;
    const mention = await employee.client.post(comments(submitted.recordId), {
      body: '@teamLead 撤回了',
      mentions: [teamLead.id],
    });
    expect(expectError(mention, 422).details[0]!.path).toBe('/mentions/0');
    expectError(await teamLead.client.get(comments(submitted.recordId)), 404);
    // A record that went through an approval keeps its trail: it can be binned, not purged.
    const path = `/api/forms/${FORM}/records/${submitted.recordId}`;
    expect((await employee.client.delete(path)).status).toBe(204);
    expectError(await t.admin.delete(`${path}/purge`), 409, 'conflict');
  });
});

describe('a signature drawn for a task', () => {
  const PNG =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

  it('is stored for the assignee of a pending task only, and satisfies requireSignature', async () => {
    const { employee, teamLead, gm } = org.people;
    await publishFlow(
      t,
      FORM,
      line(approval('manager', [{ kind: 'users', userIds: [teamLead.id] }], { requireSignature: true })),
    );
    const submitted = await submitNew(employee, claim('640.00'));
    const taskId = (await teamLead.client.get('/api/tasks?box=todo')).body.items.find(
      (i: { instanceId: string }) => i.instanceId === submitted.instanceId,
    ).taskId as string;
    const unsigned = expectError(
      await teamLead.client.post(`/api/tasks/${taskId}/actions`, { action: 'approve' }),
      422,
    );
    expect(unsigned.details[0]!.path).toBe('/signatureFileId');
    expectError(await gm.client.post(`/api/tasks/${taskId}/signature`, { png: PNG }), 404);
    const notPng = expectError(
      await teamLead.client.post(`/api/tasks/${taskId}/signature`, { png: 'not base64!' }),
      422,
    );
    expect(notPng.details[0]!.path).toBe('/png');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary').toString('base64');
    const gifAnswer = expectError(
      await teamLead.client.post(`/api/tasks/${taskId}/signature`, { png: gif }),
      422,
    );
    expect(gifAnswer.details).toEqual([{ path: '/png', message: 'Not a PNG picture.' }]);
    const signed = await teamLead.client.post(`/api/tasks/${taskId}/signature`, { png: PNG });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body.mime).toBe('image/png');
    const approved = await teamLead.client.post(`/api/tasks/${taskId}/actions`, {
      action: 'approve',
      signatureFileId: signed.body.fileId,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.instanceStatus).toBe('approved');
    // Settled: an approved record is not offered for submitting again.
    const after = await employee.client.get(`/api/forms/${FORM}/records/${submitted.recordId}/approvals`);
    expect(after.body.actions).not.toContain('submit');
    expect(after.body.approvals[0].status).toBe('approved');
    expectError(await teamLead.client.post(`/api/tasks/${taskId}/signature`, { png: PNG }), 404);
  });
});
