import type { FieldTypeName } from '@forecourt/schemas';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { create } from '../support/dealership/install';
import { type Installed, installTemplate, templateBody } from '../support/dealership/packages';

let t: TestApp;
let staff: Client;

beforeAll(async () => {
  t = await testApp();
  const password = 'password-123';
  const made = await t.admin.post('/api/users', { email: 'staff@dealer.test', name: '员工', password });
  expect(made.status).toBe(201);
  staff = t.anonymous();
  expect((await staff.login('staff@dealer.test', password)).status).toBe(200);
});
afterAll(() => t?.close());

/** How many rows each table of installed metadata holds: equal before and after means nothing changed. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [
    'apps',
    'forms',
    'form_versions',
    'workflows',
    'workflow_versions',
    'views',
    'installed_packages',
    'audit_log',
  ]) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
      t.database.db,
    );
    out[table] = rows[0]!.n;
  }
  return out;
}

const install = (body: Record<string, unknown>) => t.admin.post('/api/packages/install', body);

describe('packages (issue 14 item 4)', () => {
  it('lists the shipped packages for admins only', async () => {
    const listed = await t.admin.get('/api/packages');
    expect(listed.status).toBe(200);
    const ids = (listed.body.packages as { id: string }[]).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['expense-claim', 'sales', 'service', 'service-booking']));
    expect(listed.body.packages[0]).toMatchObject({ version: '1.0.0', installedVersion: null });
    expectError(await staff.get('/api/packages'), 403, 'forbidden');
  });

  it('refuses a non-admin, and a package that is not shipped', async () => {
    const before = await counts();
    expectError(await staff.post('/api/packages/install', { package: 'service' }), 403, 'forbidden');
    expectError(await install({ package: 'no-such-package' }), 404, 'not_found');
    expectError(await install({ package: '../engine' }), 404, 'not_found');
    const both = expectError(await install({ package: 'service', body: templateBody('service') }), 422);
    expect(both.details[0]?.path).toBe('/package');
    // Sample generators are code: only the server's own folders run any.
    const fromBody = { body: templateBody('service-booking'), samples: { seed: 1, count: 2 } };
    expect(expectError(await install(fromBody), 422).details[0]?.path).toBe('/samples');
    const none = expectError(await install({ package: 'sales', samples: { seed: 1, count: 2 } }), 422);
    expect(none.details[0]).toMatchObject({ path: '/samples', code: 'package.no_samples' });
    expect(await counts()).toEqual(before);
  });

  it('installs with fresh ids, rewriting relations, and the forms take records', async () => {
    const response = await install({ package: 'service' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { idMap } = response.body as Installed;
    expect(Object.keys(idMap.forms).sort()).toEqual([
      'frm_customer',
      'frm_labor_op',
      'frm_part',
      'frm_repair_order',
      'frm_vehicle',
    ]);
    for (const [from, to] of Object.entries(idMap.forms)) {
      expect(to).not.toBe(from);
      expect(to).toMatch(/^frm_[0-9a-z]{16}$/);
    }
    const customerId = idMap.forms.frm_customer!;
    const vehicleId = idMap.forms.frm_vehicle!;
    const vehicle = await t.admin.get(`/api/forms/${vehicleId}`);
    expect(vehicle.status).toBe(200);
    expect(vehicle.body.form.publishedVersion).toBe(1);
    expect(vehicle.body.published.app).toBe(idMap.apps.app_service);
    expect(vehicle.body.published.fields.find((f: { id: string }) => f.id === 'f_owner').target).toBe(
      customerId,
    );
    const owner = await create(t.admin, customerId, { f_name: '王先生', f_mobile: '13812345678' });
    const car = await create(t.admin, vehicleId, { f_vin: 'LSVAM4187C2184847', f_owner: owner.id });
    expect(car.data.f_owner).toBe(owner.id);
  });

  it('installs the same version a second time without changing anything', async () => {
    const first = (await t.admin.get('/api/packages')).body.packages.find(
      (p: { id: string }) => p.id === 'service',
    );
    expect(first.installedVersion).toBe('1.0.0');
    const before = await counts();
    const again = await install({ package: 'service' });
    expect(again.status).toBe(200);
    expect(again.body.installed).toBe(false);
    const recorded = await t.database.db
      .selectFrom('installed_packages')
      .select('id_map')
      .where('package_id', '=', 'service')
      .executeTakeFirstOrThrow();
    expect(again.body.idMap).toEqual(recorded.id_map);
    expect(await counts()).toEqual(before);
  });

  it('refuses another version of an installed package (upgrades come later)', async () => {
    const body = templateBody('service');
    body.manifest.version = '1.1.0';
    const before = await counts();
    const refused = expectError(await install({ body }), 409, 'conflict');
    expect(refused.details[0]).toMatchObject({ path: '/manifest/version', params: { installed: '1.0.0' } });
    expect(await counts()).toEqual(before);
  });

  it("keeps the package's ids where free, and installs flows and shared views that work", async () => {
    const expense = await installTemplate(t.admin, 'expense-claim');
    expect(expense.idMap.forms).toEqual({ frm_expense: 'frm_expense' });
    const flow = await t.admin.get('/api/forms/frm_expense/workflow');
    expect(flow.status).toBe(200);
    expect(flow.body).toMatchObject({
      id: expense.idMap.workflows.frm_expense,
      publishedVersion: 1,
      enabled: true,
    });
    expect(flow.body.draft.formId).toBe('frm_expense');

    const booking = await install({
      package: 'service-booking',
      ids: 'package',
      samples: { seed: 1, count: 3 },
    });
    expect(booking.status, JSON.stringify(booking.body)).toBe(201);
    expect(booking.body).toMatchObject({
      samples: 3,
      idMap: { forms: { frm_service_booking: 'frm_service_booking' } },
    });
    const views = await t.admin.get('/api/forms/frm_service_booking/views');
    expect(views.body.views).toEqual([
      expect.objectContaining({
        id: 'viw_booking_upcoming',
        shared: true,
        name: expect.objectContaining({ en: 'Upcoming bookings' }),
      }),
    ]);
    const shown = await t.admin.get('/api/forms/frm_service_booking/records?view=viw_booking_upcoming');
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    // The generator's records, stored through the write pipeline: numbered, defaulted, computed.
    const { samples } = await import('../../../templates/service-booking/samples.mjs');
    const records = shown.body.records as { data: Record<string, unknown> }[];
    expect(records).toHaveLength(3);
    expect(records.map((r) => r.data.f_plate).sort()).toEqual(
      samples(1, 3, { today: '2000-01-01' })
        .map((r) => r.data.f_plate)
        .sort(),
    );
    for (const record of records) {
      expect(record.data.f_no).toMatch(/^BK-\d{6}-\d{4}$/);
      expect(record.data.f_status).toBe('Submitted');
    }
    const again = await install({
      package: 'service-booking',
      ids: 'package',
      samples: { seed: 1, count: 3 },
    });
    expect(again.body).toMatchObject({ installed: false, samples: 0 });
    const still = await t.admin.get('/api/forms/frm_service_booking/records');
    expect(still.body.records).toHaveLength(3);
  });

  it('installs a package once when two installs of it race', async () => {
    const before = await counts();
    const [one, two] = await Promise.all([install({ package: 'sales' }), install({ package: 'sales' })]);
    expect([one.status, two.status].sort()).toEqual([200, 201]);
    expect(one.body.idMap).toEqual(two.body.idMap);
    const after = await counts();
    expect(after.forms! - before.forms!).toBe(2);
    expect(after.installed_packages! - before.installed_packages!).toBe(1);
  });

  it('refuses a bad package with paths into it, and stores nothing of it', async () => {
    const before = await counts();
    const outside = templateBody('sales');
    outside.manifest.id = 'sales-outside';
    outside.forms[1]!.fields[0]!.target = 'frm_nowhere';
    const refused = expectError(await install({ body: outside }), 422, 'validation_failed');
    expect(refused.details).toEqual([expect.objectContaining({ path: '/forms/1/fields/0/target' })]);

    // Whole at first sight, but the second form breaks its own meta-schema: the first one rolls back.
    const late = templateBody('sales');
    late.manifest.id = 'sales-late';
    late.forms[1]!.fields.push({
      id: 'f_bad',
      type: 'no_such_type' as FieldTypeName,
      label: { zh: '坏', en: 'Bad' },
    });
    const lateError = expectError(await install({ body: late }), 422, 'validation_failed');
    expect(lateError.details[0]?.path).toMatch(/^\/forms\/1\/fields\/\d+/);

    // The forms are fine but the flow is not: everything before it rolls back too.
    const flow = templateBody('expense-claim');
    flow.manifest.id = 'expense-claim-copy';
    flow.workflows[0]!.edges = flow.workflows[0]!.edges.filter((e) => e.id !== 'e5');
    const flowError = expectError(await install({ body: flow }), 422, 'validation_failed');
    expect(flowError.details[0]?.path).toMatch(/^\/workflows\/0\//);

    const manifest = templateBody('sales') as unknown as { manifest: Record<string, unknown> };
    manifest.manifest.version = 'latest';
    const manifestError = expectError(await install({ body: manifest }), 422, 'validation_failed');
    expect(manifestError.details.map((d) => d.path)).toEqual(['/manifest/version']);

    expect(await counts()).toEqual(before);
  });
});
