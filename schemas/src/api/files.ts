import { type Static, Type } from 'typebox';

/** `POST /api/forms/:formId/files` and a task's signature: a stored file, as a record's file field keeps it. */
export const UploadedFile = Type.Object(
  {
    fileId: Type.String(),
    name: Type.String(),
    size: Type.Integer({ description: 'Bytes' }),
    mime: Type.String({ description: 'The type found in the content, not the one the browser claimed' }),
  },
  { title: 'UploadedFile', description: 'Put it as is into the attachment or image field of the record' },
);
export type UploadedFile = Static<typeof UploadedFile>;
