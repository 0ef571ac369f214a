/** The browser side of the API: JSON in, JSON out, errors as typed values. */

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; hint?: string };
}

async function readError(res: Response): Promise<ApiClientError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not JSON (a proxy's error page, say): fall through to the status text
  }
  if (res.status === 401 && typeof window !== 'undefined') {
    // The session expired: a full reload drops every cached answer of the old
    // session, and the server sends the page to /login.
    window.location.reload();
  }
  return new ApiClientError(
    res.status,
    body?.error?.code ?? `http-${res.status}`,
    body?.error?.message ?? `The server answered ${res.status} ${res.statusText}`,
    body?.error?.hint,
  );
}

export async function fetchJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    throw new ApiClientError(0, 'offline', 'The dashboard server is not reachable.', 'Is it still running? Check the terminal it was started from.');
  }
  if (!res.ok) throw await readError(res);
  return (await res.json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'DELETE' | 'PUT', url: string, body: unknown, csrf: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiClientError(0, 'offline', 'The dashboard server is not reachable.', 'Is it still running? Check the terminal it was started from.');
  }
  if (!res.ok) throw await readError(res);
  return (await res.json()) as T;
}
