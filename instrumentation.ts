/**
 * Next calls register() once when the server starts, before it serves
 * requests. The start-up checks live in lib/auth/startup.ts; a refusal (e.g.
 * running as root) ends the process there.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareServerOrExit } = await import('./lib/auth/startup');
  prepareServerOrExit();
}
