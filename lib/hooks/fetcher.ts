/** The browser side of the API: JSON in, JSON out, errors as typed values. */
import { storedRequestKey } from './request-key';

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    /** 409 job-running: the job the host is busy with. */
    readonly jobId?: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; hint?: string; jobId?: string };
}

/** Why the login page was shown instead of the page asked for; the login page words each. */
export type LoginReason = 'session' | 'key' | 'action';

let leaving = false;

/**
 * The session cannot be used from this tab any more: go to the login page,
 * once, saying why. Never `reload()`: when the 401 has a cause the reload
 * does not remove (a cookie tossed onto /api by another port's page, review
 * F3), reloading looped forever. However many requests fail together, this
 * navigates once, and the login page itself sends no API request.
 */
export function leaveForLogin(reason: LoginReason): void {
  if (leaving || typeof window === 'undefined') return;
  leaving = true;
  // Back to this page after the login (login-form.tsx accepts only a path of this origin).
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.replace(`/login?reason=${reason}&next=${encodeURIComponent(next)}`);
}

/** `action`: the request would have changed something; refused at the door (401/403), it changed nothing. */
async function readError(res: Response, action = false): Promise<ApiClientError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not JSON (a proxy's error page, say): fall through to the status text
  }
  const code = body?.error?.code ?? `http-${res.status}`;
  if (res.status === 401) leaveForLogin(action ? 'action' : 'session');
  else if (res.status === 403 && code === 'csrf') leaveForLogin(action ? 'action' : 'key');
  return new ApiClientError(res.status, code, body?.error?.message ?? `The server answered ${res.status} ${res.statusText}`, body?.error?.hint, body?.error?.jobId);
}

function offline(): ApiClientError {
  return new ApiClientError(0, 'offline', 'The dashboard server is not reachable.', 'Is it still running? Check the terminal it was started from.');
}

/** Headers of every API request: the session's request key, from this origin's storage. */
function keyHeader(fallback?: string): Record<string, string> {
  const key = storedRequestKey() ?? fallback;
  return key ? { 'x-csrf-token': key } : {};
}

export async function fetchJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json', ...keyHeader() }, credentials: 'same-origin' });
  } catch {
    throw offline();
  }
  if (!res.ok) throw await readError(res);
  return (await res.json()) as T;
}

/** `csrf`: the key a component read with useCsrf(); the stored key wins when both exist (it may be newer). */
export async function sendJson<T>(method: 'POST' | 'DELETE' | 'PUT', url: string, body: unknown, csrf?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...keyHeader(csrf) },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw offline();
  }
  if (!res.ok) throw await readError(res, true);
  return (await res.json()) as T;
}

/**
 * Downloads an API answer as a file. A plain `<a href download>` cannot send
 * the request key, and the API does not answer a cookie alone.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: keyHeader(), credentials: 'same-origin' });
  } catch {
    throw offline();
  }
  if (!res.ok) throw await readError(res);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // After the click has started the download.
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
}
