export interface UploadTarget {
  uploadUrl: string;
  method: string;
  headers: readonly { name: string; value: string }[];
}

/** Why sending the bytes failed; `transient` when trying again later may work (network, server trouble). */
export class UploadFailed extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly aborted = false,
  ) {
    super(message);
  }
}

/**
 * Sends `body` to the upload URL with exactly the method and headers the server gave (a presigned URL's
 * signature covers them). XMLHttpRequest rather than fetch: it reports upload progress everywhere.
 */
export function sendBytes(
  target: UploadTarget,
  body: Blob,
  onProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new UploadFailed('Canceled', false, true));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.uploadUrl);
    for (const header of target.headers) xhr.setRequestHeader(header.name, header.value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size, body.size);
        resolve();
      } else {
        // A refused signature or size is not fixed by waiting; a server in trouble may be.
        const transient = xhr.status >= 500 || xhr.status === 408;
        reject(new UploadFailed(refusalMessage(xhr) ?? `The upload was refused (HTTP ${xhr.status})`, transient));
      }
    };
    xhr.onerror = () => reject(new UploadFailed('The upload could not reach the server', true));
    xhr.onabort = () => reject(new UploadFailed('Canceled', false, true));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** The reason in this server's JSON answer (`{ error: { message } }`); S3 answers XML, which says nothing useful. */
function refusalMessage(xhr: XMLHttpRequest): string | null {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : null;
  } catch {
    return null;
  }
}
