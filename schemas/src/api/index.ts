/**
 * The HTTP API's contract: TypeBox schemas of request bodies and answers, with their types
 * (`Static<>`), defined once. The server validates and serialises with them, the engine returns their
 * types, the web app reads them (type-only imports, so no TypeBox reaches its bundle). Browser-safe.
 * Shapes with a `title` the server names as OpenAPI components (server/src/http/components.ts).
 */
export * from './access';
export * from './access-names';
export * from './accounts';
export * from './apps';
export * from './audit';
export * from './automations';
export * from './common';
export * from './files';
export * from './imports';
export * from './notifications';
export * from './organisation';
export * from './public-links';
export * from './records';
export * from './tasks';
export * from './views';
export * from './workflow';
