import { type ApiError, apiError, csrfHeaders } from '../api/client';

/**
 * The two requests `api` cannot make, because their bodies are not JSON: a spreadsheet upload
 * (multipart) and an export download (a file, not JSON). Same cookie and CSRF token as `api`.
 */
async function failure(response: Response): Promise<ApiError> {
  const json = response.headers.get('content-type')?.includes('json')
    ? await response.json().catch(() => undefined)
    : undefined;
  return apiError(response.status, json, response.statusText);
}

/** Sends a spreadsheet to `POST /api/forms/:formId/imports`; answers the import's id. */
export async function uploadImport(
  formId: string,
  file: File,
  options: { mapping?: Record<string, string | null>; headerRow?: number; mode: 'dryRun' | 'commit' },
): Promise<string> {
  const body = new FormData();
  // Without a mapping the server matches columns to fields by their labels.
  if (options.mapping) body.append('mapping', JSON.stringify(options.mapping));
  // Without a header row the server takes the first row naming fields (a title row above is passed over).
  if (options.headerRow) body.append('headerRow', String(options.headerRow));
  body.append('mode', options.mode);
  body.append('file', file, file.name);
  const response = await fetch(`/api/forms/${encodeURIComponent(formId)}/imports`, {
    method: 'POST',
    headers: { accept: 'application/json', ...csrfHeaders() },
    credentials: 'same-origin',
    body,
  });
  if (!response.ok) throw await failure(response);
  return ((await response.json()) as { importId: string }).importId;
}

/** `POST /api/forms/:formId/export` and saves the answer under the server's file name. */
export async function downloadExport(formId: string, request: unknown): Promise<void> {
  const response = await fetch(`/api/forms/${encodeURIComponent(formId)}/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...csrfHeaders() },
    credentials: 'same-origin',
    body: JSON.stringify(request),
  });
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : 'export.xlsx';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
