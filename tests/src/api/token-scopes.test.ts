import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { Client, expectError } from '../support/client';
import { create, installForms } from '../support/dealership/install';
import { lead } from '../support/dealership/sales';
import { part } from '../support/dealership/service';

let t: TestApp;
let leadId: string;

const newLead = {
  f_name: '陈先生',
  f_mobile: '13912345678',
  f_source: 'WalkIn',
  f_next_follow_up: '2026-12-01',
};
const newPart = { f_part_no: '15400-RTA-003', f_name: '机油滤清器' };

/** An admin's token (scoped or not), and a client that sends it. */
async function tokenClient(scopes?: { appId: string; access: 'read' | 'write' }[]) {
  const response = await t.admin.post('/api/tokens', { name: 'DMS sync', ...(scopes ? { scopes } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { client: Client.withToken(t.app, response.body.token), apiToken: response.body.apiToken };
}

interface ApiRequest {
  tokenId: string;
  details: { method: string; route: string | null; path: string; status: number };
}

/** The api.request lines of one token, oldest first (written after each response, so wait for them). */
async function requestsOf(tokenId: string, count: number): Promise<ApiRequest['details'][]> {
  let lines: ApiRequest[] = [];
  await expect
    .poll(async () => {
      const response = await t.admin.get('/api/audit?action=api.request&limit=200');
      lines = (response.body.entries as ApiRequest[]).filter((e) => e.tokenId === tokenId);
      return lines.length;
    })
    .toBe(count);
  return lines.map((e) => e.details).reverse();
}

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [lead, part]);
  expect(lead.app).toBe('app_sales');
  expect(part.app).toBe('app_service');
  leadId = (await create(t.admin, 'frm_lead', newLead)).id;
  await create(t.admin, 'frm_part', newPart);
});
afterAll(() => t?.close());

describe('a token scoped to reading sales', () => {
  let client: Client;
  let tokenId: string;

  beforeAll(async () => {
    const token = await tokenClient([{ appId: 'app_sales', access: 'read' }]);
    client = token.client;
    tokenId = token.apiToken.id;
    expect(token.apiToken.scopes).toEqual([{ appId: 'app_sales', access: 'read' }]);
    const listed = (await t.admin.get('/api/tokens')).body.tokens.find(
      (k: { id: string }) => k.id === tokenId,
    );
    expect(listed.scopes).toEqual([{ appId: 'app_sales', access: 'read' }]);
  });

  it('reads the records of sales', async () => {
    const list = await client.get('/api/forms/frm_lead/records?limit=10');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.records.map((r: { id: string }) => r.id)).toEqual([leadId]);
    const query = await client.post('/api/forms/frm_lead/records/query', {
      filter: { field: 'f_name', op: 'eq', value: '陈先生' },
    });
    expect(query.status, JSON.stringify(query.body)).toBe(200);
    expect(query.body.records).toHaveLength(1);
    // A record's approvals are people's work, as the inbox is.
    expectError(await client.get(`/api/forms/frm_lead/records/${leadId}/approvals`), 403, 'forbidden');
    expect((await t.admin.get(`/api/forms/frm_lead/records/${leadId}/approvals`)).status).toBe(200);
  });

  it('may not add to sales, nor touch service', async () => {
    expectError(await client.post('/api/forms/frm_lead/records', { data: newLead }), 403, 'forbidden');
    expectError(await client.get('/api/forms/frm_part/records'), 403, 'forbidden');
    expectError(
      await client.post('/api/forms/frm_part/records', { data: { ...newPart, f_part_no: 'X-1' } }),
      403,
      'forbidden',
    );
  });

  it('may not call administration routes although its user is an admin', async () => {
    const users = expectError(await client.get('/api/users'), 403, 'forbidden');
    expect(users.message).toBe('This API token is limited to app data.');
    expectError(await client.get('/api/audit'), 403, 'forbidden');
    expectError(await client.post('/api/roles', { code: 'Sneaky', name: 'Sneaky' }), 403, 'forbidden');
    expect((await t.admin.get('/api/roles')).body.roles).toEqual([]);
  });

  it('may not mint a token without its limits', async () => {
    expectError(await client.post('/api/tokens', { name: 'escape' }), 403, 'forbidden');
    const tokens = (await t.admin.get('/api/tokens')).body.tokens as { name: string }[];
    expect(tokens.map((k) => k.name)).not.toContain('escape');
  });

  it('leaves an api.request line for each request, refused ones included', async () => {
    const fresh = await tokenClient([{ appId: 'app_sales', access: 'read' }]);
    expect((await fresh.client.get('/api/forms/frm_lead/records?limit=5')).status).toBe(200);
    expect((await fresh.client.get('/api/users')).status).toBe(403);
    expect((await fresh.client.get('/api/no-such-route')).status).toBe(404);
    const lines = await requestsOf(fresh.apiToken.id, 3);
    expect(lines).toEqual([
      {
        method: 'GET',
        route: '/api/forms/:formId/records',
        path: '/api/forms/frm_lead/records',
        status: 200,
      },
      { method: 'GET', route: '/api/users', path: '/api/users', status: 403 },
      { method: 'GET', route: null, path: '/api/no-such-route', status: 404 },
    ]);
    const [line] = (await t.admin.get('/api/audit?action=api.request&limit=200')).body.entries.filter(
      (e: { tokenId: string }) => e.tokenId === fresh.apiToken.id,
    );
    expect(line).toMatchObject({ via: 'token', actorId: (await t.admin.get('/api/me')).body.user.id });
  });

  it('keeps the lines in the order the requests were made', async () => {
    const fresh = await tokenClient([{ appId: 'app_sales', access: 'read' }]);
    const made: string[] = [];
    for (let i = 0; i < 30; i++) {
      const answer =
        i % 3 === 0
          ? await fresh.client.get('/api/forms/frm_lead/records?limit=1')
          : i % 3 === 1
            ? await fresh.client.post('/api/forms/frm_lead/records', { data: newLead })
            : await fresh.client.get('/api/users');
      made.push(`${i % 3 === 1 ? 'POST' : 'GET'} ${answer.status}`);
    }
    // Each line is written before its answer leaves, so none can overtake the next request's.
    const lines = await requestsOf(fresh.apiToken.id, 30);
    expect(lines.map((l) => `${l.method} ${l.status}`)).toEqual(made);
  });

  it('counts every request of the token made in this block', async () => {
    // 2 reads + 1 refused approvals + 3 refused record calls + 3 refused admin calls + 1 refused token
    const lines = await requestsOf(tokenId, 10);
    expect(lines.map((l) => `${l.method} ${l.status}`)).toEqual([
      'GET 200',
      'POST 200',
      'GET 403',
      'POST 403',
      'GET 403',
      'POST 403',
      'GET 403',
      'GET 403',
      'POST 403',
      'POST 403',
    ]);
  });
});

