import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from './auth';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the API serves as `METHOD /path/{param}`, outside the docs page: what the OpenAPI must cover. */
    apiRoutes: string[];
  }
}

/** Records each API route as it is added, so a test can prove that the document covers all of them. */
export function registerRouteCatalog(app: FastifyInstance): void {
  const routes: string[] = [];
  app.decorate('apiRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs') || route.schema?.hide) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
    }
  });
}

/**
 * OpenAPI 3.1 at /api/openapi.json, generated from the route schemas; a browsable page at /api/docs.
 * Every route names its `operationId` (camelCase, stable), so generated clients get method names.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Forecourt API',
        version,
        description:
          'Forms, records, approvals and dashboards for car dealerships. Errors always have the shape ' +
          '`{"error": {"code", "message", "details": [{"path", "message"}]}}`. Cookie-authenticated writes need the ' +
          '`x-csrf-token` header from `POST /api/auth/login` or `GET /api/me`; bearer tokens need none.',
      },
      // Relative: the document describes the server that serves it, whatever its address.
      servers: [{ url: '/', description: 'This Forecourt server' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/tokens' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
