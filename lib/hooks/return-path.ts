/**
 * Where the login page sends the admin back to (`/login?next=…`, set by
 * fetcher.ts when a session ends): only a path of this origin, never another
 * site (`//evil`, `/\evil`), the login page itself or the API; else the Overview.
 */
export function returnPath(next: string | null): string {
  if (!next || !/^\/(?![/\\])/.test(next) || /[\\\s]/.test(next) || next.startsWith('/login') || next.startsWith('/api/')) return '/';
  return next;
}
