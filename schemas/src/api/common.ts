import { type Static, type TProperties, type TSchema, Type } from 'typebox';
import type { FormDefinition as FormDefinitionType } from '../fields/form-schema';
import type { WorkflowDefinition as WorkflowDefinitionType } from '../workflow/types';

/** `T` or null: how the API says "none" (never an absent property). */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options);

export const DateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });

/** A request body: it never accepts properties it does not name. */
export function closed<T extends TProperties>(properties: T, title?: string) {
  return Type.Object(properties, { additionalProperties: false, ...(title ? { title } : {}) });
}

/** Bilingual text: labels are data (`{ zh, en }`), never UI chrome. */
export const Label = Type.Object(
  { zh: Type.String({ maxLength: 200 }), en: Type.String({ maxLength: 200 }) },
  { title: 'Label', additionalProperties: false },
);
export type Label = Static<typeof Label>;

/** Someone named in an answer: a submitter, an author, an actor. */
export const Person = Type.Object({ id: Type.String(), name: Type.String() });
export type Person = Static<typeof Person>;

export const IdName = Type.Object({ id: Type.String(), name: Type.String() });

/** Field values keyed by field id. */
export const Data = Type.Record(Type.String(), Type.Unknown());

/**
 * A form as JSON metadata. The API checks it with the form meta-schema (`GET /api/meta/form-schema`),
 * not here; its type is the metadata language's own.
 */
export const FormDefinition = Type.Unsafe<FormDefinitionType>(
  Type.Object(
    {
      id: Type.String(),
      app: Type.String(),
      title: Label,
      fields: Type.Array(
        Type.Object({ id: Type.String(), type: Type.String() }, { additionalProperties: true }),
      ),
    },
    {
      title: 'FormDefinition',
      additionalProperties: true,
      description: 'A form as JSON metadata; the full meta-schema is GET /api/meta/form-schema',
    },
  ),
);

/** A form definition as sent to be saved: any object; the server checks it against the meta-schema (422). */
export const FormDefinitionInput = Type.Unsafe<FormDefinitionType>(
  Type.Object(
    {},
    { additionalProperties: true, description: 'A form definition (see GET /api/meta/form-schema)' },
  ),
);

/** A JSON Schema (2020-12) document, as `GET /api/meta/form-schema` answers it. */
export const JsonSchemaDocument = Type.Object(
  {},
  { additionalProperties: true, description: 'A JSON Schema (2020-12) document, any keywords' },
);

/** A flow as JSON metadata, checked by the engine (schemas/src/workflow). */
export const WorkflowDefinition = Type.Unsafe<WorkflowDefinitionType>(
  Type.Object(
    {},
    {
      additionalProperties: true,
      description: 'A flow definition (schemas/src/workflow); checked by the engine',
    },
  ),
);
