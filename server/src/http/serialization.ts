import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Build = ReturnType<ReturnType<typeof SerializerSelector>>;

/**
 * Fastify's own response serializers (fast-json-stringify: fast, and it drops undeclared
 * properties), built on a route's first response instead of at start-up, where building them for
 * every route took about a third of the cold start.
 */
export const lazySerializers: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: {
    buildSerializer(externalSchemas: unknown, options: unknown) {
      const build: Build = SerializerSelector()(externalSchemas as never, options as never);
      return (route: Parameters<Build>[0]) => {
        let serialize: ((data: unknown) => string) | undefined;
        return (data: unknown) => {
          serialize ??= build(route) as (data: unknown) => string;
          return serialize(data);
        };
      };
    },
  },
};
