import { useState } from 'react';
import { authorizationHeaders, toApiError } from '../lib/api/client';

export interface Downloaded {
  fileName: string;
  sha256: string;
  size: number;
}

/**
 * Downloads a file with the bearer token (a plain link cannot send it), hands it to the browser to
 * save, and computes its SHA-256 so the user can compare it with the one the API announced.
 */
export function useDownload() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function download(url: string, fallbackName: string): Promise<Downloaded | null> {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(url, { headers: authorizationHeaders() });
      if (!response.ok) throw toApiError(response, await response.json().catch(() => null));
      const blob = await response.blob();
      const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
      const sha256 = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
      const fileName =
        /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      return { fileName, sha256, size: blob.size };
    } catch (caught) {
      setError(caught);
      return null;
    } finally {
      setPending(false);
    }
  }

  return { download, pending, error };
}
