import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { field, form, options } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';

/** A service booking a customer fills in from a campaign link: one field only the store may set. */
const booking = form('frm_booking', 'app_service', '预约保养', 'Service booking', [
  field('f_no', 'serial', '预约号', 'Booking no.', { pattern: 'BK-{seq:4}' }),
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_mobile', 'phone', '手机', 'Mobile', { required: true, kinds: ['mobile'] }),
  field('f_date', 'date', '预约日期', 'Date', { required: true }),
  field('f_advisor', 'member', '服务顾问', 'Service advisor'),
  field('f_note', 'text', '内部备注', 'Internal note', { hidden: true }),
  field('f_status', 'select', '状态', 'Status', {
    options: options(['new', '新预约', 'New'], ['done', '已完成', 'Done']),
    default: { kind: 'value', value: 'new' },
  }),
]);

let t: TestApp;
let advisor: Client;
let advisorId: string;

const PASSWORD_HEADER = 'x-link-password';
const visit = (token: string, password?: string) =>
  t.anonymous().request('GET', `/api/public/${token}`, undefined, {
    headers: password === undefined ? {} : { [PASSWORD_HEADER]: password },
  });
const fill = (token: string, data: Record<string, unknown>, password?: string) =>
  t.anonymous().request(
    'POST',
    `/api/public/${token}/records`,
    { data },
    {
      headers: password === undefined ? {} : { [PASSWORD_HEADER]: password },
    },
  );
const lookUp = (token: string, values: Record<string, unknown>) =>
  t.anonymous().post(`/api/public/${token}/query`, { values });

async function newLink(settings: Record<string, unknown>) {
  const response = await t.admin.post('/api/forms/frm_booking/public-links', { kind: 'fill', ...settings });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; token: string; url: string; [key: string]: unknown };
}

async function bookingRows() {
  const { rows } = await sql<{
    id: string;
    channel: string | null;
    owner_id: string | null;
    created_by: string | null;
    updated_by: string | null;
    dept_id: string | null;
    data: Record<string, unknown>;
  }>`select id, channel, owner_id, created_by, updated_by, dept_id, data from records where form_id = 'frm_booking' order by created_at, id`.execute(
    t.database.db,
  );
  return rows;
}

const aBooking = { f_name: '陈先生', f_mobile: '13800138000', f_date: '2026-05-20' };

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [booking]);
  const created = await t.admin.post('/api/users', {
    email: 'advisor@dealer.test',
    name: '服务顾问王五',
    password: 'password-123',
  });
  expect(created.status).toBe(201);
  advisorId = created.body.user.id;
  expect(advisorId).toMatch(/^usr_/);
  advisor = t.anonymous();
  expect((await advisor.login('advisor@dealer.test', 'password-123')).status).toBe(200);
});
afterAll(() => t?.close());