describe('a token scoped to writing sales', () => {
  it('adds and changes sales records but still cannot reach service', async () => {
    const { client, apiToken } = await tokenClient([{ appId: 'app_sales', access: 'write' }]);
    const created = await client.post('/api/forms/frm_lead/records', {
      data: { ...newLead, f_name: '周女士' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const changed = await client.patch(`/api/forms/frm_lead/records/${created.body.id}`, {
      rev: created.body.rev,
      data: { f_intent: 'A' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expectError(await client.get('/api/forms/frm_part/records'), 403, 'forbidden');
    expectError(await client.get('/api/users'), 403, 'forbidden');
    const lines = await requestsOf(apiToken.id, 4);
    expect(lines.map((l) => l.status)).toEqual([201, 200, 403, 403]);
  });
});

describe('an unscoped token', () => {
  it('does what its user may do, administration included', async () => {
    const { client, apiToken } = await tokenClient();
    expect(apiToken.scopes).toBeNull();
    expect((await client.get('/api/users')).status).toBe(200);
    expect((await client.get('/api/forms/frm_lead/records')).status).toBe(200);
    const created = await client.post('/api/forms/frm_part/records', {
      data: { ...newPart, f_part_no: 'U-1' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await client.post('/api/tokens', { name: 'rotated' })).status).toBe(201);
    await requestsOf(apiToken.id, 4);
  });
});

describe('bad scopes', () => {
  it('names each app that does not exist or is listed twice', async () => {
    const response = await t.admin.post('/api/tokens', {
      name: 'bad',
      scopes: [
        { appId: 'app_sales', access: 'read' },
        { appId: 'app_nowhere', access: 'read' },
        { appId: 'app_sales', access: 'write' },
      ],
    });
    const error = expectError(response, 422, 'validation_failed');
    expect(error.details.map((d) => d.path)).toEqual(['/scopes/1/appId', '/scopes/2/appId']);
  });

  it('refuses an unknown app as the first scope', async () => {
    const error = expectError(
      await t.admin.post('/api/tokens', { name: 'bad', scopes: [{ appId: 'app_ghost', access: 'write' }] }),
      422,
    );
    expect(error.details).toEqual([{ path: '/scopes/0/appId', message: expect.any(String) }]);
  });

  it('refuses an empty list, too many apps, and unknown access levels', async () => {
    const empty = expectError(await t.admin.post('/api/tokens', { name: 'bad', scopes: [] }), 422);
    expect(empty.details[0]?.path).toBe('/scopes');
    const many = Array.from({ length: 51 }, (_, i) => ({ appId: `app_${i}`, access: 'read' }));
    const tooMany = await t.admin.post('/api/tokens', { name: 'bad', scopes: many });
    expect([400, 422]).toContain(tooMany.status);
    expect(tooMany.body.error.details[0]?.path).toBe('/scopes');
    const admin = await t.admin.post('/api/tokens', {
      name: 'bad',
      scopes: [{ appId: 'app_sales', access: 'admin' }],
    });
    expect([400, 422]).toContain(admin.status);
    expect(admin.body.error.details[0]?.path).toMatch(/^\/scopes\/0/);
    const tokens = (await t.admin.get('/api/tokens')).body.tokens as { name: string }[];
    expect(tokens.map((k) => k.name)).not.toContain('bad');
  });
});
