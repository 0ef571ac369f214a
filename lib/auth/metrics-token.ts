import 'server-only';
import path from 'node:path';
import { settings, type Settings } from '../config';
import { generateSecret, readOrCreateSecretFile } from '../state/private-files';
import { safeEqual } from './safe-equal';
import { MIN_ENV_TOKEN_BITS, ensureAdminToken, estimateTokenBits } from './token';

/**
 * The read-only metrics token: what a Prometheus server sends as
 * `Authorization: Bearer …` to scrape GET /metrics. It opens nothing else —
 * withAuth accepts it only on routes that ask for it (`{ metricsToken: true }`,
 * today /metrics alone) — so the file a Prometheus server keeps can read gauges
 * and counters, never connect an interface or read the audit log.
 *
 * Like the admin token: `CONFINEMENT_DASHBOARD_METRICS_TOKEN`, or else a random
 * one in `<stateDir>/metrics-token` (0600), created at server start
 * (lib/auth/startup.ts) and printed by `confinement-dashboard token --metrics`.
 * Rotating it (`token --metrics --rotate`) takes effect at the next restart; the
 * value is cached for the life of the process, as the admin token's is.
 */

export const METRICS_TOKEN_FILE = 'metrics-token';

let cached: { key: string; token: string } | null = null;

export function ensureMetricsToken(cfg: Settings = settings()): { token: string; source: 'env' | 'file' } {
  const key = cfg.metricsTokenFromEnv !== null ? `env:${cfg.metricsTokenFromEnv}` : `file:${cfg.stateDir}`;
  if (cached?.key === key) return { token: cached.token, source: cfg.metricsTokenFromEnv !== null ? 'env' : 'file' };
  let token: string;
  let source: 'env' | 'file';
  if (cfg.metricsTokenFromEnv !== null) {
    token = cfg.metricsTokenFromEnv.trim();
    source = 'env';
    // The same bar as the admin token's: it opens /metrics to anyone who has it.
    if (/\s/.test(token) || token.length > 1024 || estimateTokenBits(token) < MIN_ENV_TOKEN_BITS) {
      throw new Error(`CONFINEMENT_DASHBOARD_METRICS_TOKEN is too weak: it needs at least ${MIN_ENV_TOKEN_BITS} bits of randomness and no spaces (openssl rand -base64 32), or unset it to let the dashboard create one.`);
    }
  } else {
    token = readOrCreateSecretFile(path.join(cfg.stateDir, METRICS_TOKEN_FILE), generateSecret, 32).value;
    source = 'file';
  }
  // A "read-only" token equal to the admin token would be the admin token.
  if (safeEqual(token, ensureAdminToken(cfg).token)) {
    throw new Error('The metrics token must differ from the admin token (check CONFINEMENT_DASHBOARD_METRICS_TOKEN and CONFINEMENT_DASHBOARD_TOKEN).');
  }
  cached = { key, token };
  return { token, source };
}

/** Constant-time check of a presented token against the metrics token. */
export function verifyMetricsToken(candidate: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 1024) return false;
  return safeEqual(candidate, ensureMetricsToken().token);
}
