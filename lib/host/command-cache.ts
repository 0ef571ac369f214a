import type { CommandResult, MutationRunner } from './host';

// Long enough that a burst of identical requests (which the server answers one after
// another) is served by one process, short enough that the page is never stale for long.
export const READ_CACHE_TTL_MS = 2_000;

/**
 * A host's reads and writes in order: concurrent identical reads share one
 * process, a result is reused for READ_CACHE_TTL_MS unless a mutation ran in
 * between, and mutations run one at a time with the cache dropped before and
 * after. Each host has its own, so one slow node never holds up another.
 */
export class CommandCache {
  private readonly inFlight = new Map<string, Promise<CommandResult>>();
  private readonly readCache = new Map<string, { expires: number; result: CommandResult }>();
  private generation = 0;
  private mutationQueue: Promise<unknown> = Promise.resolve();

  read(key: string, start: () => Promise<CommandResult>): Promise<CommandResult> {
    const cached = this.readCache.get(key);
    if (cached && cached.expires > Date.now()) return Promise.resolve(cached.result);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const startedIn = this.generation;
    const promise = start()
      .then((result) => {
        // A mutation that started meanwhile may have made this result stale.
        if (startedIn === this.generation) this.readCache.set(key, { result, expires: Date.now() + READ_CACHE_TTL_MS });
        return result;
      })
      .finally(() => {
        if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, promise);
    return promise;
  }

  invalidate(): void {
    this.generation++;
    this.readCache.clear();
    this.inFlight.clear();
  }

  mutate<T>(run: MutationRunner, action: (run: MutationRunner) => Promise<T>): Promise<T> {
    const result = this.mutationQueue
      .then(() => {
        this.invalidate();
        return action(run);
      })
      .finally(() => this.invalidate());
    // A failed action must not block the ones queued after it.
    this.mutationQueue = result.catch(() => undefined);
    return result;
  }
}
