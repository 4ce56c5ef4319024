import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';

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
    // Our own route schemas, checked by the type system: skipping the meta-schema check saves start-up time.
    validateSchema: false,
  };
  const bodyAjv = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const textAjv = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  for (const schema of shared) {
    bodyAjv.addSchema(schema);
    textAjv.addSchema(schema);
  }
  app.setValidatorCompiler(({ schema, httpPart }) =>
    lazily(() => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object) as Validate),
  );
}

type Validate = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

/**
 * Compiles a route's validator on its first request instead of at start-up: compiling every
 * route's schema up front costs a noticeable part of the cold start. Fastify reads `errors` from
 * the function it was given, so the wrapper mirrors them.
 */
function lazily(compile: () => Validate): Validate {
  let compiled: Validate | undefined;
  const validate: Validate = (data) => {
    compiled ??= compile();
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  };
  return validate;
}
