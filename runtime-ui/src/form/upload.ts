/**
 * Uploads one file for a file field with progress. `fetch` cannot report upload progress, so this is
 * XMLHttpRequest; the answer is the `{ fileId, name, size, mime }` the record keeps.
 */
import type { FileRef } from '@forecourt/schemas';
import { ApiError, apiError, csrfHeaders } from '../api/client';

export function uploadFile(
  formId: string,
  fieldId: string,
  file: Blob,
  name: string,
  onProgress: (percent: number) => void,
): { done: Promise<FileRef>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileRef>((resolve, reject) => {
    xhr.open('POST', `/api/forms/${encodeURIComponent(formId)}/files?field=${encodeURIComponent(fieldId)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [header, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(header, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below with the status
      }
      if (xhr.status === 201) resolve(body as FileRef);
      else reject(apiError(xhr.status, body, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload did not reach the server.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
    const data = new FormData();
    data.append('file', file, name);
    xhr.send(data);
  });
  return { done, abort: () => xhr.abort() };
}
