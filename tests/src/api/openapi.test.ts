import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const response = await t.anonymous().get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(response.body))).resolves.toBeTruthy();
  });

  it('documents every route with a summary and its error responses', async () => {
    const spec = (await t.anonymous().get('/api/openapi.json')).body;
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries<Record<string, { summary?: string; responses: object }>>(
      spec.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
      }
    }
    const served = t.app.apiRoutes;
    const missing = served.filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
    expect(served.length).toBeGreaterThanOrEqual(25);
  });

  it('serves its docs page under a CSP that runs no inline script (issue 15 item 10)', async () => {
    const page = await t.admin.get('/api/docs/');
    expect(page.status).toBe(200);
    // Every script of the page is a file of our own origin: none inline, none elsewhere.
    const scripts = [...page.raw.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="/);
      expect(body?.trim()).toBe('');
    }
    for (const path of ['/api/docs/', '/api/health', '/']) {
      const csp = String((await t.admin.get(path)).headers['content-security-policy']);
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
      expect(scriptSrc?.trim(), path).toBe("script-src 'self'");
    }
  });
});
