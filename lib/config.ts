import 'server-only';
import os from 'node:os';
import path from 'node:path';

/**
 * Every setting of the dashboard, read from the environment once. README's
 * "Settings" table documents each of these; keep them in step.
 */
export type HostMode = 'local' | 'demo';

export interface Settings {
  hostMode: HostMode;
  /** Prefix only `snap connect`/`snap disconnect` with `sudo -n`. */
  sudoMode: boolean;
  stateDir: string;
  bindAddress: string;
  port: number;
  /** Extra names accepted in the Host header (DNS-rebinding defence). */
  allowedHosts: string[];
  /** Set when the admin token comes from the environment instead of the state dir. */
  tokenFromEnv: string | null;
  production: boolean;
  /** Directory with the simulated host's executables (demo mode). */
  demoBinDir: string;
  demoStateFile: string;
  /** Where host files (e.g. MicroK8s addons.yaml) are read from: `/`, or the simulated host's tree. */
  hostRoot: string;
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes';
}

function defaultStateDir(): string {
  const xdg = process.env.XDG_STATE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'confinement-dashboard');
}

export function readSettings(env: Readonly<Record<string, string | undefined>> = process.env): Settings {
  const hostMode: HostMode = env.CONFINEMENT_DASHBOARD_HOST_MODE === 'demo' ? 'demo' : 'local';
  const stateDir = path.resolve(/*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_STATE_DIR || defaultStateDir());
  const port = Number.parseInt(env.PORT ?? '', 10);
  return {
    hostMode,
    sudoMode: flag(env.CONFINEMENT_DASHBOARD_SUDO),
    stateDir,
    bindAddress: env.CONFINEMENT_DASHBOARD_BIND || '127.0.0.1',
    port: Number.isInteger(port) && port > 0 ? port : 3000,
    allowedHosts: (env.CONFINEMENT_DASHBOARD_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    tokenFromEnv: env.CONFINEMENT_DASHBOARD_TOKEN || null,
    production: env.NODE_ENV === 'production',
    demoBinDir: path.resolve(/*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_DEMO_BIN || path.join(process.cwd(), 'demo', 'bin')),
    hostRoot: hostMode === 'demo' ? path.resolve(/*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_DEMO_ROOT || path.join(process.cwd(), 'demo', 'host-root')) : '/',
    demoStateFile: path.resolve(
      /*turbopackIgnore: true*/ env.CONFINEMENT_DASHBOARD_DEMO_STATE || path.join(stateDir, 'demo-host', 'state.json'),
    ),
  };
}

let cached: Settings | null = null;
export function settings(): Settings {
  cached ??= readSettings();
  return cached;
}
