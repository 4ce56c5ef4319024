import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import type { Response } from '../support/client';
import { field, form, options } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';

/*
 * Issue 15, acceptance: every route of the OpenAPI document, called as an admin with a valid session
 * and CSRF token, meets malformed JSON, wrong types, huge strings, JSON nested 10,000 deep, lone
 * surrogates and NUL characters in its body, path parameters and query string. Nothing may answer
 * 5xx, no answer may carry a stack trace, and the server log must hold no error.
 */

const SWEPT = form('frm_sweep', 'app_sweep', '扫描', 'Sweep', [
  field('f_name', 'text', '名称', 'Name'),
  field('f_score', 'number', '分数', 'Score'),
  field('f_when', 'date', '日期', 'Date'),
  field('f_kind', 'select', '类别', 'Kind', { options: options(['a', '甲'], ['b', '乙']) }),
  field('f_lines', 'subform', '明细', 'Lines', { fields: [field('f_desc', 'text', '项目', 'Item')] }),
]);

/** Routes that end the sweep's own session or never end (a server-sent event stream). */
const SKIPPED = new Set(['POST /api/auth/logout', 'GET /api/notifications/stream']);

const HOLE = '\u0001HOLE\u0001';
const LONE = '\ud800';
const NUL = 'a\u0000b';
const HUGE = 'x'.repeat(100_000);
const DEEP_ARRAY = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

type Schema = Record<string, any>;
type Operation = { parameters?: Schema[]; requestBody?: Schema };

let t: TestApp;
const log: string[] = [];
let spec: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp({ logLines: log, loginPolicy: { maxFailures: 1_000_000 } });
  await installForms(t.admin, [SWEPT]);
  const record = await create(t.admin, 'frm_sweep', { f_name: '一', f_score: 1 });
  const link = await t.admin.post('/api/forms/frm_sweep/public-links', { kind: 'fill', name: 'Sweep' });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  Object.assign(ids, {
    formId: 'frm_sweep',
    appId: 'app_sweep',
    recordId: record.id,
    token: link.body.token,
    linkId: link.body.id,
    version: '1',
  });
  spec = (await t.anonymous().get('/api/openapi.json')).body;
});
afterAll(() => t?.close());

/** Open parts of route schemas, by property name, filled so the hostile text reaches deep. */
const OPEN: Record<string, unknown> = {
  filter: {
    and: [
      { field: 'f_name', op: 'eq', value: HOLE },
      { rows: 'f_lines', where: { field: 'f_desc', op: 'contains', value: HOLE } },
    ],
  },
  query: { filter: { field: 'f_name', op: 'contains', value: HOLE }, search: HOLE },
  // Text fields only: a number field would refuse the text before the database meets it.
  data: { f_name: HOLE, f_lines: [{ f_desc: HOLE }] },
};

/** A body the route's schema would accept in shape, with HOLE where text goes. */
function sample(schema: Schema | undefined, depth = 0, name = ''): unknown {
  if (name in OPEN && (!schema?.type || schema.type === 'object')) return OPEN[name];
  if (!schema || depth > 6) return HOLE;
  if (schema.$ref) return sample(spec.components.schemas[String(schema.$ref).split('/').pop()!], depth + 1);
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return sample(choice.find((s: Schema) => s.type !== 'null') ?? choice[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return HOLE;
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(schema.items, depth + 1)];
    case 'object':
    case undefined: {
      if (!schema.properties || !Object.keys(schema.properties).length) return OPEN.data;
      return Object.fromEntries(
        Object.entries<Schema>(schema.properties).map(([k, s]) => [k, sample(s, depth + 1, k)]),
      );
    }
    default:
      return HOLE;
  }
}

/** The same shape with every value of the wrong type. */
function wrongTypes(value: unknown): unknown {
  if (typeof value === 'string') return { not: 'a string' };
  if (typeof value === 'number' || typeof value === 'boolean') return 'not a number';
  if (Array.isArray(value)) return { not: 'an array' };
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrongTypes(v)]));
  return [];
}

const fill = (body: unknown, text: string) =>
  JSON.stringify(body, (_key, value) => (value === HOLE ? text : value));

/** Encodes a parameter's text for a URL; a lone surrogate becomes the bytes a broken client sends. */
const urlText = (text: string) => (text === LONE ? '%ED%A0%80' : encodeURIComponent(text));

interface Call {
  method: string;
  url: string;
  payload?: string;
}