describe('managing public links', () => {
  it('makes fill and query links with an unguessable token and never shows a password hash', async () => {
    const fillLink = await newLink({
      name: 'Spring campaign',
      channel: 'spring-2026',
      password: 'open-sesame',
    });
    expect(fillLink).toMatchObject({
      formId: 'frm_booking',
      kind: 'fill',
      name: 'Spring campaign',
      hasPassword: true,
      enabled: true,
      channel: 'spring-2026',
      rateLimit: 30,
      expiresAt: null,
      queryFields: [],
      resultFields: [],
    });
    expect(fillLink.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fillLink.url).toBe(`/p/${fillLink.token}`);
    expect(JSON.stringify(fillLink)).not.toMatch(/hash|open-sesame|argon/i);

    const queryLink = await newLink({
      kind: 'query',
      name: 'Check my booking',
      queryFields: ['f_mobile', 'f_date'],
      resultFields: ['f_no', 'f_status'],
    });
    expect(queryLink).toMatchObject({
      kind: 'query',
      hasPassword: false,
      queryFields: ['f_mobile', 'f_date'],
    });
    expect(queryLink.token).not.toBe(fillLink.token);

    const listed = await t.admin.get('/api/forms/frm_booking/public-links');
    expect(listed.status).toBe(200);
    const mine = listed.body.links.filter((l: { id: string }) => [fillLink.id, queryLink.id].includes(l.id));
    expect(mine).toHaveLength(2);
    expect(JSON.stringify(listed.body)).not.toMatch(/hash|open-sesame/i);

    const { rows } = await sql<{ action: string; details: Record<string, unknown> }>`
      select action, details from audit_log where target_id = ${fillLink.id}`.execute(t.database.db);
    expect(rows.map((r) => r.action)).toEqual(['public_link.create']);
    expect(JSON.stringify(rows)).not.toContain('open-sesame');
  });

  it('refuses bad settings with the path of each', async () => {
    const paths = async (settings: Record<string, unknown>) => {
      const response = await t.admin.post('/api/forms/frm_booking/public-links', settings);
      return expectError(response, 422, 'validation_failed').details.map((d) => d.path);
    };
    expect(await paths({ kind: 'query', name: 'No fields' })).toEqual(['/queryFields', '/resultFields']);
    expect(
      await paths({
        kind: 'query',
        name: 'Bad fields',
        queryFields: ['f_nope'],
        resultFields: ['f_note', 'f_no'],
      }),
    ).toEqual(['/queryFields/0', '/resultFields/0']);
    expect(
      await paths({ kind: 'fill', name: 'Fill', queryFields: ['f_mobile'], resultFields: ['f_no'] }),
    ).toEqual(['/queryFields', '/resultFields']);
    expect(await paths({ kind: 'fill', name: 'Old', expiresAt: '2020-01-01T00:00:00Z' })).toEqual([
      '/expiresAt',
    ]);
    expectError(
      await t.admin.post('/api/forms/frm_booking/public-links', {
        kind: 'fill',
        name: 'Flood',
        rateLimit: 601,
      }),
      400,
      'bad_request',
    );
    expectError(
      await t.admin.post('/api/forms/frm_nope/public-links', { kind: 'fill', name: 'Nowhere' }),
      404,
      'not_found',
    );
  });

  it('lets only admins manage links', async () => {
    const link = await newLink({ name: 'Admins only' });
    expectError(await advisor.get('/api/forms/frm_booking/public-links'), 403, 'forbidden');
    expectError(
      await advisor.post('/api/forms/frm_booking/public-links', { kind: 'fill', name: 'Mine' }),
      403,
    );
    expectError(await advisor.patch(`/api/public-links/${link.id}`, { enabled: false }), 403);
    expectError(await advisor.delete(`/api/public-links/${link.id}`), 403);
    expectError(await t.anonymous().get('/api/forms/frm_booking/public-links'), 401, 'unauthorized');
    expect((await visit(link.token)).status).toBe(200);
  });

  it('deletes a link: its address is gone and the deletion is audited', async () => {
    const link = await newLink({ name: 'Short-lived' });
    expect((await t.admin.delete(`/api/public-links/${link.id}`)).status).toBe(204);
    expectError(await visit(link.token), 404, 'not_found');
    expectError(await t.admin.delete(`/api/public-links/${link.id}`), 404);
    const { rows } = await sql<{ action: string }>`
      select action from audit_log where target_id = ${link.id} order by id`.execute(t.database.db);
    expect(rows.map((r) => r.action)).toEqual(['public_link.create', 'public_link.delete']);
  });
});

