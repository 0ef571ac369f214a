import 'server-only';

/**
 * Server-rendered first paint: a page computes the same data its SWR hook will
 * ask for, keyed by the hook's URL, so the first load shows data, not a
 * spinner. A failure here is not fatal: the hook fetches again and shows the
 * error in its place.
 */
export async function fallbackFor(entries: Record<string, () => Promise<unknown>>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  await Promise.all(
    Object.entries(entries).map(async ([key, load]) => {
      try {
        out[key] = await load();
      } catch {
        // leave it to the client
      }
    }),
  );
  return out;
}