function calls(method: string, path: string, operation: Operation): Call[] {
  const params = (operation.parameters ?? []).filter((p) => p.in === 'path');
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const pathWith = (hostile?: [string, string]) =>
    path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      hostile && hostile[0] === name ? urlText(hostile[1]) : (ids[name] ?? 'x_0000000000000000'),
    );
  const plain = pathWith();
  const schema = operation.requestBody?.content?.['application/json']?.schema as Schema | undefined;
  // A form definition is open in the route schema: send the sweep's own, its texts hostile.
  const body =
    method === 'PUT' && path === '/api/forms/{formId}'
      ? {
          ...SWEPT,
          title: { zh: HOLE, en: HOLE },
          fields: [{ ...SWEPT.fields[0], label: { zh: HOLE, en: 'x' } }],
        }
      : schema
        ? sample(schema)
        : undefined;
  const withBody = (payload: string): Call => ({ method, url: plain, payload });
  const out: Call[] = [];
  // Text query parameters together (each reaches the handler), the others once with the wrong type.
  const texts = query.filter((q) => q.schema?.type === 'string' && !q.schema?.enum && !q.schema?.format);
  const others = query.filter((q) => !texts.includes(q));
  const queryOf = (list: Schema[], value: string) => list.map((q) => `${q.name}=${value}`).join('&');
  const payload = body === undefined ? undefined : fill(body, 'a');
  for (const text of [LONE, NUL, 'y'.repeat(5_000)]) {
    for (const p of params) out.push({ method, url: pathWith([p.name, text]), payload });
    if (texts.length) out.push({ method, url: `${plain}?${queryOf(texts, urlText(text))}`, payload });
  }
  if (texts.length) {
    out.push({
      method,
      url: `${plain}?${queryOf(texts, encodeURIComponent('{"a":"\\ud800","b":"\\u0000"}'))}`,
    });
    out.push({ method, url: `${plain}?${queryOf(texts, encodeURIComponent(DEEP_ARRAY))}` });
  }
  if (others.length)
    out.push(
      { method, url: `${plain}?${queryOf(others, urlText(LONE))}` },
      { method, url: `${plain}?${queryOf(others, '-1e999')}` },
    );
  if (method !== 'GET' && method !== 'DELETE') {
    out.push(withBody('{"a":'), withBody(DEEP_OBJECT));
    if (payload !== undefined) {
      out.push(withBody(JSON.stringify(wrongTypes(JSON.parse(payload)))));
      for (const text of [LONE, NUL, HUGE]) out.push(withBody(fill(body, text)));
      out.push(withBody(payload.replace(/"a"/, DEEP_ARRAY)));
      out.push(withBody(payload.replace(/"a"/, `{"\\ud800":1,"\\u0000":2}`)));
    }
  }
  return out;
}

async function send(call: Call): Promise<Response> {
  return t.admin.request(call.method as 'GET', call.url, undefined, {
    ...(call.payload !== undefined
      ? { payload: call.payload, headers: { 'content-type': 'application/json' } }
      : {}),
  });
}

describe('a hostile sweep over every documented route', () => {
  it('answers 4xx, never 5xx nor a stack trace, and logs no error', { timeout: 60_000 }, async () => {
    const routes = Object.entries(spec.paths)
      .flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          operation,
        })),
      )
      .filter((r) => !SKIPPED.has(`${r.method} ${r.path}`))
      // Deleting goes last, so the sweep's form, record and link live for every other route.
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    expect(routes.length).toBeGreaterThan(90);
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (const call of calls(route.method, route.path, route.operation)) {
        const response = await send(call);
        sent++;
        const text = response.raw.body;
        if (response.status >= 500 || /\n\s+at \S|"stack"/.test(text)) {
          failures.push(
            `${call.method} ${call.url.slice(0, 120)} ${String(call.payload).slice(0, 80)} → ${response.status} ${text.slice(0, 200)}`,
          );
        }
      }
      // Someone may have ended the session after all (a password change): log in again and go on.
      if ((await t.admin.get('/api/me')).status === 401)
        await t.admin.login('admin@dealer.test', 'admin-password-1');
    }
    const logged = log
      .map(
        (line) =>
          JSON.parse(line) as {
            level: number;
            msg: string;
            res?: { statusCode: number };
            err?: { message: string };
          },
      )
      .filter((entry) => entry.level >= 50 || (entry.res?.statusCode ?? 0) >= 500)
      .map((entry) => `${entry.msg} ${entry.err?.message ?? ''}`);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(logged).toEqual([]);
    expect(sent).toBeGreaterThan(500);
  });
});
