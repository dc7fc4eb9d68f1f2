import { authorizationHeaders, toApiError, type Schemas } from '../../../lib/api/client';
import { session } from '../../../lib/session';

export type ImportResult = Schemas['TargetImportResultDto'];
export type ImportRejection = Schemas['TargetImportRejectionDto'];

/**
 * Uploads a CSV target list. XMLHttpRequest rather than fetch, because only it reports upload
 * progress, which a 50 MB file needs. A refused file (422) resolves with its row errors.
 */
export function uploadTargetList(
  operationId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ accepted: true; result: ImportResult } | { accepted: false; result: ImportRejection }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/operations/${operationId}/targets/import`);
    request.setRequestHeader('Content-Type', 'text/csv');
    for (const [name, value] of Object.entries(authorizationHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new Error('network'));
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = request.responseText;
      }
      if (request.status === 200) return resolve({ accepted: true, result: body as ImportResult });
      if (request.status === 422 && body && typeof body === 'object' && 'errors' in body)
        return resolve({ accepted: false, result: body as ImportRejection });
      if (request.status === 401) session.expire();
      const headers = new Headers();
      const retryAfter = request.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      reject(toApiError(new Response(null, { status: request.status, headers }), body));
    };
    request.send(file);
  });
}
