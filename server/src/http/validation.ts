import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/**
 * Two validators: bodies are taken exactly as sent (no type coercion, unknown properties are an
 * error, not silently dropped); query strings and path parameters are text, so they are coerced.
 * Only our own route schemas (and the named shapes they reference) are compiled here, never user
 * metadata.
 */
export function registerValidation(app: FastifyInstance, shared: object[]): void {
  const base: Options = {
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    $data: false,
  };
  const bodyAjv = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const textAjv = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  for (const schema of shared) {
    bodyAjv.addSchema(schema);
    textAjv.addSchema(schema);
  }
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object),
  );
}
