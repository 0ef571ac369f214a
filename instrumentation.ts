/**
 * Next calls register() once when the server starts, before it serves
 * requests. The start-up checks live in lib/auth/startup.ts; a refusal (e.g.
 * running as root) ends the process there. The baseline security headers
 * cover the answers Next makes before proxy.ts runs (lib/http/baseline-headers.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installBaselineHeaders } = await import('./lib/http/baseline-headers');
  installBaselineHeaders();
  const { prepareServerOrExit } = await import('./lib/auth/startup');
  prepareServerOrExit();
}
