import 'server-only';
import path from 'node:path';
import { settings, type Settings } from '../config';
import { generateSecret, readOrCreateSecretFile } from '../state/private-files';
import { safeEqual } from './safe-equal';

/**
 * The single admin's login token: `CONFINEMENT_DASHBOARD_TOKEN`, or else a
 * random one kept in `<stateDir>/admin-token` (0600, directory 0700), created at
 * first start. Rotating it = deleting the file (or changing the variable) and
 * restarting; the value is cached for the life of the process.
 */

export const TOKEN_FILE = 'admin-token';
/** Shortest token accepted from the environment. */
export const MIN_ENV_TOKEN_LENGTH = 16;

export interface AdminToken {
  token: string;
  /** True only for the call that created the file. */
  created: boolean;
  source: 'env' | 'file';
}

let cached: { key: string; token: string; source: 'env' | 'file' } | null = null;

export function ensureAdminToken(cfg: Settings = settings()): AdminToken {
  const key = cfg.tokenFromEnv !== null ? `env:${cfg.tokenFromEnv}` : `file:${cfg.stateDir}`;
  if (cached?.key === key) return { token: cached.token, created: false, source: cached.source };
  if (cfg.tokenFromEnv !== null) {
    const token = cfg.tokenFromEnv.trim();
    if (token.length < MIN_ENV_TOKEN_LENGTH || /\s/.test(token)) {
      throw new Error(
        `CONFINEMENT_DASHBOARD_TOKEN is too weak: use at least ${MIN_ENV_TOKEN_LENGTH} characters without spaces ` +
          '(for example the output of `openssl rand -base64 32`), or unset it to let the dashboard create one.',
      );
    }
    cached = { key, token, source: 'env' };
    return { token, created: false, source: 'env' };
  }
  const { value, created } = readOrCreateSecretFile(path.join(cfg.stateDir, TOKEN_FILE), generateSecret, 32);
  cached = { key, token: value, source: 'file' };
  return { token: value, created, source: 'file' };
}

/** Constant-time check of a presented token against the admin token. */
export function verifyToken(candidate: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 1024) return false;
  return safeEqual(candidate, ensureAdminToken().token);
}
