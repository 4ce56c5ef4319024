import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const compiled = new Map<() => object, ValidateFunction>();

/**
 * One of our own closed meta-schemas (form definitions, flow definitions), compiled once per
 * process: never a user-supplied schema, so `$data` stays off and unknown keywords are allowed.
 */
export function metaSchemaValidator(schema: () => object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = new Ajv2020({ allErrors: true, strict: false, discriminator: true, $data: false }).compile(
      schema(),
    );
    compiled.set(schema, validate);
  }
  return validate;
}
