/**
 * A URL with a query, built the same way everywhere: parameters in the order
 * given, empty ones left out. Keys built here are SWR cache keys too, so the
 * server's first-paint data and the hook's request meet under one string.
 */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}
