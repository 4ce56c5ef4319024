import type { FormDefinition } from '@forecourt/schemas';
import { expect } from 'vitest';
import type { Client } from '../client';

const APP_NAMES: Record<string, { zh: string; en: string }> = {
  app_service: { zh: '售后服务', en: 'Service' },
  app_sales: { zh: '销售', en: 'Sales' },
  app_admin: { zh: '行政', en: 'Admin' },
};

/** Creates the apps and forms through the HTTP API, in order (relation targets first), and publishes each. */
export async function installForms(admin: Client, forms: FormDefinition[]): Promise<void> {
  const apps = new Set(((await admin.get('/api/apps')).body.apps as { id: string }[]).map((a) => a.id));
  for (const definition of forms) {
    if (!apps.has(definition.app)) {
      const created = await admin.post('/api/apps', {
        id: definition.app,
        name: APP_NAMES[definition.app] ?? { zh: definition.app, en: definition.app },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      apps.add(definition.app);
    }
    const created = await admin.post(`/api/apps/${definition.app}/forms`, {
      id: definition.id,
      title: definition.title,
      fields: definition.fields,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await admin.post(`/api/forms/${definition.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  }
}

/** Creates one record and returns it, failing the test with the server's words if it is refused. */
export async function create(client: Client, formId: string, data: Record<string, unknown>) {
  const response = await client.post(`/api/forms/${formId}/records`, { data });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; rev: number; data: Record<string, any> };
}
