import type { FormDefinition } from '@forecourt/schemas';
import { expect } from 'vitest';
import type { Client } from '../client';

const APP_NAMES: Record<string, { zh: string; en: string }> = {
  app_service: { zh: '售后服务', en: 'Service' },
  app_sales: { zh: '销售', en: 'Sales' },
  app_admin: { zh: '行政', en: 'Admin' },
};

let packages = 0;

/**
 * Installs the forms through the engine's package installer (`POST /api/packages/install`), as one
 * package of this test's own, keeping the forms' ids: relation targets first, each form published.
 * The forms' apps are shared with the workspace's apps of the same id, or created.
 */
export async function installForms(admin: Client, forms: FormDefinition[]): Promise<void> {
  const appIds = [...new Set(forms.map((form) => form.app))];
  packages += 1;
  const manifest = {
    format: 1,
    id: `test-forms-${process.pid}-${packages}`,
    version: '1.0.0',
    name: { zh: '测试表单', en: 'Test forms' },
    description: { zh: '测试用的表单', en: "A test's forms" },
    apps: appIds.map((id) => ({ id, name: APP_NAMES[id] ?? { zh: id, en: id } })),
    documents: forms.map((form) => ({ kind: 'form', path: `forms/${form.id}.json` })),
  };
  const response = await admin.post('/api/packages/install', {
    body: { manifest, forms, workflows: [], views: [] },
    ids: 'package',
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  for (const form of forms) expect(response.body.idMap.forms[form.id], form.id).toBe(form.id);
}

/** Creates one record and returns it, failing the test with the server's words if it is refused. */
export async function create(client: Client, formId: string, data: Record<string, unknown>) {
  const response = await client.post(`/api/forms/${formId}/records`, { data });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; rev: number; data: Record<string, any> };
}