describe('filling in through a public link', () => {
  it('shows the form without the fields an anonymous person must not see', async () => {
    const link = await newLink({ name: 'Walk-in QR', channel: 'qr-desk' });
    const opened = await visit(link.token);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ kind: 'fill', name: 'Walk-in QR', form: { id: 'frm_booking' } });
    expect(opened.body.form.fields.map((f: { id: string }) => f.id)).toEqual([
      'f_no',
      'f_name',
      'f_mobile',
      'f_date',
      'f_status',
    ]);
  });

  it('stores a submission without login, with the channel tag and no owner, and answers only id and serial', async () => {
    const link = await newLink({ name: 'Spring mailing', channel: 'spring-mailing' });
    const before = (await bookingRows()).length;
    const sent = await fill(link.token, aBooking);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(Object.keys(sent.body).sort()).toEqual(['id', 'serial']);
    expect(sent.body.serial).toEqual({ f_no: expect.stringMatching(/^BK-\d{4}$/) });

    const rows = await bookingRows();
    expect(rows).toHaveLength(before + 1);
    const stored = rows.find((r) => r.id === sent.body.id)!;
    expect(stored).toMatchObject({
      channel: 'spring-mailing',
      owner_id: null,
      created_by: null,
      updated_by: null,
      dept_id: null,
    });
    expect(stored.data).toMatchObject({ f_name: '陈先生', f_mobile: '+8613800138000', f_status: 'new' });

    const seen = await t.admin.get(`/api/forms/frm_booking/records/${sent.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.f_no).toBe(sent.body.serial.f_no);
  });

  it('refuses keys of fields the link does not show, and stores nothing', async () => {
    const link = await newLink({ name: 'Tamper test', channel: 'tamper' });
    const before = (await bookingRows()).length;
    for (const [key, value] of [
      ['f_advisor', advisorId],
      ['f_note', 'VIP, give a discount'],
      ['owner_id', advisorId],
      ['f_no', 'BK-9999'],
    ] as const) {
      const refused = await fill(link.token, { ...aBooking, [key]: value });
      expect(expectError(refused, 422, 'validation_failed').details.map((d) => d.path)).toEqual([`/${key}`]);
    }
    expect(expectError(await fill(link.token, { f_name: '陈先生' }), 422).details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['/f_mobile', '/f_date']),
    );
    expect(await bookingRows()).toHaveLength(before);
  });

  it('asks for the password on every call: missing or wrong is 401, right is let through', async () => {
    const link = await newLink({ name: 'Members only', password: 'open-sesame' });
    const missing = expectError(await visit(link.token), 401, 'unauthorized');
    expect(missing.message).toMatch(/needs a password/);
    const wrong = expectError(await visit(link.token, 'open-barley'), 401, 'unauthorized');
    expect(wrong.message).toMatch(/password is wrong/);
    expectError(await fill(link.token, aBooking), 401, 'unauthorized');
    expectError(await fill(link.token, aBooking, 'open-barley'), 401, 'unauthorized');
    expect((await visit(link.token, 'open-sesame')).status).toBe(200);
    expect((await fill(link.token, aBooking, 'open-sesame')).status).toBe(201);

    const cleared = await t.admin.patch(`/api/public-links/${link.id}`, { password: null });
    expect(cleared.body.hasPassword).toBe(false);
    expect((await visit(link.token)).status).toBe(200);
  });

  it('answers 403 once the link has expired', async () => {
    const link = await newLink({
      name: 'Weekend offer',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await visit(link.token)).status).toBe(200);
    await sql`update public_links set expires_at = now() - interval '1 minute' where id = ${link.id}`.execute(
      t.database.db,
    );
    expect(expectError(await visit(link.token), 403, 'forbidden').message).toBe('This link has expired.');
    expectError(await fill(link.token, aBooking), 403, 'forbidden');
    // Renaming it keeps the past expiry (no 422); setting a past one again is refused.
    expect((await t.admin.patch(`/api/public-links/${link.id}`, { name: 'Old offer' })).status).toBe(200);
    expectError(
      await t.admin.patch(`/api/public-links/${link.id}`, { expiresAt: '2020-01-01T00:00:00Z' }),
      422,
      'validation_failed',
    );
    expect((await t.admin.patch(`/api/public-links/${link.id}`, { expiresAt: null })).status).toBe(200);
    expect((await visit(link.token)).status).toBe(200);
  });

  it('stops a disabled link at once and works again when re-enabled', async () => {
    const link = await newLink({ name: 'Pausable' });
    expect((await visit(link.token)).status).toBe(200);
    const disabled = await t.admin.patch(`/api/public-links/${link.id}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);
    expectError(await visit(link.token), 404, 'not_found');
    expectError(await fill(link.token, aBooking), 404, 'not_found');
    expect((await t.admin.patch(`/api/public-links/${link.id}`, { enabled: true })).body.enabled).toBe(true);
    expect((await visit(link.token)).status).toBe(200);
    expectError(await visit('no-such-token'), 404, 'not_found');
  });

  it('answers 404 when the form has been deleted', async () => {
    const link = await newLink({ name: 'Orphan' });
    await sql`update forms set deleted_at = now() where id = 'frm_booking'`.execute(t.database.db);
    try {
      expectError(await visit(link.token), 404, 'not_found');
    } finally {
      await sql`update forms set deleted_at = null where id = 'frm_booking'`.execute(t.database.db);
    }
    expect((await visit(link.token)).status).toBe(200);
  });

  it('limits each link to its own requests a minute, all its routes together', async () => {
    const limited = await newLink({ name: 'Tight', rateLimit: 3 });
    const other = await newLink({ name: 'Roomy', rateLimit: 3 });
    expect((await visit(limited.token)).status).toBe(200);
    expect((await fill(limited.token, aBooking)).status).toBe(201);
    expect((await visit(limited.token)).status).toBe(200);
    const over = await visit(limited.token);
    expectError(over, 429, 'too_many_requests');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expectError(await fill(limited.token, aBooking), 429);
    expect((await visit(other.token)).status).toBe(200);
  });

  it('gives the token no access to anything else', async () => {
    const link = await newLink({ name: 'Capability' });
    const bearer = t.anonymous();
    bearer.bearer = link.token;
    expectError(await bearer.get('/api/forms/frm_booking/records'), 401, 'unauthorized');
    expectError(await bearer.get('/api/forms/frm_booking/public-links'), 401, 'unauthorized');
    expectError(await t.anonymous().get('/api/forms/frm_booking/records'), 401, 'unauthorized');
    // A fill link looks nothing up.
    expectError(await lookUp(link.token, { f_mobile: '13800138000' }), 404, 'not_found');
  });
});

