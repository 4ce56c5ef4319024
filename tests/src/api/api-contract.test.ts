import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';

interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

let t: TestApp;
let spec: { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };
beforeAll(async () => {
  t = await testApp();
  spec = (await t.anonymous().get('/api/openapi.json')).body;
});
afterAll(() => t?.close());

const operations = () =>
  Object.entries(spec.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );

/** Answers that are open by nature: the form meta-schema is a JSON Schema document, any keywords. */
const OPEN_ANSWERS = new Set(['GET /api/meta/form-schema']);

/** A 2xx answer says what it holds: a schema that is not an open `{}` object (204: nothing). */
function declaresAnswer(operation: Operation): boolean {
  return Object.entries(operation.responses ?? {}).some(([status, response]) => {
    if (!/^2\d\d$/.test(status)) return false;
    if (status === '204') return true;
    const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
    return schemas.some(
      (schema) =>
        schema !== undefined &&
        !(
          schema.type === 'object' &&
          Object.keys((schema.properties as object | undefined) ?? {}).length === 0 &&
          schema.additionalProperties === true
        ),
    );
  });
}

describe('API contract (issue 14)', () => {
  it('lists a server, so generated clients know where to call', () => {
    expect(spec.servers?.length).toBeGreaterThan(0);
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ids = operations().map(({ name, operation }) => [name, operation.operationId] as const);
    expect(ids.filter(([, id]) => !id || !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    const seen = new Map<string, string>();
    for (const [name, id] of ids) {
      expect(seen.get(id!), `${name} reuses ${id}`).toBeUndefined();
      seen.set(id!, name);
    }
  });

  it('declares what every operation answers on success', () => {
    const undeclared = operations().filter(
      ({ name, operation }) => !declaresAnswer(operation) && !OPEN_ANSWERS.has(name),
    );
    expect(undeclared.map(({ name }) => name)).toEqual([]);
  });
});
