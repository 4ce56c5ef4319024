import type { Client } from './client';
import { field, form } from './dealership/fields';
import { multipart, type Part } from './uploads';

/** A vehicle check-in: photos, the invoice as PDF, the customer's signature, and receipts per line. */
export const INSPECTION = form('frm_inspection', 'app_service', '接车检查', 'Check-in inspection', [
  field('f_plate_no', 'text', '车牌', 'Plate'),
  field('f_photos', 'image', '车况照片', 'Photos', { maxFiles: 3, maxSizeMb: 1 }),
  field('f_invoice', 'attachment', '发票', 'Invoice', { accept: ['application/pdf'], maxSizeMb: 1 }),
  field('f_notes', 'attachment', '说明', 'Notes', { accept: ['text/plain'] }),
  field('f_sign', 'signature', '客户签名', 'Customer signature'),
  field('f_lines', 'subform', '明细', 'Lines', {
    fields: [
      field('f_desc', 'text', '项目', 'Item'),
      field('f_receipt', 'attachment', '收据', 'Receipt', { accept: ['application/pdf'] }),
    ],
  }),
]);

/** Posts a multipart upload to a file field, parts as given. */
export function sendParts(client: Client, fieldId: string, parts: Part[], formId = 'frm_inspection') {
  const { payload, contentType } = multipart(parts);
  return client.request('POST', `/api/forms/${formId}/files?field=${fieldId}`, undefined, {
    payload,
    headers: { 'content-type': contentType },
  });
}

/** Uploads one file to a field of the inspection form, as the browser does. */
export function uploadFile(
  client: Client,
  fieldId: string,
  filename: string,
  type: string,
  content: Buffer | string,
) {
  return sendParts(client, fieldId, [{ name: 'file', filename, type, content }]);
}
