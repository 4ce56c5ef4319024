import {
  type FieldDef,
  type FormDefinition,
  fieldType,
  isFieldType,
  subformColumns,
} from '@forecourt/schemas';
import { ValidationError } from '../errors';
import type { UploadLimits } from './upload';

/** Whether the field's values point at uploaded files (attachments, images, signatures). */
export function isFileField(field: FieldDef): boolean {
  return isFieldType(field.type) && fieldType(field.type).extraWrites === 'files';
}

/** A signature is a small canvas PNG; anything near this size is not one. */
const SIGNATURE_MAX_MB = 2;
const MB = 1024 * 1024;

/** The file field `fieldId` of a published definition, top level or a table column; 422 when there is none. */
export function uploadField(definition: FormDefinition, fieldId: string): FieldDef {
  for (const field of definition.fields) {
    if (field.id === fieldId && isFileField(field)) return field;
    if (field.type !== 'subform') continue;
    const column = subformColumns(field).find((c) => c.id === fieldId && isFileField(c));
    if (column) return column;
  }
  throw new ValidationError('This form has no attachment, image or signature field of that id.', [
    { path: 'querystring:/field', message: `No file field ${fieldId} in the published form.` },
  ]);
}

/**
 * What an upload for `field` may be: its `maxSizeMb` (capped by the server's limit) and `accept`,
 * with the defaults of its type. Image fields only ever take images, whatever `accept` says, so a
 * text or HTML file can never be shown inline as a "photo".
 */
export function uploadLimitsFor(field: FieldDef, serverMaxBytes: number): UploadLimits {
  if (field.type === 'signature') {
    return { maxBytes: Math.min(SIGNATURE_MAX_MB * MB, serverMaxBytes), accept: ['image/png'] };
  }
  // The widget options are the type's own reading of the definition, defaults included: the same
  // limits the form shows people are the ones enforced here.
  const options = (fieldType(field.type).widget(field).options ?? {}) as {
    maxSizeMb?: number;
    accept?: string[];
  };
  const maxBytes = Math.min(Math.floor((options.maxSizeMb ?? serverMaxBytes / MB) * MB), serverMaxBytes);
  let accept = Array.isArray(options.accept) ? options.accept : [];
  if (field.type === 'image') {
    accept = accept.filter((mime) => mime.startsWith('image/'));
    if (accept.length === 0) accept = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
  }
  return { maxBytes, accept };
}