describe('looking records up through a public query link', () => {
  let token: string;

  beforeAll(async () => {
    const link = await newLink({
      kind: 'query',
      name: 'My booking',
      queryFields: ['f_mobile', 'f_date'],
      resultFields: ['f_no', 'f_status'],
    });
    token = link.token;
    const fillLink = await newLink({ name: 'Lookup source' });
    for (const data of [
      { f_name: '林女士', f_mobile: '13912345678', f_date: '2026-06-01' },
      { f_name: '林女士', f_mobile: '13912345678', f_date: '2026-06-15' },
      { f_name: '周先生', f_mobile: '13600001111', f_date: '2026-06-01' },
    ])
      expect((await fill(fillLink.token, data)).status).toBe(201);
  });

  it('shows only the query and result fields', async () => {
    const opened = await visit(token);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      kind: 'query',
      queryFields: ['f_mobile', 'f_date'],
      resultFields: ['f_no', 'f_status'],
    });
    expect(opened.body.form.fields.map((f: { id: string }) => f.id)).toEqual([
      'f_mobile',
      'f_date',
      'f_no',
      'f_status',
    ]);
  });

  it('needs every query field', async () => {
    const missing = expectError(await lookUp(token, { f_mobile: '13912345678' }), 422, 'validation_failed');
    expect(missing.details.map((d) => d.path)).toEqual(['/values/f_date']);
    const extra = expectError(
      await lookUp(token, { f_mobile: '13912345678', f_date: '2026-06-01', f_name: '林女士' }),
      422,
    );
    expect(extra.details.map((d) => d.path)).toEqual(['/values/f_name']);
    expectError(await lookUp(token, { f_mobile: '', f_date: '2026-06-01' }), 422);
  });

  it('matches exactly and answers only the result fields', async () => {
    const found = await lookUp(token, { f_mobile: '139 1234 5678', f_date: '2026-06-15' });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.records).toEqual([{ f_no: expect.stringMatching(/^BK-\d{4}$/), f_status: 'new' }]);
    expect((await lookUp(token, { f_mobile: '13912345678', f_date: '2026-06-02' })).body).toEqual({
      records: [],
    });
    expect((await lookUp(token, { f_mobile: '13600001111', f_date: '2026-06-15' })).body.records).toEqual([]);
  });

  it('leaves deleted records out and takes no submissions', async () => {
    const found = await lookUp(token, { f_mobile: '13600001111', f_date: '2026-06-01' });
    expect(found.body.records).toHaveLength(1);
    const [row] = (await bookingRows()).filter((r) => r.data.f_mobile === '+8613600001111');
    expect((await t.admin.delete(`/api/forms/frm_booking/records/${row!.id}`)).status).toBe(204);
    expect((await lookUp(token, { f_mobile: '13600001111', f_date: '2026-06-01' })).body.records).toEqual([]);
    expectError(await fill(token, aBooking), 404, 'not_found');
  });
});
