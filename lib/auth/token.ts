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
/** Estimated strength a token from the environment must reach (the generated one has 256 bits). */
export const MIN_ENV_TOKEN_BITS = 128;
export const TOKEN_ADVICE = 'generate one with `openssl rand -base64 32` (or `openssl rand -hex 32`)';

/**
 * An upper estimate of a token's strength in bits: its length times log2 of
 * the alphabet its character classes span (hex counts as 16), not counting
 * the 4th and later characters of runs (`aaaa`, `1234`, `dcba`). It cannot
 * know how a token was made — `correct-horse…` scores like random text — but
 * it refuses what is clearly short or patterned (review F5: any 16 characters
 * used to pass), and random tokens of 128 bits or more pass.
 */
export function estimateTokenBits(token: string): number {
  const classes: [RegExp, number][] = [[/[a-z]/, 26], [/[A-Z]/, 26], [/[0-9]/, 10], [/[-_]/, 2], [/[+/=]/, 3], [/[^A-Za-z0-9\-_+/=]/, 32]];
  const hex = /^(?:[0-9a-f]+|[0-9A-F]+)$/.test(token);
  const alphabet = hex ? 16 : classes.reduce((n, [re, size]) => n + (re.test(token) ? size : 0), 0);
  let patterned = 0;
  let run = 1;
  let step: number | null = null;
  for (let i = 1; i < token.length; i++) {
    const d = token.charCodeAt(i) - token.charCodeAt(i - 1);
    run = Math.abs(d) <= 1 && d === step ? run + 1 : Math.abs(d) <= 1 ? 2 : 1;
    step = d;
    if (run >= 4) patterned++;
  }
  const distinct = new Set(token).size;
  // Few distinct characters (`abababab…`) is a pattern too.
  if (distinct < 8) return distinct * Math.log2(Math.max(alphabet, 2));
  return (token.length - patterned) * Math.log2(Math.max(alphabet, 2));
}

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
    if (/\s/.test(token) || token.length > 1024 || estimateTokenBits(token) < MIN_ENV_TOKEN_BITS) {
      throw new Error(
        `CONFINEMENT_DASHBOARD_TOKEN is too weak: it needs at least ${MIN_ENV_TOKEN_BITS} bits of randomness and no spaces; ` +
          `${TOKEN_ADVICE}, or unset it to let the dashboard create one.`,
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
