import * as contract from '@forecourt/schemas/api';
import type { FastifyInstance } from 'fastify';

type Schema = Record<string, unknown>;

/** Keywords whose values are data, not schemas: never searched for components. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'example']);

/**
 * The API's named shapes. Route schemas embed the contract's shapes (`@forecourt/schemas/api`) as
 * plain objects, so their types follow; here every contract shape with a `title` becomes an OpenAPI
 * component, registered once by that name, and each place a route embeds it becomes a `$ref` to it.
 * Validators, serialisers and the document then see one shape under one name, as before.
 */
export class Components {
  private readonly byObject = new Map<object, string>();
  private readonly byTitle = new Map<string, string>();
  /** Shapes already rewritten: routes share most of theirs, so each is walked once. */
  private readonly referred = new WeakMap<object, unknown>();
  readonly schemas: Schema[] = [];

  constructor(shapes: Iterable<unknown>, extra: object[] = []) {
    const named: [string, Schema][] = [];
    for (const shape of shapes) {
      if (!isSchema(shape) || typeof shape.title !== 'string') continue;
      const title = shape.title;
      if (this.byTitle.has(title)) {
        if (this.byTitle.get(title) === JSON.stringify(shape)) continue;
        throw new Error(`Two API shapes are titled ${title}.`);
      }
      this.byObject.set(shape, title);
      this.byTitle.set(title, JSON.stringify(shape));
      named.push([title, shape]);
    }
    for (const [title, shape] of named) {
      this.schemas.push({ ...(this.refer(shape, shape) as Schema), $id: title });
    }
    this.schemas.push(...(extra as Schema[]));
  }

  /** The schema with every embedded component replaced by a `$ref` to it (the root itself kept). */
  refer(schema: unknown, root?: unknown): unknown {
    if (Array.isArray(schema)) return schema.map((item) => this.refer(item));
    if (!isSchema(schema)) return schema;
    if (schema !== root) {
      const name = this.nameOf(schema);
      if (name) return { $ref: name };
      const done = this.referred.get(schema);
      if (done) return done;
    }
    const referred = Object.fromEntries(
      Object.entries(schema).map(([key, value]) => [key, DATA_KEYWORDS.has(key) ? value : this.refer(value)]),
    );
    if (schema !== root) this.referred.set(schema, referred);
    return referred;
  }

  private nameOf(schema: Schema): string | undefined {
    const name = this.byObject.get(schema);
    if (name || typeof schema.title !== 'string') return name;
    // A copy (Type.Optional wraps a shape in a new object) is the same shape if it reads the same.
    const json = this.byTitle.get(schema.title);
    if (json === undefined) return undefined;
    if (json !== JSON.stringify(schema)) {
      throw new Error(`A route shape is titled ${schema.title} like the API component, yet differs from it.`);
    }
    return schema.title;
  }
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The contract's components, plus the server's own named shapes (the error body). */
export function apiComponents(extra: object[]): Components {
  return new Components(Object.values(contract), extra);
}

/** Registers the components and rewrites each route's schema to refer to them; before any route is added. */
export function registerComponents(app: FastifyInstance, components: Components): void {
  for (const schema of components.schemas) app.addSchema(schema);
  app.addHook('onRoute', (route) => {
    if (route.schema) route.schema = components.refer(route.schema) as typeof route.schema;
  });
}
